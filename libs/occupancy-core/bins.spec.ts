import {
  ALLOWED_INTERVALS,
  binsOverlapping,
  ceilDiv,
  effectiveRange,
  zeroFilledBins,
  floorDiv,
  isAllowedInterval,
} from '.';

/** 2025-01-01T00:00:00Z = 20089 days = 482136 hours = 1928544 quarter hours since the epoch. */
const T = 1_735_689_600;
const K = 1_928_544; // T / 900

const bits = new Float64Array(1);
const word = new BigInt64Array(bits.buffer);
/** The neighbouring double below / above x (x > 0). */
function nextDown(x: number): number {
  bits[0] = x;
  word[0] -= 1n;
  return bits[0];
}
function nextUp(x: number): number {
  bits[0] = x;
  word[0] += 1n;
  return bits[0];
}

describe('ALLOWED_INTERVALS', () => {
  it('lists the seven interval lengths of the contract', () => {
    expect(ALLOWED_INTERVALS).toEqual([900, 1800, 3600, 7200, 14400, 28800, 86400]);
    expect(isAllowedInterval(3600)).toBe(true);
    expect(isAllowedInterval(600)).toBe(false);
  });
});

describe('floorDiv / ceilDiv', () => {
  it('divides whole and fractional seconds', () => {
    expect(floorDiv(1800, 900)).toBe(2);
    expect(ceilDiv(1800, 900)).toBe(2);
    expect(floorDiv(1799.5, 900)).toBe(1);
    expect(ceilDiv(1800.001, 900)).toBe(3);
    expect(floorDiv(0, 900)).toBe(0);
    expect(ceilDiv(0, 900)).toBe(0);
    expect(ceilDiv(0.5, 900)).toBe(1);
  });
  it('is exact for the doubles next to a day edge of 2025', () => {
    expect(floorDiv(T, 86400)).toBe(20089);
    expect(floorDiv(nextDown(T), 86400)).toBe(20088);
    expect(ceilDiv(nextDown(T), 86400)).toBe(20089);
    expect(floorDiv(nextUp(T), 86400)).toBe(20089);
    expect(ceilDiv(nextUp(T), 86400)).toBe(20090);
  });
  it('is exact near the largest safe integer', () => {
    expect(floorDiv(9e15 + 899, 900)).toBe(1e13);
    expect(ceilDiv(9e15 + 1, 900)).toBe(1e13 + 1);
    expect(ceilDiv(9e15, 900)).toBe(1e13);
  });
  it('rejects a divisor that is not a positive integer, and non-finite instants', () => {
    expect(() => floorDiv(10, 0)).toThrow(RangeError);
    expect(() => floorDiv(10, 2.5)).toThrow(RangeError);
    expect(() => ceilDiv(Number.NaN, 900)).toThrow(RangeError);
  });
});

describe('effectiveRange', () => {
  it('widens the range to whole bins', () => {
    expect(effectiveRange(T + 400, T + 3000, 3600)).toEqual({ startSec: T, endSec: T + 3600 });
    expect(effectiveRange(T + 400, T + 3601, 3600)).toEqual({ startSec: T, endSec: T + 7200 });
  });
  it('keeps an aligned range as it is', () => {
    expect(effectiveRange(T, T + 86400, 900)).toEqual({ startSec: T, endSec: T + 86400 });
  });
  it('handles fractional seconds', () => {
    expect(effectiveRange(899.5, 900.25, 900)).toEqual({ startSec: 0, endSec: 1800 });
  });
});

