import type { RunContext, RunProcessor } from '../runs/run-processor';
import type { ChunkComputer } from './chunk-computer.service';
import type { ChunkResult, ChunkWorkRepository, WorkChunk } from './chunk-work.repository';
import type { OccupancySensors } from './occupancy.sensors';

export interface ChunkRunParams {
  interval_seconds: number;
  window_start: number;
  chunk_ids: string[];
  lookback_seconds: number;
}

/**
 * What both chunk processors do around the counting. Idempotent: only chunks still assigned to
 * this run are computed, and results are recorded only for them, after their Parquet is stored.
 */
export abstract class ChunkRunProcessor implements RunProcessor {
  protected constructor(
    protected readonly chunks: ChunkWorkRepository,
    protected readonly computer: ChunkComputer,
    private readonly sensors: OccupancySensors,
  ) {}

  protected abstract compute(work: WorkChunk[], params: ChunkRunParams): Promise<ChunkResult[]>;

  async process({ run, signal }: RunContext): Promise<Record<string, unknown>> {
    const p = run.params as unknown as ChunkRunParams;
    const work = await this.chunks.startWork(run.run_id, p.chunk_ids);
    if (!work.length) return { chunks: 0, note: 'nothing left to compute (delivered again?)' };
    signal.throwIfAborted();
    const results = await this.compute(work, p);
    signal.throwIfAborted();
    const completed = await this.chunks.complete(run.run_id, results);
    this.sensors.kickAfterChunks();
    return { chunks: completed, rows: results.reduce((s, r) => s + r.rowCount, 0) };
  }
}
