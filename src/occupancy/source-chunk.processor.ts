import { Injectable } from '@nestjs/common';
import { RunContext, RunProcessor, RunProcessorFor } from '../runs/run-processor';
import { ChunkComputer } from './chunk-computer.service';
import { ChunkWorkRepository } from './chunk-work.repository';
import { OccupancySensors } from './occupancy.sensors';

export interface ChunkRunParams {
  interval_seconds: number;
  window_start: number;
  chunk_ids: string[];
  lookback_seconds: number;
}

/**
 * Computes source chunks (one window, one interval, up to a batch of spaces) from sessions.
 * Idempotent: only chunks still assigned to this run are computed, and results are recorded
 * only for them, after their Parquet is stored.
 */
@Injectable()
@RunProcessorFor('occupancy_source_chunk')
export class SourceChunkProcessor implements RunProcessor {
  constructor(
    private readonly chunks: ChunkWorkRepository,
    private readonly computer: ChunkComputer,
    private readonly sensors: OccupancySensors,
  ) {}

  async process({ run, signal }: RunContext): Promise<Record<string, unknown>> {
    const p = run.params as unknown as ChunkRunParams;
    const work = await this.chunks.startWork(run.run_id, p.chunk_ids);
    if (!work.length) return { chunks: 0, note: 'nothing left to compute (delivered again?)' };
    signal.throwIfAborted();
    const results = await this.computer.computeSource(work, p.lookback_seconds);
    signal.throwIfAborted();
    const completed = await this.chunks.complete(run.run_id, results);
    this.sensors.kickAfterChunks();
    return { chunks: completed, rows: results.reduce((s, r) => s + r.rowCount, 0) };
  }
}
