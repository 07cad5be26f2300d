import {
  chunkTimeoutSeconds,
  chunkWindows,
  countChunkWindows,
  isLegacyChunkKey,
  windowObjectKey,
} from '.';

const T = 1_735_689_600; // 2025-01-01T00:00:00Z
const DAY = 86_400;

describe('chunkWindows', () => {
  it('splits three days into three one-day windows', () => {
    expect(chunkWindows(T, T + 3 * DAY, 1)).toEqual([
      { startSec: T, endSec: T + DAY },
      { startSec: T + DAY, endSec: T + 2 * DAY },
      { startSec: T + 2 * DAY, endSec: T + 3 * DAY },
    ]);
  });
  it('aligns windows to the epoch, not to the range', () => {
    // 7-day windows start on Thursdays (1970-01-01 was one): 2024-12-26 to 2025-01-02.
    expect(chunkWindows(T, T + DAY, 7)).toEqual([
      { startSec: 1_735_171_200, endSec: 1_735_776_000 },
    ]);
  });
  it('does not add a window for a range ending on a window edge', () => {
    expect(chunkWindows(T, T + DAY, 1)).toHaveLength(1);
    expect(chunkWindows(T, T + DAY + 900, 1)).toHaveLength(2);
    expect(chunkWindows(T + 900, T + 1800, 1)).toEqual([{ startSec: T, endSec: T + DAY }]);
  });
  it('is empty when the range is empty or inverted', () => {
    expect(chunkWindows(T, T, 1)).toEqual([]);
    expect(chunkWindows(T + DAY, T, 1)).toEqual([]);
    expect(countChunkWindows(T + 5 * DAY, T, 3)).toBe(0);
  });
  it('rejects chunk_days that is not a positive integer', () => {
    expect(() => chunkWindows(T, T + DAY, 0)).toThrow(RangeError);
    expect(() => chunkWindows(T, T + DAY, 1.5)).toThrow(RangeError);
  });
  it('tiles random ranges without gaps or overlaps', () => {
    let seed = 20250101;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 500; i++) {
      const chunkDays = 1 + Math.floor(rand() * 40);
      const size = chunkDays * DAY;
      const start = Math.floor(rand() * 2e9) + (rand() < 0.2 ? 0.5 : 0);
      const end = start + (rand() < 0.1 ? 0 : Math.floor(rand() * 400 * DAY) + 1);
      const windows = chunkWindows(start, end, chunkDays);
      expect(windows).toHaveLength(countChunkWindows(start, end, chunkDays));
      if (end <= start) {
        expect(windows).toEqual([]);
        continue;
      }
      const [firstW, lastW] = [windows[0], windows[windows.length - 1]];
      expect(firstW.startSec <= start && start < firstW.endSec).toBe(true);
      expect(lastW.startSec < end && end <= lastW.endSec).toBe(true);
      for (const [j, w] of windows.entries()) {
        expect(w.endSec - w.startSec).toBe(size);
        expect(w.startSec % size).toBe(0);
        if (j > 0) expect(w.startSec).toBe(windows[j - 1].endSec);
      }
    }
  });
});

describe('windowObjectKey', () => {
  it('names the interval, the aggregation, the window in UTC and the object', () => {
    expect(windowObjectKey(3600, 'sum', T, T + 30 * DAY, 'a1b2-c3')).toBe(
      'occupancy/windows/3600/sum/20250101T000000_20250131T000000/a1b2-c3.parquet',
    );
    expect(windowObjectKey(900, 'distinct', T + 13 * 3600 + 5 * 60 + 9, T + DAY, 'x')).toBe(
      'occupancy/windows/900/distinct/20250101T130509_20250102T000000/x.parquet',
    );
  });
  it('refuses fractional or negative instants, other aggregations and odd object ids', () => {
    expect(() => windowObjectKey(900, 'sum', T + 0.5, T + DAY, 'x')).toThrow(RangeError);
    expect(() => windowObjectKey(-900, 'sum', T, T + DAY, 'x')).toThrow(RangeError);
    expect(() => windowObjectKey(900, 'max' as never, T, T + DAY, 'x')).toThrow(RangeError);
    expect(() => windowObjectKey(900, 'sum', T, T + DAY, '../x')).toThrow(RangeError);
    expect(() => windowObjectKey(900, 'sum', T, T + DAY, '')).toThrow(RangeError);
  });
  it('tells the keys of the first (per-chunk) layout from window objects', () => {
    expect(
      isLegacyChunkKey('occupancy/spaces/42/3600/20241231T000000_20250101T000000.parquet'),
    ).toBe(true);
    expect(isLegacyChunkKey(windowObjectKey(3600, 'sum', T, T + DAY, 'x'))).toBe(false);
  });
});

describe('chunkTimeoutSeconds', () => {
  it('scales the mean run time by the multiplier', () => {
    expect(chunkTimeoutSeconds({ minSeconds: 60, multiplier: 3, meanRunSeconds: 100 })).toBe(300);
  });
  it('never goes below the minimum', () => {
    expect(chunkTimeoutSeconds({ minSeconds: 60, multiplier: 3, meanRunSeconds: 10 })).toBe(60);
  });
  it('uses the minimum when there is no history', () => {
    for (const meanRunSeconds of [null, undefined, Number.NaN]) {
      expect(chunkTimeoutSeconds({ minSeconds: 60, multiplier: 3, meanRunSeconds })).toBe(60);
    }
    expect(chunkTimeoutSeconds({ minSeconds: 60, multiplier: 3 })).toBe(60);
  });
  it('rounds up to whole seconds', () => {
    expect(chunkTimeoutSeconds({ minSeconds: 60, multiplier: 3, meanRunSeconds: 33.4 })).toBe(101);
    expect(chunkTimeoutSeconds({ minSeconds: 59.5, multiplier: 3 })).toBe(60);
  });
  it('does not add a second for floating-point noise', () => {
    expect(chunkTimeoutSeconds({ minSeconds: 1, multiplier: 1.1, meanRunSeconds: 100 })).toBe(110);
  });
});
