import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { appDataSourceOptions, ENTITY_FILES } from './src/database/data-source.options';

/**
 * Data source for the TypeORM CLI (`npm run migration:*`). It needs a real PostgreSQL:
 * DATABASE_URL, or the local server's `tippers_services` database by default.
 */
export default new DataSource({
  ...appDataSourceOptions(
    process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tippers_services',
    ENTITY_FILES,
  ),
  migrations: ['src/database/migrations/[0-9]*.ts'],
});
