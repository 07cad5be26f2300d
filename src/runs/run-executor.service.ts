import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { retryDelaySeconds } from '../../libs/runs-core';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import { DeliveryOutcome, QueueItem, RUN_QUEUE, RunQueue } from '../infra/run-queue/run-queue.port';
import { RunEndedEvents } from './run-ended.events';
import { RunProcessorRegistry } from './run-processor.registry';
import type { RunContext, RunEventLevel } from './run-processor';
import { queueItemOf, type Run } from './run.types';
import { RunsRepository } from './runs.repository';

/** Why an attempt's signal was aborted. */
type AbortReason = 'canceled' | 'lost' | 'shutdown';

interface ActiveRun {
  run: Run;
  controller: AbortController;
  reason?: AbortReason;
}

/** Roles that execute runs (DESIGN §2). */
export function runsWorkers(role: ResolvedConfig['appRole']): boolean {
  return role === 'all' || role === 'worker';
}

const BUSY_RETRY_MS = 150;

/**
 * The worker side of the run engine: takes deliveries from the queue, claims the run in
 * PostgreSQL (global concurrency limit), runs its processor with heartbeats and an abort
 * signal, and records the outcome. On shutdown it stops taking runs and, after the grace
 * period, hands the unfinished ones back to the queue.
 */
@Injectable()
export class RunExecutor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly workerId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly logger = new Logger('RunExecutor');
  private readonly active = new Map<string, ActiveRun>();

  constructor(
    private readonly repo: RunsRepository,
    private readonly registry: RunProcessorRegistry,
    private readonly events: RunEndedEvents,
    @Inject(RUN_QUEUE) private readonly queue: RunQueue,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!runsWorkers(this.config.appRole)) return;
    const { workerConcurrency, maxConcurrentRuns, workerGroups } = this.config.runs;
    await this.queue.consume((item) => this.deliver(item), {
      concurrency: Math.min(workerConcurrency, maxConcurrentRuns),
      groups: workerGroups,
    });
    this.logger.log(
      `worker ${this.workerId} taking ${workerGroups.join(', ')} runs (${this.queue.driver} queue)`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!runsWorkers(this.config.appRole)) return;
    const stopped = this.queue.stopConsuming();
    const graceMs = this.config.runs.shutdownGraceSeconds * 1000;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'grace'>((r) => (timer = setTimeout(() => r('grace'), graceMs)));
    const first = await Promise.race([stopped.then(() => 'stopped' as const), grace]);
    clearTimeout(timer);
    if (first === 'grace') {
      this.logger.warn(`grace period over: handing ${this.active.size} run(s) back to the queue`);
      for (const a of this.active.values()) this.abort(a, 'shutdown');
      await stopped;
    }
  }

  /** Aborts `runId` now if this process runs it (others see the cancel at their next heartbeat). */
  cancelLocal(runId: string): void {
    const entry = this.active.get(runId);
    if (entry) this.abort(entry, 'canceled');
  }

  /** The queue's delivery handler. */
  async deliver(item: QueueItem): Promise<DeliveryOutcome> {
    const { maxConcurrentRuns, groupCaps } = this.config.runs;
    const run = await this.repo.claim(
      item.runId,
      item.seq,
      this.workerId,
      maxConcurrentRuns,
      groupCaps,
    );
    if (run) {
      await this.execute(run);
      return { kind: 'done' };
    }
    const current = await this.repo.get(item.runId);
    if (!current || current.status !== 'QUEUED' || current.enqueue_count !== item.seq) {
      return { kind: 'done' }; // canceled, already taken, or superseded by a newer delivery
    }
    const wait = current.not_before ? current.not_before.getTime() - Date.now() : 0;
    return {
      kind: 'later',
      delayMs: wait > 0 ? wait : BUSY_RETRY_MS + Math.random() * BUSY_RETRY_MS,
    };
  }

  private async execute(run: Run): Promise<void> {
    const processor = this.registry.processor(run.kind);
    const controller = new AbortController();
    const entry: ActiveRun = { run, controller };
    this.active.set(run.run_id, entry);
    const beat = async () => {
      const status = await this.repo.heartbeat(run.run_id, run.attempt);
      if (status === 'CANCELING') this.abort(entry, 'canceled');
      if (status === null) this.abort(entry, 'lost');
    };
    const timer = setInterval(
      () => beat().catch(() => undefined),
      this.config.runs.heartbeatIntervalSeconds * 1000,
    );
    try {
      if (!processor) throw new Error(`no processor for kind "${run.kind}"`);
      const params = this.registry.toParams(run.kind, run.params);
      const metadata = await processor.process(this.context(entry, params, beat));
      if (entry.reason === 'lost') return;
      if (entry.reason === 'shutdown') return void (await this.handBack(run));
      await this.events.publish(
        await this.repo.succeed(
          run.run_id,
          run.attempt,
          metadata ?? {},
          `attempt ${run.attempt} succeeded`,
        ),
      );
    } catch (e) {
      await this.recordFailure(entry, e);
    } finally {
      clearInterval(timer);
      this.active.delete(run.run_id);
    }
  }

  private async recordFailure(entry: ActiveRun, e: unknown): Promise<void> {
    const { run } = entry;
    switch (entry.reason) {
      case 'lost':
        return; // the run monitor has already moved the run on
      case 'shutdown':
        return this.handBack(run);
      case 'canceled':
        await this.events.publish(
          await this.repo.markCanceled(
            run.run_id,
            run.attempt,
            `canceled during attempt ${run.attempt}`,
          ),
        );
        return;
    }
    const message = e instanceof Error ? e.message : String(e);
    const delay = retryDelaySeconds(run.attempt, this.config.runs.retryBackoffSeconds);
    const after = await this.repo.failAttempt(run.run_id, run.attempt, message || 'failed', delay);
    if (after?.status === 'QUEUED') await this.requeue(after, delay * 1000);
    else await this.events.publish(after);
  }

  private async handBack(run: Run): Promise<void> {
    const after = await this.repo.handBack(run.run_id, run.attempt, 'worker shutting down');
    if (after?.status === 'QUEUED') await this.requeue(after, 0);
    else await this.events.publish(after);
  }

  private async requeue(run: Run, delayMs: number): Promise<void> {
    await this.queue
      .enqueue([queueItemOf(run, delayMs)])
      .catch((e) =>
        this.logger.warn(`re-enqueue of ${run.run_id} failed (the monitor will retry): ${e}`),
      );
  }

  private abort(entry: ActiveRun, reason: AbortReason): void {
    if (entry.reason) return;
    entry.reason = reason;
    entry.controller.abort(new Error(`run ${reason}`));
  }

  private context(entry: ActiveRun, params: object, beat: () => Promise<void>): RunContext {
    const { run } = entry;
    const write = (level: RunEventLevel) => (message: string, data?: Record<string, unknown>) =>
      this.repo.addEvent(run.run_id, run.attempt, level, message, data);
    return {
      run,
      params,
      signal: entry.controller.signal,
      log: { info: write('info'), warn: write('warn'), error: write('error') },
      heartbeat: beat,
    };
  }
}
