/** @jest-environment <rootDir>/test/helpers/onnx-jest-environment.ts */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { linearSoftmaxModel } from './fixtures/onnx/build-onnx';
import { registerConnection } from './helpers/connections';
import { FAST_RUNS, waitForStatus } from './helpers/run-engine';
import { createTestApp, TestApp } from './helpers/test-app';
import { createEmptyDatabase, dropDatabase, execSql } from './helpers/test-db';

const status = (code: number) => (res: { status: number; body: unknown }) => {
  if (res.status !== code)
    throw new Error(`expected ${code}, got ${res.status}: ${JSON.stringify(res.body)}`);
};

/**
 * 600 devices of three kinds with numeric usage features that separate the kinds well; the
 * feature query returns its rows in the reverse order of the index (and of the labels).
 */
const SOURCE_SQL = `
  CREATE TABLE devices AS
    SELECT 'dev-' || lpad(g::text, 3, '0') AS mac, g % 3 AS kind,
           CASE g % 3 WHEN 0 THEN 0.7 + (g % 7) / 40.0 ELSE (g % 9) / 40.0 END AS night_share,
           CASE g % 3 WHEN 1 THEN 25 + g % 11 WHEN 0 THEN 8 + g % 5 ELSE g % 4 END AS sessions,
           (g % 3 = 0) AS roams
      FROM generate_series(1, 600) AS g;`;

