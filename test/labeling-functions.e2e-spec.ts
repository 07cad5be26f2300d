import { createTestApp, TestApp } from './helpers/test-app';
import { createEmptyDatabase, dropDatabase, execSql } from './helpers/test-db';
import { FAST_RUNS, waitForStatus } from './helpers/run-engine';
import { registerConnection } from './helpers/connections';

const status = (code: number) => (res: { status: number; body: unknown }) => {
  if (res.status !== code)
    throw new Error(`expected ${code}, got ${res.status}: ${JSON.stringify(res.body)}`);
};

/** 40 devices; the LFs below are checked against these values row by row. */
const SOURCE_SQL = `
  CREATE TABLE devices (mac text, night_share double precision, sessions integer, vendor text, roams boolean);
  INSERT INTO devices
    SELECT 'mac-' || g, (g % 10) / 10.0, g % 7,
           CASE WHEN g % 5 = 0 THEN NULL ELSE (ARRAY['apple','hp','dell','samsung'])[g % 4 + 1] END,
           g % 3 = 0
      FROM generate_series(1, 40) AS g;`;

type Row = {
  mac: string;
  night_share: number;
  sessions: number;
  vendor: string | null;
  roams: boolean;
};

/**
 * Labeling functions through HTTP against real PostgreSQL, DuckDB and the QuickJS sandbox:
 * checked when saved, tested on the rule's rows (votes equal what the definition says of each
 * row), versions, approval, activation, templates, dependents on delete.
 */
