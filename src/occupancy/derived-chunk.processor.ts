import { Injectable } from '@nestjs/common';
import { RunProcessorFor } from '../runs/run-processor';
import { ChunkComputer } from './chunk-computer.service';
import { ChunkRunParams, ChunkRunProcessor } from './chunk-run.processor';
import { ChunkResult, ChunkWorkRepository, WorkChunk } from './chunk-work.repository';
import { OccupancySensors } from './occupancy.sensors';

/** Derived chunks: the sum of their children's chunks plus their own sessions. */
@Injectable()
@RunProcessorFor('occupancy_derived_chunk')
export class DerivedChunkProcessor extends ChunkRunProcessor {
  constructor(chunks: ChunkWorkRepository, computer: ChunkComputer, sensors: OccupancySensors) {
    super(chunks, computer, sensors);
  }

  protected async compute(work: WorkChunk[], p: ChunkRunParams): Promise<ChunkResult[]> {
    const inputs = await this.chunks.childInputs(work.map((c) => c.chunk_id));
    const spaces = work.map((c) => c.space_id);
    return this.computer.computeDerived(work, spaces, inputs, p.lookback_seconds);
  }
}
