import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../src/app.module';
import { APP_OPTIONS, configureApp } from '../../src/app.setup';
import type { ResolvedConfig } from '../../src/bootstrap/infrastructure';
import { loadConfig } from '../../src/config/app-config';
import { createEmptyDatabase, createMigratedDatabase, dropDatabase } from './test-db';

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  config: ResolvedConfig;
  appDbUrl: string;
  /** Closes the Nest app only (as SIGTERM would); idempotent. */
  stop(): Promise<void>;
  /** stop() and drop what the app owns. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Tippers database to read; default: a fresh empty database. */
  tippersDbUrl?: string;
  /** Environment variables, validated as at start-up (e.g. `{ REDIS_URL, MAX_CONCURRENT_RUNS }`). */
  env?: Record<string, string>;
  /** Another app whose databases, object store and encryption key this one shares: a second process. */
  shareWith?: TestApp;
  /** An existing app database to use (not dropped on close). */
  appDbUrl?: string;
  config?: Partial<ResolvedConfig>;
  /** Modules added beside AppModule (a test feature, e.g. with run kinds of its own). */
  modules?: ModuleImport[];
}

type ModuleImport = NonNullable<Parameters<typeof Test.createTestingModule>[0]['imports']>[number];

/** Boots the real app (real HTTP, real PostgreSQL) on a fresh database cloned from the template. */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const owned: string[] = [];
  let appDbUrl = opts.appDbUrl ?? opts.shareWith?.appDbUrl;
  let tippersDbUrl = opts.tippersDbUrl ?? opts.shareWith?.config.tippersDbUrl;
  if (!appDbUrl) {
    const db = await createMigratedDatabase();
    owned.push(db.name);
    appDbUrl = db.url;
  }
  if (!tippersDbUrl) {
    const db = await createEmptyDatabase('test_tippers');
    owned.push(db.name);
    tippersDbUrl = db.url;
  }
  const dataDir = path.join(os.tmpdir(), `tippers-test-data-${randomBytes(6).toString('hex')}`);
  const config: ResolvedConfig = {
    ...loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...opts.env,
    }),
    databaseUrl: appDbUrl,
    tippersDbUrl,
    encryptionKey: opts.shareWith?.config.encryptionKey ?? randomBytes(32).toString('hex'),
    // a second process of one deployment shares its object store too (README: scaling out)
    ...(opts.shareWith ? { objectStore: opts.shareWith.config.objectStore } : {}),
    embeddedDatabase: false,
    ...opts.config,
  };
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config), ...(opts.modules ?? [])],
  }).compile();
  const app = moduleRef.createNestApplication(APP_OPTIONS);
  configureApp(app);
  await app.init();
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= app.close());
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    appDbUrl,
    stop,
    close: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
      for (const name of owned) await dropDatabase(name);
    },
  };
}
