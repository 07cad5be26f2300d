import { ConnectionEntity } from '../connections/connection.entity';

/** Every TypeORM entity of the app database (listed, not globbed, so ts and js builds agree). */
export const ENTITIES = [ConnectionEntity];
