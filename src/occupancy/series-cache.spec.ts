import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { LostChunkObjectsError } from './lost-chunk-objects.error';
import { SeriesCache, WHOLE_OBJECT_MAX_ROWS } from './series-cache';
import type { ObjectRows, ObjectToRead, SeriesRows, WindowObjects } from './window-objects.service';

const series = (t: number[], n: number[]): SeriesRows => ({
  binStarts: Float64Array.from(t),
  counts: Int32Array.from(n),
});

/**
 * The store as WindowObjects shows it: object key → space → rows, with every call recorded
 * (the cache's own logic is under test here; reading real objects is in the e2e tests).
 */
class FakeObjects {
  readonly calls: string[] = [];
  lost = new Set<string>();
  /** Whole reads wait for this (tests hold them in flight). */
  gate: Promise<void> = Promise.resolve();
  constructor(private readonly objects: Record<string, Record<number, SeriesRows>>) {}

  async readWhole(list: readonly ObjectToRead[]): Promise<ObjectRows> {
    this.calls.push(`whole ${list.map((o) => o.key).join(',')}`);
    await new Promise((r) => setImmediate(r));
    await this.gate;
    return this.answer(list, null);
  }

  async read(list: readonly ObjectToRead[], spaces: readonly number[]): Promise<ObjectRows> {
    this.calls.push(`space ${spaces.join(',')} of ${list.map((o) => o.key).join(',')}`);
    return this.answer(list, spaces);
  }

  private answer(list: readonly ObjectToRead[], spaces: readonly number[] | null): ObjectRows {
    const gone = list.filter((o) => this.lost.has(o.key)).map((o) => o.key);
    if (gone.length) throw new LostChunkObjectsError(gone);
    const out: ObjectRows = new Map();
    for (const o of list) {
      const all = Object.entries(this.objects[o.key]).map(([s, r]) => [Number(s), r] as const);
      out.set(o.key, new Map(all.filter(([s]) => spaces === null || spaces.includes(s))));
    }
    return out;
  }
}

const STORE = {
  a: { 1: series([0, 3600], [2, 3]), 2: series([0], [5]) },
  b: { 1: series([86_400], [7]) },
};
const cacheOf = (fake: FakeObjects, mb = 64) =>
  new SeriesCache(
    { occupancy: { resultsCacheBytes: mb * 1024 * 1024 } } as ResolvedConfig,
    fake as unknown as WindowObjects,
  );
const small = (key: string): ObjectToRead => ({ key, legacySpaceId: 0, rows: 3 });
const counts = (m: Map<string, SeriesRows>) =>
  Object.fromEntries([...m].map(([k, r]) => [k, [...r.counts]]));

describe('SeriesCache', () => {
  it('answers the first request from its space, then reads small objects whole once for the others', async () => {
    const fake = new FakeObjects(STORE);
    const cache = cacheOf(fake);
    const [one, two] = await Promise.all([
      cache.rowsOf([small('a'), small('b')], 1),
      cache.rowsOf([small('a'), small('b')], 2),
    ]);
    expect(counts(one)).toEqual({ a: [2, 3], b: [7] });
    expect(counts(two)).toEqual({ a: [5], b: [] });
    await cache.whenIdle();
    expect(counts(await cache.rowsOf([small('b')], 1))).toEqual({ b: [7] });
    expect(counts(await cache.rowsOf([small('a'), small('b')], 2))).toEqual({ a: [5], b: [] });
    expect(fake.calls).toEqual(['space 1 of a,b', 'space 2 of a,b', 'whole a,b']);
    expect(cache.size).toBeGreaterThan(0);
  });

  it('answers its own space again at once while the whole read is in flight; other spaces wait for it', async () => {
    const fake = new FakeObjects(STORE);
    let open!: () => void;
    fake.gate = new Promise((r) => (open = r));
    const cache = cacheOf(fake);
    await cache.rowsOf([small('a')], 1); // starts the whole read of a, held in flight
    expect(counts(await cache.rowsOf([small('a')], 1))).toEqual({ a: [2, 3] });
    let other: Map<string, SeriesRows> | undefined;
    const waiting = cache.rowsOf([small('a')], 2).then((r) => (other = r));
    await new Promise((r) => setTimeout(r, 20));
    expect(other).toBeUndefined();
    open();
    await waiting;
    expect(counts(other!)).toEqual({ a: [5] });
    expect(fake.calls).toEqual(['space 1 of a', 'whole a']);
  });

  it('reads large objects, and objects of unknown size, one space at a time', async () => {
    const fake = new FakeObjects(STORE);
    const cache = cacheOf(fake);
    const large = { key: 'a', legacySpaceId: 0, rows: WHOLE_OBJECT_MAX_ROWS + 1 };
    const unknown = { key: 'b', legacySpaceId: 0, rows: null };
    expect(counts(await cache.rowsOf([large, unknown], 1))).toEqual({ a: [2, 3], b: [7] });
    expect(counts(await cache.rowsOf([large, unknown], 1))).toEqual({ a: [2, 3], b: [7] });
    expect(counts(await cache.rowsOf([large], 2))).toEqual({ a: [5] });
    expect(fake.calls).toEqual(['space 1 of a,b', 'space 2 of a']);
  });

  it('keeps nothing with a size of 0', async () => {
    const fake = new FakeObjects(STORE);
    const cache = cacheOf(fake, 0);
    await cache.rowsOf([small('a')], 1);
    await cache.rowsOf([small('a')], 1);
    expect(fake.calls).toEqual(['space 1 of a', 'space 1 of a']);
    expect(cache.size).toBe(0);
  });

  it('keeps no failed read: a lost object is reported, then read again', async () => {
    const fake = new FakeObjects(STORE);
    fake.lost.add('b');
    const cache = cacheOf(fake);
    const both = [small('a'), small('b')];
    const failed = await cache.rowsOf(both, 1).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(LostChunkObjectsError);
    expect((failed as LostChunkObjectsError).keys).toEqual(['b']);
    fake.lost.clear();
    expect(counts(await cache.rowsOf(both, 1))).toEqual({ a: [2, 3], b: [7] });
    await cache.whenIdle();
    expect(counts(await cache.rowsOf(both, 2))).toEqual({ a: [5], b: [] });
    expect(fake.calls).toEqual(['space 1 of a,b', 'space 1 of a,b', 'whole a,b']);
  });

  it('reports a whole read that fails to the requests waiting for it, and keeps nothing of it', async () => {
    const fake = new FakeObjects(STORE);
    const cache = cacheOf(fake);
    await cache.rowsOf([small('b')], 1); // whole read of b started
    fake.lost.add('b'); // gone before the whole read gets to it
    const failed = await cache.rowsOf([small('b')], 2).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(LostChunkObjectsError);
    await cache.whenIdle();
    fake.lost.clear();
    expect(counts(await cache.rowsOf([small('b')], 2))).toEqual({ b: [] });
    expect(fake.calls).toEqual(['space 1 of b', 'whole b', 'space 2 of b', 'whole b']);
  });
});
