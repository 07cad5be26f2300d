import { Client } from 'pg';

/**
 * The occupancy oracle: DESIGN §6 written as one plain SQL query against the TIPPERS database,
 * sharing nothing with the service. The subtree is a recursive CTE (cycle-safe), bins are a
 * `generate_series` over the effective range, sessions join bins by the overlap rule
 * `start_time < b_end AND end_time > b_start`, `own` is `COUNT(DISTINCT mac_address)` per own
 * space and bin, and `count` sums `own` over each space's subtree (`sum`) — or, for
 * `distinct`, is `COUNT(DISTINCT mac_address)` over the sessions of the whole subtree.
 */

export interface OccupancyRow {
  interval_begin_time: string;
  number_connections: number;
}

const SUBTREE_CTE = `
  sub(space_id, path) AS (
    SELECT space_id, ARRAY[space_id] FROM space WHERE space_id = $1::int
    UNION ALL
    SELECT c.space_id, sub.path || c.space_id
    FROM space c JOIN sub ON c.parent_space_id = sub.space_id
    WHERE c.space_id <> ALL (sub.path)
  )`;

const ORACLE_SQL = `
WITH RECURSIVE ${SUBTREE_CTE},
closure(ancestor, descendant, path) AS (
  SELECT space_id, space_id, ARRAY[space_id] FROM sub
  UNION ALL
  SELECT cl.ancestor, c.space_id, cl.path || c.space_id
  FROM closure cl JOIN space c ON c.parent_space_id = cl.descendant
  WHERE c.space_id <> ALL (cl.path)
),
eff AS (
  SELECT
    to_timestamp(floor(extract(epoch FROM $2::timestamptz) / $4::int) * $4::int)
      AT TIME ZONE 'UTC' AS lo,
    to_timestamp(ceil(extract(epoch FROM $3::timestamptz) / $4::int) * $4::int)
      AT TIME ZONE 'UTC' AS hi
),
bins AS (
  SELECT b AS b_start, b + make_interval(secs => $4::int) AS b_end
  FROM eff, generate_series(eff.lo, eff.hi - make_interval(secs => $4::int),
                            make_interval(secs => $4::int)) AS b
),
sessions AS (
  SELECT u.space_id, u.mac_address, u.start_time, u.end_time
  FROM user_ap_trajectory u, eff
  WHERE u.space_id IN (SELECT space_id FROM sub)
    AND u.start_time < eff.hi AND u.end_time > eff.lo
),
own AS (
  SELECT s.space_id, bins.b_start, COUNT(DISTINCT s.mac_address) AS n
  FROM sessions s JOIN bins ON s.start_time < bins.b_end AND s.end_time > bins.b_start
  GROUP BY s.space_id, bins.b_start
)
SELECT cl.ancestor AS space_id,
       to_char(own.b_start, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS t,
       SUM(own.n)::int AS n
FROM closure cl JOIN own ON own.space_id = cl.descendant
WHERE $5::int[] IS NULL OR cl.ancestor = ANY ($5::int[])
GROUP BY cl.ancestor, own.b_start
HAVING SUM(own.n) > 0
ORDER BY cl.ancestor, own.b_start`;

/** `distinct`: the same CTEs, devices counted once over each space's whole subtree. */
const DISTINCT_ORACLE_SQL = ORACLE_SQL.slice(0, ORACLE_SQL.indexOf('own AS (')).concat(`
subtree_devices AS (
  SELECT cl.ancestor AS space_id, bins.b_start, COUNT(DISTINCT s.mac_address) AS n
  FROM closure cl
  JOIN sessions s ON s.space_id = cl.descendant
  JOIN bins ON s.start_time < bins.b_end AND s.end_time > bins.b_start
  WHERE $5::int[] IS NULL OR cl.ancestor = ANY ($5::int[])
  GROUP BY cl.ancestor, bins.b_start
)
SELECT space_id, to_char(b_start, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS t, n::int AS n
FROM subtree_devices WHERE n > 0
ORDER BY space_id, b_start`);

async function withClient<T>(url: string, run: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Space ids of the subtree of `root` (root included, each once), ascending. */
export function subtreeIds(url: string, root: number): Promise<number[]> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ space_id: number }>(
      `WITH RECURSIVE ${SUBTREE_CTE} SELECT DISTINCT space_id FROM sub ORDER BY space_id`,
      [root],
    );
    return rows.map((r) => r.space_id);
  });
}

/**
 * Expected rows (count > 0, ascending) for every space of the subtree of `root` — or only the
 * spaces in `only` — over `[start, end)` (ISO text, any offset) at `intervalSeconds`. Every
 * requested space gets a key, with an empty array when it has no rows.
 */
export async function oracleRows(
  url: string,
  root: number,
  start: string,
  end: string,
  intervalSeconds: number,
  only?: number[],
  aggregation: 'sum' | 'distinct' = 'sum',
): Promise<Map<number, OccupancyRow[]>> {
  const ids = only ?? (await subtreeIds(url, root));
  const result = new Map<number, OccupancyRow[]>(ids.map((id) => [id, []]));
  const sql = aggregation === 'distinct' ? DISTINCT_ORACLE_SQL : ORACLE_SQL;
  await withClient(url, async (c) => {
    const { rows } = await c.query<{ space_id: number; t: string; n: number }>(sql, [
      root,
      start,
      end,
      intervalSeconds,
      only ?? null,
    ]);
    for (const r of rows) {
      result.get(r.space_id)?.push({ interval_begin_time: r.t, number_connections: r.n });
    }
  });
  return result;
}

/** First session start and last session end in the subtree of `root` (ISO, Z), or null. */
export function dataBounds(
  url: string,
  root: number,
): Promise<{ start: string; end: string } | null> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ lo: Date | null; hi: Date | null }>(
      `WITH RECURSIVE ${SUBTREE_CTE}
       SELECT min(start_time) AT TIME ZONE 'UTC' AS lo, max(end_time) AT TIME ZONE 'UTC' AS hi
       FROM user_ap_trajectory WHERE space_id IN (SELECT space_id FROM sub)`,
      [root],
    );
    const { lo, hi } = rows[0];
    return lo && hi ? { start: lo.toISOString(), end: hi.toISOString() } : null;
  });
}

/** Every bin start of the effective range of `[start, end)` (ISO, Z, whole seconds). */
export function effectiveBins(start: string, end: string, intervalSeconds: number): string[] {
  const step = intervalSeconds * 1000;
  const lo = Math.floor(Date.parse(start) / step) * step;
  const hi = Math.ceil(Date.parse(end) / step) * step;
  const bins: string[] = [];
  for (let t = lo; t < hi; t += step) bins.push(isoSeconds(t));
  return bins;
}

/** `rows` with a zero row for every bin of the effective range that has none. */
export function zeroFilled(
  rows: readonly OccupancyRow[],
  start: string,
  end: string,
  intervalSeconds: number,
): OccupancyRow[] {
  const byTime = new Map(rows.map((r) => [r.interval_begin_time, r.number_connections]));
  return effectiveBins(start, end, intervalSeconds).map((t) => ({
    interval_begin_time: t,
    number_connections: byTime.get(t) ?? 0,
  }));
}

/** ISO-8601 with Z and whole seconds, the format of `interval_begin_time`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
