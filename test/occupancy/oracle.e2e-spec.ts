import { createTippersDb, SessionRow, SpaceRow, TippersFixture } from './fixture-campus';
import { dataBounds, effectiveBins, oracleRows, subtreeIds, zeroFilled } from './oracle';

/**
 * Trust in the oracle: its SQL against expectations worked out by hand on a tiny campus.
 *
 *   1 Root (own sessions) ── 2 Room (── 4 Nook), 3 Room, 5 Empty;  8 ⇄ 9 (cycle elsewhere)
 */
const SPACES: SpaceRow[] = [
  [1, 'Root', null, null],
  [2, 'Room', 1, null],
  [3, 'Room 3', 1, null],
  [4, 'Nook', 2, null],
  [5, 'Empty', 1, null],
  [8, 'Cycle 8', 9, null],
  [9, 'Cycle 9', 8, null],
];

const SESSIONS: SessionRow[] = [
  ['a', 2, '2025-01-01 00:30:00', '2025-01-01 01:30:00'], // bins 00, 01
  ['a', 2, '2025-01-01 01:00:00', '2025-01-01 01:10:00'], // same mac again in 01: once
  ['b', 2, '2025-01-01 01:00:00', '2025-01-01 01:00:00'], // zero-length on an edge: nowhere
  ['c', 2, '2025-01-01 02:15:00', '2025-01-01 02:15:00'], // zero-length inside 02
  ['a', 3, '2025-01-01 00:00:00', '2025-01-01 01:00:00'], // exactly bin 00
  ['d', 4, '2024-12-31 23:00:00', '2025-01-01 00:00:00'], // exactly bin 23 (day before)
  ['e', 4, '2024-12-31 23:30:00', '2025-01-01 00:00:01'], // bins 23, 00
  ['f', 1, '2025-01-01 03:00:00', '2025-01-01 05:00:00'], // bins 03, 04
  ['a', 1, '2025-01-01 00:59:59', '2025-01-01 01:00:00'], // bin 00, on the root itself
  ['g', 9, '2025-01-01 00:00:00', '2025-01-01 04:00:00'], // outside the root's subtree
];

const row = (hhmm: string, n: number, day = '2025-01-01') => ({
  interval_begin_time: `${day}T${hhmm}:00Z`,
  number_connections: n,
});

describe('occupancy oracle (SQL) on a hand-computed campus', () => {
  let fx: TippersFixture;

  beforeAll(async () => {
    fx = await createTippersDb(SPACES, SESSIONS);
  });
  afterAll(async () => {
    await fx?.drop();
  });

  it('walks the subtree once, and terminates on a parent cycle', async () => {
    expect(await subtreeIds(fx.url, 1)).toEqual([1, 2, 3, 4, 5]);
    expect(await subtreeIds(fx.url, 2)).toEqual([2, 4]);
    expect(await subtreeIds(fx.url, 9)).toEqual([8, 9]);
  });

  it('counts distinct macs per own space and sums them over the subtree (hourly)', async () => {
    const got = await oracleRows(fx.url, 1, '2025-01-01T00:00:00Z', '2025-01-01T04:00:00Z', 3600);
    expect([...got.keys()]).toEqual([1, 2, 3, 4, 5]);
    // root 00: a on the root + (a in 2 + e in 4) + a in 3 = 4: a sum, not distinct over the tree
    expect(got.get(1)).toEqual([
      row('00:00', 4),
      row('01:00', 1),
      row('02:00', 1),
      row('03:00', 1),
    ]);
    expect(got.get(2)).toEqual([row('00:00', 2), row('01:00', 1), row('02:00', 1)]);
    expect(got.get(3)).toEqual([row('00:00', 1)]);
    expect(got.get(4)).toEqual([row('00:00', 1)]);
    expect(got.get(5)).toEqual([]);
  });

  it('counts each device once per bin over the whole subtree for distinct (hourly)', async () => {
    const got = await oracleRows(
      fx.url,
      1,
      '2025-01-01T00:00:00Z',
      '2025-01-01T04:00:00Z',
      3600,
      undefined,
      'distinct',
    );
    // root 00: a (root, room 2, room 3) and e (nook 4) = 2, where sum says 4
    expect(got.get(1)).toEqual([
      row('00:00', 2),
      row('01:00', 1),
      row('02:00', 1),
      row('03:00', 1),
    ]);
    expect(got.get(2)).toEqual([row('00:00', 2), row('01:00', 1), row('02:00', 1)]);
    expect(got.get(4)).toEqual([row('00:00', 1)]);
    expect(got.get(5)).toEqual([]);
  });

  it('uses epoch-aligned bins of the interval (2 h)', async () => {
    const got = await oracleRows(fx.url, 1, '2025-01-01T00:00:00Z', '2025-01-01T04:00:00Z', 7200);
    // b's zero-length session at 01:00 is on an hour edge but inside the 2-hour bin 00:00
    expect(got.get(1)).toEqual([row('00:00', 5), row('02:00', 2)]);
    expect(got.get(2)).toEqual([row('00:00', 3), row('02:00', 1)]);
  });

  it('widens an unaligned range with an offset to whole bins, in UTC, for the listed spaces', async () => {
    // 00:30+02:00 = 22:30Z the day before; end 01:15Z → effective [22:00Z, 02:00Z)
    const got = await oracleRows(
      fx.url,
      1,
      '2025-01-01T00:30:00+02:00',
      '2025-01-01T01:15:00Z',
      3600,
      [1, 4],
    );
    expect([...got.keys()]).toEqual([1, 4]);
    expect(got.get(1)).toEqual([row('23:00', 2, '2024-12-31'), row('00:00', 4), row('01:00', 1)]);
    expect(got.get(4)).toEqual([row('23:00', 2, '2024-12-31'), row('00:00', 1)]);
  });

  it('finds the first start and the last end of the subtree', async () => {
    expect(await dataBounds(fx.url, 1)).toEqual({
      start: '2024-12-31T23:00:00.000Z',
      end: '2025-01-01T05:00:00.000Z',
    });
    expect(await dataBounds(fx.url, 5)).toBeNull();
  });

  it('lists every bin of the effective range and fills the gaps with zeros', () => {
    const bins = effectiveBins('2025-01-01T00:30:00Z', '2025-01-01T02:00:01Z', 3600);
    expect(bins).toEqual(['2025-01-01T00:00:00Z', '2025-01-01T01:00:00Z', '2025-01-01T02:00:00Z']);
    const filled = zeroFilled(
      [row('01:00', 3)],
      '2025-01-01T00:30:00Z',
      '2025-01-01T02:00:01Z',
      3600,
    );
    expect(filled).toEqual([row('00:00', 0), row('01:00', 3), row('02:00', 0)]);
  });
});
