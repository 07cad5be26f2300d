import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { PageQuery } from '../common/paging';
import { toStrictInteger } from '../common/query-int';
import { BadRequestException } from '@nestjs/common';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import {
  IsBoundedText,
  IsId,
  IsIdList,
  OptionalText,
  Presence,
  shown,
} from '../common/field.validators';
import type { ModelPredictionEntity } from './model-prediction.entity';
import type { ModelEntity } from './model.entity';
import { MODEL_STAGES, type ModelStage, type ModelVersionEntity } from './model-version.entity';

/** Tags: at most 50 string → string pairs (keys ≤ 100, values ≤ 1000 characters). */
function IsTags(): PropertyDecorator {
  return ValidateBy({
    name: 'isTags',
    validator: {
      validate: (v: unknown) =>
        v === undefined ||
        (typeof v === 'object' &&
          v !== null &&
          !Array.isArray(v) &&
          Object.keys(v).length <= 50 &&
          Object.entries(v).every(
            ([k, x]) =>
              k.length >= 1 && k.length <= 100 && typeof x === 'string' && x.length <= 1000,
          )),
      defaultMessage: (a?: ValidationArguments) =>
        `${a?.property} must be an object of at most 50 string values (keys 1..100, values ≤ 1000 characters), got ${shown(a?.value)}`,
    },
  });
}

export class CreateModelDto {
  @ApiProperty({ example: 'device kind classifier' })
  @Presence(false)
  @IsBoundedText(200)
  name: string;

  @ApiPropertyOptional({ example: 'Predicts phone / laptop / printer from usage features' })
  @IsOptional()
  @OptionalText(10_000)
  description?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { team: 'facilities' },
  })
  @IsOptional()
  @IsTags()
  tags?: Record<string, string>;

  @ApiPropertyOptional({ enum: ['public', 'private'], default: 'public', example: 'public' })
  @IsOptional()
  @IsIn(['public', 'private'], { message: 'visibility must be public or private' })
  visibility?: 'public' | 'private';

  @ApiPropertyOptional({
    type: 'integer',
    description: 'The concept whose values it predicts',
    example: 1,
  })
  @IsOptional()
  @IsId('c_id')
  c_id?: number;
}

export class UpdateModelDto {
  @ApiPropertyOptional({ example: 'device kind classifier' })
  @IsOptional()
  @IsBoundedText(200)
  name?: string;

  @ApiPropertyOptional({ example: 'Trained on Snorkel job 1' })
  @IsOptional()
  @OptionalText(10_000)
  description?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { team: 'facilities' },
  })
  @IsOptional()
  @IsTags()
  tags?: Record<string, string>;

  @ApiPropertyOptional({ enum: ['public', 'private'], example: 'public' })
  @IsOptional()
  @IsIn(['public', 'private'], { message: 'visibility must be public or private' })
  visibility?: 'public' | 'private';
}

export class UpdateVersionDto {
  @ApiPropertyOptional({ enum: MODEL_STAGES, example: 'production' })
  @IsOptional()
  @IsIn(MODEL_STAGES, { message: `stage must be one of ${MODEL_STAGES.join(', ')}` })
  stage?: ModelStage;

  @ApiPropertyOptional({ example: 'Trained on Snorkel job 1' })
  @IsOptional()
  @OptionalText(10_000)
  description?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { reviewed: 'yes' },
  })
  @IsOptional()
  @IsTags()
  tags?: Record<string, string>;
}

/** Paging plus the filters of the model list (one DTO: the pipe refuses unknown fields). */
export class ListModelsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['public', 'private'], example: 'public' })
  @IsOptional()
  @IsIn(['public', 'private'], { message: 'visibility must be public or private' })
  visibility?: 'public' | 'private';

  @ApiPropertyOptional({
    type: 'integer',
    example: 1,
    description: 'Only the models of this concept',
  })
  @IsOptional()
  @Transform(toStrictInteger)
  @IsId('c_id')
  c_id?: number;
}

/**
 * The form fields that go with an uploaded artifact (multipart/form-data, all text): for a new
 * model its name and the rest of CreateModelDto; for any upload the ONNX model's feature and
 * class names (JSON arrays or comma-separated) and the version's stage and description.
 */
export class UploadFieldsDto {
  @ApiPropertyOptional({
    type: 'string',
    format: 'binary',
    description: 'The artifact: ONNX or tippers-classifier JSON',
  })
  file?: unknown;

  @ApiPropertyOptional({
    description: 'New model: its name (required with POST /models)',
    example: 'device kind classifier',
  })
  name?: string;

  @ApiPropertyOptional({ example: 'Trained on Snorkel job 1' })
  description?: string;

  @ApiPropertyOptional({
    description: 'JSON object of string tags',
    example: { team: 'facilities' },
  })
  tags?: string;

