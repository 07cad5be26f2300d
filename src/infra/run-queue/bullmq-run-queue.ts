import { DelayedError, Job, Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { ConsumeOptions, DeliveryHandler, jobId, QueueItem, RunQueue } from './run-queue.port';

/** The BullMQ queue of a run group (`runs-bulk`, ...). */
export const queueName = (group: string) => `runs-${group}`;

export interface BullMqRunQueueOptions {
  redisUrl: string;
  /** Key prefix in Redis (tests use one per app to stay apart). */
  prefix?: string;
  /** Per group: cap on active jobs across every worker of its queue (BullMQ global concurrency). */
  groupConcurrency: Record<string, number>;
}

interface JobData {
  runId: string;
  seq: number;
  group: string;
  priority: number;
}

/**
 * The run queue on Redis with BullMQ: one queue per run group, so a worker process can take
 * only some groups and each group's cap is also BullMQ's global concurrency of its queue.
 * Workers on many machines share the queues. Job ids are `<run_id>.<enqueue_count>`, so adding
 * an item the queue already holds is a no-op. Jobs are removed once delivered; the runs table
 * keeps the history.
 */
export class BullMqRunQueue implements RunQueue {
  readonly driver = 'bullmq' as const;
  private readonly queues = new Map<string, Queue>();
  private readonly producer: IORedis;
  private workers: Worker[] = [];
  private workerConnection?: IORedis;
  private closed = false;

  constructor(private readonly opts: BullMqRunQueueOptions) {
    this.producer = new IORedis(opts.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: false });
    this.producer.on('error', () => undefined); // reconnects by itself; callers see failed commands
  }

  async enqueue(items: QueueItem[]): Promise<void> {
    const byGroup = new Map<string, QueueItem[]>();
    for (const item of items) byGroup.set(item.group, [...(byGroup.get(item.group) ?? []), item]);
    for (const [group, list] of byGroup) {
      await this.queue(group).addBulk(
        list.map((item) => ({
          name: 'run',
          data: {
            runId: item.runId,
            seq: item.seq,
            group: item.group,
            priority: item.priority,
          } satisfies JobData,
          opts: {
            jobId: jobId(item),
            priority: item.priority > 0 ? item.priority : undefined,
            delay: item.delayMs && item.delayMs > 0 ? Math.ceil(item.delayMs) : undefined,
            removeOnComplete: true,
            removeOnFail: true,
          },
        })),
      );
    }
  }

  async missing(items: QueueItem[]): Promise<QueueItem[]> {
    const states = await Promise.all(items.map((i) => this.queue(i.group).getJobState(jobId(i))));
    return items.filter((_, k) => states[k] === 'unknown');
  }

  async consume(handler: DeliveryHandler, opts: ConsumeOptions): Promise<void> {
    await this.maintain();
    this.workerConnection = new IORedis(this.opts.redisUrl, { maxRetriesPerRequest: null });
    this.workerConnection.on('error', () => undefined);
    for (const group of opts.groups) {
      const worker = new Worker<JobData>(
        queueName(group),
        async (job: Job<JobData>, token?: string) => {
          // a throwing handler is a bug (handlers record failures themselves): deliver again in
          // 1 s, as the local driver does, rather than dropping the job
          const outcome = await handler({
            runId: job.data.runId,
            seq: job.data.seq,
            group: job.data.group ?? group,
            priority: job.data.priority,
          }).catch(() => ({ kind: 'later' as const, delayMs: 1000 }));
          if (outcome.kind === 'later') {
            await job.moveToDelayed(Date.now() + Math.max(1, Math.ceil(outcome.delayMs)), token);
            throw new DelayedError();
          }
        },
        {
          connection: this.workerConnection,
          prefix: this.opts.prefix ?? 'tippers',
          concurrency: Math.max(
            1,
            Math.min(opts.concurrency, this.opts.groupConcurrency[group] ?? opts.concurrency),
          ),
          autorun: false,
          // the run monitor, not BullMQ, decides about runs whose worker died
          maxStalledCount: 0,
          drainDelay: 1,
        },
      );
      worker.on('error', () => undefined);
      this.workers.push(worker);
      void worker.run();
    }
  }

  async stopConsuming(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.close()));
    this.workerConnection?.disconnect();
    this.workerConnection = undefined;
  }

  async maintain(): Promise<void> {
    for (const [group, cap] of Object.entries(this.opts.groupConcurrency))
      await this.queue(group).setGlobalConcurrency(cap);
  }

  /** One queue per run group, for a view of them (Bull Board). */
  groupQueues(): Queue[] {
    return Object.keys(this.opts.groupConcurrency).map((group) => this.queue(group));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stopConsuming();
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.producer.disconnect();
  }

  private queue(group: string): Queue {
    let q = this.queues.get(group);
    if (!q) {
      q = new Queue(queueName(group), {
        connection: this.producer,
        prefix: this.opts.prefix ?? 'tippers',
      });
      q.on('error', () => undefined);
      this.queues.set(group, q);
    }
    return q;
  }
}
