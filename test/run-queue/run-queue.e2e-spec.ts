import { randomBytes } from 'node:crypto';
import { BullMqRunQueue } from '../../src/infra/run-queue/bullmq-run-queue';
import { LocalRunQueue } from '../../src/infra/run-queue/local-run-queue';
import { jobId, RunQueue } from '../../src/infra/run-queue/run-queue.port';
import { deleteRedisPrefix, describeWithRedis, testRedisUrl } from '../helpers/redis';
import { sleep, waitFor } from '../helpers/wait';
import { allGroups, describeRunQueueContract, item, Recorder } from './run-queue.contract';

const newPrefix = () => `rq-test-${randomBytes(5).toString('hex')}`;
const sorted = (ids: string[]) => [...ids].sort();

describeRunQueueContract('local', async () => {
  const queue = new LocalRunQueue();
  return { queue, cleanup: () => queue.close() };
});

describeWithRedis('bullmq', () => {
  describeRunQueueContract('bullmq', async () => {
    const redisUrl = testRedisUrl()!;
    const prefix = newPrefix();
    const queue = new BullMqRunQueue({
      redisUrl,
      prefix,
      groupConcurrency: { interactive: 50, bulk: 50 },
    });
    return {
      queue,
      cleanup: async () => {
        await queue.close();
        await deleteRedisPrefix(redisUrl, prefix);
      },
    };
  });
});

describeWithRedis('BullMqRunQueue with several worker processes on one prefix', () => {
  let prefix: string;
  const opened: RunQueue[] = [];
  /** One "process": its own Redis connections on the shared queue. */
  const open = (concurrency = 3) => {
    const q = new BullMqRunQueue({
      redisUrl: testRedisUrl()!,
      prefix,
      groupConcurrency: { interactive: concurrency, bulk: concurrency },
    });
    opened.push(q);
    return q;
  };

  beforeEach(() => {
    prefix = newPrefix();
  });
  afterEach(async () => {
    for (const q of opened.splice(0)) await q.close();
    await deleteRedisPrefix(testRedisUrl()!, prefix);
  });

  it('keeps the in-flight total of a group across processes within its concurrency', async () => {
    const a = open(3);
    const b = open(3);
    let inFlight = 0;
    let maxInFlight = 0;
    const shared = async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(40);
      inFlight--;
      return { kind: 'done' } as const;
    };
    const recA = new Recorder(shared);
    const recB = new Recorder(shared);
    await a.consume(recA.handler, allGroups(3));
    await b.consume(recB.handler, allGroups(3));

    // which process gets which item is up to Redis: only the total and the cap are asserted
    const enqueued: string[] = [];
    for (let wave = 0; wave < 4; wave++) {
      const items = Array.from({ length: 12 }, (_, i) => item(`global-${wave}-${i}`));
      enqueued.push(...items.map(jobId));
      await (wave % 2 ? b : a).enqueue(items);
    }
    await waitFor(
      'every item to be delivered and done',
      async () =>
        recA.finished() + recB.finished() === enqueued.length &&
        recA.deliveries.length + recB.deliveries.length === enqueued.length,
      20_000,
      10,
    );
    await sleep(300);

    expect(sorted([...recA.ids(), ...recB.ids()])).toEqual(sorted(enqueued));
    expect(maxInFlight).toBeLessThanOrEqual(3);
  });

  it('keeps items across a consumer restart: a new process delivers what the old one left', async () => {
    const first = open(10);
    const before = [item('restart-0'), item('restart-1')];
    const recFirst = new Recorder();
    await first.consume(recFirst.handler, allGroups(2));
    await first.enqueue(before);
    await recFirst.waitForDeliveries(before.length);

    await first.stopConsuming();
    const after = [
      ...Array.from({ length: 8 }, (_, i) => item(`restart-${i + 2}`, 1, i % 2 ? 10 : 0)),
      item('restart-delayed', 1, 0, 200),
    ];
    await first.enqueue(after);
    await sleep(300);
    expect(recFirst.deliveries).toHaveLength(before.length);
    // the old process is gone (closed once only: a second close() leaves an ioredis timer)
    opened.splice(opened.indexOf(first), 1);
    await first.close();

    const second = open(10);
    expect(await second.missing(after)).toEqual([]);
    const recSecond = new Recorder();
    await second.consume(recSecond.handler, allGroups(2));
    await recSecond.waitForDeliveries(after.length);
    await sleep(300);
    expect(sorted(recSecond.ids())).toEqual(sorted(after.map(jobId)));
  });
});
