import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import {
  ColumnInfo,
  compileConditions,
  Condition,
  ConditionsConfig,
  ConditionsError,
  quoteString,
} from '.';

/** A rule's rows: every kind of value, NULLs, quotes, NUL and a column name with a quote. */
const COLUMNS: ColumnInfo[] = [
  { name: 'id', type: 'INTEGER' },
  { name: 'score', type: 'DOUBLE' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'flag', type: 'BOOLEAN' },
  { name: 'at', type: 'DATE' },
  { name: 'odd "col"', type: 'BIGINT' },
];
type Row = {
  id: number;
  score: number | null;
  name: string | null;
  flag: boolean | null;
  at: string | null;
  'odd "col"': number | null;
};
const NAMES = [
  'alpha',
  "o'hara",
  'x\u0000y',
  'iphone 12',
  'Samsung',
  '',
  "'; DROP TABLE r; --",
  null,
];
const ROWS: Row[] = Array.from({ length: 240 }, (_, i) => ({
  id: i,
  score: i % 7 === 0 ? null : ((i * 37) % 100) / 10,
  name: NAMES[i % NAMES.length],
  flag: i % 5 === 0 ? null : i % 2 === 0,
  at: i % 11 === 0 ? null : `2026-0${1 + (i % 9)}-1${i % 10}`,
  'odd "col"': i % 13 === 0 ? null : i * 1000,
}));

/** SQL's three-valued logic, written independently of the compiler: true, false or null. */
function oracle(c: Condition, row: Row): boolean | null {
  if ('all' in c) {
    const v = c.all.map((x) => oracle(x, row));
    return v.includes(false) ? false : v.includes(null) ? null : true;
  }
  if ('any' in c) {
    const v = c.any.map((x) => oracle(x, row));
    return v.includes(true) ? true : v.includes(null) ? null : false;
  }
  if ('not' in c) {
    const v = oracle(c.not, row);
    return v === null ? null : !v;
  }
  const x = row[c.column as keyof Row] as unknown;
  if (c.op === 'is_null') return x === null;
  if (c.op === 'not_null') return x !== null;
  if (x === null) return null;
  const cmp = (a: unknown, b: unknown) => (a === b ? 0 : (a as never) < (b as never) ? -1 : 1);
  const v = c.value as never;
  switch (c.op) {
    case '=':
      return cmp(x, v) === 0;
    case '!=':
      return cmp(x, v) !== 0;
    case '>':
      return cmp(x, v) > 0;
    case '>=':
      return cmp(x, v) >= 0;
    case '<':
      return cmp(x, v) < 0;
    case '<=':
      return cmp(x, v) <= 0;
    case 'in':
      return (v as unknown[]).some((y) => cmp(x, y) === 0);
    case 'not_in':
      return (v as unknown[]).every((y) => cmp(x, y) !== 0);
    case 'between':
      return cmp(x, (v as unknown[])[0]) >= 0 && cmp(x, (v as unknown[])[1]) <= 0;
    case 'contains':
      return String(x).includes(v);
    case 'regex':
      return new RegExp(v).test(String(x));
  }
  throw new Error('unknown op');
}

