import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import * as os from 'node:os';
import * as path from 'node:path';
import { type AuthMode, keysRequired } from '../../libs/api-keys';
import { parseHostPatterns } from '../../libs/host-allowlist';
import { defaultGroupCaps, GroupCaps, RUN_GROUPS, RunGroup } from '../../libs/runs-core';
import { AppRole, EnvironmentVariables, LogLevel } from './environment-variables';

export { APP_ROLES, LOG_LEVELS } from './environment-variables';
export type { AppRole, LogLevel } from './environment-variables';

export interface RunsConfig {
  /** `bullmq` when REDIS_URL is set, else the in-process `local` queue. */
  queueDriver: 'local' | 'bullmq';
  redisUrl?: string;
  /** Redis key prefix of the queue: processes sharing a prefix share the work. */
  queuePrefix: string;
  /** At most this many runs STARTED at once across every worker process. */
  maxConcurrentRuns: number;
  /** At most this many runs at once in this process. */
  workerConcurrency: number;
  /** At most this many STARTED runs of each group across every worker (each ≤ the global cap). */
  groupCaps: GroupCaps;
  /** The groups whose runs this process takes (WORKER_GROUPS; default all). */
  workerGroups: RunGroup[];
  heartbeatIntervalSeconds: number;
  /** A STARTED run whose heartbeat is older than this is taken for dead. */
  heartbeatTimeoutSeconds: number;
  monitorIntervalSeconds: number;
  /** First retry delay; doubles per attempt (capped at 5 min). */
  retryBackoffSeconds: number;
  /** On SIGTERM, how long in-flight runs may take before they are handed back. */
  shutdownGraceSeconds: number;
}

export interface OccupancyConfig {
  /** Source-chunk sensor period (also kicked by POST and finished chunks). */
  sourceSensorIntervalSeconds: number;
  /** Derived-chunk and completion sensors' period. */
  sensorIntervalSeconds: number;
  timeoutMultiplier: number;
  timeoutMinSeconds: number;
  timeoutLookbackDays: number;
  /** Most chunks one chunk run takes (of consecutive windows; a larger window gets several runs). */
  batchSpaces: number;
  /** Most days of consecutive windows one chunk run covers (at least one window). */
  runMaxDays: number;
  /** An object no chunk references is deleted after this long (readers in flight finish first). */
  objectGraceSeconds: number;
  /** How often the object collector looks for unreferenced objects. */
  objectCollectorIntervalSeconds: number;
  /** Memory for the space rows results keep from stored objects (0: no cache). */
  resultsCacheBytes: number;
}

export type ObjectStoreConfig =
  | { driver: 'fs'; root: string }
  | {
      driver: 's3';
      bucket: string;
      endpoint?: string;
      forcePathStyle: boolean;
      region: string;
      accessKeyId?: string;
      secretAccessKey?: string;
    };

export interface DuckDbConfig {
  memoryLimit: string;
  threads: number;
  tempDir: string;
}

/** The validated, typed configuration every module reads (never `process.env`). */
export interface ModelsConfig {
  /** The largest model artifact an upload may carry (MODEL_UPLOAD_MAX_MB). */
  uploadMaxBytes: number;
}

export interface AuthConfig {
  mode: AuthMode;
  /** Keys are required (AUTH_MODE keys, or auto and listening beyond loopback). */
  required: boolean;
  /** ADMIN_API_KEY: an admin key to create at start if it does not exist. */
  adminApiKey?: string;
  /** Expensive requests per key per minute (RATE_LIMIT_EXPENSIVE_PER_MINUTE); 0: no limit. */
  expensivePerMinute: number;
}

export interface AppConfig {
  port: number;
  /** Where HTTP listens (HOST, default 127.0.0.1: this machine only). */
  host: string;
  /** Origins browsers may call the API from (CORS_ORIGINS); empty: none. */
  corsOrigins: string[];
  auth: AuthConfig;
  dataDir: string;
  /** Undefined: start the embedded PostgreSQL under `dataDir/pg`. */
  databaseUrl?: string;
  /** Undefined: use the `tippers_demo` database of the app's PostgreSQL, filled on first start. */
  tippersDbUrl?: string;
  /** Undefined: generate one under `dataDir` (embedded mode) on first start. */
  encryptionKey?: string;
  /** Hosts connections may point at (CONNECTION_ALLOWED_HOSTS); undefined: any. */
  connectionAllowedHosts?: string[];
  appRole: AppRole;
  logLevel: LogLevel;
  demoSeed: number;
  runs: RunsConfig;
  occupancy: OccupancyConfig;
  objectStore: ObjectStoreConfig;
  duckdb: DuckDbConfig;
  models: ModelsConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): string[] {
  const lines = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) =>
      m.startsWith(e.property) ? m : `${e.property}: ${m}`,
    ),
  );
  return [...new Set(lines)];
}

