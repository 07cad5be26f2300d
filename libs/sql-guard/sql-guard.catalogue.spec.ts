import { checkReadOnlySql, MAX_SQL_LENGTH, substituteIndexValues, type SqlCheckOptions } from '.';
import { MAX_NESTING } from './nesting';

/**
 * A catalogue of hostile or tricky statements and what the guard answers: 'ok', or a refusal
 * whose reason matches the pattern. Decisions recorded here:
 * - SHOW is refused: harmless, but not a query (SELECT current_setting('x') is the query form).
 * - EXPLAIN is refused in every form (EXPLAIN ANALYZE runs the statement).
 * - Function names are matched case-insensitively, also quoted ("PG_SLEEP"), on the decoded name.
 * - Without a semicolon a newline separates nothing: `SELECT 1\nDELETE FROM t` is
 *   `SELECT 1 AS "delete" FROM t` to PostgreSQL, a read, and accepted.
 * - A deep expression is refused before the parser sees it; a long run of ANDed conditions with
 *   no comma in between counts as deep (about 1,000 conditions fit).
 */
type Verdict = 'ok' | RegExp;
type Case = [label: string, sql: string, verdict: Verdict, opts?: SqlCheckOptions];

const OK = 'ok';
const ONE = /^only one statement is allowed$/;
const EMPTY = /^the statement is empty$/;
const WRITES = (what: string) => new RegExp(`^a query must not write \\(${what} inside it\\)$`);
const NOT = (what: string) =>
  new RegExp(`^only a query \\(SELECT, WITH, VALUES\\) is allowed, not ${what}$`);
const INTO = /^SELECT INTO creates a table: not allowed$/;
const LOCKS = /^FOR UPDATE\/SHARE takes locks: not allowed$/;
const SYNTAX = /^syntax error at or near .* \(at character \d+\)$/;
const DEEP = /^expressions are nested or chained too deeply$/;
const FN = (name: string) =>
  new RegExp(`^the function (\\w+\\.)?${name}\\(\\) is not allowed$`, 'i');
const PARAM = (n: number) =>
  new RegExp(
    `^parameters \\(\\$${n}\\) are not allowed in a definition; use :index_values for the index's keys$`,
  );
const BACKSLASH = /^a backslash before a quote in '...' reads differently/;
const NO_PARAMS = { allowParams: false };

