import { createTestApp, TestApp } from '../helpers/test-app';
import {
  BUILDING_A,
  createCampusFixture,
  EMPTY_ROOM,
  FLOOR_A1,
  OUTSIDE_SPACES,
  RANGE,
  ROOT,
  TippersFixture,
} from './fixture-campus';
import {
  binary,
  Dataset,
  OCCUPANCY_ENV,
  parseCsv,
  postDataset,
  readParquet,
  results,
  UNKNOWN_DATASET,
  waitCompleted,
} from './occupancy-api';
import { dataBounds, isoSeconds, OccupancyRow, oracleRows, subtreeIds, zeroFilled } from './oracle';

interface Case {
  interval: number;
  chunkDays: number;
  start: string;
  end: string;
}

const CASES: Case[] = [
  { interval: 3600, chunkDays: 1, start: RANGE.start, end: RANGE.end },
  { interval: 900, chunkDays: 1, start: RANGE.start, end: RANGE.end },
  { interval: 86400, chunkDays: 30, start: RANGE.start, end: RANGE.end },
  // an offset and bounds off the bin grid: 01:30Z and 20:45Z widen to whole 2-hour bins
  { interval: 7200, chunkDays: 2, start: '2025-03-10T03:30:00+02:00', end: '2025-03-13T20:45:00Z' },
];
const HOURLY = CASES[0];
const OFFSET = CASES[3];
const name = (c: Case) => `interval ${c.interval} s, chunk_days ${c.chunkDays}, ${c.start}`;
const floorTo = (iso: string, s: number) =>
  isoSeconds(Math.floor(Date.parse(iso) / 1000 / s) * s * 1000);
const ceilTo = (iso: string, s: number) =>
  isoSeconds(Math.ceil(Date.parse(iso) / 1000 / s) * s * 1000);
const sameInstant = (a: string, b: string) => expect(Date.parse(a)).toBe(Date.parse(b));

