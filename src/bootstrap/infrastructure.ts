import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { appDataSourceOptions } from '../database/data-source.options';
import {
  isRootUser,
  startEmbeddedPostgres,
  EmbeddedPostgresHandle,
} from '../database/embedded-postgres.launcher';
import { embeddedClusterDir } from '../database/embedded-postgres.reach';
import { ensureDemoCampus } from '../infra/tippers-db/demo-campus.bootstrap';
import { DemoReader, ensureDemoReader } from '../infra/tippers-db/demo-reader.bootstrap';
import { loadOrCreateEncryptionKey } from './encryption-key';
import { ensureDatabase, withDatabase } from './postgres-admin';

/** Config with every infrastructure choice made: what the Nest app is built from. */
export interface ResolvedConfig extends AppConfig {
  databaseUrl: string;
  tippersDbUrl: string;
  encryptionKey: string;
  /** True when the app database is the embedded PostgreSQL. */
  embeddedDatabase: boolean;
  /** The demo database's read-only login, when the demo is in use: the demo concept reads it. */
  demoReader?: DemoReader | null;
}

export interface Infrastructure {
  config: ResolvedConfig;
  /** Stops what prepareInfrastructure started (the embedded server), after the app closed. */
  shutdown(): Promise<void>;
}

export const APP_DATABASE = 'tippers_services';
export const DEMO_DATABASE = 'tippers_demo';
const MIGRATION_LOCK = 7_301_001;

/**
 * Runs the migrations under an advisory lock, so several processes starting against one
 * database at once apply each migration exactly once.
 */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const lock = new Client({ connectionString: databaseUrl });
  await lock.connect();
  const ds = new DataSource(appDataSourceOptions(databaseUrl));
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await ds.initialize();
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

/**
 * Makes every external resource the app needs exist: the embedded PostgreSQL when
 * DATABASE_URL is unset, the app database and its migrations, the demo tippers database when
 * TIPPERS_DB_URL is unset, and the encryption key.
 */
export async function prepareInfrastructure(
  config: AppConfig,
  log: (message: string) => void,
): Promise<Infrastructure> {
  let embedded: EmbeddedPostgresHandle | undefined;
  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      embedded = await startEmbeddedPostgres({
        dir: await embeddedClusterDir(config.dataDir, isRootUser(), log),
        credentialsFile: path.join(config.dataDir, 'secrets', 'embedded-pg.json'),
        log,
      });
      await ensureDatabase(embedded.url('postgres'), APP_DATABASE);
      databaseUrl = embedded.url(APP_DATABASE);
    }
    const applied = await runMigrations(databaseUrl);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);

    const encryptionKey =
      config.encryptionKey ??
      (await loadOrCreateEncryptionKey(path.join(config.dataDir, 'secrets', 'encryption.key')));

    let tippersDbUrl = config.tippersDbUrl;
    let demoReader: DemoReader | null = null;
    if (!tippersDbUrl) {
      tippersDbUrl = withDatabase(databaseUrl, DEMO_DATABASE);
      await ensureDatabase(databaseUrl, DEMO_DATABASE);
      await ensureDemoCampus(tippersDbUrl, config.demoSeed, log);
      demoReader = await ensureDemoReader(tippersDbUrl, encryptionKey, log);
    }

    if (!config.encryptionKey && config.databaseUrl) {
      log(
        'ENCRYPTION_KEY is not set: using the key kept under DATA_DIR/secrets; every process sharing this database needs the same key',
      );
    }

    return {
      config: {
        ...config,
        databaseUrl,
        tippersDbUrl,
        encryptionKey,
        embeddedDatabase: embedded !== undefined,
        demoReader,
      },
      shutdown: async () => {
        if (embedded) await embedded.stop();
      },
    };
  } catch (e) {
    if (embedded) await embedded.stop().catch(() => undefined);
    throw e;
  }
}
