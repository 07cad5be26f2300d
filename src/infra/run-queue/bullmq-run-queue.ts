import { DelayedError, Job, Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { DeliveryHandler, jobId, QueueItem, RunQueue } from './run-queue.port';

export const RUN_QUEUE_NAME = 'runs';

export interface BullMqRunQueueOptions {
  redisUrl: string;
  /** Key prefix in Redis (tests use one per app to stay apart). */
  prefix?: string;
  /** Cap on active jobs across every worker of this queue (BullMQ global concurrency). */
  globalConcurrency: number;
}

interface JobData {
  runId: string;
  seq: number;
  priority: number;
}

/**
 * The run queue on Redis with BullMQ: workers on many machines share one queue. Job ids are
 * `<run_id>.<enqueue_count>`, so adding an item the queue already holds is a no-op. Jobs are
 * removed once delivered; the runs table keeps the history.
 */
export class BullMqRunQueue implements RunQueue {
  readonly driver = 'bullmq' as const;
  private readonly queue: Queue;
  private readonly producer: IORedis;
  private worker?: Worker;
  private workerConnection?: IORedis;
  private closed = false;

  constructor(private readonly opts: BullMqRunQueueOptions) {
    this.producer = new IORedis(opts.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: false });
    this.producer.on('error', () => undefined); // reconnects by itself; callers see failed commands
    this.queue = new Queue(RUN_QUEUE_NAME, {
      connection: this.producer,
      prefix: opts.prefix ?? 'tippers',
    });
    this.queue.on('error', () => undefined);
  }

  async enqueue(items: QueueItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.queue.addBulk(
      items.map((item) => ({
        name: 'run',
        data: { runId: item.runId, seq: item.seq, priority: item.priority } satisfies JobData,
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

  async missing(items: QueueItem[]): Promise<QueueItem[]> {
    const states = await Promise.all(items.map((i) => this.queue.getJobState(jobId(i))));
    return items.filter((_, k) => states[k] === 'unknown');
  }

  async consume(handler: DeliveryHandler, concurrency: number): Promise<void> {
    await this.maintain();
    this.workerConnection = new IORedis(this.opts.redisUrl, { maxRetriesPerRequest: null });
    this.workerConnection.on('error', () => undefined);
    this.worker = new Worker<JobData>(
      RUN_QUEUE_NAME,
      async (job: Job<JobData>, token?: string) => {
        // a throwing handler is a bug (handlers record failures themselves): deliver again in 1 s,
        // as the local driver does, rather than dropping the job
        const outcome = await handler({
          runId: job.data.runId,
          seq: job.data.seq,
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
        concurrency,
        autorun: false,
        // the run monitor, not BullMQ, decides about runs whose worker died
        maxStalledCount: 0,
        drainDelay: 1,
      },
    );
    this.worker.on('error', () => undefined);
    void this.worker.run();
  }

  async stopConsuming(): Promise<void> {
    if (!this.worker) return;
    await this.worker.close();
    this.worker = undefined;
    this.workerConnection?.disconnect();
    this.workerConnection = undefined;
  }

  async maintain(): Promise<void> {
    await this.queue.setGlobalConcurrency(this.opts.globalConcurrency);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stopConsuming();
    await this.queue.close();
    this.producer.disconnect();
  }
}
