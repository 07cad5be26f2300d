import { Transform } from 'class-transformer';
import { AUTH_MODES, type AuthMode, KEY_PATTERN } from '../../libs/api-keys';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const APP_ROLES = ['all', 'api', 'worker', 'sensors'] as const;
export type AppRole = (typeof APP_ROLES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const POSTGRES_URL = /^postgres(ql)?:\/\/.+/;
const REDIS_URL = /^rediss?:\/\/.+/;
const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const MEMORY_SIZE = /^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const toNumber = ({ value }: { value: unknown }) => {
  const v = blankToUndefined(value);
  if (typeof v !== 'string') return v;
  return /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
};
const toBoolean = ({ value }: { value: unknown }) => {
  const v = blankToUndefined(value);
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(s)) return true;
  if (['false', '0', 'no'].includes(s)) return false;
  return v;
};

/** An optional integer variable within [min, max]. */
function IntVar(min: number, max: number): PropertyDecorator {
  return (target, key) => {
    const msg = `${String(key)} must be an integer between ${min} and ${max}`;
    IsOptional()(target, key);
    Transform(toNumber)(target, key);
    IsInt({ message: msg })(target, key);
    Min(min, { message: msg })(target, key);
    Max(max, { message: msg })(target, key);
  };
}

/** An optional number variable within [min, max]. */
function NumberVar(min: number, max: number): PropertyDecorator {
  return (target, key) => {
    const msg = `${String(key)} must be a number between ${min} and ${max}`;
    IsOptional()(target, key);
    Transform(toNumber)(target, key);
    IsNumber({}, { message: msg })(target, key);
    Min(min, { message: msg })(target, key);
    Max(max, { message: msg })(target, key);
  };
}

/** An optional string variable matching `pattern`. */
function PatternVar(pattern: RegExp, what: string): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    Transform(({ value }) => blankToUndefined(value))(target, key);
    Matches(pattern, { message: `${String(key)} must be ${what}` })(target, key);
  };
}

function OneOfVar(values: readonly string[]): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    Transform(({ value }) => blankToUndefined(value))(target, key);
    IsIn(values as string[], { message: `${String(key)} must be one of: ${values.join(', ')}` })(
      target,
      key,
    );
  };
}

function StringVar(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    Transform(({ value }) => blankToUndefined(value))(target, key);
    IsString()(target, key);
  };
}

function BooleanVar(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    Transform(toBoolean)(target, key);
    IsIn([true, false], { message: `${String(key)} must be true or false` })(target, key);
  };
}

/**
 * The environment variables the service reads, as they arrive (strings). Every one is
 * optional: the defaults give the embedded mode (DESIGN §3). README lists them all.
 */
export class EnvironmentVariables {
  @IntVar(1, 65535) PORT?: number;
  @PatternVar(/^[\w.:[\]-]{1,255}$/, 'a host name or IP address to listen on') HOST?: string;
  @OneOfVar(AUTH_MODES) AUTH_MODE?: AuthMode;
  @IntVar(0, 1_000_000) RATE_LIMIT_EXPENSIVE_PER_MINUTE?: number;
  @PatternVar(
    /^\s*https?:\/\/[^\s,/]+\s*(,\s*https?:\/\/[^\s,/]+\s*)*$/,
    'a comma-separated list of origins such as https://dashboard.example.org',
  )
  CORS_ORIGINS?: string;
  @PatternVar(KEY_PATTERN, 'an API key: tps_ and 43 base64url characters') ADMIN_API_KEY?: string;
  @StringVar() DATA_DIR?: string;
  @PatternVar(POSTGRES_URL, 'a postgres:// or postgresql:// URL') DATABASE_URL?: string;
  @PatternVar(POSTGRES_URL, 'a postgres:// or postgresql:// URL') TIPPERS_DB_URL?: string;
  @PatternVar(HEX_KEY, '64 hexadecimal characters (32 bytes)') ENCRYPTION_KEY?: string;
  @PatternVar(/^[\w.*:,\s-]+$/, 'a comma-separated list of host names, IPs or *.suffix patterns')
  CONNECTION_ALLOWED_HOSTS?: string;
  @OneOfVar(APP_ROLES) APP_ROLE?: AppRole;
  @OneOfVar(LOG_LEVELS) LOG_LEVEL?: LogLevel;
  @IntVar(0, 2147483647) DEMO_SEED?: number;

