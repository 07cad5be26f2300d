import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createTestApp, TestApp } from './helpers/test-app';
import { createCampusFixture, TippersFixture } from './occupancy/fixture-campus';

/**
 * For every operation of the committed openapi.json, bad inputs generated from its parameters
 * and body schema — wrong types, boundary numbers, NUL, huge strings, unknown fields, bad JSON,
 * wrong content types — must never answer 5xx. Operations added later are covered without a
 * line here.
 */
type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const spec = JSON.parse(readFileSync(path.join(__dirname, '..', 'openapi.json'), 'utf8')) as Spec;

function resolve(s: Schema | undefined): Schema {
  if (!s) return {};
  if (s.$ref) return resolve(spec.components?.schemas?.[s.$ref.split('/').pop()!]);
  if (s.allOf?.length) return resolve(s.allOf[0]);
  return s;
}

/** A value the schema accepts, as far as a fuzzer cares (a start to mutate from). */
function validValue(s: Schema | undefined): unknown {
  const r = resolve(s);
  if (r.enum?.length) return r.enum[0];
  const alternative = r.oneOf?.[0] ?? r.anyOf?.[0];
  if (alternative) return validValue(alternative);
  switch (r.type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [validValue(r.items)];
    case 'object':
      return Object.fromEntries(
        Object.entries(r.properties ?? {}).map(([k, v]) => [k, validValue(v)]),
      );
    default:
      return 'x';
  }
}

const HUGE = 'x'.repeat(1_000_000);
/** Values of every wrong kind and at every edge, for one field. */
const BAD_VALUES: unknown[] = [
  null,
  '',
  '\u0000',
  `a\u0000b`,
  HUGE,
  -1,
  0,
  1.5,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  1e308,
  true,
  [],
  [1, 2],
  {},
  { nested: { deeper: ['x'] } },
  '1e3',
  '0x10',
  '<script>',
  "'; DROP TABLE connections; --",
];
/** Texts for a path or query parameter. */
const BAD_TEXTS = [
  '',
  '0',
  '-1',
  '01',
  '1e3',
  '0x10',
  '1.5',
  '2147483648',
  '9007199254740993',
  '99999999999999999999999',
  'abc',
  '%00',
  'a%00b',
  '%FF%FE',
  'x'.repeat(5_000),
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  "'%20OR%201=1",
];

interface Probe {
  method: string;
  url: string;
  contentType?: string;
  body?: string;
  what: string;
}

function fill(template: string, params: Parameter[], value: (p: Parameter) => string): string {
  let url = template;
  for (const p of params.filter((x) => x.in === 'path')) url = url.replace(`{${p.name}}`, value(p));
  return url;
}

function probesFor(template: string, method: string, op: Operation): Probe[] {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const query = params.filter((p) => p.in === 'query');
  const okPath = fill(template, params, () => '1');
  const out: Probe[] = [];
  const M = method.toUpperCase();

  for (const p of pathParams)
    for (const text of BAD_TEXTS) {
      const url = fill(template, params, (x) => (x === p ? text : '1'));
      if (url.includes('//') || url.endsWith('/')) continue; // another route, not this one
      out.push({ method: M, url, what: `path ${p.name}=${text.slice(0, 20)}` });
    }
  for (const q of query)
    for (const text of [...BAD_TEXTS, 'x'.repeat(3_000)]) {
      out.push({ method: M, url: `${okPath}?${q.name}=${text}`, what: `query ${q.name}` });
    }
  if (query.length) {
    out.push({
      method: M,
      url: `${okPath}?${query[0].name}=1&${query[0].name}=2`,
      what: 'repeated',
    });
    out.push({ method: M, url: `${okPath}?${query[0].name}[a][b]=1`, what: 'nested query' });
    out.push({ method: M, url: `${okPath}?unknown_param=1`, what: 'unknown query' });
  }

  const schema = op.requestBody?.content['application/json']?.schema;
  if (schema) {
    const valid = validValue(schema) as Record<string, unknown>;
    const json = (body: unknown, what: string) =>
      out.push({
        method: M,
        url: okPath,
        contentType: 'application/json',
        body: JSON.stringify(body),
        what,
      });
    for (const field of Object.keys(resolve(schema).properties ?? {})) {
      for (const bad of BAD_VALUES) json({ ...valid, [field]: bad }, `body ${field}`);
      const without = { ...valid };
      delete without[field];
      json(without, `body without ${field}`);
    }
    json({ ...valid, unknown_field: 1 }, 'unknown field');
    json({ ...valid, ['k\u0000']: 1 }, 'NUL key');
    for (const body of [[], [valid], 'text', 1, null, {}])
      json(body, `body ${JSON.stringify(body).slice(0, 20)}`);
    for (const [contentType, body] of [
      ['application/json', '{"name": '],
      ['application/json', `${'['.repeat(5000)}${']'.repeat(5000)}`],
      ['application/json', '\u0000'],
      ['text/plain', 'name=x'],
      ['application/x-www-form-urlencoded', 'name=x'],
      ['application/xml', '<a/>'],
      ['multipart/form-data; boundary=x', '--x--'],
    ])
      out.push({ method: M, url: okPath, contentType, body, what: `raw ${contentType}` });
  }
  return out;
}

describe('OpenAPI fuzz: no operation answers 5xx to bad input', () => {
  let fx: TippersFixture;
  let t: TestApp;
  beforeAll(async () => {
    fx = await createCampusFixture();
    t = await createTestApp({ tippersDbUrl: fx.url });
  });
  afterAll(async () => {
    await t?.close();
    await fx?.drop();
  });

  const operations = Object.entries(spec.paths).flatMap(([template, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ template, method, op })),
  );

  it('covers every operation of openapi.json', () => {
    expect(operations.length).toBeGreaterThanOrEqual(24);
  });

  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.template}`, o] as const))(
    '%s',
    async (_name, { template, method, op }) => {
      const failures: string[] = [];
      for (const p of probesFor(template, method, op)) {
        let req = t.http[p.method.toLowerCase() as 'get'](p.url);
        if (p.contentType) req = req.set('content-type', p.contentType);
        const res = p.body === undefined ? await req : await req.send(p.body);
        if (res.status >= 500)
          failures.push(
            `${p.method} ${p.url.slice(0, 120)} (${p.what}): ${res.status} ${res.text.slice(0, 200)}`,
          );
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );
});
