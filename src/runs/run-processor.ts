import { SetMetadata } from '@nestjs/common';
import type { Run, RunEvent } from './run.types';

/** Writes to the run's event log (visible in GET /runs/{id}). */
export interface RunLogger {
  info(message: string, data?: Record<string, unknown>): Promise<void>;
  warn(message: string, data?: Record<string, unknown>): Promise<void>;
  error(message: string, data?: Record<string, unknown>): Promise<void>;
}

export interface RunContext {
  run: Run;
  /** Aborted on cancel, timeout, loss of the run (worker declared dead) or shutdown. */
  signal: AbortSignal;
  log: RunLogger;
  /** Records liveness now (heartbeats are also sent on a timer while the processor runs). */
  heartbeat(): Promise<void>;
}

/**
 * Does the work of one kind of run. Must be idempotent: a run may be delivered twice (a
 * retry after a worker died mid-way). Returns metadata stored on the run.
 */
export interface RunProcessor {
  process(ctx: RunContext): Promise<Record<string, unknown> | void>;
}

export const RUN_PROCESSOR_KIND = 'tippers:run-processor-kind';

/** Marks a provider as the processor of `kind`. */
export const RunProcessorFor = (kind: string): ClassDecorator =>
  SetMetadata(RUN_PROCESSOR_KIND, kind);

export type RunEventLevel = RunEvent['level'];