const CASES: Case[] = [
  // stacked statements
  ['semicolon', 'SELECT 1; DELETE FROM t', ONE],
  ['empty statement between', 'SELECT 1;;DELETE FROM t', ONE],
  ['semicolon and newline', 'SELECT 1;\nDELETE FROM t', ONE],
  ['after a line comment', '-- report\nSELECT 1; DELETE FROM t', ONE],
  ['after a block comment', '/* report */ SELECT 1 /* ; */; DROP TABLE t', ONE],
  ['comment then newline then ;', 'SELECT 1 -- note\n; DELETE FROM t', ONE],
  ['comment ended by a lone CR', 'SELECT 1 -- note\r; DELETE FROM t', ONE],
  ['two queries', 'SELECT 1; SELECT 2', ONE],
  ['transaction around', 'BEGIN; SELECT 1; COMMIT', ONE],
  ['newline, no semicolon: DELETE is a column alias', 'SELECT 1\nDELETE FROM t', OK],
  ['trailing semicolons', 'SELECT 1;;', OK],
  ['leading semicolon', ';SELECT 1', OK],
  ['fullwidth semicolon is no separator', 'SELECT 1；DELETE FROM t', /trailing junk|syntax/],
  // data-modifying CTEs
  ['DELETE in a CTE', 'WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d', WRITES('DELETE')],
  [
    'INSERT in a CTE',
    'WITH i AS (INSERT INTO t VALUES (1) RETURNING *) SELECT 1',
    WRITES('INSERT'),
  ],
  ['UPDATE in a CTE', 'WITH u AS (UPDATE t SET a = 1 RETURNING *) SELECT 1', WRITES('UPDATE')],
  [
    'MERGE in a CTE',
    'WITH m AS (MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING t.*) SELECT 1',
    WRITES('MERGE'),
  ],
  [
    'CTE inside a subquery',
    'SELECT * FROM (WITH d AS (DELETE FROM t RETURNING id) SELECT id FROM d) s',
    WRITES('DELETE'),
  ],
  [
    'CTE inside a CTE',
    'WITH a AS (WITH d AS (DELETE FROM t RETURNING id) SELECT id FROM d) SELECT * FROM a',
    WRITES('DELETE'),
  ],
  [
    'CTE in a scalar subquery',
    'SELECT (WITH u AS (UPDATE t SET a = 1 RETURNING a) SELECT a FROM u)',
    WRITES('UPDATE'),
  ],
  [
    'second CTE of a recursive WITH',
    'WITH RECURSIVE r AS (SELECT 1 UNION ALL SELECT 1 FROM r), d AS (DELETE FROM t) SELECT 1',
    WRITES('DELETE'),
  ],
  [
    'MATERIALIZED CTE',
    'WITH x AS MATERIALIZED (INSERT INTO t DEFAULT VALUES RETURNING 1) SELECT 1',
    WRITES('INSERT'),
  ],
  // creating tables, locking
  ['SELECT INTO', 'SELECT * INTO copy FROM t', INTO],
  ['SELECT INTO TEMP', 'SELECT * INTO TEMP copy FROM t', INTO],
  ['SELECT INTO UNLOGGED', 'SELECT a INTO UNLOGGED TABLE copy FROM t', INTO],
  ['CREATE TABLE AS', 'CREATE TABLE copy AS SELECT * FROM t', NOT('CREATE TABLE AS')],
  ['CREATE MATERIALIZED VIEW', 'CREATE MATERIALIZED VIEW v AS SELECT 1', NOT('CREATE TABLE AS')],
  ['FOR UPDATE', 'SELECT * FROM t FOR UPDATE', LOCKS],
  ['FOR NO KEY UPDATE', 'SELECT * FROM t FOR NO KEY UPDATE', LOCKS],
  ['FOR SHARE', 'SELECT * FROM t FOR SHARE', LOCKS],
  ['FOR KEY SHARE', 'SELECT * FROM t FOR KEY SHARE', LOCKS],
  ['FOR UPDATE in a subquery', 'SELECT * FROM (SELECT * FROM t FOR UPDATE NOWAIT) s', LOCKS],
  ['FOR SHARE in a CTE', 'WITH l AS (SELECT * FROM t FOR SHARE SKIP LOCKED) SELECT 1', LOCKS],
  ['FOR UPDATE in IN (...)', 'SELECT 1 WHERE a IN (SELECT a FROM u FOR UPDATE OF u)', LOCKS],
  ['FOR UPDATE in a UNION branch', 'SELECT 1 UNION (SELECT 1 FROM t FOR UPDATE)', LOCKS],
  ['TABLE ... FOR UPDATE', 'TABLE t FOR UPDATE', LOCKS],
  // comments
  ['block comment then ;', 'SELECT 1 /* */; DELETE FROM t', ONE],
  ['statement inside a comment', 'SELECT 1 /* ; DELETE FROM t */', OK],
  ['nested comment hides it', 'SELECT 1 /* outer /* inner */ ; DELETE FROM t */', OK],
  ['nested comment closed', 'SELECT 1 /* outer /* inner */ */; DELETE FROM t', ONE],
  ['nested comment left open', 'SELECT 1 /* /* */ ; DELETE FROM t', /unterminated \/\* comment/],
  ['line comment at the end', 'SELECT 1 -- ; DELETE FROM t', OK],
  ['unterminated comment', 'SELECT 1 /* x', /unterminated \/\* comment .* \(at character 10\)$/],
  // quoting
  ['dollar-quoted body', 'SELECT $$;DELETE FROM t$$', OK],
  ['tagged dollar quote', 'SELECT $tag$ $$ ; DELETE FROM t $$ $tag$ AS s', OK],
  ['mismatched dollar tags', 'SELECT $a$ x $b$; DELETE FROM t', /unterminated dollar-quoted/],
  ['E-string escaped quote', "SELECT E'\\';DELETE FROM t'", OK],
  ["standard string ends at \\'", "SELECT '\\';DELETE FROM t --'", ONE],
  ["hidden by \\' where standard strings are off", "SELECT '\\'' ; DELETE FROM t; --'", BACKSLASH],
  ['trailing backslash', "SELECT 'C:\\' AS dir", BACKSLASH],
  ['backslash in a regex is fine', "SELECT * FROM t WHERE a ~ '^\\d+$' AND b = 'a\\\\'", OK],
  ['doubled quotes', "SELECT 'it''s; DELETE FROM t'", OK],
  ['quoted identifier with ;', 'SELECT 1 AS "x; DELETE FROM t"', OK],
  // other statements
  ['COPY TO PROGRAM', "COPY t TO PROGRAM 'rm -rf /'", NOT('COPY')],
  ['COPY FROM PROGRAM', "COPY t FROM PROGRAM 'id'", NOT('COPY')],
  ['COPY query TO STDOUT', 'COPY (SELECT 1) TO STDOUT', NOT('COPY')],
  ['DO block', 'DO $$BEGIN DELETE FROM t; END$$', NOT('DO')],
  ['CALL', 'CALL p()', NOT('CALL')],
  ['SET', 'SET statement_timeout = 0', NOT('SET/RESET')],
  ['SET LOCAL', 'SET LOCAL transaction_read_only = off', NOT('SET/RESET')],
  ['SET ROLE', 'SET ROLE postgres', NOT('SET/RESET')],
  ['RESET', 'RESET ALL', NOT('SET/RESET')],
  ['SHOW (refused: not a query)', 'SHOW search_path', NOT('SHOW')],
  ['BEGIN', 'BEGIN', NOT('BEGIN/COMMIT/ROLLBACK')],
  ['START TRANSACTION READ WRITE', 'START TRANSACTION READ WRITE', NOT('BEGIN/COMMIT/ROLLBACK')],
  ['COMMIT', 'COMMIT', NOT('BEGIN/COMMIT/ROLLBACK')],
  ['ROLLBACK', 'ROLLBACK', NOT('BEGIN/COMMIT/ROLLBACK')],
  ['PREPARE', 'PREPARE p AS DELETE FROM t', NOT('PREPARE')],
  ['EXECUTE', 'EXECUTE p', NOT('EXECUTE')],
  ['DECLARE CURSOR', 'DECLARE c CURSOR FOR SELECT 1', NOT('DECLARE CURSOR')],
  ['LISTEN', 'LISTEN ch', NOT('LISTEN')],
  ['NOTIFY', "NOTIFY ch, 'x'", NOT('NOTIFY')],
  ['LOCK TABLE', 'LOCK TABLE t IN ACCESS EXCLUSIVE MODE', NOT('LOCK')],
  ['VACUUM', 'VACUUM FULL t', NOT('VACUUM/ANALYZE')],
  ['ANALYZE', 'ANALYZE t', NOT('VACUUM/ANALYZE')],
  ['EXPLAIN ANALYZE DELETE', 'EXPLAIN ANALYZE DELETE FROM t', NOT('EXPLAIN')],
  ['EXPLAIN of a query', 'EXPLAIN SELECT 1', NOT('EXPLAIN')],
  ['GRANT', 'GRANT ALL ON t TO PUBLIC', NOT('GRANT')],
  ['ALTER SYSTEM', 'ALTER SYSTEM SET fsync = off', NOT('ALTER SYSTEM')],
  [
    'CREATE FUNCTION',
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    NOT('CREATE FUNCTION'),
  ],
  ['CREATE EXTENSION', 'CREATE EXTENSION dblink', NOT('CREATE EXTENSION')],
  ['DELETE', 'DELETE FROM t', NOT('DELETE')],
  ['INSERT ... SELECT', 'INSERT INTO t SELECT * FROM u', NOT('INSERT')],
  ['UPDATE', 'UPDATE t SET a = 1', NOT('UPDATE')],
  ['TRUNCATE', 'TRUNCATE t', NOT('TRUNCATE')],
  ['DROP', 'DROP TABLE t', NOT('DROP')],
  ['REFRESH MATERIALIZED VIEW', 'REFRESH MATERIALIZED VIEW v', NOT('REFRESH MAT VIEW')],
  ['CHECKPOINT', 'CHECKPOINT', NOT('CHECKPOINT')],
  ['DISCARD', 'DISCARD ALL', NOT('DISCARD')],
  ['LOAD', "LOAD 'evil'", NOT('LOAD')],
  ['psql meta-command', '\\! id', SYNTAX],
  // names that look like denied functions but are not calls of them
  ['a column named pg_sleep', 'SELECT pg_sleep FROM t', OK],
  ['a call in a string', "SELECT 'pg_sleep(10)', $$lo_import('/etc/passwd')$$", OK],
  [
    'harmless catalog functions',
    "SELECT now(), current_setting('search_path'), pg_backend_pid()",
    OK,
  ],
  ['sequence reads', "SELECT currval('s'), lastval()", OK],
  ['xid if assigned', 'SELECT txid_current_if_assigned(), pg_current_xact_id_if_assigned()', OK],
  // U&"pg\0073leep" decodes to "pgsleep" (\0073 is s): no such function, nothing to refuse
  ['U& spelling of pgsleep', 'SELECT U&"pg\\0073leep"(1)', OK],
  ['family prefix', 'SELECT pg_sleeping(1)', FN('pg_sleeping')],
  // unicode
  ['U& string', "SELECT U&'\\0041\\+01F600' AS s", OK],
  ['U& identifier', 'SELECT U&"d\\0061t\\+000061" FROM t', OK],
  ['UESCAPE', "SELECT U&'!0041' UESCAPE '!' AS a", OK],
  ['multi-byte text', "SELECT 'é😀' AS \"ünï\", '日本語' FROM t WHERE s <> '€'", OK],
  [
    'invalid unicode escape',
    "SELECT U&'\\00zz'",
    /^invalid Unicode escape .*\(at character \d+\)$/,
  ],
  ['lone surrogate in a string', "SELECT '\ud800'", OK],
  // sizes and depth
  ['90 kB string literal', `SELECT '${'x'.repeat(90_000)}' AS s`, OK],
  [
    'longer than MAX_SQL_LENGTH',
    `SELECT '${'x'.repeat(MAX_SQL_LENGTH)}'`,
    /^the statement is longer than 100000 characters$/,
  ],
  [
    '10,000 values in IN (...)',
    `SELECT 1 WHERE a IN (${Array.from({ length: 10_000 }, (_, i) => i).join(',')})`,
    OK,
  ],
  [
    '3,000 VALUES rows',
    `VALUES ${Array.from({ length: 3000 }, (_, i) => `(${i}, 'r${i}')`).join(', ')}`,
    OK,
  ],
  [
    'CASE of 2,000 branches',
    `SELECT CASE a ${Array.from({ length: 2000 }, (_, i) => `WHEN ${i} THEN 'v${i}'`).join(' ')} END FROM t`,
    OK,
  ],
  [
    '900 ANDed conditions',
    `SELECT 1 FROM t WHERE ${Array.from({ length: 900 }, (_, i) => `a${i} = ${i}`).join(' AND ')}`,
    OK,
  ],
  [
    '3,000 ANDed conditions',
    `SELECT 1 FROM t WHERE ${Array.from({ length: 3000 }, (_, i) => `a${i} = ${i}`).join(' AND ')}`,
    DEEP,
  ],
  ['500 nested parentheses', `SELECT ${'('.repeat(500)}1${')'.repeat(500)}`, OK],
  ['300 nested subqueries', `SELECT ${'(SELECT '.repeat(300)}1${')'.repeat(300)}`, OK],
  ['2,000 UNIONs', `TABLE t${' UNION TABLE t'.repeat(2000)}`, OK],
  ['20,000 parentheses', `SELECT ${'('.repeat(20_000)}1${')'.repeat(20_000)}`, DEEP],
  ['1+1+... 20,000 times', `SELECT 1${'+1'.repeat(20_000)}`, DEEP],
  ['2,500 COLLATE', `SELECT x${' COLLATE "C"'.repeat(2500)} FROM t`, DEEP],
  ['|| chain in a subquery', `SELECT (SELECT ${"'a' || ".repeat(5000)}'b')`, DEEP],
  ['6,000 UNIONs', `TABLE t${' UNION TABLE t'.repeat(6000)}`, DEEP],
  // NUL, empty
  [
    'NUL before a second statement',
    'SELECT 1\u0000; DELETE FROM t',
    /^the statement contains a NUL character$/,
  ],
  ['empty', '', EMPTY],
  ['whitespace', ' \n\t\r ', EMPTY],
  ['line comment only', '-- nothing', EMPTY],
  ['block comment only', '/* nothing */', EMPTY],
  ['semicolons only', ' ; ; ', EMPTY],
  // queries of every shape
  ['TABLE', 'TABLE t', OK],
  ['VALUES', "VALUES (1, 'a'), (2, 'b')", OK],
  ['generate_series', 'SELECT g, g * 2 FROM generate_series(1, 10) AS g', OK],
  ['window function', 'SELECT a, row_number() OVER (PARTITION BY b ORDER BY c) FROM t', OK],
  [
    'named window and frame',
    'SELECT sum(a) OVER w FROM t WINDOW w AS (ORDER BY b ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)',
    OK,
  ],
  [
    'recursive CTE',
    'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r',
    OK,
  ],
  [
    'LATERAL, GROUPING SETS',
    'SELECT a, b, count(*) FROM t, LATERAL (SELECT t.a + 1 AS b) s GROUP BY GROUPING SETS ((a), (b))',
    OK,
  ],
  [
    'DISTINCT ON, TABLESAMPLE',
    'SELECT DISTINCT ON (a) a, b FROM t TABLESAMPLE SYSTEM (10) ORDER BY a, b',
    OK,
  ],
  ['JSON path with $', "SELECT jsonb_path_query(j, '$.a[*] ? (@ > $x)', '{\"x\": 1}') FROM t", OK],
  // parameters
  ['$1 allowed by default', 'SELECT * FROM t WHERE id = $1', OK],
  ['$1 refused in a definition', 'SELECT * FROM t WHERE id = $1', PARAM(1), NO_PARAMS],
  [
    '$2 deep in a CTE',
    'WITH x AS (SELECT * FROM t WHERE a IN (SELECT $2::int)) SELECT * FROM x',
    PARAM(2),
    NO_PARAMS,
  ],
  [
    '$1 only in strings and names',
    'SELECT \'$1\', $$ $1 $$, a$1 AS "$1" /* $1 */ FROM t',
    OK,
    NO_PARAMS,
  ],
  // :index_values must be substituted first
  [
    'raw placeholder',
    'SELECT * FROM t WHERE k IN :index_values',
    /^syntax error at or near ":" \(at character 28\)$/,
  ],
];

