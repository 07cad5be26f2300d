import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CREATED_BY, encodeOccupancyParquet, encodeParquet } from '../libs/parquet-lite';

/**
 * The independent check of libs/parquet-lite: files it encodes are read back by the real
 * DuckDB and compared with the input and with files DuckDB itself writes (the way
 * results.service does: `make_timestamp(t * 1000000)` / `n::INTEGER`).
 */

type Rows = { secs: number[]; counts: number[] };
type Json = Record<string, unknown>;

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);
const sql = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Deterministic pseudo-random rows (LCG), spanning 1960..2030 and the whole int32 range. */
function shape(n: number, seed: number): Rows {
  let x = seed >>> 0;
  const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
  const secs: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    secs.push(-315_619_200 + (next() % 2_208_988_800) + (i % 7) * 3600);
    const r = next();
    counts.push(r % 5 === 0 ? 0 : r % 5 === 1 ? INT32_MAX : r % 5 === 2 ? r | 0 : r % 1000);
  }
  return { secs, counts };
}

const hourly = (start: number, n: number): Rows => ({
  secs: Array.from({ length: n }, (_, i) => start + i * 3600),
  counts: Array.from({ length: n }, (_, i) => (i * 37) % 11),
});

const SHAPES: Record<string, Rows> = {
  empty: { secs: [], counts: [] },
  one: { secs: [1_700_000_000], counts: [3] },
  hourly24: hourly(1_704_067_200, 24),
  extremes: {
    secs: [-1, -86_400, -2_208_988_800, 0, 1_893_456_000, 1_924_991_999, 10_000_000_000],
    counts: [0, INT32_MAX, INT32_MIN, 0, INT32_MAX, 1, 0],
  },
  random10k: shape(10_000, 42),
};

