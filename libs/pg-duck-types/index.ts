/**
 * How a PostgreSQL output column is stored in Parquet (through DuckDB): the same type where
 * DuckDB has one, else its PostgreSQL text form as VARCHAR. Pure: from format_type() names.
 */

const EXACT: Record<string, string> = {
  smallint: 'SMALLINT',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  real: 'FLOAT',
  'double precision': 'DOUBLE',
  boolean: 'BOOLEAN',
  text: 'VARCHAR',
  name: 'VARCHAR',
  '"char"': 'VARCHAR',
  date: 'DATE',
  'timestamp without time zone': 'TIMESTAMP',
  'timestamp with time zone': 'TIMESTAMPTZ',
  'time without time zone': 'TIME',
  uuid: 'UUID',
  json: 'VARCHAR',
  jsonb: 'VARCHAR',
  numeric: 'DOUBLE',
  oid: 'BIGINT',
};

/** DuckDB's widest DECIMAL. */
const MAX_DECIMAL_PRECISION = 38;

/**
 * The DuckDB type for a PostgreSQL type name (format_type output, e.g. `numeric(10,2)`,
 * `character varying(17)`, `timestamp(3) with time zone`). Unconstrained `numeric` (what avg()
 * returns) becomes DOUBLE; `numeric(p,s)` DECIMAL(p,s) up to 38 digits, DOUBLE beyond; arrays,
 * intervals, ranges, network and other types keep their text form (VARCHAR).
 */
export function duckTypeOf(pgType: string): string {
  const t = pgType.trim().toLowerCase();
  if (EXACT[t]) return EXACT[t];
  if (t.endsWith('[]')) return 'VARCHAR';
  const numeric = /^numeric\((\d+)(?:,(\d+))?\)$/.exec(t);
  if (numeric) {
    const p = Number(numeric[1]);
    const s = Number(numeric[2] ?? 0);
    return p <= MAX_DECIMAL_PRECISION && s <= p ? `DECIMAL(${p},${s})` : 'DOUBLE';
  }
  if (/^(character varying|character|bit varying|bit)(\(\d+\))?$/.test(t)) return 'VARCHAR';
  if (/^timestamp\(\d\) without time zone$/.test(t)) return 'TIMESTAMP';
  if (/^timestamp\(\d\) with time zone$/.test(t)) return 'TIMESTAMPTZ';
  if (/^time\(\d\) without time zone$/.test(t)) return 'TIME';
  return 'VARCHAR';
}

/** DuckDB types whose stats are numeric (min, max, mean, std). */
export function isNumericDuckType(type: string): boolean {
  return /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\d+\))$/.test(type);
}

/** DuckDB types that can hold NaN. */
export function isFloatDuckType(type: string): boolean {
  return type === 'FLOAT' || type === 'DOUBLE';
}

/**
 * A PostgreSQL type name safe to put in a cast (`::<name>[]`): format_type output of the
 * usual shapes only; anything else (a server could answer anything) is `text`.
 */
export function castableType(pgType: string): string {
  return /^[a-z][a-z0-9_ ]*(\(\d+(,\d+)?\))?( with(out)? time zone)?$/i.test(pgType.trim())
    ? pgType.trim()
    : 'text';
}
