import { randomBytes } from 'node:crypto';
import { deleteRedisPrefix, testRedisUrl } from './redis';
import { createTestApp, TestApp, TestAppOptions } from './test-app';
import { waitFor } from './wait';

export type Driver = 'local' | 'bullmq';

/**
 * Short heartbeats and monitor ticks so failure handling shows within seconds. The timeout
 * leaves a live worker 25 heartbeats of slack: an event loop stalled on two busy cores must not
 * pass for a dead worker.
 */
export const FAST_RUNS = {
  HEARTBEAT_INTERVAL_SECONDS: '0.2',
  HEARTBEAT_TIMEOUT_SECONDS: '5',
  RUN_MONITOR_INTERVAL_SECONDS: '0.3',
  RETRY_BACKOFF_SECONDS: '0.1',
};

/** Env for a test app on `driver`; bullmq apps of one `prefix` share a queue. */
export function driverEnv(
  driver: Driver,
  prefix: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = { ...FAST_RUNS, ...extra };
  if (driver === 'bullmq') {
    env.REDIS_URL ??= testRedisUrl()!;
    env.RUN_QUEUE_PREFIX = prefix;
  }
  return env;
}

export function newPrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

/** Creates an app on `driver`; close() also removes its queue keys from Redis. */
export async function createRunApp(
  driver: Driver,
  prefix: string,
  env: Record<string, string> = {},
  opts: TestAppOptions = {},
): Promise<TestApp> {
  const t = await createTestApp({ ...opts, env: driverEnv(driver, prefix, env) });
  return {
    ...t,
    close: async () => {
      await t.close();
      if (driver === 'bullmq' && !opts.shareWith) await deleteRedisPrefix(testRedisUrl()!, prefix);
    },
  };
}

export interface RunBody {
  run_id: string;
  status: string;
  attempt: number;
  max_attempts: number;
  error: string | null;
  worker_id: string | null;
  events: { message: string; attempt: number; level: string }[];
  metadata: Record<string, unknown>;
}

export async function getRun(t: TestApp, id: string): Promise<RunBody> {
  return (await t.http.get(`/runs/${id}`).expect(200)).body;
}

export async function waitForStatus(
  t: TestApp,
  id: string,
  statuses: string[],
  timeoutMs = 30_000,
): Promise<RunBody> {
  return waitFor(
    `run ${id} to reach ${statuses.join('/')}`,
    async () => {
      const r = await getRun(t, id);
      return statuses.includes(r.status) && r;
    },
    timeoutMs,
  );
}
