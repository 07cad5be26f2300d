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
}

export interface ConnectionTestResult {
  status: 'success' | 'failed';
  message: string;
  latency_ms: number;
  server_version: string | null;
}
