import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OBJECT_STORE, ObjectStore } from '../../src/infra/object-store/object-store.port';
import { ResultsService } from '../../src/occupancy/results.service';
import { SeriesCache } from '../../src/occupancy/series-cache';
import { createTestApp, TestApp } from '../helpers/test-app';
import { execSql } from '../helpers/test-db';
import { waitFor } from '../helpers/wait';
import { createCampusFixture, FLOOR_A1, RANGE, TippersFixture } from './fixture-campus';
import {
  getDataset,
  OCCUPANCY_ENV,
  postDataset,
  rangeBody,
  results,
  waitCompleted,
} from './occupancy-api';
import { effectiveBins, oracleRows, subtreeIds, zeroFilled } from './oracle';

const ROOM = 1001;

/**
 * Results are streamed: a body is formatted while the client reads it (fill=zero included),
 * and a client that goes away ends the work. An object read once is answered from memory
 * afterwards, for every space it holds.
 */
describe('occupancy results as a stream', () => {
  let fx: TippersFixture;
  let t: TestApp;
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    fx = await createCampusFixture();
    t = await createTestApp({ tippersDbUrl: fx.url, env: OCCUPANCY_ENV });
    server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t?.close();
    await fx?.drop();
  });

  // 5 years of 15-minute bins for one room: ~180,000 rows, ~11 MB of JSON with fill=zero
  const LONG = {
    root_space_id: ROOM,
    start_time: '2020-03-10T00:00:00Z',
    end_time: RANGE.end,
    interval_seconds: 900,
    chunk_days: 30,
  };

  it('streams every bin of a long range with fill=zero, in order', async () => {
    const d = await postDataset(t, LONG);
    await waitCompleted(t, d.dataset_id, undefined, 120_000);
    const res = await results(t, d.dataset_id, { fill: 'zero' }).expect(200);
    const bins = effectiveBins(d.start_time, d.end_time, 900);
    expect(res.body.row_count).toBe(bins.length);
    expect(bins.length).toBeGreaterThan(170_000);
    const expected = await oracleRows(fx.url, ROOM, d.start_time, d.end_time, 900, [ROOM]);
    expect(res.body.rows).toEqual(zeroFilled(expected.get(ROOM)!, d.start_time, d.end_time, 900));
  }, 180_000);

  it('ends the work of a client that disconnects mid-stream', async () => {
    const d = await postDataset(t, LONG); // the chunks of the test above: COMPLETED at once
    await waitCompleted(t, d.dataset_id);
    const service = t.app.get(ResultsService);
    expect(service.activeStreams).toBe(0);
    const req = http.get(
      `http://127.0.0.1:${port}/occupancy/datasets/${d.dataset_id}/results?fill=zero`,
    );
    const firstBytes = new Promise<void>((resolve, reject) => {
      req.on('response', (res) => {
        res.once('data', () => {
          res.pause(); // a slow client: reads nothing more
          resolve();
        });
      });
      req.on('error', reject);
    });
    await firstBytes;
    await waitFor('the stream to be under way', async () => service.activeStreams === 1);
    req.destroy(); // the client goes away
    await waitFor('the handler to end its stream', async () => service.activeStreams === 0, 10_000);
  }, 60_000);

  it('answers a space read before from memory, without reading its objects again', async () => {
    const d = await postDataset(t, {
      root_space_id: ROOM,
      start_time: RANGE.start,
      end_time: RANGE.end,
      interval_seconds: 3600,
      chunk_days: 1,
    });
    const first = await waitCompleted(t, d.dataset_id);
    const expected = await oracleRows(fx.url, ROOM, RANGE.start, RANGE.end, 3600, [ROOM]);
    expect(first.rows).toEqual(expected.get(ROOM));
    await t.app.get(SeriesCache).whenIdle(); // the whole objects, read after the first answer
    // take the objects away: only memory can still answer
    const store = t.app.get<ObjectStore>(OBJECT_STORE);
    const keys = (await execSql(
      t.appDbUrl,
      `SELECT DISTINCT storage_key FROM occupancy_chunks
        WHERE space_id = $1 AND interval_seconds = 3600 AND storage_key IS NOT NULL`,
      [ROOM],
    )) as { storage_key: string }[];
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) await store.delete(k.storage_key);
    const again = await results(t, d.dataset_id).expect(200);
    expect(again.body).toMatchObject({ status: 'COMPLETED', rows: expected.get(ROOM) });
  }, 60_000);
  const floorDataset = (interval: number) => postDataset(t, rangeBody(FLOOR_A1, interval));
  const objectKeys = async (datasetSpaces: number[], interval: number) =>
    (
      (await execSql(
        t.appDbUrl,
        `SELECT DISTINCT storage_key FROM occupancy_chunks
          WHERE space_id = ANY($1::int[]) AND interval_seconds = $2 AND storage_key IS NOT NULL`,
        [datasetSpaces, interval],
      )) as { storage_key: string }[]
    ).map((r) => r.storage_key);

  it('reads a window object once for all its spaces: the other spaces come from memory', async () => {
    const d = await floorDataset(7200);
    const spaces = await subtreeIds(fx.url, FLOOR_A1);
    expect(spaces.length).toBeGreaterThan(2);
    const expected = await oracleRows(fx.url, FLOOR_A1, RANGE.start, RANGE.end, 7200);
    expect((await waitCompleted(t, d.dataset_id)).rows).toEqual(expected.get(FLOOR_A1));
    await t.app.get(SeriesCache).whenIdle();
    // the floor's results read its windows' objects, which hold its rooms' rows too
    const store = t.app.get<ObjectStore>(OBJECT_STORE);
    const keys = await objectKeys(spaces, 7200);
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) await store.delete(k);
    for (const space of spaces) {
      const res = await results(t, d.dataset_id, { space_id: space }).expect(200);
      expect({ space, body: res.body }).toMatchObject({
        space,
        body: { status: 'COMPLETED', rows: expected.get(space) },
      });
    }
  }, 60_000);

  it('recomputes an object lost before its first read, then answers the oracle', async () => {
    const d = await floorDataset(14400);
    // wait on the dataset, not on results: nothing may read the objects before one is lost
    await waitFor(
      'dataset COMPLETED',
      async () => (await getDataset(t, d.dataset_id)).status === 'COMPLETED',
      60_000,
    );
    const spaces = await subtreeIds(fx.url, FLOOR_A1);
    const [lost] = await objectKeys(spaces, 14400);
    await t.app.get<ObjectStore>(OBJECT_STORE).delete(lost);
    const room = spaces.find((s) => s !== FLOOR_A1)!;
    const expected = await oracleRows(fx.url, FLOOR_A1, RANGE.start, RANGE.end, 14400);
    const done = await waitCompleted(t, d.dataset_id, room);
    expect(done.rows).toEqual(expected.get(room));
    expect(await objectKeys(spaces, 14400)).not.toContain(lost);
  }, 120_000);
});
