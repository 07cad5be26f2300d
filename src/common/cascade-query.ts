import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

/** A strict boolean query flag: "true"/"1" or "false"/"0"; anything else stays and fails IsBoolean. */
export function toStrictBoolean({ value }: { value: unknown }): unknown {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
}

/** `?cascade=` of a delete: also delete what depends on the row (needs the admin role). */
export class CascadeQuery {
  @ApiPropertyOptional({
    type: 'boolean',
    default: false,
    description:
      'Also delete what depends on it (and their stored objects); needs the admin role. ' +
      'Without it, a delete of something with dependents is a 409 listing them.',
  })
  @IsOptional()
  @Transform(toStrictBoolean)
  @IsBoolean({ message: 'cascade must be true, false, 1 or 0' })
  cascade?: boolean;
}
