import { ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { encodeCursor } from '../../libs/page-cursor';
import { cursorPosition, Page, pageLimit, pageOf } from '../common/paging';
import { groupPriority, isFinal, RunStatus } from '../../libs/runs-core';
import { RUN_QUEUE, RunQueue } from '../infra/run-queue/run-queue.port';
import { RunEndedEvents, RunEndedHandler } from './run-ended.events';
import { RunExecutor } from './run-executor.service';
import { RunProcessorRegistry } from './run-processor.registry';
import { queueItemOf, type Run, type RunEvent, type RunSpec } from './run.types';
import { RunResponse, toRunResponse } from './runs.dto';
import { NewRun, RunState, RunsRepository } from './runs.repository';

/** Runs created inside a caller's transaction (see RunsService.transaction). */
export interface RunTransaction {
  /** The transaction: write the rows that belong with the runs through it. */
  manager: EntityManager;
  /** Creates runs in this transaction; they are enqueued after it commits. */
  create(specs: RunSpec[]): Promise<{ run: Run; created: boolean }[]>;
}

const RUN_CURSOR = ['instant', 'uuid'] as const;

/** Creating, reading and canceling runs: what the API and other modules call. */
@Injectable()
export class RunsService {
  private readonly logger = new Logger('RunsService');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: RunsRepository,
    private readonly registry: RunProcessorRegistry,
    private readonly executor: RunExecutor,
    private readonly events: RunEndedEvents,
    @Inject(RUN_QUEUE) private readonly queue: RunQueue,
  ) {}

  async create(spec: RunSpec): Promise<{ run: Run; created: boolean }> {
    const [result] = await this.createMany([spec]);
    return result;
  }

  /** Creates runs in one statement (a transaction of their own) and enqueues the new ones. */
  createMany(specs: RunSpec[]): Promise<{ run: Run; created: boolean }[]> {
    return this.transaction((tx) => tx.create(specs));
  }

  /**
   * Runs `fn` in one transaction in which it writes its own rows (through `tx.manager`) and
   * creates runs (`tx.create`): both commit or neither does. The new runs are enqueued after
   * the commit; if the queue is unreachable then, they stay QUEUED and the run monitor enqueues
   * them later: nothing is lost. A run whose params do not fit its kind's DTO throws
   * RunParamsError (400); a run_key known with other params, ConflictException (409).
   */
  async transaction<T>(fn: (tx: RunTransaction) => Promise<T>): Promise<T> {
    const created: Run[] = [];
    const result = await this.db.transaction(async (manager) =>
      fn({
        manager,
        create: async (specs) => {
          const results = await this.repo.insert(
            specs.map((s) => this.newRun(s)),
            manager,
          );
          created.push(...results.filter((r) => r.created).map((r) => r.run));
          return results;
        },
      }),
    );
    await this.enqueue(created);
    return result;
  }

  /** Hands runs to the queue (QUEUED runs the queue lost are handed again by the monitor). */
  async enqueue(runs: Run[]): Promise<void> {
    if (!runs.length) return;
    await this.queue
      .enqueue(runs.map((r) => queueItemOf(r)))
      .catch((e) => this.logger.warn(`enqueue failed; the run monitor will enqueue later: ${e}`));
  }

  /** Subscribes to the run-ended event of `kinds` (see RunEndedEvents). */
  onEnded(kinds: readonly string[] | '*', handler: RunEndedHandler): void {
    this.events.subscribe(kinds, handler);
  }

  async get(runId: string): Promise<{ run: Run; events: RunEvent[] }> {
    const run = await this.repo.get(runId);
    if (!run) throw new NotFoundException(`run ${runId} not found`);
    return { run, events: await this.repo.events(runId) };
  }

  /** Status and error by run id, for the rows (jobs, builds) that show their run's status. */
  async states(runIds: string[]): Promise<Map<string, RunState>> {
    return new Map((await this.repo.states(runIds)).map((r) => [r.run_id, r]));
  }

  /** Newest first, `limit` per page; `cursor` is the next_cursor of the previous page. */
  async list(q: {
    status?: RunStatus;
    kind?: string;
    limit?: number;
    cursor?: string;
  }): Promise<Page<RunResponse>> {
    const limit = pageLimit(q.limit);
    const pos = cursorPosition(q.cursor, RUN_CURSOR);
    const after = pos && { at: pos[0], runId: pos[1] };
    const rows = await this.repo.list({ status: q.status, kind: q.kind, limit: limit + 1, after });
    return pageOf(rows, limit, toRunResponse, (r) => encodeCursor([r.cursor_at, r.run_id]));
  }

  /** QUEUED → CANCELED at once; STARTED → CANCELING, then CANCELED once the processor stops. */
  async cancel(runId: string): Promise<Run> {
    const run = await this.repo.requestCancel(runId);
    if (run) {
      if (run.status === 'CANCELING') this.executor.cancelLocal(run.run_id);
      else await this.events.publish(run);
      return run;
    }
    const current = await this.repo.get(runId);
    if (!current) throw new NotFoundException(`run ${runId} not found`);
    if (isFinal(current.status)) {
      throw new ConflictException(
        `run ${runId} has already ended (${current.status}); nothing to cancel`,
      );
    }
    return current; // CANCELING already
  }

  /** Runs of `kinds` not ended yet (at most `limit`, oldest first): what a feature has in flight. */
  listUnfinished(kinds: string[], limit: number): Promise<Run[]> {
    return this.repo.unfinished(kinds, limit);
  }

  /** Runs of `kinds` not ended yet: features keep their backlog of runs below a cap with it. */
  countUnfinished(kinds: string[]): Promise<number> {
    return this.repo.countUnfinished(kinds);
  }

  /** Mean run time (s) of recent successful runs of `kind` whose params contain `params`. */
  meanRunSeconds(
    kind: string,
    params: Record<string, unknown>,
    lookbackDays: number,
  ): Promise<number | null> {
    return this.repo.meanRunSeconds(kind, params, lookbackDays);
  }

  private newRun(s: RunSpec): NewRun {
    const def = this.registry.definition(s.kind);
    return {
      kind: s.kind,
      params: this.registry.checkParams(s.kind, { ...(s.params ?? {}) }),
      runKey: s.runKey ?? null,
      group: def.group,
      priority: groupPriority(def.group),
      maxAttempts: s.maxAttempts ?? def.maxAttempts,
      timeoutSeconds: s.timeoutSeconds === undefined ? def.timeoutSeconds : s.timeoutSeconds,
    };
  }
}