describe('parquet-lite files read by the real DuckDB', () => {
  let dir: string;
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;

  const all = async (q: string): Promise<Json[]> =>
    (await conn.runAndReadAll(q)).getRowObjectsJson() as Json[];

  /** Our encoder's file. */
  const ours = async (name: string, rows: Rows): Promise<string> => {
    const path = join(dir, `${name}.lite.parquet`);
    await writeFile(path, encodeOccupancyParquet(rows.secs, rows.counts));
    return path;
  };

  /** DuckDB's own file for the same rows, written like results.service writes it. */
  const theirs = async (name: string, rows: Rows): Promise<string> => {
    const csv = join(dir, `${name}.csv`);
    const path = join(dir, `${name}.duckdb.parquet`);
    await writeFile(csv, rows.secs.map((s, i) => `${s},${rows.counts[i]}\n`).join(''));
    const from = rows.secs.length
      ? `read_csv(${sql(csv)}, header = false, columns = {'t': 'BIGINT', 'n': 'INTEGER'})`
      : `(SELECT 0::BIGINT AS t, 0::INTEGER AS n WHERE false)`;
    await conn.run(
      `COPY (SELECT make_timestamp(t * 1000000) AS interval_begin_time,
                    n::INTEGER AS number_connections FROM ${from})
         TO ${sql(path)} (FORMAT parquet)`,
    );
    return path;
  };

  /** Rows in file order, timestamps as exact epoch microseconds. */
  const exact = (path: string) =>
    all(
      `SELECT epoch_us(interval_begin_time)::VARCHAR AS us, number_connections AS n
         FROM read_parquet(${sql(path)}, file_row_number = true) ORDER BY file_row_number`,
    );
  const expected = (rows: Rows) =>
    rows.secs.map((s, i) => ({ us: (BigInt(s) * 1_000_000n).toString(), n: rows.counts[i] }));

  const leafSchema = (path: string) =>
    all(
      `SELECT name, type, converted_type, logical_type, duckdb_type
         FROM parquet_schema(${sql(path)}) WHERE num_children IS NULL ORDER BY column_id`,
    );

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "parquet lite's-"));
    instance = await DuckDBInstance.create(':memory:', {
      threads: '2',
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    conn = await instance.connect();
    await conn.run("SET TimeZone = 'UTC'");
  });
  afterAll(async () => {
    conn?.closeSync();
    instance?.closeSync();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(Object.keys(SHAPES))('round-trips shape %s exactly', async (name) => {
    const rows = SHAPES[name];
    const path = await ours(name, rows);
    expect(await exact(path)).toEqual(expected(rows));
    const [meta] = await all(
      `SELECT num_rows, created_by FROM parquet_file_metadata(${sql(path)})`,
    );
    expect(meta).toEqual({ num_rows: String(rows.secs.length), created_by: CREATED_BY });
  });

  it.each(Object.keys(SHAPES))(
    'shape %s: same column types and query results as a DuckDB-written file',
    async (name) => {
      const rows = SHAPES[name];
      const [a, b] = [await ours(name, rows), await theirs(name, rows)];
      const describe = (p: string) => all(`DESCRIBE SELECT * FROM read_parquet(${sql(p)})`);
      const types = (await describe(a)).map((r) => [r.column_name, r.column_type]);
      expect(types).toEqual([
        ['interval_begin_time', 'TIMESTAMP'],
        ['number_connections', 'INTEGER'],
      ]);
      expect(await describe(a)).toEqual(await describe(b));
      // identical physical/logical annotations; only repetition differs (ours REQUIRED)
      expect(await leafSchema(a)).toEqual(await leafSchema(b));

      expect(await exact(a)).toEqual(await exact(b));
      const everything = (p: string) => all(`SELECT * FROM read_parquet(${sql(p)}) ORDER BY ALL`);
      expect(await everything(a)).toEqual(await everything(b));
      // aggregates and filters (which may prune row groups by our min/max statistics)
      const summary = (p: string) =>
        all(
          `SELECT count(*)::INTEGER AS c, min(interval_begin_time)::VARCHAR AS lo,
                  max(interval_begin_time)::VARCHAR AS hi, sum(number_connections)::VARCHAR AS s,
                  count(*) FILTER (WHERE interval_begin_time >= TIMESTAMP '2000-01-01')::INTEGER AS late,
                  count(*) FILTER (WHERE number_connections = ${INT32_MAX})::INTEGER AS maxed
             FROM read_parquet(${sql(p)})`,
        );
      expect(await summary(a)).toEqual(await summary(b));
      for (const cut of ['1969-12-31 23:59:59', '2024-01-01 05:00:00', '2099-01-01']) {
        const filtered = (p: string) =>
          all(
            `SELECT count(*)::INTEGER AS c FROM read_parquet(${sql(p)})
              WHERE interval_begin_time > TIMESTAMP '${cut}'`,
          );
        expect(await filtered(a)).toEqual(await filtered(b));
      }
    },
  );

  it('reads many files at once with filename=true, also mixed with DuckDB-written files', async () => {
    const many = join(dir, 'many');
    await mkdir(many);
    const files: { path: string; rows: Rows }[] = [];
    for (let i = 0; i < 300; i++) {
      const rows = i % 50 === 7 ? SHAPES.empty : shape(1 + ((i * 37) % 700), i + 1);
      const path = join(many, `chunk-${String(i).padStart(4, '0')}.parquet`);
      await writeFile(path, encodeOccupancyParquet(rows.secs, rows.counts));
      files.push({ path, rows });
    }
    const list = `[${files.map((f) => sql(f.path)).join(', ')}]`;
    const got = await all(
      `SELECT filename, epoch_us(interval_begin_time)::VARCHAR AS us, number_connections AS n
         FROM read_parquet(${list}, filename = true, file_row_number = true)
        ORDER BY filename, file_row_number`,
    );
    expect(got).toEqual(
      files.flatMap((f) => expected(f.rows).map((r) => ({ filename: f.path, ...r }))),
    );
    const [glob] = await all(
      `SELECT count(*)::INTEGER AS c, count(DISTINCT filename)::INTEGER AS files
         FROM read_parquet(${sql(join(many, '*.parquet'))}, filename = true)`,
    );
    const nonEmpty = files.filter((f) => f.rows.secs.length > 0).length;
    expect(glob).toEqual({ c: got.length, files: nonEmpty });

    const rows = SHAPES.hourly24;
    const mixed = `[${sql(await ours('mix', rows))}, ${sql(await theirs('mix', rows))}]`;
    const [m] = await all(
      `SELECT count(*)::INTEGER AS c, count(DISTINCT filename)::INTEGER AS f,
              count(DISTINCT (interval_begin_time, number_connections))::INTEGER AS d
         FROM read_parquet(${mixed}, filename = true)`,
    );
    expect(m).toEqual({ c: 48, f: 2, d: 24 });
  });

  it('isAdjustedToUTC=true (not the default) reads as TIMESTAMP WITH TIME ZONE', async () => {
    const path = join(dir, 'utc.parquet');
    await writeFile(
      path,
      encodeParquet([
        { name: 't', type: 'timestamp_micros', values: [0n, 1n], isAdjustedToUTC: true },
        { name: 'n', type: 'int32', values: [1, 2] },
      ]),
    );
    const types = await all(`DESCRIBE SELECT * FROM read_parquet(${sql(path)})`);
    expect(types.map((r) => r.column_type)).toEqual(['TIMESTAMP WITH TIME ZONE', 'INTEGER']);
    expect(
      await all(`SELECT epoch_us(t)::VARCHAR AS us, n FROM read_parquet(${sql(path)}) ORDER BY n`),
    ).toEqual([
      { us: '0', n: 1 },
      { us: '1', n: 2 },
    ]);
  });
});
