/** One delivery request: the queue carries run ids only (the runs table is the truth). */
export interface QueueItem {
  runId: string;
  /** The run's enqueue_count: with runId it names the job, so re-enqueueing is idempotent. */
  seq: number;
  /** The run's group: items of a group go to that group's queue (lower-case letters). */
  group: string;
  /** Within a group's queue, 0 is served first; higher later. */
  priority: number;
  /** Deliver no sooner than this many ms from now. */
  delayMs?: number;
}

/** What the consumer answers for a delivery. */
export type DeliveryOutcome =
  | { kind: 'done' }
  /** Not now (global limit reached, backoff not over): deliver again after the delay. */
  | { kind: 'later'; delayMs: number };

export type DeliveryHandler = (item: QueueItem) => Promise<DeliveryOutcome>;

export interface ConsumeOptions {
  concurrency: number;
  /** The groups whose items this process takes. */
  groups: readonly string[];
}

export interface RunQueue {
  readonly driver: 'local' | 'bullmq';
  enqueue(items: QueueItem[]): Promise<void>;
  /** Items among `items` that the queue does not hold (waiting, delayed or active). */
  missing(items: QueueItem[]): Promise<QueueItem[]>;
  /**
   * Starts delivering the items of `groups` to `handler`, at most `concurrency` at once in this
   * process (each group's consumer at most that many; the handler may answer `later`).
   */
  consume(handler: DeliveryHandler, opts: ConsumeOptions): Promise<void>;
  /** Stops taking deliveries; resolves when those in flight have finished. */
  stopConsuming(): Promise<void>;
  /** Re-applies settings a queue server may have lost (e.g. after a Redis flush). */
  maintain(): Promise<void>;
  close(): Promise<void>;
}

export const RUN_QUEUE = Symbol('RUN_QUEUE');

export function jobId(item: Pick<QueueItem, 'runId' | 'seq'>): string {
  return `${item.runId}.${item.seq}`;
}
