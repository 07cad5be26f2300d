import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RunStatus } from '../../libs/runs-core';

/**
 * A run: one unit of background work. This table is the source of truth; the queue only
 * carries ids (DESIGN §5).
 */
@Entity({ name: 'runs' })
@Check(
  'CK_runs_status',
  `status IN ('QUEUED','STARTED','SUCCESS','FAILURE','CANCELING','CANCELED')`,
)
@Index('IDX_runs_queued_at', ['queuedAt', 'runId'])
@Index('IDX_runs_active', ['status', 'heartbeatAt'], {
  where: `status IN ('QUEUED','STARTED','CANCELING')`,
})
@Index('UQ_runs_run_key', ['runKey'], { unique: true, where: 'run_key IS NOT NULL' })
// mean run time of a kind's recent successes (occupancy chunk timeouts), without a scan
@Index('IDX_runs_succeeded', ['kind', 'endedAt'], { where: `status = 'SUCCESS'` })
// ended runs whose run-ended event is not handled yet (the run monitor delivers it again)
@Index('IDX_runs_end_unnotified', ['endedAt'], {
  where: `end_notified_at IS NULL AND status IN ('SUCCESS','FAILURE','CANCELED')`,
})
export class RunEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'run_id' })
  runId: string;

  @Column({ type: 'varchar', length: 64 })
  kind: string;

  @Column({ type: 'varchar', length: 16, default: 'QUEUED' })
  status: RunStatus;

  @Column({ name: 'run_key', type: 'varchar', length: 512, nullable: true })
  runKey: string | null;

  @Column({ type: 'jsonb', default: {} })
  params: Record<string, unknown>;

  /** The kind's group: its concurrency cap inside MAX_CONCURRENT_RUNS, and its queue. */
  @Column({ name: 'run_group', type: 'varchar', length: 16, default: 'bulk' })
  runGroup: string;

  /** 0 = interactive (served first), higher = bulk. */
  @Column({ type: 'smallint', default: 0 })
  priority: number;

  /** Attempts started so far (the current one while STARTED). */
  @Column({ type: 'integer', default: 0 })
  attempt: number;

  @Column({ name: 'max_attempts', type: 'integer', default: 1 })
  maxAttempts: number;

  @Column({ name: 'timeout_seconds', type: 'integer', nullable: true })
  timeoutSeconds: number | null;

  /** Times the run was put on the queue; part of the queue job id, so re-enqueueing is idempotent. */
  @Column({ name: 'enqueue_count', type: 'integer', default: 0 })
  enqueueCount: number;

  @Column({ name: 'queued_at', type: 'timestamptz', default: () => 'now()' })
  queuedAt: Date;

  /** Last time the run was handed to the queue (retries, re-enqueues of lost jobs). */
  @Column({ name: 'enqueued_at', type: 'timestamptz', default: () => 'now()' })
  enqueuedAt: Date;

  /** Retry backoff: not to be started before this. */
  @Column({ name: 'not_before', type: 'timestamptz', nullable: true })
  notBefore: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true })
  heartbeatAt: Date | null;

  @Column({ name: 'cancel_requested_at', type: 'timestamptz', nullable: true })
  cancelRequestedAt: Date | null;

  @Column({ name: 'worker_id', type: 'varchar', length: 255, nullable: true })
  workerId: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'jsonb', default: {} })
  metadata: Record<string, unknown>;

  /**
   * When every subscriber handled the run's run-ended event (the outbox mark): null while the
   * run is not final, or its event has not been handled yet.
   */
  @Column({ name: 'end_notified_at', type: 'timestamptz', nullable: true })
  endNotifiedAt: Date | null;
}
