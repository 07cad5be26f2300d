import { Injectable, Logger } from '@nestjs/common';
import { Client } from 'pg';
import type {
  ConnectionTestResult,
  ExternalConnectionParams,
  ExternalSessionOptions,
} from './external-sql.types';

const CONNECT_TIMEOUT_MS = 5_000;
const TEST_STATEMENT_TIMEOUT_MS = 3_000;
const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
const REDACTED = '[redacted]';

/** Replaces every occurrence of the password (and its URL-encoded form) in `text`. */
export function scrubSecret(text: string, secret: string | null | undefined): string {
  if (!secret) return text;
  let out = text.split(secret).join(REDACTED);
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  return out;
}

/** A short, user-facing description of a connection failure (no stack, no internals). */
export function describeFailure(e: unknown): string {
  // duck-typed: errors from Node's net layer are not `instanceof Error` in every realm (jest)
  if (!e || typeof e !== 'object' || typeof (e as { message?: unknown }).message !== 'string') {
    return String(e);
  }
  const err = e as {
    message: string;
    name?: string;
    code?: string;
    errors?: Array<{ message?: unknown }>;
  };
  // happy-eyeballs connects (several addresses) fail with an AggregateError and no message
  const first = Array.isArray(err.errors) ? err.errors[0]?.message : undefined;
  const text =
    err.message || (typeof first === 'string' ? first : '') || err.name || 'unknown error';
  return err.code && !text.includes(err.code) ? `${text} (${err.code})` : text;
}

/**
 * Sessions on user-registered databases ("connections"). The one place that opens clients on
 * them: the connection test here, and later index/rule/feature SQL.
 */
@Injectable()
export class ExternalSql {
  private readonly logger = new Logger(ExternalSql.name);

  /**
   * Opens a connected client. The caller must `end()` it. Credentials come only from
   * `params`: a missing password is sent as empty, never looked up in PGPASSWORD or .pgpass.
   */
  async connect(
    params: ExternalConnectionParams,
    opts: ExternalSessionOptions = {},
  ): Promise<Client> {
    if (params.connectionType !== 'postgresql') {
      throw new Error(`unsupported connection type "${String(params.connectionType)}"`);
    }
    const password = params.password ?? '';
    const statementTimeout = opts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    const client = new Client({
      host: params.host,
      port: params.port,
      database: params.database,
      user: params.user,
      // a function, so pg never falls back to the server's PGPASSWORD / ~/.pgpass
      password: async () => password,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
      statement_timeout: statementTimeout,
      query_timeout: statementTimeout + 2_000,
      application_name: 'tippers-services',
      options: opts.readOnly === false ? undefined : '-c default_transaction_read_only=on',
    });
    // a server dropping an idle session must not crash the process
    client.on('error', (e) =>
      this.logger.debug(`external session error: ${scrubSecret(e.message, password)}`),
    );
    try {
      await client.connect();
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    return client;
  }

  /** Connects, asks the server version, disconnects. Never throws; never echoes the password. */
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
        message: scrubSecret(
          `connected to ${params.host}:${params.port}/${params.database} as ${params.user}` +
            (version ? ` (PostgreSQL ${version})` : ''),
          params.password,
        ),
        latency_ms: latency,
        server_version: version,
      };
    } catch (e) {
      return {
        status: 'failed',
        message: scrubSecret(describeFailure(e), params.password),
        latency_ms: elapsed(),
        server_version: null,
      };
    } finally {
      await client?.end().catch(() => undefined);
    }
  }
}
