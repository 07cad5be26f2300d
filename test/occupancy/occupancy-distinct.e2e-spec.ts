import { OBJECT_STORE, ObjectStore } from '../../src/infra/object-store/object-store.port';
import { createTestApp, TestApp } from '../helpers/test-app';
import { execSql } from '../helpers/test-db';
import {
  at,
  BUILDING_A,
  createCampusFixture,
  FLOOR_A1,
  insertSessions,
  RANGE,
  ROOT,
  TippersFixture,
} from './fixture-campus';
import {
  countOccupancyRuns,
  Dataset,
  OCCUPANCY_ENV,
  parseCsv,
  postDataset,
  rangeBody,
  results,
  waitCompleted,
} from './occupancy-api';
import { oracleRows, subtreeIds } from './oracle';

/**
 * `aggregation: "distinct"`: each device once per bin in a space's whole subtree, against the
 * SQL oracle, on the campus where a device is seen on a floor and in two of its rooms within one
 * hour and a pool of devices moves between rooms (so the two aggregations differ).
 */
describe('occupancy with aggregation distinct', () => {
  let fx: TippersFixture;
  let t: TestApp;

  beforeAll(async () => {
    fx = await createCampusFixture();
    t = await createTestApp({
      tippersDbUrl: fx.url,
      env: { ...OCCUPANCY_ENV, OCCUPANCY_RESULTS_CACHE_MB: '0' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await fx?.drop();
  });

  const body = (interval: number, extra: Record<string, unknown> = {}) =>
    rangeBody(ROOT, interval, { aggregation: 'distinct', ...extra });

  const expectOracle = async (d: Dataset, root = ROOT) => {
    await waitCompleted(t, d.dataset_id);
    const expected = await oracleRows(
      fx.url,
      root,
      d.start_time,
      d.end_time,
      d.interval_seconds,
      undefined,
      'distinct',
    );
    for (const spaceId of await subtreeIds(fx.url, root)) {
      const res = await results(t, d.dataset_id, { space_id: spaceId }).expect(200);
      expect({ spaceId, rows: res.body.rows }).toEqual({ spaceId, rows: expected.get(spaceId) });
    }
    return expected;
  };

  it.each([3600, 900, 86400])(
    'matches the oracle for every space at %i s, where sum gives other numbers',
    async (interval) => {
      const d = await postDataset(t, body(interval, interval === 86400 ? { chunk_days: 30 } : {}));
      expect(d.aggregation).toBe('distinct');
      const distinct = await expectOracle(d);
      const sum = await oracleRows(fx.url, ROOT, d.start_time, d.end_time, interval);
      // the campus makes the two differ: the same devices in several rooms of a floor
      expect(distinct.get(FLOOR_A1)).not.toEqual(sum.get(FLOOR_A1));
      expect(distinct.get(ROOT)).not.toEqual(sum.get(ROOT));
    },
    120_000,
  );

  it('keeps sum and distinct chunks apart, each reused by a dataset of its own aggregation', async () => {
    const sumD = await postDataset(t, { ...body(7200), aggregation: 'sum' });
    await waitCompleted(t, sumD.dataset_id);
    const distinctD = await postDataset(t, body(7200));
    await expectOracle(distinctD);
    const rows = (await execSql(
      t.appDbUrl,
      `SELECT aggregation, count(*)::int AS n FROM occupancy_chunks WHERE interval_seconds = 7200
        GROUP BY aggregation ORDER BY aggregation`,
    )) as { aggregation: string; n: number }[];
    expect(rows.map((r) => r.aggregation)).toEqual(['distinct', 'sum']);
    expect(rows[0].n).toBe(rows[1].n); // one chunk per planned space and window, each

    const runsBefore = await countOccupancyRuns(t);
    const again = await postDataset(t, body(7200));
    expect(again).toMatchObject({ status: 'COMPLETED', completed_chunks: again.total_chunks });
    expect(await countOccupancyRuns(t)).toBe(runsBefore);
    const sumResults = await results(t, sumD.dataset_id, { space_id: FLOOR_A1 }).expect(200);
    const sumOracle = await oracleRows(fx.url, ROOT, RANGE.start, RANGE.end, 7200, [FLOOR_A1]);
    expect(sumResults.body.rows).toEqual(sumOracle.get(FLOOR_A1));
  }, 120_000);

  it('serves the same rows as CSV, and lists the aggregation on the dataset', async () => {
    const d = await postDataset(t, body(1800));
    await expectOracle(d);
    const json = await results(t, d.dataset_id, { space_id: BUILDING_A }).expect(200);
    const csv = await results(t, d.dataset_id, { space_id: BUILDING_A, format: 'csv' }).expect(200);
    expect(parseCsv(csv.text).rows).toEqual(json.body.rows);
    const got = await t.http.get(`/occupancy/datasets/${d.dataset_id}`).expect(200);
    expect(got.body.aggregation).toBe('distinct');
  }, 120_000);

  it('recomputes every level above a late session, and a chunk whose object was lost', async () => {
    const d = await postDataset(t, body(14400));
    await expectOracle(d);
    // a device already counted on floor A1 shows up in a room of it, and a new one elsewhere
    await insertSessions(fx.url, [
      ['aa:bb:cc:00:00:10', 1002, at(1, 9), at(1, 10)],
      ['late:distinct:1', 2101, at(2, 1), at(2, 2)],
    ]);
    await expectOracle(await postDataset(t, body(14400)));

    const store = t.app.get<ObjectStore>(OBJECT_STORE);
    const [{ storage_key }] = (await execSql(
      t.appDbUrl,
      `SELECT storage_key FROM occupancy_chunks
        WHERE interval_seconds = 14400 AND aggregation = 'distinct' AND space_id = $1
          AND storage_key IS NOT NULL ORDER BY chunk_start LIMIT 1`,
      [ROOT],
    )) as { storage_key: string }[];
    await store.delete(storage_key);
    await expectOracle(d);
  }, 120_000);
});
