import { RunExecutor } from '../../src/runs/run-executor.service';
import { createRunApp, newPrefix } from '../helpers/run-engine';
import { describeWithRedis } from '../helpers/redis';
import type { TestApp } from '../helpers/test-app';
import { execSql } from '../helpers/test-db';
import { waitFor } from '../helpers/wait';
import { createCampusFixture, RANGE, ROOT, TippersFixture } from './fixture-campus';
import {
  DERIVED_KIND,
  OCCUPANCY_ENV,
  postDataset,
  results,
  settledDataset,
  SOURCE_KIND,
  waitCompleted,
} from './occupancy-api';
import { oracleRows, subtreeIds } from './oracle';

/**
 * Occupancy deployed as the README's split: an API app, a sensors app and two workers (one
 * run at a time each) sharing the bullmq queue. The runs must be done by the workers only.
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

/**
 * Kicks cross processes: with sensor intervals of ten minutes, only the kicks (PostgreSQL
 * NOTIFY) can carry a POST on the api process to runs on the worker, and finished runs on the
 * worker to the completion of the dataset, within the test's time.
 */
describeWithRedis('occupancy kicks across processes (api, sensors, worker)', () => {
  const prefix = newPrefix();
  const SLOW = { SOURCE_CHUNK_SENSOR_INTERVAL: '600', OCCUPANCY_SENSOR_INTERVAL: '600' };
  let fx: TippersFixture;
  let api: TestApp;
  const others: TestApp[] = [];

  beforeAll(async () => {
    fx = await createCampusFixture();
    api = await createRunApp(
      'bullmq',
      prefix,
      { ...OCCUPANCY_ENV, ...SLOW, APP_ROLE: 'api' },
      { tippersDbUrl: fx.url },
    );
    for (const role of ['sensors', 'worker']) {
      others.push(
        await createRunApp(
          'bullmq',
          prefix,
          { ...OCCUPANCY_ENV, ...SLOW, APP_ROLE: role },
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

  it('starts work on the worker as soon as the api process planned it, and completes it', async () => {
    const posted = Date.now();
    const d = await postDataset(api, {
      root_space_id: ROOT,
      start_time: RANGE.start,
      end_time: RANGE.end,
      interval_seconds: 3600,
      chunk_days: 1,
    });
    const started = await waitFor(
      'a chunk run to start on the worker',
      async () => {
        const rows = (await execSql(
          api.appDbUrl,
          `SELECT min(started_at) AS at FROM runs WHERE kind IN ($1, $2) AND started_at IS NOT NULL`,
          [SOURCE_KIND, DERIVED_KIND],
        )) as { at: Date | null }[];
        return rows[0].at;
      },
      30_000, // far below the sensors' 600 s: only a kick can have done it
      20,
    );
    process.stdout.write(
      `[occupancy kicks] first chunk run started ${started.getTime() - posted} ms after the POST\n`,
    );
    await waitCompleted(api, d.dataset_id, undefined, 60_000);
    expect((await settledDataset(api, d.dataset_id)).status).toBe('COMPLETED');
    const expected = await oracleRows(fx.url, ROOT, d.start_time, d.end_time, 3600, [ROOT]);
    const res = await results(api, d.dataset_id).expect(200);
    expect(res.body.rows).toEqual(expected.get(ROOT));
  }, 120_000);
});
