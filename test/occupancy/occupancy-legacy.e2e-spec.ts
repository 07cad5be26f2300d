import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../../src/database/data-source.options';
import { MIGRATIONS } from '../../src/database/migrations';
import { OBJECT_STORE, ObjectStore } from '../../src/infra/object-store/object-store.port';
import { createTestApp, TestApp } from '../helpers/test-app';
import { createEmptyDatabase, dropDatabase, execSql } from '../helpers/test-db';
import { createCampusFixture, FLOOR_A1, RANGE, TippersFixture } from './fixture-campus';
import { Dataset, OCCUPANCY_ENV, postDataset, rangeBody, waitCompleted } from './occupancy-api';
import { oracleRows } from './oracle';

const ROOM = 1001;

/** The per-chunk Parquet of the first layout: two columns, one chunk's rows (DuckDB writes it). */
async function legacyObject(rows: number[][]): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'occ-legacy-'));
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const file = join(dir, 'chunk.parquet');
    const values = rows.length
      ? rows.map(([t, n]) => `(make_timestamp(${t * 1_000_000}::BIGINT), ${n}::INTEGER)`).join(', ')
      : `(NULL::TIMESTAMP, NULL::INTEGER)`;
    await conn.run(
      `COPY (SELECT * FROM (VALUES ${values}) AS v(interval_begin_time, number_connections)
              WHERE interval_begin_time IS NOT NULL)
         TO '${file}' (FORMAT parquet)`,
    );
    return await readFile(file);
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Chunks computed before the storage layout changed point at per-chunk objects
 * (`occupancy/spaces/...`, no space_id column). They stay readable: by results, and as the
 * stored inputs of a derived chunk computed later. The migration registers those objects and
 * keeps the chunks' numbers.
 */
describe('occupancy chunks stored in the first layout', () => {
  let fx: TippersFixture;
  let t: TestApp;
  let store: ObjectStore;

  beforeAll(async () => {
    fx = await createCampusFixture();
    t = await createTestApp({
      tippersDbUrl: fx.url,
      env: { ...OCCUPANCY_ENV, OCCUPANCY_RESULTS_CACHE_MB: '0' },
    });
    store = t.app.get<ObjectStore>(OBJECT_STORE);
  });
  afterAll(async () => {
    await t?.close();
    await fx?.drop();
  });

  const body = (root: number) => rangeBody(root, 3600);
  const expectOracle = async (d: Dataset, space: number) => {
    const done = await waitCompleted(t, d.dataset_id, space);
    const expected = await oracleRows(fx.url, space, RANGE.start, RANGE.end, 3600, [space]);
    expect(done.rows).toEqual(expected.get(space));
  };

  it('reads them for results and as a derived chunk’s inputs, with the same numbers', async () => {
    await expectOracle(await postDataset(t, body(ROOM)), ROOM);
    // what an older version left: each of the room's chunks in an object of its own
    const chunks = (await execSql(
      t.appDbUrl,
      `SELECT chunk_id::text, storage_key, to_char(chunk_start AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS') AS s,
              to_char(chunk_end AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS') AS e
         FROM occupancy_chunks WHERE space_id = $1 AND interval_seconds = 3600 AND storage_key IS NOT NULL`,
      [ROOM],
    )) as { chunk_id: string; storage_key: string; s: string; e: string }[];
    expect(chunks.length).toBeGreaterThan(0);
    const dir = await mkdtemp(join(tmpdir(), 'occ-legacy-read-'));
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      for (const c of chunks) {
        const rows = (
          await conn.runAndReadAll(
            `SELECT epoch(interval_begin_time)::DOUBLE, number_connections FROM read_parquet('${store.localPath(c.storage_key)}')
              WHERE space_id = ${ROOM} ORDER BY 1`,
          )
        ).getRows() as number[][];
        const legacyKey = `occupancy/spaces/${ROOM}/3600/${c.s}_${c.e}.parquet`;
        await store.put(legacyKey, await legacyObject(rows));
        await execSql(t.appDbUrl, `INSERT INTO occupancy_objects (storage_key) VALUES ($1)`, [
          legacyKey,
        ]);
        await execSql(
          t.appDbUrl,
          `UPDATE occupancy_chunks SET storage_key = $1 WHERE chunk_id = $2`,
          [legacyKey, c.chunk_id],
        );
      }
    } finally {
      conn.closeSync();
      instance.closeSync();
      await rm(dir, { recursive: true, force: true });
    }

    // results of the room: read from the per-chunk objects
    await expectOracle(await postDataset(t, body(ROOM)), ROOM);
    // the floor is new: its run reads the room's chunks, stored in the first layout, as inputs
    await expectOracle(await postDataset(t, body(FLOOR_A1)), FLOOR_A1);
    const roomKeys = (await execSql(
      t.appDbUrl,
      `SELECT DISTINCT storage_key FROM occupancy_chunks
        WHERE space_id = $1 AND interval_seconds = 3600 AND storage_key IS NOT NULL`,
      [ROOM],
    )) as { storage_key: string }[];
    expect(roomKeys.every((k) => k.storage_key.startsWith('occupancy/spaces/'))).toBe(true);
  }, 120_000);
});

