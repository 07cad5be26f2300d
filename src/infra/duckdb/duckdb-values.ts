import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBTimestampValue,
  DuckDBType,
  DuckDBTypeId,
  DuckDBValue,
  DuckDBValueConverter,
  INTEGER,
  JS,
  JSDuckDBValueConverter,
  TIMESTAMP,
  VARCHAR,
} from '@duckdb/node-api';

/**
 * Value conversion between plain JS and DuckDB, in both directions.
 *
 * Writing (appender): each column has a declared type and accepts a few JS shapes, strictly;
 * anything else is an error naming the column, the row and the value.
 *   VARCHAR   string
 *   INTEGER   integer number in the int32 range (or a bigint in range)
 *   BIGINT    safe-integer number, bigint in the int64 range, or a decimal string ('-123')
 *             (pg returns int8 as a string)
 *   DOUBLE    number, bigint, or a numeric string (pg returns numeric as a string)
 *   BOOLEAN   boolean
 *   TIMESTAMP Date, epoch milliseconds, or an ISO-8601 string; a string without a zone is UTC.
 *             Stored naive (TIMESTAMP, meaning UTC) at millisecond precision.
 *   null / undefined is NULL for every type.
 *
 * Reading: see {@link toJsFor}.
 */
export type ColumnType = 'VARCHAR' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'TIMESTAMP';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
}

/** A value read back from DuckDB: JSON-friendly except Date and Uint8Array. */
export type JsValue =
  null | boolean | number | string | Date | Uint8Array | JsValue[] | { [key: string]: JsValue };
export type JsRow = Record<string, JsValue>;

export const DUCKDB_TYPES: Record<ColumnType, DuckDBType> = {
  VARCHAR,
  INTEGER,
  BIGINT,
  DOUBLE,
  BOOLEAN,
  TIMESTAMP,
};

// the package re-exports through getters: read each binding once, not per value
const TimestampValue = DuckDBTimestampValue;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const HAS_ZONE = /(Z|[+-]\d\d(:?\d\d)?)$/i;
const DECIMAL_INT = /^[+-]?\d+$/;

type Coerce = (value: unknown) => DuckDBValue;

/** Thrown for a JS value that does not fit its column; the message says what was accepted. */
export class ColumnValueError extends Error {}

function fail(expected: string, value: unknown): never {
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value);
  throw new ColumnValueError(`expected ${expected}, got ${typeof value} ${shown}`);
}

function toBigInt(value: unknown): bigint {
  let big: bigint | undefined;
  if (typeof value === 'bigint') big = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) big = BigInt(value);
  else if (typeof value === 'string' && DECIMAL_INT.test(value)) big = BigInt(value);
  if (big === undefined || big < INT64_MIN || big > INT64_MAX) {
    fail('an integer in the int64 range (number, bigint or decimal string)', value);
  }
  return big;
}

function toTimestamp(value: unknown): DuckDBTimestampValue {
  let millis = NaN;
  if (value instanceof Date) millis = value.getTime();
  else if (typeof value === 'number') millis = value;
  else if (typeof value === 'string') {
    const iso = value.trim().replace(' ', 'T');
    // a date-only string is already parsed as UTC; a date-time without a zone would be local
    millis = Date.parse(iso.includes('T') && !HAS_ZONE.test(iso) ? `${iso}Z` : iso);
  }
  if (!Number.isFinite(millis)) fail('a Date, epoch milliseconds or an ISO-8601 string', value);
  const ms = Math.trunc(millis);
  const us = ms * 1000;
  return new TimestampValue(Number.isSafeInteger(us) ? BigInt(us) : BigInt(ms) * 1000n);
}

const COERCE: Record<ColumnType, Coerce> = {
  VARCHAR: (v) => (typeof v === 'string' ? v : fail('a string', v)),
  INTEGER: (v) => {
    const n = typeof v === 'bigint' ? Number(v) : v;
    return typeof n === 'number' && Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31
      ? n
      : fail('an integer in the int32 range', v);
  },
  BIGINT: toBigInt,
  DOUBLE: (v) => {
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
    return fail('a number or a numeric string', v);
  },
  BOOLEAN: (v) => (typeof v === 'boolean' ? v : fail('a boolean', v)),
  TIMESTAMP: toTimestamp,
};

