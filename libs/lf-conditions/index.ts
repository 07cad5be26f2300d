/**
 * `conditions` labeling functions: a declarative predicate over a rule's columns and the class
 * it votes, compiled to one DuckDB expression `CASE WHEN <predicate> THEN <class> END` (NULL is
 * ABSTAIN) so a whole rule is labelled in one vectorised query.
 *
 * ```json
 * { "label": 3, "conditions": [
 *     { "column": "night_share", "op": ">=", "value": 0.6 },
 *     { "any": [ { "column": "vendor", "op": "in", "value": ["apple", "samsung"] },
 *                { "column": "name", "op": "regex", "value": "^iphone" } ] } ] }
 * ```
 * The top-level list is AND-ed (`"match": "any"` ORs it); `{"all": [...]}`, `{"any": [...]}` and
 * `{"not": {...}}` nest. Comparisons follow SQL: a NULL never matches them (use `is_null`).
 */

export const OPERATORS = [
  '=',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'in',
  'not_in',
  'between',
  'is_null',
  'not_null',
  'contains',
  'regex',
] as const;
export type Operator = (typeof OPERATORS)[number];

export type Scalar = number | string | boolean;
export type Condition =
  | { column: string; op: Operator; value?: Scalar | Scalar[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface ConditionsConfig {
  label: number;
  match?: 'all' | 'any';
  conditions: Condition[];
}

/** A rule column the conditions may read: its name and DuckDB type. */
export interface ColumnInfo {
  name: string;
  type: string;
}

/** A config that cannot be compiled; `path` points into it (e.g. `conditions[1].any[0].value`). */
export class ConditionsError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

export const LIMITS = {
  /** Conditions in all, counting groups. */
  conditions: 1000,
  /** Nesting of groups. */
  depth: 16,
  /** Values of one in / not_in. */
  listValues: 10_000,
  /** Characters of one string value. */
  stringLength: 10_000,
};

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?)$/i;
const TEXT = /^(VARCHAR|TEXT|STRING|UUID|JSON)$/i;
const TEMPORAL = /^(DATE|TIME|TIMESTAMP|TIMESTAMPTZ|TIMESTAMP WITH TIME ZONE|INTERVAL)$/i;

/** "name" with quotes doubled. */
export const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** 'text' with quotes doubled; NUL characters spliced in with chr(0) (a literal cannot hold one). */
export function quoteString(s: string): string {
  const parts = s.split('\u0000').map((p) => `'${p.replaceAll("'", "''")}'`);
  return parts.length === 1 ? parts[0] : `(${parts.join(' || chr(0) || ')})`;
}

/**
 * Checks `config` against the rule's `columns` and compiles it. Throws ConditionsError naming
 * the offending part. `applicable`: the classes the LF may vote (the label must be one).
 */
export function compileConditions(
  config: unknown,
  columns: readonly ColumnInfo[],
  applicable?: readonly number[],
): { sql: string; columns: string[] } {
  if (!isObject(config)) throw new ConditionsError('lf_config', 'must be an object');
  const known = new Set(Object.keys(config));
  for (const k of known)
    if (!['label', 'match', 'conditions'].includes(k))
      throw new ConditionsError(
        `lf_config.${k}`,
        'is not a field of a conditions LF (label, match, conditions)',
      );
  const label = config.label;
  if (typeof label !== 'number' || !Number.isSafeInteger(label) || label < 0)
    throw new ConditionsError('lf_config.label', 'must be a concept value id (an integer ≥ 0)');
  if (applicable && !applicable.includes(label))
    throw new ConditionsError(
      'lf_config.label',
      `${label} is not among the LF's applicable_cv_ids`,
    );
  const match = config.match ?? 'all';
  if (match !== 'all' && match !== 'any')
    throw new ConditionsError('lf_config.match', 'must be "all" or "any"');
  if (!Array.isArray(config.conditions) || config.conditions.length === 0)
    throw new ConditionsError('lf_config.conditions', 'must be a non-empty list');
  const byName = new Map(columns.map((c) => [c.name, c]));
  const used = new Set<string>();
  let count = 0;
  const group = (items: unknown, path: string, joiner: 'AND' | 'OR', depth: number): string => {
    if (!Array.isArray(items) || items.length === 0)
      throw new ConditionsError(path, 'must be a non-empty list of conditions');
    return `(${items.map((c, i) => one(c, `${path}[${i}]`, depth)).join(` ${joiner} `)})`;
  };
  const one = (c: unknown, path: string, depth: number): string => {
    if (++count > LIMITS.conditions)
      throw new ConditionsError(path, `more than ${LIMITS.conditions} conditions`);
    if (depth > LIMITS.depth) throw new ConditionsError(path, `nested deeper than ${LIMITS.depth}`);
    if (!isObject(c)) throw new ConditionsError(path, 'must be an object');
    const keys = Object.keys(c);
    if (keys.length === 1 && keys[0] === 'all')
      return group(c.all, `${path}.all`, 'AND', depth + 1);
    if (keys.length === 1 && keys[0] === 'any') return group(c.any, `${path}.any`, 'OR', depth + 1);
    if (keys.length === 1 && keys[0] === 'not')
      return `(NOT ${one(c.not, `${path}.not`, depth + 1)})`;
    for (const k of keys)
      if (!['column', 'op', 'value'].includes(k))
        throw new ConditionsError(
          `${path}.${k}`,
          'is not a field of a condition ({column, op, value}, or a group: all / any / not)',
        );
    return predicate(c, path);
  };
  const predicate = (c: Record<string, unknown>, path: string): string => {
    const { column, op, value } = c;
    if (typeof column !== 'string' || !byName.has(column))
      throw new ConditionsError(
        `${path}.column`,
        typeof column === 'string'
          ? `the rule has no column ${JSON.stringify(column.slice(0, 200))}`
          : 'must be a column name',
      );
    if (typeof op !== 'string' || !(OPERATORS as readonly string[]).includes(op))
      throw new ConditionsError(`${path}.op`, `must be one of ${OPERATORS.join(', ')}`);
    used.add(column);
    const info = byName.get(column)!;
    const id = quoteIdentifier(column);
    const kind = kindOf(info.type);
    const lit = (v: unknown, at: string) => literal(v, kind, info, at);
    switch (op as Operator) {
      case 'is_null':
      case 'not_null':
        if (value !== undefined) throw new ConditionsError(`${path}.value`, `${op} takes no value`);
        return `(${id} IS ${op === 'is_null' ? '' : 'NOT '}NULL)`;
      case 'in':
      case 'not_in': {
        if (!Array.isArray(value) || value.length === 0 || value.length > LIMITS.listValues)
          throw new ConditionsError(
            `${path}.value`,
            `${op} needs a list of 1 to ${LIMITS.listValues} values`,
          );
        const list = value.map((v, i) => lit(v, `${path}.value[${i}]`)).join(', ');
        return `(${id} ${op === 'in' ? 'IN' : 'NOT IN'} (${list}))`;
      }
      case 'between': {
        if (!Array.isArray(value) || value.length !== 2)
          throw new ConditionsError(`${path}.value`, 'between needs [low, high]');
        return `(${id} BETWEEN ${lit(value[0], `${path}.value[0]`)} AND ${lit(value[1], `${path}.value[1]`)})`;
      }
      case 'contains':
      case 'regex': {
        if (typeof value !== 'string')
          throw new ConditionsError(`${path}.value`, `${op} needs a string`);
        if (value.length > LIMITS.stringLength)
          throw new ConditionsError(
            `${path}.value`,
            `longer than ${LIMITS.stringLength} characters`,
          );
        const text = kind === 'text' ? id : `CAST(${id} AS VARCHAR)`;
        return op === 'contains'
          ? `contains(${text}, ${quoteString(value)})`
          : `regexp_matches(${text}, ${quoteString(value)})`;
      }
      default: {
        if (Array.isArray(value) || value === undefined || value === null)
          throw new ConditionsError(`${path}.value`, `${op} needs one value`);
        if ((op === '>' || op === '>=' || op === '<' || op === '<=') && kind === 'boolean')
          throw new ConditionsError(`${path}.op`, `${op} does not order a BOOLEAN column`);
        const sqlOp = op === '!=' ? '<>' : op;
        return `(${id} ${sqlOp} ${lit(value, `${path}.value`)})`;
      }
    }
  };
  const body =
    match === 'all'
      ? group(config.conditions, 'lf_config.conditions', 'AND', 1)
      : group(config.conditions, 'lf_config.conditions', 'OR', 1);
  return { sql: `CASE WHEN ${body} THEN ${label} END`, columns: [...used] };
}

type Kind = 'number' | 'text' | 'boolean' | 'temporal' | 'other';

function kindOf(type: string): Kind {
  if (NUMERIC.test(type)) return 'number';
  if (TEXT.test(type)) return 'text';
  if (/^BOOLEAN$/i.test(type)) return 'boolean';
  if (TEMPORAL.test(type)) return 'temporal';
  return 'other';
}

function literal(v: unknown, kind: Kind, info: ColumnInfo, path: string): string {
  const wrong = (want: string) =>
    new ConditionsError(
      path,
      `column ${JSON.stringify(info.name)} is ${info.type}: the value must be ${want}`,
    );
  switch (kind) {
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw wrong('a finite number');
      return Number.isInteger(v) ? v.toString() : `CAST(${v.toString()} AS DOUBLE)`;
    case 'boolean':
      if (typeof v !== 'boolean') throw wrong('true or false');
      return v ? 'TRUE' : 'FALSE';
    case 'text':
    case 'temporal':
    case 'other':
      if (typeof v !== 'string')
        throw wrong(kind === 'temporal' ? 'an ISO date/time string' : 'a string');
      if (v.length > LIMITS.stringLength)
        throw new ConditionsError(path, `longer than ${LIMITS.stringLength} characters`);
      return kind === 'text' ? quoteString(v) : `CAST(${quoteString(v)} AS ${info.type})`;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
