import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import {
  decodeWindowObject,
  encodeWindowObject,
  InvalidWindowObjectError,
  ROW_GROUP_ROWS,
  WindowRows,
} from '../../src/occupancy/window-object';

/**
 * Window objects (parquet-wasm) read back by the real DuckDB: types, values, row groups; and the
 * decoder reading files DuckDB wrote.
 */
describe('window objects read by DuckDB', () => {
  let dir: string;
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'window-object-'));
    instance = await DuckDBInstance.create(':memory:');
    conn = await instance.connect();
    await conn.run("SET TimeZone = 'UTC'");
  });
  afterAll(async () => {
    conn?.closeSync();
    instance?.closeSync();
    await rm(dir, { recursive: true, force: true });
  });

  const write = async (name: string, rows: WindowRows) => {
    const file = join(dir, `${name}.parquet`);
    await writeFile(file, encodeWindowObject(rows));
    return `'${file}'`;
  };
  const rowsOf = (spaces: number[], secs: number[], counts: number[]): WindowRows => ({
    spaceIds: Int32Array.from(spaces),
    binStarts: Float64Array.from(secs),
    counts: Int32Array.from(counts),
  });

  it('has the columns and types of DESIGN §6', async () => {
    const file = await write('types', rowsOf([7], [1_700_000_000], [3]));
    const described = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${file})`))
      .getRowObjectsJson()
      .map((r) => `${r.column_name}:${r.column_type}`);
    expect(described).toEqual([
      'space_id:INTEGER',
      'interval_begin_time:TIMESTAMP',
      'number_connections:INTEGER',
    ]);
  });

  it('keeps every value, including epoch edges, far instants and the int32 extremes', async () => {
    const secs = [-2_208_988_800, -3600, 0, 1_704_067_200, 1_893_456_000, 10_000_000_000];
    const counts = [1, 2 ** 31 - 1, 5, 7, 1, 2];
    const spaces = [1, 1, 2, 2, 2 ** 31 - 1, 2 ** 31 - 1];
    const file = await write('values', rowsOf(spaces, secs, counts));
    const got = (
      await conn.runAndReadAll(
        `SELECT space_id, epoch(interval_begin_time)::DOUBLE AS t, number_connections AS n
           FROM read_parquet(${file})`,
      )
    ).getRows();
    expect(got).toEqual(spaces.map((s, i) => [s, secs[i], counts[i]]));
  });

  it('writes row groups that DuckDB can skip by space_id', async () => {
    const n = ROW_GROUP_ROWS * 3;
    const spaces = Array.from({ length: n }, (_, i) => 1 + Math.floor(i / 24));
    const secs = Array.from({ length: n }, (_, i) => 1_704_067_200 + (i % 24) * 3600);
    const file = await write(
      'groups',
      rowsOf(
        spaces,
        secs,
        secs.map(() => 1),
      ),
    );
    const groups = (
      await conn.runAndReadAll(
        `SELECT row_group_id, stats_min::INTEGER, stats_max::INTEGER FROM parquet_metadata(${file})
          WHERE path_in_schema = 'space_id' ORDER BY row_group_id`,
      )
    ).getRows();
    expect(groups).toHaveLength(3);
    for (let g = 1; g < groups.length; g++)
      expect(Number(groups[g][1])).toBeGreaterThanOrEqual(Number(groups[g - 1][2]));
    const [[count]] = (
      await conn.runAndReadAll(
        `SELECT count(*)::INTEGER FROM read_parquet(${file}) WHERE space_id = ${spaces[n - 1]}`,
      )
    ).getRows();
    expect(count).toBe(24);
  });

  it('writes an object without rows that DuckDB reads as empty', async () => {
    const file = await write('empty', rowsOf([], [], []));
    const [[count]] = (
      await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM read_parquet(${file})`)
    ).getRows();
    expect(count).toBe(0);
  });

  it('refuses columns of different lengths', () => {
    expect(() => encodeWindowObject(rowsOf([1, 2], [0], [1]))).toThrow(RangeError);
  });
  /** A file DuckDB writes itself from `select` (an independent writer for the decoder). */
  const duckFile = async (name: string, select: string) => {
    const file = join(dir, `${name}.parquet`);
    await conn.run(`COPY (${select}) TO '${file}' (FORMAT parquet)`);
    return readFile(file);
  };
  const plain = (r: WindowRows) => ({
    spaces: [...r.spaceIds],
    secs: [...r.binStarts],
    counts: [...r.counts],
  });

  it('decodes what it encodes, across row groups', () => {
    const n = ROW_GROUP_ROWS * 2 + 5;
    const spaces = Array.from({ length: n }, (_, i) => 1 + Math.floor(i / 24));
    const secs = Array.from({ length: n }, (_, i) => -86_400 + (i % 24) * 3600);
    const counts = Array.from({ length: n }, (_, i) => (i * 7919) % 2 ** 31);
    const got = decodeWindowObject(encodeWindowObject(rowsOf(spaces, secs, counts)));
    expect(plain(got)).toEqual({ spaces, secs, counts });
  });

  it('decodes a file DuckDB wrote, whatever its integer widths and timestamp unit', async () => {
    const body = await duckFile(
      'duck',
      `SELECT * FROM (VALUES
         (3::BIGINT, TIMESTAMP '2025-03-10 01:00:00', 2::BIGINT),
         (3, TIMESTAMP '1969-12-31 23:00:00', 2147483647),
         (2147483647, TIMESTAMP '2100-01-01 00:00:00', 1))
         AS t(space_id, interval_begin_time, number_connections)`,
    );
    expect(plain(decodeWindowObject(body))).toEqual({
      spaces: [3, 3, 2147483647],
      secs: [1_741_568_400, -3600, 4_102_444_800],
      counts: [2, 2147483647, 1],
    });
    const ms = await duckFile(
      'duck-ms',
      `SELECT 1::INTEGER AS space_id, TIMESTAMP_MS '2025-03-10 00:00:00' AS interval_begin_time,
              4::SMALLINT AS number_connections`,
    );
    expect(plain(decodeWindowObject(ms))).toEqual({
      spaces: [1],
      secs: [1_741_564_800],
      counts: [4],
    });
  });

  it('refuses what is not a window object', async () => {
    expect(() => decodeWindowObject(Buffer.from('PAR1 not parquet PAR1'))).toThrow(
      InvalidWindowObjectError,
    );
    const cases: [string, string, RegExp][] = [
      [
        'no-space',
        `SELECT TIMESTAMP '2025-03-10' AS interval_begin_time, 1 AS number_connections`,
        /space_id/,
      ],
      [
        'text-time',
        `SELECT 1 AS space_id, '2025-03-10' AS interval_begin_time, 1 AS number_connections`,
        /interval_begin_time/,
      ],
      [
        'nulls',
        `SELECT 1 AS space_id, TIMESTAMP '2025-03-10' AS interval_begin_time, NULL::INTEGER AS number_connections`,
        /nulls/,
      ],
      [
        'wide',
        `SELECT 4294967296::BIGINT AS space_id, TIMESTAMP '2025-03-10' AS interval_begin_time, 1 AS number_connections`,
        /does not fit/,
      ],
    ];
    for (const [name, select, message] of cases) {
      const body = await duckFile(name, select);
      expect(() => decodeWindowObject(body)).toThrow(message);
    }
  });
});
