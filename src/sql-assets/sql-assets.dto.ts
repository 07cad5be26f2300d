import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_SQL_LENGTH } from '../../libs/sql-guard';
import { toStrictInteger } from '../common/query-int';
import { IsBoundedText, IsId, OptionalText, Presence, Trim } from '../common/field.validators';
import { MAX_DESCRIPTION } from '../concepts/concepts.dto';
import type { MaterializationEntity } from '../materializations/materialization.entity';
import type { MaterializationWithRun } from '../materializations/materializations.repository';
import type { OutputColumn } from './sql-asset.columns';

const Sql = () => (target: object, key: string | symbol) => {
  IsString({ message: '$property must be a string' })(target, key);
  MaxLength(MAX_SQL_LENGTH, { message: `$property must be at most ${MAX_SQL_LENGTH} characters` })(
    target,
    key,
  );
};
const Description = () => OptionalText(MAX_DESCRIPTION);

const SQL_DOC = {
  description:
    "One read-only query (SELECT or WITH ... SELECT), checked with PostgreSQL's parser and run " +
    'inside BEGIN READ ONLY with a statement timeout. Rules and features may use ' +
    "`:index_values` (e.g. `WHERE mac IN :index_values`): the index's keys, bound as data.",
  maxLength: MAX_SQL_LENGTH,
};
const COLUMN_DOC = { description: "A column of the query's output", maxLength: 255 };

export class LabelFilterDto {
  @ApiProperty({
    type: 'integer',
    isArray: true,
    example: [2],
    description: 'Labels to keep (cv_ids)',
  })
  @IsArray({ message: 'label_filter.cv_ids must be a list of cv_ids' })
  @ArrayMinSize(1, { message: 'label_filter.cv_ids must name at least one value' })
  @ArrayMaxSize(127, { message: 'label_filter.cv_ids may name at most 127 values' })
  @IsInt({ each: true, message: 'label_filter.cv_ids must hold integer cv_ids' })
  @Min(1, { each: true, message: 'label_filter.cv_ids must hold positive cv_ids' })
  @Max(2_147_483_647, { each: true, message: 'label_filter.cv_ids must hold 32-bit cv_ids' })
  cv_ids: number[];

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0, description: 'Least confidence kept' })
  @IsOptional()
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: 'label_filter.min_confidence must be a number' },
  )
  @Min(0, { message: 'label_filter.min_confidence must be at least 0' })
  @Max(1, { message: 'label_filter.min_confidence must be at most 1' })
  min_confidence?: number;
}

export class DerivedFromDto {
  @ApiProperty({ type: 'integer', example: 1, description: 'A Snorkel job of the concept' })
  @Presence(false)
  @IsId('derived_from.job_id')
  job_id: number;

  @ApiProperty({ type: LabelFilterDto })
  @Presence(false)
  @ValidateNested()
  @Type(() => LabelFilterDto)
  label_filter: LabelFilterDto;
}

const DERIVED_DOC = {
  type: DerivedFromDto,
  description:
    'A derived index: the entities a Snorkel job labelled with one of `label_filter.cv_ids` at ' +
    'a confidence ≥ `min_confidence`. Give it instead of conn_id, sql_query and key_column ' +
    "(they are the job's index's).",
};

export class CreateIndexDto {
  @ApiProperty({ description: 'Unique in the concept', example: 'devices' })
  @Presence(false)
  @Trim()
  @IsBoundedText(255)
  name: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, example: 'Every MAC address seen' })
  @Description()
  description?: string | null;

  @ApiProperty({ type: 'integer', example: 1, description: 'The connection the SQL runs on' })
  @ValidateIf((o: CreateIndexDto) => o.derived_from === undefined || o.conn_id !== undefined)
  @Presence(false)
  @IsId('conn_id')
  conn_id: number;

  @ApiProperty({ ...SQL_DOC, example: 'SELECT DISTINCT mac FROM wifi_sessions' })
  @ValidateIf((o: CreateIndexDto) => o.derived_from === undefined || o.sql_query !== undefined)
  @Presence(false)
  @Sql()
  sql_query: string;

  @ApiProperty({
    ...COLUMN_DOC,
    example: 'mac',
    description: 'The output column holding the entity key',
  })
  @ValidateIf((o: CreateIndexDto) => o.derived_from === undefined || o.key_column !== undefined)
  @Presence(false)
  @IsBoundedText(255)
  key_column: string;

  @ApiPropertyOptional(DERIVED_DOC)
  @IsOptional()
  @ValidateNested()
  @Type(() => DerivedFromDto)
  derived_from?: DerivedFromDto;
}

