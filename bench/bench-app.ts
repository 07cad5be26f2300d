/**
 * What the occupancy and results benches share: a scratch pair of databases (a generated
 * campus and an app database, migrated) with a data directory, the app booted on them, and the
 * cleanup.
 */
import { ChildProcess, spawn } from 'node:child_process';
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
import { freePort } from '../src/database/embedded-postgres.launcher';

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

/** Resolves once GET /health at `base` answers 200; rejects after `timeoutMs`. */
export async function waitHealthy(base: string, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base} did not become healthy within ${timeoutMs / 1000} s`);
}

export interface BenchService {
  child: ChildProcess;
  base: string;
  /** SIGTERM, and resolves once the process has exited. */
  stop(): Promise<void>;
}

/**
 * The service as users run it (`node dist/src/main.js`: build first) on the bench's databases,
 * in a process of its own (so its RSS is the service's alone), once it is healthy.
 */
export async function startBuiltService(dbs: BenchDatabases): Promise<BenchService> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: path.resolve(__dirname, '..'),
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: dbs.appUrl,
      TIPPERS_DB_URL: dbs.tippersUrl,
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      DATA_DIR: dbs.dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const exited = new Promise((r) => child.once('exit', r));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(base, 60_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return { child, base, stop };
}
