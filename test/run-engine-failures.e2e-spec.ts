import IORedis from 'ioredis';
import request from 'supertest';
import { freePort } from '../src/database/embedded-postgres.launcher';
import { createEmptyDatabase, createMigratedDatabase, dropDatabase } from './helpers/test-db';
import { startAppProcess, AppProcess } from './helpers/app-process';
import { testRedisUrl } from './helpers/redis';
import {
  createRunApp,
  driverEnv,
  Driver,
  newPrefix,
  RunBody,
  waitForStatus,
} from './helpers/run-engine';
import type { TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const redis = testRedisUrl();
const withRedis = redis ? describe : describe.skip;

async function diagnostic(t: TestApp, body: Record<string, unknown>): Promise<RunBody> {
  return (await t.http.post('/runs/diagnostics').send(body).expect(201)).body;
}

/** The env a separate worker process needs to join `t`'s databases and queue. */
function processEnv(
  t: TestApp,
  driver: Driver,
  prefix: string,
  role: string,
): Record<string, string> {
  return {
    ...driverEnv(driver, prefix),
    APP_ROLE: role,
    DATABASE_URL: t.appDbUrl,
    TIPPERS_DB_URL: t.config.tippersDbUrl,
    ENCRYPTION_KEY: t.config.encryptionKey,
  };
}

describe('the run engine after crashes', () => {
  const apps: TestApp[] = [];
  const procs: AppProcess[] = [];
  afterEach(async () => {
    for (const p of procs.splice(0)) await p.stop().catch(() => undefined);
    for (const a of apps.splice(0).reverse()) await a.close();
  });

  (redis ? it : it.skip)(
    `retries on another worker a run whose worker process was killed with -9${redis ? '' : ' [SKIPPED: no Redis]'}`,
    async () => {
      const prefix = newPrefix();
      const sensors = await createRunApp('bullmq', prefix, { APP_ROLE: 'sensors' });
      apps.push(sensors);
      const doomed = await startAppProcess(processEnv(sensors, 'bullmq', prefix, 'worker'));
      procs.push(doomed);
      const run = await diagnostic(sensors, { seconds: 5, max_attempts: 2 });
      const started = await waitForStatus(sensors, run.run_id, ['STARTED'], 30_000);
      expect(started.worker_id).toContain(`:${doomed.pid}:`);

      await doomed.kill9();
      const killedAt = Date.now();
      const rescuer = await createRunApp(
        'bullmq',
        prefix,
        { APP_ROLE: 'worker' },
        { shareWith: sensors },
      );
      apps.push(rescuer);

      const done = await waitForStatus(sensors, run.run_id, ['SUCCESS', 'FAILURE'], 60_000);
      process.stderr.write(
        `[run engine] killed worker's run ended ${done.status} ${Date.now() - killedAt} ms after kill -9\n`,
      );
      expect(done).toMatchObject({ status: 'SUCCESS', attempt: 2 });
      expect(done.worker_id).not.toContain(`:${doomed.pid}:`);
      const messages = done.events.map((e) => e.message);
      expect(messages).toContainEqual(
        expect.stringMatching(/^attempt 1 failed: worker .* stopped heartbeating/),
      );
      expect(messages).toContain('attempt 2 succeeded');
    },
  );

  it('finishes, after a restart, the runs of an embedded (local queue) process killed with -9', async () => {
    const prefix = newPrefix();
    const db = await createMigratedDatabase();
    const tippers = await createEmptyDatabase('test_tippers');
    const port = await freePort();
    const doomed = await startAppProcess({
      ...driverEnv('local', prefix),
      APP_ROLE: 'all',
      DATABASE_URL: db.url,
      TIPPERS_DB_URL: tippers.url,
      ENCRYPTION_KEY: 'ab'.repeat(32),
      PORT: String(port),
    });
    procs.push(doomed);
    const http = request(`http://127.0.0.1:${port}`);
    const post = async (body: object) =>
      (await http.post('/runs/diagnostics').send(body).expect(201)).body as RunBody;
    const running = await post({ seconds: 3, max_attempts: 2 });
    // queued behind it, or already started when the kill lands (a race the test does not
    // control): either way a second attempt is allowed, and every run must end SUCCESS
    const waiting = await Promise.all([1, 2, 3].map(() => post({ seconds: 0, max_attempts: 2 })));
    await waitFor(
      'the 3 s run to start',
      async () => (await http.get(`/runs/${running.run_id}`)).body.status === 'STARTED',
    );
    await doomed.kill9();

    const restarted = await createRunApp(
      'local',
      prefix,
      {},
      { appDbUrl: db.url, tippersDbUrl: tippers.url },
    );
    apps.push(restarted);
    try {
      const done = await waitForStatus(restarted, running.run_id, ['SUCCESS', 'FAILURE'], 60_000);
      expect(done).toMatchObject({ status: 'SUCCESS', attempt: 2 });
      for (const w of waiting) {
        expect((await waitForStatus(restarted, w.run_id, ['SUCCESS', 'FAILURE'])).status).toBe(
          'SUCCESS',
        );
      }
    } finally {
      await restarted.stop();
      await dropDatabase(db.name);
      await dropDatabase(tippers.name);
    }
  });

  withRedis('with Redis flushed', () => {
    it('still runs every QUEUED run to SUCCESS after the queue lost them all', async () => {
      // a Redis logical database of its own, so flushing it touches nothing else
      const url = `${redis}/9`;
      const prefix = newPrefix();
      const t = await createRunApp('bullmq', prefix, { REDIS_URL: url, MAX_CONCURRENT_RUNS: '1' });
      apps.push(t);
      const runs = await Promise.all(
        Array.from({ length: 12 }, () => diagnostic(t, { seconds: 0.3 })),
      );
      await waitForStatus(t, runs[0].run_id, ['STARTED', 'SUCCESS']);
      const client = new IORedis(url);
      expect(await client.dbsize()).toBeGreaterThan(0);
      await client.flushdb();
      client.disconnect();
      for (const r of runs) {
        expect((await waitForStatus(t, r.run_id, ['SUCCESS', 'FAILURE'], 60_000)).status).toBe(
          'SUCCESS',
        );
      }
      await waitFor('the queue to be empty', async () => {
        const res = await t.http.get('/runs?status=QUEUED').expect(200);
        return res.body.length === 0;
      });
    });
  });
});
