import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { createTestApp, TestApp } from './helpers/test-app';
import { execSql } from './helpers/test-db';
import { waitFor } from './helpers/wait';

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('API keys (HOST=0.0.0.0: keys required)', () => {
  let t: TestApp;
  let admin: string;
  const logs: string[] = [];

  beforeAll(async () => {
    const write = process.stdout.write.bind(process.stdout);
    // the first start logs where it put the generated key (never the key)
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logs.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    try {
      t = await createTestApp({ env: { HOST: '0.0.0.0', LOG_LEVEL: 'warn' } });
    } finally {
      process.stdout.write = write;
    }
    const file = path.join(t.config.dataDir, 'secrets', 'admin-api-key');
    admin = readFileSync(file, 'utf8').trim();
  });
  afterAll(async () => t?.close());

  it('writes a generated admin key to DATA_DIR/secrets (0600), logs the path and never the key', () => {
    const file = path.join(t.config.dataDir, 'secrets', 'admin-api-key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(admin).toMatch(/^tps_[A-Za-z0-9_-]{43}$/);
    const text = logs.join('');
    expect(text).toContain(file);
    expect(text).not.toContain(admin);
  });

  it('answers 401 with WWW-Authenticate on every route but /health without a key', async () => {
    await t.http.get('/health').expect(200);
    for (const [method, url] of [
      ['get', '/spaces'],
      ['get', '/runs'],
      ['get', '/connections'],
      ['get', '/occupancy/datasets'],
      ['post', '/occupancy/datasets'],
      ['get', '/auth/me'],
      ['get', '/auth/keys'],
      ['get', '/metrics'],
    ] as const) {
      const res = await t.http[method](url);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.body.message).toMatch(/API key is required/);
    }
    const bad = await t.http.get('/runs').set(bearer('tps_' + 'x'.repeat(43)));
    expect(bad.status).toBe(401);
    expect(bad.body.message).toMatch(/not valid/);
  });

  it('lets roles do what they cover: viewer reads, editor writes, admin manages keys and connections', async () => {
    const make = async (role: string) =>
      (
        await t.http
          .post('/auth/keys')
          .set(bearer(admin))
          .send({ name: `a ${role}`, role })
          .expect(201)
      ).body as { key: string; key_id: string; role: string };
    const viewer = await make('viewer');
    const editor = await make('editor');

    // viewer: reads yes, writes 403
    await t.http.get('/runs').set(bearer(viewer.key)).expect(200);
    await t.http.get('/runs').set({ 'x-api-key': viewer.key }).expect(200);
    const denied = await t.http
      .post('/runs/diagnostics')
      .set(bearer(viewer.key))
      .send({ seconds: 0 });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toMatch(/editor role/);

    // editor: runs yes; keys and connections no
    await t.http.post('/runs/diagnostics').set(bearer(editor.key)).send({ seconds: 0 }).expect(201);
    await t.http.get('/auth/keys').set(bearer(editor.key)).expect(403);
    await t.http
      .post('/auth/keys')
      .set(bearer(editor.key))
      .send({ name: 'escalate', role: 'admin' })
      .expect(403);
    const conn = { name: 'c', host: '127.0.0.1', port: 5432, database: 'd', user: 'u' };
    await t.http.post('/connections').set(bearer(editor.key)).send(conn).expect(403);
    await t.http.get('/connections').set(bearer(editor.key)).expect(200);
    const created = await t.http.post('/connections').set(bearer(admin)).send(conn).expect(201);
    await t.http
      .post(`/connections/${created.body.conn_id}/test`)
      .set(bearer(editor.key))
      .expect(403);
    await t.http.delete(`/connections/${created.body.conn_id}`).set(bearer(editor.key)).expect(403);

    const me = await t.http.get('/auth/me').set(bearer(editor.key)).expect(200);
    expect(me.body).toEqual({
      keys_required: true,
      role: 'editor',
      key_id: editor.key_id,
      name: 'a editor',
    });
    // the list shows no key and no hash
    const list = await t.http.get('/auth/keys').set(bearer(admin)).expect(200);
    expect(list.body.map((k: { role: string }) => k.role).sort()).toEqual([
      'admin',
      'editor',
      'viewer',
    ]);
    expect(list.text).not.toContain(editor.key);
    expect(list.text).not.toMatch(/[0-9a-f]{64}/);

    // a deleted key stops working at once
    await t.http.delete(`/auth/keys/${viewer.key_id}`).set(bearer(admin)).expect(204);
    await t.http.get('/runs').set(bearer(viewer.key)).expect(401);
  });

  it('stores keys hashed, never in plain text', async () => {
    const created = await t.http
      .post('/auth/keys')
      .set(bearer(admin))
      .send({ name: 'stored', role: 'viewer' })
      .expect(201);
    const rows = (await execSql(t.appDbUrl, 'SELECT * FROM api_keys')) as Record<string, unknown>[];
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(created.body.key);
    expect(dump).not.toContain(admin);
  });

  it('stops a key deleted by another process (or by SQL) at once: the deletion is announced', async () => {
    const created = await t.http
      .post('/auth/keys')
      .set(bearer(admin))
      .send({ name: 'elsewhere', role: 'viewer' })
      .expect(201);
    await t.http.get('/runs').set(bearer(created.body.key)).expect(200); // verified and kept
    await execSql(t.appDbUrl, 'DELETE FROM api_keys WHERE key_id = $1', [created.body.key_id]);
    await waitFor(
      'the deleted key to be refused',
      async () => (await t.http.get('/runs').set(bearer(created.body.key))).status === 401,
      5_000,
      20,
    );
  });
});

