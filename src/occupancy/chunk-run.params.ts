import { IsIn, IsInt, Max, Min } from 'class-validator';
import { AGGREGATIONS, type Aggregation } from '../../libs/occupancy-core';

/** The two kinds of occupancy chunk runs (declared by their processors). */
export const SOURCE_CHUNK_KIND = 'occupancy_source_chunk';
export const DERIVED_CHUNK_KIND = 'occupancy_derived_chunk';
export const CHUNK_RUN_KINDS = [SOURCE_CHUNK_KIND, DERIVED_CHUNK_KIND];
/** The most unfinished chunk runs: the submission sensors wait beyond it. */
export const MAX_UNFINISHED_CHUNK_RUNS = 2_000;

/**
 * The params of an occupancy chunk run: the consecutive windows it covers (its chunks carry the
 * run's id once it has taken them). One object is written per window.
 */
export class ChunkRunParams {
  @IsInt()
  @Min(1)
  @Max(86_400)
  interval_seconds: number;

  @IsIn(AGGREGATIONS)
  aggregation: Aggregation;

  /** Start of the first window and end of the last, epoch seconds. */
  @IsInt()
  window_start: number;

  @IsInt()
  window_end: number;

  /** Length of one window (chunk_days × 86400). */
  @IsInt()
  @Min(86_400)
  window_seconds: number;

  /** PENDING chunks the windows had when the run was made (for the record). */
  @IsInt()
  @Min(0)
  chunk_count: number;

  /** How far before the first window sessions may start and still reach into it. */
  @IsInt()
  @Min(0)
  lookback_seconds: number;
}

/** The consecutive windows of a run: its chunks are found by them (and their run id). */
export interface RunSpan {
  intervalSec: number;
  aggregation: Aggregation;
  /** Start of the first window, end of the last (epoch seconds). */
  startSec: number;
  endSec: number;
}

/** The span of a run, from its params. */
export function runSpan(p: ChunkRunParams): RunSpan {
  return {
    intervalSec: p.interval_seconds,
    aggregation: p.aggregation,
    startSec: p.window_start,
    endSec: p.window_end,
  };
}

/** The key of a window: `interval:aggregation:start` (one window, whatever run holds it). */
export function windowKey(intervalSec: number, aggregation: string, startSec: number): string {
  return `${intervalSec}:${aggregation}:${startSec}`;
}

/** The keys of the windows a chunk run covers, from its params. */
export function runWindowKeys(params: object): string[] {
  const p = params as Partial<ChunkRunParams>;
  const start = Number(p.window_start);
  const end = Number(p.window_end);
  const step = Number(p.window_seconds ?? end - start);
  if (!(step > 0) || !(end > start)) return [];
  const keys: string[] = [];
  for (let s = start; s < end; s += step)
    keys.push(windowKey(Number(p.interval_seconds), String(p.aggregation), s));
  return keys;
}
