import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createTestApp, TestApp } from './helpers/test-app';

describe('API conventions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('answers an unknown route with a JSON 404 in the error shape', async () => {
    const res = await t.http.get('/no/such/route').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /no/such/route',
    });
  });

  it('answers malformed JSON with a JSON 400 that says so', async () => {
    const res = await t.http
      .post('/connections')
      .set('content-type', 'application/json')
      .send('{"name": "x",')
      .expect(400);
    expect(res.body.statusCode).toBe(400);
    expect(res.body.error).toBe('Bad Request');
    expect(res.body.message).toMatch(/Malformed JSON/);
  });

  it('gives every response a request id, keeping the caller’s when sane', async () => {
    const own = await t.http.get('/health').set('x-request-id', 'abc-123');
    expect(own.headers['x-request-id']).toBe('abc-123');
    const generated = await t.http.get('/health').set('x-request-id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Swagger UI at /docs and the spec at /docs-json', async () => {
    const ui = await t.http.get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
    const spec = await t.http.get('/docs-json').expect(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    for (const p of [
      '/health',
      '/spaces',
      '/spaces/{space_id}/subtree',
      '/connections',
      '/connections/{conn_id}/test',
    ]) {
      expect(Object.keys(spec.body.paths)).toContain(p);
    }
  });

  it('serves the same paths as the committed openapi.json', async () => {
    const committed = JSON.parse(readFileSync(path.join(__dirname, '..', 'openapi.json'), 'utf8'));
    const spec = await t.http.get('/docs-json').expect(200);
    expect(Object.keys(spec.body.paths).sort()).toEqual(Object.keys(committed.paths).sort());
  });

  it('describes no property as an object without a shape (a `string | null` without its type)', async () => {
    // Nest's Swagger plugin cannot read a union type: `x: string | null` with only
    // `nullable: true` comes out as an empty object, and the dashboard's generated types then
    // say Record<string, never>. Free-form objects say so with additionalProperties.
    const spec = await t.http.get('/docs-json').expect(200);
    const schemas = spec.body.components.schemas as Record<
      string,
      { properties?: Record<string, Record<string, unknown>> }
    >;
    const shapeless: string[] = [];
    for (const [name, schema] of Object.entries(schemas))
      for (const [prop, raw] of Object.entries(schema.properties ?? {})) {
        const p = (raw.type === 'array' ? raw.items : raw) as Record<string, unknown>;
        const empty =
          p.type === 'object' &&
          !p.properties &&
          p.additionalProperties === undefined &&
          !p.allOf &&
          !p.oneOf &&
          !p.anyOf;
        if (empty && !(name === 'CreateSnorkelJobDto' && prop === 'code'))
          shapeless.push(`${name}.${prop}`);
      }
    expect(shapeless).toEqual([]);
  });
});
