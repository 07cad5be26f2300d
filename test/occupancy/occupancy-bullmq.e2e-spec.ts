import { RunExecutor } from '../../src/runs/run-executor.service';
import { createRunApp, newPrefix } from '../helpers/run-engine';
import { describeWithRedis } from '../helpers/redis';
import type { TestApp } from '../helpers/test-app';
import { execSql } from '../helpers/test-db';
import { createCampusFixture, RANGE, ROOT, TippersFixture } from './fixture-campus';
import {
  DERIVED_KIND,
  OCCUPANCY_ENV,
  postDataset,
  results,
  SOURCE_KIND,
  waitCompleted,
} from './occupancy-api';
import { oracleRows, subtreeIds } from './oracle';

/**
 * Occupancy deployed as the README's split: an API app, a sensors app and two workers (one
 * run at a time each) sharing the bullmq queue. Nothing is kicked across processes: the
 * sensors' own ticks must carry the dataset from planning to COMPLETED, and the runs must be
 * done by the workers only.
 */
describeWithRedis('occupancy on the bullmq queue, api + sensors + two workers', () => {
  const prefix = newPrefix();
  let fx: TippersFixture;
  let api: TestApp;
  const others: TestApp[] = [];

  beforeAll(async () => {
    fx = await createCampusFixture();
    api = await createRunApp(
      'bullmq',
      prefix,
      { ...OCCUPANCY_ENV, APP_ROLE: 'api' },
      { tippersDbUrl: fx.url },
    );
    for (const role of ['sensors', 'worker', 'worker']) {
      others.push(
        await createRunApp(
          'bullmq',
          prefix,
          { ...OCCUPANCY_ENV, APP_ROLE: role, WORKER_CONCURRENCY: '1' },
          { shareWith: api, tippersDbUrl: fx.url },
        ),
      );
    }
  });
  afterAll(async () => {
    for (const t of others.reverse()) await t.close();
    await api?.close();
    await fx?.drop();
  });

  it('computes a dataset exactly, every chunk run done by a worker process', async () => {
    const d = await postDataset(api, {
      root_space_id: ROOT,
      start_time: RANGE.start,
      end_time: RANGE.end,
      interval_seconds: 1800,
      chunk_days: 1,
    });
    await waitCompleted(api, d.dataset_id);
    const expected = await oracleRows(fx.url, ROOT, d.start_time, d.end_time, 1800);
    for (const spaceId of await subtreeIds(fx.url, ROOT)) {
      const res = await results(api, d.dataset_id, { space_id: spaceId }).expect(200);
      expect({ spaceId, rows: res.body.rows }).toEqual({ spaceId, rows: expected.get(spaceId) });
    }

    const workerIds = new Set(others.slice(1).map((w) => w.app.get(RunExecutor).workerId));
    const runs = (await execSql(
      api.appDbUrl,
      `SELECT worker_id FROM runs WHERE kind IN ($1, $2) AND status = 'SUCCESS'`,
      [SOURCE_KIND, DERIVED_KIND],
    )) as { worker_id: string }[];
    expect(runs.length).toBeGreaterThan(0);
    for (const r of runs) expect(workerIds).toContain(r.worker_id);
  }, 120_000);
});