export class UpdateIndexDto {
  @ApiPropertyOptional({ example: 'devices' })
  @Presence(true)
  @Trim()
  @IsBoundedText(255)
  name?: string;

  @ApiPropertyOptional({ type: 'string', nullable: true })
  @Description()
  description?: string | null;

  @ApiPropertyOptional({ type: 'integer', example: 1 })
  @Presence(true)
  @IsId('conn_id')
  conn_id?: number;

  @ApiPropertyOptional({ ...SQL_DOC, example: 'SELECT DISTINCT mac FROM wifi_sessions' })
  @Presence(true)
  @Sql()
  sql_query?: string;

  @ApiPropertyOptional({ ...COLUMN_DOC, example: 'mac' })
  @Presence(true)
  @IsBoundedText(255)
  key_column?: string;

  @ApiPropertyOptional({ ...DERIVED_DOC, description: 'A derived index: its new job or filter' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DerivedFromDto)
  derived_from?: DerivedFromDto;
}

export class CreateKeyedAssetDto {
  @ApiProperty({ description: 'Unique in the concept among its kind', example: 'hours per day' })
  @Presence(false)
  @Trim()
  @IsBoundedText(255)
  name: string;

  @ApiPropertyOptional({ type: 'string', nullable: true })
  @Description()
  description?: string | null;

  @ApiProperty({ type: 'integer', example: 1, description: 'An index of the same concept' })
  @Presence(false)
  @IsId('index_id')
  index_id: number;

  @ApiProperty({
    ...SQL_DOC,
    example:
      'SELECT mac, count(*) AS sessions FROM wifi_sessions WHERE mac IN :index_values GROUP BY mac',
  })
  @Presence(false)
  @Sql()
  sql_query: string;

  @ApiProperty({
    ...COLUMN_DOC,
    example: 'mac',
    description: 'The output column holding the entity key',
  })
  @Presence(false)
  @IsBoundedText(255)
  index_column: string;
}

export class UpdateKeyedAssetDto {
  @ApiPropertyOptional({ example: 'hours per day' })
  @Presence(true)
  @Trim()
  @IsBoundedText(255)
  name?: string;

  @ApiPropertyOptional({ type: 'string', nullable: true })
  @Description()
  description?: string | null;

  @ApiPropertyOptional({ type: 'integer', example: 1 })
  @Presence(true)
  @IsId('index_id')
  index_id?: number;

  @ApiPropertyOptional(SQL_DOC)
  @Presence(true)
  @Sql()
  sql_query?: string;

  @ApiPropertyOptional({ ...COLUMN_DOC, example: 'mac' })
  @Presence(true)
  @IsBoundedText(255)
  index_column?: string;
}

export class OutputColumnDoc {
  @ApiProperty({ example: 'mac' })
  name: string;
  @ApiProperty({ example: 'character varying(17)', description: "PostgreSQL's type" })
  pg_type: string;
  @ApiProperty({ example: 'VARCHAR', description: 'The Parquet (DuckDB) type it is stored as' })
  type: string;
}

/** One build of an asset. */
export class MaterializationResponse {
  @ApiProperty({ format: 'uuid' })
  run_id: string;

  @ApiProperty({
    example: 'SUCCESS',
    description:
      "QUEUED, STARTED or CANCELING while in flight (the run's), then SUCCESS, FAILURE or CANCELED",
  })
  status: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'indexes/index_1/6f1c....parquet' })
  storage_key: string | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 400 })
  row_count: number | null;

  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description:
      'Per column: type, null_count; numeric min/max/mean/std (NaN and infinities counted apart); else unique_count and top_values',
  })
  column_stats: Record<string, unknown> | null;

  @ApiProperty({ format: 'date-time' })
  requested_at: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: 'string' })
  materialized_at: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  error: string | null;

  @ApiProperty({
    type: 'boolean',
    description: 'Its object was found missing (a new build was requested)',
  })
  object_lost: boolean;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The definition it was built from',
  })
  definition: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Input → the run id of the input build it read',
  })
  inputs: Record<string, string | null>;
}

