import { createTestApp, TestApp } from '../helpers/test-app';
import { execSql } from '../helpers/test-db';
import { sleep, waitFor } from '../helpers/wait';
import {
  at,
  createCampusFixture,
  EMPTY_ROOM,
  FLOOR_A1,
  insertSessions,
  RANGE,
  ROOT,
  TippersFixture,
} from './fixture-campus';
import {
  chunksAt,
  chunksOf,
  countOccupancyRuns,
  Dataset,
  OCCUPANCY_ENV,
  postDataset,
  results,
  UNKNOWN_DATASET,
  waitCompleted,
} from './occupancy-api';
import { oracleRows, subtreeIds } from './oracle';

const day = (d: number) => `${at(d, 0).slice(0, 10)}T00:00:00Z`;

/**
 * Planning, reuse and lifecycle. Chunks are shared by every dataset of one app, so each test
 * uses its own interval_seconds (or a range without data) and states its chunk and run counts
 * relative to what existed before it.
 */
describe('occupancy planning and chunk reuse', () => {
  let fx: TippersFixture;
  let t: TestApp;

  beforeAll(async () => {
    fx = await createCampusFixture();
    t = await createTestApp({ tippersDbUrl: fx.url, env: OCCUPANCY_ENV });
  });
  afterAll(async () => {
    await t?.close();
    await fx?.drop();
  });

  const body = (interval: number, start = RANGE.start, end = RANGE.end, extra = {}) => ({
    root_space_id: ROOT,
    start_time: start,
    end_time: end,
    interval_seconds: interval,
    chunk_days: 1,
    ...extra,
  });

  /** Every space of the subtree has exactly the oracle's rows. */
  const expectOracle = async (d: Dataset) => {
    await waitCompleted(t, d.dataset_id);
    const expected = await oracleRows(fx.url, ROOT, d.start_time, d.end_time, d.interval_seconds);
    for (const spaceId of await subtreeIds(fx.url, ROOT)) {
      const res = await results(t, d.dataset_id, { space_id: spaceId }).expect(200);
      expect({ spaceId, rows: res.body.rows }).toEqual({ spaceId, rows: expected.get(spaceId) });
    }
  };

  describe('validation', () => {
    it.each([
      ['end_time equal to start_time', body(3600, RANGE.start, RANGE.start), /end_time/],
      ['end_time before start_time', body(3600, RANGE.end, RANGE.start), /end_time/],
      ['an interval that is not allowed', body(1000), /interval_seconds/],
      ['interval_seconds 0', body(0), /interval_seconds/],
      ['chunk_days 0', body(3600, RANGE.start, RANGE.end, { chunk_days: 0 }), /chunk_days/],
      [
        'chunk_days·86400 not a multiple of the interval',
        body(86400, RANGE.start, RANGE.end, { chunk_days: 0.5 }),
        /chunk_days/,
      ],
      [
        // 17 planned spaces × 3,288 one-day windows
        'more than 50,000 chunks',
        body(3600, '2010-01-01T00:00:00Z', '2019-01-01T00:00:00Z'),
        /plans \d+ chunks .*limit of 50000; to fit: raise chunk_days/,
      ],
      [
        // the probe's year 1 to 2026: 17.7 M hourly bins (results with fill=zero killed the process)
        'more bins than the limit',
        body(3600, '0001-01-01T00:00:00Z', '2026-01-01T00:00:00Z', { chunk_days: 3650 }),
        /holds 17\d{6} bins of 3600 s, more than the limit of 500000/,
      ],
      ['a start_time that is not a timestamp', body(3600, 'yesterday'), /start_time/],
      ['no root_space_id', { ...body(3600), root_space_id: undefined }, /root_space_id/],
    ])('answers 400 for %s, naming the field', async (_label, payload, field) => {
      const res = await t.http.post('/occupancy/datasets').send({ name: 'bad', ...payload });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message).toMatch(field);
    });

    it('answers 404 for an unknown root space', async () => {
      const res = await t.http
        .post('/occupancy/datasets')
        .send({ name: 'nowhere', ...body(3600), root_space_id: 424242 });
      expect(res.status).toBe(404);
      expect(res.body.message).toMatch(/424242/);
    });
  });

  it('completes at once, with no rows, when the range holds no sessions', async () => {
    const d = await postDataset(t, body(3600, '2020-01-01T00:00:00Z', '2020-01-03T00:00:00Z'));
    expect(d).toMatchObject({ status: 'COMPLETED', failed_chunks: 0 });
    const res = await results(t, d.dataset_id).expect(200);
    expect(res.body).toMatchObject({ status: 'COMPLETED', row_count: 0, rows: [] });

    const listed = await t.http.get('/occupancy/datasets').query({ space_id: ROOT }).expect(200);
    expect(listed.body.map((x: Dataset) => x.dataset_id)).toContain(d.dataset_id);
    const done = await t.http.get('/occupancy/datasets').query({ status: 'COMPLETED' }).expect(200);
    expect(done.body.every((x: Dataset) => x.status === 'COMPLETED')).toBe(true);
    const other = await t.http.get('/occupancy/datasets').query({ space_id: FLOOR_A1 }).expect(200);
    expect(other.body.map((x: Dataset) => x.dataset_id)).not.toContain(d.dataset_id);
  });

  it('reuses COMPLETED chunks: an overlapping dataset runs only the chunks it lacks', async () => {
    const first = await postDataset(t, body(3600, day(0), day(2)));
    await expectOracle(first);
    const before = new Map((await chunksAt(t, 3600)).map((c) => [c.chunk_id, c]));
    const runsBefore = await countOccupancyRuns(t);

    const second = await postDataset(t, body(3600, day(1), day(4)));
    await expectOracle(second);
    const mine = await chunksOf(t, second.dataset_id);
    const reused = mine.filter((c) => before.has(c.chunk_id));
    const added = (await chunksAt(t, 3600)).filter((c) => !before.has(c.chunk_id));
    expect(reused.length).toBeGreaterThan(0);
    expect(added.length).toBeGreaterThan(0);
    expect(second.total_chunks).toBe(mine.length);
    expect(second.total_chunks).toBeGreaterThanOrEqual(reused.length + added.length);
    for (const c of reused) {
      expect({ chunk: c.chunk_id, run: c.run_id }).toEqual({
        chunk: c.chunk_id,
        run: before.get(c.chunk_id)!.run_id,
      });
    }
    const newRunIds = new Set(added.map((c) => c.run_id).filter((r) => r !== null));
    expect(await countOccupancyRuns(t)).toBe(runsBefore + newRunIds.size);

    const retry = await t.http.post(`/occupancy/datasets/${second.dataset_id}/retry`);
    expect([200, 201]).toContain(retry.status);
    expect(retry.body).toEqual({ reset: 0 });
  }, 240_000);

  it('computes each chunk once when two identical POSTs arrive together', async () => {
    const runsBefore = await countOccupancyRuns(t);
    const [a, b] = await Promise.all([
      postDataset(t, body(1800, day(0), day(2))),
      postDataset(t, body(1800, day(0), day(2))),
    ]);
    await Promise.all([waitCompleted(t, a.dataset_id), waitCompleted(t, b.dataset_id)]);
    const chunksA = await chunksOf(t, a.dataset_id);
    const chunksB = await chunksOf(t, b.dataset_id);
    expect(chunksB.map((c) => c.chunk_id)).toEqual(chunksA.map((c) => c.chunk_id));
    const all = await chunksAt(t, 1800);
    expect(all).toHaveLength(chunksA.length);
    expect(all.every((c) => c.status === 'COMPLETED')).toBe(true);
    const runIds = new Set(all.map((c) => c.run_id).filter((r) => r !== null));
    expect(runIds.size).toBeGreaterThan(0);
    expect(await countOccupancyRuns(t)).toBe(runsBefore + runIds.size);
    await expectOracle(a);
    await expectOracle(b);
  }, 240_000);

  it('picks up sessions that arrive late in an already computed window', async () => {
    const first = await postDataset(t, body(14400, day(0), day(2)));
    await expectOracle(first);
    await insertSessions(fx.url, [
      ['late:00:01', 2003, at(0, 10), at(0, 11)],
      ['late:00:02', 2003, at(0, 10, 30), at(0, 14)],
      ['late:00:03', EMPTY_ROOM, at(1, 5), at(1, 6)], // a room that had no data before
      ['late:00:04', FLOOR_A1, at(1, 3), at(1, 3)],
    ]);
    const again = await postDataset(t, body(14400, day(0), day(2)));
    await expectOracle(again);
    const res = await results(t, again.dataset_id, { space_id: EMPTY_ROOM }).expect(200);
    expect(res.body.row_count).toBe(1);
  }, 240_000);

  it('recomputes overlapping chunks when force_overwrite is set', async () => {
    const first = await postDataset(t, body(86400, day(0), day(4)));
    await expectOracle(first);
    await insertSessions(fx.url, [['late:00:05', 2101, at(2, 9), at(2, 10)]]);
    const runsBefore = await countOccupancyRuns(t);
    const forced = await postDataset(t, body(86400, day(0), day(4), { force_overwrite: true }));
    await expectOracle(forced);
    const runsAfter = await countOccupancyRuns(t);
    expect(runsAfter).toBeGreaterThan(runsBefore);
    // COMPLETED means done: nothing of this dataset is still being recomputed
    await sleep(1500);
    expect(await countOccupancyRuns(t)).toBe(runsAfter);
    expect((await chunksOf(t, forced.dataset_id)).every((c) => c.status === 'COMPLETED')).toBe(
      true,
    );
  }, 240_000);

  it('keeps the chunks of a deleted dataset, and a new POST reuses them', async () => {
    const d = await postDataset(t, body(28800, day(0), day(2)));
    await expectOracle(d);
    const kept = await chunksOf(t, d.dataset_id);

    const del = await t.http.delete(`/occupancy/datasets/${d.dataset_id}`);
    expect([200, 204]).toContain(del.status);
    await t.http.get(`/occupancy/datasets/${d.dataset_id}`).expect(404);
    await results(t, d.dataset_id).expect(404);
    await t.http.delete(`/occupancy/datasets/${d.dataset_id}`).expect(404);
    const after = new Map((await chunksAt(t, 28800)).map((c) => [c.chunk_id, c.status]));
    for (const c of kept)
      expect([c.chunk_id, after.get(c.chunk_id)]).toEqual([c.chunk_id, 'COMPLETED']);

    const again = await postDataset(t, body(28800, day(0), day(2)));
    await expectOracle(again);
    // the same chunks, computed by the same runs: nothing was recomputed
    const reused = await chunksOf(t, again.dataset_id);
    expect(reused.map((c) => [c.chunk_id, c.run_id, c.status])).toEqual(
      kept.map((c) => [c.chunk_id, c.run_id, 'COMPLETED']),
    );
  }, 240_000);

  it('recomputes a floor whose rooms changed: a room computed elsewhere, then a room moved away', async () => {
    // a floor of its own (spaces 3xx): room 3001 has data from the start; room 3002 gets its
    // first sessions later and is computed by a dataset of its own before the floor's next POST
    await execSql(
      fx.url,
      `INSERT INTO space (space_id, space_name, parent_space_id, building_room)
       VALUES (300, 'Floor C1', 10, NULL), (3001, 'Room C1-01', 300, 'C-101'),
              (3002, 'Room C1-02', 300, 'C-102'), (310, 'Floor C2', 10, NULL)`,
    );
    await insertSessions(fx.url, [['c1:00:01', 3001, at(0, 9), at(0, 12)]]);
    const floor = { ...body(7200, day(0), day(2)), root_space_id: 300 };
    const expectFloor = async (d: Dataset) => {
      await waitCompleted(t, d.dataset_id);
      const expected = await oracleRows(fx.url, 300, d.start_time, d.end_time, 7200);
      const res = await results(t, d.dataset_id, { space_id: 300 }).expect(200);
      expect(res.body.rows).toEqual(expected.get(300));
      return res.body.rows as unknown[];
    };
    const before = await expectFloor(await postDataset(t, floor));

    await insertSessions(fx.url, [
      ['c1:00:02', 3002, at(0, 10), at(0, 13)],
      ['c1:00:03', 3002, at(1, 8), at(1, 9)],
    ]);
    await waitCompleted(t, (await postDataset(t, { ...floor, root_space_id: 3002 })).dataset_id);
    const grown = await expectFloor(await postDataset(t, floor));
    expect(grown).not.toEqual(before);

    await execSql(fx.url, `UPDATE space SET parent_space_id = 310 WHERE space_id = 3002`);
    expect(await expectFloor(await postDataset(t, floor))).toEqual(before);
  }, 240_000);

  it('answers 404 to a retry of an unknown dataset', async () => {
    await t.http.post(`/occupancy/datasets/${UNKNOWN_DATASET}/retry`).expect(404);
  });
});

