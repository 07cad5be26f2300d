import type { RunStatus } from '../../libs/runs-core';
import type { QueueItem } from '../infra/run-queue/run-queue.port';
import type { RunGroup } from './run-kind';

/** A row of `runs`, as SQL returns it (snake_case, like the API). */
export interface Run {
  run_id: string;
  kind: string;
  status: RunStatus;
  run_key: string | null;
  params: Record<string, unknown>;
  /** The kind's group (its concurrency cap and queue). */
  run_group: RunGroup;
  priority: number;
  attempt: number;
  max_attempts: number;
  timeout_seconds: number | null;
  enqueue_count: number;
  queued_at: Date;
  enqueued_at: Date;
  not_before: Date | null;
  started_at: Date | null;
  ended_at: Date | null;
  heartbeat_at: Date | null;
  cancel_requested_at: Date | null;
  worker_id: string | null;
  error: string | null;
  metadata: Record<string, unknown>;
  /** When the run-ended event was handled by every subscriber; null until then. */
  end_notified_at: Date | null;
}

export interface RunEvent {
  event_id: string;
  run_id: string;
  at: Date;
  attempt: number;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  data: Record<string, unknown> | null;
}

/** What a caller asks for when creating a run. */
export interface RunSpec {
  kind: string;
  /** Checked against the kind's params DTO (a plain object or an instance of the DTO). */
  params?: object;
  /** Idempotency: a second create with the same key returns the first run. */
  runKey?: string | null;
  maxAttempts?: number;
  timeoutSeconds?: number | null;
}

/** The queue's delivery request for `run` (deliver no sooner than `delayMs` from now). */
export function queueItemOf(run: Run, delayMs = 0): QueueItem {
  return {
    runId: run.run_id,
    seq: run.enqueue_count,
    group: run.run_group,
    priority: run.priority,
    delayMs,
  };
}