/** The variable that sets each group's cap (README: run groups). */
const GROUP_CAP_VARS = {
  interactive: 'MAX_CONCURRENT_INTERACTIVE_RUNS',
  diagnostic: 'MAX_CONCURRENT_DIAGNOSTIC_RUNS',
  bulk: 'MAX_CONCURRENT_BULK_RUNS',
} as const satisfies Record<RunGroup, keyof EnvironmentVariables>;

/** Problems no single variable shows: combinations that cannot work. */
function crossCheck(env: EnvironmentVariables): string[] {
  const problems: string[] = [];
  const role = env.APP_ROLE ?? 'all';
  if (role !== 'all' && !env.REDIS_URL) {
    problems.push(
      `APP_ROLE=${role} needs REDIS_URL: without Redis the run queue is in-process, so one process (APP_ROLE=all) must do everything`,
    );
  }
  const interval = env.HEARTBEAT_INTERVAL_SECONDS ?? 5;
  const timeout = env.HEARTBEAT_TIMEOUT_SECONDS ?? 30;
  if (timeout < 2 * interval) {
    problems.push(
      `HEARTBEAT_TIMEOUT_SECONDS (${timeout}) must be at least twice HEARTBEAT_INTERVAL_SECONDS (${interval})`,
    );
  }
  const max = env.MAX_CONCURRENT_RUNS ?? 16;
  for (const group of RUN_GROUPS) {
    const name = GROUP_CAP_VARS[group];
    const cap = env[name];
    if (cap !== undefined && cap > max)
      problems.push(`${name} (${cap}) must not exceed MAX_CONCURRENT_RUNS (${max})`);
  }
  if (env.S3_BUCKET_NAME === undefined && (env.S3_ENDPOINT_URL || env.S3_FORCE_PATH_STYLE)) {
    problems.push('S3_ENDPOINT_URL / S3_FORCE_PATH_STYLE are set but S3_BUCKET_NAME is not');
  }
  return problems;
}

const MB = 1024 * 1024;

/** Memory this process may use: its cgroup (container) limit when there is one, else the RAM. */
export function machineMemoryBytes(): number {
  const constrained = process.constrainedMemory?.() ?? 0;
  const total = os.totalmem();
  return constrained > 0 && constrained < total ? constrained : total;
}

/**
 * DUCKDB_MEMORY_LIMIT's default: a sixteenth of the memory the process may use, at least
 * 256 MB and at most 2 GB (24 GiB → 1536MiB, a 4 GiB container → 256MiB). DuckDB grows
 * towards its limit under load and holds it: the process's RSS is about this plus ~300 MB.
 */
export function defaultDuckDbMemoryLimit(memoryBytes: number): string {
  const mb = Math.floor(Math.min(2048, Math.max(256, memoryBytes / 16 / MB)));
  return `${mb}MiB`;
}

