import { Inject, Injectable, Logger } from '@nestjs/common';
import { retryDelaySeconds } from '../../libs/runs-core';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import { QueueItem, RUN_QUEUE, RunQueue } from '../infra/run-queue/run-queue.port';
import { Sensor } from '../infra/sensors/sensor.decorator';
import { RunEndedEvents } from './run-ended.events';
import { queueItemOf, type Run } from './run.types';
import { RunsRepository } from './runs.repository';

export const RUN_MONITOR = 'run-monitor';
const LOCK_KEY = 7_301_010;
/** QUEUED runs checked against the queue per tick. */
const QUEUE_CHECK_BATCH = 500;
/** Run-ended events delivered again per tick. */
const END_EVENT_BATCH = 500;

/**
 * Keeps every run moving towards a final status (DESIGN §5):
 * - a live run whose heartbeat stopped (its worker died) is retried or failed;
 * - a run past its timeout_seconds is retried or failed ("timed out after N s"); its worker
 *   notices at its next heartbeat and aborts the processor;
 * - a CANCELING run whose worker does not finish the cancel ends CANCELED;
 * - a QUEUED run the queue no longer holds (Redis restarted or flushed, process restarted
 *   with the local queue) is enqueued again;
 * - a run-ended event that was not handled (the process that ended the run died first, or a
 *   subscriber failed) is published again.
 */
@Injectable()
export class RunMonitor {
  private readonly logger = new Logger('RunMonitor');

  constructor(
    private readonly repo: RunsRepository,
    private readonly events: RunEndedEvents,
    @Inject(RUN_QUEUE) private readonly queue: RunQueue,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Sensor({
    name: RUN_MONITOR,
    lockKey: LOCK_KEY,
    every: (c) => c.runs.monitorIntervalSeconds * 1000,
  })
  async tick(): Promise<void> {
    const { heartbeatTimeoutSeconds } = this.config.runs;
    const requeue: Run[] = [];

    for (const run of await this.repo.staleHeartbeats(heartbeatTimeoutSeconds)) {
      const last = run.heartbeat_at?.toISOString() ?? 'never';
      const reason = `worker ${run.worker_id ?? '?'} stopped heartbeating (last heartbeat ${last})`;
      if (run.status === 'CANCELING') {
        await this.events.publish(
          await this.repo.markCanceled(run.run_id, run.attempt, `canceled: ${reason}`),
        );
      } else {
        const after = await this.fail(
          run,
          reason,
          `status = 'STARTED' AND heartbeat_at < now() - make_interval(secs => ${Number(heartbeatTimeoutSeconds)})`,
        );
        if (after?.status === 'QUEUED') requeue.push(after);
        else await this.events.publish(after);
      }
    }

    for (const run of await this.repo.timedOut()) {
      const after = await this.fail(
        run,
        `timed out after ${run.timeout_seconds} s`,
        `status = 'STARTED'`,
      );
      if (after?.status === 'QUEUED') requeue.push(after);
      else await this.events.publish(after);
    }

    for (const run of await this.repo.stuckCanceling(heartbeatTimeoutSeconds)) {
      await this.events.publish(
        await this.repo.markCanceled(
          run.run_id,
          run.attempt,
          'canceled (the worker did not stop in time)',
        ),
      );
    }

    // events whose publisher died (or whose subscriber failed): once the ending process has had
    // a heartbeat timeout to publish them itself
    // (runs waiting out a backoff after a failed delivery are left out, so they cannot hold
    // the batch against newer ones)
    for (const run of await this.repo.endedUnnotified(
      heartbeatTimeoutSeconds,
      END_EVENT_BATCH,
      this.events.backingOff(),
    ))
      await this.events.publish(run, { redelivery: true });

    await this.queue.maintain();
    if (requeue.length) await this.queue.enqueue(requeue.map(toItem));

    const lostAfter = Math.max(1, 2 * this.config.runs.monitorIntervalSeconds);
    const queued = await this.repo.queuedForCheck(lostAfter, QUEUE_CHECK_BATCH);
    if (queued.length) {
      const missing = await this.queue.missing(queued.map(toItem));
      if (missing.length) {
        this.logger.warn(`re-enqueueing ${missing.length} QUEUED run(s) the queue did not hold`);
        await this.queue.enqueue(missing);
      }
    }
  }

  private fail(run: Run, reason: string, onlyIf: string): Promise<Run | null> {
    const delay = retryDelaySeconds(run.attempt, this.config.runs.retryBackoffSeconds);
    return this.repo.failAttempt(run.run_id, run.attempt, reason, delay, onlyIf);
  }
}

/** A run's delivery request, delayed until its not_before. */
function toItem(run: Run): QueueItem {
  const wait = run.not_before ? run.not_before.getTime() - Date.now() : 0;
  return queueItemOf(run, Math.max(0, wait));
}
