import { BIGINT, DuckDBTimestampValue, TIMESTAMP } from '@duckdb/node-api';
import { coercerFor, toJsFor } from './duckdb-values';

describe('coercerFor', () => {
  const ts = coercerFor({ name: 't', type: 'TIMESTAMP' });
  const micros = (v: unknown) => (ts(v, 1) as DuckDBTimestampValue).micros;

  it('reads a timestamp string without a zone as UTC, whatever the process time zone', () => {
    const utc = BigInt(Date.UTC(2024, 2, 1, 12, 34, 56, 789)) * 1000n;
    expect(micros('2024-03-01 12:34:56.789')).toBe(utc);
    expect(micros('2024-03-01T12:34:56.789')).toBe(utc);
    expect(micros('2024-03-01T14:34:56.789+02:00')).toBe(utc);
    expect(micros(new Date(Number(utc / 1000n)))).toBe(utc);
    expect(micros('2024-03-01')).toBe(BigInt(Date.UTC(2024, 2, 1)) * 1000n);
  });

  it('takes BIGINT as a number, a bigint or the decimal string PostgreSQL sends for int8', () => {
    const big = coercerFor({ name: 'b', type: 'BIGINT' });
    expect(big('-9223372036854775808', 1)).toBe(-(2n ** 63n));
    expect(big(42, 1)).toBe(42n);
    expect(() => big('9223372036854775808', 7)).toThrow(
      /column "b" \(BIGINT\), row 7: expected an integer in the int64 range/,
    );
    expect(() => big(1.5, 1)).toThrow(/int64/);
  });

  it('maps null and undefined to NULL and refuses loose types', () => {
    const s = coercerFor({ name: 's', type: 'VARCHAR' });
    expect(s(undefined, 1)).toBeNull();
    expect(() => s(5, 2)).toThrow('column "s" (VARCHAR), row 2: expected a string, got number 5');
    expect(() => coercerFor({ name: 'f', type: 'BOOLEAN' })('true', 3)).toThrow(
      /expected a boolean/,
    );
    expect(() => coercerFor({ name: 'i', type: 'INTEGER' })(2 ** 31, 4)).toThrow(/int32/);
    expect(() => coercerFor({ name: 'd', type: 'DOUBLE' })('', 5)).toThrow(/numeric string/);
    expect(() => ts('not a date', 6)).toThrow(/ISO-8601/);
  });
});

describe('toJsFor', () => {
  it('gives BIGINT as a number when safe and as a string beyond 2^53', () => {
    const big = toJsFor(BIGINT);
    expect(big(9007199254740991n)).toBe(9007199254740991);
    expect(big(9007199254740993n)).toBe('9007199254740993');
    expect(big(null)).toBeNull();
  });

  it('floors timestamps to the millisecond, also before 1970', () => {
    const t = toJsFor(TIMESTAMP);
    expect(t(new DuckDBTimestampValue(-1n))).toEqual(new Date(-1));
    expect(t(new DuckDBTimestampValue(1_700_000_000_123_999n))).toEqual(
      new Date(1_700_000_000_123),
    );
    expect(t(DuckDBTimestampValue.PosInf)).toBe('infinity');
  });
});