describe('classifier jobs, the model registry and predictions', () => {
  let t: TestApp;
  let source: { name: string; url: string };
  let cId: number;
  let indexId: number;
  let featureIds: number[];
  let snorkelJobId: number;
  const cv: Record<string, number> = {};
  let devices: {
    mac: string;
    kind: number;
    night_share: number;
    sessions: number;
    roams: boolean;
  }[];
  const base = () => `/concepts/${cId}`;

  beforeAll(async () => {
    t = await createTestApp({ env: { ...FAST_RUNS, MODEL_UPLOAD_MAX_MB: '1' } });
    source = await createEmptyDatabase('test_classifiers_source');
    await execSql(source.url, SOURCE_SQL);
    devices = (await execSql(
      source.url,
      'SELECT mac, kind, night_share::float8 AS night_share, sessions, roams FROM devices',
    )) as typeof devices;
    const connId = await registerConnection(t.http, 'classifier source', source.url);
    cId = (
      await t.http.post('/concepts').send({ name: 'device kind (classifiers)' }).expect(status(201))
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
          sql_query: 'SELECT mac FROM devices ORDER BY mac',
          key_column: 'mac',
        })
        .expect(status(201))
    ).body.index_id;
    const asset = async (kind: 'rules' | 'features', name: string, sql: string) =>
      (
        await t.http
          .post(`${base()}/${kind}`)
          .send({ name, index_id: indexId, index_column: 'mac', sql_query: sql })
          .expect(status(201))
      ).body;
    const usage = (
      await asset('rules', 'usage', 'SELECT mac, night_share, sessions, roams FROM devices')
    ).r_id;
    const truth = (
      await asset(
        'rules',
        'truth',
        `SELECT mac, CASE kind WHEN 0 THEN ${cv.phone} WHEN 1 THEN ${cv.laptop} ELSE ${cv.printer} END AS truth FROM devices`,
      )
    ).r_id;
    featureIds = [
      (
        await asset(
          'features',
          'activity',
          'SELECT mac, sessions, night_share FROM devices ORDER BY mac DESC',
        )
      ).feature_id,
      (
        await asset(
          'features',
          'mobility',
          'SELECT mac, roams, kind::text AS kind_text FROM devices ORDER BY random()',
        )
      ).feature_id,
    ];
    const lfs: number[] = [];
    const lf = async (name: string, label: number, column: string, op: string, value: unknown) =>
      lfs.push(
        (
          await t.http
            .post(`${base()}/labeling-functions`)
            .send({
              name,
              rule_id: usage,
              applicable_cv_ids: [label],
              lf_type: 'conditions',
              lf_config: { label, conditions: [{ column, op, value }] },
            })
            .expect(status(201))
        ).body.lf_id,
      );
    await lf('night', cv.phone, 'night_share', '>=', 0.6);
    await lf('busy', cv.laptop, 'sessions', '>=', 20);
    await lf('idle', cv.printer, 'sessions', '<', 4);
    await lf('roams', cv.phone, 'roams', '=', true);
    const job = (
      await t.http
        .post(`${base()}/snorkel/run`)
        .send({
          index_id: indexId,
          lf_ids: lfs,
          gold: { rule_id: truth, column: 'truth' },
          config: { epochs: 200, seed: 1 },
        })
        .expect(status(201))
    ).body;
    snorkelJobId = job.job_id;
    expect((await waitForStatus(t, job.run_id, ['SUCCESS', 'FAILURE'], 120_000)).status).toBe(
      'SUCCESS',
    );
  });
  afterAll(async () => {
    await t?.close();
    if (source) await dropDatabase(source.name);
  });

  let modelId: number;

  it('trains every family on features joined by key, scores them, registers the best', async () => {
    await t.http
      .post(`${base()}/classifiers/run`)
      .send({ snorkel_job_id: 999, feature_ids: featureIds })
      .expect(status(400));
    await t.http
      .post(`${base()}/classifiers/run`)
      .send({ snorkel_job_id: snorkelJobId, feature_ids: featureIds, config: { models: ['svm'] } })
      .expect(status(400));
    const created = (
      await t.http
        .post(`${base()}/classifiers/run`)
        .send({
          snorkel_job_id: snorkelJobId,
          feature_ids: featureIds,
          config: { min_labels_per_class: 5, random_state: 3 },
        })
        .expect(status(201))
    ).body;
    const run = await waitForStatus(t, created.run_id, ['SUCCESS', 'FAILURE'], 180_000);
    expect(run).toMatchObject({ status: 'SUCCESS' });
    const { results } = (
      await t.http.get(`${base()}/classifiers/jobs/${created.job_id}/results`).expect(status(200))
    ).body;
    expect(results.inputs).toEqual(['sessions', 'night_share', 'roams']);
    expect(results.skipped_columns).toEqual(['mobility.kind_text (VARCHAR)']);
    expect(results.families.map((f: { family: string }) => f.family).sort()).toEqual([
      'decision_tree',
      'gaussian_nb',
      'gradient_boosting',
      'knn',
      'logistic_regression',
      'logistic_regression_soft',
      'random_forest',
    ]);
    for (const f of results.families) {
      expect(f.error).toBeUndefined();
      const total = f.metrics.confusion_matrix.flat().reduce((a: number, b: number) => a + b, 0);
      expect(total).toBe(results.rows.test);
      expect(f.metrics.per_class).toHaveLength(3);
      // the features separate the kinds: a model that read them by row position would not
      expect(f.gold_accuracy).toBeGreaterThan(0.9);
    }
    const best = results.families.find((f: { family: string }) => f.family === results.best);
    expect(best.metrics.weighted_f1).toBe(
      Math.max(
        ...results.families.map((f: { metrics: { weighted_f1: number } }) => f.metrics.weighted_f1),
      ),
    );
    const job = (
      await t.http.get(`${base()}/classifiers/jobs/${created.job_id}`).expect(status(200))
    ).body;
    expect(job).toMatchObject({ status: 'SUCCESS', model_version: 1 });
    modelId = job.model_id;
    const model = (await t.http.get(`/models/${modelId}`).expect(status(200))).body;
    expect(model).toMatchObject({
      name: 'device kind (classifiers) classifier',
      c_id: cId,
      latest_version: 1,
    });
    expect(model.versions[0]).toMatchObject({
      format: 'tippers',
      stage: 'none',
      source: { classifier_job_id: created.job_id, family: results.best },
    });
    expect(model.versions[0].classes.map((c: { cv_id: number }) => c.cv_id)).toEqual([
      cv.phone,
      cv.laptop,
      cv.printer,
    ]);
  });

  it('predicts rows now, checks their inputs, and predicts the whole index by key', async () => {
    const rows = devices
      .slice(0, 30)
      .map((d) => ({ sessions: d.sessions, night_share: d.night_share, roams: d.roams }));
    const now = (await t.http.post(`/models/${modelId}/predict`).send({ rows }).expect(status(200)))
      .body;
    expect(now.predictions).toHaveLength(30);
    const kinds = ['phone', 'laptop', 'printer'];
    const right = now.predictions.filter(
      (p: { label: string }, i: number) => p.label === kinds[devices[i].kind],
    ).length;
    expect(right).toBeGreaterThanOrEqual(27);
    const missing = await t.http
      .post(`/models/${modelId}/predict`)
      .send({ rows: [{ sessions: 3, roams: true }] })
      .expect(status(400));
    expect(missing.body.message).toContain('"night_share"');
    await t.http
      .post(`/models/${modelId}/predict`)
      .send({ rows: [{ sessions: 'many', night_share: 0.1, roams: true }] })
      .expect(status(400));
    await t.http.post(`/models/${modelId}/predict`).send({}).expect(status(400));

    const started = await t.http
      .post(`/models/${modelId}/predict`)
      .send({ index_id: indexId })
      .expect(status(202));
    expect(
      (await waitForStatus(t, started.body.run_id, ['SUCCESS', 'FAILURE'], 120_000)).status,
    ).toBe('SUCCESS');
    const csv = (
      await t.http
        .get(`/models/${modelId}/predictions/${started.body.prediction_id}/download?format=csv`)
        .buffer(true)
        .parse((res, cb) => {
          let s = '';
          res.on('data', (c: Buffer) => (s += c.toString()));
          res.on('end', () => cb(null, s));
        })
        .expect(status(200))
    ).body as string;
    const [header, ...lines] = csv.trim().split('\n');
    expect(header.split(',').slice(0, 4)).toEqual(['mac', 'label', 'cv_id', 'confidence']);
    expect(lines).toHaveLength(600);
    // each key's label is the one its own feature values give
    const byMac = new Map(devices.map((d) => [d.mac, d]));
    const sample = lines.slice(0, 60).map((l) => l.split(','));
    const again = (
      await t.http
        .post(`/models/${modelId}/predict`)
        .send({
          rows: sample.map(([mac]) => {
            const d = byMac.get(mac)!;
            return { sessions: d.sessions, night_share: d.night_share, roams: d.roams };
          }),
        })
        .expect(status(200))
    ).body;
    sample.forEach(([, label], i) => expect(label).toBe(again.predictions[i].label));
  });

  it('stages versions, uploads an ONNX model that predicts, and deletes it with its artifacts', async () => {
    await t.http
      .patch(`/models/${modelId}/versions/1`)
      .send({ stage: 'production' })
      .expect(status(200));
    await t.http.patch(`/models/${modelId}/versions/1`).send({ stage: 'live' }).expect(status(400));
    const weights = [
      [1, -1],
      [0.5, 2],
    ];
    const bytes = Buffer.from(linearSoftmaxModel({ weights, bias: [0.1, -0.2] }));
    const up = await t.http
      .post('/models')
      .field('name', 'linear onnx')
      .field('features', JSON.stringify(['a', 'b']))
      .field('classes', 'no,yes')
      .attach('file', bytes, 'linear.onnx')
      .expect(status(201));
    const onnx = up.body;
    expect(onnx.versions[0]).toMatchObject({
      format: 'onnx',
      features: [{ name: 'a' }, { name: 'b' }],
    });
    const out = (
      await t.http
        .post(`/models/${onnx.model_id}/predict`)
        .send({ rows: [{ a: 1, b: 2 }] })
        .expect(status(200))
    ).body;
    // softmax(x·W + b) by hand: z = [1 + 1 + 0.1, -1 + 4 - 0.2] = [2.1, 2.8]
    const e = [Math.exp(2.1), Math.exp(2.8)];
    expect(out.predictions[0].probabilities[0]).toBeCloseTo(e[0] / (e[0] + e[1]), 5);
    expect(out.predictions[0].label).toBe('yes');
    await t.http
      .post(`/models/${onnx.model_id}/predict`)
      .send({ rows: [{ a: 1 }] })
      .expect(status(400));

    // bad uploads: garbage, names that do not fit, too large; none is registered
    await t.http
      .post('/models')
      .field('name', 'garbage')
      .attach('file', Buffer.from('\x08\x01garbage'), 'g.onnx')
      .expect(status(400));
    await t.http
      .post('/models')
      .field('name', 'wrong names')
      .field('features', 'a')
      .attach('file', bytes, 'l.onnx')
      .expect(status(400));
    await t.http
      .post('/models')
      .field('name', 'huge')
      .attach('file', Buffer.alloc(2 * 1024 * 1024, 1), 'h.onnx')
      .expect(status(413));
    const names = (await t.http.get('/models').expect(status(200))).body.map(
      (m: { name: string }) => m.name,
    );
    expect(names).not.toContain('garbage');
    expect(names).not.toContain('wrong names');
    expect(names).not.toContain('huge');
    await t.http.post('/models').send({ name: 'linear onnx' }).expect(status(409));
    // the list pages and filters (one query DTO: paging and filters together)
    const page1 = await t.http.get('/models?limit=1&visibility=public').expect(status(200));
    expect(page1.body).toHaveLength(1);
    expect(page1.headers['x-next-cursor']).toBeTruthy();
    const ofConcept = (await t.http.get(`/models?c_id=${cId}`).expect(status(200))).body;
    expect(ofConcept.map((m: { model_id: number }) => m.model_id)).toEqual([modelId]);
    await t.http.get('/models?visibility=secret').expect(status(400));

    const root = (t.config.objectStore as { root: string }).root;
    const file = path.join(root, onnx.versions[0].storage_key);
    expect(existsSync(file)).toBe(true);
    await t.http.delete(`/models/${onnx.model_id}`).expect(status(204));
    expect(existsSync(file)).toBe(false);
    await t.http.get(`/models/${onnx.model_id}`).expect(status(404));
  });

  it('fails with a clear message when the Snorkel output is gone, and waits for a running Snorkel job', async () => {
    const sj = (await t.http.get(`${base()}/snorkel/jobs/${snorkelJobId}`).expect(status(200)))
      .body;
    const root = (t.config.objectStore as { root: string }).root;
    rmSync(path.join(root, sj.storage_key));
    const lost = (
      await t.http
        .post(`${base()}/classifiers/run`)
        .send({
          snorkel_job_id: snorkelJobId,
          feature_ids: featureIds,
          config: { models: ['gaussian_nb'] },
        })
        .expect(status(201))
    ).body;
    const failed = await waitForStatus(t, lost.run_id, ['SUCCESS', 'FAILURE'], 60_000);
    expect(failed.status).toBe('FAILURE');
    expect(failed.error).toContain(`the output of Snorkel job ${snorkelJobId}`);
    expect(failed.error).toContain('execute that job again');
    // executed again: a classifier job created while it runs waits for it and then succeeds
    const again = (
      await t.http.post(`${base()}/snorkel/jobs/${snorkelJobId}/execute`).expect(status(200))
    ).body;
    const waiting = (
      await t.http
        .post(`${base()}/classifiers/run`)
        .send({
          snorkel_job_id: snorkelJobId,
          feature_ids: featureIds,
          config: { models: ['gaussian_nb'] },
        })
        .expect(status(201))
    ).body;
    expect((await waitForStatus(t, again.run_id, ['SUCCESS', 'FAILURE'], 120_000)).status).toBe(
      'SUCCESS',
    );
    expect((await waitForStatus(t, waiting.run_id, ['SUCCESS', 'FAILURE'], 120_000)).status).toBe(
      'SUCCESS',
    );
    // the first job read labels of the Snorkel job's earlier run: stale in the catalog
    const { assets } = (await t.http.get(`${base()}/catalog`).expect(status(200))).body;
    const jobs = assets.filter((a: { asset_type: string }) => a.asset_type === 'classifier_job');
    expect(jobs[0]).toMatchObject({
      status: 'SUCCESS',
      stale: true,
      stale_reasons: [`Snorkel job ${snorkelJobId} ran again after the job read its labels`],
    });
    expect(jobs.at(-1)).toMatchObject({ status: 'SUCCESS', stale: false });
    expect(
      assets.filter((a: { asset_type: string }) => a.asset_type === 'labeling_function'),
    ).toHaveLength(4);
  });
});
