import { createTestApp, TestApp } from './helpers/test-app';
import { createEmptyDatabase, dropDatabase, execSql } from './helpers/test-db';
import { FAST_RUNS, waitForStatus } from './helpers/run-engine';
import { registerConnection } from './helpers/connections';

const status = (code: number) => (res: { status: number; body: unknown }) => {
  if (res.status !== code)
    throw new Error(`expected ${code}, got ${res.status}: ${JSON.stringify(res.body)}`);
};

/**
 * 300 devices of three kinds; sessions repeat each device's key (2–5 rows per device).
 * kind: 0 phone (night-heavy), 1 laptop (many sessions), 2 printer (vendor hp, never roams).
 */
const SOURCE_SQL = `
  CREATE TABLE devices AS
    SELECT 'dev-' || lpad(g::text, 3, '0') AS mac, g % 3 AS kind,
           CASE g % 3 WHEN 0 THEN 0.55 + (g % 7) / 20.0 ELSE (g % 9) / 20.0 END AS night_share,
           CASE g % 3 WHEN 1 THEN 20 + g % 11 ELSE g % 13 END AS sessions,
           CASE WHEN g % 3 = 2 AND g % 4 <> 0 THEN 'hp' WHEN g % 5 = 0 THEN NULL ELSE (ARRAY['apple','dell','samsung'])[g % 3 + 1] END AS vendor,
           (g % 3 = 0 AND g % 2 = 0) AS roams
      FROM generate_series(1, 300) AS g;
  CREATE TABLE sessions AS
    SELECT d.mac, (h * 7 + length(d.mac) + d.kind * 5) % 24 AS hour
      FROM devices d, generate_series(1, 2 + (substr(d.mac, 5)::int % 4)) AS h;`;

