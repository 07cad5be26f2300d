/**
 * The checks `POST /occupancy/datasets` answers with a 400 (DESIGN §6). Each problem says what was
 * wrong and what would be accepted.
 */
import { ALLOWED_INTERVALS, effectiveRange, isAllowedInterval } from './bins';
import { countChunkWindows, SECONDS_PER_DAY } from './chunks';
import { formatUtcIso } from './utc';

/**
 * Limits on what one request may cost (docs/occupancy.md, "Limits"). A POST plans at most
 * MAX_PLANNED_CHUNKS chunks (planning ~50k chunks takes about a second), and a dataset's
 * effective range holds at most MAX_DATASET_BINS bins (so results with fill=zero, which answer
 * every bin, stay a bounded stream: 500,000 bins are 57 years hourly, 14 years of 15 minutes).
 */
export const MAX_PLANNED_CHUNKS = 50_000;
export const MAX_DATASET_BINS = 500_000;
export const MAX_CHUNK_DAYS = 3650;

export interface DatasetRequestInput {
  startSec: number;
  endSec: number;
  intervalSec: number;
  chunkDays: number;
  /** Spaces in the root's subtree that would get chunks (server-computed, not user input). */
  spaceCount: number;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function shownInstant(sec: number): string {
  try {
    return formatUtcIso(sec);
  } catch {
    return String(sec);
  }
}

/** Smallest chunk_days in (chunkDays, MAX_CHUNK_DAYS] that divides into Δ and fits, or null. */
function fittingChunkDays(
  range: { startSec: number; endSec: number },
  intervalSec: number,
  chunkDays: number,
  spaceCount: number,
): number | null {
  for (let d = chunkDays + 1; d <= MAX_CHUNK_DAYS; d++) {
    if ((d * SECONDS_PER_DAY) % intervalSec !== 0) continue;
    if (spaceCount * countChunkWindows(range.startSec, range.endSec, d) <= MAX_PLANNED_CHUNKS) {
      return d;
    }
  }
  return null;
}

function tooManyChunks(
  input: DatasetRequestInput,
  range: { startSec: number; endSec: number },
  windows: number,
): string {
  const { spaceCount, chunkDays, intervalSec } = input;
  const planned = spaceCount * windows;
  const days = chunkDays === 1 ? 'day' : 'days';
  const head =
    `the request plans ${planned} chunks (${spaceCount} spaces × ${windows} windows of ` +
    `${chunkDays} ${days}), more than the limit of ${MAX_PLANNED_CHUNKS}`;
  if (spaceCount > MAX_PLANNED_CHUNKS) {
    return `${head}; even one window per space is too many: pick a smaller root space (at most ${MAX_PLANNED_CHUNKS} spaces in its subtree)`;
  }
  const knobs: string[] = [];
  const better = fittingChunkDays(range, intervalSec, chunkDays, spaceCount);
  if (better !== null) knobs.push(`raise chunk_days to ${better} or more`);
  const maxWindows = Math.floor(MAX_PLANNED_CHUNKS / spaceCount);
  knobs.push(
    `shorten the time range to at most ${maxWindows} windows of ${chunkDays} ${days} ` +
      `(windows are aligned to multiples of ${chunkDays * SECONDS_PER_DAY} s since the epoch)`,
  );
  const maxSpaces = Math.floor(MAX_PLANNED_CHUNKS / windows);
  if (maxSpaces >= 1)
    knobs.push(`pick a smaller root space (at most ${maxSpaces} spaces for ${windows} windows)`);
  return `${head}; to fit: ${knobs.join(', or ')}`;
}

function tooManyBins(intervalSec: number, bins: number): string {
  const larger = ALLOWED_INTERVALS.filter(
    (iv) => iv > intervalSec && bins * (intervalSec / iv) <= MAX_DATASET_BINS,
  );
  const longest = MAX_DATASET_BINS * intervalSec;
  const days = Math.floor(longest / SECONDS_PER_DAY);
  return (
    `the time range holds ${bins} bins of ${intervalSec} s, more than the limit of ${MAX_DATASET_BINS}; ` +
    `to fit: shorten it to at most ${days} days at interval_seconds=${intervalSec}` +
    (larger.length ? `, or use interval_seconds=${larger[0]} or more` : '')
  );
}

/** The problems a 400 would report for this request; empty when it is acceptable. */
export function validateDatasetRequest(input: DatasetRequestInput): string[] {
  const { startSec, endSec, intervalSec, chunkDays, spaceCount } = input;
  if (!Number.isSafeInteger(spaceCount) || spaceCount < 0) {
    throw new RangeError(`spaceCount must be a non-negative integer, got ${spaceCount}`);
  }
  const problems: string[] = [];

  const rangeOk = Number.isFinite(startSec) && Number.isFinite(endSec) && endSec > startSec;
  if (!Number.isFinite(startSec) || !Number.isFinite(endSec)) {
    problems.push(
      'start_time and end_time must be ISO-8601 timestamps (e.g. 2025-01-01T00:00:00Z)',
    );
  } else if (!rangeOk) {
    problems.push(
      `end_time must be after start_time (got start_time ${shownInstant(startSec)}, ` +
        `end_time ${shownInstant(endSec)})`,
    );
  }

  if (!isAllowedInterval(intervalSec)) {
    problems.push(
      `interval_seconds must be one of ${ALLOWED_INTERVALS.join(', ')} (got ${intervalSec})`,
    );
  }

  const chunkDaysOk =
    Number.isSafeInteger(chunkDays) && chunkDays > 0 && chunkDays <= MAX_CHUNK_DAYS;
  if (!chunkDaysOk) {
    problems.push(
      `chunk_days must be a positive integer no greater than ${MAX_CHUNK_DAYS} (got ${chunkDays})`,
    );
  }

  const intervalUsable = Number.isSafeInteger(intervalSec) && intervalSec > 0;
  let divides = false;
  if (chunkDaysOk && intervalUsable) {
    const chunkSec = chunkDays * SECONDS_PER_DAY;
    divides = chunkSec % intervalSec === 0;
    if (!divides) {
      const step = intervalSec / gcd(intervalSec, SECONDS_PER_DAY);
      const works =
        step <= MAX_CHUNK_DAYS
          ? `with interval_seconds=${intervalSec}, chunk_days must be a multiple of ${step}`
          : `no chunk_days up to ${MAX_CHUNK_DAYS} works with interval_seconds=${intervalSec}`;
      problems.push(
        `chunk_days × 86400 must be a multiple of interval_seconds ` +
          `(${chunkDays} × 86400 = ${chunkSec} is not a multiple of ${intervalSec}); ${works}`,
      );
    }
  }

  if (rangeOk && intervalUsable && isAllowedInterval(intervalSec)) {
    const range = effectiveRange(startSec, endSec, intervalSec);
    const bins = (range.endSec - range.startSec) / intervalSec;
    if (bins > MAX_DATASET_BINS) problems.push(tooManyBins(intervalSec, bins));
  }

  if (rangeOk && chunkDaysOk && intervalUsable && divides) {
    const range = effectiveRange(startSec, endSec, intervalSec);
    const windows = countChunkWindows(range.startSec, range.endSec, chunkDays);
    if (spaceCount * windows > MAX_PLANNED_CHUNKS) {
      problems.push(tooManyChunks(input, range, windows));
    }
  }
  return problems;
}
