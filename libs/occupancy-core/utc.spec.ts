import {
  utcIsoFormatter,
  dateToEpochSeconds,
  epochSecondsToDate,
  formatCompactUtc,
  formatUtcIso,
  parseIsoToUtcSeconds,
} from '.';

const T = 1_735_689_600; // 2025-01-01T00:00:00Z

describe('formatUtcIso', () => {
  it('writes UTC with Z and without milliseconds', () => {
    expect(formatUtcIso(T)).toBe('2025-01-01T00:00:00Z');
    expect(formatUtcIso(0)).toBe('1970-01-01T00:00:00Z');
    expect(formatUtcIso(T + 13 * 3600 + 5 * 60 + 9)).toBe('2025-01-01T13:05:09Z');
  });
  it('truncates a fractional second', () => {
    expect(formatUtcIso(T + 0.999)).toBe('2025-01-01T00:00:00Z');
  });
  it('rejects instants it cannot write', () => {
    expect(() => formatUtcIso(Number.NaN)).toThrow(RangeError);
    expect(() => formatUtcIso(1e12)).toThrow(RangeError); // year 33658
  });
});

describe('formatCompactUtc', () => {
  it('writes YYYYMMDDTHHMMSS', () => {
    expect(formatCompactUtc(T + 86399)).toBe('20250101T235959');
  });
});

describe('parseIsoToUtcSeconds', () => {
  it.each([
    ['2025-01-01T00:00:00Z', T],
    ['2025-01-01t00:00:00z', T],
    ['2025-01-01T02:00:00+02:00', T],
    ['2024-12-31T17:00:00-0700', T],
    ['2025-01-01T05:30+05:30', T],
    ['2025-01-01T00:00:00+01', T - 3600],
    ['2025-01-01T00:00:00.250Z', T + 0.25],
    ['2025-01-01T00:00:00,5Z', T + 0.5],
    ['2024-02-29T00:00:00Z', 1_709_164_800],
    ['1970-01-01T00:00:00Z', 0],
  ])('reads %s', (text, expected) => {
    expect(parseIsoToUtcSeconds(text)).toBe(expected);
  });

  it('takes a timestamp without offset as UTC', () => {
    expect(parseIsoToUtcSeconds('2025-01-01T00:00:00')).toBe(T);
    expect(parseIsoToUtcSeconds('2025-01-01 00:00:00')).toBe(T);
    expect(parseIsoToUtcSeconds('2025-01-01')).toBe(T);
  });

  it.each([
    '',
    'yesterday',
    '2025-1-1',
    '2025-13-01T00:00:00Z',
    '2025-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2025-01-01T24:00:00Z',
    '2025-01-01T00:60:00Z',
    '2025-01-01T00:00:60Z',
    '2025-01-01T00:00:00+25:00',
    '2025-01-01T00:00:00+01:60',
    '2025-01-01T00:00:00Zjunk',
    '2025-01-01T00Z',
    '1735689600',
  ])('returns null for %p', (text) => {
    expect(parseIsoToUtcSeconds(text)).toBeNull();
  });

  it('round-trips what formatUtcIso writes', () => {
    expect(parseIsoToUtcSeconds(formatUtcIso(T + 12345))).toBe(T + 12345);
  });
});

describe('Date conversions', () => {
  it('converts a Date to epoch seconds and back', () => {
    expect(dateToEpochSeconds(new Date('2025-01-01T00:00:00.500Z'))).toBe(T + 0.5);
    expect(epochSecondsToDate(T).toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
  it('rejects invalid dates', () => {
    expect(() => dateToEpochSeconds(new Date('nope'))).toThrow(RangeError);
    expect(() => epochSecondsToDate(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('utcIsoFormatter', () => {
  it('gives what formatUtcIso gives, across days, years and before the epoch', () => {
    const fmt = utcIsoFormatter();
    const instants = [
      0, 59, 3599, 86_399, 86_400, -1, -86_401, 1_735_689_599.999, 1_709_164_800 /* 2024-02-29 */,
      253_402_300_799 /* 9999-12-31T23:59:59 */,
    ];
    for (let t = 1_704_067_200 - 3 * 86_400; t < 1_704_067_200 + 3 * 86_400; t += 900)
      instants.push(t);
    for (const t of instants) expect([t, fmt(t)]).toEqual([t, formatUtcIso(t)]);
  });
  it('refuses years beyond 9999 like formatUtcIso', () => {
    expect(() => utcIsoFormatter()(253_402_300_800)).toThrow(RangeError);
  });
});
