import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import { DuckDBConnection, quotedIdentifier } from '@duckdb/node-api';
import { isFloatDuckType, isNumericDuckType } from '../../libs/pg-duck-types';
import { JsRow } from '../infra/duckdb/duckdb-values';
import { DuckDb } from '../infra/duckdb/duckdb.service';
import { sqlString } from '../infra/duckdb/parquet';
import type { OutputColumn } from './sql-asset.columns';

/** Per-column statistics of a build (JSON-safe: no NaN or Infinity anywhere). */
export interface ColumnStats {
  type: string;
  null_count: number;
  /** Numeric columns (NaN and ±Infinity are counted apart, not in min/max/mean/std). */
  min?: number | null;
  max?: number | null;
  mean?: number | null;
  std?: number | null;
  nan_count?: number;
  infinite_count?: number;
  /** Other columns. */
  unique_count?: number;
  top_values?: { value: string | boolean | number | null; count: number }[];
}

/**
 * DuckDB's CSV read buffer. Its default (16 × the 2 MiB line limit) costs ~70 MB of RSS per build
 * for no speed: the input is a pipe read by one thread. It also bounds a row: one row of CSV
 * longer than this fails the build (as DuckDB's default line limit did before).
 */
const CSV_BUFFER_BYTES = 2 * 1024 * 1024;

const finite = (v: unknown): number | null => {
  const n =
    typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : v == null ? NaN : Number(v);
  return Number.isFinite(n) ? n : null;
};

/**
 * DuckDB work on asset files: PostgreSQL's CSV (COPY output) to Parquet with the columns'
 * types, column statistics, preview rows and index keys from Parquet. Runs on the service's
 * shared DuckDB instance (bounded memory and threads for the whole process).
 */
@Injectable()
export class AssetFiles {
  constructor(private readonly duck: DuckDb) {}

