import { QueryFailedError } from 'typeorm';

export interface PgError {
  code?: string;
  constraint?: string;
  table?: string;
  detail?: string;
}

/** The PostgreSQL error behind a TypeORM query failure (or a raw pg error), if it is one. */
export function pgError(e: unknown): PgError | undefined {
  if (e instanceof QueryFailedError) return e.driverError as PgError;
  if (e && typeof e === 'object' && typeof (e as PgError).code === 'string') return e as PgError;
  return undefined;
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
