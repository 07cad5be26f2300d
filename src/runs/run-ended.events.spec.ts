import type { Run } from './run.types';
import { RunEndedEvents } from './run-ended.events';
import type { RunsRepository } from './runs.repository';

const ended = (id: string): Run =>
  ({ run_id: id, kind: 'k', status: 'SUCCESS', end_notified_at: null }) as unknown as Run;

describe('RunEndedEvents redelivery', () => {
  let marked: string[];
  let events: RunEndedEvents;
  let clock: number;
  let calls: number;
  let failUntil: number;

  beforeEach(() => {
    marked = [];
    clock = 1_000_000;
    calls = 0;
    failUntil = Infinity;
    const repo = {
      markEndNotified: async (id: string) => void marked.push(id),
    } as unknown as RunsRepository;
    events = new RunEndedEvents(repo);
    events.now = () => clock;
    events.subscribe(['k'], async () => {
      calls++;
      if (clock < failUntil) throw new Error('subscriber down');
    });
  });

  it('waits 1 s, 2 s, 4 s ... before publishing a failed event again, not every tick', async () => {
    const run = ended('r1');
    await events.publish(run); // the first delivery fails
    expect(calls).toBe(1);
    expect(events.backingOff()).toEqual(['r1']);

    await events.publish(run, { redelivery: true }); // a tick 0.5 s later: skipped
    clock += 500;
    await events.publish(run, { redelivery: true });
    expect(calls).toBe(1);

    clock += 600; // 1.1 s after the failure: tried, fails again
    await events.publish(run, { redelivery: true });
    expect(calls).toBe(2);
    clock += 1_500; // 1.5 s of the 2 s wait
    await events.publish(run, { redelivery: true });
    expect(calls).toBe(2);
    clock += 600;
    failUntil = clock; // the subscriber is back
    await events.publish(run, { redelivery: true });
    expect(calls).toBe(3);
    expect(marked).toEqual(['r1']);
    expect(events.backingOff()).toEqual([]);
  });

  it('caps the wait at 5 minutes', async () => {
    const run = ended('r2');
    for (let i = 0; i < 20; i++) {
      clock += 600_000;
      await events.publish(run, { redelivery: true });
    }
    expect(calls).toBe(20);
    clock += 299_000;
    await events.publish(run, { redelivery: true });
    expect(calls).toBe(20);
    clock += 2_000;
    await events.publish(run, { redelivery: true });
    expect(calls).toBe(21);
  });

  it('delivers at once when the run ends, whatever a backoff says', async () => {
    await events.publish(ended('r3'));
    await events.publish(ended('r3'));
    expect(calls).toBe(2);
  });
});
