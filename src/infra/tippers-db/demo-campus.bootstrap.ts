/**
 * Fills the demo tippers database with a generated campus on first start (embedded mode).
 * Idempotent: a database that already holds the campus is left as it is.
 */
export async function ensureDemoCampus(
  url: string,
  seed: number,
  log: (message: string) => void,
): Promise<void> {
  void url;
  void seed;
  void log;
  throw new Error('TODO: demo campus generation');
}
