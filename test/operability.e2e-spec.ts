import { createTestApp, TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

/** The value of the sample `name{labels}` in a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.lastIndexOf('}'));
    const got = Object.fromEntries(
      [...inner.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('operability', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { CORS_ORIGINS: 'https://dashboard.example.org' } });
  });
  afterAll(async () => t?.close());

  it('serves Prometheus metrics: HTTP latency by route, runs by kind and status, queue depth', async () => {
    await t.http.get('/runs').expect(200);
    const run = (await t.http.post('/runs/diagnostics').send({ seconds: 0 }).expect(201)).body;
    await waitFor('the diagnostic run to succeed', async () => {
      const r = await t.http.get(`/runs/${run.run_id}`).expect(200);
      return r.body.status === 'SUCCESS';
    });
    const res = await t.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const count = sample(res.text, 'tippers_http_request_duration_seconds_count', {
      method: 'GET',
      route: '/runs',
      status_code: '200',
    });
    expect(count).toBeGreaterThanOrEqual(1);
    expect(sample(res.text, 'tippers_runs', { kind: 'diagnostic', status: 'SUCCESS' })).toBe(1);
    expect(sample(res.text, 'tippers_run_queue_depth', { group: 'bulk' })).toBe(0);
    expect(res.text).toMatch(/^tippers_process_resident_memory_bytes \d+/m);
    // an unknown path is one label, whatever the path
    await t.http.get('/no/such/path/123').expect(404);
    const again = await t.http.get('/metrics').expect(200);
    expect(again.text).not.toContain('/no/such/path');
    expect(
      sample(again.text, 'tippers_http_request_duration_seconds_count', {
        route: 'unmatched',
        status_code: '404',
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('sends security headers; the API allows no content, Swagger UI still loads', async () => {
    const api = await t.http.get('/runs').expect(200);
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['content-security-policy']).toContain("default-src 'none'");
    expect(api.headers['x-powered-by']).toBeUndefined();
    const docs = await t.http.get('/docs').redirects(1).expect(200);
    expect(docs.text).toContain('swagger');
    expect(docs.headers['content-security-policy']).toBeUndefined();
  });

  it('answers CORS only for the configured origins', async () => {
    const ok = await t.http.get('/runs').set('Origin', 'https://dashboard.example.org').expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe('https://dashboard.example.org');
    expect(ok.headers['access-control-expose-headers']).toContain('X-Next-Cursor');
    const other = await t.http.get('/runs').set('Origin', 'https://evil.example.org').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('allows no origin', async () => {
    const res = await t.http
      .get('/runs')
      .set('Origin', 'https://dashboard.example.org')
      .expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
