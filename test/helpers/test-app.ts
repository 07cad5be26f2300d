import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../src/app.module';
import { APP_OPTIONS, configureApp } from '../../src/app.setup';
import type { ResolvedConfig } from '../../src/bootstrap/infrastructure';
import { createEmptyDatabase, createMigratedDatabase, dropDatabase } from './test-db';

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  config: ResolvedConfig;
  appDbUrl: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Tippers database to read; default: a fresh empty database. */
  tippersDbUrl?: string;
  config?: Partial<ResolvedConfig>;
}

/** Boots the real app (real HTTP, real PostgreSQL) on a fresh database cloned from the template. */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const appDb = await createMigratedDatabase();
  const ownTippers = opts.tippersDbUrl ? undefined : await createEmptyDatabase('test_tippers');
  const config: ResolvedConfig = {
    port: 0,
    dataDir: path.join(os.tmpdir(), `tippers-test-data-${process.pid}`),
    databaseUrl: appDb.url,
    tippersDbUrl: opts.tippersDbUrl ?? ownTippers!.url,
    encryptionKey: randomBytes(32).toString('hex'),
    appRole: 'all',
    logLevel: (process.env.TEST_LOG_LEVEL as ResolvedConfig['logLevel']) ?? 'silent',
    demoSeed: 1,
    embeddedDatabase: false,
    ...opts.config,
  };
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config)],
  }).compile();
  const app = moduleRef.createNestApplication(APP_OPTIONS);
  configureApp(app);
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    appDbUrl: appDb.url,
    close: async () => {
      await app.close();
      await dropDatabase(appDb.name);
      if (ownTippers) await dropDatabase(ownTippers.name);
    },
  };
}
