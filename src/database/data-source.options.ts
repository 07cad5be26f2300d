import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/**
 * Where the TypeORM CLI and the schema-drift check find every entity. The app itself does not
 * use it: each feature module registers its own entities (TypeOrmModule.forFeature) and the
 * root module loads what they registered (autoLoadEntities), so a new module edits no list here.
 */
export const ENTITY_FILES = [`${__dirname}/../**/*.entity.{ts,js}`];

/**
 * TypeORM options for the app database: never synchronize, always the committed migrations.
 * `entities`: the app passes none (see ENTITY_FILES); tools pass ENTITY_FILES.
 */
export function appDataSourceOptions(
  url: string,
  entities: DataSourceOptions['entities'] = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL ≥ 13: no extension (or superuser) needed
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    logging: false,
    extra: { max: 20, connectionTimeoutMillis: 10_000, application_name: 'tippers-services' },
  };
}
