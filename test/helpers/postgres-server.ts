import { chmodSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import {
  startEmbeddedPostgres,
  EmbeddedPostgresHandle,
} from '../../src/database/embedded-postgres.launcher';

export const DEFAULT_TEST_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestPostgres {
  /** URL of the `postgres` maintenance database of the server the tests use. */
  url: string;
  /** Set when the tests started their own embedded server. */
  embedded?: EmbeddedPostgresHandle;
  /** Temporary directory of the embedded server, removed after the run. */
  dir?: string;
}

async function answers(url: string): Promise<string | null> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The PostgreSQL the tests run against: TEST_DATABASE_URL, else the local server on 5432.
 * If none answers, an embedded one is started in a temporary directory — except under CI,
 * where a missing PostgreSQL is a failure.
 */
export async function findOrStartTestPostgres(log: (m: string) => void): Promise<TestPostgres> {
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_PG;
  const problem = await answers(url);
  if (!problem) return { url };
  if (process.env.CI === 'true') {
    throw new Error(`CI=true and no PostgreSQL answers at ${url}: ${problem}`);
  }
  log(`no PostgreSQL at ${url} (${problem}); starting an embedded one for the tests`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tippers-test-pg-'));
  chmodSync(dir, 0o755); // as root, the server runs as the postgres user: it must reach the cluster
  const embedded = await startEmbeddedPostgres({
    dir: path.join(dir, 'pg'),
    credentialsFile: path.join(dir, 'credentials.json'),
    log,
  });
  return { url: embedded.url('postgres'), embedded, dir };
}
