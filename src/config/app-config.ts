import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
  ValidationError,
} from 'class-validator';
import * as path from 'node:path';

export const APP_ROLES = ['all', 'api', 'worker', 'sensors'] as const;
export type AppRole = (typeof APP_ROLES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const POSTGRES_URL = /^postgres(ql)?:\/\/.+/;
const HEX_KEY = /^[0-9a-fA-F]{64}$/;

const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const toInt = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
};

/**
 * Environment variables the service reads, as they arrive (strings). Every field is
 * optional: the defaults give the embedded mode (DESIGN §3).
 */
export class EnvironmentVariables {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(POSTGRES_URL, { message: 'TIPPERS_DB_URL must be a postgres:// or postgresql:// URL' })
  TIPPERS_DB_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(HEX_KEY, { message: 'ENCRYPTION_KEY must be 64 hexadecimal characters (32 bytes)' })
  ENCRYPTION_KEY?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(APP_ROLES as unknown as string[], {
    message: `APP_ROLE must be one of: ${APP_ROLES.join(', ')}`,
  })
  APP_ROLE?: AppRole;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(LOG_LEVELS as unknown as string[], {
    message: `LOG_LEVEL must be one of: ${LOG_LEVELS.join(', ')}`,
  })
  LOG_LEVEL?: LogLevel;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(2147483647)
  DEMO_SEED?: number;
}

/** The validated, typed configuration every module reads (never `process.env`). */
export interface AppConfig {
  port: number;
  dataDir: string;
  /** Undefined: start the embedded PostgreSQL under `dataDir/pg`. */
  databaseUrl?: string;
  /** Undefined: use the `tippers_demo` database of the app's PostgreSQL, filled on first start. */
  tippersDbUrl?: string;
  /** Undefined: generate one under `dataDir` (embedded mode) on first start. */
  encryptionKey?: string;
  appRole: AppRole;
  logLevel: LogLevel;
  demoSeed: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) =>
      m.startsWith(e.property) ? m : `${e.property}: ${m}`,
    ),
  );
}

/** Validates `env` and returns the typed config; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const raw = plainToInstance(EnvironmentVariables, { ...env }, { exposeDefaultValues: true });
  const errors = validateSync(raw, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigError(describe(errors));
  return {
    port: raw.PORT ?? 8000,
    dataDir: path.resolve(cwd, raw.DATA_DIR ?? './data'),
    databaseUrl: raw.DATABASE_URL,
    tippersDbUrl: raw.TIPPERS_DB_URL,
    encryptionKey: raw.ENCRYPTION_KEY,
    appRole: raw.APP_ROLE ?? 'all',
    logLevel: raw.LOG_LEVEL ?? 'info',
    demoSeed: raw.DEMO_SEED ?? 42,
  };
}