/** The coercion for one column; errors are prefixed with the column's name and type. */
export function coercerFor(
  column: ColumnSpec,
): (value: unknown, rowNumber: number) => DuckDBValue | null {
  const coerce = COERCE[column.type];
  if (!coerce)
    throw new ColumnValueError(`column "${column.name}": unsupported type ${String(column.type)}`);
  return (value, rowNumber) => {
    if (value === null || value === undefined) return null;
    try {
      return coerce(value);
    } catch (err) {
      const why = err instanceof ColumnValueError ? err.message : String(err);
      throw new ColumnValueError(
        `column "${column.name}" (${column.type}), row ${rowNumber}: ${why}`,
      );
    }
  };
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function safeNumber(value: bigint): number | string {
  return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value.toString();
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/** floor(micros / 1000) as a number, in exact double arithmetic when it can be (the usual case). */
function microsToMillis(micros: bigint): bigint | number {
  const n = Number(micros);
  if (!Number.isSafeInteger(n)) return floorDiv(micros, 1000n);
  const rem = ((n % 1000) + 1000) % 1000;
  return (n - rem) / 1000;
}

const MAX_DATE_MILLIS = 8_640_000_000_000_000;

function dateOrString(millis: bigint | number, value: DuckDBValue): Date | string {
  const n = Number(millis);
  return n >= -MAX_DATE_MILLIS && n <= MAX_DATE_MILLIS ? new Date(n) : String(value);
}

const ID = {
  TIMESTAMP: DuckDBTypeId.TIMESTAMP,
  TIMESTAMP_TZ: DuckDBTypeId.TIMESTAMP_TZ,
  TIMESTAMP_S: DuckDBTypeId.TIMESTAMP_S,
  TIMESTAMP_MS: DuckDBTypeId.TIMESTAMP_MS,
  TIMESTAMP_NS: DuckDBTypeId.TIMESTAMP_NS,
  DATE: DuckDBTypeId.DATE,
  TIME: DuckDBTypeId.TIME,
  TIME_NS: DuckDBTypeId.TIME_NS,
  TIME_TZ: DuckDBTypeId.TIME_TZ,
  INTERVAL: DuckDBTypeId.INTERVAL,
  BOOLEAN: DuckDBTypeId.BOOLEAN,
  INTEGER: DuckDBTypeId.INTEGER,
  DOUBLE: DuckDBTypeId.DOUBLE,
  VARCHAR: DuckDBTypeId.VARCHAR,
  BIGINT: DuckDBTypeId.BIGINT,
  UBIGINT: DuckDBTypeId.UBIGINT,
  HUGEINT: DuckDBTypeId.HUGEINT,
  UHUGEINT: DuckDBTypeId.UHUGEINT,
};
const jsConverter = JSDuckDBValueConverter;

type ToJs = (value: DuckDBValue) => JsValue;
const asIs: ToJs = (v) => v as JsValue;
const fromBigInt: ToJs = (v) => (v === null ? null : safeNumber(v as bigint));
const asString: ToJs = (v) => (v === null ? null : String(v));
const micros = (v: DuckDBValue) => microsToMillis((v as DuckDBTimestampValue).micros);
const timestamp =
  (toMillis: (v: DuckDBValue) => bigint | number): ToJs =>
  (v) =>
    v === null ? null : dateOrString(toMillis(v), v);

/**
 * DuckDB → JS, chosen for JSON and for arithmetic:
 * - BIGINT / UBIGINT / HUGEINT / UHUGEINT → number when within ±(2^53 − 1), else a decimal
 *   string (never a bigint: it breaks JSON.stringify);
 * - TIMESTAMP (all precisions, and TIMESTAMPTZ) → Date, truncated to the millisecond (floor);
 *   ±infinity and values beyond the Date range → DuckDB's text ('infinity');
 * - DATE → 'YYYY-MM-DD', TIME / TIMETZ / INTERVAL → DuckDB's text;
 * - DECIMAL → number (double); UUID / ENUM → string; BLOB → Uint8Array;
 * - LIST / STRUCT / MAP → arrays / objects of the above.
 * Returns one function per column type, so the per-value work is a single call.
 */
export function toJsFor(type: DuckDBType): ToJs {
  switch (type.typeId) {
    case ID.BOOLEAN:
    case ID.INTEGER:
    case ID.DOUBLE:
    case ID.VARCHAR:
      return asIs;
    case ID.BIGINT:
    case ID.UBIGINT:
    case ID.HUGEINT:
    case ID.UHUGEINT:
      return fromBigInt;
    case ID.TIMESTAMP:
    case ID.TIMESTAMP_TZ:
      return timestamp(micros);
    case ID.TIMESTAMP_S:
      return timestamp((v) => (v as unknown as { seconds: bigint }).seconds * 1000n);
    case ID.TIMESTAMP_MS:
      return timestamp((v) => (v as unknown as { millis: bigint }).millis);
    case ID.TIMESTAMP_NS:
      return timestamp((v) => floorDiv((v as unknown as { nanos: bigint }).nanos, 1_000_000n));
    case ID.DATE:
    case ID.TIME:
    case ID.TIME_NS:
    case ID.TIME_TZ:
    case ID.INTERVAL:
      return asString;
    default:
      return (v) => {
        if (typeof v === 'bigint') return fromBigInt(v);
        // nested values recurse through toJs, so their leaves follow the same rules
        return v === null
          ? null
          : (jsConverter(v, type, toJs as DuckDBValueConverter<JS>) as JsValue);
      };
  }
}

/** `toJsFor` as a library value converter (used for nested values). */
export const toJs: DuckDBValueConverter<JsValue> = (value, type) => toJsFor(type)(value);
