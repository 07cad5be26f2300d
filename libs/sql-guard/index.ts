import { hasSqlDetails, parse } from 'libpg-query';

/** Longest user SQL statement accepted. */
export const MAX_SQL_LENGTH = 100_000;

/**
 * Functions a read-only statement on a user's database has no business calling: they sleep,
 * read the server's files, signal other sessions, change settings, take locks, notify, or run
 * SQL given as text (which would escape this check).
 */
const DENIED_FUNCTIONS = new Set([
  'pg_sleep',
  'pg_sleep_for',
  'pg_sleep_until',
  'pg_read_file',
  'pg_read_binary_file',
  'pg_ls_dir',
  'pg_stat_file',
  'pg_ls_logdir',
  'pg_ls_waldir',
  'pg_ls_tmpdir',
  'pg_ls_archive_statusdir',
  'lo_import',
  'lo_export',
  'lo_get',
  'lo_open',
  'dblink',
  'dblink_exec',
  'dblink_connect',
  'pg_terminate_backend',
  'pg_cancel_backend',
  'pg_reload_conf',
  'pg_rotate_logfile',
  'pg_switch_wal',
  'pg_create_restore_point',
  'set_config',
  'pg_notify',
  'pg_advisory_lock',
  'pg_advisory_lock_shared',
  'pg_advisory_xact_lock',
  'pg_advisory_xact_lock_shared',
  'pg_try_advisory_lock',
  'pg_try_advisory_xact_lock',
  'query_to_xml',
  'query_to_xml_and_xmlschema',
  'query_to_xmlschema',
  'cursor_to_xml',
  'cursor_to_xmlschema',
]);

/** Parse-tree nodes that write, whatever statement they hide in (a data-modifying CTE). */
const WRITING_NODES = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);

export type SqlCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether `sql` is one read-only query (SELECT, WITH ... SELECT, VALUES, TABLE), checked on
 * PostgreSQL's own parse tree (libpg-query): no second statement, no data-modifying CTE, no
 * SELECT INTO, no FOR UPDATE/SHARE, none of DENIED_FUNCTIONS. The session it runs in is READ
 * ONLY as well; this gives a clear answer before a database is contacted.
 */
export async function checkReadOnlySql(sql: string): Promise<SqlCheck> {
  if (sql.length > MAX_SQL_LENGTH)
    return { ok: false, reason: `the statement is longer than ${MAX_SQL_LENGTH} characters` };
  if (sql.includes('\u0000'))
    return { ok: false, reason: 'the statement contains a NUL character' };
  let tree: { stmts?: { stmt?: Record<string, unknown> }[] };
  try {
    tree = (await parse(sql)) as typeof tree;
  } catch (e) {
    const at = hasSqlDetails(e) ? e.sqlDetails?.cursorPosition : undefined;
    const message = e instanceof Error ? e.message : String(e);
    if (/cannot be empty/i.test(message)) return { ok: false, reason: 'the statement is empty' };
    return {
      ok: false,
      reason: `${message}${at !== undefined ? ` (at character ${at + 1})` : ''}`,
    };
  }
  const stmts = tree.stmts ?? [];
  if (stmts.length !== 1)
    return {
      ok: false,
      reason: stmts.length ? 'only one statement is allowed' : 'the statement is empty',
    };
  const stmt = stmts[0].stmt ?? {};
  const kind = Object.keys(stmt)[0];
  if (kind !== 'SelectStmt')
    return {
      ok: false,
      reason: `only a query (SELECT, WITH, VALUES) is allowed, not ${describe(kind)}`,
    };
  return walk(stmt);
}

function describe(kind: string | undefined): string {
  return kind
    ? kind
        .replace(/Stmt$/, '')
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toUpperCase()
    : 'nothing';
}

/** Every node of the tree, iteratively (a deep expression cannot overflow the stack). */
function walk(root: unknown): SqlCheck {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (WRITING_NODES.has(key))
        return { ok: false, reason: `a query must not write (${describe(key)} inside it)` };
      if (key === 'SelectStmt' || key === 'selectStmt') {
        const s = value as { intoClause?: unknown; lockingClause?: unknown };
        if (s?.intoClause) return { ok: false, reason: 'SELECT INTO creates a table: not allowed' };
        if (s?.lockingClause)
          return { ok: false, reason: 'FOR UPDATE/SHARE takes locks: not allowed' };
      }
      if (key === 'FuncCall') {
        const names = ((value as { funcname?: { String?: { sval?: string } }[] }).funcname ?? [])
          .map((n) => n.String?.sval?.toLowerCase())
          .filter((n): n is string => !!n);
        const name = names[names.length - 1];
        if (name && DENIED_FUNCTIONS.has(name))
          return { ok: false, reason: `the function ${names.join('.')}() is not allowed` };
      }
      stack.push(value);
    }
  }
  return { ok: true };
}
