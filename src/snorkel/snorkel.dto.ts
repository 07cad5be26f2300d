import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { toStrictInteger } from '../common/query-int';
import {
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BadRequestException } from '@nestjs/common';
import { IsId, IsIdList, Presence } from '../common/field.validators';
import type { SnorkelJobEntity } from './snorkel-job.entity';

export class SnorkelConfigDto {
  @ApiPropertyOptional({ type: 'integer', default: 100, minimum: 0, maximum: 100000 })
  @IsOptional()
  @IsInt({ message: 'config.epochs must be an integer' })
  @Min(0, { message: 'config.epochs must be at least 0' })
  @Max(100_000, { message: 'config.epochs must be at most 100000' })
  epochs?: number;

  @ApiPropertyOptional({ default: 0.01, minimum: 1e-9, maximum: 10 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'config.lr must be a number' })
  @Min(1e-9, { message: 'config.lr must be above 0' })
  @Max(10, { message: 'config.lr must be at most 10' })
  lr?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 1000 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'config.l2 must be a number' })
  @Min(0, { message: 'config.l2 must be at least 0' })
  @Max(1000, { message: 'config.l2 must be at most 1000' })
  l2?: number;

  @ApiPropertyOptional({ type: 'integer', default: 0, description: 'NumPy-compatible seed' })
  @IsOptional()
  @IsInt({ message: 'config.seed must be an integer' })
  @Min(0, { message: 'config.seed must be at least 0' })
  @Max(4_294_967_295, { message: 'config.seed must be below 2^32' })
  seed?: number;

  @ApiPropertyOptional({ enum: ['softmax', 'hard_labels'], default: 'softmax' })
  @IsOptional()
  @IsIn(['softmax', 'hard_labels'], {
    message: 'config.output_type must be softmax or hard_labels',
  })
  output_type?: 'softmax' | 'hard_labels';

  @ApiPropertyOptional({ enum: ['abstain', 'random'], default: 'abstain' })
  @IsOptional()
  @IsIn(['abstain', 'random'], { message: 'config.tie_policy must be abstain or random' })
  tie_policy?: 'abstain' | 'random';

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { '2': 0.7, '3': 0.3 },
    description: 'P(value) by cv_id, for every value the LFs can vote; sums to 1',
  })
  @IsOptional()
  @IsObject({ message: 'config.class_balance must be an object of cv_id → probability' })
  class_balance?: Record<string, number>;
}

export class GoldDto {
  @ApiProperty({ type: 'integer', description: 'A rule of the same index' })
  @Presence(false)
  @IsId('gold.rule_id')
  rule_id: number;

  @ApiProperty({ description: 'Its column holding the true cv_id of each entity' })
  @Presence(false)
  @IsString({ message: 'gold.column must be a column name' })
  @Length(1, 255, { message: 'gold.column must be 1..255 characters' })
  column: string;
}

/** The Python original's `snorkel` block (legacy). */
export class LegacySnorkelDto {
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt({ message: 'snorkel.epochs must be an integer' })
  @Min(0, { message: 'snorkel.epochs must be at least 0' })
  @Max(100_000, { message: 'snorkel.epochs must be at most 100000' })
  epochs?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'snorkel.lr must be a number' })
  @Min(1e-9, { message: 'snorkel.lr must be above 0' })
  @Max(10, { message: 'snorkel.lr must be at most 10' })
  lr?: number;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Accepted and ignored: every entity is used',
  })
  @IsOptional()
  @IsInt({ message: 'snorkel.sample_size must be an integer' })
  @Min(1, { message: 'snorkel.sample_size must be at least 1' })
  sample_size?: number;

  @ApiPropertyOptional({ enum: ['softmax', 'hard_labels'] })
  @IsOptional()
  @IsIn(['softmax', 'hard_labels'], {
    message: 'snorkel.output_type must be softmax or hard_labels',
  })
  output_type?: 'softmax' | 'hard_labels';
}

export class CreateSnorkelJobDto {
  @ApiProperty({
    type: 'integer',
    example: 1,
    description: 'The index whose entities are labelled',
  })
  @ValidateIf((o: CreateSnorkelJobDto) => o.selectedIndex === undefined)
  @Presence(false)
  @IsId('index_id')
  index_id: number;

  @ApiPropertyOptional({
    type: 'integer',
    isArray: true,
    description: "Rules to use; the LFs' own rules are always used",
  })
  @IsOptional()
  @IsIdList(100)
  rule_ids?: number[];

  @ApiProperty({
    type: 'integer',
    isArray: true,
    example: [1, 2, 3],
    description: 'At least 3 usable LFs',
  })
  @ValidateIf((o: CreateSnorkelJobDto) => o.selectedLFs === undefined)
  @Presence(false)
  @IsIdList(200)
  @ArrayMinSize(1, { message: 'lf_ids must name the labeling functions to use' })
  lf_ids: number[];

