import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MODEL_FAMILIES, type ModelFamily } from '../../libs/classifiers/model';
import { IsBoundedText, IsId, IsIdList, Presence } from '../common/field.validators';
import type { ClassifierJobEntity } from './classifier-job.entity';

export class ClassifierConfigDto {
  @ApiPropertyOptional({ enum: ['max_confidence', 'entropy'], default: 'max_confidence' })
  @IsOptional()
  @IsIn(['max_confidence', 'entropy'], {
    message: 'config.threshold_method must be max_confidence or entropy',
  })
  threshold_method?: 'max_confidence' | 'entropy';

  @ApiPropertyOptional({
    default: 0.6,
    description:
      'max_confidence: keep labels whose probability is at least this; entropy: keep those whose normalised entropy is at most this',
  })
  @IsOptional()
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: 'config.threshold_value must be a number' },
  )
  @Min(0, { message: 'config.threshold_value must be in [0, 1]' })
  @Max(1, { message: 'config.threshold_value must be in [0, 1]' })
  threshold_value?: number;

  @ApiPropertyOptional({ type: 'integer', default: 10, example: 10 })
  @IsOptional()
  @IsInt({ message: 'config.min_labels_per_class must be an integer' })
  @Min(2, { message: 'config.min_labels_per_class must be at least 2' })
  @Max(1_000_000, { message: 'config.min_labels_per_class must be at most 1000000' })
  min_labels_per_class?: number;

  @ApiPropertyOptional({
    default: 3,
    description: 'The majority class is cut to this × the smallest class',
  })
  @IsOptional()
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: 'config.imbalance_factor must be a number' },
  )
  @Min(1, { message: 'config.imbalance_factor must be at least 1' })
  @Max(1_000_000, { message: 'config.imbalance_factor must be at most 1000000' })
  imbalance_factor?: number;

  @ApiPropertyOptional({ default: 0.2 })
  @IsOptional()
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: 'config.test_size must be a number' },
  )
  @Min(0.05, { message: 'config.test_size must be in [0.05, 0.9]' })
  @Max(0.9, { message: 'config.test_size must be in [0.05, 0.9]' })
  test_size?: number;

  @ApiPropertyOptional({ type: 'integer', default: 42, example: 42 })
  @IsOptional()
  @IsInt({ message: 'config.random_state must be an integer' })
  @Min(0, { message: 'config.random_state must be in [0, 2^32)' })
  @Max(4294967295, { message: 'config.random_state must be in [0, 2^32)' })
  random_state?: number;

  @ApiPropertyOptional({ enum: MODEL_FAMILIES, isArray: true, description: 'Default: all' })
  @IsOptional()
  @IsArray({ message: 'config.models must be a list of model families' })
  @ArrayMinSize(1, { message: 'config.models must name at least one family' })
  @ArrayUnique(undefined, { message: 'config.models must not repeat a family' })
  @IsIn(MODEL_FAMILIES, {
    each: true,
    message: `config.models may hold ${MODEL_FAMILIES.join(', ')}`,
  })
  models?: ModelFamily[];

  @ApiPropertyOptional({ enum: ['standard', 'minmax', 'none'], default: 'standard' })
  @IsOptional()
  @IsIn(['standard', 'minmax', 'none'], {
    message: 'config.scaling must be standard, minmax or none',
  })
  scaling?: 'standard' | 'minmax' | 'none';

  @ApiPropertyOptional({
    enum: ['accuracy', 'balanced_accuracy', 'weighted_f1'],
    default: 'weighted_f1',
  })
  @IsOptional()
  @IsIn(['accuracy', 'balanced_accuracy', 'weighted_f1'], {
    message: 'config.selection_metric must be accuracy, balanced_accuracy or weighted_f1',
  })
  selection_metric?: 'accuracy' | 'balanced_accuracy' | 'weighted_f1';

  @ApiPropertyOptional({
    default: false,
    description:
      "Then predict every entity of the Snorkel job's index with the registered version (a run of kind model_predict; its id in the results)",
    example: true,
  })
  @IsOptional()
  @IsBoolean({ message: 'config.predict_index must be true or false' })
  predict_index?: boolean;

  @ApiPropertyOptional({
    description: "The registry model the best is added to (default: '<concept> classifier')",
    example: 'device kind classifier',
  })
  @IsOptional()
  @IsBoundedText(200)
  model_name?: string;
}

export class CreateClassifierJobDto {
  @ApiProperty({
    type: 'integer',
    example: 1,
    description: 'A successful Snorkel job of the concept',
  })
  @Presence(false)
  @IsId('snorkel_job_id')
  snorkel_job_id: number;

  @ApiProperty({ type: 'integer', isArray: true, example: [1, 2] })
  @Presence(false)
  @IsIdList(200, true)
  feature_ids: number[];

  @ApiPropertyOptional({
    type: ClassifierConfigDto,
    example: { threshold_value: 0.6, random_state: 42 },
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClassifierConfigDto)
  config?: ClassifierConfigDto;
}

export class ClassifierJobResponse {
  @ApiProperty({ type: 'integer', example: 1 }) job_id: number;
  @ApiProperty({ type: 'integer', example: 1 }) c_id: number;
  @ApiProperty({ type: 'integer', example: 1 }) snorkel_job_id: number;
  @ApiProperty({ type: 'integer', isArray: true, example: [1, 2, 3] }) feature_ids: number[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { threshold_value: 0.6, random_state: 42 },
  })
  config: Record<string, unknown>;
  @ApiProperty({ example: 'SUCCESS' }) status: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '6f1c2a4e-8d0b-4c55-9a57-3e2f1b0c9d11',
  })
  run_id: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) error: string | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 1 }) model_id: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 1 }) model_version: number | null;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:30:00.000Z' }) created_at: string;
}

export class ClassifierResultsResponse {
  @ApiProperty({ type: 'integer', example: 1 }) job_id: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {
      best: 'random_forest',
      selection_metric: 'weighted_f1',
      rows: { total: 300, labelled: 290, confident: 270, used: 240, train: 192, test: 48 },
      families: [
        {
          family: 'random_forest',
          train_seconds: 0.4,
          metrics: { accuracy: 0.96 },
          gold_accuracy: 0.95,
        },
      ],
    },
  })
  results: Record<string, unknown>;
}

export function toClassifierJobResponse(
  j: ClassifierJobEntity,
  run?: { status: string; error: string | null },
): ClassifierJobResponse {
  return {
    job_id: j.jobId,
    c_id: j.cId,
    snorkel_job_id: j.snorkelJobId,
    feature_ids: j.featureIds,
    config: j.config as unknown as Record<string, unknown>,
    status: run?.status ?? 'QUEUED',
    run_id: j.runId,
    error: run?.error ?? null,
    model_id: j.modelId,
    model_version: j.modelVersion,
    created_at: j.createdAt.toISOString(),
  };
}
