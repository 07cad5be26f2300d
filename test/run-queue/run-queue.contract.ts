import {
  ConsumeOptions,
  DeliveryHandler,
  DeliveryOutcome,
  jobId,
  QueueItem,
  RunQueue,
} from '../../src/infra/run-queue/run-queue.port';
import { sleep, waitFor } from '../helpers/wait';

/** A fresh, empty queue for one test; cleanup closes it and removes whatever it left behind. */
export type MakeRunQueue = () => Promise<{ queue: RunQueue; cleanup(): Promise<void> }>;

/** Timers may fire a little early relative to Date.now(); delays are checked with this slack. */
export const TIMER_SLACK_MS = 20;
/** How long a test keeps watching for a delivery that must not happen. */
const QUIET_MS = 300;
const INTERACTIVE = 0;
const BULK = 10;

export interface Delivery {
  id: string;
  item: QueueItem;
  /** Date.now() when the handler was entered. */
  at: number;
  /** Date.now() when the handler returned (undefined while in flight). */
  endedAt?: number;
}

/**
 * Records every delivery and how many handlers run at once. `work` decides what the handler
 * does with a delivery (default: answer done at once).
 */
export class Recorder {
  readonly deliveries: Delivery[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    private readonly work: (item: QueueItem, d: Delivery) => Promise<DeliveryOutcome> = () =>
      Promise.resolve({ kind: 'done' }),
  ) {}

  readonly handler: DeliveryHandler = async (item) => {
    const d: Delivery = { id: jobId(item), item: { ...item }, at: Date.now() };
    this.deliveries.push(d);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await this.work(item, d);
    } finally {
      this.inFlight--;
      d.endedAt = Date.now();
    }
  };

  ids(): string[] {
    return this.deliveries.map((d) => d.id);
  }

  finished(): number {
    return this.deliveries.filter((d) => d.endedAt !== undefined).length;
  }

  of(id: string): Delivery[] {
    return this.deliveries.filter((d) => d.id === id);
  }

  /** Resolves once `count` deliveries have started. */
  waitForDeliveries(count: number, timeoutMs = 15_000): Promise<true> {
    return waitFor(
      `${count} deliveries (have ${this.deliveries.length}: ${this.ids().slice(-10).join(', ')})`,
      async () => this.deliveries.length >= count,
      timeoutMs,
      10,
    );
  }
}

/** A promise a blocked handler waits on; tests open every gate before cleanup. */
export class Gate {
  private release!: () => void;
  readonly opened = new Promise<void>((resolve) => (this.release = resolve));
  open(): void {
    this.release();
  }
}

/** An item of the interactive group (priority 0) or, with a higher priority, the bulk group. */
export function item(runId: string, seq = 1, priority = INTERACTIVE, delayMs?: number): QueueItem {
  const group = priority === INTERACTIVE ? 'interactive' : 'bulk';
  return delayMs === undefined
    ? { runId, seq, group, priority }
    : { runId, seq, group, priority, delayMs };
}

/** Consume options: `concurrency` at once, every group. */
export function allGroups(concurrency: number): ConsumeOptions {
  return { concurrency, groups: ['interactive', 'bulk'] };
}

const sorted = (ids: string[]) => [...ids].sort();

