import { Inject, Injectable, Logger } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client, QueryArrayConfig } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { blockedAddressReason, isHostAllowed, isHostListed } from '../../../libs/host-allowlist';
import { checkReadOnlySql } from '../../../libs/sql-guard';
import { statementText } from '../../../libs/sql-guard/statement-text';
import type { ResolvedConfig } from '../../bootstrap/infrastructure';
import { APP_CONFIG } from '../../config/app-config.provider';
import type {
  ConnectionTestResult,
  ExternalConnectionParams,
  ExternalSessionOptions,
  UserColumn,
  UserQueryOptions,
  UserQueryResult,
} from './external-sql.types';

const CONNECT_TIMEOUT_MS = 5_000;
const TEST_STATEMENT_TIMEOUT_MS = 3_000;
const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
/**
 * The transaction-local setting that holds `indexValues` (a PostgreSQL array literal): SQL
 * reads the keys as `unnest(current_setting('tippers.index_values')::<type>[])`.
 */
export const INDEX_VALUES_SETTING = 'tippers.index_values';

/** A PostgreSQL array literal of `values` (strings, numbers, booleans, null), quoted safely. */
export function arrayLiteral(values: readonly unknown[]): string {
  const parts = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    const text = typeof v === 'string' ? v : String(v);
    return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  });
  return `{${parts.join(',')}}`;
}

/** How often an abort's cancel is sent again while the statement still runs. */
const CANCEL_REPEAT_MS = 250;

/** A session of ours idle inside a transaction this long is ended by the server. */
const IDLE_IN_TRANSACTION_MS = 60_000;
/**
 * A connection refused before any packet was sent (host not allowed, name not resolvable, a
 * blocked address). Its message is safe to show: it holds no driver text.
 */
export class ConnectionPolicyError extends Error {}

/** User SQL refused before it ran (not one read-only query) or failed on the server: a 4xx. */
export class UserSqlError extends Error {
  constructor(
    message: string,
    /** The server's SQLSTATE when the database refused it. */
    readonly sqlState?: string,
  ) {
    super(message);
  }
}

/** The statement was canceled: its timeout passed, or its caller aborted. */
export class UserSqlCanceledError extends Error {}

/** Categories of driver error codes: what a failure message may say. */
const FAILURES: Record<string, string> = {
  '28P01': 'authentication failed: wrong user name or password',
  '28000':
    'authentication failed: the server does not accept this user (no such role, or not allowed from here)',
  '3D000': 'the database does not exist on that server',
  '53300': 'the server has too many connections',
  '57P03': 'the server is starting up or shutting down',
  ECONNREFUSED: 'unreachable: connection refused (nothing listens on that host and port)',
  EHOSTUNREACH: 'unreachable: no route to the host',
  ENETUNREACH: 'unreachable: no route to the network',
  ECONNRESET: 'unreachable: the server closed the connection',
  ENOTFOUND: 'unreachable: the host name could not be resolved',
  EAI_AGAIN: 'unreachable: the host name could not be resolved',
  ETIMEDOUT: 'timeout: no answer from the server',
  EPROTO: 'TLS: the handshake failed',
};

/**
 * A short, categorised description of a connection failure: authentication, unreachable,
 * timeout, TLS, database missing, another server refusal (its SQLSTATE). Never the driver's
 * text, which can hold the user name, the database or parts of the password, and never any
 * value of the connection (a password equal to the user name would show through it).
 */
export function describeFailure(e: unknown): string {
  if (e instanceof ConnectionPolicyError) return e.message;
  const err = (e && typeof e === 'object' ? e : {}) as {
    message?: unknown;
    code?: unknown;
    errors?: Array<{ code?: unknown }>;
  };
  // happy-eyeballs connects (several addresses) fail with an AggregateError and no code
  const codes = [err.code, ...(Array.isArray(err.errors) ? err.errors.map((x) => x?.code) : [])];
  const code = codes.find((c): c is string => typeof c === 'string');
  if (code && FAILURES[code]) return FAILURES[code];
  if (code?.startsWith('ERR_TLS') || code?.startsWith('ERR_SSL'))
    return 'TLS: the handshake failed';
  const text = typeof err.message === 'string' ? err.message : '';
  // pg's own connect timeout has no code
  if (/timeout/i.test(text)) return 'timeout: no answer from the server within 5 s';
  if (/SSL|TLS/.test(text)) return 'TLS: the server and this service could not agree';
  if (code && /^[0-9A-Z]{5}$/.test(code))
    return `the server refused the connection (SQLSTATE ${code})`;
  return `the connection failed${code ? ` (${code})` : ''}`;
}

