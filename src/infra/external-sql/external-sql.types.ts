/** Everything needed to open a session on a user-registered database. */
export interface ExternalConnectionParams {
  connectionType: 'postgresql';
  host: string;
  port: number;
  database: string;
  user: string;
  /** Plaintext password, or null for none (never taken from the server's own environment). */
  password: string | null;
}

export interface UserQueryOptions {
  /** Server-side statement timeout; default 30000. */
  timeoutMs?: number;
  /** Aborting cancels the statement on the server (pg_cancel_backend) and rejects. */
  signal?: AbortSignal;
  /**
   * Values the SQL reads as a set (an index's keys), bound as data: a transaction-local
   * setting (INDEX_VALUES_SETTING) holding them as an array literal, never spliced into SQL.
   */
  indexValues?: readonly unknown[];
}

export interface UserQueryResult {
  columns: { name: string; dataTypeId: number }[];
  rows: Record<string, unknown>[];
}

export interface ExternalSessionOptions {
  /** Connect (TCP, TLS, authentication) must finish within this; default 5000. */
  connectTimeoutMs?: number;
  /** Server-side `statement_timeout`; default 30000. */
  statementTimeoutMs?: number;
  /** Open every transaction READ ONLY (default true). */
  readOnly?: boolean;
  /** A session for a COPY stream: no client-side query timer (see connect). */
  streaming?: boolean;
}

export interface ConnectionTestResult {
  status: 'success' | 'failed';
  message: string;
  latency_ms: number;
  server_version: string | null;
}

/** An output column of user SQL, as the server described it. */
export interface UserColumn {
  name: string;
  dataTypeId: number;
  typeModifier: number;
  /** format_type(): `integer`, `numeric(10,2)`, `timestamp with time zone` ... */
  typeName: string;
}