describe('API keys with the defaults (HOST 127.0.0.1, AUTH_MODE auto)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('requires no key, writes no key file, and says so', async () => {
    await t.http.get('/runs').expect(200);
    await t.http.post('/runs/diagnostics').send({ seconds: 0 }).expect(201);
    const me = await t.http.get('/auth/me').expect(200);
    expect(me.body).toEqual({ keys_required: false, role: 'admin', key_id: null, name: null });
    expect(() => statSync(path.join(t.config.dataDir, 'secrets', 'admin-api-key'))).toThrow();
  });
});

describe('expensive endpoints are rate-limited per key', () => {
  const first = `tps_${'B'.repeat(43)}`;
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: { AUTH_MODE: 'keys', ADMIN_API_KEY: first, RATE_LIMIT_EXPENSIVE_PER_MINUTE: '3' },
    });
  });
  afterAll(async () => t?.close());

  it('answers 429 with Retry-After beyond the limit, counting each key apart', async () => {
    for (let i = 0; i < 3; i++)
      await t.http.post('/runs/diagnostics').set(bearer(first)).send({ seconds: 0 }).expect(201);
    const limited = await t.http.post('/runs/diagnostics').set(bearer(first)).send({ seconds: 0 });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(limited.body.message).toMatch(/at most 3 a minute per API key/);
    // reads are not limited; another key has its own count
    await t.http.get('/runs').set(bearer(first)).expect(200);
    const other = await t.http
      .post('/auth/keys')
      .set(bearer(first))
      .send({ name: 'second', role: 'editor' })
      .expect(201);
    await t.http
      .post('/runs/diagnostics')
      .set(bearer(other.body.key))
      .send({ seconds: 0 })
      .expect(201);
  });
});

describe('ADMIN_API_KEY seeds an admin key', () => {
  const seeded = `tps_${'A'.repeat(43)}`;
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { AUTH_MODE: 'keys', ADMIN_API_KEY: seeded } });
  });
  afterAll(async () => t?.close());

  it('accepts it as admin and generates nothing', async () => {
    const me = await t.http.get('/auth/me').set(bearer(seeded)).expect(200);
    expect(me.body.role).toBe('admin');
    expect(() => statSync(path.join(t.config.dataDir, 'secrets', 'admin-api-key'))).toThrow();
  });
});
