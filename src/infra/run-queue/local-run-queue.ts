import { ConsumeOptions, DeliveryHandler, jobId, QueueItem, RunQueue } from './run-queue.port';

/**
 * In-process queue for the embedded mode: lower priorities first (interactive before bulk),
 * FIFO within a priority, delays with timers; only items of the consumed groups are delivered.
 * Holds nothing across restarts — the run monitor re-enqueues QUEUED runs it does not hold.
 */
export class LocalRunQueue implements RunQueue {
  readonly driver = 'local' as const;
  private readonly waiting = new Map<number, QueueItem[]>();
  private readonly held = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private handler?: DeliveryHandler;
  private concurrency = 0;
  private groups = new Set<string>();
  private consuming = false;

  async enqueue(items: QueueItem[]): Promise<void> {
    for (const item of items) this.add(item);
    this.pump();
  }

  async missing(items: QueueItem[]): Promise<QueueItem[]> {
    return items.filter((i) => !this.held.has(jobId(i)));
  }

  async consume(handler: DeliveryHandler, opts: ConsumeOptions): Promise<void> {
    this.handler = handler;
    this.concurrency = opts.concurrency;
    this.groups = new Set(opts.groups);
    this.consuming = true;
    this.pump();
  }

  async stopConsuming(): Promise<void> {
    this.consuming = false;
    await Promise.allSettled([...this.inFlight]);
  }

  async maintain(): Promise<void> {
    /* nothing to restore in-process */
  }

  async close(): Promise<void> {
    await this.stopConsuming();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.waiting.clear();
    this.held.clear();
  }

  private add(item: QueueItem): void {
    const id = jobId(item);
    if (this.held.has(id)) return;
    this.held.add(id);
    if (item.delayMs && item.delayMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(id);
        this.push(item);
        this.pump();
      }, item.delayMs);
      timer.unref();
      this.timers.set(id, timer);
    } else {
      this.push(item);
    }
  }

  private push(item: QueueItem): void {
    const list = this.waiting.get(item.priority) ?? [];
    list.push({ ...item, delayMs: 0 });
    this.waiting.set(item.priority, list);
  }

  private next(): QueueItem | undefined {
    const priorities = [...this.waiting.keys()].sort((a, b) => a - b);
    for (const p of priorities) {
      const list = this.waiting.get(p)!;
      const at = list.findIndex((i) => this.groups.has(i.group));
      if (at < 0) continue;
      const [item] = list.splice(at, 1);
      if (list.length === 0) this.waiting.delete(p);
      return item;
    }
    return undefined;
  }

  private pump(): void {
    while (this.consuming && this.handler && this.inFlight.size < this.concurrency) {
      const item = this.next();
      if (!item) return;
      const handler = this.handler;
      const p: Promise<void> = handler(item)
        .then((outcome) => {
          this.held.delete(jobId(item));
          if (outcome.kind === 'later') this.add({ ...item, delayMs: outcome.delayMs });
        })
        .catch(() => {
          // the handler records failures itself; a throw here is a bug: deliver again later
          this.held.delete(jobId(item));
          this.add({ ...item, delayMs: 1000 });
        })
        .finally(() => {
          this.inFlight.delete(p);
          this.pump();
        });
      this.inFlight.add(p);
    }
  }
}