/**
 * Denied functions, each written in five ways (plain, upper case, schema-qualified, quoted,
 * U& escape) and, in turn, in a different place of the query.
 */
const DENIED_CALLS: [name: string, args: string][] = [
  ['pg_sleep', '1'],
  ['pg_sleep_for', "'1 minute'"],
  ['pg_sleep_until', "now() + '1 minute'"],
  ['lo_import', "'/etc/passwd'"],
  ['lo_export', "1, '/tmp/x'"],
  ['lo_unlink', '1'],
  ['lo_creat', '-1'],
  ['lo_from_bytea', "0, 'x'"],
  ['lo_put', "1, 0, 'x'"],
  ['lo_get', '1'],
  ['loread', '0, 10'],
  ['lowrite', "0, 'x'"],
  ['dblink', "'host=evil', 'DELETE FROM t'"],
  ['dblink_exec', "'DELETE FROM t'"],
  ['dblink_connect', "'host=evil'"],
  ['pg_read_file', "'/etc/passwd'"],
  ['pg_read_binary_file', "'/etc/passwd'"],
  ['pg_ls_dir', "'/'"],
  ['pg_ls_waldir', ''],
  ['pg_stat_file', "'/etc/passwd'"],
  ['pg_file_write', "'x', 'y', false"],
  ['pg_terminate_backend', '1'],
  ['pg_cancel_backend', '1'],
  ['pg_reload_conf', ''],
  ['pg_rotate_logfile', ''],
  ['pg_promote', ''],
  ['pg_switch_wal', ''],
  ['pg_create_restore_point', "'x'"],
  ['pg_create_physical_replication_slot', "'s'"],
  ['pg_drop_replication_slot', "'s'"],
  ['pg_logical_emit_message', "true, 'p', 'm'"],
  ['pg_replication_origin_create', "'o'"],
  ['set_config', "'search_path', 'evil', false"],
  ['pg_notify', "'ch', 'x'"],
  ['pg_advisory_lock', '1'],
  ['pg_advisory_xact_lock_shared', '1'],
  ['pg_try_advisory_lock', '1'],
  ['query_to_xml', "'DELETE FROM t', true, true, ''"],
  ['query_to_xml_and_xmlschema', "'SELECT 1', true, true, ''"],
  ['cursor_to_xml', "'c', 1, true, true, ''"],
  ['table_to_xml', "'t', true, true, ''"],
  ['schema_to_xml', "'public', true, true, ''"],
  ['database_to_xml', "true, true, ''"],
  ['pg_import_system_collations', "'pg_catalog'"],
  ['txid_current', ''],
  ['pg_current_xact_id', ''],
  ['nextval', "'s'"],
  ['setval', "'s', 1"],
  ['pg_stat_reset', ''],
  ['pg_stat_reset_shared', "'bgwriter'"],
  ['ts_stat', "'SELECT v FROM t'"],
];