export function toMaterializationResponse(
  m: MaterializationEntity | MaterializationWithRun,
): MaterializationResponse {
  const live = 'runStatus' in m && m.status === 'PENDING' ? m.runStatus : null;
  return {
    run_id: m.runId,
    status: live ?? (m.status === 'PENDING' ? 'QUEUED' : m.status),
    storage_key: m.status === 'SUCCESS' ? m.storageKey : null,
    row_count: m.rowCount === null ? null : Number(m.rowCount),
    column_stats: m.columnStats,
    requested_at: m.requestedAt.toISOString(),
    materialized_at: m.materializedAt?.toISOString() ?? null,
    error: m.error,
    object_lost: m.objectLostAt !== null,
    definition: m.definition,
    inputs: m.inputs,
  };
}

class AssetResponseBase {
  @ApiProperty({ type: 'integer' })
  c_id: number;
  @ApiProperty({ example: 'devices' })
  name: string;
  @ApiProperty({ type: 'string', nullable: true })
  description: string | null;
  @ApiProperty({ example: 'SELECT DISTINCT mac FROM wifi_sessions' })
  sql_query: string;
  @ApiProperty({
    type: [OutputColumnDoc],
    description: 'The output columns, as described when the SQL was saved',
  })
  columns: OutputColumn[];
  @ApiProperty({ type: 'integer', description: 'Grows with every change of the definition' })
  definition_version: number;
  @ApiProperty({
    example: 'SUCCESS',
    description: 'NOT_MATERIALIZED, or the status of its last materialization',
  })
  status: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Rows of its current data' })
  row_count: number | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Object key of its current data' })
  storage_key: string | null;
  @ApiProperty({
    description: 'Its current data was built from another definition or older inputs',
  })
  stale: boolean;
  @ApiProperty({ type: [String], example: [] })
  stale_reasons: string[];
  @ApiProperty({
    type: MaterializationResponse,
    nullable: true,
    description: 'Its last materialization',
  })
  last_materialization: MaterializationResponse | null;
  @ApiProperty({
    type: MaterializationResponse,
    nullable: true,
    description: 'The build its current data comes from',
  })
  current_materialization: MaterializationResponse | null;
  @ApiProperty({ format: 'date-time' })
  created_at: string;
  @ApiProperty({ format: 'date-time' })
  updated_at: string;
}

export class DerivedFromResponse {
  @ApiProperty({ type: 'integer' })
  job_id: number;
  @ApiProperty({ type: 'integer', isArray: true })
  cv_ids: number[];
  @ApiProperty()
  min_confidence: number;
}

export class IndexResponse extends AssetResponseBase {
  @ApiProperty({ type: 'integer' })
  index_id: number;
  @ApiProperty({ type: 'integer' })
  conn_id: number;
  @ApiProperty({ example: 'mac' })
  key_column: string;
  @ApiProperty({
    type: DerivedFromResponse,
    nullable: true,
    description: 'For a derived index: the Snorkel job and label filter its entities come from',
  })
  derived_from: DerivedFromResponse | null;
}

/** What rules and features share: their index and its key column in their output. */
class KeyedAssetResponse extends AssetResponseBase {
  @ApiProperty({ type: 'integer' })
  index_id: number;
  @ApiProperty({ example: 'mac' })
  index_column: string;
}

export class RuleResponse extends KeyedAssetResponse {
  @ApiProperty({ type: 'integer' })
  r_id: number;
}

export class FeatureResponse extends KeyedAssetResponse {
  @ApiProperty({ type: 'integer' })
  feature_id: number;
}

export class MaterializeResponse {
  @ApiProperty({ format: 'uuid' })
  run_id: string;
  @ApiProperty({ example: 'QUEUED' })
  status: string;
}

export class PreviewQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 50 })
  @IsOptional()
  @Transform(toStrictInteger)
  @IsInt({ message: 'limit must be an integer from 1 to 1000' })
  @Min(1, { message: 'limit must be an integer from 1 to 1000' })
  @Max(1000, { message: 'limit must be an integer from 1 to 1000' })
  limit?: number;
}

export class PreviewResponse {
  @ApiProperty({ type: [OutputColumnDoc] })
  columns: OutputColumn[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  rows: Record<string, unknown>[];
  @ApiProperty({
    enum: ['materialized', 'live'],
    description: 'From the current Parquet, or a live LIMITed query',
  })
  source: 'materialized' | 'live';
  @ApiProperty({
    type: 'string',
    nullable: true,
    format: 'uuid',
    description: 'The build read (materialized)',
  })
  run_id: string | null;
}
