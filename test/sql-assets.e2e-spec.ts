import { existsSync } from 'node:fs';
import { DuckDb } from '../src/infra/duckdb/duckdb.service';
import { OBJECT_STORE, ObjectStore } from '../src/infra/object-store/object-store.port';
import { createTestApp, TestApp } from './helpers/test-app';
import { createEmptyDatabase, dropDatabase, execSql } from './helpers/test-db';
import { FAST_RUNS, waitForStatus } from './helpers/run-engine';
import { waitFor } from './helpers/wait';
import { registerConnection } from './helpers/connections';

/** Like .expect(code), with the body in the failure (the message says what was wrong). */
const status = (code: number) => (res: { status: number; body: unknown }) => {
  if (res.status !== code)
    throw new Error(`expected ${code}, got ${res.status}: ${JSON.stringify(res.body)}`);
};

/**
 * Indexes, rules and features end to end against real PostgreSQL: definitions checked where
 * they run, materialized Parquet equal to the SQL result (rows and types), stats, preview,
 * :index_values, staleness, delete/cascade.
 */
describe('SQL assets (indexes, rules, features)', () => {
  let t: TestApp;
  let source: { name: string; url: string };
  let connId: number;
  let cId: number;

  const SOURCE_SQL = `
    CREATE TABLE things (
      id bigint, name text, score numeric(10,2), ratio double precision, flag boolean,
      ts timestamp, tstz timestamptz, day date, doc jsonb, all_null integer, small smallint
    );
    INSERT INTO things VALUES
      (1, 'plain', 1.50, 0.25, true, '2026-01-02 03:04:05.123456', '2026-01-02 03:04:05+02', '2026-01-02', '{"a": [1, "x"]}', NULL, 1),
      (2, '', -2.00, 'NaN', false, '1999-12-31 23:59:59', '1999-12-31 23:59:59+00', '1999-12-31', 'null', NULL, -1),
      (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
      (4, E'quote " comma , newline \\n tab \\t', 99999999.99, 'Infinity', true, '2026-06-01 00:00:00', '2026-06-01 00:00:00+00', '2026-06-01', '{}', NULL, 32767),
      (5, 'dup name', 0.01, -1e300, true, '2026-01-01 00:00:00', '2026-01-01 00:00:00+00', '2026-01-01', '[]', NULL, 0),
      (6, 'dup name', 0.00, 1.5, false, '2026-01-01 00:00:00', '2026-01-01 00:00:00+00', '2026-01-01', '"s"', NULL, 0);
    CREATE TABLE audit (note text);
    CREATE FUNCTION sneaky_write() RETURNS int LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO audit VALUES ('x'); RETURN 1; END $$;`;

  beforeAll(async () => {
    t = await createTestApp({ env: FAST_RUNS });
    source = await createEmptyDatabase('test_source');
    await execSql(source.url, SOURCE_SQL);
    connId = await registerConnection(t.http, 'source', source.url);
    cId = (await t.http.post('/concepts').send({ name: 'things' }).expect(status(201))).body.c_id;
  });
  afterAll(async () => {
    await t?.close();
    if (source) await dropDatabase(source.name);
  });

  const createIndex = (body: object) =>
    t.http.post(`/concepts/${cId}/indexes`).send({ conn_id: connId, ...body });
  const createRule = (body: object) => t.http.post(`/concepts/${cId}/rules`).send(body);

  async function materialize(path: string): Promise<{ run_id: string }> {
    const res = await t.http.post(`${path}/materialize`).expect(status(202));
    const run = await waitForStatus(
      t,
      res.body.run_id,
      ['SUCCESS', 'FAILURE', 'CANCELED'],
      120_000,
    );
    if (run.status !== 'SUCCESS') throw new Error(`build ${run.status}: ${run.error}`);
    // the run-ended event records the build right after the run ends
    for (let i = 0; i < 100; i++) {
      const a = (await t.http.get(path).expect(status(200))).body;
      if (a.current_materialization?.run_id === res.body.run_id) return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the build was not recorded');
  }

  /** Rows and DuckDB types of a Parquet object. */
  async function parquetOf(key: string) {
    const file = t.app.get<ObjectStore>(OBJECT_STORE).localPath(key)!;
    // the app's DuckDB (its instance is TimeZone UTC)
    return t.app.get(DuckDb).withConnection(async (conn) => {
      const types = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`))
        .getRowObjectsJson()
        .map((r) => [r.column_name, r.column_type]);
      const rows = (
        await conn.runAndReadAll(`SELECT * FROM read_parquet('${file}') ORDER BY 1`)
      ).getRowObjectsJson();
      return { types: Object.fromEntries(types), rows };
    });
  }

  it('materializes an index and a rule equal to the SQL result, with faithful types', async () => {
    const index = (
      await createIndex({
        name: 'all things',
        sql_query: 'SELECT id, name FROM things',
        key_column: 'id',
      }).expect(status(201))
    ).body;
    expect(index.columns).toEqual([
      { name: 'id', pg_type: 'bigint', type: 'BIGINT' },
      { name: 'name', pg_type: 'text', type: 'VARCHAR' },
    ]);
    expect(index.status).toBe('NOT_MATERIALIZED');
    const rule = (
      await createRule({
        name: 'everything',
        index_id: index.index_id,
        index_column: 'id',
        sql_query: 'SELECT * FROM things WHERE id IN :index_values -- all columns',
      }).expect(status(201))
    ).body;
    // the rule's build triggers the index's and waits for it
    await materialize(`/concepts/${cId}/rules/${rule.r_id}`);
    const built = (await t.http.get(`/concepts/${cId}/rules/${rule.r_id}`).expect(status(200)))
      .body;
    expect(built).toMatchObject({ status: 'SUCCESS', row_count: 6, stale: false });
    expect(built.storage_key).toMatch(new RegExp(`^rules/rule_${rule.r_id}/[0-9a-f-]+\\.parquet$`));
    const ix = (await t.http.get(`/concepts/${cId}/indexes/${index.index_id}`).expect(status(200)))
      .body;
    expect(ix).toMatchObject({ status: 'SUCCESS', row_count: 6 });
    expect(built.current_materialization.inputs).toEqual({
      index: ix.current_materialization.run_id,
    });

    const { types, rows } = await parquetOf(built.storage_key);
    expect(types).toEqual({
      id: 'BIGINT',
      name: 'VARCHAR',
      score: 'DECIMAL(10,2)',
      ratio: 'DOUBLE',
      flag: 'BOOLEAN',
      ts: 'TIMESTAMP',
      tstz: 'TIMESTAMP WITH TIME ZONE',
      day: 'DATE',
      doc: 'VARCHAR',
      all_null: 'INTEGER',
      small: 'SMALLINT',
    });
    // the same rows, as PostgreSQL renders them (an independent reading of the source)
    const expected = (await execSql(
      source.url,
      `SELECT id::text, name, score::text, ratio::text, flag::text, ts::text, to_char(tstz AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS tstz,
              day::text, doc::text, all_null::text, small::text FROM things ORDER BY id`,
    )) as Record<string, string | null>[];
    const got = rows.map((r) => ({
      id: String(r.id),
      name: r.name,
      score: r.score === null ? null : String(r.score),
      ratio: r.ratio === null ? null : String(r.ratio),
      flag: r.flag === null ? null : String(r.flag),
      ts: r.ts === null ? null : String(r.ts),
      tstz: r.tstz === null ? null : String(r.tstz).replace(/\+00$/, ''),
      day: r.day,
      doc: r.doc,
      all_null: r.all_null,
      small: r.small === null ? null : String(r.small),
    }));
    const norm = (x: Record<string, unknown>) => ({
      ...x,
      ratio: x.ratio === null ? null : String(Number(x.ratio as string)),
      flag: x.flag === null ? null : String(x.flag).startsWith('t'),
    });
    expect(got.map(norm)).toEqual(expected.map(norm));
    // empty string and NULL stay apart
    expect(rows.find((r) => String(r.id) === '2')!.name).toBe('');
    expect(rows.find((r) => String(r.id) === '3')!.name).toBeNull();
  });

  it('computes column stats right for bool, all-NULL and NaN columns, with no NaN in JSON', async () => {
    const rule = (
      await t.http.get(`/concepts/${cId}/rules?limit=1000`).expect(status(200))
    ).body.find((r: { name: string }) => r.name === 'everything');
    const stats = rule.current_materialization.column_stats;
    expect(stats.flag).toEqual({
      type: 'BOOLEAN',
      null_count: 1,
      unique_count: 2,
      top_values: [
        { value: true, count: 3 },
        { value: false, count: 2 },
      ],
    });
    expect(stats.all_null).toMatchObject({
      null_count: 6,
      min: null,
      max: null,
      mean: null,
      std: null,
    });
    expect(stats.ratio).toMatchObject({
      null_count: 1,
      nan_count: 1,
      infinite_count: 1,
      min: -1e300,
      max: 1.5,
    });
    // finite values 0.25, -1e300, 1.5: squares pass the double range, the scaled pass answers
    expect(stats.ratio.mean / (-1e300 / 3)).toBeCloseTo(1, 9);
    expect(stats.ratio.std / (1e300 / Math.sqrt(3))).toBeCloseTo(1, 9);
    expect(stats.small).toMatchObject({ min: -1, max: 32767, null_count: 1 });
    expect(stats.small.mean).toBeCloseTo(32767 / 5, 9);
    expect(stats.score).toMatchObject({ min: -2, max: 99999999.99, null_count: 1 });
    expect(stats.name).toMatchObject({
      unique_count: 4,
      top_values: expect.arrayContaining([{ value: 'dup name', count: 2 }]),
    });
    expect(JSON.stringify(rule)).not.toMatch(/NaN|Infinity/);
  });

  it('previews from the Parquet when fresh and live otherwise, with column types', async () => {
    const rules = (await t.http.get(`/concepts/${cId}/rules`).expect(status(200))).body;
    const rule = rules.find((r: { name: string }) => r.name === 'everything');
    const p = await t.http
      .get(`/concepts/${cId}/rules/${rule.r_id}/preview?limit=2`)
      .expect(status(200));
    expect(p.body.source).toBe('materialized');
    expect(p.body.rows).toHaveLength(2);
    expect(p.body.columns.map((c: { name: string }) => c.name)).toContain('tstz');
    await t.http.get(`/concepts/${cId}/rules/${rule.r_id}/preview?limit=1001`).expect(400);
    await t.http.get(`/concepts/${cId}/rules/${rule.r_id}/preview?limit=1e3`).expect(400);

    const live = (
      await createIndex({
        name: 'live',
        sql_query: 'SELECT id, ratio FROM things ORDER BY id',
        key_column: 'id',
      }).expect(status(201))
    ).body;
    const lp = await t.http
      .get(`/concepts/${cId}/indexes/${live.index_id}/preview`)
      .expect(status(200));
    expect(lp.body.source).toBe('live');
    expect(lp.body.rows.map((r: { id: string }) => String(r.id))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
  });

  it('binds :index_values as data: the rule sees exactly the index keys', async () => {
    const even = (
      await createIndex({
        name: 'even',
        sql_query: 'SELECT id FROM things WHERE id % 2 = 0',
        key_column: 'id',
      }).expect(status(201))
    ).body;
    const one = (
      await createIndex({
        name: 'one',
        sql_query: 'SELECT 5::bigint AS id',
        key_column: 'id',
      }).expect(status(201))
    ).body;
    const sql = 'SELECT id, name FROM things WHERE id = ANY(:index_values) ORDER BY id';
    for (const [ix, want] of [
      [even, ['2', '4', '6']],
      [one, ['5']],
    ] as const) {
      const r = (
        await createRule({
          name: `of ${ix.name}`,
          index_id: ix.index_id,
          index_column: 'id',
          sql_query: sql,
        }).expect(status(201))
      ).body;
      await materialize(`/concepts/${cId}/rules/${r.r_id}`);
      const got = (await t.http.get(`/concepts/${cId}/rules/${r.r_id}`)).body;
      const { rows } = await parquetOf(got.storage_key);
      expect(rows.map((x) => String(x.id))).toEqual(want);
    }
  });

  it('binds a million keys', async () => {
    const big = (
      await createIndex({
        name: 'million',
        sql_query: 'SELECT k AS id FROM generate_series(1, 1000000) AS k',
        key_column: 'id',
      }).expect(status(201))
    ).body;
    const r = (
      await createRule({
        name: 'million',
        index_id: big.index_id,
        index_column: 'id',
        sql_query:
          'SELECT k::int AS id, k % 7 AS m FROM generate_series(1, 1000010) AS k WHERE k IN :index_values',
      }).expect(status(201))
    ).body;
    await materialize(`/concepts/${cId}/rules/${r.r_id}`);
    const got = (await t.http.get(`/concepts/${cId}/rules/${r.r_id}`)).body;
    expect(got.row_count).toBe(1_000_000);
    expect(got.current_materialization.column_stats.id).toMatchObject({ min: 1, max: 1_000_000 });
  }, 180_000);

  it('checks a definition where it runs: guard, key column, unreachable connection', async () => {
    const bad = async (body: object, message: RegExp) => {
      const r = await createIndex({ name: 'bad', key_column: 'id', ...body }).expect(400);
      expect(r.body.message).toMatch(message);
    };
    // bodies are validated per asset type (the DTOs of the shared controller)
    const noSql = await t.http
      .post(`/concepts/${cId}/indexes`)
      .send({ name: 'x', conn_id: connId, key_column: 'id' })
      .expect(400);
    expect(noSql.body.message).toMatch(/sql_query is required/);
    const extra = await createRule({
      name: 'x',
      index_id: 1,
      index_column: 'id',
      sql_query: 'SELECT 1',
      conn_id: 1,
    }).expect(400);
    expect(extra.body.message).toMatch(/conn_id should not exist/);
    await t.http.put(`/concepts/${cId}/indexes/1`).send({ key_column: 7 }).expect(400);
    await bad({ sql_query: 'DELETE FROM things' }, /not DELETE/);
    await bad({ sql_query: 'SELECT 1; DROP TABLE things' }, /only one statement/);
    await bad(
      { sql_query: 'WITH d AS (DELETE FROM things RETURNING id) SELECT id FROM d' },
      /must not write/,
    );
    await bad({ sql_query: 'SELECT id FROM things WHERE id = $1' }, /parameter/);
    await bad({ sql_query: 'SELEC id FROM things' }, /syntax error .* \(at character 1\)/);
    await bad({ sql_query: 'SELECT name FROM things' }, /key_column "id" is not a column.*"name"/);
    await bad({ sql_query: 'SELECT id, id FROM things' }, /two columns named "id"/);
    await bad(
      { sql_query: 'SELECT id FROM no_such_table' },
      /relation "no_such_table" does not exist/,
    );
    const nowhere = (
      await t.http
        .post('/connections')
        .send({ name: 'nowhere', host: '127.0.0.1', port: 1, database: 'x', user: 'x' })
        .expect(status(201))
    ).body.conn_id;
    const r = await createIndex({
      name: 'x',
      conn_id: nowhere,
      sql_query: 'SELECT 1 AS id',
      key_column: 'id',
    }).expect(400);
    expect(r.body.message).toMatch(
      new RegExp(`connection ${nowhere} could not be used: unreachable`),
    );
    const [{ n }] = (await execSql(source.url, 'SELECT count(*)::int AS n FROM things')) as {
      n: number;
    }[];
    expect(n).toBe(6);
  });

  it('holds the read-only transaction when the guard cannot see a write (a function call)', async () => {
    const ix = (
      await createIndex({
        name: 'sneaky',
        sql_query: 'SELECT 1 AS id, sneaky_write() AS w',
        key_column: 'id',
      })
    ).body;
    // describe runs the statement with LIMIT 0: PostgreSQL may not call the function, so the
    // save can pass; the build must fail on the server's read-only check
    if (ix.index_id) {
      const res = await t.http
        .post(`/concepts/${cId}/indexes/${ix.index_id}/materialize`)
        .expect(status(202));
      const run = await waitForStatus(t, res.body.run_id, ['SUCCESS', 'FAILURE'], 60_000);
      expect(run.status).toBe('FAILURE');
      expect(run.error).toMatch(/read-only transaction/);
    }
    const [{ n }] = (await execSql(source.url, 'SELECT count(*)::int AS n FROM audit')) as {
      n: number;
    }[];
    expect(n).toBe(0);
  });

  it('flags a rule stale when its SQL changes or its index is re-materialized', async () => {
    const ix = (
      await createIndex({
        name: 'stale ix',
        sql_query: 'SELECT id FROM things',
        key_column: 'id',
      }).expect(status(201))
    ).body;
    const r = (
      await createRule({
        name: 'stale rule',
        index_id: ix.index_id,
        index_column: 'id',
        sql_query: 'SELECT id FROM things WHERE id IN :index_values',
      }).expect(status(201))
    ).body;
    const path = `/concepts/${cId}/rules/${r.r_id}`;
    await materialize(path);
    expect((await t.http.get(path)).body).toMatchObject({ stale: false, stale_reasons: [] });

    await materialize(`/concepts/${cId}/indexes/${ix.index_id}`);
    const afterIndex = (await t.http.get(path)).body;
    expect(afterIndex.stale).toBe(true);
    expect(afterIndex.stale_reasons).toEqual(['its index was re-materialized after it was built']);
    const catalog = (await t.http.get(`/concepts/${cId}/catalog`).expect(status(200))).body;
    expect(
      catalog.assets.find(
        (a: { asset_type: string; asset_id: number }) =>
          a.asset_type === 'rule' && a.asset_id === r.r_id,
      ),
    ).toMatchObject({ stale: true, status: 'SUCCESS' });

    await materialize(path);
    expect((await t.http.get(path)).body.stale).toBe(false);
    const v = (
      await t.http
        .put(path)
        .send({ sql_query: 'SELECT id, 1 AS one FROM things WHERE id IN :index_values' })
        .expect(status(200))
    ).body;
    expect(v).toMatchObject({ stale: true, definition_version: 2 });
    expect(v.stale_reasons[0]).toMatch(/definition .* changed/);
    // a stale asset previews live
    expect((await t.http.get(`${path}/preview`).expect(status(200))).body.source).toBe('live');

    const stats = (await t.http.get(`/concepts/${cId}/catalog/stats`).expect(status(200))).body;
    expect(stats.stale).toBeGreaterThanOrEqual(1);
    expect(stats.by_type.rule).toBeGreaterThanOrEqual(1);
  });

  it('makes one run of two clicks, and deletes with the dependents rule (409 / cascade)', async () => {
    const ix = (
      await createIndex({
        name: 'del ix',
        sql_query: 'SELECT id FROM things',
        key_column: 'id',
      }).expect(status(201))
    ).body;
    const clicks = await Promise.all(
      [1, 2, 3].map(() =>
        t.http.post(`/concepts/${cId}/indexes/${ix.index_id}/materialize`).expect(status(202)),
      ),
    );
    expect(new Set(clicks.map((c) => c.body.run_id)).size).toBe(1);
    await waitForStatus(t, clicks[0].body.run_id, ['SUCCESS'], 60_000);
    const r = (
      await createRule({
        name: 'del rule',
        index_id: ix.index_id,
        index_column: 'id',
        sql_query: 'SELECT id FROM things',
      }).expect(status(201))
    ).body;
    await materialize(`/concepts/${cId}/rules/${r.r_id}`);
    const key = (await t.http.get(`/concepts/${cId}/rules/${r.r_id}`)).body.storage_key;
    const file = t.app.get<ObjectStore>(OBJECT_STORE).localPath(key)!;
    expect(existsSync(file)).toBe(true);

    const conflict = await t.http.delete(`/concepts/${cId}/indexes/${ix.index_id}`).expect(409);
    expect(conflict.body.dependents).toEqual([{ type: 'rule', id: r.r_id, name: 'del rule' }]);
    await t.http.delete(`/connections/${connId}`).expect(409);
    await t.http.delete(`/concepts/${cId}/indexes/${ix.index_id}?cascade=true`).expect(204);
    await t.http.get(`/concepts/${cId}/rules/${r.r_id}`).expect(404);
    expect(existsSync(file)).toBe(false);

    const other = (await t.http.post('/concepts').send({ name: 'to delete' }).expect(status(201)))
      .body.c_id;
    await t.http
      .post(`/concepts/${other}/indexes`)
      .send({ name: 'i', conn_id: connId, sql_query: 'SELECT id FROM things', key_column: 'id' })
      .expect(status(201));
    const c409 = await t.http.delete(`/concepts/${other}`).expect(409);
    expect(c409.body.dependents).toEqual([expect.objectContaining({ type: 'index', name: 'i' })]);
    await t.http.delete(`/concepts/${other}?cascade=true`).expect(204);
  });

  it('cancels a build: the run ends CANCELED and its query stops on the server', async () => {
    const ix = (
      await createIndex({
        name: 'endless',
        sql_query:
          'SELECT 1 AS id, (SELECT count(*) FROM (SELECT generate_series(1, 100000000000)) AS marker_cancel_build) AS n',
        key_column: 'id',
      }).expect(status(201))
    ).body;
    const path = `/concepts/${cId}/indexes/${ix.index_id}`;
    const runId = (await t.http.post(`${path}/materialize`).expect(status(202))).body.run_id;
    const active = `SELECT count(*)::int AS n FROM pg_stat_activity
                     WHERE state = 'active' AND query LIKE '%marker_cancel_build%' AND pid <> pg_backend_pid()`;
    await waitFor('the build query to run', async () => {
      const [{ n }] = (await execSql(source.url, active)) as { n: number }[];
      return n === 1;
    });
    await t.http.post(`/runs/${runId}/cancel`).expect(status(200));
    await waitForStatus(t, runId, ['CANCELED'], 60_000);
    const asset = await waitFor('the build to be recorded', async () => {
      const a = (await t.http.get(path)).body;
      return a.last_materialization?.status === 'CANCELED' && a;
    });
    expect(asset).toMatchObject({ status: 'CANCELED', current_materialization: null });
    await waitFor('the query to stop', async () => {
      const [{ n }] = (await execSql(source.url, active)) as { n: number }[];
      return n === 0;
    });
  });

  it('stops the query when DuckDB cannot read a value mid-stream, and reports its error', async () => {
    // numeric NaN has no DECIMAL: DuckDB fails on row 1000 while PostgreSQL is still streaming
    const ix = (
      await createIndex({
        name: 'unreadable',
        sql_query: `SELECT g AS id, (CASE WHEN g = 1000 THEN 'NaN' ELSE '1.5' END)::numeric(10,2) AS v
                      FROM (SELECT generate_series(1, 100000000000) AS g) AS marker_unreadable`,
        key_column: 'id',
      }).expect(status(201))
    ).body;
    const path = `/concepts/${cId}/indexes/${ix.index_id}`;
    const runId = (await t.http.post(`${path}/materialize`).expect(status(202))).body.run_id;
    const run = await waitForStatus(t, runId, ['FAILURE', 'SUCCESS', 'CANCELED'], 60_000);
    expect(run.status).toBe('FAILURE');
    expect(run.error).toMatch(/NaN/);
    const active = `SELECT count(*)::int AS n FROM pg_stat_activity
                     WHERE state = 'active' AND query LIKE '%marker_unreadable%' AND pid <> pg_backend_pid()`;
    await waitFor('the query to stop', async () => {
      const [{ n }] = (await execSql(source.url, active)) as { n: number }[];
      return n === 0;
    });
  });

  it('builds through a file where no FIFO can be made (no mkfifo on PATH)', async () => {
    const ix = (
      await createIndex({
        name: 'no fifo',
        sql_query: 'SELECT id, name FROM things',
        key_column: 'id',
      }).expect(status(201))
    ).body;
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await materialize(`/concepts/${cId}/indexes/${ix.index_id}`);
    } finally {
      process.env.PATH = path;
    }
    const a = (await t.http.get(`/concepts/${cId}/indexes/${ix.index_id}`)).body;
    expect(a.current_materialization.row_count).toBe(6);
  });

  it('heals a lost object: the preview answers live and a new build is requested', async () => {
    const ix = (
      await createIndex({
        name: 'lost',
        sql_query: 'SELECT id FROM things',
        key_column: 'id',
      }).expect(status(201))
    ).body;
    const first = await materialize(`/concepts/${cId}/indexes/${ix.index_id}`);
    const key = (await t.http.get(`/concepts/${cId}/indexes/${ix.index_id}`)).body.storage_key;
    await t.app.get<ObjectStore>(OBJECT_STORE).delete(key);
    const p = await t.http
      .get(`/concepts/${cId}/indexes/${ix.index_id}/preview`)
      .expect(status(200));
    expect(p.body.source).toBe('live');
    const after = (await t.http.get(`/concepts/${cId}/indexes/${ix.index_id}`)).body;
    expect(after.last_materialization.run_id).not.toBe(first.run_id);
    await waitForStatus(t, after.last_materialization.run_id, ['SUCCESS'], 60_000);
  });
});
