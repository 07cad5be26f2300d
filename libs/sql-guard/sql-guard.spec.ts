import { checkReadOnlySql } from '.';

const refused = async (sql: string) => {
  const r = await checkReadOnlySql(sql);
  if (r.ok) throw new Error(`accepted: ${sql}`);
  return r.reason;
};

describe('checkReadOnlySql', () => {
  it('accepts one read-only query of any shape', async () => {
    for (const sql of [
      'SELECT 1',
      'select a, count(*) from t where b = $1 group by a order by 2 desc limit 10',
      'WITH x AS (SELECT * FROM t) SELECT * FROM x JOIN y USING (id)',
      'VALUES (1), (2)',
      'TABLE t',
      'SELECT 1 UNION SELECT 2',
      "SELECT ';' AS semi, $$DELETE FROM t$$ AS text -- DELETE FROM t",
      'SELECT 1;',
    ])
      expect(await checkReadOnlySql(sql)).toEqual({ ok: true });
  });

  it('refuses writes, also hidden in a CTE, and other statements', async () => {
    expect(await refused('DELETE FROM t')).toMatch(/only a query .* not DELETE/);
    expect(await refused('insert into t values (1)')).toMatch(/not INSERT/);
    expect(await refused('WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d')).toMatch(
      /must not write \(DELETE/,
    );
    expect(await refused('WITH u AS (UPDATE t SET a = 1 RETURNING *) SELECT 1')).toMatch(/UPDATE/);
    expect(await refused('SELECT * INTO copy FROM t')).toMatch(/SELECT INTO/);
    expect(await refused('SELECT * FROM t FOR UPDATE')).toMatch(/FOR UPDATE/);
    expect(await refused('DROP TABLE t')).toMatch(/not DROP/);
    expect(await refused('COPY t TO PROGRAM $$rm -rf /$$')).toMatch(/not COPY/);
    expect(await refused('SET statement_timeout = 0')).toMatch(/not SET\/RESET/);
  });

  it('refuses a second statement, however it is hidden', async () => {
    expect(await refused('SELECT 1; DELETE FROM t')).toBe('only one statement is allowed');
    expect(await refused('SELECT 1; SELECT 2')).toBe('only one statement is allowed');
    expect(await refused('/* ; */ SELECT 1 /* */; COMMIT')).toBe('only one statement is allowed');
    expect(await refused('')).toBe('the statement is empty');
    expect(await refused('-- only a comment')).toBe('the statement is empty');
  });

  it('refuses functions that sleep, read files, signal, lock or run SQL from text', async () => {
    expect(await refused('SELECT pg_sleep(10)')).toMatch(/pg_sleep\(\) is not allowed/);
    expect(await refused('SELECT pg_catalog.pg_read_file($$/etc/passwd$$)')).toMatch(
      /pg_catalog\.pg_read_file/,
    );
    expect(await refused("SELECT * FROM t WHERE a = (SELECT set_config('x', 'y', false))")).toMatch(
      /set_config/,
    );
    expect(await refused("SELECT query_to_xml('delete from t', true, true, '')")).toMatch(
      /query_to_xml/,
    );
    expect(await refused('SELECT PG_TERMINATE_BACKEND(1)')).toMatch(/pg_terminate_backend/);
  });

  it('names where a syntax error is', async () => {
    expect(await refused('SELEC 1')).toMatch(/syntax error at or near "SELEC" \(at character 1\)/);
    expect(await refused('SELECT * FROM')).toMatch(/syntax error/);
  });

  it('refuses NUL and megabytes before parsing, and survives deep nesting', async () => {
    expect(await refused('SELECT 1\u0000')).toMatch(/NUL/);
    expect(await refused(`SELECT '${'x'.repeat(200_000)}'`)).toMatch(/longer than/);
    const deep = `SELECT ${'('.repeat(500)}1${')'.repeat(500)}`;
    const r = await checkReadOnlySql(deep);
    expect(typeof r.ok).toBe('boolean');
  });
});
