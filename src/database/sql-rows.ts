import type { DataSource, EntityManager } from 'typeorm';

/**
 * Rows of a statement. TypeORM's `query()` answers UPDATE/DELETE with `[rows, rowCount]`
 * instead of the rows; this undoes that, so `UPDATE ... RETURNING` reads like a SELECT.
 */
export async function sqlRows<T>(
  db: DataSource | EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const result: unknown = await db.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
