import type { TestApp } from './helpers/test-app';
import { testRedisUrl } from './helpers/redis';
import {
  createRunApp,
  Driver,
  getRun,
  newPrefix,
  RunBody,
  waitForStatus,
} from './helpers/run-engine';
import { sleep, waitFor } from './helpers/wait';
import { RunExecutor } from '../src/runs/run-executor.service';

/** The run engine's behaviour, identical on both queue drivers. */
function describeRunEngine(driver: Driver): void {
  const title = `run engine on the ${driver} queue`;
  const suite = driver === 'bullmq' && !testRedisUrl() ? describe.skip : describe;

  suite(driver === 'bullmq' && !testRedisUrl() ? `${title} [SKIPPED: no Redis]` : title, () => {
    const apps: TestApp[] = [];
    afterEach(async () => {
      for (const a of apps.splice(0).reverse()) await a.close();
    });
    const start = async (
      env: Record<string, string> = {},
      prefix = newPrefix(),
      shareWith?: TestApp,
    ) => {
      const t = await createRunApp(driver, prefix, env, { shareWith });
      apps.push(t);
      return t;
    };
    const diagnostic = async (t: TestApp, body: Record<string, unknown>) =>
      (await t.http.post('/runs/diagnostics').send(body).expect(201)).body as RunBody;

    it('never has more than MAX_CONCURRENT_RUNS runs STARTED, and finishes them all', async () => {
      const prefix = newPrefix();
      const env = {
        MAX_CONCURRENT_RUNS: '4',
        MAX_CONCURRENT_DIAGNOSTIC_RUNS: '4',
        WORKER_CONCURRENCY: driver === 'bullmq' ? '4' : '10',
        RATE_LIMIT_EXPENSIVE_PER_MINUTE: '0', // 200 diagnostics at once from one client
      };
      // bullmq: an api process and two worker processes on the same queue and database
      const a = await start(driver === 'bullmq' ? { ...env, APP_ROLE: 'api' } : env, prefix);
      const workers =
        driver === 'bullmq'
          ? [
              await start({ ...env, APP_ROLE: 'worker' }, prefix, a),
              await start({ ...env, APP_ROLE: 'worker' }, prefix, a),
            ]
          : [a];
      const ids = await Promise.all(
        Array.from({ length: 200 }, () => diagnostic(a, { seconds: 0.2 }).then((r) => r.run_id)),
      );
      let maxSeen = 0;
      let finished = false;
      const sampler = (async () => {
        while (!finished) {
          const res = await a.http.get('/runs?status=STARTED&limit=500').expect(200);
          maxSeen = Math.max(maxSeen, res.body.length);
          expect(res.body.length).toBeLessThanOrEqual(4);
          await sleep(25);
        }
      })();
      await waitFor(
        'all 200 runs to end',
        async () => {
          const res = await a.http.get('/runs?status=SUCCESS&limit=500').expect(200);
          return res.body.length === 200;
        },
        90_000,
        200,
      );
      finished = true;
      await sampler;
      expect(maxSeen).toBeGreaterThan(1);
      const runs = await Promise.all(ids.map((id) => getRun(a, id)));
      expect(runs.every((r) => r.status === 'SUCCESS' && r.attempt === 1)).toBe(true);
      // which worker took which run is up to the queue; only workers took them
      const workerIds = new Set(
        workers.map((w) => w.app.get(RunExecutor, { strict: false }).workerId),
      );
      expect(runs.every((r) => workerIds.has(r.worker_id!))).toBe(true);
    });

    it('retries a failing attempt and succeeds on attempt 2, with both attempts in its events', async () => {
      const t = await start();
      const run = await diagnostic(t, { seconds: 0, fail_attempts: 1, max_attempts: 3 });
      const done = await waitForStatus(t, run.run_id, ['SUCCESS', 'FAILURE']);
      expect(done.status).toBe('SUCCESS');
      expect(done.attempt).toBe(2);
      const messages = done.events.map((e) => e.message);
      expect(messages).toContainEqual(expect.stringMatching(/^attempt 1 of 3 started/));
      expect(messages).toContainEqual(
        expect.stringMatching(/^attempt 1 failed: diagnostic failure on attempt 1/),
      );
      expect(messages).toContainEqual(expect.stringMatching(/^attempt 2 of 3 started/));
      expect(messages).toContain('attempt 2 succeeded');
    });

    it('ends FAILURE with the error once the attempts are used up', async () => {
      const t = await start();
      const run = await diagnostic(t, { seconds: 0, fail: true, max_attempts: 2 });
      const done = await waitForStatus(t, run.run_id, ['SUCCESS', 'FAILURE']);
      expect(done).toMatchObject({
        status: 'FAILURE',
        attempt: 2,
        error: 'diagnostic run asked to fail (fail: true)',
      });
    });

    it('cancels a QUEUED run without running it', async () => {
      const t = await start({ MAX_CONCURRENT_RUNS: '1' });
      const blocker = await diagnostic(t, { seconds: 3 });
      await waitForStatus(t, blocker.run_id, ['STARTED']);
      const queued = await diagnostic(t, { seconds: 0 });
      const res = await t.http.post(`/runs/${queued.run_id}/cancel`).expect(200);
      expect(res.body.status).toBe('CANCELED');
      await t.http.post(`/runs/${blocker.run_id}/cancel`).expect(200);
      await waitForStatus(t, blocker.run_id, ['CANCELED']);
      // an outcome, not a pause: a run queued after it has run, so the canceled one was passed
      const later = await diagnostic(t, { seconds: 0 });
      await waitForStatus(t, later.run_id, ['SUCCESS']);
      const after = await getRun(t, queued.run_id);
      expect(after).toMatchObject({ status: 'CANCELED', attempt: 0 });
      expect(after.events.some((e) => /started/.test(e.message))).toBe(false);
    });

    it('cancels a STARTED run through CANCELING once the processor sees the abort', async () => {
      const t = await start();
      const run = await diagnostic(t, { seconds: 30 });
      await waitForStatus(t, run.run_id, ['STARTED']);
      const res = await t.http.post(`/runs/${run.run_id}/cancel`).expect(200);
      expect(['CANCELING', 'CANCELED']).toContain(res.body.status);
      const done = await waitForStatus(t, run.run_id, ['CANCELED', 'SUCCESS', 'FAILURE'], 10_000);
      expect(done.status).toBe('CANCELED');
      await t.http.post(`/runs/${run.run_id}/cancel`).expect(409);
    });

    it('aborts a run past timeout_seconds and says it timed out', async () => {
      const t = await start();
      const run = await diagnostic(t, { seconds: 20, timeout_seconds: 1 });
      const done = await waitForStatus(t, run.run_id, ['FAILURE', 'SUCCESS'], 15_000);
      expect(done).toMatchObject({ status: 'FAILURE', error: 'timed out after 1 s' });
    });

    it('returns the existing run for a run_key it has seen, even for simultaneous requests', async () => {
      const t = await start();
      const bodies = await Promise.all(
        Array.from({ length: 8 }, () => diagnostic(t, { seconds: 0, run_key: 'same-key' })),
      );
      expect(new Set(bodies.map((b) => b.run_id)).size).toBe(1);
      const list = await t.http.get('/runs?kind=diagnostic&limit=100').expect(200);
      expect(list.body.filter((r: { run_key: string }) => r.run_key === 'same-key')).toHaveLength(
        1,
      );
    });

    it('hands unfinished runs back on shutdown; another process finishes them', async () => {
      const prefix = newPrefix();
      const a = await start({ SHUTDOWN_GRACE_SECONDS: '0.3' }, prefix);
      // long enough to be running still once the second process has booted on two busy cores
      const run = await diagnostic(a, { seconds: 8 });
      await waitForStatus(a, run.run_id, ['STARTED']);
      const b = await start({}, prefix, a);
      await a.stop(); // the SIGTERM path: stop taking runs, hand back after the grace period
      const handedBack = await getRun(b, run.run_id);
      expect(handedBack.events.map((e) => e.message)).toContain(
        'attempt 1 handed back: worker shutting down',
      );
      const done = await waitForStatus(b, run.run_id, ['SUCCESS', 'FAILURE'], 60_000);
      expect(done).toMatchObject({ status: 'SUCCESS', attempt: 1 });
    });
  });
}

describeRunEngine('local');
describeRunEngine('bullmq');
