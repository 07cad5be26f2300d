import { randomBytes } from 'node:crypto';
import { createTestApp, TestApp } from '../helpers/test-app';
import { execSql, serverUrl } from '../helpers/test-db';
import { waitFor } from '../helpers/wait';
import { createCampusFixture, RANGE, ROOT, TippersFixture } from './fixture-campus';
import {
  Dataset,
  OCCUPANCY_ENV,
  postDataset,
  results,
  settledDataset,
  waitCompleted,
} from './occupancy-api';
import { oracleRows, subtreeIds } from './oracle';

/**
 * A real failure: the app reads the TIPPERS database as a role that may read every column of
 * user_ap_trajectory except mac_address. Planning (which needs spaces and times) works; computing
 * a source chunk (which counts macs) fails. Granting the column and retrying completes it.
 */
describe('occupancy failures and retry', () => {
  const role = `occ_reader_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  let fx: TippersFixture;
  let t: TestApp;

  beforeAll(async () => {
    fx = await createCampusFixture();
    await execSql(
      fx.url,
      `CREATE ROLE ${role} LOGIN PASSWORD '${password}';
       GRANT SELECT ON space TO ${role};
       GRANT SELECT (sensor_id, space_id, start_time, end_time) ON user_ap_trajectory TO ${role};`,
    );
    const restricted = new URL(fx.url);
    restricted.username = role;
    restricted.password = password;
    t = await createTestApp({ tippersDbUrl: restricted.toString(), env: OCCUPANCY_ENV });
  });
  afterAll(async () => {
    await t?.close();
    await fx?.drop();
    await execSql(serverUrl(), `DROP ROLE IF EXISTS ${role}`);
  });

  it('reports FAILED chunks, and a retry resets them and completes the dataset', async () => {
    const d = await postDataset(t, {
      root_space_id: ROOT,
      start_time: RANGE.start,
      end_time: '2025-03-11T00:00:00Z',
      interval_seconds: 3600,
      chunk_days: 1,
    });

    const failed = await waitFor(
      'the results to report FAILED',
      async () => {
        const res = await results(t, d.dataset_id).expect(200);
        return res.body.status === 'FAILED' && res.body;
      },
      90_000,
      200,
    );
    expect(failed).toMatchObject({ dataset_id: d.dataset_id, status: 'FAILED' });
    expect(typeof failed.error).toBe('string');
    expect(failed.error).not.toContain(password);
    expect(failed.failed_chunks).toBeGreaterThan(0);
    expect(failed.rows).toBeUndefined();

    const ds = await waitFor(
      'the dataset to be FAILED',
      async () => {
        const res = await t.http.get(`/occupancy/datasets/${d.dataset_id}`).expect(200);
        return res.body.status === 'FAILED' && (res.body as Dataset);
      },
      30_000,
    );
    expect(ds.failed_chunks).toBeGreaterThan(0);
    expect(ds.error).toEqual(expect.any(String));

    await execSql(fx.url, `GRANT SELECT ON user_ap_trajectory TO ${role}`);
    const retry = await t.http.post(`/occupancy/datasets/${d.dataset_id}/retry`);
    expect([200, 201]).toContain(retry.status);
    expect(retry.body).toEqual({ reset: ds.failed_chunks });

    await waitCompleted(t, d.dataset_id);
    const expected = await oracleRows(fx.url, ROOT, d.start_time, d.end_time, 3600);
    for (const spaceId of await subtreeIds(fx.url, ROOT)) {
      const res = await results(t, d.dataset_id, { space_id: spaceId }).expect(200);
      expect({ spaceId, rows: res.body.rows }).toEqual({ spaceId, rows: expected.get(spaceId) });
    }
    expect(await settledDataset(t, d.dataset_id)).toMatchObject({
      status: 'COMPLETED',
      failed_chunks: 0,
    });
  }, 240_000);
});
