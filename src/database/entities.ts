import { ApiKeyEntity } from '../auth/api-key.entity';
import { ConnectionEntity } from '../connections/connection.entity';
import { OccupancyChunkEntity } from '../occupancy/occupancy-chunk.entity';
import { OccupancyDatasetEntity } from '../occupancy/occupancy-dataset.entity';
import { OccupancyDatasetSpaceEntity } from '../occupancy/occupancy-dataset-space.entity';
import { OccupancyObjectEntity } from '../occupancy/occupancy-object.entity';
import { RunEventEntity } from '../runs/run-event.entity';
import { RunEntity } from '../runs/run.entity';

/** Every TypeORM entity of the app database (listed, not globbed, so ts and js builds agree). */
export const ENTITIES = [
  ApiKeyEntity,
  ConnectionEntity,
  RunEntity,
  RunEventEntity,
  OccupancyDatasetEntity,
  OccupancyChunkEntity,
  OccupancyDatasetSpaceEntity,
  OccupancyObjectEntity,
];
