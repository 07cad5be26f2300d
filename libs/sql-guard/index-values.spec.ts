import {
  checkReadOnlySql,
  INDEX_VALUES_PLACEHOLDER,
  positionalParameter,
  substituteIndexValues,
} from '.';

const SUB = 'SELECT unnest($1::text[]) AS index_value';
const sub = async (sql: string) => (await substituteIndexValues(sql, SUB)).sql;

describe('substituteIndexValues', () => {
  it('is the placeholder the definitions write', () => {
    expect(INDEX_VALUES_PLACEHOLDER).toBe(':index_values');
  });

  it('replaces the placeholder in every usual form with a subquery', async () => {
    expect(await sub('SELECT k FROM t WHERE k IN :index_values')).toBe(
      `SELECT k FROM t WHERE k IN (${SUB})`,
    );
    expect(await sub('SELECT k FROM t WHERE k IN (:index_values)')).toBe(
      `SELECT k FROM t WHERE k IN (${SUB})`,
    );
    expect(await sub('SELECT k FROM t WHERE k IN ( :index_values )')).toBe(
      `SELECT k FROM t WHERE k IN (${SUB})`,
    );
    expect(await sub('SELECT k FROM t WHERE k IN (/* keys */ :index_values -- all\n)')).toBe(
      `SELECT k FROM t WHERE k IN (${SUB})`,
    );
    expect(await sub('SELECT k FROM t WHERE k = ANY(:INDEX_VALUES)')).toBe(
      `SELECT k FROM t WHERE k = ANY(${SUB})`,
    );
    expect(await sub('SELECT v.index_value FROM :index_values AS v')).toBe(
      `SELECT v.index_value FROM (${SUB}) AS v`,
    );
    expect(await sub('SELECT v.index_value FROM (:Index_Values) v')).toBe(
      `SELECT v.index_value FROM (${SUB}) v`,
    );
    expect(await sub('SELECT ARRAY(:index_values)')).toBe(`SELECT ARRAY(${SUB})`);
  });

  it('replaces only one pair of parentheses, and only around the placeholder alone', async () => {
    expect(await sub('SELECT * FROM t WHERE k IN ((:index_values))')).toBe(
      `SELECT * FROM t WHERE k IN ((${SUB}))`,
    );
    expect(await sub('SELECT (:index_values, 1)')).toBe(`SELECT ((${SUB}), 1)`);
    expect(await sub('SELECT (1 + :index_values)')).toBe(`SELECT (1 + (${SUB}))`);
  });

  it('counts several placeholders and leaves strings, comments, quoted names and casts alone', async () => {
    const sql =
      "SELECT ':index_values', E':index_values\\'', $$ :index_values $$, $q$:index_values$q$, " +
      '":index_values", U&":index_values", x::index_values /* :index_values /* nested */ */ ' +
      'FROM t WHERE a IN :index_values AND b IN (:index_values) -- :index_values';
    const r = await substituteIndexValues(sql, SUB);
    expect(r.count).toBe(2);
    expect(r.sql).toBe(
      "SELECT ':index_values', E':index_values\\'', $$ :index_values $$, $q$:index_values$q$, " +
        '":index_values", U&":index_values", x::index_values /* :index_values /* nested */ */ ' +
        `FROM t WHERE a IN (${SUB}) AND b IN (${SUB}) -- :index_values`,
    );
  });

  it('does not take a quoted name, a spaced colon, a longer name or an array slice', async () => {
    for (const sql of [
      'SELECT :"index_values"',
      "SELECT :'index_values'",
      'SELECT : index_values FROM t',
      'SELECT :index_values_2 FROM t',
      'SELECT a[1:index_values] FROM t',
      'SELECT a[:index_values] FROM t',
      'SELECT x::index_values FROM t',
      'SELECT x :: index_values FROM t',
    ])
      expect(await substituteIndexValues(sql, SUB)).toEqual({ sql, count: 0 });
    // after the slice's bracket closes, a placeholder counts again
    expect(await sub('SELECT a[1:2] FROM t WHERE k IN :index_values')).toBe(
      `SELECT a[1:2] FROM t WHERE k IN (${SUB})`,
    );
  });

  it('finds the placeholder after multi-byte text (the scanner counts UTF-8 bytes)', async () => {
    expect(await sub("SELECT 'é😀' AS s FROM t WHERE k IN :index_values")).toBe(
      `SELECT 'é😀' AS s FROM t WHERE k IN (${SUB})`,
    );
    expect(
      await sub("SELECT '日本語', \"ünï\" /* ✓ */ FROM t WHERE k IN (:index_values) AND s = '€'"),
    ).toBe(`SELECT '日本語', "ünï" /* ✓ */ FROM t WHERE k IN (${SUB}) AND s = '€'`);
    // a lone surrogate is three bytes to the scanner, as any other BMP character
    expect(await sub("SELECT '\ud800x' FROM t WHERE k IN :index_values")).toBe(
      `SELECT '\ud800x' FROM t WHERE k IN (${SUB})`,
    );
  });

  it('reads SQL holding control characters (the scanner output does not escape them)', async () => {
    expect(await sub("SELECT 'a\u0001\u000b\tb' FROM t WHERE k IN :index_values")).toBe(
      `SELECT 'a\u0001\u000b\tb' FROM t WHERE k IN (${SUB})`,
    );
  });

  it('leaves SQL without a placeholder, or that does not scan, unchanged', async () => {
    expect(await substituteIndexValues('SELECT 1', SUB)).toEqual({ sql: 'SELECT 1', count: 0 });
    const broken = "SELECT k FROM t WHERE s = 'it''s AND k IN :index_values";
    expect(await substituteIndexValues(broken, SUB)).toEqual({ sql: broken, count: 0 });
    const r = await checkReadOnlySql(broken);
    expect(r).toEqual({
      ok: false,
      reason: expect.stringMatching(/^unterminated quoted string .* \(at character 27\)$/),
    });
  });

  it('gives SQL the guard accepts', async () => {
    for (const sql of [
      'SELECT k FROM t WHERE k IN :index_values',
      'SELECT k FROM t WHERE k IN (:index_values)',
      'SELECT k, count(*) FROM t WHERE k = ANY(:index_values) GROUP BY k',
      'SELECT * FROM :index_values AS v',
      'SELECT v.index_value, t.x FROM :index_values v JOIN t ON t.k = v.index_value',
      'WITH keys AS (SELECT * FROM :index_values AS v) SELECT * FROM keys',
      'SELECT k FROM t WHERE EXISTS (SELECT 1 FROM :index_values v WHERE v.index_value = t.k)',
      "SELECT 'é😀' AS s, k FROM t WHERE k IN :index_values",
    ]) {
      const r = await substituteIndexValues(sql, SUB);
      expect(r.count).toBeGreaterThan(0);
      expect(await checkReadOnlySql(r.sql)).toEqual({ ok: true });
    }
  });

  it('is needed: the guard does not parse a placeholder', async () => {
    const r = await checkReadOnlySql('SELECT k FROM t WHERE k IN :index_values');
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/syntax error at or near ":"/) });
  });
});

describe('positionalParameter', () => {
  it('finds a $n written in the SQL, not inside strings, comments or names', async () => {
    expect(await positionalParameter('SELECT * FROM t WHERE id = $2')).toBe('$2');
    expect(await positionalParameter("SELECT 'é😀', x FROM t WHERE id = $12")).toBe('$12');
    expect(await positionalParameter('SELECT \'$1\', $$ $1 $$, "$1" /* $1 */ FROM t')).toBeNull();
    expect(await positionalParameter('SELECT a$1 FROM t')).toBeNull();
    expect(await positionalParameter("SELECT '$1")).toBeNull();
  });
});