  /**
   * Converts `csv` (PostgreSQL `COPY ... (FORMAT csv)`: unquoted empty is NULL, "" is an empty
   * string) to the zstd Parquet file `target`, atomically. `distinctKey`: keep one row per
   * value of that column and drop rows where it is NULL (an index's entities). `piped`: `csv`
   * is a FIFO, read on DuckDB's one-thread instance (see DuckDb.withPipeConnection).
   */
  csvToParquet(
    csv: string,
    columns: readonly OutputColumn[],
    target: string,
    opts: { distinctKey?: string; signal?: AbortSignal; piped?: boolean } = {},
  ): Promise<{ rows: number; bytes: number }> {
    const onConnection = opts.piped
      ? this.duck.withPipeConnection.bind(this.duck)
      : this.duck.withConnection.bind(this.duck);
    return onConnection(async (conn) => {
      const spec = columns.map((c) => `${sqlString(c.name)}: ${sqlString(c.type)}`).join(', ');
      const source =
        `read_csv(${sqlString(csv)}, header = false, auto_detect = false, delim = ',', ` +
        `quote = '"', escape = '"', allow_quoted_nulls = false, columns = {${spec}}, ` +
        `buffer_size = ${CSV_BUFFER_BYTES})`;
      const key = opts.distinctKey && quotedIdentifier(opts.distinctKey);
      const query = key
        ? `SELECT DISTINCT ON (${key}) * FROM ${source} WHERE ${key} IS NOT NULL`
        : `SELECT * FROM ${source}`;
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        const r = await conn.run(
          `COPY (${query}) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`,
        );
        const { size } = await stat(tmp);
        await rename(tmp, target);
        return { rows: Number(r.rowsChanged), bytes: size };
      } finally {
        await rm(tmp, { force: true });
      }
    }, opts.signal);
  }

  /**
   * A derived index's entities: the distinct non-NULL keys of a Snorkel job's Parquet whose
   * label is one of `cvIds` at a confidence ≥ `minConfidence`, as the zstd Parquet `target`
   * (key column renamed to `keyColumn`), atomically.
   */
  derivedKeys(
    jobFile: string,
    jobKeyColumn: string,
    keyColumn: string,
    cvIds: readonly number[],
    minConfidence: number,
    target: string,
    signal?: AbortSignal,
  ): Promise<{ rows: number; bytes: number }> {
    return this.duck.withConnection(async (conn) => {
      const src = quotedIdentifier(jobKeyColumn);
      const labels = cvIds.map((c) => String(Math.trunc(c))).join(', ');
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        const r = await conn.run(
          `COPY (SELECT DISTINCT ON (${src}) ${src} AS ${quotedIdentifier(keyColumn)}
                   FROM read_parquet(${sqlString(jobFile)})
                  WHERE ${src} IS NOT NULL AND label IN (${labels}) AND confidence >= ${Number(minConfidence)})
             TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`,
        );
        const { size } = await stat(tmp);
        await rename(tmp, target);
        return { rows: Number(r.rowsChanged), bytes: size };
      } finally {
        await rm(tmp, { force: true });
      }
    }, signal);
  }

  /** Statistics of every column of a Parquet file (see ColumnStats). */
  stats(file: string, columns: readonly OutputColumn[], signal?: AbortSignal) {
    return this.duck.withConnection(async (conn) => {
      return tableStats(conn, `read_parquet(${sqlString(file)})`, columns);
    }, signal);
  }

  /** The first `limit` rows of a Parquet file, JSON-ready (decimals as numbers, NaN as null). */
  preview(file: string, columns: readonly OutputColumn[], limit: number): Promise<JsRow[]> {
    return this.duck.withConnection(async (conn) => {
      const list = columns.map((c) => jsonReady(c)).join(', ');
      const reader = await conn.runAndReadAll(
        `SELECT ${list || '*'} FROM read_parquet(${sqlString(file)}) LIMIT ${Math.floor(limit)}`,
      );
      return reader.getRowObjectsJson() as JsRow[];
    });
  }

  /**
   * The first `limit` rows (JSON-ready, as preview) with the value of the DuckDB expression
   * `vote` on each (NULL → -1). `vote` is SQL this service compiled, never user text.
   */
  previewWithVote(
    file: string,
    columns: readonly OutputColumn[],
    limit: number,
    vote: string,
  ): Promise<{ row: JsRow; vote: number }[]> {
    return this.duck.withConnection(async (conn) => {
      const list = columns.map((c) => jsonReady(c)).join(', ');
      const reader = await conn.runAndReadAll(
        `SELECT ${list ? `${list}, ` : ''}COALESCE(CAST((${vote}) AS BIGINT), -1) ` +
          `FROM read_parquet(${sqlString(file)}) LIMIT ${Math.floor(limit)}`,
      );
      return (reader.getRowsJson() as unknown[][]).map((values) => ({
        row: Object.fromEntries(columns.map((c, i) => [c.name, values[i]])) as JsRow,
        vote: Number(values[columns.length]),
      }));
    });
  }

  /** Every value of `column` as text (an index's keys, bound as data into rule SQL). */
  keys(file: string, column: string, signal?: AbortSignal): Promise<string[]> {
    return this.duck.withConnection(async (conn) => {
      const keys: string[] = [];
      const result = await conn.stream(
        `SELECT CAST(${quotedIdentifier(column)} AS VARCHAR) FROM read_parquet(${sqlString(file)})`,
      );
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        const v = chunk.getColumnVector(0);
        for (let i = 0; i < chunk.rowCount; i++) keys.push(v.getItem(i) as string);
      }
      return keys;
    }, signal);
  }
}

/** A select-list item that reads `c` as a JSON-friendly value. */
export function jsonReady(c: OutputColumn): string {
  const id = quotedIdentifier(c.name);
  if (isFloatDuckType(c.type)) return `CASE WHEN isfinite(${id}) THEN ${id} END AS ${id}`;
  if (c.type.startsWith('DECIMAL')) return `CAST(${id} AS DOUBLE) AS ${id}`;
  if (c.type === 'BIGINT' || c.type === 'HUGEINT')
    return `CASE WHEN abs(${id}) <= 9007199254740991 THEN CAST(${id} AS DOUBLE) ELSE NULL END AS ${id}`;
  if (c.type === 'TIMESTAMP') return `strftime(${id}, '%Y-%m-%dT%H:%M:%S.%fZ') AS ${id}`;
  if (c.type === 'TIMESTAMPTZ')
    return `strftime(timezone('UTC', ${id}), '%Y-%m-%dT%H:%M:%S.%fZ') AS ${id}`;
  if (c.type === 'BOOLEAN' || c.type === 'INTEGER' || c.type === 'SMALLINT' || c.type === 'VARCHAR')
    return id;
  return `CAST(${id} AS VARCHAR) AS ${id}`;
}

