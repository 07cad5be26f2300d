/**
 * Chunk planning (DESIGN §6): epoch-aligned windows of `chunk_days` UTC days, their storage keys
 * and the timeout a chunk run gets.
 */
import { ceilDiv, floorDiv, type SecondsRange } from './bins';
import { formatCompactUtc } from './utc';

export const SECONDS_PER_DAY = 86_400;

function chunkSeconds(chunkDays: number): number {
  if (!Number.isSafeInteger(chunkDays) || chunkDays <= 0) {
    throw new RangeError(`chunk_days must be a positive integer, got ${chunkDays}`);
  }
  return chunkDays * SECONDS_PER_DAY;
}

/** Window indexes m (window m = `[m·C, (m+1)·C)`) covering `[effStart, effEnd)`. */
function windowIndexes(effStartSec: number, effEndSec: number, chunkDays: number) {
  const size = chunkSeconds(chunkDays);
  const first = floorDiv(effStartSec, size);
  const lastExclusive = ceilDiv(effEndSec, size);
  return { size, first, count: effEndSec > effStartSec ? lastExclusive - first : 0 };
}

/** How many windows chunkWindows would return, without building them. */
export function countChunkWindows(
  effStartSec: number,
  effEndSec: number,
  chunkDays: number,
): number {
  return windowIndexes(effStartSec, effEndSec, chunkDays).count;
}

/**
 * The epoch-aligned windows `[m·C, (m+1)·C)`, C = chunkDays·86400, covering `[effStart, effEnd)`:
 * the first contains effStart, the last contains effEnd − ε. Windows are not clipped to the
 * range (a chunk is shared by every dataset that needs it). Empty when effEnd <= effStart.
 */
export function chunkWindows(
  effStartSec: number,
  effEndSec: number,
  chunkDays: number,
): SecondsRange[] {
  const { size, first, count } = windowIndexes(effStartSec, effEndSec, chunkDays);
  const out: SecondsRange[] = [];
  for (let m = first; m < first + count; m++) {
    out.push({ startSec: m * size, endSec: (m + 1) * size });
  }
  return out;
}

function assertNonNegativeInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/** How a chunk counts (DESIGN §6): `sum` adds own counts up the tree; `distinct` counts each
 * device once in the whole subtree. */
export const AGGREGATIONS = ['sum', 'distinct'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/**
 * Key of the Parquet object holding what one run computed for one window (DESIGN §6):
 * `occupancy/windows/{interval_seconds}/{aggregation}/{YYYYMMDDTHHMMSS}_{YYYYMMDDTHHMMSS}/{object_id}.parquet`,
 * window ends in UTC. A recomputation gets a new `objectId`, so an object's bytes never change.
 */
export function windowObjectKey(
  intervalSec: number,
  aggregation: Aggregation,
  windowStartSec: number,
  windowEndSec: number,
  objectId: string,
): string {
  assertNonNegativeInteger('interval_seconds', intervalSec);
  assertNonNegativeInteger('window start', windowStartSec);
  assertNonNegativeInteger('window end', windowEndSec);
  if (!AGGREGATIONS.includes(aggregation))
    throw new RangeError(`aggregation must be one of ${AGGREGATIONS.join(', ')}`);
  if (!/^[A-Za-z0-9-]{1,64}$/.test(objectId))
    throw new RangeError(`object id must be 1-64 letters, digits or -, got ${objectId}`);
  const start = formatCompactUtc(windowStartSec);
  const end = formatCompactUtc(windowEndSec);
  return `occupancy/windows/${intervalSec}/${aggregation}/${start}_${end}/${objectId}.parquet`;
}

/**
 * Keys of the per-chunk objects of the first storage layout
 * (`occupancy/spaces/{space_id}/{interval}/{start}_{end}.parquet`, one chunk's rows, no
 * space_id column). Chunks computed before the layout changed still point at them and stay
 * readable.
 */
export const LEGACY_CHUNK_KEY_PREFIX = 'occupancy/spaces/';

export function isLegacyChunkKey(key: string): boolean {
  return key.startsWith(LEGACY_CHUNK_KEY_PREFIX);
}

export interface ChunkTimeoutInput {
  minSeconds: number;
  multiplier: number;
  /** Mean duration of past successful runs; null/undefined/NaN when there is no history. */
  meanRunSeconds?: number | null;
}

/**
 * `max(minSeconds, multiplier × meanRunSeconds)` rounded up to whole seconds; minSeconds alone
 * when there is no history (or the mean is not finite). Products within 1e-9 of an integer are
 * taken as that integer, so float noise (1.1 × 100 = 110.00000000000001) does not add a second.
 */
export function chunkTimeoutSeconds({
  minSeconds,
  multiplier,
  meanRunSeconds,
}: ChunkTimeoutInput): number {
  let seconds = minSeconds;
  if (typeof meanRunSeconds === 'number' && Number.isFinite(meanRunSeconds)) {
    const scaled = multiplier * meanRunSeconds;
    if (Number.isFinite(scaled)) seconds = Math.max(minSeconds, scaled);
  }
  const nearest = Math.round(seconds);
  return Math.abs(seconds - nearest) < 1e-9 ? nearest : Math.ceil(seconds);
}
