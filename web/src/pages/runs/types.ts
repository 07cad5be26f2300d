export const STATUSES = [
  'QUEUED',
  'STARTED',
  'SUCCESS',
  'FAILURE',
  'CANCELING',
  'CANCELED',
] as const;
export type RunStatus = (typeof STATUSES)[number];

/** A run as GET /runs answers it. */
export interface Run {
  run_id: string;
  kind: string;
  status: RunStatus;
  run_key: string | null;
  params: Record<string, unknown>;
  run_group: string;
  priority: number;
  attempt: number;
  max_attempts: number;
  timeout_seconds: number | null;
  queued_at: string;
  not_before: string | null;
  started_at: string | null;
  ended_at: string | null;
  heartbeat_at: string | null;
  worker_id: string | null;
  error: string | null;
  metadata: Record<string, unknown>;
}

export interface RunEvent {
  at: string;
  attempt: number;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  data: Record<string, unknown> | null;
}

/** GET /runs/{run_id}: the run and its event log. */
export interface RunDetail extends Run {
  events: RunEvent[];
}

export const isStatus = (s: string): s is RunStatus => (STATUSES as readonly string[]).includes(s);

/** Not ended yet: the run may still change (pages poll while any shown run is so). */
export const isLive = (s: RunStatus): boolean =>
  s === 'QUEUED' || s === 'STARTED' || s === 'CANCELING';