describe('binsOverlapping', () => {
  const at = (start: number, end: number, interval = 900) => binsOverlapping(start, end, interval);

  it('puts a session inside one bin in that bin only', () => {
    expect(at(T + 100, T + 200)).toEqual({ first: K, lastExclusive: K + 1 });
  });
  it('counts a zero-length session strictly inside a bin in that bin', () => {
    expect(at(T + 450, T + 450)).toEqual({ first: K, lastExclusive: K + 1 });
    expect(at(T + 0.5, T + 0.5)).toEqual({ first: K, lastExclusive: K + 1 });
  });
  it('counts a zero-length session exactly on a bin edge nowhere', () => {
    const r = at(T + 900, T + 900);
    expect(r.lastExclusive).toBe(r.first);
  });
  it('does not count a session ending on an edge in the next bin', () => {
    expect(at(T + 100, T + 900)).toEqual({ first: K, lastExclusive: K + 1 });
    expect(at(T - 0.25, T)).toEqual({ first: K - 1, lastExclusive: K });
  });
  it('counts a session starting on an edge in the bin it starts', () => {
    expect(at(T + 900, T + 1000)).toEqual({ first: K + 1, lastExclusive: K + 2 });
    expect(at(T, T + 1800)).toEqual({ first: K, lastExclusive: K + 2 });
  });
  it('counts a session one double past an edge in the next bin', () => {
    expect(at(T - 100, nextUp(T))).toEqual({ first: K - 1, lastExclusive: K + 1 });
    expect(at(T + 899.999, T + 900.001)).toEqual({ first: K, lastExclusive: K + 2 });
  });
  it('counts a zero-length session one double before an edge in the earlier bin', () => {
    expect(at(nextDown(T), nextDown(T))).toEqual({ first: K - 1, lastExclusive: K });
  });
  it('spans every day of a multi-day session', () => {
    // 2025-01-01T12:00Z to 2025-01-03T00:00Z: days 20089 and 20090, not 20091.
    expect(at(T + 43200, T + 2 * 86400, 86400)).toEqual({ first: 20089, lastExclusive: 20091 });
    // 00:30 on Jan 1 to one second past midnight of Jan 3: 48 hours minus half an hour, plus one.
    expect(at(T + 1800, T + 172801, 3600)).toEqual({ first: 482136, lastExclusive: 482185 });
  });
  it('gives an empty range for an inverted session across an edge', () => {
    const r = at(T + 1000, T + 100);
    expect(r.lastExclusive).toBe(r.first);
  });
  it('follows the overlap rule literally for an inverted session inside one bin', () => {
    expect(at(T + 200, T + 100)).toEqual({ first: K, lastExclusive: K + 1 });
  });
  it('agrees with the overlap rule on random sessions, including edges and fractions', () => {
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = (): number => {
      const base = T + Math.floor(rand() * 40) * 450; // many instants land exactly on edges
      return rand() < 0.5 ? base : base + Math.floor(rand() * 1000) / 8;
    };
    const mismatches: unknown[] = [];
    for (let i = 0; i < 2000; i++) {
      const interval = ALLOWED_INTERVALS[Math.floor(rand() * 4)];
      const start = pick();
      const end = Math.max(start, pick());
      const { first, lastExclusive } = at(start, end, interval);
      for (let k = first - 3; k < lastExclusive + 3; k++) {
        const overlaps = start < (k + 1) * interval && end > k * interval;
        if (overlaps !== (k >= first && k < lastExclusive)) {
          mismatches.push({ start, end, interval, k });
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('zeroFilledBins', () => {
  const fill = (...args: Parameters<typeof zeroFilledBins>) => [...zeroFilledBins(...args)];
  it('gives every bin in order, zero where missing, dropping rows outside', () => {
    const rows = [
      { binStartSec: T - 900, count: 4 },
      { binStartSec: T, count: 1 },
      { binStartSec: T + 1800, count: 3 },
      { binStartSec: T + 3600, count: 9 },
    ];
    expect(fill(rows, T, T + 3600, 900)).toEqual([
      { binStartSec: T, count: 1 },
      { binStartSec: T + 900, count: 0 },
      { binStartSec: T + 1800, count: 3 },
      { binStartSec: T + 2700, count: 0 },
    ]);
  });
  it('widens an unaligned range to its effective range', () => {
    expect(fill([{ binStartSec: T, count: 2 }], T + 100, T + 1000, 900)).toEqual([
      { binStartSec: T, count: 2 },
      { binStartSec: T + 900, count: 0 },
    ]);
  });
  it('gives nothing for an empty range', () => {
    expect(fill([{ binStartSec: T, count: 2 }], T, T, 900)).toEqual([]);
  });
  it('sums two rows for the same bin', () => {
    const rows = [
      { binStartSec: T, count: 2 },
      { binStartSec: T, count: 5 },
    ];
    expect(fill(rows, T, T + 900, 900)).toEqual([{ binStartSec: T, count: 7 }]);
  });
  it('rejects a row that is not on a bin start, and rows out of order', () => {
    expect(() => fill([{ binStartSec: T + 1, count: 1 }], T, T + 900, 900)).toThrow(
      /not a multiple/,
    );
    const backwards = [
      { binStartSec: T + 900, count: 1 },
      { binStartSec: T, count: 1 },
    ];
    expect(() => fill(backwards, T, T + 1800, 900)).toThrow(/ascending/);
  });
  it('produces a million bins lazily: taking the first few reads no further', () => {
    let read = 0;
    const rows = (function* () {
      for (let k = 0; ; k += 1000) {
        read++;
        yield { binStartSec: T + k * 900, count: 1 };
      }
    })();
    const it = zeroFilledBins(rows, T, T + 1_000_000 * 900, 900);
    for (let i = 0; i < 5; i++) it.next();
    expect(read).toBeLessThanOrEqual(2);
  });
});
