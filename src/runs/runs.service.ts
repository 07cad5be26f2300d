import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { decodeCursor, encodeCursor, isFinal, RunStatus } from '../../libs/runs-core';
import { RUN_QUEUE, RunQueue } from '../infra/run-queue/run-queue.port';
import { queuePriority } from './run-kinds';
import { RunExecutor } from './run-executor.service';
import { RunProcessorRegistry } from './run-processor.registry';
import type { Run, RunEvent, RunSpec } from './run.types';
import { RunsRepository } from './runs.repository';

export interface RunPage {
  items: Run[];
  nextCursor: string | null;
}

/** Creating, reading and canceling runs: what the API and other modules call. */
@Injectable()
export class RunsService {
  private readonly logger = new Logger('RunsService');

  constructor(
    private readonly repo: RunsRepository,
    private readonly registry: RunProcessorRegistry,
    private readonly executor: RunExecutor,
    @Inject(RUN_QUEUE) private readonly queue: RunQueue,
  ) {}

  async create(spec: RunSpec): Promise<{ run: Run; created: boolean }> {
    const [result] = await this.createMany([spec]);
    return result;
  }

  /**
   * Creates runs in one statement and enqueues the new ones. A run whose key exists is not
   * created again. If the queue is unreachable the runs stay QUEUED and the run monitor
   * enqueues them later: nothing is lost.
   */
  async createMany(
    specs: RunSpec[],
    opts: { enqueue?: boolean } = {},
  ): Promise<{ run: Run; created: boolean }[]> {
    const rows = specs.map((s) => {
      const def = this.registry.definition(s.kind);
      if (!def) throw new Error(`unknown run kind "${s.kind}"`);
      return {
        kind: s.kind,
        params: s.params ?? {},
        runKey: s.runKey ?? null,
        priority: queuePriority(def),
        maxAttempts: s.maxAttempts ?? def.maxAttempts,
        timeoutSeconds: s.timeoutSeconds === undefined ? def.timeoutSeconds : s.timeoutSeconds,
      };
    });
    const results = await this.repo.insert(rows);
    if (opts.enqueue !== false)
      await this.enqueue(results.filter((r) => r.created).map((r) => r.run));
    return results;
  }

  /**
   * Hands runs to the queue. Callers that create runs with `{enqueue: false}` (to commit their
   * own bookkeeping first) call this after their commit.
   */
  async enqueue(runs: Run[]): Promise<void> {
    await this.queue
      .enqueue(runs.map((r) => ({ runId: r.run_id, seq: r.enqueue_count, priority: r.priority })))
      .catch((e) => this.logger.warn(`enqueue failed; the run monitor will enqueue later: ${e}`));
  }

  async get(runId: string): Promise<{ run: Run; events: RunEvent[] }> {
    const run = await this.repo.get(runId);
    if (!run) throw new NotFoundException(`run ${runId} not found`);
    return { run, events: await this.repo.events(runId) };
  }

  async list(q: {
    status?: RunStatus;
    kind?: string;
    limit?: number;
    cursor?: string;
  }): Promise<RunPage> {
    const limit = q.limit ?? 50;
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    if (after === null)
      throw new BadRequestException('cursor is not valid: pass next_cursor of a previous page');
    const rows = await this.repo.list({ status: q.status, kind: q.kind, limit: limit + 1, after });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor({ queuedAt: last.queued_at, runId: last.run_id })
        : null;
    return { items, nextCursor };
  }

  /** QUEUED → CANCELED at once; STARTED → CANCELING, then CANCELED once the processor stops. */
  async cancel(runId: string): Promise<Run> {
    const run = await this.repo.requestCancel(runId);
    if (run) {
      if (run.status === 'CANCELING') this.executor.cancelLocal(run.run_id);
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
}
