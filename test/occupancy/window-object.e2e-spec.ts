import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { encodeWindowObject, ROW_GROUP_ROWS, WindowRows } from '../../src/occupancy/window-object';

/** Window objects (parquet-wasm) read back by the real DuckDB: types, values, row groups. */
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
});
