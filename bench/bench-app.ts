/**
 * What the occupancy and results benches share: a scratch pair of databases (a generated
 * campus and an app database, migrated) with a data directory, the app booted on them, and the
 * cleanup.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { APP_OPTIONS, configureApp } from '../src/app.setup';
import { ResolvedConfig, runMigrations } from '../src/bootstrap/infrastructure';
import { ensureDatabase, withDatabase } from '../src/bootstrap/postgres-admin';
import { loadConfig } from '../src/config/app-config';

export const BENCH_PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabases {
  tippersDb: string;
  appDb: string;
  tippersUrl: string;
  appUrl: string;
  dataDir: string;
}

/** Names (unique to this run) of the bench's databases and data directory; creates nothing. */
export function benchDatabases(name: string): BenchDatabases {
  const tag = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const tippersDb = `tippers_bench_${name}_campus_${tag}`;
  const appDb = `tippers_bench_${name}_app_${tag}`;
  return {
    tippersDb,
    appDb,
    tippersUrl: withDatabase(BENCH_PG, tippersDb),
    appUrl: withDatabase(BENCH_PG, appDb),
    dataDir: path.join(os.tmpdir(), `tippers_bench_${name}_${tag}`),
  };
}

/** Creates the app database and applies the migrations. */
export async function createAppDatabase(dbs: BenchDatabases): Promise<void> {
  await ensureDatabase(BENCH_PG, dbs.appDb);
  await runMigrations(dbs.appUrl);
}

/** The app on the bench's databases, configured (not listening): `env` as at start-up. */
export async function bootBenchApp(
  dbs: BenchDatabases,
  env: Record<string, string> = {},
): Promise<INestApplication> {
  const config: ResolvedConfig = {
    ...loadConfig({ LOG_LEVEL: 'warn', DATA_DIR: dbs.dataDir, ...env }),
    databaseUrl: dbs.appUrl,
    tippersDbUrl: dbs.tippersUrl,
    encryptionKey: randomBytes(32).toString('hex'),
    embeddedDatabase: false,
  };
  const app = await NestFactory.create(AppModule.forRoot(config), APP_OPTIONS);
  configureApp(app);
  return app;
}

/** Removes the data directory and drops both databases. */
export async function dropBenchDatabases(dbs: BenchDatabases): Promise<void> {
  rmSync(dbs.dataDir, { recursive: true, force: true });
  const admin = new Client({ connectionString: BENCH_PG });
  await admin.connect();
  for (const db of [dbs.appDb, dbs.tippersDb])
    await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  await admin.end();
}
