import { runMigrations } from '../../src/bootstrap/infrastructure';
import { ensureDatabase, withDatabase } from '../../src/bootstrap/postgres-admin';
import { findOrStartTestPostgres } from './postgres-server';
import { DEFAULT_TEST_REDIS, redisProblem } from './redis';
import { dropDatabase } from './test-db';

const log = (m: string) => process.stderr.write(`[test setup] ${m}\n`);

/**
 * Runs once before the e2e files: finds (or starts) PostgreSQL and builds the migrated
 * template database each test file clones. Workers inherit the env vars set here.
 */
export default async function globalSetup(): Promise<void> {
  const pg = await findOrStartTestPostgres(log);
  (globalThis as Record<string, unknown>).__TIPPERS_TEST_PG__ = pg;
  const template = `tippers_tmpl_${process.pid}_${Date.now().toString(36)}`;
  process.env.TEST_PG_SERVER_URL = pg.url;
  process.env.TEST_TEMPLATE_DB = template;
  await dropDatabase(template);
  await ensureDatabase(pg.url, template);
  await runMigrations(withDatabase(pg.url, template));

  const redisUrl = process.env.TEST_REDIS_URL ?? DEFAULT_TEST_REDIS;
  const problem = await redisProblem(redisUrl);
  if (problem && process.env.CI === 'true') {
    throw new Error(`CI=true and no Redis answers at ${redisUrl}: ${problem}`);
  }
  process.env.TEST_REDIS_AVAILABLE = problem ? '0' : '1';
  if (problem) {
    log(`*** no Redis at ${redisUrl} (${problem}): the BullMQ tests are SKIPPED ***`);
  }
}
