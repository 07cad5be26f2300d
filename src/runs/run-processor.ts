import type { Run, RunEvent } from './run.types';

/** Writes to the run's event log (visible in GET /runs/{id}). */
export interface RunLogger {
  info(message: string, data?: Record<string, unknown>): Promise<void>;
  warn(message: string, data?: Record<string, unknown>): Promise<void>;
  error(message: string, data?: Record<string, unknown>): Promise<void>;
}

export interface RunContext<P extends object = object> {
  run: Run;
  /** The run's params as an instance of its kind's params DTO (validated when it was created). */
  params: P;
  /**
   * Aborted on cancel, timeout, loss of the run (worker declared dead) or shutdown. Pass it to
   * every long call (queries, DuckDB, object store) so the work stops, not only the wait.
   */
  signal: AbortSignal;
  log: RunLogger;
  /** Records liveness now (heartbeats are also sent on a timer while the processor runs). */
  heartbeat(): Promise<void>;
}

/**
 * Does the work of one kind of run (declared with @RunKind on the class). Must be idempotent:
 * a run may be delivered twice (a retry after a worker died mid-way). Returns metadata stored
 * on the run.
 */
export interface RunProcessor<P extends object = object> {
  process(ctx: RunContext<P>): Promise<Record<string, unknown> | void>;
}

export type RunEventLevel = RunEvent['level'];
