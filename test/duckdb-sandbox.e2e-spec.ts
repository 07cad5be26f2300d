import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBConnection } from '@duckdb/node-api';
import { DuckDb, DuckDbTimeoutError } from '../src/infra/duckdb/duckdb.service';
import { loadRows, streamRows } from '../src/infra/duckdb/parquet';
import { JsRow } from '../src/infra/duckdb/duckdb-values';

async function settings(conn: DuckDBConnection, names: string[]): Promise<Record<string, unknown>> {
  const cols = names.map((n) => `current_setting('${n}') AS "${n}"`).join(', ');
  return (await conn.runAndReadAll(`SELECT ${cols}`)).getRowObjectsJson()[0];
}

async function all(conn: DuckDBConnection, sql: string): Promise<JsRow[]> {
  const rows: JsRow[] = [];
  for await (const b of streamRows(conn, sql)) rows.push(...b);
  return rows;
}

describe('DuckDb instances and the sandbox (real DuckDB)', () => {
  let dir: string;
  let duck: DuckDb;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duck-sandbox-'));
    duck = new DuckDb({
      memoryLimit: '512MiB',
      threads: 3,
      tempDir: join(dir, 'spill'),
      sandboxMemoryLimit: '256MiB',
      sandboxThreads: 1,
    });
  });
  afterAll(async () => {
    await duck.onModuleDestroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies memory_limit, threads, UTC and no extension auto-install to the shared instance', async () => {
    const s = await duck.withConnection((c) =>
      settings(c, [
        'memory_limit',
        'threads',
        'TimeZone',
        'autoinstall_known_extensions',
        'autoload_known_extensions',
        'enable_external_access',
        'temp_directory',
      ]),
    );
    expect(s).toMatchObject({
      memory_limit: '512.0 MiB',
      threads: '3',
      TimeZone: 'UTC',
      autoinstall_known_extensions: false,
      autoload_known_extensions: false,
      enable_external_access: true,
    });
    expect(
      String(s.temp_directory).startsWith(join(dir, 'spill', `duckdb-${process.pid}-shared-`)),
    ).toBe(true);
  });

  it("reports '1GB' as DuckDB does: 10^9 bytes", async () => {
    const d = new DuckDb({ memoryLimit: '1GB', threads: 2, tempDir: join(dir, 'spill') });
    try {
      expect(await d.withConnection((c) => settings(c, ['memory_limit', 'threads']))).toEqual({
        memory_limit: '953.6 MiB',
        threads: '2',
      });
    } finally {
      await d.onModuleDestroy();
    }
  });

  it('refuses a remote path on the service instance instead of downloading httpfs', async () => {
    await expect(
      duck.withConnection((c) =>
        c.run("SELECT * FROM read_parquet('https://example.com/x.parquet')"),
      ),
    ).rejects.toThrow(/httpfs/i);
  });

  it('applies the sandbox limits, locked', async () => {
    const s = await duck.withSandbox((c) =>
      settings(c, [
        'memory_limit',
        'threads',
        'TimeZone',
        'enable_external_access',
        'lock_configuration',
      ]),
    );
    expect(s).toEqual({
      memory_limit: '256.0 MiB',
      threads: '1',
      TimeZone: 'UTC',
      enable_external_access: false,
      lock_configuration: true,
    });
  });

  const refused: [string, RegExp][] = [
    ["SELECT * FROM read_csv('/etc/passwd')", /file system operations are disabled/],
    ["SELECT * FROM read_text('/etc/passwd')", /disabled/],
    ["SELECT * FROM glob('/etc/*')", /disabled/],
    ["COPY (SELECT 1 AS x) TO '/tmp/duck-sandbox-escape.csv'", /disabled/],
    ["ATTACH '/tmp/duck-sandbox-escape.db' AS other", /disabled/],
    ['INSTALL httpfs', /disabled/],
    ['LOAD httpfs', /disabled/],
    ['SET enable_external_access = true', /configuration has been locked/],
    ['RESET enable_external_access', /configuration has been locked/],
    ['SET lock_configuration = false', /configuration has been locked/],
    ["SET memory_limit = '100GB'", /configuration has been locked/],
    ['PRAGMA threads = 64', /configuration has been locked/],
  ];
  it.each(refused)('refuses %s in the sandbox', async (sql, why) => {
    await expect(duck.withSandbox((c) => c.run(sql))).rejects.toThrow(why);
    expect(existsSync('/tmp/duck-sandbox-escape.csv')).toBe(false);
    expect(existsSync('/tmp/duck-sandbox-escape.db')).toBe(false);
  });

  it('evaluates user expressions over rows appended into the sandbox', async () => {
    const result = await duck.withSandbox(async (c) => {
      await loadRows(
        c,
        'rows',
        [
          { name: 'hours', type: 'DOUBLE' },
          { name: 'ts', type: 'TIMESTAMP' },
        ],
        [
          [
            [9.5, '2024-05-01T08:00:00Z'],
            [3, '2024-05-01T22:00:00Z'],
            [null, null],
          ],
        ],
      );
      const userExpr = 'CASE WHEN hours > 8 THEN 2 WHEN hours IS NULL THEN NULL ELSE 1 END';
      return all(c, `SELECT ${userExpr} AS label, hour(ts) AS h FROM rows ORDER BY rowid`);
    });
    expect(result).toEqual([
      { label: 2, h: 8 },
      { label: 1, h: 22 },
      { label: null, h: null },
    ]);
  });

  it('gives every sandbox its own empty database', async () => {
    await duck.withConnection((c) => c.run('CREATE TABLE service_secret AS SELECT 42 AS x'));
    await duck.withSandbox((c) => c.run('CREATE TABLE mine AS SELECT 1 AS x'));
    const tables = await duck.withSandbox((c) => all(c, 'SELECT table_name FROM duckdb_tables()'));
    expect(tables).toEqual([]);
  });

  it('interrupts a runaway sandbox query after the timeout', async () => {
    await expect(
      duck.withSandbox((c) => c.run('SELECT count(*) FROM range(1000000000000)'), {
        timeoutMs: 300,
      }),
    ).rejects.toBeInstanceOf(DuckDbTimeoutError);
    // the outcome is the timeout error: the query itself would run for hours
  });

  it('spills to its own temp directory under the memory limit and removes it afterwards', async () => {
    const spillRoot = join(dir, 'spill-test');
    const small = new DuckDb({ memoryLimit: '100MB', threads: 2, tempDir: spillRoot });
    try {
      for (const run of [small.withSandbox.bind(small), small.withConnection.bind(small)]) {
        const out = await run(async (c) => {
          await c.run(
            "CREATE TEMP TABLE big AS SELECT repeat('x', 40) || i AS s FROM range(5000000) r(i)",
          );
          const rows = await all(
            c,
            'SELECT count(*) AS n, max(s) AS m FROM (SELECT s FROM big ORDER BY s DESC LIMIT 4000000)',
          );
          const spilled = await all(c, 'SELECT count(*) AS files FROM duckdb_temporary_files()');
          return { rows, spilled };
        });
        expect(out.rows).toEqual([{ n: 4_000_000, m: `${'x'.repeat(40)}999999` }]);
        expect(out.spilled[0].files).toBeGreaterThan(0);
      }
    } finally {
      await small.onModuleDestroy();
    }
    expect(existsSync(spillRoot) ? await readdir(spillRoot) : []).toEqual([]);
  });
});
