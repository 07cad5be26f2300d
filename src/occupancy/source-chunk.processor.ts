import { Injectable } from '@nestjs/common';
import { RunProcessorFor } from '../runs/run-processor';
import { ChunkComputer } from './chunk-computer.service';
import { ChunkRunParams, ChunkRunProcessor } from './chunk-run.processor';
import { ChunkResult, ChunkWorkRepository, WorkChunk } from './chunk-work.repository';
import { OccupancySensors } from './occupancy.sensors';

/** Source chunks (one window, one interval, a batch of spaces): counted from sessions. */
@Injectable()
@RunProcessorFor('occupancy_source_chunk')
export class SourceChunkProcessor extends ChunkRunProcessor {
  constructor(chunks: ChunkWorkRepository, computer: ChunkComputer, sensors: OccupancySensors) {
    super(chunks, computer, sensors);
  }

  protected compute(work: WorkChunk[], p: ChunkRunParams): Promise<ChunkResult[]> {
    return this.computer.computeSource(work, p.lookback_seconds);
  }
}