const SPELLINGS: [string, (name: string) => string][] = [
  ['plain', (n) => n],
  ['upper case', (n) => n.toUpperCase()],
  ['pg_catalog.', (n) => `pg_catalog.${n}`],
  ['quoted', (n) => `"${n}"`],
  ['U& escape', (n) => `U&"\\${n.charCodeAt(0).toString(16).padStart(4, '0')}${n.slice(1)}"`],
];

const PLACES: [string, (call: string) => string][] = [
  ['select list', (c) => `SELECT ${c}`],
  ['scalar subquery', (c) => `SELECT * FROM t WHERE a = (SELECT ${c})`],
  ['CTE', (c) => `WITH x AS (SELECT ${c} AS v) SELECT * FROM x`],
  ['CTE of a CTE', (c) => `WITH a AS (WITH b AS (SELECT ${c}) SELECT * FROM b) SELECT * FROM a`],
  ['ORDER BY', (c) => `SELECT a FROM t ORDER BY ${c}`],
  ['LATERAL', (c) => `SELECT * FROM t, LATERAL (SELECT ${c}) s`],
  ['window', (c) => `SELECT count(*) OVER (PARTITION BY ${c}) FROM t`],
  ['FROM', (c) => `SELECT * FROM ${c} AS f`],
  ['CASE', (c) => `SELECT CASE WHEN a > 0 THEN ${c} END FROM t`],
  ['VALUES', (c) => `VALUES (1, ${c})`],
  ['HAVING', (c) => `SELECT a FROM t GROUP BY a HAVING ${c} IS NOT NULL`],
  ['UNION branch', (c) => `SELECT 1 UNION ALL SELECT ${c}`],
  ['EXISTS', (c) => `SELECT 1 WHERE EXISTS (SELECT 1 FROM t WHERE ${c} IS NULL)`],
];

