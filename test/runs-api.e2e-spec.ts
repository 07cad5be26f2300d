import { createTestApp, TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const FAST = {
  HEARTBEAT_INTERVAL_SECONDS: '0.2',
  HEARTBEAT_TIMEOUT_SECONDS: '2',
  RUN_MONITOR_INTERVAL_SECONDS: '0.3',
  RETRY_BACKOFF_SECONDS: '0.1',
};

describe('runs API (local queue)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: FAST });
  });
  afterAll(async () => t.close());

  const run = async (id: string) => (await t.http.get(`/runs/${id}`).expect(200)).body;

  it('runs a diagnostic run to SUCCESS and shows its events', async () => {
    const created = await t.http.post('/runs/diagnostics').send({ seconds: 0.1 }).expect(201);
    expect(created.body).toMatchObject({ kind: 'diagnostic', status: 'QUEUED', attempt: 0 });
    const done = await waitFor('SUCCESS', async () => {
      const r = await run(created.body.run_id);
      return r.status === 'SUCCESS' && r;
    });
    expect(done.attempt).toBe(1);
    expect(done.metadata).toMatchObject({ slept_seconds: 0.1, succeeded_on_attempt: 1 });
    expect(done.events.map((e: { message: string }) => e.message)).toEqual([
      'queued',
      expect.stringMatching(/^attempt 1 of 1 started on /),
      'sleeping 0.1 s',
      'attempt 1 succeeded',
    ]);
    const alias = await t.http.get(`/dagster/runs/${created.body.run_id}`).expect(200);
    expect(alias.body).toEqual(done);
  });
});
