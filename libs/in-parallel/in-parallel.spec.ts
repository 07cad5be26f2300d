import { forEachInParallel } from '.';

const tick = () => new Promise((r) => setImmediate(r));

describe('forEachInParallel', () => {
  it('runs every item, never more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachInParallel([1, 2, 3, 4, 5, 6, 7], 3, async (item, i) => {
      running++;
      most = Math.max(most, running);
      await tick();
      seen.push(item * 10 + i);
      running--;
    });
    expect(most).toBe(3);
    expect(seen.sort((a, b) => a - b)).toEqual([10, 21, 32, 43, 54, 65, 76]);
  });

  it('rejects with the first error and starts nothing after it', async () => {
    const started: number[] = [];
    await expect(
      forEachInParallel([1, 2, 3, 4, 5], 1, async (item) => {
        started.push(item);
        if (item === 2) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });

  it('does nothing for no items', async () => {
    await forEachInParallel([], 4, async () => {
      throw new Error('not called');
    });
  });
});
