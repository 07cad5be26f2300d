import { rmSync } from 'node:fs';
import type { TestPostgres } from './postgres-server';
import { dropDatabase } from './test-db';

export default async function globalTeardown(): Promise<void> {
  if (process.env.TEST_REDIS_AVAILABLE === '0') {
    process.stderr.write(
      '\n*** The BullMQ tests were SKIPPED: no Redis answered (see the start of the run). ***\n',
    );
  }
  const pg = (globalThis as Record<string, unknown>).__TIPPERS_TEST_PG__ as
    TestPostgres | undefined;
  if (process.env.TEST_TEMPLATE_DB)
    await dropDatabase(process.env.TEST_TEMPLATE_DB).catch(() => undefined);
  if (pg?.embedded) await pg.embedded.stop();
  if (pg?.dir) rmSync(pg.dir, { recursive: true, force: true });
}
