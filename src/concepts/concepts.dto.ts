import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsBoundedText, OptionalText, Presence, Trim } from '../common/field.validators';
import { ConceptEntity } from './concept.entity';
import { ConceptValueEntity } from './concept-value.entity';

export const MAX_NAME = 255;
export const MAX_DESCRIPTION = 10_000;

const NAME_DOC = { description: 'Unique name (trimmed), 1..255 characters', maxLength: MAX_NAME };
const DESCRIPTION_DOC = {
  description: 'Free text, at most 10,000 characters; null clears it',
  type: 'string',
  nullable: true,
  maxLength: MAX_DESCRIPTION,
} as const;

const Description = () => OptionalText(MAX_DESCRIPTION);

export class CreateConceptDto {
  @ApiProperty({ ...NAME_DOC, example: 'device kind' })
  @Presence(false)
  @Trim()
  @IsBoundedText(MAX_NAME)
  name: string;

  @ApiPropertyOptional({ ...DESCRIPTION_DOC, example: 'What kind of device a MAC address is' })
  @Description()
  description?: string | null;
}

/** PUT (and PATCH): omitted fields keep their value. */
export class UpdateConceptDto {
  @ApiPropertyOptional({ ...NAME_DOC, example: 'device kind' })
  @Presence(true)
  @Trim()
  @IsBoundedText(MAX_NAME)
  name?: string;

  @ApiPropertyOptional(DESCRIPTION_DOC)
  @Description()
  description?: string | null;
}

export class ConceptResponse {
  @ApiProperty({ type: 'integer', example: 1 })
  c_id: number;

  @ApiProperty({ example: 'device kind' })
  name: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'What kind of device a MAC address is' })
  description: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-01-31T12:00:00.000Z' })
  created_at: string;

  @ApiProperty({ format: 'date-time', example: '2026-01-31T12:00:00.000Z' })
  updated_at: string;
}

export function toConceptResponse(e: ConceptEntity): ConceptResponse {
  return {
    c_id: e.cId,
    name: e.name,
    description: e.description,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

const ORDER_DOC = {
  description: 'Position among its siblings (ascending); default 0',
  type: 'integer',
  minimum: -1_000_000,
  maximum: 1_000_000,
  example: 1,
} as const;
const LEVEL_DOC = {
  description:
    "Depth in the value tree: 0 for a value without parent, the parent's level + 1 otherwise. " +
    'Computed; a value given here must agree',
  type: 'integer',
  minimum: 0,
  example: 0,
} as const;
const PARENT_DOC = {
  description: 'A value of the same concept this one refines (null: a top-level value)',
  type: 'integer',
  nullable: true,
  example: null,
} as const;

function DisplayOrder(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    IsInt({ message: '$property must be an integer' })(target, key);
    Min(-1_000_000)(target, key);
    Max(1_000_000)(target, key);
  };
}

function Level(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    IsInt({ message: '$property must be an integer' })(target, key);
    Min(0)(target, key);
    Max(1_000)(target, key);
  };
}

function ParentId(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    IsInt({ message: '$property must be an integer id or null' })(target, key);
    Min(1, { message: '$property must be a positive id' })(target, key);
    Max(2_147_483_647, { message: '$property must be a 32-bit id' })(target, key);
  };
}

export class CreateValueDto {
  @ApiProperty({
    description: 'Unique within the concept (trimmed), 1..255 characters',
    example: 'phone',
  })
  @Presence(false)
  @Trim()
  @IsBoundedText(MAX_NAME)
  name: string;

  @ApiPropertyOptional({ ...DESCRIPTION_DOC, example: 'A phone carried by a person' })
  @Description()
  description?: string | null;

  @ApiPropertyOptional(ORDER_DOC)
  @DisplayOrder()
  display_order?: number;

  @ApiPropertyOptional(LEVEL_DOC)
  @Level()
  level?: number;

  @ApiPropertyOptional(PARENT_DOC)
  @ParentId()
  parent_cv_id?: number | null;
}

/** PUT (and PATCH): omitted fields keep their value; parent_cv_id null makes it top-level. */
export class UpdateValueDto {
  @ApiPropertyOptional({ description: 'Unique within the concept', example: 'phone' })
  @Presence(true)
  @Trim()
  @IsBoundedText(MAX_NAME)
  name?: string;

  @ApiPropertyOptional(DESCRIPTION_DOC)
  @Description()
  description?: string | null;

  @ApiPropertyOptional(ORDER_DOC)
  @Presence(true)
  @DisplayOrder()
  display_order?: number;

  @ApiPropertyOptional(LEVEL_DOC)
  @Presence(true)
  @Level()
  level?: number;

  @ApiPropertyOptional(PARENT_DOC)
  @ParentId()
  parent_cv_id?: number | null;
}

export class ValueResponse {
  @ApiProperty({ type: 'integer', example: 1 })
  cv_id: number;

  @ApiProperty({ type: 'integer', example: 1 })
  c_id: number;

  @ApiProperty({ example: 'phone' })
  name: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'A phone carried by a person' })
  description: string | null;

  @ApiProperty({ type: 'integer', example: 0 })
  display_order: number;

  @ApiProperty({ type: 'integer', example: 0 })
  level: number;

  @ApiProperty({ type: 'integer', nullable: true, example: null })
  parent_cv_id: number | null;

  @ApiProperty({ format: 'date-time', example: '2026-01-31T12:00:00.000Z' })
  created_at: string;

  @ApiProperty({ format: 'date-time', example: '2026-01-31T12:00:00.000Z' })
  updated_at: string;
}

export class ValueTreeNode extends ValueResponse {
  @ApiProperty({
    type: () => [ValueTreeNode],
    description: 'Child values, by display_order then name',
  })
  children: ValueTreeNode[];
}

export function toValueResponse(e: ConceptValueEntity): ValueResponse {
  return {
    cv_id: e.cvId,
    c_id: e.cId,
    name: e.name,
    description: e.description,
    display_order: e.displayOrder,
    level: e.level,
    parent_cv_id: e.parentCvId,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

/** A 409 body's list of what depends on a row. */
export class DependentsResponse {
  @ApiProperty({ example: 409 })
  statusCode: number;

  @ApiProperty({ example: 'Conflict' })
  error: string;

  @ApiProperty({
    example:
      'concept 1 has dependents: index 3 "devices", rule 5 "hours per day"; delete them first or pass ?cascade=true',
  })
  message: string;

  @ApiProperty({
    description: 'What would be deleted with ?cascade=true',
    example: [{ type: 'index', id: 3, name: 'devices' }],
  })
  dependents: { type: string; id: number; name: string }[];
}