/** The behaviour every RunQueue driver must have. */
export function describeRunQueueContract(name: string, makeQueue: MakeRunQueue): void {
  describe(`RunQueue contract: ${name}`, () => {
    let queue: RunQueue;
    let cleanup: () => Promise<void>;
    const gates: Gate[] = [];
    const gate = () => {
      const g = new Gate();
      gates.push(g);
      return g;
    };

    beforeEach(async () => {
      ({ queue, cleanup } = await makeQueue());
    });
    afterEach(async () => {
      // a failed test may leave handlers blocked: stopConsuming would wait for them forever
      for (const g of gates.splice(0)) g.open();
      await cleanup();
    });

    it('delivers each of 200 enqueued items exactly once', async () => {
      const items = Array.from({ length: 200 }, (_, i) =>
        item(`run-${i}`, 1 + (i % 3), i % 2 ? BULK : INTERACTIVE),
      );
      const rec = new Recorder(async (_item, d) => {
        await sleep(d.item.runId.length % 3); // a little jitter in handler duration
        return { kind: 'done' };
      });
      // some batches before consuming starts, some while it runs
      await queue.enqueue(items.slice(0, 50));
      await queue.enqueue(items.slice(50, 100));
      await queue.consume(rec.handler, allGroups(8));
      await queue.enqueue(items.slice(100, 150));
      for (const it of items.slice(150)) await queue.enqueue([it]);

      await rec.waitForDeliveries(200);
      await sleep(QUIET_MS);
      expect(rec.deliveries).toHaveLength(200);
      expect(sorted(rec.ids())).toEqual(sorted(items.map(jobId)));
      // once done, the queue holds none of them any more
      await waitFor(
        'every done item to be reported missing',
        async () => (await queue.missing(items)).length === items.length,
        5_000,
        20,
      );
    });

    it('delivers an item enqueued twice (waiting, delayed or in flight) once; a new seq is a new delivery', async () => {
      const delay = 200;
      const sameBatch = item('dup-batch');
      const waiting = item('dup-waiting');
      const delayed = item('dup-delayed', 1, INTERACTIVE, delay);
      const inFlight = item('dup-in-flight');
      const nextSeq = item('dup-waiting', 2);
      let reenqueued = false;
      const rec = new Recorder(async (it) => {
        if (jobId(it) === jobId(inFlight) && !reenqueued) {
          reenqueued = true;
          await queue.enqueue([inFlight]);
          await sleep(50);
        }
        return { kind: 'done' };
      });

      const t0 = Date.now();
      await queue.enqueue([sameBatch, sameBatch, waiting, delayed, inFlight]);
      await queue.enqueue([waiting, sameBatch]);
      // enqueueing the delayed item again, even without a delay, must not deliver it early
      await queue.enqueue([delayed, { ...delayed, delayMs: undefined }]);
      await queue.enqueue([nextSeq]);
      await queue.consume(rec.handler, allGroups(2));

      await rec.waitForDeliveries(5);
      await sleep(QUIET_MS);
      expect(reenqueued).toBe(true);
      expect(sorted(rec.ids())).toEqual(
        sorted([sameBatch, waiting, delayed, inFlight, nextSeq].map(jobId)),
      );
      expect(rec.of(jobId(delayed))[0].at - t0).toBeGreaterThanOrEqual(delay - TIMER_SLACK_MS);
    });

    it('serves the waiting items of a group by priority, FIFO within a priority', async () => {
      const later = Array.from({ length: 5 }, (_, i) => item(`bulk20-${i}`, 1, BULK * 2));
      const sooner = Array.from({ length: 5 }, (_, i) => item(`bulk10-${i}`, 1, BULK));
      await queue.enqueue(later.slice(0, 3));
      await queue.enqueue(later.slice(3));
      for (const it of sooner) await queue.enqueue([it]);

      const rec = new Recorder();
      await queue.consume(rec.handler, allGroups(1));
      await rec.waitForDeliveries(10);
      expect(rec.ids()).toEqual([...sooner, ...later].map(jobId));
    });

    it('delivers an interactive item while a backlog of bulk items waits', async () => {
      const bulk = Array.from({ length: 40 }, (_, i) => item(`backlog-${i}`, 1, BULK));
      const rec = new Recorder(async () => {
        await sleep(20);
        return { kind: 'done' };
      });
      await queue.enqueue(bulk);
      await queue.consume(rec.handler, allGroups(1));
      await rec.waitForDeliveries(1);
      const urgent = item('urgent');
      await queue.enqueue([urgent]);
      await rec.waitForDeliveries(bulk.length + 1, 30_000);
      // delivered long before the backlog is through (local: next; bullmq: its own queue)
      expect(rec.ids().indexOf(jobId(urgent))).toBeLessThan(bulk.length / 2);
    });

    it('delivers only the items of the groups it consumes; the others stay held', async () => {
      const bulk = [item('g-bulk-0', 1, BULK), item('g-bulk-1', 1, BULK)];
      const interactive = [item('g-inter-0'), item('g-inter-1')];
      await queue.enqueue([...interactive, ...bulk]);
      const rec = new Recorder();
      await queue.consume(rec.handler, { concurrency: 2, groups: ['bulk'] });
      await rec.waitForDeliveries(2);
      await sleep(QUIET_MS);
      expect(sorted(rec.ids())).toEqual(sorted(bulk.map(jobId)));
      // waiting for a consumer of their group, not lost
      expect(await queue.missing(interactive)).toEqual([]);
    });

    it('does not deliver a delayed item before its delay; due items come in the order they fall due', async () => {
      const rec = new Recorder();
      await queue.consume(rec.handler, allGroups(1));
      const t0 = Date.now();
      const later = item('delay-400', 1, BULK, 400);
      const sooner = item('delay-150', 1, BULK, 150);
      const now = item('delay-none', 1, BULK);
      await queue.enqueue([later, sooner]);
      await queue.enqueue([now]);

      await rec.waitForDeliveries(3);
      expect(rec.ids()).toEqual([now, sooner, later].map(jobId));
      expect(rec.of(jobId(sooner))[0].at - t0).toBeGreaterThanOrEqual(150 - TIMER_SLACK_MS);
      expect(rec.of(jobId(later))[0].at - t0).toBeGreaterThanOrEqual(400 - TIMER_SLACK_MS);
    });

    it('delivers an item again after the delay its handler asked for with later', async () => {
      const retry = 300;
      const it1 = item('later-1');
      let calls = 0;
      const rec = new Recorder(async () =>
        ++calls === 1 ? { kind: 'later', delayMs: retry } : { kind: 'done' },
      );
      await queue.enqueue([it1]);
      await queue.consume(rec.handler, allGroups(2));

      await rec.waitForDeliveries(1);
      await waitFor('the first delivery to end', async () => rec.finished() === 1, 5_000, 5);
      // while it waits to be delivered again, the queue still holds it
      expect(await queue.missing([it1])).toEqual([]);
      await queue.enqueue([it1]); // already held: no extra delivery

      await rec.waitForDeliveries(2);
      const [first, second] = rec.deliveries;
      expect(second.at - first.endedAt!).toBeGreaterThanOrEqual(retry - TIMER_SLACK_MS);
      await sleep(QUIET_MS);
      expect(rec.ids()).toEqual([jobId(it1), jobId(it1)]);
      await waitFor(
        'the item to be missing once done',
        async () => (await queue.missing([it1])).length === 1,
        5_000,
        20,
      );
    });

    it.each([1, 4])('runs at most %i handler(s) at once in this process', async (concurrency) => {
      const items = Array.from({ length: 6 * concurrency }, (_, i) => item(`conc-${i}`));
      const rec = new Recorder(async () => {
        await sleep(40);
        return { kind: 'done' };
      });
      await queue.enqueue(items);
      await queue.consume(rec.handler, allGroups(concurrency));

      await rec.waitForDeliveries(items.length);
      await waitFor('all handlers to end', async () => rec.finished() === items.length, 5_000, 5);
      expect(rec.maxInFlight).toBeLessThanOrEqual(concurrency);
      if (concurrency > 1) expect(rec.maxInFlight).toBeGreaterThan(1);
      else expect(rec.maxInFlight).toBe(1);
    });

    it('missing() reports items never enqueued or already done, not those waiting, delayed or in flight', async () => {
      const never = item('miss-never');
      const done = item('miss-done');
      const active = item('miss-active');
      // the same group as `active`: a driver may run one consumer per group (bullmq does), so an
      // item of another group would not wait for it, and could be done before missing() looks
      const waiting = item('miss-waiting', 1, INTERACTIVE);
      const delayed = item('miss-delayed', 1, INTERACTIVE, 60_000);
      const heldBack = gate();
      const rec = new Recorder(async (it) => {
        if (jobId(it) === jobId(active)) await heldBack.opened;
        return { kind: 'done' };
      });
      expect(await queue.missing([])).toEqual([]);

      await queue.consume(rec.handler, allGroups(1));
      await queue.enqueue([done]);
      await rec.waitForDeliveries(1);
      await waitFor(
        'the done item to be missing',
        async () => (await queue.missing([done])).length === 1,
        5_000,
        20,
      );

      await queue.enqueue([active]);
      await rec.waitForDeliveries(2);
      await queue.enqueue([waiting, delayed]); // concurrency 1 is taken: these wait
      expect(await queue.missing([never, done, active, waiting, delayed])).toEqual([never, done]);

      heldBack.open();
      await rec.waitForDeliveries(3);
      expect(rec.ids()).toEqual([done, active, waiting].map(jobId));
      await waitFor(
        'active and waiting items to be missing once done',
        async () => (await queue.missing([active, waiting])).length === 2,
        5_000,
        20,
      );
      expect(await queue.missing([never, done, active, waiting, delayed])).toEqual([
        never,
        done,
        active,
        waiting,
      ]);
    });

    it('stopConsuming() resolves after the handlers in flight finished and starts no new delivery', async () => {
      const items = Array.from({ length: 6 }, (_, i) => item(`stop-${i}`));
      const rec = new Recorder(async () => {
        await sleep(300);
        return { kind: 'done' };
      });
      await queue.enqueue(items);
      await queue.consume(rec.handler, allGroups(2));
      await rec.waitForDeliveries(2);

      await queue.stopConsuming();
      const started = rec.deliveries.length;
      expect(started).toBeGreaterThanOrEqual(2);
      expect(rec.finished()).toBe(started);
      expect(rec.inFlight).toBe(0);

      await sleep(QUIET_MS + 100);
      expect(rec.deliveries).toHaveLength(started);
      // the rest is still held, and goes to the next consumer
      const left = items.filter((it) => !rec.ids().includes(jobId(it)));
      expect(await queue.missing(left)).toEqual([]);
      const next = new Recorder();
      await queue.consume(next.handler, allGroups(2));
      await next.waitForDeliveries(left.length);
      await sleep(QUIET_MS);
      expect(sorted(next.ids())).toEqual(sorted(left.map(jobId)));
    });

    it('delivers items enqueued while nobody consumes once consume starts', async () => {
      const first = Array.from({ length: 10 }, (_, i) => item(`idle-${i}`, 1, i % 2 ? BULK : 0));
      await queue.enqueue(first);
      await sleep(100);
      const rec = new Recorder();
      await queue.consume(rec.handler, allGroups(3));
      await rec.waitForDeliveries(first.length);

      // again after a stop
      await queue.stopConsuming();
      const second = Array.from({ length: 5 }, (_, i) => item(`idle-${i}`, 2));
      await queue.enqueue(second);
      await sleep(QUIET_MS);
      expect(rec.deliveries).toHaveLength(first.length);
      await queue.consume(rec.handler, allGroups(3));
      await rec.waitForDeliveries(first.length + second.length);
      await sleep(QUIET_MS);
      expect(sorted(rec.ids())).toEqual(sorted([...first, ...second].map(jobId)));
    });
  });
}
