import { RunsService } from '../src/runs/runs.service';
import { TestKindsModule } from './fixtures/test-kinds.module';
import { createTestApp, TestApp } from './helpers/test-app';
import { execSql } from './helpers/test-db';
import { waitFor } from './helpers/wait';
import { listAll } from './helpers/lists';

const FAST = {
  HEARTBEAT_INTERVAL_SECONDS: '0.2',
  HEARTBEAT_TIMEOUT_SECONDS: '5',
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

describe('runs API: listing, events and keys (found by a probe)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: FAST, modules: [TestKindsModule] });
  });
  afterAll(async () => t.close());

  it('lists every run exactly once at any page size, also runs queued in one statement', async () => {
    // one INSERT: the 58 runs share queued_at to the microsecond
    const created = await t.app
      .get(RunsService)
      .createMany(Array.from({ length: 58 }, (_, i) => ({ kind: 'test_echo', params: { n: i } })));
    const ids = created.map((c) => c.run.run_id).sort();
    for (const limit of [1, 7, 58, 1000]) {
      const seen = await listAll<{ run_id: string }>(t, '/runs', { kind: 'test_echo', limit });
      expect({ limit, ids: seen.map((r) => r.run_id).sort() }).toEqual({ limit, ids });
    }
  });

  it('says where the next page is in X-Next-Cursor and Link, and refuses a cursor it did not make', async () => {
    const res = await t.http.get('/runs').query({ kind: 'test_echo', limit: 2 }).expect(200);
    expect(res.body).toHaveLength(2);
    const cursor = res.headers['x-next-cursor'];
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(res.headers.link).toBe(`</runs?kind=test_echo&limit=2&cursor=${cursor}>; rel="next"`);
    const bad = await t.http.get('/runs').query({ cursor: 'bm9wZQ' }).expect(400);
    expect(bad.body.message).toMatch(/cursor is not valid/);
  });

  it('returns a run’s events in the order they happened, across a digit boundary of their ids', async () => {
    await execSql(
      t.appDbUrl,
      `SELECT setval(pg_get_serial_sequence('run_events', 'event_id'), 9999997)`,
    );
    const created = await t.http.post('/runs/diagnostics').send({ seconds: 0.1 }).expect(201);
    const done = await waitFor('SUCCESS', async () => {
      const r = (await t.http.get(`/runs/${created.body.run_id}`).expect(200)).body;
      return r.status === 'SUCCESS' && r;
    });
    // ids 9999998, 9999999, 10000000, 10000001: as text, "10000000" sorts first
    expect(done.events.map((e: { message: string }) => e.message)).toEqual([
      'queued',
      expect.stringMatching(/^attempt 1 of 1 started on /),
      'sleeping 0.1 s',
      'attempt 1 succeeded',
    ]);
  });

  it('answers 409 to a run_key known with other params, and the known run to the same ones', async () => {
    const first = await t.http
      .post('/runs/diagnostics')
      .send({ seconds: 0, run_key: 'probe-key' })
      .expect(201);
    const same = await t.http
      .post('/runs/diagnostics')
      .send({ seconds: 0, run_key: 'probe-key' })
      .expect(201);
    expect(same.body.run_id).toBe(first.body.run_id);
    const other = await t.http
      .post('/runs/diagnostics')
      .send({ seconds: 5, run_key: 'probe-key' })
      .expect(409);
    expect(other.body.message).toMatch(
      /run_key "probe-key" already names run .* with other params/,
    );
  });
});
