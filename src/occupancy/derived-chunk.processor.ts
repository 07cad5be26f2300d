import { Injectable } from '@nestjs/common';
import { RunProcessorFor } from '../runs/run-processor';
import { ChunkComputer } from './chunk-computer.service';
import { ChunkRunProcessor } from './chunk-run.processor';
import { ChunkWorkRepository } from './chunk-work.repository';
import { OccupancySensors } from './occupancy.sensors';

/** Runs holding only derived chunks of one window (their other inputs were COMPLETED). */
@Injectable()
@RunProcessorFor('occupancy_derived_chunk')
export class DerivedChunkProcessor extends ChunkRunProcessor {
  constructor(chunks: ChunkWorkRepository, computer: ChunkComputer, sensors: OccupancySensors) {
    super(chunks, computer, sensors);
  }
}
