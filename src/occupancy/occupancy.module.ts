import { Module } from '@nestjs/common';
import { RunsModule } from '../runs/runs.module';
import { SpacesModule } from '../spaces/spaces.module';
import { ChunkComputer } from './chunk-computer.service';
import { ChunkPlanRepository } from './chunk-plan.repository';
import { ChunkWorkRepository } from './chunk-work.repository';
import { DatasetPlanner } from './dataset-planner.service';
import { DatasetsService } from './datasets.service';
import { DerivedChunkProcessor } from './derived-chunk.processor';
import { OccupancyController } from './occupancy.controller';
import { OccupancySensors } from './occupancy.sensors';
import { ResultsService } from './results.service';
import { SessionSource } from './session-source';
import { SourceChunkProcessor } from './source-chunk.processor';

/** Occupancy datasets (DESIGN §6): planning, sensors, chunk processors, results. */
@Module({
  imports: [RunsModule, SpacesModule],
  controllers: [OccupancyController],
  providers: [
    SessionSource,
    ChunkPlanRepository,
    ChunkWorkRepository,
    DatasetPlanner,
    DatasetsService,
    ResultsService,
    ChunkComputer,
    OccupancySensors,
    SourceChunkProcessor,
    DerivedChunkProcessor,
  ],
})
export class OccupancyModule {}
