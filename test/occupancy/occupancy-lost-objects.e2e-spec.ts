import { OBJECT_STORE, ObjectStore } from '../../src/infra/object-store/object-store.port';
import { createTestApp, TestApp } from '../helpers/test-app';
import { execSql } from '../helpers/test-db';
import { waitFor } from '../helpers/wait';
import { LOST_LIMIT } from '../../src/occupancy/chunk-work.repository';
import { createCampusFixture, FLOOR_A1, TippersFixture } from './fixture-campus';
import {
  Dataset,
  OCCUPANCY_ENV,
  postDataset,
  rangeBody,
  results,
  settledDataset,
  waitCompleted,
} from './occupancy-api';
import { oracleRows } from './oracle';

/**
 * A COMPLETED chunk whose object is gone (a lost disk, a bucket cleaned by hand) is computed
 * again — into a new object — instead of failing whatever needs it: the results of its own
 * space, and a derived chunk that reads it as an input. An object that keeps vanishing fails
 * the chunk.
 */
describe('occupancy chunks whose object is lost', () => {
  let fx: TippersFixture;
  let t: TestApp;
  let store: ObjectStore;

  beforeAll(async () => {
    fx = await createCampusFixture();
    // without the results cache: every read goes to the store (a cached space is answered from
    // memory and would not notice its object is gone until something reads the store)
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

  const body = rangeBody;

  /** Keys of the COMPLETED chunks of `space` at `interval` that have an object. */
  const keysOf = async (space: number, interval: number) =>
    (
      (await execSql(
        t.appDbUrl,
        `SELECT storage_key FROM occupancy_chunks
          WHERE space_id = $1 AND interval_seconds = $2 AND status = 'COMPLETED' AND storage_key IS NOT NULL
          ORDER BY chunk_start`,
        [space, interval],
      )) as { storage_key: string }[]
    ).map((r) => r.storage_key);

  const expectOracle = async (d: Dataset, space: number) => {
    const expected = await oracleRows(fx.url, space, d.start_time, d.end_time, d.interval_seconds);
    const done = await waitCompleted(t, d.dataset_id, space);
    expect(done.rows).toEqual(expected.get(space));
  };

  it('recomputes a chunk whose object is gone when its results are read', async () => {
    const room = 1001;
    const d = await postDataset(t, body(room, 3600));
    await expectOracle(d, room);
    const before = await keysOf(room, 3600);
    const [lost] = before;
    await store.delete(lost);

    await expectOracle(d, room);
    const after = await keysOf(room, 3600);
    expect(after).toHaveLength(before.length);
    expect(after).not.toContain(lost); // a recomputed chunk points at a new object
    for (const key of after) expect(await store.head(key)).not.toBeNull();
  }, 120_000);

  it('fails a chunk whose object keeps going missing, naming the likely cause', async () => {
    const room = 2001;
    const d = await postDataset(t, body(room, 14400));
    await expectOracle(d, room);
    for (let loss = 1; loss < LOST_LIMIT; loss++) {
      const [key] = await keysOf(room, 14400);
      await store.delete(key);
      await expectOracle(d, room); // computed again after each of the first losses
    }
    const [key] = await keysOf(room, 14400);
    await store.delete(key);
    const failed = await waitFor('the results to report FAILED', async () => {
      const res = await results(t, d.dataset_id, { space_id: room }).expect(200);
      return res.body.status === 'FAILED' && res.body;
    });
    expect(failed.error).toMatch(new RegExp(`missing ${LOST_LIMIT} times.*object store`));
  }, 120_000);

  it('recomputes an input whose object is gone before the chunk that sums it', async () => {
    const room = 1002;
    await expectOracle(await postDataset(t, body(room, 7200)), room);
    const lost = await keysOf(room, 7200);
    expect(lost.length).toBeGreaterThan(0);
    for (const key of lost) await store.delete(key);

    // the floor is new at this interval: its run reads the room's chunks as stored inputs
    const floor = await postDataset(t, body(FLOOR_A1, 7200));
    await expectOracle(floor, FLOOR_A1);
    expect(await settledDataset(t, floor.dataset_id)).toMatchObject({
      status: 'COMPLETED',
      failed_chunks: 0,
    });
    const now = await keysOf(room, 7200);
    expect(now.length).toBeGreaterThan(0);
    for (const key of now) {
      expect(lost).not.toContain(key);
      expect(await store.head(key)).not.toBeNull();
    }
  }, 120_000);
});
