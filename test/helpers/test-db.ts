import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from '../../src/bootstrap/postgres-admin';

export function serverUrl(): string {
  const url = process.env.TEST_PG_SERVER_URL;
  if (!url)
    throw new Error('TEST_PG_SERVER_URL is not set: run e2e tests through jest (globalSetup)');
  return url;
}

async function admin<T>(run: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** A fresh app database cloned from the migrated template. Returns its URL. */
export async function createMigratedDatabase(
  prefix = 'test_app',
): Promise<{ name: string; url: string }> {
  const template = process.env.TEST_TEMPLATE_DB;
  if (!template)
    throw new Error('TEST_TEMPLATE_DB is not set: run e2e tests through jest (globalSetup)');
  const name = uniqueName(prefix);
  await admin((c) =>
    c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE ${c.escapeIdentifier(template)}`),
  );
  return { name, url: withDatabase(serverUrl(), name) };
}

/** A fresh empty database (for tippers fixtures). Returns its URL. */
export async function createEmptyDatabase(
  prefix = 'test_fixture',
): Promise<{ name: string; url: string }> {
  const name = uniqueName(prefix);
  await admin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE template0`));
  return { name, url: withDatabase(serverUrl(), name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
}

/** Runs SQL (several statements allowed) against the database at `url`. */
export async function execSql(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query(sql, params);
    return Array.isArray(res) ? res.flatMap((r) => r.rows) : res.rows;
  } finally {
    await client.end();
  }
}
