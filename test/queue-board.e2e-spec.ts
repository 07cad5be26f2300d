import { randomBytes, randomUUID } from 'node:crypto';
import { RUN_QUEUE, type RunQueue } from '../src/infra/run-queue/run-queue.port';
import { describeWithRedis } from './helpers/redis';
import { createRunApp, newPrefix } from './helpers/run-engine';
import { createTestApp, TestApp } from './helpers/test-app';

/** The Set-Cookie line of a response for `name`. */
const setCookie = (headers: Record<string, unknown>, name: string): string | undefined =>
  ([headers['set-cookie'] ?? []].flat() as string[]).find((c) => c.startsWith(`${name}=`));

describe('queue view without Redis', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('says there is no queue view, and why', async () => {
    const res = await t.http.get('/queue-board').expect(200);
    expect(res.body).toMatchObject({ available: false, url: null, queues: [] });
    expect(res.body.reason).toMatch(/REDIS_URL/);
    await t.http.get('/queues/').expect(404);
  });
});

describeWithRedis('queue view (Bull Board) with Redis', () => {
  let t: TestApp;
  const admin = `tps_${randomBytes(32).toString('base64url')}`;
  const prefix = newPrefix();
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
  const makeKey = async (role: string) => {
    const res = await t.http
      .post('/auth/keys')
      .set(bearer(admin))
      .send({ name: `${role}-${randomUUID()}`, role })
      .expect(201);
    return res.body as { key: string; key_id: string };
  };
  beforeAll(async () => {
    t = await createRunApp('bullmq', prefix, { AUTH_MODE: 'keys', ADMIN_API_KEY: admin });
  });
  afterAll(() => t?.close());

  it('tells the dashboard where it is and what it shows', async () => {
    const res = await t.http.get('/queue-board').set(bearer(admin)).expect(200);
    expect(res.body).toEqual({
      available: true,
      url: '/queues/',
      queues: ['runs-interactive', 'runs-diagnostic', 'runs-bulk'],
      requires: 'an admin API key',
      reason: null,
    });
  });

  it('refuses a browser without a key, and keys below admin', async () => {
    const none = await t.http.get('/queues/').expect(401);
    expect(none.body.message).toMatch(/admin API key/);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    const viewer = await makeKey('viewer');
    const res = await t.http.get('/queues/api/queues').set(bearer(viewer.key)).expect(403);
    expect(res.body.message).toMatch(/admin role/);
    await t.http.post('/queue-board/session').set(bearer(viewer.key)).expect(403);
    await t.http
      .get('/queues/api/queues')
      .set('Cookie', `tippers_queue_board=${viewer.key}`)
      .expect(403);
  });

  it('opens for an admin through the session cookie and shows the run queue’s jobs', async () => {
    const session = await t.http.post('/queue-board/session').set(bearer(admin)).expect(204);
    const cookie = setCookie(session.headers, 'tippers_queue_board');
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; Path=\/queues/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    const pair = cookie!.split(';')[0];

    const page = await t.http.get('/queues/').set('Cookie', pair).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);

    // a job in the run queue (delayed, so no worker takes it) is on the board
    const runId = randomUUID();
    await t.app
      .get<RunQueue>(RUN_QUEUE)
      .enqueue([{ runId, seq: 1, group: 'bulk', priority: 0, delayMs: 600_000 }]);
    const list = await t.http
      .get('/queues/api/queues?activeQueue=runs-bulk&status=delayed&page=1')
      .set('Cookie', pair)
      .expect(200);
    const queues = list.body.queues as {
      name: string;
      counts: Record<string, number>;
      jobs: { id: string; data: { runId: string } }[];
    }[];
    expect(queues.map((q) => q.name).sort()).toEqual([
      'runs-bulk',
      'runs-diagnostic',
      'runs-interactive',
    ]);
    const bulk = queues.find((q) => q.name === 'runs-bulk')!;
    expect(bulk.counts.delayed).toBe(1);
    expect(bulk.jobs.map((j) => j.data.runId)).toEqual([runId]);

    await t.http.delete('/queue-board/session').set(bearer(admin)).expect(204);
  });

  it('stops working at once for a deleted key', async () => {
    const second = await makeKey('admin');
    await t.http
      .get('/queues/api/queues')
      .set('Cookie', `tippers_queue_board=${second.key}`)
      .expect(200);
    await t.http.delete(`/auth/keys/${second.key_id}`).set(bearer(admin)).expect(204);
    const res = await t.http
      .get('/queues/api/queues')
      .set('Cookie', `tippers_queue_board=${second.key}`)
      .expect(401);
    expect(res.body.message).toMatch(/not valid/);
  });
});
