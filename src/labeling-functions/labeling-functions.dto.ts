import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import {
  IsBoundedText,
  IsId,
  IsIdList,
  OptionalText,
  Presence,
  Trim,
} from '../common/field.validators';
import { MAX_DESCRIPTION } from '../concepts/concepts.dto';
import { LabelingFunctionEntity, LF_TYPES, LfType } from './labeling-function.entity';

/** Most classes one LF may vote. */
export const MAX_APPLICABLE = 100;

const CONFIG_DOC = {
  description:
    'By lf_type. `conditions`: `{label: cv_id, match?: "all"|"any", conditions: [{column, op, ' +
    'value?} | {all: [...]} | {any: [...]} | {not: {...}}]}`, ops `= != > >= < <= in not_in ' +
    'between is_null not_null contains regex`. `sql`: `{expression}`, a DuckDB expression over ' +
    'the rule row giving a cv_id or NULL. `code`: `{code}`, JavaScript defining ' +
    '`function labelingFunction(row)` that returns a cv_id constant or ABSTAIN. Checked against ' +
    "the rule's columns and the concept's values when saved (400 naming the problem).",
  type: 'object',
  additionalProperties: true,
  example: {
    label: 2,
    conditions: [{ column: 'night_share', op: '>=', value: 0.6 }],
  },
} as const;

export class CreateLabelingFunctionDto {
  @ApiProperty({ description: 'Unique in the concept (versions share it)', example: 'night owl' })
  @Presence(false)
  @Trim()
  @IsBoundedText(255)
  name: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, example: 'Seen mostly at night' })
  @OptionalText(MAX_DESCRIPTION)
  description?: string | null;

  @ApiProperty({ type: 'integer', example: 3, description: 'The rule whose rows it labels' })
  @Presence(false)
  @IsId('rule_id')
  rule_id: number;

  @ApiProperty({
    type: 'integer',
    isArray: true,
    example: [2],
    description: 'The concept values it may vote; any other answer counts as ABSTAIN',
  })
  @Presence(false)
  @IsIdList(MAX_APPLICABLE, true)
  applicable_cv_ids: number[];

  @ApiProperty({ enum: LF_TYPES, example: 'conditions' })
  @Presence(false)
  @IsIn(LF_TYPES, { message: `lf_type must be one of ${LF_TYPES.join(', ')}` })
  lf_type: LfType;

  @ApiProperty(CONFIG_DOC)
  @Presence(false)
  @IsObject({ message: 'lf_config must be an object' })
  lf_config: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Used by Snorkel jobs (default true)', example: true })
  @IsOptional()
  @IsBoolean({ message: 'is_active must be true or false' })
  is_active?: boolean;

  @ApiPropertyOptional({
    description: 'When true, jobs use it only after POST .../approve (admin). Default false.',
    example: false,
  })
  @IsOptional()
  @IsBoolean({ message: 'requires_approval must be true or false' })
  requires_approval?: boolean;
}

/** PUT/PATCH, and the changes of a new version: omitted fields keep their value. */
export class UpdateLabelingFunctionDto {
  @ApiPropertyOptional({ example: 'night owl' })
  @Presence(true)
  @Trim()
  @IsBoundedText(255)
  name?: string;

  @ApiPropertyOptional({ type: 'string', nullable: true })
  @OptionalText(MAX_DESCRIPTION)
  description?: string | null;

  @ApiPropertyOptional({ type: 'integer', example: 3 })
  @Presence(true)
  @IsId('rule_id')
  rule_id?: number;

  @ApiPropertyOptional({ type: 'integer', isArray: true, example: [2] })
  @Presence(true)
  @IsIdList(MAX_APPLICABLE, true)
  applicable_cv_ids?: number[];

  @ApiPropertyOptional({ enum: LF_TYPES })
  @Presence(true)
  @IsIn(LF_TYPES, { message: `lf_type must be one of ${LF_TYPES.join(', ')}` })
  lf_type?: LfType;

  @ApiPropertyOptional(CONFIG_DOC)
  @Presence(true)
  @IsObject({ message: 'lf_config must be an object' })
  lf_config?: Record<string, unknown>;