/**
 * DELETE cancels the work no other dataset needs. This app's worker takes no bulk runs
 * (WORKER_GROUPS), so chunk runs stay QUEUED and what DELETE does with them can be seen.
 */
describe('deleting a dataset whose work is still pending', () => {
  let fx: TippersFixture;
  let t: TestApp;

  beforeAll(async () => {
    fx = await createCampusFixture();
    t = await createTestApp({
      tippersDbUrl: fx.url,
      // a run per window (OCCUPANCY_RUN_MAX_DAYS), so that some are left without work
      env: {
        ...OCCUPANCY_ENV,
        WORKER_GROUPS: 'interactive,diagnostic',
        OCCUPANCY_RUN_MAX_DAYS: '1',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await fx?.drop();
  });

  const chunkRows = () =>
    execSql(
      t.appDbUrl,
      `SELECT chunk_id::text, run_id::text, status FROM occupancy_chunks ORDER BY chunk_id`,
    ) as Promise<{ chunk_id: string; run_id: string | null; status: string }[]>;
  const runRows = () =>
    execSql(
      t.appDbUrl,
      `SELECT run_id::text, status FROM runs WHERE kind LIKE 'occupancy_%' ORDER BY run_id`,
    ) as Promise<{ run_id: string; status: string }[]>;

  it('removes the pending chunks no other dataset needs and cancels the runs left without work', async () => {
    const big = await postDataset(t, {
      root_space_id: ROOT,
      start_time: RANGE.start,
      end_time: RANGE.end,
      interval_seconds: 3600,
      chunk_days: 1,
    });
    await waitFor('a queued run for each of the four windows', async () => {
      const runs = await runRows();
      return runs.length === 4 && runs.every((r) => r.status === 'QUEUED');
    });
    // another dataset needs part of the same chunks: floor A1 on the first day
    const small = await postDataset(t, {
      root_space_id: FLOOR_A1,
      start_time: RANGE.start,
      end_time: day(1),
      interval_seconds: 3600,
      chunk_days: 1,
    });
    const needed = (await chunksOf(t, small.dataset_id)).map((c) => c.chunk_id).sort();
    expect(needed.length).toBe(small.total_chunks);

    await t.http.delete(`/occupancy/datasets/${big.dataset_id}`).expect(204);
    const left = await chunkRows();
    expect(left.map((r) => r.chunk_id).sort()).toEqual(needed);
    // the first window's run still has the small dataset's chunks to do; the others none
    const runs = await runRows();
    expect(runs.map((r) => r.status).sort()).toEqual([
      'CANCELED',
      'CANCELED',
      'CANCELED',
      'QUEUED',
    ]);
    const ds = await t.http.get(`/occupancy/datasets/${small.dataset_id}`).expect(200);
    expect(ds.body.total_chunks).toBe(needed.length);
  }, 120_000);
});
