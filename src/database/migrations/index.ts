import { Init1795741134873 } from './1795741134873-Init';

/**
 * Every migration, oldest first. `npm run migration:generate -- src/database/migrations/Name`
 * writes a new one beside this file: add it here in the same commit.
 */
export const MIGRATIONS: Function[] = [Init1795741134873];