  @ApiPropertyOptional({ enum: ['public', 'private'], example: 'public' })
  visibility?: string;

  @ApiPropertyOptional({
    description:
      'ONNX: input names in order, e.g. ["sessions","night_share"] or sessions,night_share',
    example: '["sessions", "night_share"]',
  })
  features?: string;

  @ApiPropertyOptional({
    description: 'ONNX: class names in output order',
    example: 'phone,laptop,printer',
  })
  classes?: string;

  @ApiPropertyOptional({ enum: MODEL_STAGES, example: 'production' })
  stage?: string;
}

/** The multipart fields, checked by hand (they arrive as text). */
export function parseUploadFields(raw: Record<string, unknown>): {
  model: Partial<CreateModelDto>;
  features?: string[];
  classes?: string[];
  stage?: ModelStage;
  description?: string;
} {
  const text = (name: string, max: number): string | undefined => {
    const v = raw[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.length > max || v.includes('\u0000'))
      throw new BadRequestException(
        `${name} must be text of at most ${max} characters, without NUL characters`,
      );
    return v;
  };
  const list = (name: string): string[] | undefined => {
    const v = text(name, 1_000_000)?.trim();
    if (v === undefined || v === '') return undefined;
    let items: unknown;
    if (v.startsWith('[')) {
      try {
        items = JSON.parse(v);
      } catch {
        throw new BadRequestException(
          `${name} must be a JSON array of names or comma-separated names`,
        );
      }
    } else items = v.split(',').map((s) => s.trim());
    if (
      !Array.isArray(items) ||
      items.length > 10_000 ||
      !items.every((s) => typeof s === 'string' && s.length >= 1 && s.length <= 200)
    )
      throw new BadRequestException(`${name} must be 1..10000 names of 1..200 characters`);
    return items as string[];
  };
  const tagsText = text('tags', 100_000);
  let tags: Record<string, string> | undefined;
  if (tagsText !== undefined) {
    try {
      tags = JSON.parse(tagsText) as Record<string, string>;
    } catch {
      throw new BadRequestException('tags must be a JSON object of strings');
    }
    if (
      typeof tags !== 'object' ||
      tags === null ||
      Array.isArray(tags) ||
      Object.keys(tags).length > 50 ||
      !Object.values(tags).every((x) => typeof x === 'string' && x.length <= 1000)
    )
      throw new BadRequestException('tags must be a JSON object of at most 50 strings');
  }
  const visibility = text('visibility', 16);
  if (visibility !== undefined && !['public', 'private'].includes(visibility))
    throw new BadRequestException('visibility must be public or private');
  const stage = text('stage', 16);
  if (stage !== undefined && !MODEL_STAGES.includes(stage as ModelStage))
    throw new BadRequestException(`stage must be one of ${MODEL_STAGES.join(', ')}`);
  const name = text('name', 200);
  if (name !== undefined && !name.trim()) throw new BadRequestException('name must not be blank');
  const description = text('description', 10_000);
  return {
    model: { name, description, tags, visibility: visibility as 'public' | 'private' | undefined },
    features: list('features'),
    classes: list('classes'),
    stage: stage as ModelStage | undefined,
    description,
  };
}

export class PredictDto {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'Default: the newest production version, else the newest not archived',
    example: 1,
  })
  @IsOptional()
  @IsId('version')
  version?: number;

  @ApiPropertyOptional({
    enum: MODEL_STAGES,
    description: 'The newest version in this stage',
    example: 'production',
  })
  @IsOptional()
  @IsIn(MODEL_STAGES, { message: `stage must be one of ${MODEL_STAGES.join(', ')}` })
  stage?: ModelStage;

  @ApiPropertyOptional({
    description: 'Rows to predict now (≤ 10000): one object per row, input name → number',
    example: [{ sessions: 24, night_share: 0.1, roams: false }],
  })
  @IsOptional()
  @IsArray({ message: 'rows must be an array of objects' })
  @ArrayMinSize(1, { message: 'rows must hold at least one row' })
  @ArrayMaxSize(10_000, {
    message: 'rows may hold at most 10000 rows: predict a whole index instead',
  })
  @IsObject({ each: true, message: 'rows must be an array of objects' })
  rows?: Record<string, unknown>[];

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Predict every entity of this index (a run)',
    example: 1,
  })
  @IsOptional()
  @IsId('index_id')
  index_id?: number;

  @ApiPropertyOptional({
    type: 'integer',
    isArray: true,
    description: 'The features giving the inputs (default: those the model was trained on)',
    example: [1, 2, 3],
  })
  @IsOptional()
  @IsIdList(200, true)
  feature_ids?: number[];

  @ApiPropertyOptional({
    type: 'integer',
    description: "The index's concept (default: the model's)",
    example: 1,
  })
  @IsOptional()
  @IsId('c_id')
  c_id?: number;
}

