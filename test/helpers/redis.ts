import IORedis from 'ioredis';

export const DEFAULT_TEST_REDIS = 'redis://127.0.0.1:6379';

/** Null when Redis answers PING at `url`, else the problem. */
export async function redisProblem(url: string): Promise<string | null> {
  const client = new IORedis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    client.disconnect();
  }
}

/** The Redis for BullMQ tests, or undefined when there is none (tests then skip, loudly). */
export function testRedisUrl(): string | undefined {
  return process.env.TEST_REDIS_AVAILABLE === '1'
    ? (process.env.TEST_REDIS_URL ?? DEFAULT_TEST_REDIS)
    : undefined;
}

/** `describe` when Redis is available, else `describe.skip` (globalSetup printed why). */
export const describeWithRedis: jest.Describe = ((name: string, fn: () => void) =>
  testRedisUrl()
    ? describe(name, fn)
    : describe.skip(`${name} [SKIPPED: no Redis]`, fn)) as jest.Describe;

/** Deletes every key under `prefix:` (a test's queue), leaving the rest of Redis alone. */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const client = new IORedis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