  @ApiPropertyOptional({ example: false })
  @Presence(true)
  @IsBoolean({ message: 'requires_approval must be true or false' })
  requires_approval?: boolean;
}

export class TestLabelingFunctionDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 1000,
    default: 100,
    description: "How many of the rule's first materialized rows to label",
  })
  @IsOptional()
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' })
  limit?: number;
}

export class LabelingFunctionResponse {
  @ApiProperty({ type: 'integer', example: 1 })
  lf_id: number;

  @ApiProperty({ type: 'integer', example: 1 })
  c_id: number;

  @ApiProperty({ example: 'night owl' })
  name: string;

  @ApiProperty({ type: 'string', nullable: true })
  description: string | null;

  @ApiProperty({ type: 'integer', example: 3 })
  rule_id: number;

  @ApiProperty({ type: 'integer', isArray: true, example: [2] })
  applicable_cv_ids: number[];

  @ApiProperty({ enum: LF_TYPES })
  lf_type: LfType;

  @ApiProperty(CONFIG_DOC)
  lf_config: Record<string, unknown>;

  @ApiProperty({ type: 'integer', example: 1 })
  version: number;

  @ApiProperty({ type: 'integer', nullable: true, example: null })
  parent_lf_id: number | null;

  @ApiProperty({ example: true })
  is_active: boolean;

  @ApiProperty({ example: false })
  requires_approval: boolean;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  approved_at: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  approved_by: string | null;

  @ApiProperty({
    description: 'Whether Snorkel jobs use it: active, and approved when approval is required',
  })
  usable: boolean;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  metrics: Record<string, unknown> | null;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ format: 'date-time' })
  updated_at: string;
}

export function toLfResponse(e: LabelingFunctionEntity): LabelingFunctionResponse {
  return {
    lf_id: e.lfId,
    c_id: e.cId,
    name: e.name,
    description: e.description,
    rule_id: e.ruleId,
    applicable_cv_ids: e.applicableCvIds,
    lf_type: e.lfType,
    lf_config: e.lfConfig,
    version: e.version,
    parent_lf_id: e.parentLfId,
    is_active: e.isActive,
    requires_approval: e.requiresApproval,
    approved_at: e.approvedAt ? e.approvedAt.toISOString() : null,
    approved_by: e.approvedBy,
    usable: e.isActive && (!e.requiresApproval || e.approvedAt !== null),
    metrics: e.metrics,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

export class LfTestRow {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The rule row' })
  row: Record<string, unknown>;

  @ApiProperty({ type: 'integer', example: 2, description: 'Its vote: a cv_id, or -1 (ABSTAIN)' })
  vote: number;
}

export class LfTestResponse {
  @ApiProperty({ type: 'integer', example: 100 })
  rows_tested: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { '2': 31, '-1': 69 },
    description: 'Votes per cv_id, and -1 for ABSTAIN',
  })
  counts: Record<string, number>;

  @ApiProperty({ type: 'integer', description: 'Rows where the LF failed (threw)' })
  errors: number;

  @ApiProperty({
    type: 'integer',
    description: 'Rows where it answered something other than ABSTAIN or an applicable value',
  })
  invalid: number;

  @ApiProperty({ type: 'string', isArray: true, description: 'The first problems, by row' })
  messages: string[];

  @ApiProperty({ type: LfTestRow, isArray: true })
  results: LfTestRow[];
}

export class LfTemplateColumn {
  @ApiProperty({ example: 'night_share' })
  name: string;

  @ApiProperty({ example: 'DOUBLE', description: 'Its DuckDB type' })
  type: string;
}

export class LfTemplateResponse {
  @ApiProperty({ enum: LF_TYPES })
  lf_type: LfType;

  @ApiProperty({ type: 'object', additionalProperties: true })
  lf_config: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'The constants a code LF sees: ABSTAIN and one per concept value',
    example: { ABSTAIN: -1, PHONE: 2, LAPTOP: 3 },
  })
  constants: Record<string, number>;

  @ApiProperty({ type: LfTemplateColumn, isArray: true, description: "The rule's columns" })
  columns: LfTemplateColumn[];
}