describe('occupancy results (against the SQL oracle)', () => {
  let fx: TippersFixture;
  let t: TestApp;
  let subtree: number[];
  const posted = new Map<Case, Dataset>();

  beforeAll(async () => {
    fx = await createCampusFixture();
    t = await createTestApp({ tippersDbUrl: fx.url, env: OCCUPANCY_ENV });
    subtree = await subtreeIds(fx.url, ROOT);
    // all posted up front so that they compute side by side
    for (const c of CASES) {
      posted.set(
        c,
        await postDataset(t, {
          name: name(c),
          root_space_id: ROOT,
          start_time: c.start,
          end_time: c.end,
          interval_seconds: c.interval,
          chunk_days: c.chunkDays,
        }),
      );
    }
  });
  afterAll(async () => {
    await t?.close();
    await fx?.drop();
  });

  const jsonRows = async (c: Case, spaceId: number, query: Record<string, string> = {}) => {
    const id = posted.get(c)!.dataset_id;
    const res = await results(t, id, { space_id: spaceId, ...query }).expect(200);
    expect(res.body).toMatchObject({ dataset_id: id, space_id: spaceId, status: 'COMPLETED' });
    expect(res.body.row_count).toBe(res.body.rows.length);
    return res.body.rows as OccupancyRow[];
  };

  describe.each(CASES)('$interval s bins, chunk_days $chunkDays, from $start', (c) => {
    it('answers the POST with the dataset in UTC, widened to whole bins', () => {
      const d = posted.get(c)!;
      expect(d).toMatchObject({
        root_space_id: ROOT,
        interval_seconds: c.interval,
        chunk_days: c.chunkDays,
      });
      expect(['PENDING', 'RUNNING', 'COMPLETED']).toContain(d.status);
      for (const f of ['start_time', 'end_time', 'effective_start', 'effective_end'] as const) {
        expect(d[f]).toMatch(/Z$/);
      }
      sameInstant(d.start_time, c.start);
      sameInstant(d.end_time, c.end);
      sameInstant(d.effective_start, floorTo(c.start, c.interval));
      sameInstant(d.effective_end, ceilTo(c.end, c.interval));
      expect(d.total_chunks).toBeGreaterThan(0);
    });

    it('matches the oracle exactly for every space of the subtree', async () => {
      const d = posted.get(c)!;
      const root = await waitCompleted(t, d.dataset_id);
      expect(root.interval_seconds).toBe(c.interval);
      const expected = await oracleRows(fx.url, ROOT, c.start, c.end, c.interval);
      expect(expected.get(ROOT)!.length).toBeGreaterThan(0);
      for (const spaceId of subtree) {
        expect({ spaceId, rows: await jsonRows(c, spaceId) }).toEqual({
          spaceId,
          rows: expected.get(spaceId),
        });
      }
      expect(
        (await t.http.get(`/occupancy/datasets/${d.dataset_id}`).expect(200)).body,
      ).toMatchObject({ status: 'COMPLETED', failed_chunks: 0 });
    }, 180_000);
  });

  describe('downloads and filters', () => {
    beforeAll(async () => {
      await waitCompleted(t, posted.get(HOURLY)!.dataset_id);
      await waitCompleted(t, posted.get(OFFSET)!.dataset_id);
    }, 180_000);

    it.each([ROOT, FLOOR_A1, 1001, EMPTY_ROOM])(
      'CSV of space %i holds exactly the JSON rows',
      async (s) => {
        const json = await jsonRows(HOURLY, s);
        const res = await results(t, posted.get(HOURLY)!.dataset_id, { space_id: s, format: 'csv' })
          .buffer(true)
          .expect(200);
        expect(res.headers['content-type']).toMatch(/text\/csv/);
        const csv = parseCsv(res.text);
        expect(csv.header).toBe('interval_begin_time,number_connections');
        expect(
          csv.rows.map((r) => [Date.parse(r.interval_begin_time), r.number_connections]),
        ).toEqual(json.map((r) => [Date.parse(r.interval_begin_time), r.number_connections]));
      },
    );

    it.each([ROOT, FLOOR_A1, 1101, EMPTY_ROOM])(
      'Parquet of space %i holds exactly the JSON rows',
      async (s) => {
        const json = await jsonRows(HOURLY, s);
        const res = await results(t, posted.get(HOURLY)!.dataset_id, {
          space_id: s,
          format: 'parquet',
        })
          .buffer(true)
          .parse(binary)
          .expect(200);
        const parquet = await readParquet(res.body as Buffer);
        expect(parquet.types.interval_begin_time).toMatch(/^TIMESTAMP/);
        expect(parquet.types.number_connections).toMatch(/INT/);
        expect(parquet.rows).toEqual(
          json.map((r) => ({ ms: Date.parse(r.interval_begin_time), n: r.number_connections })),
        );
      },
    );

    it('fill=zero gives every bin of the effective range', async () => {
      for (const c of [HOURLY, OFFSET]) {
        const expected = await oracleRows(fx.url, ROOT, c.start, c.end, c.interval, [
          ROOT,
          EMPTY_ROOM,
        ]);
        for (const s of [ROOT, EMPTY_ROOM]) {
          const rows = await jsonRows(c, s, { fill: 'zero' });
          expect(rows).toEqual(zeroFilled(expected.get(s)!, c.start, c.end, c.interval));
        }
      }
      // 01:30Z..20:45Z three days later, in 2-hour bins: 00:00Z of day 0 to 22:00Z of day 3
      const offsetRows = await jsonRows(OFFSET, ROOT, { fill: 'zero' });
      expect(offsetRows[0].interval_begin_time).toBe('2025-03-10T00:00:00Z');
      expect(offsetRows.at(-1)!.interval_begin_time).toBe('2025-03-13T20:00:00Z');
      expect(offsetRows).toHaveLength(47);
    });

    it('start and end narrow the rows to bins in [start, end)', async () => {
      const expected = await oracleRows(fx.url, ROOT, HOURLY.start, HOURLY.end, 3600, [ROOT]);
      const window = { start: '2025-03-11T00:00:00Z', end: '2025-03-12T00:00:00Z' };
      const inWindow = expected
        .get(ROOT)!
        .filter(
          (r) => r.interval_begin_time >= '2025-03-11T' && r.interval_begin_time < '2025-03-12T',
        );
      expect(inWindow.length).toBeGreaterThan(0);
      expect(await jsonRows(HOURLY, ROOT, window)).toEqual(inWindow);
      const filled = await jsonRows(HOURLY, ROOT, { ...window, fill: 'zero' });
      expect(filled).toEqual(zeroFilled(inWindow, window.start, window.end, 3600));
    });
  });

  describe('spaces', () => {
    it.each(OUTSIDE_SPACES)('answers 400 for space %i outside the dataset subtree', async (s) => {
      const res = await results(t, posted.get(HOURLY)!.dataset_id, { space_id: s }).expect(400);
      expect(res.body.message).toContain(String(s));
      expect(res.body.message).toMatch(/subtree/);
    });

    it('answers COMPLETED with no rows for a space of the subtree that never had data', async () => {
      const d = posted.get(HOURLY)!;
      await waitCompleted(t, d.dataset_id, undefined, 180_000);
      const res = await results(t, d.dataset_id, { space_id: EMPTY_ROOM }).expect(200);
      expect(res.body).toMatchObject({ status: 'COMPLETED', row_count: 0, rows: [] });
    }, 180_000);

    it('answers 404 for an unknown dataset and 400 for an unknown format', async () => {
      await results(t, UNKNOWN_DATASET).expect(404);
      const res = await results(t, posted.get(HOURLY)!.dataset_id, { format: 'xlsx' }).expect(400);
      expect(res.body.message).toMatch(/format/);
    });
  });

  it('takes missing bounds from the first and last session of the subtree', async () => {
    const bounds = (await dataBounds(fx.url, BUILDING_A))!;
    const d = await postDataset(t, {
      root_space_id: BUILDING_A,
      interval_seconds: 3600,
      chunk_days: 1,
    });
    sameInstant(d.start_time, bounds.start);
    sameInstant(d.end_time, bounds.end);
    // Building A's first session is the day before RANGE, its last ends the day after
    expect(d.start_time < RANGE.start && d.end_time > RANGE.end).toBe(true);
    await waitCompleted(t, d.dataset_id);
    const expected = await oracleRows(fx.url, BUILDING_A, bounds.start, bounds.end, 3600);
    for (const [spaceId, rows] of expected) {
      const res = await results(t, d.dataset_id, { space_id: spaceId }).expect(200);
      expect({ spaceId, rows: res.body.rows }).toEqual({ spaceId, rows });
    }
  }, 180_000);
});
