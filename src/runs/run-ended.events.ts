import { Injectable, Logger } from '@nestjs/common';
import { isFinal } from '../../libs/runs-core';
import type { Run } from './run.types';
import { RunsRepository } from './runs.repository';

/** Called once a run has ended (SUCCESS, FAILURE or CANCELED). Must be idempotent. */
export type RunEndedHandler = (run: Run) => Promise<void>;

interface Subscription {
  kinds: ReadonlySet<string> | null;
  handle: RunEndedHandler;
}

/**
 * The run-ended event: features subscribe (in onModuleInit) instead of polling the runs table.
 * The executor and the run monitor publish it in the process where the run ended, right after
 * the final transition. Delivery is at least once: a run's event counts as handled (its
 * `end_notified_at`) only when every subscriber returned, and the run monitor publishes again
 * the events of runs that ended without that mark (a crash between the two, a failing
 * subscriber). Subscribers must therefore be idempotent.
 */
@Injectable()
export class RunEndedEvents {
  private readonly logger = new Logger('RunEndedEvents');
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly repo: RunsRepository) {
    repo.subscribedKinds = () =>
      this.subscriptions.some((s) => !s.kinds)
        ? ['*']
        : [...new Set(this.subscriptions.flatMap((s) => [...s.kinds!]))];
  }

  /** Calls `handle` for every run of `kinds` (or of every kind) that ends. */
  subscribe(kinds: readonly string[] | '*', handle: RunEndedHandler): void {
    this.subscriptions.push({ kinds: kinds === '*' ? null : new Set(kinds), handle });
  }

  /** Delivers the event of `run` to its subscribers; marks it handled if none failed. */
  async publish(run: Run | null): Promise<void> {
    if (!run || !isFinal(run.status) || run.end_notified_at) return;
    let handled = true;
    for (const s of this.subscriptions) {
      if (s.kinds && !s.kinds.has(run.kind)) continue;
      try {
        await s.handle(run);
      } catch (e) {
        handled = false;
        this.logger.warn(
          `a run-ended subscriber failed for run ${run.run_id} (${run.kind}); the run monitor retries: ${String(e)}`,
        );
      }
    }
    if (handled) await this.repo.markEndNotified(run.run_id);
  }
}
