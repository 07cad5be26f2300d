import { Client } from 'pg';
import { DEFAULT_DEMO_OPTIONS } from '../../../libs/demo-campus';
import { DemoCampusExistsError, writeDemoCampus } from './demo-campus.writer';

/** Advisory lock key (per database) held while checking for / generating the demo campus. */
const DEMO_CAMPUS_LOCK = 7_301_002;
const HOUR_MS = 3_600_000;

/**
 * Fills the demo tippers database with a generated campus on first start (embedded mode).
 * Idempotent: a database that already holds the campus is left as it is. Several processes
 * starting at once serialise on an advisory lock; the first fills, the others find the marker.
 */
export async function ensureDemoCampus(
  url: string,
  seed: number,
  log: (message: string) => void,
): Promise<void> {
  const client = new Client({ connectionString: url, application_name: 'tippers-services demo' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [DEMO_CAMPUS_LOCK]);
    try {
      const { rows } = await client.query<{ marker: boolean }>(
        `SELECT to_regclass('public.demo_campus_info') IS NOT NULL AS marker`,
      );
      if (rows[0].marker) {
        const info = await client.query('SELECT 1 FROM demo_campus_info LIMIT 1');
        if (info.rowCount) return;
      }
      const endTime = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS);
      log(
        `generating the demo campus (seed ${seed}, ${DEFAULT_DEMO_OPTIONS.days} days to ${endTime.toISOString()})`,
      );
      const r = await writeDemoCampus(client, { ...DEFAULT_DEMO_OPTIONS, seed, endTime });
      log(
        `demo campus generated: ${r.spaceCount} spaces, ${r.sessionCount} sessions in ${r.seconds.toFixed(1)} s`,
      );
    } catch (e) {
      if (e instanceof DemoCampusExistsError) {
        throw new Error(
          `the demo tippers database holds TIPPERS tables without a demo_campus_info marker (${e.message}); ` +
            'set TIPPERS_DB_URL to use it as a real tippers database, or drop it to regenerate the demo',
        );
      }
      throw e;
    } finally {
      await client
        .query('SELECT pg_advisory_unlock($1)', [DEMO_CAMPUS_LOCK])
        .catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
