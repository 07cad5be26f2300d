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

interface NamedQueryPool {
  query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Rows of a statement run as a named prepared statement on the app database's pool: each
 * connection parses and plans it once, then reuses the plan. For statements on a hot path
 * whose planning costs more than their execution (results of one space: planning a recursive
 * CTE with joins took ~4.5 ms, running it ~2.5 ms). `name` must be unique per `sql`.
 */
export async function preparedRows<T>(
  db: DataSource,
  name: string,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const pool = (db.driver as unknown as { master?: NamedQueryPool }).master;
  if (!pool) return sqlRows<T>(db, sql, params);
  const { rows } = await pool.query({ name, text: sql, values: params });
  return rows as T[];
}

/**
 * An int list as PostgreSQL array text (`{1,2,3}`; null stays null), for passing lists of
 * different lengths as one `text[]` parameter to cast per row (`x::int[]`): node-postgres
 * cannot send a ragged `int[][]`.
 */
export function intArrayText(ids: readonly number[] | null | undefined): string | null {
  return ids ? `{${ids.join(',')}}` : null;
}
