import { referenceOccupancy, type ReferenceSession, type ReferenceSpace } from '.';

const T = 1_735_689_600; // 2025-01-01T00:00:00Z, a multiple of 900 and of 86400
const DAY = 86_400;

//   1 campus
//   └─ 2 building (has a hallway AP: own sessions too)
//      ├─ 3 room
//      ├─ 4 room
//      └─ 5 closet (no sessions)
// 10 ⇄ 11 parents of each other (a cycle); 12 is its own parent.
const spaces: ReferenceSpace[] = [
  { spaceId: 1, parentId: null },
  { spaceId: 2, parentId: 1 },
  { spaceId: 3, parentId: 2 },
  { spaceId: 4, parentId: 2 },
  { spaceId: 5, parentId: 2 },
  { spaceId: 10, parentId: 11 },
  { spaceId: 11, parentId: 10 },
  { spaceId: 12, parentId: 12 },
];

const s = (spaceId: number, mac: string, start: number, end: number): ReferenceSession => ({
  spaceId,
  mac,
  startSec: T + start,
  endSec: T + end,
});

// Bins of 900 s from T: b0 [0, 900), b1 [900, 1800), b2 [1800, 2700), b3 [2700, 3600).
const sessions: ReferenceSession[] = [
  s(3, 'a', 100, 200), // b0
  s(3, 'a', 300, 1000), // b0, b1 (a again in b0: still one distinct mac)
  s(3, 'b', 900, 900), // zero length on the b0/b1 edge: nowhere
  s(3, 'c', 1000, 1000), // zero length inside b1: b1
  s(4, 'a', 1800, 3600), // b2, b3; ends on the range end, so not b4
  s(4, 'd', -500, 10), // b-1 (outside the range) and b0
  s(4, 'a', 50, 60), // b0: mac a is in rooms 3 and 4, counted once per room
  s(2, 'e', 2700.5, 2700.5), // zero length inside b3, on the building itself
  s(99, 'z', 0, 3600), // space 99 is not listed: counts nowhere
  s(10, 'x', 0, 900), // b0
  s(11, 'y', 900, 1800), // b1
  s(12, 'w', 1800, 1801), // b2
];

describe('referenceOccupancy', () => {
  const result = referenceOccupancy(spaces, sessions, 900, T, T + 3600);
  const rows = (...pairs: [number, number][]) =>
    pairs.map(([offset, count]) => ({ binStartSec: T + offset, count }));

  it('counts distinct macs of a space with no children', () => {
    // room 3: b0 {a}, b1 {a, c}
    expect(result.get(3)).toEqual(rows([0, 1], [900, 2]));
    // room 4: b0 {d, a}, b2 {a}, b3 {a}
    expect(result.get(4)).toEqual(rows([0, 2], [1800, 1], [2700, 1]));
  });

  it('sums own counts over the subtree, the parent’s own sessions included', () => {
    // building 2 = own(2) + room 3 + room 4 per bin:
    // b0 0+1+2 = 3, b1 0+2+0 = 2, b2 0+0+1 = 1, b3 1+0+1 = 2
    const building = rows([0, 3], [900, 2], [1800, 1], [2700, 2]);
    expect(result.get(2)).toEqual(building);
    expect(result.get(1)).toEqual(building);
  });

  it('lists a space without rows as empty and ignores unlisted spaces', () => {
    expect(result.get(5)).toEqual([]);
    expect(result.has(99)).toBe(false);
    expect([...result.keys()].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 10, 11, 12]);
  });

  it('counts each space of a cycle once', () => {
    expect(result.get(10)).toEqual(rows([0, 1], [900, 1]));
    expect(result.get(11)).toEqual(rows([0, 1], [900, 1]));
    expect(result.get(12)).toEqual(rows([1800, 1]));
  });

  it('widens an unaligned range to whole bins', () => {
    const narrow = referenceOccupancy(spaces, sessions, 900, T + 100, T + 1000);
    expect(narrow.get(3)).toEqual(rows([0, 1], [900, 2]));
    expect(narrow.get(4)).toEqual(rows([0, 2]));
  });

  it('counts a multi-day session in every day it touches', () => {
    const day = [{ spaceId: 1, parentId: null }];
    // noon of day 0 until midnight of day 2: days 0 and 1, not day 2
    const long = [{ spaceId: 1, mac: 'm', startSec: T + DAY / 2, endSec: T + 2 * DAY }];
    expect(referenceOccupancy(day, long, DAY, T, T + 3 * DAY).get(1)).toEqual([
      { binStartSec: T, count: 1 },
      { binStartSec: T + DAY, count: 1 },
    ]);
  });

  it('handles fractional session ends against bin edges', () => {
    const one = [{ spaceId: 1, parentId: null }];
    const frac = [
      { spaceId: 1, mac: 'p', startSec: T + 899.75, endSec: T + 900.25 }, // b0 and b1
      { spaceId: 1, mac: 'q', startSec: T + 1799.5, endSec: T + 1800 }, // b1 only
    ];
    expect(referenceOccupancy(one, frac, 900, T, T + 2700).get(1)).toEqual(rows([0, 1], [900, 2]));
  });
});
