import { execSql } from './test-db';

/**
 * A switch in a source database that makes a query slow while it is on, for crash tests that
 * must kill a process mid-build: KNOB_SQL creates it (on), and SLOW_COUNT is a column
 * expression that counts to two billion while it is on and to 1 once released.
 */
export const KNOB_SQL = 'CREATE TABLE knob (slow boolean); INSERT INTO knob VALUES (true);';
export const SLOW_COUNT =
  '(SELECT count(*) FROM (SELECT generate_series(1, CASE WHEN (SELECT slow FROM knob) THEN 2000000000 ELSE 1 END)) AS s)';

/**
 * Turns the knob off and ends the killed process's slow query: the server would count on for
 * minutes, since it only notices a gone client when it next writes to it.
 */
export async function releaseKnob(sourceUrl: string): Promise<void> {
  await execSql(sourceUrl, 'UPDATE knob SET slow = false');
  await execSql(
    sourceUrl,
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%generate_series%'`,
  );
}
