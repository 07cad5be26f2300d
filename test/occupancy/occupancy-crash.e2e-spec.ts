import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { freePort } from '../../src/database/embedded-postgres.launcher';
import { AppProcess, startAppProcess } from '../helpers/app-process';
import { createTestApp, TestApp } from '../helpers/test-app';
import { createMigratedDatabase, dropDatabase } from '../helpers/test-db';
import { waitFor } from '../helpers/wait';
import { createCampusFixture, RANGE, ROOT, TippersFixture } from './fixture-campus';
import { OCCUPANCY_ENV, results, waitCompleted } from './occupancy-api';
import { oracleRows, subtreeIds } from './oracle';

describe('occupancy after a crash', () => {
  let fx: TippersFixture;
  let proc: AppProcess | undefined;
  let t: TestApp | undefined;
  let db: { name: string; url: string };
  let dataDir = '';
  beforeAll(async () => {
    fx = await createCampusFixture();
    db = await createMigratedDatabase();
  });
  afterAll(async () => {
    await proc?.stop().catch(() => undefined);
    await t?.close();
    await dropDatabase(db.name);
    await fx.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('completes a dataset whose (embedded) service was killed with -9 mid-way, with exact results', async () => {
    const port = await freePort();
    // a restart keeps DATA_DIR (the fs object store lives there)
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tippers-crash-'));
    proc = await startAppProcess({
      ...OCCUPANCY_ENV,
      APP_ROLE: 'all',
      DATABASE_URL: db.url,
      TIPPERS_DB_URL: fx.url,
      ENCRYPTION_KEY: 'cd'.repeat(32),
      PORT: String(port),
      DATA_DIR: dataDir,
      // one chunk per run, one run at a time: the kill lands while work is left
      OCCUPANCY_BATCH_SPACES: '1',
      MAX_CONCURRENT_RUNS: '1',
    });
    const http = request(`http://127.0.0.1:${port}`);
    const body = {
      name: 'crash',
      root_space_id: ROOT,
      start_time: RANGE.start,
      end_time: RANGE.end,
      interval_seconds: 900,
      chunk_days: 1,
    };
    const created = await http.post('/occupancy/datasets').send(body).expect(201);
    const id = created.body.dataset_id as number;
    await waitFor('some chunks to complete', async () => {
      const d = (await http.get(`/occupancy/datasets/${id}`).expect(200)).body;
      return d.completed_chunks > 0 && d;
    });
    await proc.kill9();
    proc = undefined;

    t = await createTestApp({
      appDbUrl: db.url,
      tippersDbUrl: fx.url,
      env: { ...OCCUPANCY_ENV, DATA_DIR: dataDir },
    });
    const before = (await t.http.get(`/occupancy/datasets/${id}`).expect(200)).body;
    expect(before.completed_chunks).toBeLessThan(before.total_chunks);

    await waitCompleted(t, id, undefined, 120_000);
    const expected = await oracleRows(fx.url, ROOT, RANGE.start, RANGE.end, 900);
    for (const spaceId of await subtreeIds(fx.url, ROOT)) {
      const res = await results(t, id, { space_id: spaceId }).expect(200);
      expect({ spaceId, rows: res.body.rows }).toEqual({ spaceId, rows: expected.get(spaceId) });
    }
  }, 240_000);
});
