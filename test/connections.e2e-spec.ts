import { randomBytes } from 'node:crypto';
import { createServer, Socket } from 'node:net';
import { decrypt } from '../libs/secret-box';
import { createTestApp, TestApp } from './helpers/test-app';
import { execSql } from './helpers/test-db';

const RESPONSE_KEYS = [
  'conn_id',
  'name',
  'connection_type',
  'host',
  'port',
  'database',
  'user',
  'has_password',
  'created_at',
  'updated_at',
].sort();
const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;
const secret = () => `pw-${randomBytes(8).toString('hex')}`;

/** The test PostgreSQL server, as a connection body (any password passes trust auth). */
function localServer(password: string) {
  const u = new URL(process.env.TEST_PG_SERVER_URL!);
  return {
    host: '127.0.0.1',
    port: Number(u.port || 5432),
    database: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
    user: decodeURIComponent(u.username) || 'postgres',
    // an embedded test server has a real password; the local one trusts any
    password: decodeURIComponent(u.password) || password,
  };
}

const body = (over: Record<string, unknown> = {}) => ({
  name: unique('conn'),
  connection_type: 'postgresql',
  host: 'db.example.org',
  port: 5432,
  database: 'tippers',
  user: 'reader',
  password: secret(),
  ...over,
});

describe('/connections', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  async function storedToken(connId: number): Promise<string | null> {
    const rows = (await execSql(
      t.appDbUrl,
      'SELECT password_encrypted FROM connections WHERE conn_id = $1',
      [connId],
    )) as Array<{ password_encrypted: string | null }>;
    return rows[0].password_encrypted;
  }

  describe('CRUD', () => {
    it('creates, lists, gets, updates with PUT and PATCH, and deletes a connection', async () => {
      const input = body({ name: '  warehouse  ' + randomBytes(2).toString('hex') });
      const created = await t.http.post('/connections').send(input).expect(201);
      expect(Object.keys(created.body).sort()).toEqual(RESPONSE_KEYS);
      expect(created.body).toMatchObject({
        name: input.name.trim(),
        connection_type: 'postgresql',
        host: 'db.example.org',
        port: 5432,
        database: 'tippers',
        user: 'reader',
        has_password: true,
      });
      expect(created.body.created_at).toMatch(ISO_Z);
      expect(created.body.updated_at).toMatch(ISO_Z);
      const id = created.body.conn_id as number;

      const list = await t.http.get('/connections').expect(200);
      expect(list.body.find((c: { conn_id: number }) => c.conn_id === id)).toEqual(created.body);
      expect((await t.http.get(`/connections/${id}`).expect(200)).body).toEqual(created.body);

      const put = await t.http
        .put(`/connections/${id}`)
        .send({ host: '10.0.0.5', database: 'other' })
        .expect(200);
      expect(put.body).toMatchObject({
        host: '10.0.0.5',
        database: 'other',
        port: 5432,
        user: 'reader',
      });
      expect(Date.parse(put.body.updated_at)).toBeGreaterThanOrEqual(
        Date.parse(created.body.updated_at),
      );

      const patch = await t.http
        .patch(`/connections/${id}`)
        .send({ port: 6543, user: 'writer' })
        .expect(200);
      expect(patch.body).toMatchObject({
        host: '10.0.0.5',
        port: 6543,
        user: 'writer',
        has_password: true,
      });
      expect(patch.body.created_at).toBe(created.body.created_at);

      await t.http.patch(`/connections/${id}`).send({}).expect(200);
      const del = await t.http.delete(`/connections/${id}`).expect(204);
      expect(del.text).toBe('');
      const gone = await t.http.get(`/connections/${id}`).expect(404);
      expect(gone.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: `connection ${id} not found`,
      });
    });

    it('defaults connection_type to postgresql and accepts no password', async () => {
      const { connection_type: _t, password: _p, ...rest } = body();
      const res = await t.http.post('/connections').send(rest).expect(201);
      expect(res.body).toMatchObject({ connection_type: 'postgresql', has_password: false });
      expect(await storedToken(res.body.conn_id)).toBeNull();
    });
  });

  describe('password secrecy', () => {
    it('never returns the password or its ciphertext, and stores it encrypted with the app key', async () => {
      const password = secret();
      const created = await t.http.post('/connections').send(body({ password })).expect(201);
      const id = created.body.conn_id as number;
      const token = await storedToken(id);
      expect(token).toMatch(/^v1:/);
      expect(token).not.toContain(password);
      expect(decrypt(token!, t.config.encryptionKey)).toBe(password);

      const texts = [
        created.text,
        (await t.http.get('/connections').expect(200)).text,
        (await t.http.get(`/connections/${id}`).expect(200)).text,
        (await t.http.put(`/connections/${id}`).send({ user: 'u2' }).expect(200)).text,
        (await t.http.patch(`/connections/${id}`).send({ port: 15432 }).expect(200)).text,
      ];
      for (const text of texts) {
        expect(text).not.toContain(password);
        expect(text).not.toContain(token!);
        expect(text).not.toContain(token!.split(':')[3]);
        expect(text).not.toMatch(/"password/);
      }
    });

    it('keeps the password when omitted, replaces it when given, clears it on null or ""', async () => {
      const first = secret();
      const { body: c } = await t.http
        .post('/connections')
        .send(body({ password: first }))
        .expect(201);
      const id = c.conn_id as number;

      await t.http.patch(`/connections/${id}`).send({ host: 'h2' }).expect(200);
      expect(decrypt((await storedToken(id))!, t.config.encryptionKey)).toBe(first);

      const second = 'pässwörd 密码 🔑';
      const replaced = await t.http
        .put(`/connections/${id}`)
        .send({ password: second })
        .expect(200);
      expect(replaced.body.has_password).toBe(true);
      expect(decrypt((await storedToken(id))!, t.config.encryptionKey)).toBe(second);

      const cleared = await t.http.patch(`/connections/${id}`).send({ password: null }).expect(200);
      expect(cleared.body.has_password).toBe(false);
      expect(await storedToken(id)).toBeNull();

      await t.http.patch(`/connections/${id}`).send({ password: 'again' }).expect(200);
      const emptied = await t.http.put(`/connections/${id}`).send({ password: '' }).expect(200);
      expect(emptied.body.has_password).toBe(false);
      expect(await storedToken(id)).toBeNull();
    });

    it('does not echo a rejected password value', async () => {
      const res = await t.http
        .post('/connections')
        .send(body({ password: 12345678987 }))
        .expect(400);
      expect(res.body.message).toContain('password');
      expect(res.text).not.toContain('12345678987');
    });
  });

  describe('conflicts', () => {
    it('answers 409 for a duplicate name, on create and on rename', async () => {
      const name = unique('dup');
      await t.http.post('/connections').send(body({ name })).expect(201);
      const res = await t.http.post('/connections').send(body({ name })).expect(409);
      expect(res.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: `connection name "${name}" already exists; choose another name`,
      });
      const other = await t.http.post('/connections').send(body()).expect(201);
      const rename = await t.http
        .patch(`/connections/${other.body.conn_id}`)
        .send({ name })
        .expect(409);
      expect(rename.body.message).toContain(`"${name}" already exists`);
    });

    it('lets exactly one of two concurrent creates with the same name win', async () => {
      for (let round = 0; round < 3; round++) {
        const name = unique('race');
        const results = await Promise.all(
          [1, 2].map(() => t.http.post('/connections').send(body({ name }))),
        );
        expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      }
      const name = unique('race8');
      const many = await Promise.all(
        Array.from({ length: 8 }, () => t.http.post('/connections').send(body({ name }))),
      );
      expect(many.filter((r) => r.status === 201)).toHaveLength(1);
      expect(many.filter((r) => r.status === 409)).toHaveLength(7);
    });

    it('refuses with 409 to delete a connection another table still references', async () => {
      const { body: c } = await t.http.post('/connections').send(body()).expect(201);
      await execSql(
        t.appDbUrl,
        'CREATE TABLE dep (id serial primary key, conn_id int references connections(conn_id))',
      );
      await execSql(t.appDbUrl, 'INSERT INTO dep (conn_id) VALUES ($1)', [c.conn_id]);
      const res = await t.http.delete(`/connections/${c.conn_id}`).expect(409);
      expect(res.body.statusCode).toBe(409);
      expect(res.body.error).toBe('Conflict');
      expect(res.body.message).toContain(`connection ${c.conn_id} is still used by table "dep"`);
      expect(res.body.message).toContain('dep_conn_id_fkey');
      await t.http.get(`/connections/${c.conn_id}`).expect(200);

      await execSql(t.appDbUrl, 'DELETE FROM dep');
      await t.http.delete(`/connections/${c.conn_id}`).expect(204);
    });
  });

  describe('ids', () => {
    it('answers 404 naming the id for every route on an unknown connection', async () => {
      const id = 2_000_000_000;
      const calls = [
        t.http.get(`/connections/${id}`),
        t.http.put(`/connections/${id}`).send({ host: 'x' }),
        t.http.patch(`/connections/${id}`).send({ host: 'x' }),
        t.http.patch(`/connections/${id}`).send({}),
        t.http.delete(`/connections/${id}`),
        t.http.post(`/connections/${id}/test`),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(404);
        expect(res.body).toEqual({
          statusCode: 404,
          error: 'Not Found',
          message: `connection ${id} not found`,
        });
      }
    });

    it('answers 400 for a non-numeric id', async () => {
      for (const res of await Promise.all([
        t.http.get('/connections/abc'),
        t.http.delete('/connections/1.5'),
        t.http.post('/connections/-1/test'),
      ])) {
        expect(res.status).toBe(400);
        expect(res.body.message).toContain('conn_id must be a positive integer');
      }
    });
  });

  describe('validation', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['an unknown field', { colour: 'blue' }, 'colour'],
      [
        'a port that is not a number',
        { port: 'abc' },
        'port must be an integer between 1 and 65535',
      ],
      ['a port above 65535', { port: 70000 }, 'port must be an integer between 1 and 65535'],
      ['a fractional port', { port: 5432.5 }, 'port must be an integer'],
      ['a blank name', { name: '   ' }, 'name must be a non-blank string'],
      ['a name that is too long', { name: 'n'.repeat(256) }, 'at most 255 characters'],
      ['a name that is a number', { name: 42 }, 'name must be a non-blank string'],
      ['a host with a space', { host: 'db example.org' }, 'host must be'],
      ['a socket path as host', { host: '/var/run/postgresql' }, 'host must be'],
      ['mysql', { connection_type: 'mysql' }, 'only "postgresql" is supported'],
      ['a missing user', { user: undefined }, 'user is required'],
      ['a null database', { database: null }, 'database is required'],
    ];
    it.each(cases)(
      'rejects %s on create with 400 naming the field',
      async (_what, over, message) => {
        const res = await t.http.post('/connections').send(body(over)).expect(400);
        expect(res.body.statusCode).toBe(400);
        expect(res.body.error).toBe('Bad Request');
        expect(res.body.message).toContain(message);
      },
    );

    it('rejects null for a non-password field and wrong types on update', async () => {
      const { body: c } = await t.http.post('/connections').send(body()).expect(201);
      const nul = await t.http.patch(`/connections/${c.conn_id}`).send({ name: null }).expect(400);
      expect(nul.body.message).toContain('name must not be null');
      const port = await t.http.put(`/connections/${c.conn_id}`).send({ port: '5432' }).expect(400);
      expect(port.body.message).toContain('port must be an integer');
      const extra = await t.http
        .patch(`/connections/${c.conn_id}`)
        .send({ conn_id: 9 })
        .expect(400);
      expect(extra.body.message).toContain('conn_id');
      const type = await t.http
        .patch(`/connections/${c.conn_id}`)
        .send({ connection_type: 'mysql' })
        .expect(400);
      expect(type.body.message).toContain('only "postgresql" is supported');
    });

    it('answers 400 in the API error shape for a malformed JSON body', async () => {
      const res = await t.http
        .post('/connections')
        .set('content-type', 'application/json')
        .send('{"name":')
        .expect(400);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message).toMatch(/JSON/);
    });

    it('answers 400 for a body that is not an object', async () => {
      const res = await t.http
        .post('/connections')
        .set('content-type', 'application/json')
        .send('[1,2]');
      expect(res.status).toBe(400);
      expect(res.body.statusCode).toBe(400);
    });
  });

  describe('POST /connections/:conn_id/test', () => {
    it('reports success with the server version against the local PostgreSQL', async () => {
      const { body: c } = await t.http
        .post('/connections')
        .send(body(localServer(secret())))
        .expect(201);
      const res = await t.http.post(`/connections/${c.conn_id}/test`).expect(200);
      expect(res.body).toEqual({
        status: 'success',
        message: expect.stringMatching(/^connected: PostgreSQL \d/),
        latency_ms: expect.any(Number),
        server_version: expect.stringMatching(/^\d+/),
      });
      expect(res.body.latency_ms).toBeGreaterThanOrEqual(0);
    });

    it('reports failure, without the password, for a closed port', async () => {
      const password = secret();
      const { body: c } = await t.http
        .post('/connections')
        .send(body({ host: '127.0.0.1', port: 1, password }))
        .expect(201);
      const res = await t.http.post(`/connections/${c.conn_id}/test`).expect(200);
      expect(res.body).toMatchObject({ status: 'failed', server_version: null });
      expect(res.body.message).toMatch(/^unreachable: connection refused/);
      expect(typeof res.body.latency_ms).toBe('number');
      expect(res.text).not.toContain(password);
    });

    it('gives up after the 5 s connect timeout on a server that never answers', async () => {
      const sockets: Socket[] = [];
      const silent = createServer((s) => sockets.push(s));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const port = (silent.address() as { port: number }).port;
        const { body: c } = await t.http
          .post('/connections')
          .send(body({ host: '127.0.0.1', port }))
          .expect(201);
        const res = await t.http.post(`/connections/${c.conn_id}/test`).expect(200);
        expect(res.body).toMatchObject({ status: 'failed', server_version: null });
        expect(res.body.message).toMatch(/^timeout/);
        // it waited for the 5 s timeout (a lower bound only: how much longer is the machine's)
        expect(res.body.latency_ms).toBeGreaterThanOrEqual(4_900);
      } finally {
        sockets.forEach((s) => s.destroy());
        await new Promise((resolve) => silent.close(resolve));
      }
    }, 15_000);

    it('reports failure for a database that does not exist', async () => {
      const server = localServer(secret());
      const database = `missing_${randomBytes(4).toString('hex')}`;
      const { body: c } = await t.http
        .post('/connections')
        .send(body({ ...server, database }))
        .expect(201);
      const res = await t.http.post(`/connections/${c.conn_id}/test`).expect(200);
      expect(res.body).toMatchObject({ status: 'failed', server_version: null });
      expect(res.body.message).toBe('the database does not exist on that server');
      expect(res.text).not.toContain(database);
      expect(res.text).not.toContain(server.password);
    });

    it('echoes no value of the connection: a password equal to the user name stays hidden', async () => {
      // the server's error names the user; the answer names only the category
      const server = localServer(secret());
      const password = `user_${randomBytes(4).toString('hex')}`;
      const { body: c } = await t.http
        .post('/connections')
        .send(body({ ...server, user: password, password }))
        .expect(201);
      const res = await t.http.post(`/connections/${c.conn_id}/test`).expect(200);
      expect(res.body.status).toBe('failed');
      expect(res.body.message).toMatch(/^authentication failed/);
      expect(res.text).not.toContain(password);
    });

    it('does not reveal a short password by where a redaction would appear', async () => {
      // a password such as "5432" used to be replaced in "127.0.0.1:5432/..." by [redacted]
      for (const password of ['5432', 'postgres', '.', '1']) {
        const { body: c } = await t.http
          .post('/connections')
          .send(body({ ...localServer(password), name: `short ${password}` }))
          .expect(201);
        const res = await t.http.post(`/connections/${c.conn_id}/test`).expect(200);
        expect(res.text).not.toContain('[redacted]');
        expect(res.body.message).toMatch(/^connected: PostgreSQL \d|^authentication failed/);
      }
    });

    it('refuses link-local and cloud metadata addresses without contacting them', async () => {
      for (const host of ['169.254.169.254', '::ffff:169.254.169.254', 'fe80::1', '0.0.0.0']) {
        const { body: c } = await t.http
          .post('/connections')
          .send(body({ ...localServer(secret()), host, name: `blocked ${host}` }))
          .expect(201);
        const res = await t.http.post(`/connections/${c.conn_id}/test`).expect(200);
        expect(res.body).toMatchObject({ status: 'failed', server_version: null });
        expect(res.body.message).toMatch(/not contacted unless CONNECTION_ALLOWED_HOSTS lists it$/);
      }
    });
  });
});