let place = 0;
for (const [name, args] of DENIED_CALLS)
  for (const [spelling, spell] of SPELLINGS) {
    const [where, put] = PLACES[place++ % PLACES.length];
    CASES.push([`${name}, ${spelling}, in ${where}`, put(`${spell(name)}(${args})`), FN(name)]);
  }

describe('checkReadOnlySql catalogue', () => {
  it('holds enough cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(70);
  });

  // a rest parameter: jest passes a done callback to a function with more parameters than the row
  it.each(CASES)('%s', async (...[, sql, verdict, opts]: Case) => {
    const r = await checkReadOnlySql(sql, opts);
    if (verdict === 'ok') expect(r).toEqual({ ok: true });
    else expect(r).toEqual({ ok: false, reason: expect.stringMatching(verdict) });
  });

  it('keeps working after many statements too deep for the parser', async () => {
    // each would overflow the WebAssembly parser's stack; a few dozen such traps used to hang
    // the process, so none may reach it
    for (let i = 0; i < 40; i++) {
      const sql =
        i % 2 ? `SELECT 1${'+1'.repeat(12_000 + i)}` : `SELECT x${' COLLATE "C"'.repeat(5000)}`;
      expect(await checkReadOnlySql(sql)).toEqual({
        ok: false,
        reason: expect.stringMatching(DEEP),
      });
    }
    expect(await checkReadOnlySql('SELECT 1')).toEqual({ ok: true });
  });

  it('allows a nesting estimate of MAX_NESTING', async () => {
    // 1 + 2 * n tokens in one item
    const n = (MAX_NESTING - 1) / 2;
    expect(await checkReadOnlySql(`SELECT 1${'+1'.repeat(Math.floor(n))}`)).toEqual({ ok: true });
    expect(await checkReadOnlySql(`SELECT 1${'+1'.repeat(Math.ceil(n) + 1)}`)).toEqual({
      ok: false,
      reason: expect.stringMatching(DEEP),
    });
  });
});

