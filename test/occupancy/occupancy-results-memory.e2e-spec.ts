import { createTestApp, TestApp } from '../helpers/test-app';
import { execSql } from '../helpers/test-db';
import { waitFor } from '../helpers/wait';
import { createCampusFixture, FLOOR_A1, ROOT, TippersFixture } from './fixture-campus';
import {
  chunksOf,
  Dataset,
  OCCUPANCY_ENV,
  postDataset,
  rangeBody,
  results,
  waitCompleted,
} from './occupancy-api';

/** The backend of the app's LISTEN connection (PgListener), if connected. */
async function listenerPid(t: TestApp): Promise<number | undefined> {
  const rows = (await execSql(
    t.appDbUrl,
    `SELECT pid FROM pg_stat_activity
      WHERE application_name = 'tippers-listen' AND datname = current_database()`,
  )) as { pid: number }[];
  return rows[0]?.pid;
}

/**
 * Results of complete spaces are answered from memory (states and formatted bodies) until a
 * chunk or dataset row changes: every change, made by any connection, must show in the next
 * answers, also when the change's notification was lost with the LISTEN connection.
 */
describe('occupancy results kept in memory', () => {
  let fx: TippersFixture;
  let t: TestApp;
  let ds: Dataset;
  let floorChunk: string;

  beforeAll(async () => {
    fx = await createCampusFixture();
    t = await createTestApp({ tippersDbUrl: fx.url, env: OCCUPANCY_ENV });
    ds = await postDataset(t, rangeBody(ROOT, 3600));
    await waitCompleted(t, ds.dataset_id);
    floorChunk = (await chunksOf(t, ds.dataset_id)).find((c) => c.space_id === FLOOR_A1)!.chunk_id;
  });
  afterAll(async () => {
    await t?.close();
    await fx?.drop();
  });

  /** Fails the floor's first chunk from a connection of the test's own, as an operator would. */
  const failFloorChunk = (error: string) =>
    execSql(
      t.appDbUrl,
      `UPDATE occupancy_chunks SET status = 'FAILED', error = $2 WHERE chunk_id = $1`,
      [floorChunk, error],
    );
  const completeAgain = async () => {
    const retry = await t.http.post(`/occupancy/datasets/${ds.dataset_id}/retry`);
    expect(retry.body).toEqual({ reset: 1 });
    return waitCompleted(t, ds.dataset_id, FLOOR_A1);
  };

  it('counts the chunks its runs completed in /metrics', async () => {
    const text = (await t.http.get('/metrics').expect(200)).text;
    const line = text
      .split('\n')
      .find((l) =>
        l.startsWith('tippers_occupancy_chunks_completed_total{kind="occupancy_source_chunk"}'),
      );
    expect(Number(line?.split(' ').pop())).toBeGreaterThan(0);
  });

  it('answers a repeated query with the same body, and a change made outside the service at once', async () => {
    const first = await results(t, ds.dataset_id, { space_id: FLOOR_A1 }).expect(200);
    expect(first.body.status).toBe('COMPLETED');
    expect(first.body.rows.length).toBeGreaterThan(0);
    const again = await results(t, ds.dataset_id, { space_id: FLOOR_A1 }).expect(200);
    expect(again.text).toBe(first.text);
    const csv = await results(t, ds.dataset_id, { space_id: FLOOR_A1, format: 'csv' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);

    await failFloorChunk('failed by the test');
    const failed = await waitFor(
      'the FAILED chunk in the results',
      async () => {
        const body = (await results(t, ds.dataset_id, { space_id: FLOOR_A1 }).expect(200)).body;
        return body.status === 'FAILED' ? body : undefined;
      },
      5_000,
      20,
    );
    expect(failed).toMatchObject({ error: 'failed by the test', failed_chunks: 1 });
    // the root's subtree holds the floor: its kept answer is gone too
    expect((await results(t, ds.dataset_id).expect(200)).body.status).toBe('FAILED');

    const done = await completeAgain();
    expect(done.rows).toEqual(first.body.rows);
  }, 120_000);

  it('keeps nothing while the LISTEN connection is down and drops everything when it is back', async () => {
    await waitFor('the LISTEN connection', () => listenerPid(t), 10_000);
    const before = await results(t, ds.dataset_id, { space_id: FLOOR_A1 }).expect(200);
    expect(before.body.status).toBe('COMPLETED');
    // the answer is kept now; the connection that would hear about the change is cut first
    const pid = (await listenerPid(t))!;
    await execSql(t.appDbUrl, 'SELECT pg_terminate_backend($1)', [pid]);
    await failFloorChunk('failed while not listening');
    await waitFor(
      'the change made while not listening',
      async () =>
        (await results(t, ds.dataset_id, { space_id: FLOOR_A1 }).expect(200)).body.status ===
        'FAILED',
      5_000,
      20,
    );
    // back (a new backend), and answers follow changes again
    await waitFor(
      'a new LISTEN connection',
      async () => ((await listenerPid(t)) ?? pid) !== pid,
      10_000,
    );
    const done = await completeAgain();
    expect(done.rows).toEqual(before.body.rows);
    await failFloorChunk('failed after the reconnect');
    await waitFor(
      'the change made after the reconnect',
      async () =>
        (await results(t, ds.dataset_id, { space_id: FLOOR_A1 }).expect(200)).body.status ===
        'FAILED',
      5_000,
      20,
    );
    await completeAgain();
  }, 120_000);

  it('answers 404 once the dataset row is deleted by anyone', async () => {
    await waitCompleted(t, ds.dataset_id);
    expect((await results(t, ds.dataset_id).expect(200)).body.status).toBe('COMPLETED');
    await execSql(t.appDbUrl, 'DELETE FROM occupancy_datasets WHERE dataset_id = $1', [
      ds.dataset_id,
    ]);
    await waitFor(
      'a 404 for the deleted dataset',
      async () => (await results(t, ds.dataset_id)).status === 404,
      5_000,
      20,
    );
  }, 60_000);
});
