import { RunExecutor } from '../src/runs/run-executor.service';
import { RunParamsError } from '../src/runs/run-processor.registry';
import { RunsService } from '../src/runs/runs.service';
import { EchoParams, TestKindsModule, TestKindsProbe } from './fixtures/test-kinds.module';
import { testRedisUrl } from './helpers/redis';
import { createRunApp, FAST_RUNS, getRun, newPrefix, waitForStatus } from './helpers/run-engine';
import { createTestApp, TestApp } from './helpers/test-app';
import { execSql } from './helpers/test-db';
import { waitFor } from './helpers/wait';

/**
 * The run engine's extension points, seen from a feature that is not in src/ at all
 * (test/fixtures/test-kinds.module.ts): kinds declared by their processors, runs created in the
 * caller's transaction, the run-ended event, abort signals that stop the work, group caps.
 */
describe('run engine extension points', () => {
  let t: TestApp;
  let runs: RunsService;
  let probe: TestKindsProbe;

  beforeAll(async () => {
    t = await createTestApp({ env: FAST_RUNS, modules: [TestKindsModule] });
    runs = t.app.get(RunsService);
    probe = t.app.get(TestKindsProbe);
  });
  afterAll(async () => {
    probe?.release();
    await t?.close();
  });

  const countByKey = async (key: string) =>
    (
      (await execSql(t.appDbUrl, `SELECT count(*)::int AS n FROM runs WHERE run_key = $1`, [
        key,
      ])) as { n: number }[]
    )[0].n;

  describe('a run kind declared only in its feature', () => {
    it('runs with its params validated and given to the processor as its DTO', async () => {
      const { run } = await runs.create({ kind: 'test_echo', params: { n: 21 } });
      expect(run).toMatchObject({ kind: 'test_echo', run_group: 'interactive', priority: 0 });
      const done = await waitForStatus(t, run.run_id, ['SUCCESS', 'FAILURE']);
      expect(done).toMatchObject({ status: 'SUCCESS', metadata: { doubled: 42, is_dto: true } });
      expect(probe.echoParams.some((p) => p instanceof EchoParams)).toBe(true);
    });

    it.each([
      ['a wrong type', { n: 'many' }, /^params of a "test_echo" run: .*n must be an integer/],
      ['a missing field', {}, /n must be an integer/],
      ['an unknown field', { n: 1, extra: true }, /property extra should not exist/],
    ])('refuses params with %s, creating nothing', async (_what, params, message) => {
      const runKey = `bad-params-${Math.random()}`;
      const err = await runs.create({ kind: 'test_echo', params, runKey }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RunParamsError);
      expect((err as Error).message).toMatch(message);
      expect(await countByKey(runKey)).toBe(0);
    });
  });

  describe('runs created in the caller’s transaction', () => {
    it('writes the run through the caller’s transaction, visible to others only on commit', async () => {
      const runKey = `tx-commit-${Date.now()}`;
      let insideTx = -1;
      let outsideTx = -1;
      const created = await runs.transaction(async (tx) => {
        await tx.create([{ kind: 'test_echo', params: { n: 2 }, runKey }]);
        [{ n: insideTx }] = await tx.manager.query(
          `SELECT count(*)::int AS n FROM runs WHERE run_key = $1`,
          [runKey],
        );
        outsideTx = await countByKey(runKey);
        return tx.manager.query(`SELECT run_id FROM runs WHERE run_key = $1`, [runKey]);
      });
      expect({ insideTx, outsideTx }).toEqual({ insideTx: 1, outsideTx: 0 });
      // enqueued after the commit: it runs
      const done = await waitForStatus(t, created[0].run_id, ['SUCCESS', 'FAILURE']);
      expect(done.status).toBe('SUCCESS');
    });

    it('leaves no run behind when the transaction rolls back', async () => {
      const runKey = `tx-rollback-${Date.now()}`;
      await expect(
        runs.transaction(async (tx) => {
          await tx.create([{ kind: 'test_echo', params: { n: 3 }, runKey }]);
          await tx.manager.query(`SELECT 1`);
          throw new Error('the asset row could not be written');
        }),
      ).rejects.toThrow('the asset row could not be written');
      expect(await countByKey(runKey)).toBe(0);
    });
  });

  describe('the run-ended event', () => {
    it('reaches the subscriber of the kind once the run has ended, and is marked handled', async () => {
      const { run } = await runs.create({ kind: 'test_echo', params: { n: 5 } });
      await waitFor('the subscriber to see the run', async () => probe.ended.includes(run.run_id));
      const [row] = (await execSql(
        t.appDbUrl,
        `SELECT status, end_notified_at FROM runs WHERE run_id = $1`,
        [run.run_id],
      )) as { status: string; end_notified_at: Date | null }[];
      expect(row.status).toBe('SUCCESS');
      await waitFor('the event to be marked handled', async () => {
        const [r] = (await execSql(
          t.appDbUrl,
          `SELECT end_notified_at FROM runs WHERE run_id = $1`,
          [run.run_id],
        )) as { end_notified_at: Date | null }[];
        return r.end_notified_at !== null;
      });
    });

    it('is delivered again by the run monitor when a subscriber failed', async () => {
      const runKey = `ended-retry-${Date.now()}`;
      const run = await runs.transaction(async (tx) => {
        const [r] = await tx.create([{ kind: 'test_echo', params: { n: 6 }, runKey }]);
        probe.failOnce.add(r.run.run_id);
        return r.run;
      });
      await waitFor(
        'a second delivery of the event',
        async () => probe.ended.filter((id) => id === run.run_id).length >= 2,
        20_000,
      );
      await waitFor('the event to be marked handled', async () => {
        const [r] = (await execSql(
          t.appDbUrl,
          `SELECT end_notified_at FROM runs WHERE run_id = $1`,
          [run.run_id],
        )) as { end_notified_at: Date | null }[];
        return r.end_notified_at !== null;
      });
    });
  });

  describe('abort signals stop the work, not only the wait', () => {
    it('interrupts the DuckDB query of a run that timed out', async () => {
      const { run } = await runs.create({
        kind: 'test_duckdb_spin',
        params: { n: 0 },
        timeoutSeconds: 1,
      });
      const done = await waitForStatus(t, run.run_id, ['FAILURE', 'SUCCESS'], 15_000);
      expect(done).toMatchObject({ status: 'FAILURE', error: 'timed out after 1 s' });
      // the query (minutes of work) ended because it was interrupted
      const how = await waitFor('the DuckDB query to end', async () =>
        probe.settled.get(run.run_id),
      );
      expect(how).not.toBe('finished');
    });

    it('cancels on the server the COPY of a run that timed out', async () => {
      const { run } = await runs.create({
        kind: 'test_copy_spin',
        params: { n: 0 },
        timeoutSeconds: 1,
      });
      const tippersDb = new URL(t.config.tippersDbUrl).pathname.slice(1);
      const copies = async () =>
        (
          (await execSql(
            t.appDbUrl,
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = $1 AND state = 'active' AND query LIKE 'COPY (SELECT g, pg_sleep%'`,
            [tippersDb],
          )) as { n: number }[]
        )[0].n;
      await waitFor('the COPY to run on the tippers database', async () => (await copies()) > 0);
      const done = await waitForStatus(t, run.run_id, ['FAILURE', 'SUCCESS'], 15_000);
      expect(done).toMatchObject({ status: 'FAILURE', error: 'timed out after 1 s' });
      // the query (a minute of work) is gone from the server, not only abandoned by the client
      await waitFor('the COPY to stop on the server', async () => (await copies()) === 0, 15_000);
      await waitFor('the processor to see its COPY end', async () => probe.settled.get(run.run_id));
      expect(probe.settled.get(run.run_id)).not.toBe('finished');
    });
  });
});

describe('run groups', () => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0).reverse()) {
      a.app.get(TestKindsProbe).release();
      await a.close();
    }
  });

  it('starts an interactive run while 1,000 bulk runs are queued', async () => {
    const t = await createTestApp({
      env: { ...FAST_RUNS, MAX_CONCURRENT_RUNS: '4' }, // bulk gets 3 of the 4 slots
      modules: [TestKindsModule],
    });
    apps.push(t);
    const runs = t.app.get(RunsService);
    const bulk = await runs.createMany(
      Array.from({ length: 1000 }, (_, i) => ({ kind: 'test_bulk_held', params: { n: i } })),
    );
    expect(bulk).toHaveLength(1000);
    await waitFor('bulk runs to hold their slots', async () => {
      const res = await t.http.get('/runs').query({ kind: 'test_bulk_held', status: 'STARTED' });
      return res.body.length === 3;
    });
    const { run } = await runs.create({ kind: 'test_echo', params: { n: 1 } });
    const done = await waitForStatus(t, run.run_id, ['SUCCESS', 'FAILURE'], 20_000);
    expect(done.status).toBe('SUCCESS');
    const started = await t.http
      .get('/runs')
      .query({ kind: 'test_bulk_held', status: 'STARTED' })
      .expect(200);
    expect(started.body).toHaveLength(3); // still held: the interactive run did not wait for them
  });

  it('lets bulk work run while 16 diagnostic runs of an hour are started', async () => {
    const t = await createTestApp({ env: FAST_RUNS, modules: [TestKindsModule] }); // 16 slots
    apps.push(t);
    const diagnostics = await Promise.all(
      Array.from({ length: 16 }, () =>
        t.http.post('/runs/diagnostics').send({ seconds: 3600 }).expect(201),
      ),
    );
    await waitFor('the diagnostic group to be full', async () => {
      const res = await t.http.get('/runs').query({ kind: 'diagnostic', status: 'STARTED' });
      return res.body.length === 2; // MAX_CONCURRENT_DIAGNOSTIC_RUNS: 16 / 8
    });
    const { run } = await t.app
      .get(RunsService)
      .create({ kind: 'test_bulk_echo', params: { n: 7 } });
    const done = await waitForStatus(t, run.run_id, ['SUCCESS', 'FAILURE'], 20_000);
    expect(done).toMatchObject({ status: 'SUCCESS', metadata: { n: 7 } });
    for (const d of diagnostics) await t.http.post(`/runs/${d.body.run_id}/cancel`);
  });

  const redis = testRedisUrl();
  (redis ? it : it.skip)(
    `gives a worker process only the groups it takes (WORKER_GROUPS)${redis ? '' : ' [SKIPPED: no Redis]'}`,
    async () => {
      const prefix = newPrefix();
      const api = await createRunApp(
        'bullmq',
        prefix,
        { APP_ROLE: 'api' },
        { modules: [TestKindsModule] },
      );
      apps.push(api);
      const bulkWorker = await createRunApp(
        'bullmq',
        prefix,
        { APP_ROLE: 'worker', WORKER_GROUPS: 'bulk' },
        { shareWith: api, modules: [TestKindsModule] },
      );
      apps.push(bulkWorker);
      const interactiveWorker = await createRunApp(
        'bullmq',
        prefix,
        { APP_ROLE: 'worker', WORKER_GROUPS: 'interactive,diagnostic' },
        { shareWith: api, modules: [TestKindsModule] },
      );
      apps.push(interactiveWorker);
      const runs = api.app.get(RunsService);
      const created = await runs.createMany([
        ...Array.from({ length: 6 }, (_, i) => ({ kind: 'test_bulk_echo', params: { n: i } })),
        ...Array.from({ length: 6 }, (_, i) => ({ kind: 'test_echo', params: { n: i } })),
      ]);
      for (const { run } of created) {
        const done = await waitForStatus(api, run.run_id, ['SUCCESS', 'FAILURE'], 30_000);
        expect(done.status).toBe('SUCCESS');
        const took = (await getRun(api, run.run_id)).worker_id!;
        const expected = run.kind === 'test_bulk_echo' ? bulkWorker : interactiveWorker;
        expect({ kind: run.kind, took }).toEqual({
          kind: run.kind,
          took: expect.stringContaining(workerIdOf(expected)),
        });
      }
    },
    90_000,
  );
});

/** The worker id of an app's run executor. */
function workerIdOf(t: TestApp): string {
  return t.app.get(RunExecutor, { strict: false }).workerId;
}