export class ModelVersionResponse {
  @ApiProperty({ type: 'integer', example: 1 }) model_id: number;
  @ApiProperty({ type: 'integer', example: 1 }) version: number;
  @ApiProperty({ enum: ['tippers', 'onnx'], example: 'tippers' }) format: string;
  @ApiProperty({ enum: MODEL_STAGES, example: 'production' }) stage: string;
  @ApiProperty({ example: 'Trained on Snorkel job 1' }) description: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { team: 'facilities' },
  })
  tags: Record<string, string>;
  @ApiProperty({ example: [{ name: 'sessions', feature_id: 2, column: 'sessions' }] })
  features: Record<string, unknown>[];
  @ApiProperty({ example: [{ index: 0, cv_id: 1, name: 'phone' }] })
  classes: Record<string, unknown>[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { accuracy: 0.97, balanced_accuracy: 0.96, weighted_f1: 0.97 },
  })
  metrics: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { classifier_job_id: 1, family: 'random_forest' },
  })
  source: Record<string, unknown>;
  @ApiProperty({ example: 'models/model_1/….json' }) storage_key: string;
  @ApiProperty({ type: 'integer', example: 48213 }) size_bytes: number;
  @ApiProperty({ example: '9f2c…' }) sha256: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:30:00.000Z' }) created_at: string;
}

export class ModelResponse {
  @ApiProperty({ type: 'integer', example: 1 }) model_id: number;
  @ApiProperty({ example: 'device kind classifier' }) name: string;
  @ApiProperty({ example: 'Trained on Snorkel job 1' }) description: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { team: 'facilities' },
  })
  tags: Record<string, string>;
  @ApiProperty({ enum: ['public', 'private'], example: 'public' }) visibility: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 1 }) c_id: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The newest version', example: 2 })
  latest_version: number | null;
  @ApiProperty({ type: ModelVersionResponse, isArray: true }) versions: ModelVersionResponse[];
  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:30:00.000Z' }) created_at: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:30:00.000Z' }) updated_at: string;
}

export class PredictionResponse {
  @ApiProperty({ type: 'integer', example: 1 }) prediction_id: number;
  @ApiProperty({ type: 'integer', example: 1 }) model_id: number;
  @ApiProperty({ type: 'integer', example: 1 }) version: number;
  @ApiProperty({ type: 'integer', example: 1 }) index_id: number;
  @ApiProperty({ type: 'integer', isArray: true, example: [1, 2, 3] }) feature_ids: number[];
  @ApiProperty({ format: 'uuid', example: '6f1c2a4e-8d0b-4c55-9a57-3e2f1b0c9d11' }) run_id: string;
  @ApiProperty({ example: 'SUCCESS' }) status: string;
  @ApiProperty({ type: String, nullable: true, example: null }) error: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'predictions/model_1/6f1c2a4e-….parquet' })
  storage_key: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: { rows: 400, unpredicted: 0, model_version: 1, key_column: 'mac_address' },
  })
  results: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:30:00.000Z' }) created_at: string;
}

export function toVersionResponse(v: ModelVersionEntity): ModelVersionResponse {
  return {
    model_id: v.modelId,
    version: v.version,
    format: v.format,
    stage: v.stage,
    description: v.description,
    tags: v.tags,
    features: v.features as unknown as Record<string, unknown>[],
    classes: v.classes as unknown as Record<string, unknown>[],
    metrics: v.metrics,
    source: v.source,
    storage_key: v.storageKey,
    size_bytes: Number(v.sizeBytes),
    sha256: v.sha256,
    created_at: v.createdAt.toISOString(),
  };
}

export function toModelResponse(m: ModelEntity, versions: ModelVersionEntity[]): ModelResponse {
  return {
    model_id: m.modelId,
    name: m.name,
    description: m.description,
    tags: m.tags,
    visibility: m.visibility,
    c_id: m.cId,
    latest_version: versions.length ? versions[versions.length - 1].version : null,
    versions: versions.map(toVersionResponse),
    created_at: m.createdAt.toISOString(),
    updated_at: m.updatedAt.toISOString(),
  };
}

export function toPredictionResponse(
  p: ModelPredictionEntity,
  run: { status: string; error: string | null },
): PredictionResponse {
  return {
    prediction_id: p.predictionId,
    model_id: p.modelId,
    version: p.version,
    index_id: p.indexId,
    feature_ids: p.featureIds,
    run_id: p.runId,
    status: run.status,
    error: run.error,
    storage_key: p.storageKey,
    results: p.results,
    created_at: p.createdAt.toISOString(),
  };
}
