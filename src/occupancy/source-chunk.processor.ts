import { Injectable } from '@nestjs/common';
import { RunProcessorFor } from '../runs/run-processor';
import { ChunkComputer } from './chunk-computer.service';
import { ChunkRunProcessor } from './chunk-run.processor';
import { ChunkWorkRepository } from './chunk-work.repository';
import { OccupancySensors } from './occupancy.sensors';

/** Runs holding source chunks (and the derived chunks above them) of one window. */
@Injectable()
@RunProcessorFor('occupancy_source_chunk')
export class SourceChunkProcessor extends ChunkRunProcessor {
  constructor(chunks: ChunkWorkRepository, computer: ChunkComputer, sensors: OccupancySensors) {
    super(chunks, computer, sensors);
  }
}
