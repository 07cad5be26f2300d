import { Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { isFinal } from '../../libs/runs-core';
import type { Run } from './run.types';
import { RunsRepository } from './runs.repository';

/** Called once a run has ended (SUCCESS, FAILURE or CANCELED). Must be idempotent. */
export type RunEndedHandler = (run: Run) => Promise<void>;

/** Redelivery of a failed event waits 1 s, 2 s, 4 s ... up to 5 minutes. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 300_000;

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
 * subscriber). Subscribers must therefore be idempotent. A run whose subscriber failed is
 * published again with exponential backoff (1 s doubling up to 5 min, kept per process), not
 * at every monitor tick.
 */
@Injectable()
export class RunEndedEvents {
  private readonly logger = new Logger('RunEndedEvents');
  private readonly subscriptions: Subscription[] = [];
  /** Runs whose delivery failed here: failures so far and when to try again (epoch ms). */
  private readonly failing = new LRUCache<string, { failures: number; retryAt: number }>({
    max: 10_000,
  });
  /** The clock (a test sets its own). */
  now: () => number = () => Date.now();

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

  /** Runs whose redelivery waits for its backoff now (the monitor leaves them out). */
  backingOff(): string[] {
    const now = this.now();
    return [...this.failing.entries()].filter(([, f]) => f.retryAt > now).map(([id]) => id);
  }

  /**
   * Delivers the event of `run` to its subscribers; marks it handled if none failed.
   * `redelivery` (the monitor): skipped while the run's backoff lasts.
   */
  async publish(run: Run | null, opts: { redelivery?: boolean } = {}): Promise<void> {
    if (!run || !isFinal(run.status) || run.end_notified_at) return;
    const failed = this.failing.get(run.run_id);
    if (opts.redelivery && failed && failed.retryAt > this.now()) return;
    let handled = true;
    for (const s of this.subscriptions) {
      if (s.kinds && !s.kinds.has(run.kind)) continue;
      try {
        await s.handle(run);
      } catch (e) {
        if (handled) {
          const failures = (failed?.failures ?? 0) + 1;
          const wait = Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS);
          this.failing.set(run.run_id, { failures, retryAt: this.now() + wait });
          this.logger.warn(
            `a run-ended subscriber failed for run ${run.run_id} (${run.kind}, failure ${failures}); ` +
              `the run monitor tries again in ${wait / 1000} s: ${String(e)}`,
          );
        }
        handled = false;
      }
    }
    if (!handled) return;
    this.failing.delete(run.run_id);
    await this.repo.markEndNotified(run.run_id);
  }
}
