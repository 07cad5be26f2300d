import {
  ConnectionPolicyError,
  ExternalSql,
  UserSqlCanceledError,
  UserSqlError,
} from '../src/infra/external-sql/external-sql.service';
import type { ExternalConnectionParams } from '../src/infra/external-sql/external-sql.types';
import { createTestApp, TestApp } from './helpers/test-app';
import { execSql } from './helpers/test-db';
import { waitFor } from './helpers/wait';

/**
 * ExternalSql.query: the one way user SQL reaches a registered database (a guard on the parse
 * tree, the allow-list and address checks, BEGIN READ ONLY, a statement timeout, cancel).
 */
describe('ExternalSql.query', () => {
  let t: TestApp;
  let sql: ExternalSql;
  let params: ExternalConnectionParams;

  beforeAll(async () => {
    t = await createTestApp();
    sql = t.app.get(ExternalSql);
    const url = new URL(t.config.tippersDbUrl!);
    params = {
      connectionType: 'postgresql',
      host: url.hostname,
      port: Number(url.port || 5432),
      database: decodeURIComponent(url.pathname.slice(1)),
      user: decodeURIComponent(url.username) || 'postgres',
      password: decodeURIComponent(url.password) || null,
    };
    await execSql(
      t.config.tippersDbUrl!,
      `CREATE TABLE readings (room int, n int);
       INSERT INTO readings VALUES (1, 10), (1, 20), (2, 5);
       CREATE TABLE audit (note text);
       CREATE FUNCTION sneaky_write() RETURNS int LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO audit VALUES ('written through a function call');
         RETURN 1;
       END $$;`,
    );
  });
  afterAll(async () => t?.close());

  it('runs one read-only query with bindings and names its columns', async () => {
    const r = await sql.query(
      params,
      'SELECT room, sum(n)::int AS total FROM readings WHERE n > $1 GROUP BY room ORDER BY room',
      [6],
    );
    expect(r.columns.map((c) => c.name)).toEqual(['room', 'total']);
    expect(r.rows).toEqual([{ room: 1, total: 30 }]);
  });

  it('refuses what is not one read-only query before contacting anything', async () => {
    // 192.0.2.1 is unroutable: reaching it would take the 5 s connect timeout
    const nowhere = { ...params, host: '192.0.2.1' };
    for (const [text, reason] of [
      ['DELETE FROM readings', /not DELETE/],
      ['SELECT 1; DROP TABLE readings', /only one statement/],
      ['WITH d AS (DELETE FROM readings RETURNING *) SELECT * FROM d', /must not write/],
      ['SELECT pg_sleep(60)', /pg_sleep/],
    ] as const) {
      const e = await sql.query(nowhere, text).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UserSqlError);
      expect((e as Error).message).toMatch(reason);
    }
    const [{ n }] = (await execSql(
      t.config.tippersDbUrl!,
      'SELECT count(*)::int AS n FROM readings',
    )) as {
      n: number;
    }[];
    expect(n).toBe(3);
  });

  it('runs in a READ ONLY transaction: a write the guard cannot see is refused by the server', async () => {
    // a plain SELECT of a user-defined function passes the guard: what the function does is
    // invisible in the statement's parse tree
    const e = await sql.query(params, 'SELECT sneaky_write()').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserSqlError);
    expect((e as UserSqlError).sqlState).toBe('25006'); // read_only_sql_transaction
    const [{ n }] = (await execSql(
      t.config.tippersDbUrl!,
      'SELECT count(*)::int AS n FROM audit',
    )) as { n: number }[];
    expect(n).toBe(0);
  });

  it('stops a statement at its timeout', async () => {
    const e = await sql
      .query(params, 'SELECT count(*) FROM (SELECT generate_series(1, 10000000000)) AS s', [], {
        timeoutMs: 200,
      })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserSqlCanceledError);
    expect((e as Error).message).toMatch(/longer than 200 ms/);
  });

  it('cancels the statement on the server when its caller aborts', async () => {
    const abort = new AbortController();
    const running = sql
      .query(
        params,
        // in the select list the series streams; in FROM it would fill a temp file on disk
        'SELECT count(*) FROM (SELECT generate_series(1, 10000000000)) AS marker_abort_test',
        [],
        {
          signal: abort.signal,
          timeoutMs: 600_000,
        },
      )
      .catch((x: unknown) => x);
    const active = `SELECT count(*)::int AS n FROM pg_stat_activity
                     WHERE state = 'active' AND query LIKE '%marker_abort_test%' AND pid <> pg_backend_pid()`;
    await waitFor('the query to run', async () => {
      const [{ n }] = (await execSql(t.config.tippersDbUrl!, active)) as { n: number }[];
      return n === 1;
    });
    abort.abort();
    const e = await running;
    expect(e).toBeInstanceOf(UserSqlCanceledError);
    expect((e as Error).message).toBe('the query was canceled');
    const [{ n }] = (await execSql(t.config.tippersDbUrl!, active)) as { n: number }[];
    expect(n).toBe(0);
  });

  it('checks the address at every use: a metadata address is refused', async () => {
    const e = await sql
      .query({ ...params, host: '169.254.169.254' }, 'SELECT 1')
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConnectionPolicyError);
  });
});
