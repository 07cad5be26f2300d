import request from 'supertest';
import { freePort } from '../src/database/embedded-postgres.launcher';
import { AppProcess, startAppProcess } from './helpers/app-process';
import { createRunApp, driverEnv, newPrefix, RunBody, waitForStatus } from './helpers/run-engine';
import {
  createEmptyDatabase,
  createMigratedDatabase,
  dropDatabase,
  execSql,
} from './helpers/test-db';
import type { TestApp } from './helpers/test-app';
import { KNOB_SQL, releaseKnob, SLOW_COUNT } from './helpers/slow-knob';
import { waitFor } from './helpers/wait';
import { registerConnection } from './helpers/connections';

/** A Snorkel job whose process is killed with -9 is not left stuck; it and a rerun succeed. */
describe('Snorkel job after a crash', () => {
  let doomed: AppProcess | undefined;
  let restarted: TestApp | undefined;
  const dbs: string[] = [];
  afterAll(async () => {
    await doomed?.stop().catch(() => undefined);
    await restarted?.close();
    for (const d of dbs) await dropDatabase(d);
  }, 120_000);

  it('ends the killed job and lets it and the next run succeed', async () => {
    const prefix = newPrefix();
    const db = await createMigratedDatabase();
    const source = await createEmptyDatabase('test_source');
    dbs.push(db.name, source.name);
    // the rule is slow to build while knob.slow: the job waits for it, and is killed waiting
    await execSql(source.url, KNOB_SQL);
    const port = await freePort();
    const key = 'ce'.repeat(32);
    doomed = await startAppProcess({
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
    const cv = [];
    for (const name of ['a', 'b'])
      cv.push((await http.post(`/concepts/${cId}/values`).send({ name }).expect(201)).body.cv_id);
    const indexId = (
      await http
        .post(`/concepts/${cId}/indexes`)
        .send({ name: 'one', conn_id: connId, key_column: 'id', sql_query: 'SELECT 1 AS id' })
        .expect(201)
    ).body.index_id;
    const ruleId = (
      await http
        .post(`/concepts/${cId}/rules`)
        .send({
          name: 'slow',
          index_id: indexId,
          index_column: 'id',
          sql_query: `SELECT 1 AS id, ${SLOW_COUNT} AS n`,
        })
        .expect(201)
    ).body.r_id;
    const lfIds: number[] = [];
    for (const [name, label, op] of [
      ['n ≥ 1', cv[0], '>='],
      ['n ≥ 1 too', cv[0], '>='],
      ['n < 1', cv[1], '<'],
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
              lf_config: { label, conditions: [{ column: 'n', op, value: 1 }] },
            })
            .expect(201)
        ).body.lf_id,
      );
    const job = (
      await http
        .post(`/concepts/${cId}/snorkel/run`)
        .send({ index_id: indexId, lf_ids: lfIds })
        .expect(201)
    ).body;
    await waitFor('the job to wait for its slow rule', async () => {
      const run = (await http.get(`/runs/${job.run_id}`)).body;
      const rule = (await http.get(`/concepts/${cId}/rules/${ruleId}`)).body;
      if (
        run.status === 'STARTED' &&
        ['QUEUED', 'STARTED'].includes(rule.last_materialization?.status)
      )
        return true;
      throw new Error(
        `job run ${run.status} ${run.error ?? ''}; rule ${rule.last_materialization?.status}`,
      );
    });
    await doomed.kill9();
    await releaseKnob(source.url);

    restarted = await createRunApp(
      'local',
      prefix,
      {},
      { appDbUrl: db.url, tippersDbUrl: source.url, config: { encryptionKey: key } },
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
    const results = (
      await restarted.http
        .get(`/concepts/${cId}/snorkel/jobs/${job.job_id}/results?include_predictions=true`)
        .expect(200)
    ).body;
    expect(results.predictions).toHaveLength(1);
    expect(results.predictions[0]).toMatchObject({ id: 1, label: cv[0] });

    const again = (
      await restarted.http.post(`/concepts/${cId}/snorkel/jobs/${job.job_id}/execute`).expect(200)
    ).body;
    expect(again.run_id).not.toBe(job.run_id);
    expect(
      (await waitForStatus(restarted, again.run_id, ['SUCCESS', 'FAILURE'], 60_000)).status,
    ).toBe('SUCCESS');
  }, 240_000);
});
