import { hasSqlDetails } from 'libpg-query';
import { literalDependingOnStandardStrings } from './literals';
import { estimateNesting, MAX_NESTING } from './nesting';
import { parserFailure, parseSql, scanSql } from './pg';

export {
  INDEX_VALUES_PLACEHOLDER,
  positionalParameter,
  substituteIndexValues,
} from './index-values';

/** Longest user SQL statement accepted. */
export const MAX_SQL_LENGTH = 100_000;

/**
 * Functions a read-only statement on a user's database has no business calling, as families
 * (`*` stands for any characters): they sleep, read or write the server's files or large
 * objects, reach other servers, signal sessions or the server, change settings, replication or
 * WAL state, take advisory locks, notify, assign transaction ids, advance sequences, reset
 * statistics, or run SQL given as text (which would escape this check) or scan whole tables,
 * schemas or databases. Matched on the function's name without its schema, case-insensitively
 * (a quoted "PG_SLEEP" is refused as well, although PostgreSQL would not find it).
 */
const DENIED_FUNCTIONS = [
  // large objects (server files through lo_import / lo_export)
  'lo_*',
  'loread',
  'lowrite',
  // other servers
  'dblink*',
  // the server's files and configuration
  'pg_read_*',
  'pg_ls_*',
  'pg_stat_file',
  'pg_file_*',
  'pg_logdir_ls',
  'pg_hba_file_rules',
  'pg_ident_file_mappings',
  'pg_show_all_file_settings',
  // other sessions and the server itself
  'pg_terminate_backend',
  'pg_cancel_backend',
  'pg_reload_conf',
  'pg_rotate_logfile*',
  'pg_promote',
  'pg_switch_wal',
  'pg_wal_replay_*',
  'pg_backup_*',
  'pg_start_backup',
  'pg_stop_backup',
  'pg_log_*',
  // replication
  'pg_create_*',
  'pg_drop_replication_slot',
  'pg_copy_*_replication_slot',
  'pg_replication_slot_advance',
  'pg_sync_replication_slots',
  'pg_logical_*',
  'pg_replication_origin_*',
  // settings, notifications, advisory locks, sleeping
  'set_config',
  'pg_notify',
  'pg_advisory*',
  'pg_try_advisory*',
  'pg_sleep*',
  // SQL given as text, or scans of whole tables / schemas / databases
  'query_to_xml*',
  'cursor_to_xml*',
  'table_to_xml*',
  'schema_to_xml*',
  'database_to_xml*',
  'ts_stat',
  'ts_rewrite',
  // state changes: catalogs, transaction ids, sequences, statistics, index maintenance
  'pg_import_system_collations',
  'pg_nextoid',
  'txid_current',
  'pg_current_xact_id',
  'nextval',
  'setval',
  'pg_stat_reset*',
  'pg_stat_statements_reset',
  'gin_clean_pending_list',
  'brin_*summarize*',
];

const DENIED_FUNCTION = new RegExp(
  `^(?:${DENIED_FUNCTIONS.map((p) => p.split('*').map(escapeRegExp).join('.*')).join('|')})$`,
  's',
);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Parse-tree nodes that write, whatever statement they hide in (a data-modifying CTE). */
const WRITING_NODES = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);

/**
 * How a refused top-level statement is named where its node name would read oddly. SHOW is
 * refused like every statement that is not a query (`SELECT current_setting('x')` reads a
 * setting); RESET parses as a VariableSetStmt.
 */
const STATEMENT_NAMES: Record<string, string> = {
  VariableSetStmt: 'SET/RESET',
  VariableShowStmt: 'SHOW',
  TransactionStmt: 'BEGIN/COMMIT/ROLLBACK',
  VacuumStmt: 'VACUUM/ANALYZE',
  CheckPointStmt: 'CHECKPOINT',
};

export type SqlCheck = { ok: true } | { ok: false; reason: string };

export interface SqlCheckOptions {
  /**
   * Whether positional parameters ($1, $2 ...) may appear (default true: the service binds its
   * own after substituting :index_values). False for SQL as the user wrote it, where the only
   * bound data is the index's keys, through :index_values.
   */
  allowParams?: boolean;
}

