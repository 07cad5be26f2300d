import { MAX_DATASET_BINS, MAX_PLANNED_CHUNKS, validateDatasetRequest } from '.';

const T = 1_735_689_600; // 2025-01-01T00:00:00Z
const Y2024 = 1_704_067_200; // 2024-01-01T00:00:00Z; 2024 has 366 days
const DAY = 86_400;
const ok = { startSec: T, endSec: T + 7 * DAY, intervalSec: 3600, chunkDays: 7, spaceCount: 10 };

describe('validateDatasetRequest', () => {
  it('accepts a sensible request', () => {
    expect(validateDatasetRequest(ok)).toEqual([]);
  });

  it('requires end_time after start_time', () => {
    for (const endSec of [T, T - 1]) {
      const problems = validateDatasetRequest({ ...ok, endSec });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^end_time must be after start_time/);
      expect(problems[0]).toContain('2025-01-01T00:00:00Z');
    }
  });

  it('asks for timestamps when an instant is not a number', () => {
    expect(validateDatasetRequest({ ...ok, startSec: Number.NaN })).toEqual([
      'start_time and end_time must be ISO-8601 timestamps (e.g. 2025-01-01T00:00:00Z)',
    ]);
  });

  it('lists the allowed intervals', () => {
    expect(validateDatasetRequest({ ...ok, intervalSec: 600 })).toEqual([
      'interval_seconds must be one of 900, 1800, 3600, 7200, 14400, 28800, 86400 (got 600)',
    ]);
  });

  it.each([0, -1, 1.5, 3651, Number.NaN])('rejects chunk_days %p', (chunkDays) => {
    const problems = validateDatasetRequest({ ...ok, chunkDays });
    expect(problems).toEqual([
      `chunk_days must be a positive integer no greater than 3650 (got ${chunkDays})`,
    ]);
  });

  it('accepts chunk_days up to 3650', () => {
    expect(validateDatasetRequest({ ...ok, chunkDays: 3650 })).toEqual([]);
  });

  it('says which chunk_days work when a chunk is not a whole number of bins', () => {
    // gcd(50000, 86400) = 400, so chunk_days must be a multiple of 50000 / 400 = 125.
    const problems = validateDatasetRequest({ ...ok, intervalSec: 50000 });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('interval_seconds must be one of');
    expect(problems[1]).toBe(
      'chunk_days × 86400 must be a multiple of interval_seconds ' +
        '(7 × 86400 = 604800 is not a multiple of 50000); ' +
        'with interval_seconds=50000, chunk_days must be a multiple of 125',
    );
  });

  it('reports every problem at once', () => {
    const problems = validateDatasetRequest({ ...ok, endSec: T, intervalSec: 1, chunkDays: 0 });
    expect(problems).toHaveLength(3);
  });

  it('accepts exactly the limit of planned chunks', () => {
    // 50 one-day windows × 1000 spaces = 50,000.
    const req = { ...ok, endSec: T + 50 * DAY, chunkDays: 1, spaceCount: 1000 };
    expect(MAX_PLANNED_CHUNKS).toBe(50_000);
    expect(validateDatasetRequest(req)).toEqual([]);
    expect(validateDatasetRequest({ ...req, spaceCount: 1001 })).toHaveLength(1);
  });

  it('names the knobs and the numbers when too many chunks are planned', () => {
    // 2024: 366 one-day windows × 700 spaces = 256,200. Eight-day windows (epoch-aligned:
    // 2024-01-01 is day 19723 = 8 × 2465 + 3) give 47 windows × 700 = 32,900, which fits;
    // seven-day ones give 53 × 700 = 37,100 too, six-day ones 62 × 700 = 43,400, five-day ones
    // 74 × 700 = 51,800 do not. 50,000 / 700 = 71 windows; 50,000 / 366 = 136 spaces.
    const req = { ...ok, startSec: Y2024, endSec: T, chunkDays: 1, spaceCount: 700 };
    expect(validateDatasetRequest(req)).toEqual([
      'the request plans 256200 chunks (700 spaces × 366 windows of 1 day), more than the ' +
        'limit of 50000; to fit: raise chunk_days to 6 or more, or shorten the time range to ' +
        'at most 71 windows of 1 day (windows are aligned to multiples of 86400 s since the ' +
        'epoch), or pick a smaller root space (at most 136 spaces for 366 windows)',
    ]);
  });

  it('leaves out raising chunk_days when no chunk_days would fit', () => {
    // 7300 days from the epoch: even 3650-day windows give 2 per space, 60,000 in all.
    const req = {
      ...ok,
      startSec: 0,
      endSec: 7300 * DAY,
      intervalSec: 86400,
      chunkDays: 1,
      spaceCount: 30_000,
    };
    const [problem] = validateDatasetRequest(req);
    expect(problem).not.toContain('raise chunk_days');
    expect(problem).toContain('at most 1 windows');
    expect(problem).toContain('at most 6 spaces for 7300 windows');
  });

  it('asks for a smaller root space when one window per space is already too many', () => {
    const req = { ...ok, endSec: T + DAY, chunkDays: 1, spaceCount: 50_001 };
    const [problem] = validateDatasetRequest(req);
    expect(problem).toContain('50001 chunks');
    expect(problem).toContain('pick a smaller root space');
  });

  it('refuses a range of more bins than the limit, naming a range and an interval that fit', () => {
    // year 1 to 2026 hourly: the probe's 17.7 M rows
    const problems = validateDatasetRequest({
      ...ok,
      startSec: -62_135_596_800, // 0001-01-01T00:00:00Z
      endSec: T,
      chunkDays: 3650,
      spaceCount: 1,
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      // 739,251 days from 0001-01-01 to 2025-01-01, × 24
      /^the time range holds 17742024 bins of 3600 s, more than the limit of 500000/,
    );
    expect(problems[0]).toContain('shorten it to at most 20833 days at interval_seconds=3600');
    expect(problems[0]).not.toContain('or use interval_seconds=');
  });

  it('accepts exactly the limit of bins, and suggests a larger interval one bin beyond it', () => {
    const at = (bins: number) => ({
      ...ok,
      endSec: T + bins * 900,
      intervalSec: 900,
      chunkDays: 3650,
      spaceCount: 1,
    });
    expect(validateDatasetRequest(at(MAX_DATASET_BINS))).toEqual([]);
    const [problem] = validateDatasetRequest(at(MAX_DATASET_BINS + 1));
    expect(problem).toContain(`${MAX_DATASET_BINS + 1} bins of 900 s`);
    expect(problem).toContain('or use interval_seconds=1800 or more');
  });

  it('rejects a space count that is not a count', () => {
    expect(() => validateDatasetRequest({ ...ok, spaceCount: -1 })).toThrow(RangeError);
  });
});
