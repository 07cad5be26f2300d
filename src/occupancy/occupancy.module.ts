import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PgNotifyModule } from '../infra/pg-notify/pg-notify.module';
import { SensorsModule } from '../infra/sensors/sensors.module';
import { RunsModule } from '../runs/runs.module';
import { SpacesModule } from '../spaces/spaces.module';
import { ChunkCompletionSensor } from './chunk-completion.sensor';
import { ChunkComputer } from './chunk-computer.service';
import { ChunkPlanRepository } from './chunk-plan.repository';
import { ChunkSubmissionSensor } from './chunk-submission.sensor';
import { ChunkWorkRepository } from './chunk-work.repository';
import { DatasetPlanner } from './dataset-planner.service';
import { DatasetsRepository } from './datasets.repository';
import { DatasetsService } from './datasets.service';
import { DerivedChunkProcessor } from './derived-chunk.processor';
import { ObjectCollectorSensor } from './object-collector.sensor';
import { OccupancyChunkEntity } from './occupancy-chunk.entity';
import { OccupancyDatasetEntity } from './occupancy-dataset.entity';
import { OccupancyDatasetSpaceEntity } from './occupancy-dataset-space.entity';
import { OccupancyObjectEntity } from './occupancy-object.entity';
import { OccupancyController } from './occupancy.controller';
import { OccupancyKicks } from './occupancy-kicks';
import { ResultsRepository } from './results.repository';
import { ResultsService } from './results.service';
import { ResultsStateCache } from './results-state.cache';
import { SeriesCache } from './series-cache';
import { SessionSource } from './session-source';
import { SourceChunkProcessor } from './source-chunk.processor';
import { WindowObjects } from './window-objects.service';
import { WindowObjectsRepository } from './window-objects.repository';

/**
 * Occupancy datasets (DESIGN §6): planning, chunk runs (two kinds, declared here), sensors
 * (submission, completion, object collector), window objects, results.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      OccupancyDatasetEntity,
      OccupancyChunkEntity,
      OccupancyDatasetSpaceEntity,
      OccupancyObjectEntity,
    ]),
    RunsModule,
    SpacesModule,
    SensorsModule,
    PgNotifyModule,
  ],
  controllers: [OccupancyController],
  providers: [
    SessionSource,
    ChunkPlanRepository,
    ChunkWorkRepository,
    DatasetsRepository,
    ResultsRepository,
    WindowObjectsRepository,
    WindowObjects,
    SeriesCache,
    DatasetPlanner,
    DatasetsService,
    ResultsService,
    ResultsStateCache,
    ChunkComputer,
    OccupancyKicks,
    ChunkSubmissionSensor,
    ChunkCompletionSensor,
    ObjectCollectorSensor,
    SourceChunkProcessor,
    DerivedChunkProcessor,
  ],
})
export class OccupancyModule {}