/**
 * Sessions on user-registered databases ("connections"). The one place that opens clients on
 * them: the connection test here, and later index/rule/feature SQL.
 */
@Injectable()
export class ExternalSql {
  private readonly logger = new Logger(ExternalSql.name);

  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {}

  /**
   * The address to connect to for `host`, checked at every use (not only when a connection is
   * saved: the allow-list may have changed since): the host must pass CONNECTION_ALLOWED_HOSTS,
   * and the address it resolves to now must not be link-local or a metadata address unless the
   * host or the address is listed explicitly. The client then connects to that address, so a
   * name that resolves differently a moment later (DNS rebinding) changes nothing.
   */
  async resolveAllowed(host: string): Promise<string> {
    const patterns = this.config.connectionAllowedHosts;
    if (!isHostAllowed(host, patterns))
      throw new ConnectionPolicyError(
        `host "${host}" is not allowed by CONNECTION_ALLOWED_HOSTS; not contacted`,
      );
    let address = host;
    if (!isIP(host)) {
      try {
        address = (await lookup(host, { verbatim: true })).address;
      } catch {
        throw new ConnectionPolicyError('unreachable: the host name could not be resolved');
      }
    }
    const reason = blockedAddressReason(address);
    if (reason && !isHostListed(host, patterns) && !isHostListed(address, patterns))
      throw new ConnectionPolicyError(
        `host "${host}" is ${address}, ${reason}: not contacted unless CONNECTION_ALLOWED_HOSTS lists it`,
      );
    return address;
  }