  @ApiPropertyOptional({ type: SnorkelConfigDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SnorkelConfigDto)
  config?: SnorkelConfigDto;

  @ApiPropertyOptional({ type: GoldDto, description: 'Gold labels to score against' })
  @IsOptional()
  @ValidateNested()
  @Type(() => GoldDto)
  gold?: GoldDto;

  @ApiPropertyOptional({
    description: 'Save without running (POST …/execute later)',
    default: false,
  })
  @IsOptional()
  @IsBoolean({ message: 'draft must be true or false' })
  draft?: boolean;

  @ApiPropertyOptional({ type: 'integer', description: 'Legacy (the Python original): index_id' })
  @IsOptional()
  @IsId('selectedIndex')
  selectedIndex?: number;

  @ApiPropertyOptional({ type: 'integer', isArray: true, description: 'Legacy: rule_ids' })
  @IsOptional()
  @IsIdList(100)
  selectedRules?: number[];

  @ApiPropertyOptional({ type: 'integer', isArray: true, description: 'Legacy: lf_ids' })
  @IsOptional()
  @IsIdList(200)
  @ArrayMinSize(1, { message: 'selectedLFs must name the labeling functions to use' })
  selectedLFs?: number[];

  @ApiPropertyOptional({ type: LegacySnorkelDto, description: 'Legacy: config' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LegacySnorkelDto)
  snorkel?: LegacySnorkelDto;

  @ApiPropertyOptional({
    description:
      'Legacy: inline Python labeling functions. Not run here (400): save them as code LFs ' +
      '(JavaScript, POST …/labeling-functions) and name them in lf_ids.',
  })
  @IsOptional()
  code?: unknown;
}

/** The request in today's shape: the Python original's field names mapped over (400 for inline code). */
export function normalizeJobRequest(dto: CreateSnorkelJobDto): CreateSnorkelJobDto {
  if (dto.code !== undefined)
    throw new BadRequestException(
      'code: inline labeling functions (the Python original) are not run here; save them as code LFs (JavaScript) with POST /concepts/{c_id}/labeling-functions and name them in lf_ids',
    );
  const legacy = dto.snorkel;
  const config: SnorkelConfigDto | undefined =
    dto.config ??
    (legacy
      ? {
          ...(legacy.epochs !== undefined ? { epochs: legacy.epochs } : {}),
          ...(legacy.lr !== undefined ? { lr: legacy.lr } : {}),
          ...(legacy.output_type !== undefined ? { output_type: legacy.output_type } : {}),
        }
      : undefined);
  return {
    index_id: dto.index_id ?? dto.selectedIndex!,
    lf_ids: dto.lf_ids ?? dto.selectedLFs!,
    rule_ids: dto.rule_ids ?? dto.selectedRules,
    config,
    gold: dto.gold,
    draft: dto.draft,
  };
}

export class SnorkelJobResponse {
  @ApiProperty({ type: 'integer' })
  job_id: number;

  @ApiProperty({ type: 'integer' })
  c_id: number;

  @ApiProperty({ type: 'integer' })
  index_id: number;

  @ApiProperty({ type: 'integer', isArray: true })
  rule_ids: number[];

  @ApiProperty({ type: 'integer', isArray: true })
  lf_ids: number[];

  @ApiProperty({ type: 'object', additionalProperties: true })
  config: Record<string, unknown>;

  @ApiProperty({ type: GoldDto, nullable: true })
  gold: GoldDto | null;

  @ApiProperty({
    example: 'SUCCESS',
    description:
      "DRAFT before it is executed, then its run's status (QUEUED, STARTED, SUCCESS, FAILURE, CANCELING, CANCELED)",
  })
  status: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  run_id: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: 'snorkel/job_1/….parquet' })
  storage_key: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  error: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ format: 'date-time' })
  updated_at: string;
}

export function toJobResponse(
  job: SnorkelJobEntity,
  run: { status: string; error: string | null } | undefined,
): SnorkelJobResponse {
  return {
    job_id: job.jobId,
    c_id: job.cId,
    index_id: job.indexId,
    rule_ids: job.ruleIds,
    lf_ids: job.lfIds,
    config: job.config as unknown as Record<string, unknown>,
    gold: job.gold,
    status: job.runId ? (run?.status ?? 'UNKNOWN') : 'DRAFT',
    run_id: job.runId,
    storage_key: job.storageKey,
    error: run?.error ?? null,
    created_at: job.createdAt.toISOString(),
    updated_at: job.updatedAt.toISOString(),
  };
}

export class SnorkelResultsQuery {
  @ApiPropertyOptional({ description: 'Add a page of the predictions', default: false })
  @IsOptional()
  @IsIn(['true', 'false', '1', '0'], { message: 'include_predictions must be true or false' })
  include_predictions?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10000, default: 100 })
  @IsOptional()
  @Transform(toStrictInteger)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(10_000, { message: 'limit must be at most 10000' })
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, description: 'Rows to skip' })
  @IsOptional()
  @Transform(toStrictInteger)
  @IsInt({ message: 'offset must be an integer' })
  @Min(0, { message: 'offset must be at least 0' })
  @Max(2_147_483_647, { message: 'offset is too large' })
  offset?: number;
}

export class SnorkelResultsResponse {
  @ApiProperty({ type: 'integer' })
  job_id: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'entities, classes, coverage, overlap, class_balance, class_distribution, lf_summary ' +
      '(per LF: polarity, coverage, overlaps, conflicts, learned_weight, errors; with gold: ' +
      'correct, incorrect, empirical_accuracy), gold (accuracy, majority_vote_accuracy, per_class)',
  })
  results: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'With include_predictions: entity key, p_<cv_id> per value, label, confidence',
  })
  predictions?: Record<string, unknown>[];
}
