import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { freePort } from '../src/database/embedded-postgres.launcher';
import { AppProcess, startAppProcess } from './helpers/app-process';
import { registerConnection } from './helpers/connections';
import { createRunApp, driverEnv, newPrefix, RunBody, waitForStatus } from './helpers/run-engine';
import type { TestApp } from './helpers/test-app';
import {
  createEmptyDatabase,
  createMigratedDatabase,
  dropDatabase,
  execSql,
} from './helpers/test-db';
import { KNOB_SQL, releaseKnob, SLOW_COUNT } from './helpers/slow-knob';
import { waitFor } from './helpers/wait';

/**
 * A classifier job whose process is killed with -9 while it trains is not left stuck: the
 * next attempt succeeds and registers exactly one model version.
 */
describe('classifier job after a crash', () => {
  let doomed: AppProcess | undefined;
  let restarted: TestApp | undefined;
  const dbs: string[] = [];
  const cleanup: (() => void)[] = [];
  afterAll(async () => {
    await doomed?.stop().catch(() => undefined);
    await restarted?.close();
    for (const d of dbs) await dropDatabase(d);
    for (const c of cleanup) c();
  }, 120_000);

  it('ends the killed job with one registered version', async () => {
    const prefix = newPrefix();
    const db = await createMigratedDatabase();
    const source = await createEmptyDatabase('test_source');
    dbs.push(db.name, source.name);
    // the feature is slow to build while knob.slow: the classifier run waits for it, and is
    // killed waiting
    await execSql(
      source.url,
      `${KNOB_SQL}
       CREATE TABLE things AS SELECT g AS id, g % 2 AS k FROM generate_series(1, 60) AS g;`,
    );
    const port = await freePort();
    const key = 'cf'.repeat(32);
    // the restarted service keeps the killed one's object store (the Snorkel job's output)
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tippers-crash-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    doomed = await startAppProcess({
      DATA_DIR: dataDir,
      ...driverEnv('local', prefix),
      APP_ROLE: 'all',
      DATABASE_URL: db.url,
      TIPPERS_DB_URL: source.url,
      ENCRYPTION_KEY: key,
      PORT: String(port),
    });
    const http = request(`http://127.0.0.1:${port}`);
    const connId = await registerConnection(http, 'source', source.url);
    const cId = (await http.post('/concepts').send({ name: 'crash' }).expect(201)).body.c_id;
    const cv: number[] = [];
    for (const name of ['even', 'odd'])
      cv.push((await http.post(`/concepts/${cId}/values`).send({ name }).expect(201)).body.cv_id);
    const indexId = (
      await http
        .post(`/concepts/${cId}/indexes`)
        .send({
          name: 'things',
          conn_id: connId,
          key_column: 'id',
          sql_query: 'SELECT id FROM things',
        })
        .expect(201)
    ).body.index_id;
    const asset = async (kind: 'rules' | 'features', name: string, sql: string) =>
      (
        await http
          .post(`/concepts/${cId}/${kind}`)
          .send({ name, index_id: indexId, index_column: 'id', sql_query: sql })
          .expect(201)
      ).body;
    const ruleId = (await asset('rules', 'k', 'SELECT id, k FROM things')).r_id;
    const featureId = (
      await asset('features', 'slow', `SELECT id, k::float8 AS x, ${SLOW_COUNT} AS n FROM things`)
    ).feature_id;
    const lfIds: number[] = [];
    for (const [name, label, value] of [
      ['even', cv[0], 0],
      ['even too', cv[0], 0],
      ['odd', cv[1], 1],
    ] as const)
      lfIds.push(
        (
          await http
            .post(`/concepts/${cId}/labeling-functions`)
            .send({
              name,
              rule_id: ruleId,
              applicable_cv_ids: [label],
              lf_type: 'conditions',
              lf_config: { label, conditions: [{ column: 'k', op: '=', value }] },
            })
            .expect(201)
        ).body.lf_id,
      );
    const snorkel = (
      await http
        .post(`/concepts/${cId}/snorkel/run`)
        .send({ index_id: indexId, lf_ids: lfIds })
        .expect(201)
    ).body;
    await waitFor('the Snorkel job to succeed', async () => {
      const run = (await http.get(`/runs/${snorkel.run_id}`)).body;
      if (run.status === 'SUCCESS') return true;
      if (['FAILURE', 'CANCELED'].includes(run.status)) throw new Error(JSON.stringify(run));
      return false;
    });
    const job = (
      await http
        .post(`/concepts/${cId}/classifiers/run`)
        .send({
          snorkel_job_id: snorkel.job_id,
          feature_ids: [featureId],
          config: { min_labels_per_class: 2, models: ['logistic_regression', 'decision_tree'] },
        })
        .expect(201)
    ).body;
    await waitFor('the classifier run to wait for its slow feature', async () => {
      const run = (await http.get(`/runs/${job.run_id}`)).body;
      const feature = (await http.get(`/concepts/${cId}/features/${featureId}`)).body;
      if (
        run.status === 'STARTED' &&
        ['QUEUED', 'STARTED'].includes(feature.last_materialization?.status)
      )
        return true;
      throw new Error(
        `classifier run ${run.status} ${run.error ?? ''}; feature ${feature.last_materialization?.status}`,
      );
    });
    await doomed.kill9();
    await releaseKnob(source.url);

    restarted = await createRunApp(
      'local',
      prefix,
      {},
      {
        appDbUrl: db.url,
        tippersDbUrl: source.url,
        config: {
          encryptionKey: key,
          objectStore: { driver: 'fs', root: path.join(dataDir, 'objects') },
        },
      },
    );
    const ended: RunBody = await waitForStatus(
      restarted,
      job.run_id,
      ['SUCCESS', 'FAILURE', 'CANCELED'],
      120_000,
    );
    expect({ status: ended.status, error: ended.error }).toEqual({
      status: 'SUCCESS',
      error: null,
    });
    expect(ended.attempt).toBeGreaterThanOrEqual(2);
    const done = (
      await restarted.http.get(`/concepts/${cId}/classifiers/jobs/${job.job_id}`).expect(200)
    ).body;
    expect(done).toMatchObject({ status: 'SUCCESS', model_version: 1 });
    const versions = (await restarted.http.get(`/models/${done.model_id}/versions`).expect(200))
      .body;
    expect(versions).toHaveLength(1);
    expect(versions[0].source).toMatchObject({ classifier_job_id: job.job_id, run_id: job.run_id });
  }, 240_000);
});