/**
 * Stats of every column in few scans: one for the nulls, extremes, means and deviations of all
 * columns, one per non-numeric column for its distinct count and top values (one grouping
 * gives both). Means and deviations are taken on the values as they are; only when a sum or
 * square leaves the double range (values near 1e154 and beyond) are they taken again, in a second
 * scan, on the values scaled by each column's largest magnitude.
 */
async function tableStats(
  conn: DuckDBConnection,
  src: string,
  columns: readonly OutputColumn[],
): Promise<Record<string, ColumnStats>> {
  const all = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjects();
  const moments = (c: OutputColumn, i: number, scale = 1) => {
    const id = quotedIdentifier(c.name);
    const x = scale === 1 ? `CAST(${id} AS DOUBLE)` : `CAST(${id} AS DOUBLE) / ${scale}`;
    const ok = isFloatDuckType(c.type) ? `isfinite(${id})` : 'true';
    const back = scale === 1 ? '' : ` * ${scale}`;
    return [
      `avg(${x}) FILTER (WHERE ${ok})${back} AS m${i}`,
      `stddev_samp(${x}) FILTER (WHERE ${ok})${back} AS d${i}`,
    ];
  };
  const scan = (withMoments: boolean) => {
    const items: string[] = [];
    columns.forEach((c, i) => {
      const id = quotedIdentifier(c.name);
      items.push(`count(*) - count(${id}) AS n${i}`);
      if (!isNumericDuckType(c.type)) return;
      const x = `CAST(${id} AS DOUBLE)`;
      const ok = isFloatDuckType(c.type) ? `isfinite(${id})` : 'true';
      items.push(
        `min(${x}) FILTER (WHERE ${ok}) AS lo${i}`,
        `max(${x}) FILTER (WHERE ${ok}) AS hi${i}`,
        ...(withMoments ? moments(c, i) : []),
      );
      if (isFloatDuckType(c.type))
        items.push(
          `count(*) FILTER (WHERE isnan(${id})) AS nan${i}`,
          `count(*) FILTER (WHERE isinf(${id})) AS inf${i}`,
        );
    });
    return all(`SELECT ${items.join(', ')} FROM ${src}`).then((rows) => rows[0]);
  };
  let r: Record<string, unknown> = {};
  let m: Record<string, unknown> = {};
  if (columns.length) {
    try {
      r = m = await scan(true);
    } catch (e) {
      // DuckDB refuses a sum or square past the double range ("Out of Range Error"): scan
      // again without them, then take them on x / (largest |x|) and scale back
      if (!/out of range|overflow/i.test((e as Error).message)) throw e;
      r = await scan(false);
      const again: string[] = [];
      columns.forEach((c, i) => {
        if (!isNumericDuckType(c.type)) return;
        const lo = finite(r[`lo${i}`]);
        const hi = finite(r[`hi${i}`]);
        const scale = lo === null || hi === null ? 1 : Math.max(Math.abs(lo), Math.abs(hi));
        again.push(...moments(c, i, scale > 0 ? scale : 1));
      });
      if (again.length) m = (await all(`SELECT ${again.join(', ')} FROM ${src}`))[0];
    }
  }
  const out: Record<string, ColumnStats> = {};
  for (const [i, c] of columns.entries()) {
    const nulls = Number(r[`n${i}`]);
    if (isNumericDuckType(c.type)) {
      out[c.name] = {
        type: c.type,
        null_count: nulls,
        min: finite(r[`lo${i}`]),
        max: finite(r[`hi${i}`]),
        mean: finite(m[`m${i}`]),
        std: finite(m[`d${i}`]),
        ...(isFloatDuckType(c.type)
          ? { nan_count: Number(r[`nan${i}`]), infinite_count: Number(r[`inf${i}`]) }
          : {}),
      };
      continue;
    }
    const id = quotedIdentifier(c.name);
    // grouped on the values themselves (the number of groups is the distinct count); only the
    // five winners are cast to text
    const top = await all(
      `SELECT ${c.type === 'BOOLEAN' ? 'v' : 'CAST(v AS VARCHAR)'} AS v, n, g FROM (
         SELECT ${id} AS v, count(*) AS n, count(*) OVER () AS g FROM ${src}
          WHERE ${id} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v LIMIT 5) ORDER BY n DESC, v`,
    );
    out[c.name] = {
      type: c.type,
      null_count: nulls,
      unique_count: top.length ? Number(top[0].g) : 0,
      top_values: top.map((t) => ({
        value: (t.v as string | boolean | null) ?? null,
        count: Number(t.n),
      })),
    };
  }
  return out;
}
