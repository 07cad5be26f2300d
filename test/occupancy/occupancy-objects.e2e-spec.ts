import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { OBJECT_STORE, ObjectStore } from '../../src/infra/object-store/object-store.port';
import { ObjectCollectorSensor } from '../../src/occupancy/object-collector.sensor';
import { WindowObjects } from '../../src/occupancy/window-objects.service';
import { createTestApp, TestApp } from '../helpers/test-app';
import { execSql } from '../helpers/test-db';
import { waitFor } from '../helpers/wait';
import { createCampusFixture, ROOT, TippersFixture } from './fixture-campus';
import {
  Dataset,
  OCCUPANCY_ENV,
  postDataset,
  rangeBody,
  results,
  waitCompleted,
} from './occupancy-api';
import { oracleRows, subtreeIds } from './oracle';

interface ChunkKey {
  space_id: number;
  start: string;
  storage_key: string | null;
  row_count: number;
}

/** Reads a stored object with DuckDB (rows as [space, epoch seconds, count]). */
async function objectRows(store: ObjectStore, key: string): Promise<number[][]> {
  const dir = await mkdtemp(join(tmpdir(), 'occ-object-'));
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const file = store.localPath(key) ?? join(dir, 'o.parquet');
    const res = await conn.runAndReadAll(
      `SELECT space_id, epoch(interval_begin_time)::DOUBLE, number_connections
         FROM read_parquet('${file.replace(/'/g, "''")}')`,
    );
    return res.getRows() as number[][];
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The storage of DESIGN §6 (revised): one Parquet object per run and window, chunks naming the
 * object that holds their rows, objects no chunk references collected after a grace period.
 */
describe('occupancy window objects', () => {
  let fx: TippersFixture;
  let t: TestApp;
  let store: ObjectStore;

  beforeAll(async () => {
    fx = await createCampusFixture();
    t = await createTestApp({
      tippersDbUrl: fx.url,
      env: {
        ...OCCUPANCY_ENV,
        OCCUPANCY_OBJECT_GRACE_SECONDS: '1',
        OCCUPANCY_OBJECT_COLLECTOR_INTERVAL: '0.2',
      },
    });
    store = t.app.get<ObjectStore>(OBJECT_STORE);
  });
  afterAll(async () => {
    await t?.close();
    await fx?.drop();
  });

  const body = (interval: number, extra: Record<string, unknown> = {}) =>
    rangeBody(ROOT, interval, extra);
  const chunkKeys = async (interval: number) =>
    (await execSql(
      t.appDbUrl,
      `SELECT space_id, to_char(chunk_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS start, storage_key,
              row_count
         FROM occupancy_chunks WHERE interval_seconds = $1 ORDER BY chunk_start, space_id`,
      [interval],
    )) as ChunkKey[];
  const expectOracle = async (d: Dataset) => {
    await waitCompleted(t, d.dataset_id);
    const expected = await oracleRows(fx.url, ROOT, d.start_time, d.end_time, d.interval_seconds);
    for (const spaceId of await subtreeIds(fx.url, ROOT)) {
      const res = await results(t, d.dataset_id, { space_id: spaceId }).expect(200);
      expect({ spaceId, rows: res.body.rows }).toEqual({ spaceId, rows: expected.get(spaceId) });
    }
  };
  const registered = async (key: string) =>
    (
      (await execSql(
        t.appDbUrl,
        `SELECT count(*)::int AS n FROM occupancy_objects WHERE storage_key = $1`,
        [key],
      )) as { n: number }[]
    )[0].n > 0;

  it('stores what a run computed for a window as one object, sorted by space then time', async () => {
    await expectOracle(await postDataset(t, body(3600)));
    const chunks = await chunkKeys(3600);
    const windows = [...new Set(chunks.map((c) => c.start))];
    expect(windows).toHaveLength(4);
    for (const w of windows) {
      const inWindow = chunks.filter((c) => c.start === w && c.row_count > 0);
      const keys = new Set(inWindow.map((c) => c.storage_key));
      expect({ w, objects: keys.size }).toEqual({ w, objects: 1 }); // one run for the window
      const [key] = keys;
      expect(key).toMatch(
        new RegExp(
          `^occupancy/windows/3600/sum/${w.replace(/-/g, '')}T000000_\\d{8}T000000/[0-9a-f-]{36}\\.parquet$`,
        ),
      );
      const rows = await objectRows(store, key!);
      const sorted = [...rows].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(rows).toEqual(sorted);
      expect(rows.every((r) => r[2] > 0)).toBe(true);
      for (const c of inWindow)
        expect({ space: c.space_id, rows: rows.filter((r) => r[0] === c.space_id).length }).toEqual(
          { space: c.space_id, rows: c.row_count },
        );
    }
    // chunks without rows name no object
    expect(chunks.filter((c) => c.row_count === 0).every((c) => c.storage_key === null)).toBe(true);
  }, 120_000);

  it('collects the objects recomputed chunks left, after the grace period, and never a referenced one', async () => {
    const first = await postDataset(t, body(7200));
    await expectOracle(first);
    const before = new Set((await chunkKeys(7200)).map((c) => c.storage_key).filter(Boolean));
    expect(before.size).toBeGreaterThan(0);

    const forced = await postDataset(t, body(7200, { force_overwrite: true }));
    await expectOracle(forced);
    const after = new Set((await chunkKeys(7200)).map((c) => c.storage_key).filter(Boolean));
    for (const key of after) expect(before.has(key)).toBe(false); // new objects

    await waitFor(
      'the replaced objects to be collected',
      async () => {
        for (const key of before)
          if ((await store.head(key!)) || (await registered(key!))) return false;
        return true;
      },
      20_000,
    );
    // every object a chunk references (of every interval) is still there
    const referenced = (await execSql(
      t.appDbUrl,
      `SELECT DISTINCT storage_key FROM occupancy_chunks WHERE storage_key IS NOT NULL`,
    )) as { storage_key: string }[];
    expect(referenced.length).toBeGreaterThan(after.size);
    for (const { storage_key } of referenced) expect(await store.head(storage_key)).not.toBeNull();
    await expectOracle(forced);
  }, 120_000);

  it('collects an object whose run died after storing it, before recording it', async () => {
    const key = 'occupancy/windows/3600/sum/20250310T000000_20250311T000000/orphan-1.parquet';
    await t.app
      .get(WindowObjects)
      .save([{ key, body: Buffer.from('not really parquet'), rows: 1 }]);
    expect(await store.head(key)).not.toBeNull();
    await waitFor(
      'the orphan to be collected',
      async () => !(await store.head(key)) && !(await registered(key)),
      20_000,
    );
  });
});

describe('occupancy object collector grace period', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: {
        ...OCCUPANCY_ENV,
        OCCUPANCY_OBJECT_GRACE_SECONDS: '3600',
        OCCUPANCY_OBJECT_COLLECTOR_INTERVAL: '3600',
      },
    });
  });
  afterAll(async () => t?.close());

  it('keeps an unreferenced object until it has been unreferenced for the grace period', async () => {
    const key = 'occupancy/windows/3600/sum/20250310T000000_20250311T000000/in-flight.parquet';
    await t.app.get(WindowObjects).save([{ key, body: Buffer.from('x'), rows: 1 }]);
    const collector = t.app.get(ObjectCollectorSensor);
    await collector.collect();
    await collector.collect();
    expect(await t.app.get<ObjectStore>(OBJECT_STORE).head(key)).not.toBeNull();
    const [row] = (await execSql(
      t.appDbUrl,
      `SELECT unreferenced_since FROM occupancy_objects WHERE storage_key = $1`,
      [key],
    )) as { unreferenced_since: Date | null }[];
    expect(row.unreferenced_since).not.toBeNull(); // seen unreferenced, not yet collected
  });
});
