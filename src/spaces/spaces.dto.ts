import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateBy, ValidationOptions } from 'class-validator';
import { PageQuery } from '../common/paging';
import { toStrictInteger } from '../common/query-int';
import type { SpaceRow, SpaceTreeRow } from './spaces.repository';

/** An integer in [min, max], with one message (naming the field and the value) when it is not. */
function IsIntInRange(min: number, max: number, accepted: string): PropertyDecorator {
  const options: ValidationOptions = {
    message: ({ property, value }) =>
      `${property} must be ${accepted}, got ${JSON.stringify(value)}`,
  };
  return ValidateBy(
    {
      name: 'isIntInRange',
      validator: {
        validate: (v: unknown) =>
          typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max,
      },
    },
    options,
  );
}

export class ListSpacesQuery extends PageQuery {
  @ApiPropertyOptional({
    description:
      'Case-insensitive substring of space_name. %, _ and \\ are matched literally, not as wildcards.',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ description: 'Rows to skip', minimum: 0, default: 0, type: 'integer' })
  @IsOptional()
  @Transform(toStrictInteger)
  @IsIntInRange(0, Number.MAX_SAFE_INTEGER, `an integer between 0 and ${Number.MAX_SAFE_INTEGER}`)
  skip?: number;
}

/** One row of the TIPPERS `space` table (the seed API's shape). */
export class SpaceResponse {
  @ApiProperty({ type: 'integer', example: 1234 })
  space_id: number;

  @ApiProperty({ type: String, nullable: true, example: 'Engineering Hall' })
  space_name: string | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 12 })
  parent_space_id: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'EH-1001' })
  building_room: string | null;
}

/** A space inside a subtree, with its distance from the requested root. */
export class SpaceTreeNodeResponse extends SpaceResponse {
  @ApiProperty({ type: 'integer', description: 'Edges from the requested root (root = 0)' })
  depth: number;
}

export function toSpaceResponse(row: SpaceRow): SpaceResponse {
  return {
    space_id: row.space_id,
    space_name: row.space_name,
    parent_space_id: row.parent_space_id,
    building_room: row.building_room,
  };
}

export function toSpaceTreeNodeResponse(row: SpaceTreeRow): SpaceTreeNodeResponse {
  return { ...toSpaceResponse(row), depth: row.depth };
}
