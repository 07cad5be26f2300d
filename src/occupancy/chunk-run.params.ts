import { IsIn, IsInt, Max, Min } from 'class-validator';
import { AGGREGATIONS, type Aggregation } from '../../libs/occupancy-core';

/** The params of an occupancy chunk run: its window (its chunks carry the run's id). */
export class ChunkRunParams {
  @IsInt()
  @Min(1)
  @Max(86_400)
  interval_seconds: number;

  @IsIn(AGGREGATIONS)
  aggregation: Aggregation;

  /** Window start and end, epoch seconds. */
  @IsInt()
  window_start: number;

  @IsInt()
  window_end: number;

  /** Chunks claimed into the run (for the record; the run finds them by window and run id). */
  @IsInt()
  @Min(0)
  chunk_count: number;

  /** How far before the window sessions may start and still reach into it. */
  @IsInt()
  @Min(0)
  lookback_seconds: number;
}
