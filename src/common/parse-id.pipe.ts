import { BadRequestException, Injectable, PipeTransform, ArgumentMetadata } from '@nestjs/common';

/** The largest id: PostgreSQL `integer`. */
export const INT32_MAX = 2_147_483_647;

/**
 * Parses a path id: a positive integer that fits PostgreSQL's `integer`. Anything else is a
 * 400 naming the parameter (never a 500 from the database).
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const name = metadata.data ?? 'id';
    if (typeof value !== 'string' || !/^\d+$/.test(value)) {
      throw new BadRequestException(`${name} must be a positive integer, got "${value}"`);
    }
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1 || n > INT32_MAX) {
      throw new BadRequestException(`${name} must be an integer between 1 and ${INT32_MAX}`);
    }
    return n;
  }
}