/**
 * Whether `sql` is one read-only query (SELECT, WITH ... SELECT, VALUES, TABLE), checked on
 * PostgreSQL's own parse tree (libpg-query): no second statement, no data-modifying CTE, no
 * SELECT INTO, no FOR UPDATE/SHARE, none of DENIED_FUNCTIONS, no parameters unless allowed, no
 * string literal the database would read differently with standard_conforming_strings off.
 * Statements nested too deeply for the parser's stack are refused before it sees them. The
 * session it runs in is READ ONLY as well; this gives a clear answer before a database is
 * contacted.
 */
export async function checkReadOnlySql(sql: string, opts: SqlCheckOptions = {}): Promise<SqlCheck> {
  if (sql.length > MAX_SQL_LENGTH)
    return refuse(`the statement is longer than ${MAX_SQL_LENGTH} characters`);
  if (sql.includes('\u0000')) return refuse('the statement contains a NUL character');
  const broken = parserFailure();
  if (broken) return refuse(broken);
  // the nesting estimate is at most 1.5 per character: short SQL need not be scanned for it
  const long = sql.length > MAX_NESTING / 2;
  const backslash = sql.includes('\\') && sql.includes("'");
  // undefined when the scanner cannot read the SQL: then it does not parse either, and the
  // parser names the error
  const tokens = long || backslash ? await scanSql(sql) : undefined;
  if (long && tokens && estimateNesting(tokens) > MAX_NESTING)
    return refuse('expressions are nested or chained too deeply');
  let tree: { stmts?: { stmt?: Record<string, unknown> }[] };
  try {
    tree = (await parseSql(sql)) as typeof tree;
  } catch (e) {
    const at = hasSqlDetails(e) ? e.sqlDetails?.cursorPosition : undefined;
    const message = e instanceof Error ? e.message : String(e);
    if (/cannot be empty/i.test(message)) return refuse('the statement is empty');
    return refuse(
      parserFailure() ?? `${message}${at !== undefined ? ` (at character ${at + 1})` : ''}`,
    );
  }
  const stmts = tree.stmts ?? [];
  if (stmts.length !== 1)
    return refuse(stmts.length ? 'only one statement is allowed' : 'the statement is empty');
  const stmt = stmts[0].stmt ?? {};
  const kind = Object.keys(stmt)[0];
  if (kind !== 'SelectStmt')
    return refuse(`only a query (SELECT, WITH, VALUES) is allowed, not ${describe(kind)}`);
  if (backslash && (!tokens || literalDependingOnStandardStrings(tokens)))
    return refuse(
      "a backslash before a quote in '...' reads differently where standard_conforming_strings is off; write E'...' or $$...$$",
    );
  return walk(stmt, opts.allowParams ?? true);
}

function refuse(reason: string): SqlCheck {
  return { ok: false, reason };
}

function describe(kind: string | undefined): string {
  if (kind && STATEMENT_NAMES[kind]) return STATEMENT_NAMES[kind];
  return kind
    ? kind
        .replace(/Stmt$/, '')
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toUpperCase()
    : 'nothing';
}

/** Every node of the tree, iteratively (a deep expression cannot overflow the stack). */
function walk(root: unknown, allowParams: boolean): SqlCheck {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (WRITING_NODES.has(key))
        return refuse(`a query must not write (${describe(key)} inside it)`);
      if (key === 'intoClause' && value) return refuse('SELECT INTO creates a table: not allowed');
      if (key === 'lockingClause' && value)
        return refuse('FOR UPDATE/SHARE takes locks: not allowed');
      if (key === 'ParamRef' && !allowParams) {
        const n = (value as { number?: number }).number;
        return refuse(
          `parameters ($${n ?? '?'}) are not allowed in a definition; use :index_values for the index's keys`,
        );
      }
      if (key === 'FuncCall') {
        // names arrive decoded: "pg_sleep" and U&"pg_\0073leep" are both pg_sleep here
        const names = ((value as { funcname?: { String?: { sval?: string } }[] }).funcname ?? [])
          .map((n) => n.String?.sval)
          .filter((n): n is string => n !== undefined);
        const name = names[names.length - 1];
        if (name !== undefined && DENIED_FUNCTION.test(name.toLowerCase()))
          return refuse(`the function ${names.join('.')}() is not allowed`);
      }
      stack.push(value);
    }
  }
  return { ok: true };
}
