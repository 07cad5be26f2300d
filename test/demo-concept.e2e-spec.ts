import type { DemoCampusOptions } from '../libs/demo-campus';
import { DemoConceptSeeder } from '../src/demo-concept/demo-concept.seeder';
import { writeDemoCampus } from '../src/infra/tippers-db/demo-campus.writer';
import { DEMO_READER_ROLE, ensureDemoReader } from '../src/infra/tippers-db/demo-reader.bootstrap';
import { createTestApp, TestApp } from './helpers/test-app';
import { createEmptyDatabase, dropDatabase, execSql } from './helpers/test-db';
import { waitFor } from './helpers/wait';

const small: DemoCampusOptions = {
  seed: 7,
  buildings: 2,
  floors: 2,
  rooms: 20,
  devices: 50,
  days: 7,
  endTime: new Date('2026-03-02T13:00:00Z'),
};

/** The demo concept: set up on the first start with the demo database, and materialized. */
describe('demo concept "device kind"', () => {
  let db: { name: string; url: string };
  let t: TestApp;
  beforeAll(async () => {
    db = await createEmptyDatabase('test_demo');
    await writeDemoCampus(db.url, small);
    const key = 'ef'.repeat(32);
    const reader = await ensureDemoReader(db.url, key, () => undefined);
    t = await createTestApp({
      tippersDbUrl: db.url,
      config: { demoReader: reader, encryptionKey: key },
    });
    await t.app.get(DemoConceptSeeder).done;
  });
  afterAll(async () => {
    await t?.close();
    if (db) await dropDatabase(db.name);
  });

  it('writes the generated kinds to demo_device_truth and makes a read-only role', async () => {
    const kinds = (await execSql(
      db.url,
      'SELECT kind, count(*)::int AS n FROM demo_device_truth GROUP BY kind ORDER BY kind',
    )) as { kind: string; n: number }[];
    expect(kinds.map((k) => k.kind)).toEqual(['fixture', 'laptop', 'phone']);
    expect(kinds.reduce((s, k) => s + k.n, 0)).toBe(small.devices);
    const [role] = (await execSql(
      db.url,
      `SELECT has_table_privilege($1, 'user_ap_trajectory', 'SELECT') AS can_read,
              has_table_privilege($1, 'user_ap_trajectory', 'INSERT') AS can_write`,
      [DEMO_READER_ROLE],
    )) as { can_read: boolean; can_write: boolean }[];
    expect(role).toEqual({ can_read: true, can_write: false });
  });

  it('registers the concept, values, index, rules and features and materializes them all', async () => {
    const concepts = (await t.http.get('/concepts').expect(200)).body;
    const concept = concepts.find((c: { name: string }) => c.name === 'device kind');
    const values = (await t.http.get(`/concepts/${concept.c_id}/values`).expect(200)).body;
    expect(values.map((v: { name: string }) => v.name)).toEqual(['phone', 'laptop', 'fixture']);
    const catalog = await waitFor(
      'every demo asset to be materialized',
      async () => {
        const c = (await t.http.get(`/concepts/${concept.c_id}/catalog`).expect(200)).body;
        const failed = c.assets.find((a: { status: string }) => a.status === 'FAILURE');
        if (failed)
          throw new Error(`${failed.asset_type} ${failed.name}: ${failed.last_run.error}`);
        return (
          c.assets
            .filter((a: { asset_type: string }) =>
              ['index', 'rule', 'feature'].includes(a.asset_type),
            )
            .every((a: { materialized_at: string | null }) => a.materialized_at) && c
        );
      },
      120_000,
    );
    const byType = (type: string) =>
      catalog.assets.filter((a: { asset_type: string }) => a.asset_type === type);
    expect(byType('index')).toHaveLength(1);
    expect(byType('rule').length).toBeGreaterThanOrEqual(5);
    expect(byType('feature').length).toBeGreaterThanOrEqual(2);
    const [{ n: seen }] = (await execSql(
      db.url,
      'SELECT count(DISTINCT mac_address)::int AS n FROM user_ap_trajectory',
    )) as { n: number }[];
    expect(byType('index')[0].row_count).toBe(seen);
    for (const r of byType('rule')) expect(r.row_count).toBe(seen);
    const rule = byType('rule').find((a: { name: string }) => a.name === 'night share');
    const preview = (
      await t.http
        .get(`/concepts/${concept.c_id}/rules/${rule.asset_id}/preview?limit=5`)
        .expect(200)
    ).body;
    expect(preview.source).toBe('materialized');
    for (const row of preview.rows) {
      expect(row.night_share).toBeGreaterThanOrEqual(0);
      expect(row.night_share).toBeLessThanOrEqual(1);
    }
  });

  it('trains a Snorkel job on its LFs of all three types, beating majority vote against gold', async () => {
    const seeder = t.app.get(DemoConceptSeeder);
    expect(seeder.jobId).toBeDefined();
    const concept = (await t.http.get('/concepts').expect(200)).body.find(
      (c: { name: string }) => c.name === 'device kind',
    );
    const path = `/concepts/${concept.c_id}/snorkel/jobs/${seeder.jobId}`;
    const job = await waitFor(
      'the demo Snorkel job to end',
      async () => {
        const j = (await t.http.get(path).expect(200)).body;
        return ['SUCCESS', 'FAILURE', 'CANCELED'].includes(j.status) && j;
      },
      120_000,
    );
    expect(job).toMatchObject({ status: 'SUCCESS', error: null });
    const { results } = (await t.http.get(`${path}/results`).expect(200)).body;
    const types = new Set(results.lf_summary.map((r: { lf_type: string }) => r.lf_type));
    expect(types).toEqual(new Set(['conditions', 'sql', 'code']));
    for (const r of results.lf_summary) expect(r.errors).toBe(0);
    const [{ n: seen }] = (await execSql(
      db.url,
      'SELECT count(DISTINCT mac_address)::int AS n FROM user_ap_trajectory',
    )) as { n: number }[];
    expect(results.gold.rows).toBe(seen);
    expect(results.gold.accuracy).toBeGreaterThanOrEqual(results.gold.majority_vote_accuracy);
    expect(results.gold.accuracy).toBeGreaterThan(0.8);
  });

  it('trains classifiers on the Snorkel labels, registers the best and predicts every device', async () => {
    const seeder = t.app.get(DemoConceptSeeder);
    expect(seeder.classifierJobId).toBeDefined();
    const concept = (await t.http.get('/concepts').expect(200)).body.find(
      (c: { name: string }) => c.name === 'device kind',
    );
    const path = `/concepts/${concept.c_id}/classifiers/jobs/${seeder.classifierJobId}`;
    const job = await waitFor(
      'the demo classifier job to end',
      async () => {
        const j = (await t.http.get(path).expect(200)).body;
        return ['SUCCESS', 'FAILURE', 'CANCELED'].includes(j.status) && j;
      },
      180_000,
    );
    expect(job).toMatchObject({ status: 'SUCCESS', error: null, model_version: 1 });
    const { results } = (await t.http.get(`${path}/results`).expect(200)).body;
    expect(results.gold).toBe(true);
    expect(results.inputs.length).toBeGreaterThanOrEqual(5);
    for (const f of results.families) {
      expect(f.error).toBeUndefined();
      expect(f.gold_accuracy).toBeGreaterThan(0.5);
    }
    const model = (await t.http.get(`/models/${job.model_id}`).expect(200)).body;
    expect(model).toMatchObject({ c_id: concept.c_id, latest_version: 1 });
    expect(model.versions[0].source).toMatchObject({ family: results.best });
    // the whole index predicted with the registered version
    const prediction = await waitFor(
      'the demo prediction to end',
      async () => {
        const p = (
          await t.http
            .get(`/models/${job.model_id}/predictions/${results.prediction_id}`)
            .expect(200)
        ).body;
        return ['SUCCESS', 'FAILURE', 'CANCELED'].includes(p.status) && p;
      },
      120_000,
    );
    expect(prediction).toMatchObject({ status: 'SUCCESS', version: 1 });
    const index = (await t.http.get(`/concepts/${concept.c_id}/indexes`).expect(200)).body[0];
    expect(prediction.results.rows).toBe(index.current_materialization.row_count);
    // the whole pipeline in the catalog
    const { assets } = (await t.http.get(`/concepts/${concept.c_id}/catalog`).expect(200)).body;
    const of = (type: string) =>
      assets.filter((a: { asset_type: string }) => a.asset_type === type);
    expect(of('labeling_function').map((a: { status: string }) => a.status)).toEqual(
      Array(of('labeling_function').length).fill('ACTIVE'),
    );
    expect(of('labeling_function').length).toBeGreaterThanOrEqual(6);
    expect(of('snorkel_job')).toEqual([
      expect.objectContaining({
        status: 'SUCCESS',
        stale: false,
        row_count: index.current_materialization.row_count,
      }),
    ]);
    expect(of('classifier_job')).toEqual([
      expect.objectContaining({
        asset_id: seeder.classifierJobId,
        status: 'SUCCESS',
        stale: false,
      }),
    ]);
  });

  it('leaves the demo alone on a later start (the connection exists)', async () => {
    const again = await createTestApp({
      shareWith: t,
      tippersDbUrl: db.url,
      config: { demoReader: t.config.demoReader },
    });
    try {
      await again.app.get(DemoConceptSeeder).done;
      const concepts = (await again.http.get('/concepts').expect(200)).body;
      expect(concepts.filter((c: { name: string }) => c.name === 'device kind')).toHaveLength(1);
    } finally {
      await again.stop();
    }
  });
});