describe('compileConditions', () => {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    conn = await instance.connect();
    await conn.run(
      `CREATE TABLE r (id INTEGER, score DOUBLE, name VARCHAR, flag BOOLEAN, "at" DATE, "odd ""col""" BIGINT)`,
    );
    const lit = (v: unknown, type: string) =>
      v === null
        ? 'NULL'
        : typeof v === 'string'
          ? `CAST(${quoteString(v)} AS ${type})`
          : String(v);
    for (const r of ROWS)
      await conn.run(
        `INSERT INTO r VALUES (${r.id}, ${lit(r.score, 'DOUBLE')}, ${lit(r.name, 'VARCHAR')}, ${lit(r.flag, 'BOOLEAN')}, ${lit(r.at, 'DATE')}, ${lit(r['odd "col"'], 'BIGINT')})`,
      );
  });
  afterAll(() => {
    conn.closeSync();
    instance.closeSync();
  });

  const CASES: Condition[][] = [
    [{ column: 'score', op: '>', value: 5 }],
    [
      { column: 'score', op: '<=', value: 2.5 },
      { column: 'flag', op: '=', value: true },
    ],
    [{ column: 'name', op: 'in', value: ['alpha', "o'hara", 'x\u0000y'] }],
    [{ column: 'name', op: 'not_in', value: ['alpha', ''] }],
    [{ column: 'name', op: '=', value: "'; DROP TABLE r; --" }],
    [{ column: 'name', op: '!=', value: 'x\u0000y' }],
    [{ column: 'name', op: 'contains', value: "'" }],
    [{ column: 'name', op: 'regex', value: '^(iphone|Sam)' }],
    [{ column: 'id', op: 'between', value: [10, 20] }],
    [{ column: 'at', op: '>=', value: '2026-05-01' }],
    [{ column: 'odd "col"', op: '>', value: 100000 }],
    [{ column: 'score', op: 'is_null' }],
    [{ column: 'flag', op: 'not_null' }],
    [{ not: { column: 'score', op: '>', value: 5 } }],
    [
      {
        any: [
          {
            all: [
              { column: 'flag', op: '=', value: false },
              { column: 'score', op: '<', value: 3 },
            ],
          },
          { not: { column: 'name', op: 'in', value: ['alpha', 'Samsung'] } },
        ],
      },
    ],
  ];

  it.each(CASES.map((c, i) => [i, c]))(
    'case %i labels exactly the rows SQL logic says',
    async (_, conditions) => {
      const config: ConditionsConfig = { label: 7, conditions: conditions as Condition[] };
      const { sql } = compileConditions(config, COLUMNS, [7, 8]);
      const reader = await conn.runAndReadAll(`SELECT id, ${sql} AS vote FROM r ORDER BY id`);
      const got = reader.getRowObjectsJson().map((r) => (r.vote === null ? -1 : Number(r.vote)));
      const want = ROWS.map((row) =>
        oracle({ all: conditions as Condition[] }, row) === true ? 7 : -1,
      );
      expect(got).toEqual(want);
      expect(want.filter((v) => v === 7).length).toBeGreaterThan(0); // each case labels something
    },
  );

  it('ORs the top level with match: any', async () => {
    const { sql } = compileConditions(
      {
        label: 1,
        match: 'any',
        conditions: [
          { column: 'id', op: '=', value: 1 },
          { column: 'id', op: '=', value: 2 },
        ],
      },
      COLUMNS,
    );
    const reader = await conn.runAndReadAll(`SELECT count(${sql}) AS n FROM r`);
    expect(Number(reader.getRowObjectsJson()[0].n)).toBe(2);
  });

  it.each([
    [
      { label: 1, conditions: [{ column: 'nope', op: '=', value: 1 }] },
      'lf_config.conditions[0].column: the rule has no column "nope"',
    ],
    [
      { label: 1, conditions: [{ column: 'id', op: '~', value: 1 }] },
      'lf_config.conditions[0].op: must be one of',
    ],
    [
      { label: 1, conditions: [{ column: 'id', op: '=', value: 'one' }] },
      'lf_config.conditions[0].value: column "id" is INTEGER: the value must be a finite number',
    ],
    [{ label: 1, conditions: [{ column: 'name', op: '=', value: 3 }] }, 'must be a string'],
    [
      { label: 1, conditions: [{ column: 'flag', op: '>', value: true }] },
      'does not order a BOOLEAN column',
    ],
    [{ label: 1, conditions: [{ column: 'id', op: 'in', value: [] }] }, 'in needs a list'],
    [
      { label: 1, conditions: [{ column: 'id', op: 'between', value: [1] }] },
      'between needs [low, high]',
    ],
    [
      { label: 1, conditions: [{ column: 'id', op: 'is_null', value: 1 }] },
      'is_null takes no value',
    ],
    [
      { label: 1, conditions: [{ any: [] }] },
      'lf_config.conditions[0].any: must be a non-empty list',
    ],
    [{ label: 1, conditions: [] }, 'lf_config.conditions: must be a non-empty list'],
    [{ label: -1, conditions: [{ column: 'id', op: 'is_null' }] }, 'lf_config.label'],
    [
      { label: 9, conditions: [{ column: 'id', op: 'is_null' }] },
      "not among the LF's applicable_cv_ids",
    ],
    [
      { label: 1, conditions: [{ column: 'id', op: 'is_null', extra: 1 }] },
      'lf_config.conditions[0].extra: is not a field',
    ],
    [{ label: 1, conditions: [{ column: 'score', op: '=', value: Infinity }] }, 'finite number'],
    [
      { label: 1, conditions: [{ column: 'name', op: 'contains', value: 'x'.repeat(10_001) }] },
      'longer than 10000',
    ],
    [{ label: 1, conditions: [deep(20)] }, 'nested deeper than 16'],
    [
      {
        label: 1,
        conditions: Array.from({ length: 1001 }, () => ({ column: 'id', op: 'is_null' })),
      },
      'more than 1000 conditions',
    ],
    ['SELECT 1', 'lf_config: must be an object'],
  ])('refuses %j with a message naming the part', (config, message) => {
    expect(() => compileConditions(config, COLUMNS, [1, 8])).toThrow(ConditionsError);
    expect(() => compileConditions(config, COLUMNS, [1, 8])).toThrow(message);
  });
});

function deep(n: number): Condition {
  return n === 0 ? { column: 'id', op: 'is_null' } : { not: deep(n - 1) };
}