  /**
   * Opens a connected client (never handed out: query() and testConnection() are the only ways
   * to run anything on a connection). The caller must `end()` it. Credentials come only from
   * `params`: a missing password is sent as empty, never looked up in PGPASSWORD or .pgpass.
   */
  private async connect(
    params: ExternalConnectionParams,
    opts: ExternalSessionOptions = {},
  ): Promise<Client> {
    if (params.connectionType !== 'postgresql') {
      throw new Error(`unsupported connection type "${String(params.connectionType)}"`);
    }
    const address = await this.resolveAllowed(params.host);
    const password = params.password ?? '';
    const statementTimeout = opts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    const client = new Client({
      host: address,
      port: params.port,
      database: params.database,
      user: params.user,
      // a function, so pg never falls back to the server's PGPASSWORD / ~/.pgpass
      password: async () => password,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
      statement_timeout: statementTimeout,
      // pg's client-side timer is never cleared for a COPY stream (it keeps the process alive
      // for the whole timeout): streaming sessions rely on statement_timeout and cancel alone
      query_timeout: opts.streaming ? undefined : statementTimeout + 2_000,
      application_name: 'tippers-services',
      // UTC and ISO dates so COPY's text is the same whatever the server's defaults are
      options: [
        opts.readOnly === false ? '' : '-c default_transaction_read_only=on',
        `-c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_MS}`,
        '-c TimeZone=UTC',
        '-c DateStyle=ISO,YMD',
        '-c IntervalStyle=iso_8601',
        '-c extra_float_digits=1',
        // the guard parses with standard strings: a server reading '\'' otherwise could see
        // a second statement where the guard saw one string
        '-c standard_conforming_strings=on',
      ]
        .filter(Boolean)
        .join(' '),
    });
    // a server dropping an idle session must not crash the process
    client.on('error', (e) => this.logger.debug(`external session error: ${describeFailure(e)}`));
    try {
      await client.connect();
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    return client;
  }

  /**
   * The one way to run user SQL on a registered connection: `sql` must be one read-only query
   * (libs/sql-guard, on PostgreSQL's parse tree), the host passes the allow-list and address
   * checks, and the query runs with `bindings` ($1, $2 ...) in a `BEGIN READ ONLY` transaction
   * of a session opened with `statement_timeout` and `idle_in_transaction_session_timeout`; the
   * transaction is rolled back and the session closed whatever happens. Aborting `signal`
   * cancels the statement on the server. query(), describe() and copyCsv() all go through it.
   */
  private async readOnly<T>(
    params: ExternalConnectionParams,
    sql: string,
    opts: UserQueryOptions & { streaming?: boolean },
    fn: (client: Client, statement: string) => Promise<T>,
  ): Promise<T> {
    const check = await checkReadOnlySql(sql);
    if (!check.ok) throw new UserSqlError(check.reason);
    const statement = await statementText(sql);
    opts.signal?.throwIfAborted();
    const timeoutMs = Math.max(1, Math.floor(opts.timeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS));
    const client = await this.connect(params, {
      statementTimeoutMs: timeoutMs,
      streaming: opts.streaming,
    });
    const pid = (client as unknown as { processID?: number }).processID;
    // a cancel that reaches the server between statements (or while one is parsed) is lost:
    // send it again until the work has stopped
    let ended = false;
    let again: NodeJS.Timeout | undefined;
    const cancel = () => {
      if (ended) return;
      void this.cancelBackend(params, pid).finally(() => {
        if (!ended) again = setTimeout(cancel, CANCEL_REPEAT_MS);
      });
    };
    opts.signal?.addEventListener('abort', cancel, { once: true });
    // the server may still be working for us after fn gave up (an abort, a local failure such
    // as the reader of a COPY stream going away)
    let lingering = false;
    try {
      // the session's statement_timeout is timeoutMs already (set when it was opened)
      await client.query('BEGIN READ ONLY');
      if (opts.indexValues) {
        // data, bound as one parameter: the SQL reads it with current_setting(INDEX_VALUES_SETTING)
        await client.query('SELECT set_config($1, $2, true)', [
          INDEX_VALUES_SETTING,
          arrayLiteral(opts.indexValues),
        ]);
      }
      return await fn(client, statement);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code === '57014')
        throw new UserSqlCanceledError(
          opts.signal?.aborted
            ? 'the query was canceled'
            : `the query ran longer than ${timeoutMs} ms`,
        );
      if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))
        throw new UserSqlError(`the database refused the query: ${(e as Error).message}`, code);
      lingering = true;
      throw e;
    } finally {
      ended = true;
      clearTimeout(again);
      opts.signal?.removeEventListener('abort', cancel);
      // A statement given up on this side may still run on the server, and a backend busy
      // computing notices a gone client only when it next writes: cancel it once more first.
      if (lingering || opts.signal?.aborted) await this.cancelBackend(params, pid);
      // Closing the session rolls the read-only transaction back. No ROLLBACK first: after a
      // failure the client may still be inside a COPY whose rows nobody reads any more (the
      // server blocks sending them and processes no cancel meanwhile), and a ROLLBACK would wait
      // behind it for ever; end() drops the socket under an unfinished query instead.
      await client.end().catch(() => undefined);
    }
  }

  /** Runs one read-only query (see readOnly) and returns all its rows: for small results. */
  query(
    params: ExternalConnectionParams,
    sql: string,
    bindings: unknown[] = [],
    opts: UserQueryOptions = {},
  ): Promise<UserQueryResult> {
    return this.readOnly(params, sql, opts, async (client) => {
      // the extended protocol runs exactly one statement, whatever the text holds
      const res = await client.query(oneStatement(sql, bindings));
      const columns = res.fields.map((f) => ({ name: f.name, dataTypeId: f.dataTypeID }));
      const rows = (res.rows as unknown[][]).map((r) =>
        Object.fromEntries(columns.map((c, i) => [c.name, r[i]])),
      );
      return { columns, rows };
    });
  }

  /**
   * The output columns of `sql` (name, type oid, type modifier, PostgreSQL's type name), from a
   * zero-row run of it: nothing is read. Plus, with `limit`, its first rows.
   */
  describe(
    params: ExternalConnectionParams,
    sql: string,
    opts: UserQueryOptions & { limit?: number } = {},
  ): Promise<{ columns: UserColumn[]; rows: unknown[][] }> {
    return this.readOnly(params, sql, opts, async (client, statement) => {
      const limit = Math.max(0, Math.floor(opts.limit ?? 0));
      const res = await client.query(
        oneStatement(`SELECT * FROM (\n${statement}\n) AS q LIMIT ${limit}`),
      );
      return { columns: await typeNames(client, res.fields), rows: res.rows as unknown[][] };
    });
  }

  /**
   * Streams the whole result of `sql` as CSV (`COPY (...) TO STDOUT`, PostgreSQL's own encoder:
   * no row passes through JavaScript) into the stream `target` opens once the output columns are
   * known (a file, or the FIFO a reader of those columns is waiting on), inside the same
   * read-only transaction as always; the session's TimeZone is UTC. Returns the output columns
   * and the bytes streamed. Aborting `signal` cancels the COPY on the server and stops the write.
   */
  copyCsv(
    params: ExternalConnectionParams,
    sql: string,
    target: (columns: UserColumn[]) => Promise<Writable> | Writable,
    opts: UserQueryOptions = {},
  ): Promise<{ columns: UserColumn[]; bytes: number }> {
    return this.readOnly(params, sql, { ...opts, streaming: true }, async (client, statement) => {
      const nested = `SELECT * FROM (\n${statement}\n) AS q`;
      const described = await client.query(oneStatement(`${nested} LIMIT 0`));
      const columns = await typeNames(client, described.fields);
      const out = await target(columns);
      let bytes = 0;
      const copy = client.query(copyTo(`COPY (${nested}) TO STDOUT WITH (FORMAT csv)`));
      copy.on('data', (chunk: Buffer) => (bytes += chunk.length));
      await pipeline(copy, out, { signal: opts.signal });
      return { columns, bytes };
    });
  }

  /** Cancels the statement of backend `pid` from a session of its own (same user). */
  private async cancelBackend(params: ExternalConnectionParams, pid: number | undefined) {
    if (!pid) return;
    const c = await this.connect(params, { connectTimeoutMs: CONNECT_TIMEOUT_MS }).catch(
      () => null,
    );
    if (!c) return;
    await c.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
    await c.end().catch(() => undefined);
  }

  /**
   * Connects, asks the server version, disconnects. Never throws; answers categorised
   * messages that echo nothing of the connection (describeFailure).
   */
  async testConnection(params: ExternalConnectionParams): Promise<ConnectionTestResult> {
    const started = performance.now();
    const elapsed = () => Math.max(0, Math.round(performance.now() - started));
    let client: Client | undefined;
    try {
      client = await this.connect(params, {
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
        statementTimeoutMs: TEST_STATEMENT_TIMEOUT_MS,
      });
      const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
      const version = rows[0]?.server_version ?? null;
      const latency = elapsed();
      return {
        status: 'success',
        message: `connected${version ? `: PostgreSQL ${version}` : ''}`,
        latency_ms: latency,
        server_version: version,
      };
    } catch (e) {
      return {
        status: 'failed',
        message: describeFailure(e),
        latency_ms: elapsed(),
        server_version: null,
      };
    } finally {
      await client?.end().catch(() => undefined);
    }
  }
}

/** PostgreSQL's name for each output column's type (format_type: with its modifier). */
async function typeNames(
  client: Client,
  fields: { name: string; dataTypeID: number; dataTypeModifier: number }[],
): Promise<UserColumn[]> {
  if (!fields.length) return [];
  const { rows } = await client.query<{ t: string[] }>(
    'SELECT array_agg(format_type(o, m) ORDER BY i) AS t FROM unnest($1::oid[], $2::int[]) WITH ORDINALITY AS u(o, m, i)',
    [fields.map((f) => f.dataTypeID), fields.map((f) => f.dataTypeModifier)],
  );
  return fields.map((f, i) => ({
    name: f.name,
    dataTypeId: f.dataTypeID,
    typeModifier: f.dataTypeModifier,
    typeName: rows[0].t[i],
  }));
}

/**
 * A query run with the extended protocol (rows as arrays): it runs exactly one statement, even
 * with no values to bind (pg would otherwise use the simple protocol, which runs several).
 */
function oneStatement(text: string, values: unknown[] = []): QueryArrayConfig {
  const config: QueryArrayConfig & { queryMode: 'extended' } = {
    text,
    values,
    rowMode: 'array',
    queryMode: 'extended',
  };
  return config;
}
