import * as path from 'node:path';
import { ConfigError, defaultDuckDbMemoryLimit, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({ port: 8000, appRole: 'all', logLevel: 'info' });
    expect(c.dataDir).toBe(path.resolve('/srv/app', 'data'));
    expect(c.databaseUrl).toBeUndefined();
    expect(c.tippersDbUrl).toBeUndefined();
    expect(c.encryptionKey).toBeUndefined();
  });

  it('reads and converts the variables it knows', () => {
    const c = loadConfig(
      {
        PORT: '9001',
        DATA_DIR: '/var/lib/tippers',
        DATABASE_URL: 'postgresql://u@db:5432/app',
        TIPPERS_DB_URL: 'postgres://u@tippers/t',
        ENCRYPTION_KEY: 'ab'.repeat(32),
        APP_ROLE: 'worker',
        LOG_LEVEL: 'debug',
        REDIS_URL: 'redis://cache:6379/2',
        MAX_CONCURRENT_RUNS: '4',
        HEARTBEAT_INTERVAL_SECONDS: '0.5',
        S3_BUCKET_NAME: 'tippers',
        S3_ENDPOINT_URL: 'http://minio:9000',
        S3_FORCE_PATH_STYLE: 'true',
        DUCKDB_MEMORY_LIMIT: '1GB',
      },
      '/x',
    );
    expect(c).toMatchObject({
      port: 9001,
      dataDir: '/var/lib/tippers',
      databaseUrl: 'postgresql://u@db:5432/app',
      tippersDbUrl: 'postgres://u@tippers/t',
      encryptionKey: 'ab'.repeat(32),
      appRole: 'worker',
      logLevel: 'debug',
    });
    expect(c.runs).toMatchObject({
      queueDriver: 'bullmq',
      redisUrl: 'redis://cache:6379/2',
      maxConcurrentRuns: 4,
      workerConcurrency: 4,
      heartbeatIntervalSeconds: 0.5,
    });
    expect(c.objectStore).toMatchObject({
      driver: 's3',
      bucket: 'tippers',
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
    });
    expect(c.duckdb.memoryLimit).toBe('1GB');
  });

  it('chooses the embedded drivers when Redis and S3 are not configured', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c.runs.queueDriver).toBe('local');
    expect(c.objectStore).toEqual({ driver: 'fs', root: '/srv/app/data/objects' });
  });

  it.each([
    [{ APP_ROLE: 'worker' }, /APP_ROLE=worker needs REDIS_URL/],
    [
      { HEARTBEAT_INTERVAL_SECONDS: '10', HEARTBEAT_TIMEOUT_SECONDS: '15' },
      /HEARTBEAT_TIMEOUT_SECONDS/,
    ],
    [{ S3_ENDPOINT_URL: 'http://minio:9000' }, /S3_BUCKET_NAME/],
  ])('rejects settings that cannot work together (%o)', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ' }).databaseUrl).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x/y'],
    ['TIPPERS_DB_URL', 'not a url'],
    ['ENCRYPTION_KEY', 'short'],
    ['APP_ROLE', 'boss'],
    ['LOG_LEVEL', 'loud'],
    ['REDIS_URL', 'localhost:6379'],
    ['MAX_CONCURRENT_RUNS', '0'],
    ['S3_FORCE_PATH_STYLE', 'maybe'],
    ['DUCKDB_MEMORY_LIMIT', 'lots'],
  ])('rejects %s=%s with a message naming the variable', (name, value) => {
    expect.assertions(2);
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).message).toContain(name);
    }
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', APP_ROLE: 'y' })).toThrow(
      /PORT[\s\S]*APP_ROLE|APP_ROLE[\s\S]*PORT/,
    );
  });
});

describe('run group settings', () => {
  it('derives each group’s cap from MAX_CONCURRENT_RUNS, and takes every group by default', () => {
    const c = loadConfig({ MAX_CONCURRENT_RUNS: '16' }, '/x');
    expect(c.runs.groupCaps).toEqual({ bulk: 12, interactive: 8, diagnostic: 2 });
    expect(c.runs.workerGroups).toEqual(['interactive', 'diagnostic', 'bulk']);
  });

  it('reads the caps and the groups a worker takes', () => {
    const c = loadConfig(
      {
        MAX_CONCURRENT_RUNS: '10',
        MAX_CONCURRENT_BULK_RUNS: '9',
        MAX_CONCURRENT_DIAGNOSTIC_RUNS: '1',
        WORKER_GROUPS: ' bulk , interactive',
      },
      '/x',
    );
    expect(c.runs.groupCaps).toEqual({ bulk: 9, interactive: 5, diagnostic: 1 });
    expect(c.runs.workerGroups).toEqual(['bulk', 'interactive']);
  });

  it('refuses a group cap above the global one, and unknown groups', () => {
    expect(() =>
      loadConfig({ MAX_CONCURRENT_RUNS: '4', MAX_CONCURRENT_BULK_RUNS: '5' }, '/x'),
    ).toThrow(/MAX_CONCURRENT_BULK_RUNS \(5\) must not exceed MAX_CONCURRENT_RUNS \(4\)/);
    expect(() => loadConfig({ WORKER_GROUPS: 'bulk,fast' }, '/x')).toThrow(/WORKER_GROUPS must be/);
  });
});

describe('defaultDuckDbMemoryLimit', () => {
  const GiB = 1024 ** 3;
  it('takes a sixteenth of the memory, between 256 MiB and 2 GiB', () => {
    expect(defaultDuckDbMemoryLimit(24 * GiB)).toBe('1536MiB');
    expect(defaultDuckDbMemoryLimit(4 * GiB)).toBe('256MiB');
    expect(defaultDuckDbMemoryLimit(1 * GiB)).toBe('256MiB');
    expect(defaultDuckDbMemoryLimit(256 * GiB)).toBe('2048MiB');
  });
  it('is a size DUCKDB_MEMORY_LIMIT itself accepts', () => {
    const limit = defaultDuckDbMemoryLimit(24 * GiB);
    expect(loadConfig({ DUCKDB_MEMORY_LIMIT: limit }, '/x').duckdb.memoryLimit).toBe(limit);
  });
});
