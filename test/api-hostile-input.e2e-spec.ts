import { createTestApp, TestApp } from './helpers/test-app';

/** `depth` levels of nested arrays around a value: `[[[...1...]]]`. */
const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const expect4xx = (status: number, res: { status: number; body: { statusCode?: number } }) => {
  expect(res.status).toBe(status);
  expect(res.body.statusCode).toBe(status);
};

/**
 * What a hostile-input probe sent (issue 9 §3): each answer must be a clear 4xx in the API
 * error shape, never a 500 and never a silent 200.
 */
describe('hostile input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  describe('NUL characters', () => {
    it('in a query string: 400 naming the parameter', async () => {
      for (const url of ['/runs?kind=%00', '/spaces?search=a%00b', '/runs?status=%00']) {
        const res = await t.http.get(url);
        expect4xx(400, res);
        expect(res.body.message).toMatch(/NUL/);
      }
    });

    it('in a body string, a nested one or a key: 400 naming where', async () => {
      const cases: [string, Record<string, unknown>][] = [
        ['/connections', { name: 'a\u0000b', host: 'h', port: 5432, database: 'd', user: 'u' }],
        ['/connections', { name: 'ok', host: 'h\u0000', port: 5432, database: 'd', user: 'u' }],
        ['/occupancy/datasets', { name: 'x\u0000', root_space_id: 1 }],
        ['/occupancy/datasets', { name: 'x', root_space_id: 1, ['k\u0000']: 1 }],
      ];
      for (const [url, body] of cases) {
        const res = await t.http.post(url).send(body);
        expect4xx(400, res);
        expect(res.body.message).toMatch(/NUL/);
      }
    });
  });

  it('answers JSON nested 5,000 levels deep with 400 (not a stack overflow)', async () => {
    for (const body of [nested(5000), nestedObject(5000)]) {
      const res = await t.http
        .post('/connections')
        .set('content-type', 'application/json')
        .send(body);
      expect4xx(400, res);
      expect(res.body.message).toMatch(/nested/);
    }
    // the service still answers
    await t.http.get('/health').expect(200);
  });

  it('answers 415 to a body that is not JSON, on every method with a body', async () => {
    const created = await t.http
      .post('/connections')
      .send({ name: 'c415', host: 'localhost', port: 5432, database: 'd', user: 'u' })
      .expect(201);
    const id = created.body.conn_id as number;
    const bodies: [string, string][] = [
      ['text/plain', 'name=x'],
      ['application/x-www-form-urlencoded', 'name=renamed'],
      ['application/xml', '<connection><name>renamed</name></connection>'],
    ];
    for (const [type, text] of bodies) {
      for (const req of [
        t.http.post('/connections'),
        t.http.put(`/connections/${id}`),
        t.http.patch(`/connections/${id}`),
        t.http.post('/occupancy/datasets'),
      ]) {
        const res = await req.set('content-type', type).send(text);
        expect4xx(415, res);
        expect(res.body.message).toMatch(/application\/json/);
      }
    }
    // nothing changed
    const after = await t.http.get(`/connections/${id}`).expect(200);
    expect(after.body.name).toBe('c415');
  });

  it('parses integer query parameters strictly: no hex, exponent, leading zero, sign or empty', async () => {
    for (const bad of ['0x10', '1e3', '01', '+1', '', ' 1', '1.0', '9007199254740993']) {
      for (const url of [
        `/spaces?limit=${encodeURIComponent(bad)}`,
        `/runs?limit=${encodeURIComponent(bad)}`,
        `/occupancy/datasets?space_id=${encodeURIComponent(bad)}`,
        `/occupancy/datasets?limit=${encodeURIComponent(bad)}`,
        `/spaces?skip=${encodeURIComponent(bad)}`,
        `/occupancy/datasets/1/results?space_id=${encodeURIComponent(bad)}`,
      ]) {
        const res = await t.http.get(url);
        if (res.status !== 400) throw new Error(`${url}: ${res.status} ${res.text}`);
      }
    }
    await t.http.get('/runs?limit=10').expect(200);
    await t.http.get('/occupancy/datasets?space_id=1').expect(200);
  });
});
