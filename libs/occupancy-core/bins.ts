/**
 * Bin arithmetic for occupancy (DESIGN §6). Bin k of an interval Δ covers `[kΔ, (k+1)Δ)` in Unix
 * seconds (UTC). Instants are epoch seconds and may be fractional; bin indexes are computed with
 * integer arithmetic on the whole-second part, so they are exact for any safe-integer epoch.
 */
export const ALLOWED_INTERVALS: readonly number[] = Object.freeze([
  900, 1800, 3600, 7200, 14400, 28800, 86400,
]);

export function isAllowedInterval(intervalSec: number): boolean {
  return ALLOWED_INTERVALS.includes(intervalSec);
}

/** A half-open range `[startSec, endSec)` of epoch seconds. */
export interface SecondsRange {
  startSec: number;
  endSec: number;
}

/** One occupancy row: the bin's start and its (non-negative integer) count. */
export interface BinCount {
  binStartSec: number;
  count: number;
}

function assertDivisor(divisor: number): void {
  if (!Number.isSafeInteger(divisor) || divisor <= 0) {
    throw new RangeError(`divisor must be a positive integer, got ${divisor}`);
  }
}

function assertInstant(sec: number): void {
  if (!Number.isFinite(sec) || Math.abs(sec) > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`instant must be a finite number of seconds, got ${sec}`);
  }
}

/**
 * `floor(sec / divisor)` for a positive integer divisor, exactly. With `i = floor(sec)` and
 * `0 <= sec − i < 1`, `floor(sec/d) = floor(i/d)`; `i − (i mod d)` is an exact multiple of d.
 */
export function floorDiv(sec: number, divisor: number): number {
  assertDivisor(divisor);
  assertInstant(sec);
  const whole = Math.floor(sec);
  const rem = ((whole % divisor) + divisor) % divisor;
  return (whole - rem) / divisor;
}

/** `ceil(sec / divisor)` for a positive integer divisor, exactly (see floorDiv). */
export function ceilDiv(sec: number, divisor: number): number {
  const q = floorDiv(sec, divisor);
  return q * divisor === sec ? q : q + 1;
}

/** The dataset's effective range: `[floor(start/Δ)·Δ, ceil(end/Δ)·Δ)`. */
export function effectiveRange(
  startSec: number,
  endSec: number,
  intervalSec: number,
): SecondsRange {
  return {
    startSec: floorDiv(startSec, intervalSec) * intervalSec,
    endSec: ceilDiv(endSec, intervalSec) * intervalSec,
  };
}

/** Bin indexes `first <= k < lastExclusive`; empty when `lastExclusive === first`. */
export interface BinIndexRange {
  first: number;
  lastExclusive: number;
}

/**
 * The bins a session `[start, end]` overlaps: exactly the k with `start < (k+1)Δ AND end > kΔ`,
 * i.e. `floor(start/Δ) <= k < ceil(end/Δ)`. Consequences: a zero-length session strictly inside a
 * bin counts there; one exactly on a bin edge counts nowhere; a session ending on an edge does not
 * count in the next bin. An inverted session (end < start) yields an empty range unless both ends
 * lie strictly inside the same bin, as the overlap rule literally says.
 */
export function binsOverlapping(
  sessionStartSec: number,
  sessionEndSec: number,
  intervalSec: number,
): BinIndexRange {
  const first = floorDiv(sessionStartSec, intervalSec);
  const last = ceilDiv(sessionEndSec, intervalSec);
  return { first, lastExclusive: Math.max(first, last) };
}

/**
 * Every bin of the range in time order, with 0 for bins missing from `rows`, produced lazily
 * (a range of a million bins costs no memory). The range is first widened to its effective
 * range (so an aligned range is used as is). `rows` must come in ascending bin order; rows whose
 * bin lies outside the range are dropped; consecutive rows for the same bin are summed. A row
 * whose `binStartSec` is not a multiple of Δ, or out of order, is a caller bug: RangeError.
 */
export function* zeroFilledBins(
  rows: Iterable<BinCount>,
  rangeStartSec: number,
  rangeEndSec: number,
  intervalSec: number,
): Generator<BinCount> {
  const first = floorDiv(rangeStartSec, intervalSec);
  const lastExclusive = Math.max(first, ceilDiv(rangeEndSec, intervalSec));
  let next = first; // the next bin index to yield
  let held: BinCount | null = null; // a row waiting for rows of the same bin
  let prev = -Infinity;
  const flush = function* (upTo: number): Generator<BinCount> {
    for (; next < upTo; next++) {
      const binStartSec = next * intervalSec;
      if (held && held.binStartSec === binStartSec) {
        yield held;
        held = null;
      } else yield { binStartSec, count: 0 };
    }
  };
  for (const row of rows) {
    const k = floorDiv(row.binStartSec, intervalSec);
    if (k * intervalSec !== row.binStartSec) {
      throw new RangeError(
        `row binStartSec ${row.binStartSec} is not a multiple of interval ${intervalSec}`,
      );
    }
    if (k < prev)
      throw new RangeError(`rows must come in ascending bin order (${k} after ${prev})`);
    prev = k;
    if (k < first || k >= lastExclusive) continue;
    if (held && held.binStartSec === row.binStartSec) {
      held = { binStartSec: held.binStartSec, count: held.count + row.count };
      continue;
    }
    yield* flush(k);
    held = { binStartSec: row.binStartSec, count: row.count };
  }
  yield* flush(lastExclusive);
}