describe('the migration to window objects', () => {
  const index = MIGRATIONS.findIndex((m) => m.name.startsWith('OccupancyWindowObjects'));

  it('registers the stored per-chunk objects, keeps the chunks and replaces unfinished old runs', async () => {
    expect(index).toBeGreaterThan(0);
    const db = await createEmptyDatabase('test_migration');
    const at = (migrations: typeof MIGRATIONS) =>
      new DataSource({ ...appDataSourceOptions(db.url), migrations }).initialize();
    try {
      const before = await at(MIGRATIONS.slice(0, index));
      await before.runMigrations({ transaction: 'each' });
      await before.query(
        `INSERT INTO runs (run_id, kind, status, params, enqueue_count)
         VALUES ('00000000-0000-4000-8000-000000000001', 'occupancy_source_chunk', 'QUEUED',
                 '{"chunk_ids": ["2"], "interval_seconds": 3600, "window_start": 0}', 1)`,
      );
      await before.query(
        `INSERT INTO occupancy_chunks (chunk_id, space_id, interval_seconds, chunk_start, chunk_end, chunk_type,
                                       status, storage_key, row_count, run_id)
         VALUES (1, 7, 3600, '2025-03-10Z', '2025-03-11Z', 'source', 'COMPLETED',
                 'occupancy/spaces/7/3600/20250310T000000_20250311T000000.parquet', 5, NULL),
                (2, 7, 3600, '2025-03-11Z', '2025-03-12Z', 'source', 'PENDING', NULL, NULL,
                 '00000000-0000-4000-8000-000000000001')`,
      );
      await before.destroy();

      const all = await at(MIGRATIONS);
      await all.runMigrations({ transaction: 'each' });
      expect(
        await all.query(`SELECT storage_key, row_count FROM occupancy_objects ORDER BY 1`),
      ).toEqual([
        {
          storage_key: 'occupancy/spaces/7/3600/20250310T000000_20250311T000000.parquet',
          row_count: 5,
        },
      ]);
      expect(
        await all.query(
          `SELECT chunk_id::int AS id, aggregation, status, storage_key IS NOT NULL AS stored, run_id
             FROM occupancy_chunks ORDER BY chunk_id`,
        ),
      ).toEqual([
        { id: 1, aggregation: 'sum', status: 'COMPLETED', stored: true, run_id: null },
        { id: 2, aggregation: 'sum', status: 'PENDING', stored: false, run_id: null },
      ]);
      const [run] = await all.query(
        `SELECT status, end_notified_at IS NOT NULL AS handled FROM runs`,
      );
      expect(run).toEqual({ status: 'CANCELED', handled: true });

      // down and up again, with the data
      for (let i = MIGRATIONS.length; i > index; i--)
        await all.undoLastMigration({ transaction: 'each' });
      await all.runMigrations({ transaction: 'each' });
      const [{ n }] = await all.query(`SELECT count(*)::int AS n FROM occupancy_objects`);
      expect(n).toBe(1);
      await all.destroy();
    } finally {
      await dropDatabase(db.name);
    }
  });
});
