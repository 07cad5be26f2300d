import { Injectable } from '@nestjs/common';
import { RunContext, RunProcessor, RunProcessorFor } from '../runs/run-processor';
import { ChunkComputer } from './chunk-computer.service';
import { ChunkWorkRepository } from './chunk-work.repository';
import { OccupancySensors } from './occupancy.sensors';
import type { ChunkRunParams } from './source-chunk.processor';

/**
 * Computes derived chunks: the sum of their children's chunks plus their own sessions.
 * Idempotent like the source processor.
 */
@Injectable()
@RunProcessorFor('occupancy_derived_chunk')
export class DerivedChunkProcessor implements RunProcessor {
  constructor(
    private readonly chunks: ChunkWorkRepository,
    private readonly computer: ChunkComputer,
    private readonly sensors: OccupancySensors,
  ) {}

  async process({ run, signal }: RunContext): Promise<Record<string, unknown>> {
    const p = run.params as unknown as ChunkRunParams;
    const work = await this.chunks.startWork(run.run_id, p.chunk_ids);
    if (!work.length) return { chunks: 0, note: 'nothing left to compute (delivered again?)' };
    const inputs = await this.chunks.childInputs(work.map((c) => c.chunk_id));
    signal.throwIfAborted();
    const results = await this.computer.computeDerived(
      work,
      work.map((c) => c.space_id),
      inputs,
      p.lookback_seconds,
    );
    signal.throwIfAborted();
    const completed = await this.chunks.complete(run.run_id, results);
    this.sensors.kickAfterChunks();
    return { chunks: completed, rows: results.reduce((s, r) => s + r.rowCount, 0) };
  }
}
