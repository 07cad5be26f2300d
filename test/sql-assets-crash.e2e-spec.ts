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

/** A materialization whose process is killed with -9 leaves no stuck run or build. */
describe('materialization after a crash', () => {
  let doomed: AppProcess | undefined;
  let restarted: TestApp | undefined;
  const dbs: string[] = [];
  afterAll(async () => {
    await doomed?.stop().catch(() => undefined);
    await restarted?.close();
    for (const d of dbs) await dropDatabase(d);
  }, 120_000);

  it('ends the killed build and lets the next one succeed', async () => {
    const prefix = newPrefix();
    const db = await createMigratedDatabase();
    const source = await createEmptyDatabase('test_source');
    dbs.push(db.name, source.name);
    // slow while knob.slow: long enough to kill the process mid-query, fast afterwards
    await execSql(source.url, KNOB_SQL);
    const port = await freePort();
    const key = 'cd'.repeat(32);
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
    const indexId = (
      await http
        .post(`/concepts/${cId}/indexes`)
        .send({
          name: 'slow',
          conn_id: connId,
          key_column: 'id',
          sql_query: `SELECT 1 AS id, ${SLOW_COUNT} AS n`,
        })
        .expect(201)
    ).body.index_id;
    const path = `/concepts/${cId}/indexes/${indexId}`;
    const first = (await http.post(`${path}/materialize`).expect(202)).body.run_id as string;
    await waitFor(
      'the build to start',
      async () => (await http.get(`/runs/${first}`)).body.status === 'STARTED',
    );
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
      first,
      ['SUCCESS', 'FAILURE', 'CANCELED'],
      90_000,
    );
    // the run monitor found the dead worker; the retry (knob off) finishes the build
    expect(ended.status).toBe('SUCCESS');
    expect(ended.attempt).toBeGreaterThanOrEqual(2);
    const asset = await waitFor('the build to be recorded', async () => {
      const a = (await restarted!.http.get(path).expect(200)).body;
      return a.current_materialization?.run_id === first && a;
    });
    expect(asset).toMatchObject({ status: 'SUCCESS', row_count: 1 });

    const next = (await restarted.http.post(`${path}/materialize`).expect(202)).body.run_id;
    expect(next).not.toBe(first);
    expect((await waitForStatus(restarted, next, ['SUCCESS', 'FAILURE'], 60_000)).status).toBe(
      'SUCCESS',
    );
  }, 180_000);
});