describe('labeling functions', () => {
  let t: TestApp;
  let source: { name: string; url: string };
  let cId: number;
  let ruleId: number;
  const cv: Record<string, number> = {};

  const path = () => `/concepts/${cId}/labeling-functions`;
  const create = (body: object) => t.http.post(path()).send({ rule_id: ruleId, ...body });

  async function materialize(assetPath: string): Promise<void> {
    const res = await t.http.post(`${assetPath}/materialize`).expect(status(202));
    const run = await waitForStatus(
      t,
      res.body.run_id,
      ['SUCCESS', 'FAILURE', 'CANCELED'],
      120_000,
    );
    if (run.status !== 'SUCCESS') throw new Error(`build ${run.status}: ${run.error}`);
    for (let i = 0; i < 100; i++) {
      const a = (await t.http.get(assetPath).expect(status(200))).body;
      if (a.current_materialization?.run_id === res.body.run_id) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the build was not recorded');
  }

  beforeAll(async () => {
    t = await createTestApp({ env: FAST_RUNS });
    source = await createEmptyDatabase('test_lf_source');
    await execSql(source.url, SOURCE_SQL);
    const connId = await registerConnection(t.http, 'lf source', source.url);
    cId = (await t.http.post('/concepts').send({ name: 'device kind (lf)' }).expect(status(201)))
      .body.c_id;
    for (const name of ['phone', 'laptop', 'printer', '2 in 1'])
      cv[name] = (
        await t.http.post(`/concepts/${cId}/values`).send({ name }).expect(status(201))
      ).body.cv_id;
    const index = (
      await t.http
        .post(`/concepts/${cId}/indexes`)
        .send({
          name: 'devices',
          conn_id: connId,
          sql_query: 'SELECT mac FROM devices',
          key_column: 'mac',
        })
        .expect(status(201))
    ).body;
    ruleId = (
      await t.http
        .post(`/concepts/${cId}/rules`)
        .send({
          name: 'usage',
          index_id: index.index_id,
          index_column: 'mac',
          sql_query: 'SELECT mac, night_share, sessions, vendor, roams FROM devices ORDER BY mac',
        })
        .expect(status(201))
    ).body.r_id;
    await materialize(`/concepts/${cId}/indexes/${index.index_id}`);
    await materialize(`/concepts/${cId}/rules/${ruleId}`);
  });
  afterAll(async () => {
    await t?.close();
    if (source) await dropDatabase(source.name);
  });

  /** Runs the LF's test on all 40 rows and checks each vote against `expected(row)`. */
  async function expectVotes(lfId: number, expected: (r: Row) => number) {
    const res = (
      await t.http.post(`${path()}/${lfId}/test`).send({ limit: 1000 }).expect(status(200))
    ).body;
    expect(res.rows_tested).toBe(40);
    for (const { row, vote } of res.results as { row: Row; vote: number }[])
      expect({ mac: row.mac, vote }).toEqual({ mac: row.mac, vote: expected(row) });
    const labelled = (res.results as { vote: number }[]).filter((r) => r.vote !== -1).length;
    expect(labelled).toBeGreaterThan(0);
    expect(labelled).toBeLessThan(40);
    return res;
  }

  it('conditions: stored as given, and votes exactly where the conditions hold', async () => {
    const lf = (
      await create({
        name: 'night owl',
        applicable_cv_ids: [cv.phone],
        lf_type: 'conditions',
        lf_config: {
          label: cv.phone,
          conditions: [
            { column: 'night_share', op: '>=', value: 0.6 },
            {
              any: [
                { column: 'vendor', op: 'in', value: ['apple', 'samsung'] },
                { column: 'roams', op: '=', value: true },
              ],
            },
          ],
        },
      }).expect(status(201))
    ).body;
    expect(lf).toMatchObject({ version: 1, parent_lf_id: null, is_active: true, usable: true });
    await expectVotes(lf.lf_id, (r) =>
      r.night_share >= 0.6 && (['apple', 'samsung'].includes(r.vendor ?? '') || r.roams)
        ? cv.phone
        : -1,
    );
  });

  it('code: runs in its sandbox with the value constants; throws are counted, not fatal', async () => {
    const lf = (
      await create({
        name: 'printer by vendor',
        applicable_cv_ids: [cv.printer, cv.laptop],
        lf_type: 'code',
        lf_config: {
          code: `function labelingFunction(row) {
            if (row.vendor === 'hp') return PRINTER;
            if (row.vendor === null) throw new Error('no vendor for ' + row.mac);
            return row.sessions > 4 ? LAPTOP : ABSTAIN;
          }`,
        },
      }).expect(status(201))
    ).body;
    const res = await expectVotes(lf.lf_id, (r) =>
      r.vendor === 'hp' ? cv.printer : r.vendor === null ? -1 : r.sessions > 4 ? cv.laptop : -1,
    );
    expect(res.errors).toBe(8); // vendor is NULL for every 5th device
    expect(res.messages[0]).toMatch(/no vendor for mac-/);
  });

  it('code: an endless loop or a memory bomb is contained and reported; the service serves on', async () => {
    for (const code of [
      'function labelingFunction(row) { for (;;) {} }',
      'function labelingFunction(row) { const a = []; for (;;) a.push(new Array(1000).fill(row.mac)); }',
    ]) {
      const lf = (
        await create({
          name: `hostile ${code.length}`,
          applicable_cv_ids: [cv.phone],
          lf_type: 'code',
          lf_config: { code },
        }).expect(status(201))
      ).body;
      const res = (await t.http.post(`${path()}/${lf.lf_id}/test`).send({}).expect(status(200)))
        .body;
      expect(res.counts).toEqual({ '-1': 40 });
      expect(res.errors).toBe(40);
      expect(res.messages.join(' ')).toMatch(/interrupted|out of memory/i);
    }
    await t.http.get('/health').expect(status(200));
  });

  it('sql: a DuckDB expression in a sandbox, votes per row; junk answers are ABSTAIN', async () => {
    const lf = (
      await create({
        name: 'dell laptops',
        applicable_cv_ids: [cv.laptop],
        lf_type: 'sql',
        lf_config: {
          expression: `CASE WHEN vendor = 'dell' THEN ${cv.laptop} WHEN vendor = 'apple' AND sessions > 2 THEN 999 END`,
        },
      }).expect(status(201))
    ).body;
    const res = await expectVotes(lf.lf_id, (r) => (r.vendor === 'dell' ? cv.laptop : -1));
    expect(res.invalid).toBeGreaterThan(0); // the 999s
  });

  it.each([
    [
      {
        lf_type: 'conditions',
        lf_config: { label: 1, conditions: [{ column: 'nope', op: 'is_null' }] },
      },
      /the rule has no column "nope"/,
    ],
    [
      {
        lf_type: 'conditions',
        lf_config: { label: 'phone', conditions: [{ column: 'mac', op: 'is_null' }] },
      },
      /lf_config.label/,
    ],
    [
      {
        lf_type: 'conditions',
        lf_config: { label: 1, conditions: [{ column: 'sessions', op: '>', value: 'many' }] },
      },
      /INTEGER: the value must be a finite number/,
    ],
    [
      { lf_type: 'code', lf_config: { code: 'function labelingFunction( {' } },
      /lf_config.code: SyntaxError/,
    ],
    [
      { lf_type: 'code', lf_config: { code: 'const x = 1;' } },
      /must define function labelingFunction/,
    ],
    [{ lf_type: 'code', lf_config: { code: 'for (;;) {}' } }, /lf_config.code: .*interrupted/i],
    [
      { lf_type: 'sql', lf_config: { expression: '1 +' } },
      /lf_config.expression: DuckDB cannot use it/,
    ],
    [
      {
        lf_type: 'sql',
        lf_config: { expression: '1 AS vote FROM rule_rows; DROP TABLE rule_rows; SELECT (1' },
      },
      /lf_config.expression/,
    ],
    [
      {
        lf_type: 'sql',
        lf_config: { expression: "(SELECT count(*) FROM read_csv('/etc/passwd'))" },
      },
      /lf_config.expression: DuckDB cannot use it/,
    ],
    [{ lf_type: 'sql', lf_config: { expression: 'CASE WHEN nope > 1 THEN 1 END' } }, /nope/],
    [{ lf_type: 'sql', lf_config: { expression: '1', extra: true } }, /lf_config.extra/],
    [{ lf_type: 'magic', lf_config: {} }, /lf_type must be one of/],
  ])('refuses a definition that cannot run: %j', async (body, message) => {
    const res = await create({ name: 'bad', applicable_cv_ids: [1], ...body });
    expect(res.status).toBe(400);
    expect(String(res.body.message)).toMatch(message);
  });

  it('refuses values and rules that are not the concept’s, and duplicate names', async () => {
    const other = (await t.http.post('/concepts').send({ name: 'other (lf)' }).expect(status(201)))
      .body.c_id;
    const foreignCv = (
      await t.http.post(`/concepts/${other}/values`).send({ name: 'x' }).expect(status(201))
    ).body.cv_id;
    const ok = {
      lf_type: 'conditions',
      lf_config: { label: cv.phone, conditions: [{ column: 'mac', op: 'not_null' }] },
    };
    let res = await create({ name: 'foreign', applicable_cv_ids: [cv.phone, foreignCv], ...ok });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(new RegExp(`applicable_cv_ids: ${foreignCv} is not a value`));
    res = await t.http
      .post(`/concepts/${other}/labeling-functions`)
      .send({ name: 'x', rule_id: ruleId, applicable_cv_ids: [foreignCv], ...ok });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/rule_id: concept \d+ has no rule/);
    await create({ name: 'twice', applicable_cv_ids: [cv.phone], ...ok }).expect(status(201));
    await create({ name: 'twice', applicable_cv_ids: [cv.phone], ...ok }).expect(status(409));
    await create({ name: 'nul\u0000', applicable_cv_ids: [cv.phone], ...ok }).expect((r) =>
      expect(r.status).toBeLessThan(500),
    );
  });

  it('versions, activation and approval', async () => {
    const v1 = (
      await create({
        name: 'versioned',
        applicable_cv_ids: [cv.phone],
        lf_type: 'conditions',
        requires_approval: true,
        lf_config: { label: cv.phone, conditions: [{ column: 'sessions', op: '>', value: 3 }] },
      }).expect(status(201))
    ).body;
    expect(v1.usable).toBe(false); // needs approval
    const approved = (await t.http.post(`${path()}/${v1.lf_id}/approve`).expect(status(200))).body;
    expect(approved.usable).toBe(true);
    expect(approved.approved_at).not.toBeNull();
    const v2 = (
      await t.http
        .post(`${path()}/${v1.lf_id}/versions`)
        .send({
          lf_config: { label: cv.phone, conditions: [{ column: 'sessions', op: '>', value: 5 }] },
        })
        .expect(status(201))
    ).body;
    expect(v2).toMatchObject({
      name: 'versioned',
      version: 2,
      parent_lf_id: v1.lf_id,
      is_active: true,
      approved_at: null,
      usable: false,
    });
    expect((await t.http.get(`${path()}/${v1.lf_id}`).expect(status(200))).body.is_active).toBe(
      false,
    );
    await expectVotes(v2.lf_id, (r) => (r.sessions > 5 ? cv.phone : -1));
    const off = (await t.http.post(`${path()}/${v2.lf_id}/deactivate`).expect(status(200))).body;
    expect(off.is_active).toBe(false);
    // an edit of the definition needs approval again
    await t.http.post(`${path()}/${v1.lf_id}/approve`).expect(status(200));
    const edited = (
      await t.http
        .put(`${path()}/${v1.lf_id}`)
        .send({
          lf_config: { label: cv.phone, conditions: [{ column: 'sessions', op: '>', value: 1 }] },
        })
        .expect(status(200))
    ).body;
    expect(edited.approved_at).toBeNull();
    const renamed = (
      await t.http.patch(`${path()}/${v1.lf_id}`).send({ description: 'd' }).expect(status(200))
    ).body;
    expect(renamed.description).toBe('d');
    // the rule's LFs, listed
    const list = (await t.http.get(`${path()}?rule_id=${ruleId}&limit=1000`).expect(status(200)))
      .body;
    expect(list.map((l: { lf_id: number }) => l.lf_id)).toEqual(
      expect.arrayContaining([v1.lf_id, v2.lf_id]),
    );
    await t.http.get(`${path()}?rule_id=abc`).expect(status(400));
  });

  it.each(['conditions', 'sql', 'code'])(
    'a %s template is a definition the service accepts',
    async (type) => {
      const tpl = (
        await t.http.get(`${path()}/template?lf_type=${type}&rule_id=${ruleId}`).expect(status(200))
      ).body;
      expect(tpl.constants).toMatchObject({
        ABSTAIN: -1,
        PHONE: cv.phone,
        LAPTOP: cv.laptop,
        _2_IN_1: cv['2 in 1'],
      });
      expect(tpl.columns.map((c: { name: string }) => c.name)).toEqual([
        'mac',
        'night_share',
        'sessions',
        'vendor',
        'roams',
      ]);
      const label = tpl.lf_config.label ?? cv.phone;
      const lf = await create({
        name: `from template ${type}`,
        applicable_cv_ids: [label],
        lf_type: type,
        lf_config: tpl.lf_config,
      }).expect(status(201));
      await t.http.post(`${path()}/${lf.body.lf_id}/test`).send({ limit: 5 }).expect(status(200));
    },
  );

  it('lists LFs as dependents of their rule, values and concept; cascade removes them', async () => {
    const lf = (
      await create({
        name: 'uses 2 in 1',
        applicable_cv_ids: [cv['2 in 1']],
        lf_type: 'conditions',
        lf_config: { label: cv['2 in 1'], conditions: [{ column: 'roams', op: '=', value: true }] },
      }).expect(status(201))
    ).body;
    const value = await t.http.delete(`/concepts/${cId}/values/${cv['2 in 1']}`);
    expect(value.status).toBe(409);
    expect(value.body.dependents).toEqual([
      { type: 'labeling_function', id: lf.lf_id, name: 'uses 2 in 1 v1' },
    ]);
    const rule = await t.http.delete(`/concepts/${cId}/rules/${ruleId}`);
    expect(rule.status).toBe(409);
    expect(rule.body.dependents).toEqual(
      expect.arrayContaining([{ type: 'labeling_function', id: lf.lf_id, name: 'uses 2 in 1 v1' }]),
    );
    const concept = await t.http.delete(`/concepts/${cId}`);
    expect(concept.status).toBe(409);
    expect(concept.body.dependents).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'labeling_function' })]),
    );
    await t.http.delete(`/concepts/${cId}/values/${cv['2 in 1']}?cascade=true`).expect(status(204));
    await t.http.get(`${path()}/${lf.lf_id}`).expect(status(404));
    await t.http.delete(`/concepts/${cId}/rules/${ruleId}?cascade=true`).expect(status(204));
    expect((await t.http.get(`${path()}?limit=1000`).expect(status(200))).body).toEqual([]);
  });
});
