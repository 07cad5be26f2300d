import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { AGGREGATIONS, ALLOWED_INTERVALS, type Aggregation } from '../../libs/occupancy-core';
import { PageQuery } from '../common/paging';
import { toStrictInteger } from '../common/query-int';
import { INT32_MAX } from '../common/parse-id.pipe';
import {
  DATASET_STATUSES,
  DatasetStatus,
  OccupancyDatasetEntity,
} from './occupancy-dataset.entity';

/** An optional `space_id` query parameter: a positive int32, else a 400 naming it. */
const OptionalSpaceIdQuery = (): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    Transform(toStrictInteger),
    IsInt({ message: 'space_id must be an integer' }),
    Min(1),
    Max(INT32_MAX),
  );

export class CreateDatasetDto {
  @ApiProperty({ example: 'Engineering Hall – Q1 2025' })
  @IsString()
  @Length(1, 255)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(INT32_MAX)
  root_space_id: number;

  @ApiPropertyOptional({
    example: '2025-01-01T00:00:00Z',
    description: 'Default: first session in the subtree',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  start_time?: string;

  @ApiPropertyOptional({
    example: '2025-04-01T00:00:00+02:00',
    description: 'Default: last session end in the subtree',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  end_time?: string;

  @ApiPropertyOptional({ enum: ALLOWED_INTERVALS, default: 3600 })
  @IsOptional()
  @IsInt()
  interval_seconds?: number;

  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 3650 })
  @IsOptional()
  @IsInt()
  chunk_days?: number;

  @ApiPropertyOptional({
    enum: AGGREGATIONS,
    default: 'sum',
    description:
      'sum: own devices added up the tree (the original); distinct: each device once per bin in the whole subtree',
  })
  @IsOptional()
  @IsIn(AGGREGATIONS, { message: `aggregation must be one of: ${AGGREGATIONS.join(', ')}` })
  aggregation?: Aggregation;

  @ApiPropertyOptional({ default: false, description: 'Recompute every overlapping chunk' })
  @IsOptional()
  @IsBoolean()
  force_overwrite?: boolean;
}

export class ListDatasetsQuery extends PageQuery {
  @ApiPropertyOptional()
  @OptionalSpaceIdQuery()
  space_id?: number;

  @ApiPropertyOptional({ enum: DATASET_STATUSES })
  @IsOptional()
  @IsIn(DATASET_STATUSES, { message: `status must be one of: ${DATASET_STATUSES.join(', ')}` })
  status?: DatasetStatus;
}

export class ResultsQuery {
  @ApiPropertyOptional({ description: 'Default: the dataset root' })
  @OptionalSpaceIdQuery()
  space_id?: number;

  @ApiPropertyOptional({ enum: ['json', 'csv', 'parquet'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'parquet'], { message: 'format must be one of: json, csv, parquet' })
  format?: 'json' | 'csv' | 'parquet';

  @ApiPropertyOptional({ enum: ['zero'], description: 'zero: every bin, 0 where nobody was' })
  @IsOptional()
  @IsIn(['zero'], { message: 'fill must be "zero" (or absent)' })
  fill?: 'zero';

  @ApiPropertyOptional({ description: 'Only bins starting at or after this instant (ISO-8601)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  start?: string;

  @ApiPropertyOptional({ description: 'Only bins starting before this instant (ISO-8601)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  end?: string;
}

export class DatasetResponse {
  @ApiProperty() dataset_id: number;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty() root_space_id: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) start_time: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) end_time: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) effective_start:
    string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) effective_end: string | null;
  @ApiProperty() interval_seconds: number;
  @ApiProperty() chunk_days: number;
  @ApiProperty({ enum: AGGREGATIONS }) aggregation: Aggregation;
  @ApiProperty({ enum: DATASET_STATUSES }) status: DatasetStatus;
  @ApiProperty() total_chunks: number;
  @ApiProperty() completed_chunks: number;
  @ApiProperty() failed_chunks: number;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) created_at: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completed_at: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString().replace('.000Z', 'Z') : null);

export function toDatasetResponse(d: OccupancyDatasetEntity): DatasetResponse {
  return {
    dataset_id: d.datasetId,
    name: d.name,
    description: d.description,
    root_space_id: d.rootSpaceId,
    start_time: iso(d.startTime),
    end_time: iso(d.endTime),
    effective_start: iso(d.effectiveStart),
    effective_end: iso(d.effectiveEnd),
    interval_seconds: d.intervalSeconds,
    chunk_days: d.chunkDays,
    aggregation: d.aggregation,
    status: d.status,
    total_chunks: d.totalChunks,
    completed_chunks: d.completedChunks,
    failed_chunks: d.failedChunks,
    error: d.error,
    created_at: iso(d.createdAt)!,
    completed_at: iso(d.completedAt),
  };
}