  // run engine (DESIGN §5)
  @PatternVar(REDIS_URL, 'a redis:// or rediss:// URL') REDIS_URL?: string;
  @PatternVar(/^[A-Za-z0-9_-]{1,64}$/, '1-64 letters, digits, _ or -') RUN_QUEUE_PREFIX?: string;
  @IntVar(1, 10000) MAX_CONCURRENT_RUNS?: number;
  @IntVar(1, 1000) WORKER_CONCURRENCY?: number;
  @IntVar(1, 10000) MAX_CONCURRENT_INTERACTIVE_RUNS?: number;
  @IntVar(1, 10000) MAX_CONCURRENT_DIAGNOSTIC_RUNS?: number;
  @IntVar(1, 10000) MAX_CONCURRENT_BULK_RUNS?: number;
  @PatternVar(
    /^\s*(interactive|diagnostic|bulk)\s*(,\s*(interactive|diagnostic|bulk)\s*)*$/,
    'a comma-separated list of run groups: interactive, diagnostic, bulk',
  )
  WORKER_GROUPS?: string;
  @NumberVar(0.05, 3600) HEARTBEAT_INTERVAL_SECONDS?: number;
  @NumberVar(0.5, 86400) HEARTBEAT_TIMEOUT_SECONDS?: number;
  @NumberVar(0.05, 3600) RUN_MONITOR_INTERVAL_SECONDS?: number;
  @NumberVar(0, 3600) RETRY_BACKOFF_SECONDS?: number;
  @NumberVar(0, 86400) SHUTDOWN_GRACE_SECONDS?: number;

  // occupancy (names of the Python original)
  @NumberVar(0.05, 86400) SOURCE_CHUNK_SENSOR_INTERVAL?: number;
  @NumberVar(0.05, 3600) OCCUPANCY_SENSOR_INTERVAL?: number;
  @NumberVar(1, 1000) CHUNK_TIMEOUT_MULTIPLIER?: number;
  @IntVar(1, 86400) CHUNK_TIMEOUT_MIN_SECONDS?: number;
  @IntVar(1, 3650) CHUNK_TIMEOUT_LOOKBACK_DAYS?: number;
  @IntVar(1, 100000) OCCUPANCY_BATCH_SPACES?: number;
  @IntVar(1, 3650) OCCUPANCY_RUN_MAX_DAYS?: number;
  @NumberVar(0, 604800) OCCUPANCY_OBJECT_GRACE_SECONDS?: number;
  @NumberVar(0.05, 86400) OCCUPANCY_OBJECT_COLLECTOR_INTERVAL?: number;
  @IntVar(0, 65536) OCCUPANCY_RESULTS_CACHE_MB?: number;

  // object store
  @StringVar() S3_BUCKET_NAME?: string;
  @PatternVar(/^https?:\/\/.+/, 'an http:// or https:// URL') S3_ENDPOINT_URL?: string;
  @BooleanVar() S3_FORCE_PATH_STYLE?: boolean;
  @StringVar() AWS_ACCESS_KEY_ID?: string;
  @StringVar() AWS_SECRET_ACCESS_KEY?: string;
  @StringVar() AWS_DEFAULT_REGION?: string;

  // DuckDB
  @PatternVar(MEMORY_SIZE, 'a size such as 512MB or 2GB') DUCKDB_MEMORY_LIMIT?: string;
  @IntVar(1, 256) DUCKDB_THREADS?: number;

  /** Model registry: the largest artifact an upload may carry, in MiB (default 100). */
  @IntVar(1, 4096) MODEL_UPLOAD_MAX_MB?: number;
}