describe('definitions with :index_values, substituted', () => {
  const BOUND = 'SELECT unnest($1::text[]) AS index_value';
  const SETTING = "SELECT unnest(current_setting('app.index_values')::text[]) AS index_value";
  const definitions = [
    'SELECT k, count(*) FROM t WHERE k IN :index_values GROUP BY k',
    'SELECT k FROM t WHERE k IN (:index_values)',
    'SELECT k FROM t WHERE k = ANY(:index_values)',
    'SELECT v.index_value, t.x FROM :index_values AS v JOIN t ON t.k = v.index_value',
  ];

  it.each(definitions)('accepts %s with the keys bound as $1', async (sql) => {
    const { sql: runnable, count } = await substituteIndexValues(sql, BOUND);
    expect(count).toBe(1);
    expect(await checkReadOnlySql(runnable)).toEqual({ ok: true });
    // the bound form carries the service's own $1: check definitions without it
    expect(await checkReadOnlySql(runnable, NO_PARAMS)).toEqual({
      ok: false,
      reason: expect.stringMatching(PARAM(1)),
    });
  });

  it.each(definitions)('accepts %s with a parameter-free read of the keys', async (sql) => {
    const { sql: runnable } = await substituteIndexValues(sql, SETTING);
    expect(await checkReadOnlySql(runnable, NO_PARAMS)).toEqual({ ok: true });
  });

  it.each([
    ['a second statement', 'SELECT k FROM t WHERE k IN :index_values; DELETE FROM t', ONE],
    ['a user $1 next to it', 'SELECT k FROM t WHERE k IN :index_values AND a = $1', PARAM(1)],
    ['a denied function', 'SELECT pg_sleep(1) FROM :index_values AS v', FN('pg_sleep')],
    [
      'a write behind it',
      'WITH d AS (DELETE FROM t RETURNING k) SELECT * FROM d WHERE k IN :index_values',
      WRITES('DELETE'),
    ],
    ['a placeholder in a comment only', 'SELECT 1 /* :index_values */; DELETE FROM t', ONE],
  ] as [string, string, RegExp][])('refuses %s', async (_label, sql, verdict) => {
    const { sql: runnable } = await substituteIndexValues(sql, SETTING);
    expect(await checkReadOnlySql(runnable, NO_PARAMS)).toEqual({
      ok: false,
      reason: expect.stringMatching(verdict),
    });
  });
});