/** Validates `env` and returns the typed config; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const raw = plainToInstance(EnvironmentVariables, { ...env }, { exposeDefaultValues: true });
  const errors = validateSync(raw, { whitelist: false, forbidUnknownValues: false });
  const problems = errors.length > 0 ? describe(errors) : crossCheck(raw);
  if (problems.length > 0) throw new ConfigError(problems);
  const dataDir = path.resolve(cwd, raw.DATA_DIR ?? './data');
  const maxConcurrentRuns = raw.MAX_CONCURRENT_RUNS ?? 16;
  const caps = defaultGroupCaps(maxConcurrentRuns);
  for (const group of RUN_GROUPS) caps[group] = raw[GROUP_CAP_VARS[group]] ?? caps[group];
  const workerGroups = raw.WORKER_GROUPS
    ? [...new Set(raw.WORKER_GROUPS.split(',').map((g) => g.trim() as RunGroup))]
    : [...RUN_GROUPS];
  return {
    port: raw.PORT ?? 8000,
    host: raw.HOST ?? '127.0.0.1',
    corsOrigins: (raw.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    auth: {
      mode: raw.AUTH_MODE ?? 'auto',
      required: keysRequired(raw.AUTH_MODE ?? 'auto', raw.HOST ?? '127.0.0.1'),
      adminApiKey: raw.ADMIN_API_KEY,
      expensivePerMinute: raw.RATE_LIMIT_EXPENSIVE_PER_MINUTE ?? 60,
    },
    dataDir,
    databaseUrl: raw.DATABASE_URL,
    tippersDbUrl: raw.TIPPERS_DB_URL,
    encryptionKey: raw.ENCRYPTION_KEY,
    connectionAllowedHosts: parseHostPatterns(raw.CONNECTION_ALLOWED_HOSTS),
    appRole: raw.APP_ROLE ?? 'all',
    logLevel: raw.LOG_LEVEL ?? 'info',
    demoSeed: raw.DEMO_SEED ?? 42,
    runs: {
      queueDriver: raw.REDIS_URL ? 'bullmq' : 'local',
      redisUrl: raw.REDIS_URL,
      queuePrefix: raw.RUN_QUEUE_PREFIX ?? 'tippers',
      maxConcurrentRuns,
      workerConcurrency: raw.WORKER_CONCURRENCY ?? maxConcurrentRuns,
      groupCaps: caps,
      workerGroups,
      heartbeatIntervalSeconds: raw.HEARTBEAT_INTERVAL_SECONDS ?? 5,
      heartbeatTimeoutSeconds: raw.HEARTBEAT_TIMEOUT_SECONDS ?? 30,
      monitorIntervalSeconds: raw.RUN_MONITOR_INTERVAL_SECONDS ?? 5,
      retryBackoffSeconds: raw.RETRY_BACKOFF_SECONDS ?? 2,
      shutdownGraceSeconds: raw.SHUTDOWN_GRACE_SECONDS ?? 30,
    },
    occupancy: {
      sourceSensorIntervalSeconds: raw.SOURCE_CHUNK_SENSOR_INTERVAL ?? 30,
      sensorIntervalSeconds: raw.OCCUPANCY_SENSOR_INTERVAL ?? 2,
      timeoutMultiplier: raw.CHUNK_TIMEOUT_MULTIPLIER ?? 2,
      timeoutMinSeconds: raw.CHUNK_TIMEOUT_MIN_SECONDS ?? 300,
      timeoutLookbackDays: raw.CHUNK_TIMEOUT_LOOKBACK_DAYS ?? 30,
      batchSpaces: raw.OCCUPANCY_BATCH_SPACES ?? 10_000,
      runMaxDays: raw.OCCUPANCY_RUN_MAX_DAYS ?? 7,
      objectGraceSeconds: raw.OCCUPANCY_OBJECT_GRACE_SECONDS ?? 900,
      objectCollectorIntervalSeconds: raw.OCCUPANCY_OBJECT_COLLECTOR_INTERVAL ?? 60,
      resultsCacheBytes: (raw.OCCUPANCY_RESULTS_CACHE_MB ?? 64) * 1024 * 1024,
    },
    objectStore: raw.S3_BUCKET_NAME
      ? {
          driver: 's3',
          bucket: raw.S3_BUCKET_NAME,
          endpoint: raw.S3_ENDPOINT_URL,
          forcePathStyle: raw.S3_FORCE_PATH_STYLE ?? false,
          region: raw.AWS_DEFAULT_REGION ?? 'us-east-1',
          accessKeyId: raw.AWS_ACCESS_KEY_ID,
          secretAccessKey: raw.AWS_SECRET_ACCESS_KEY,
        }
      : { driver: 'fs', root: path.join(dataDir, 'objects') },
    duckdb: {
      memoryLimit: raw.DUCKDB_MEMORY_LIMIT ?? defaultDuckDbMemoryLimit(machineMemoryBytes()),
      threads: raw.DUCKDB_THREADS ?? Math.max(1, Math.min(4, os.availableParallelism())),
      tempDir: path.join(dataDir, 'duckdb-tmp'),
    },
    models: { uploadMaxBytes: (raw.MODEL_UPLOAD_MAX_MB ?? 100) * 1024 * 1024 },
  };
}
