/**
 * Schema drift check (CI): applies the committed migrations to a scratch database and asks
 * TypeORM what it would still change to match the entities. Anything pending means an entity
 * changed without a migration: run `npm run migration:generate -- src/database/migrations/Name`.
 * Server: MIGRATION_CHECK_SERVER_URL, else the local PostgreSQL.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { runMigrations } from '../src/bootstrap/infrastructure';
import { ensureDatabase, withDatabase } from '../src/bootstrap/postgres-admin';
import { appDataSourceOptions, ENTITY_FILES } from '../src/database/data-source.options';
import { Client } from 'pg';

async function main(): Promise<number> {
  const server =
    process.env.MIGRATION_CHECK_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `tippers_migration_check_${process.pid}`;
  await ensureDatabase(server, name);
  const url = withDatabase(server, name);
  try {
    const applied = await runMigrations(url);
    const ds = await new DataSource(appDataSourceOptions(url, ENTITY_FILES)).initialize();
    try {
      const pending = (await ds.driver.createSchemaBuilder().log()).upQueries;
      if (pending.length > 0) {
        process.stderr.write(
          `Schema drift: the entities differ from the migrations (${applied.length} applied). Pending SQL:\n` +
            pending.map((q) => `  ${q.query}`).join('\n') +
            '\n',
        );
        return 1;
      }
      process.stdout.write(`no schema drift (${applied.length} migrations)\n`);
      return 0;
    } finally {
      await ds.destroy();
    }
  } finally {
    const admin = new Client({ connectionString: server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.end();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
