import { ConnectionEntity } from '../connections/connection.entity';
import { RunEventEntity } from '../runs/run-event.entity';
import { RunEntity } from '../runs/run.entity';

/** Every TypeORM entity of the app database (listed, not globbed, so ts and js builds agree). */
export const ENTITIES = [ConnectionEntity, RunEntity, RunEventEntity];
