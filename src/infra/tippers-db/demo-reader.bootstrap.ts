import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import { buildCampus, DemoCampusOptions, planDevices } from '../../../libs/demo-campus';

/** The read-only role the demo connection logs in as. */
export const DEMO_READER_ROLE = 'tippers_demo_reader';
const DEMO_TRUTH_LOCK = 7_301_003;

/** Credentials of the demo database's read-only role (registered as the demo connection). */
export interface DemoReader {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

/** The reader's password: derived from the deployment's encryption key, so it is stable. */
export function demoReaderPassword(encryptionKey: string): string {
  return createHmac('sha256', encryptionKey).update('tippers demo reader').digest('hex');
}

/**
 * For the demo concept: writes each generated device's kind to `demo_device_truth` (gold
 * labels, in the demo database only; recomputed from the seed and options the campus was
 * generated with) and makes a read-only login role for the demo connection. Idempotent.
 * Needs CREATEROLE on the server: without it, the demo concept is skipped (null).
 */
export async function ensureDemoReader(
  tippersDbUrl: string,
  encryptionKey: string,
  log: (message: string) => void,
): Promise<DemoReader | null> {
  const client = new Client({ connectionString: tippersDbUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [DEMO_TRUTH_LOCK]);
    await writeTruth(client);
    const password = demoReaderPassword(encryptionKey);
    try {
      const exists = (
        await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [DEMO_READER_ROLE])
      ).rowCount;
      // our own role name and a hex password: literals we build, not user input
      const pw = client.escapeLiteral(password);
      await client.query(
        exists
          ? `ALTER ROLE ${DEMO_READER_ROLE} LOGIN PASSWORD ${pw}`
          : `CREATE ROLE ${DEMO_READER_ROLE} LOGIN PASSWORD ${pw}`,
      );
      await client.query(`ALTER ROLE ${DEMO_READER_ROLE} SET default_transaction_read_only = on`);
      const db = client.escapeIdentifier(client.database!);
      await client.query(`GRANT CONNECT ON DATABASE ${db} TO ${DEMO_READER_ROLE}`);
      await client.query(`GRANT USAGE ON SCHEMA public TO ${DEMO_READER_ROLE}`);
      await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${DEMO_READER_ROLE}`);
    } catch (e) {
      log(`the demo concept is skipped: no read-only role could be made (${(e as Error).message})`);
      return null;
    }
    const u = new URL(tippersDbUrl);
    return {
      host: u.hostname === 'localhost' ? '127.0.0.1' : u.hostname,
      port: Number(u.port || 5432),
      database: client.database!,
      user: DEMO_READER_ROLE,
      password,
    };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [DEMO_TRUTH_LOCK]).catch(() => undefined);
    await client.end();
  }
}

async function writeTruth(client: Client): Promise<void> {
  const has = await client.query(`SELECT to_regclass('public.demo_device_truth') IS NOT NULL AS t`);
  if (has.rows[0].t) return;
  const info = await client.query<{ seed: number; options: Record<string, unknown> }>(
    'SELECT seed, options FROM demo_campus_info LIMIT 1',
  );
  if (!info.rowCount) return;
  const { seed, options } = info.rows[0];
  const opts = {
    ...options,
    seed,
    endTime: new Date(String(options.endTime)),
  } as DemoCampusOptions;
  const devices = planDevices(buildCampus(opts), opts);
  await client.query('BEGIN');
  try {
    await client.query(
      `CREATE TABLE demo_device_truth (mac_address varchar PRIMARY KEY, kind varchar NOT NULL)`,
    );
    await client.query(
      `INSERT INTO demo_device_truth SELECT * FROM unnest($1::varchar[], $2::varchar[])`,
      [devices.map((d) => d.mac), devices.map((d) => d.kind)],
    );
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}
