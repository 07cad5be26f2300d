import { createTestApp, TestApp } from './helpers/test-app';
import { execSql } from './helpers/test-db';

describe('CONNECTION_ALLOWED_HOSTS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { CONNECTION_ALLOWED_HOSTS: '127.0.0.1, *.internal' } });
  });
  afterAll(async () => t.close());

  const body = (host: string, name: string) => ({
    name,
    host,
    port: 5432,
    database: 'postgres',
    user: 'postgres',
    password: 'secret-pw',
  });

  it('accepts hosts the list admits', async () => {
    await t.http.post('/connections').send(body('127.0.0.1', 'local')).expect(201);
    await t.http.post('/connections').send(body('db.internal', 'internal')).expect(201);
  });

  it('refuses other hosts with a 400 that says why', async () => {
    const res = await t.http
      .post('/connections')
      .send(body('db.example.com', 'outside'))
      .expect(400);
    expect(res.body.message).toContain('CONNECTION_ALLOWED_HOSTS');
    const ok = await t.http.post('/connections').send(body('127.0.0.1', 'moving')).expect(201);
    await t.http.patch(`/connections/${ok.body.conn_id}`).send({ host: 'internal' }).expect(400);
  });

  it('does not contact a stored host the list no longer admits', async () => {
    const ok = await t.http.post('/connections').send(body('127.0.0.1', 'stale')).expect(201);
    await execSql(t.appDbUrl, `UPDATE connections SET host = '192.0.2.1' WHERE conn_id = $1`, [
      ok.body.conn_id,
    ]);
    const res = await t.http.post(`/connections/${ok.body.conn_id}/test`).expect(200);
    expect(res.body).toMatchObject({ status: 'failed', server_version: null });
    expect(res.body.message).toMatch(/not allowed by CONNECTION_ALLOWED_HOSTS; not contacted/);
  });
});
