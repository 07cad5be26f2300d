import { ApiProperty } from '@nestjs/swagger';

export class CatalogRun {
  @ApiProperty({ format: 'uuid' })
  run_id: string;
  @ApiProperty({ example: 'SUCCESS' })
  status: string;
  @ApiProperty({ format: 'date-time' })
  requested_at: string;
  @ApiProperty({ format: 'date-time', type: 'string', nullable: true })
  materialized_at: string | null;
  @ApiProperty({ type: 'string', nullable: true })
  error: string | null;
}

export class CatalogEntry {
  @ApiProperty({
    enum: ['index', 'rule', 'feature', 'labeling_function', 'snorkel_job', 'classifier_job'],
    example: 'rule',
  })
  asset_type: string;
  @ApiProperty({ type: 'integer', example: 3 })
  asset_id: number;
  @ApiProperty({ example: 'hours per day' })
  name: string;
  @ApiProperty({ type: 'integer', nullable: true, description: "A rule or feature's index" })
  index_id: number | null;
  @ApiProperty({
    example: 'SUCCESS',
    description:
      "SQL assets: NOT_MATERIALIZED, or their last run's status; jobs: DRAFT or their run's status; labeling functions: ACTIVE, INACTIVE or AWAITING_APPROVAL",
  })
  status: string;
  @ApiProperty({ type: 'integer', nullable: true })
  row_count: number | null;
  @ApiProperty({ type: 'string', nullable: true })
  storage_key: string | null;
  @ApiProperty({
    format: 'date-time',
    type: 'string',
    nullable: true,
    description: 'When its current data was built',
  })
  materialized_at: string | null;
  @ApiProperty({ type: CatalogRun, nullable: true })
  last_run: CatalogRun | null;
  @ApiProperty()
  stale: boolean;
  @ApiProperty({ type: [String], example: ['its index was re-materialized after it was built'] })
  stale_reasons: string[];
}

export class CatalogResponse {
  @ApiProperty({ type: 'integer' })
  c_id: number;
  @ApiProperty({ type: [CatalogEntry] })
  assets: CatalogEntry[];
}

export class CatalogStatsResponse {
  @ApiProperty({ type: 'integer' })
  c_id: number;
  @ApiProperty({ type: 'integer' })
  total_assets: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { index: 1, rule: 5, feature: 3 },
  })
  by_type: Record<string, number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { SUCCESS: 8, NOT_MATERIALIZED: 1 },
  })
  by_status: Record<string, number>;
  @ApiProperty({ type: 'integer', description: 'Assets with current data' })
  materialized: number;
  @ApiProperty({ type: 'integer' })
  stale: number;
  @ApiProperty({ type: 'integer', description: 'Rows of all current data' })
  total_rows: number;
  @ApiProperty({ format: 'date-time', type: 'string', nullable: true })
  last_materialized_at: string | null;
}