describe('Snorkel jobs', () => {
  let t: TestApp;
  let source: { name: string; url: string };
  let cId: number;
  let indexId: number;
  let usageRule: number;
  let sessionRule: number;
  let truthRule: number;
  const cv: Record<string, number> = {};
  const lf: Record<string, number> = {};
  let devices: { mac: string; kind: number }[];
  let sessions: { mac: string; hour: number }[];

  const base = () => `/concepts/${cId}`;
  const job = (body: object) =>
    t.http.post(`${base()}/snorkel/run`).send({ index_id: indexId, ...body });
  const finished = async (jobId: number) => {
    const j = (await t.http.get(`${base()}/snorkel/jobs/${jobId}`).expect(status(200))).body;
    const run = await waitForStatus(t, j.run_id, ['SUCCESS', 'FAILURE', 'CANCELED'], 120_000);
    return {
      ...(await t.http.get(`${base()}/snorkel/jobs/${jobId}`).expect(status(200))).body,
      run,
    };
  };

  beforeAll(async () => {
    t = await createTestApp({ env: FAST_RUNS });
    source = await createEmptyDatabase('test_snorkel_source');
    await execSql(source.url, SOURCE_SQL);
    devices = (await execSql(source.url, 'SELECT mac, kind FROM devices')) as typeof devices;
    sessions = (await execSql(source.url, 'SELECT mac, hour FROM sessions')) as typeof sessions;
    const connId = await registerConnection(t.http, 'snorkel source', source.url);
    cId = (
      await t.http.post('/concepts').send({ name: 'device kind (snorkel)' }).expect(status(201))
    ).body.c_id;
    for (const name of ['phone', 'laptop', 'printer'])
      cv[name] = (
        await t.http.post(`${base()}/values`).send({ name }).expect(status(201))
      ).body.cv_id;
    indexId = (
      await t.http
        .post(`${base()}/indexes`)
        .send({
          name: 'devices',
          conn_id: connId,
          sql_query: 'SELECT mac FROM devices',
          key_column: 'mac',
        })
        .expect(status(201))
    ).body.index_id;
    const rule = async (name: string, sql: string) =>
      (
        await t.http
          .post(`${base()}/rules`)
          .send({ name, index_id: indexId, index_column: 'mac', sql_query: sql })
          .expect(status(201))
      ).body.r_id;
    usageRule = await rule(
      'usage',
      'SELECT mac, night_share, sessions, vendor, roams FROM devices',
    );
    sessionRule = await rule('sessions', 'SELECT mac, hour FROM sessions');
    truthRule = await rule(
      'truth',
      `SELECT mac, CASE kind WHEN 0 THEN ${cv.phone} WHEN 1 THEN ${cv.laptop} ELSE ${cv.printer} END AS truth FROM devices`,
    );
    const make = async (name: string, body: object) =>
      (lf[name] = (
        await t.http
          .post(`${base()}/labeling-functions`)
          .send({ name, ...body })
          .expect(status(201))
      ).body.lf_id);
    await make('night', {
      rule_id: usageRule,
      applicable_cv_ids: [cv.phone],
      lf_type: 'conditions',
      lf_config: { label: cv.phone, conditions: [{ column: 'night_share', op: '>=', value: 0.5 }] },
    });
    await make('busy', {
      rule_id: usageRule,
      applicable_cv_ids: [cv.laptop],
      lf_type: 'sql',
      lf_config: { expression: `CASE WHEN sessions >= 20 THEN ${cv.laptop} END` },
    });
    await make('hp', {
      rule_id: usageRule,
      applicable_cv_ids: [cv.printer],
      lf_type: 'code',
      lf_config: {
        code: "function labelingFunction(row) { return row.vendor === 'hp' ? PRINTER : ABSTAIN; }",
      },
    });
    await make('still', {
      rule_id: usageRule,
      applicable_cv_ids: [cv.printer, cv.laptop],
      lf_type: 'code',
      lf_config: {
        code: 'function labelingFunction(row) { if (row.roams) return ABSTAIN; return row.sessions < 3 ? PRINTER : ABSTAIN; }',
      },
    });
    // on the rule whose keys repeat: one vote per session row, aggregated per device
    await make('late', {
      rule_id: sessionRule,
      applicable_cv_ids: [cv.phone],
      lf_type: 'conditions',
      lf_config: { label: cv.phone, conditions: [{ column: 'hour', op: '>=', value: 22 }] },
    });
  });
  afterAll(async () => {
    await t?.close();
    if (source) await dropDatabase(source.name);
  });

  it('builds its inputs, labels every entity once by its key, and scores against gold', async () => {
    const created = (
      await job({
        lf_ids: Object.values(lf),
        gold: { rule_id: truthRule, column: 'truth' },
        config: { epochs: 200, seed: 7, tie_policy: 'random' },
      }).expect(status(201))
    ).body;
    expect(created.status).not.toBe('DRAFT');
    const done = await finished(created.job_id);
    expect(done.run.status).toBe('SUCCESS');
    expect(done.storage_key).toMatch(new RegExp(`^snorkel/job_${created.job_id}/.+\\.parquet$`));
    const { results, predictions } = (
      await t.http
        .get(
          `${base()}/snorkel/jobs/${created.job_id}/results?include_predictions=true&limit=10000`,
        )
        .expect(status(200))
    ).body;
    // one row per device, keyed by its mac
    expect(predictions).toHaveLength(300);
    expect(new Set(predictions.map((p: { mac: string }) => p.mac))).toEqual(
      new Set(devices.map((d) => d.mac)),
    );
    for (const p of predictions) {
      const probs = [cv.phone, cv.laptop, cv.printer].map((c) => p[`p_${c}`]);
      expect(probs.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 9);
      expect(p.confidence).toBeCloseTo(Math.max(...probs), 12);
    }
    // the repeated-key LF: a device is covered when any of its session rows is late
    const late = new Set(sessions.filter((s) => s.hour >= 22).map((s) => s.mac));
    const lateRow = results.lf_summary.find((r: { lf_id: number }) => r.lf_id === lf.late);
    expect(lateRow.coverage).toBeCloseTo(late.size / 300, 12);
    expect(lateRow.polarity).toEqual([cv.phone]);
    // gold accuracy, recomputed here from the predictions and the truth
    const kindOf = new Map(devices.map((d) => [d.mac, [cv.phone, cv.laptop, cv.printer][d.kind]]));
    const right = predictions.filter(
      (p: { mac: string; label: number }) => p.label === kindOf.get(p.mac),
    ).length;
    expect(results.gold.rows).toBe(300);
    expect(results.gold.accuracy).toBeCloseTo(right / 300, 12);
    expect(results.gold.accuracy).toBeGreaterThan(0.6);
    expect(results.entities).toBe(300);
    expect(
      Object.values(results.class_distribution).reduce((a: number, b) => a + (b as number), 0),
    ).toBe(300);
    // per-LF metrics land on the LF
    const night = (await t.http.get(`${base()}/labeling-functions/${lf.night}`).expect(status(200)))
      .body;
    expect(night.metrics).toMatchObject({ job_id: created.job_id, lf_id: lf.night });
  });

  it('draft → execute; results wait for success; cancel of a draft is refused', async () => {
    const draft = (
      await job({ lf_ids: [lf.night, lf.busy, lf.hp], draft: true }).expect(status(201))
    ).body;
    expect(draft).toMatchObject({ status: 'DRAFT', run_id: null });
    await t.http.get(`${base()}/snorkel/jobs/${draft.job_id}/results`).expect(status(409));
    await t.http.post(`${base()}/snorkel/jobs/${draft.job_id}/cancel`).expect(status(409));
    const running = (
      await t.http.post(`${base()}/snorkel/jobs/${draft.job_id}/execute`).expect(status(200))
    ).body;
    expect(running.run_id).not.toBeNull();
    expect((await finished(draft.job_id)).run.status).toBe('SUCCESS');
    const again = (
      await t.http.post(`${base()}/snorkel/jobs/${draft.job_id}/execute`).expect(status(200))
    ).body;
    expect(again.run_id).not.toBe(running.run_id);
    expect((await finished(draft.job_id)).run.status).toBe('SUCCESS');
    const list = (await t.http.get(`${base()}/snorkel/jobs?limit=1000`).expect(status(200))).body;
    expect(list.map((j: { job_id: number }) => j.job_id)).toContain(draft.job_id);
  });

  it.each([
    [{ lf_ids: [1] }, /lf_ids: concept \d+ has no labeling function|at least 3/],
    [{ lf_ids: 'all' }, /lf_ids must be a list/],
    [{ lf_ids: [], index_id: 1 }, /lf_ids/],
    [{ config: { epochs: -1 } }, /config.epochs must be at least 0/],
    [{ config: { lr: 'fast' } }, /config.lr must be a number/],
    [
      { config: { class_balance: { '1': 1 } } },
      /config.class_balance must give exactly the values/,
    ],
    [{ gold: { rule_id: 1, column: 'x' } }, /rule 1|gold/],
  ])('refuses a job that cannot run: %j', async (body, message) => {
    const res = await job({ lf_ids: Object.values(lf).slice(0, 3), ...body });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toMatch(message);
  });

  it("accepts the Python original's request shape (legacy), refuses its inline code", async () => {
    const legacy = (
      await t.http
        .post(`${base()}/snorkel/run`)
        .send({
          selectedIndex: indexId,
          selectedRules: [usageRule],
          selectedLFs: [lf.night, lf.busy, lf.hp],
          snorkel: { epochs: 50, lr: 0.02, sample_size: 1000, output_type: 'hard_labels' },
        })
        .expect(status(201))
    ).body;
    expect(legacy).toMatchObject({ index_id: indexId, lf_ids: [lf.night, lf.busy, lf.hp] });
    expect(legacy.config).toMatchObject({ epochs: 50, lr: 0.02, output_type: 'hard_labels' });
    expect((await finished(legacy.job_id)).run.status).toBe('SUCCESS');
    const res = await t.http.post(`${base()}/snorkel/run`).send({
      selectedIndex: indexId,
      selectedLFs: [lf.night, lf.busy, lf.hp],
      code: 'def lf(x): return 1',
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/inline labeling functions/);
    await t.http
      .post(`${base()}/snorkel/run`)
      .send({ selectedLFs: [lf.night] })
      .expect(status(400));
  });

  it('downloads all predictions as Parquet or CSV', async () => {
    const created = (await job({ lf_ids: [lf.night, lf.busy, lf.hp] }).expect(status(201))).body;
    expect((await finished(created.job_id)).run.status).toBe('SUCCESS');
    const file = `${base()}/snorkel/jobs/${created.job_id}/predictions`;
    const parquet = await t.http
      .get(file)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(status(200));
    expect(parquet.headers['content-type']).toBe('application/vnd.apache.parquet');
    const bytes = parquet.body as Buffer;
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    expect(bytes.subarray(bytes.length - 4).toString()).toBe('PAR1');
    const csv = await t.http.get(`${file}?format=csv`).buffer(true).expect(status(200));
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0].split(',')).toEqual(
      expect.arrayContaining([
        'mac',
        'label',
        'confidence',
        `p_${cv.phone}`,
        `p_${cv.laptop}`,
        `p_${cv.printer}`,
      ]),
    );
    expect(lines).toHaveLength(301);
    await t.http.get(`${file}?format=xlsx`).expect(status(400));
  });

  it('derives an index from a job (label filter), and a second job runs on that subset', async () => {
    const first = (
      await job({ lf_ids: Object.values(lf), config: { epochs: 200, seed: 7 } }).expect(status(201))
    ).body;
    expect((await finished(first.job_id)).run.status).toBe('SUCCESS');
    const { predictions } = (
      await t.http
        .get(`${base()}/snorkel/jobs/${first.job_id}/results?include_predictions=true&limit=10000`)
        .expect(status(200))
    ).body;
    // every labelled device at or above the median confidence: the filter cuts on both
    const confidences = predictions
      .filter((p: { label: number | null }) => p.label !== null)
      .map((p: { confidence: number }) => p.confidence)
      .sort((a: number, b: number) => a - b);
    const threshold = confidences[Math.floor(confidences.length / 2)];
    const allLabels = [cv.phone, cv.laptop, cv.printer];
    const phones = predictions.filter(
      (p: { label: number | null; confidence: number }) =>
        p.label !== null && p.confidence >= threshold,
    );
    expect(phones.length).toBeGreaterThan(10);
    expect(phones.length).toBeLessThan(confidences.length);
    expect(phones.length).toBeLessThan(300);
    const derived = (
      await t.http
        .post(`${base()}/indexes`)
        .send({
          name: 'confident half',
          derived_from: {
            job_id: first.job_id,
            label_filter: { cv_ids: allLabels, min_confidence: threshold },
          },
        })
        .expect(status(201))
    ).body;
    expect(derived).toMatchObject({
      key_column: 'mac',
      derived_from: { job_id: first.job_id, cv_ids: allLabels, min_confidence: threshold },
    });
    // a derived index has no SQL to preview live, and takes none
    await t.http.get(`${base()}/indexes/${derived.index_id}/preview`).expect(status(409));
    await t.http
      .put(`${base()}/indexes/${derived.index_id}`)
      .send({ sql_query: 'SELECT 1 AS mac' })
      .expect(status(400));
    await t.http
      .post(`${base()}/indexes`)
      .send({
        name: 'both',
        conn_id: 1,
        sql_query: 'SELECT 1 AS mac',
        key_column: 'mac',
        derived_from: { job_id: first.job_id, label_filter: { cv_ids: [cv.phone] } },
      })
      .expect(status(400));
    await t.http
      .post(`${base()}/indexes`)
      .send({
        name: 'no job',
        derived_from: { job_id: 999999, label_filter: { cv_ids: [cv.phone] } },
      })
      .expect(status(400));
    // a rule on the subset; three LFs; a job on it
    const subRule = (
      await t.http
        .post(`${base()}/rules`)
        .send({
          name: 'phone usage',
          index_id: derived.index_id,
          index_column: 'mac',
          sql_query:
            'SELECT mac, night_share, sessions, roams FROM devices WHERE mac IN :index_values',
        })
        .expect(status(201))
    ).body.r_id;
    const ids: number[] = [];
    for (const [name, label, column, op, value] of [
      ['sub night', cv.phone, 'night_share', '>=', 0.6],
      ['sub roams', cv.phone, 'roams', '=', true],
      ['sub busy', cv.laptop, 'sessions', '>=', 10],
    ] as const)
      ids.push(
        (
          await t.http
            .post(`${base()}/labeling-functions`)
            .send({
              name,
              rule_id: subRule,
              applicable_cv_ids: [label],
              lf_type: 'conditions',
              lf_config: { label, conditions: [{ column, op, value }] },
            })
            .expect(status(201))
        ).body.lf_id,
      );
    const second = (
      await t.http
        .post(`${base()}/snorkel/run`)
        .send({ index_id: derived.index_id, lf_ids: ids })
        .expect(status(201))
    ).body;
    expect((await finished(second.job_id)).run.status).toBe('SUCCESS');
    const ix = (await t.http.get(`${base()}/indexes/${derived.index_id}`).expect(status(200))).body;
    expect(ix.current_materialization.row_count).toBe(phones.length);
    const sub = (
      await t.http
        .get(`${base()}/snorkel/jobs/${second.job_id}/results?include_predictions=true&limit=10000`)
        .expect(status(200))
    ).body;
    expect(sub.results.entities).toBe(phones.length);
    expect(new Set(sub.predictions.map((p: { mac: string }) => p.mac))).toEqual(
      new Set(phones.map((p: { mac: string }) => p.mac)),
    );
    // the first job run again: the derived index is stale
    await t.http.post(`${base()}/snorkel/jobs/${first.job_id}/execute`).expect(status(200));
    expect((await finished(first.job_id)).run.status).toBe('SUCCESS');
    const after = (await t.http.get(`${base()}/indexes/${derived.index_id}`).expect(status(200)))
      .body;
    expect(after.stale).toBe(true);
  });

  it('a hostile code LF in a job is contained: the job succeeds and reports it', async () => {
    const endless = (
      await t.http
        .post(`${base()}/labeling-functions`)
        .send({
          name: 'endless',
          rule_id: usageRule,
          applicable_cv_ids: [cv.phone],
          lf_type: 'code',
          lf_config: { code: 'function labelingFunction(row) { for (;;) {} }' },
        })
        .expect(status(201))
    ).body.lf_id;
    const created = (await job({ lf_ids: [lf.night, lf.busy, lf.hp, endless] }).expect(status(201)))
      .body;
    expect((await finished(created.job_id)).run.status).toBe('SUCCESS');
    const { results } = (
      await t.http.get(`${base()}/snorkel/jobs/${created.job_id}/results`).expect(status(200))
    ).body;
    const row = results.lf_summary.find((r: { lf_id: number }) => r.lf_id === endless);
    expect(row).toMatchObject({ coverage: 0, errors: 300 });
    expect(row.messages.join(' ')).toMatch(/interrupted/);
    await t.http.post(`${base()}/labeling-functions/${endless}/deactivate`).expect(status(200));
  }, 90_000);

  it('refuses inactive LFs and fewer than three', async () => {
    let res = await job({ lf_ids: [lf.night, lf.busy] });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/at least 3 labeling functions/);
    await t.http.post(`${base()}/labeling-functions/${lf.still}/deactivate`).expect(status(200));
    res = await job({ lf_ids: [lf.night, lf.busy, lf.still] });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(new RegExp(`${lf.still} \\(inactive\\)`));
    await t.http.post(`${base()}/labeling-functions/${lf.still}/activate`).expect(status(200));
  });
});
