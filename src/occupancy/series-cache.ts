import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import { ObjectToRead, SeriesRows, WindowObjects } from './window-objects.service';

type SpacesRows = Map<number, SeriesRows>;

const NONE: SeriesRows = { binStarts: new Float64Array(0), counts: new Int32Array(0) };
/**
 * Objects of at most this many rows (~4 MB in memory) are read and kept whole; larger ones
 * (a campus at 5-minute bins in 7-day windows: ~1.4M rows) one space at a time, with DuckDB
 * skipping the row groups of other spaces.
 */
export const WHOLE_OBJECT_MAX_ROWS = 262_144;
/** Bytes counted for a space's entry besides its arrays (map slot, object, views). */
const PER_SPACE_BYTES = 160;

/**
 * Results rows in memory (OCCUPANCY_RESULTS_CACHE_MB, least recently used out first). A small
 * object is read whole, once (WindowObjects.readWhole), after the first request that needs it
 * has read (and kept) its own space, so that request is not slowed by the others: the requests
 * for the other spaces of a dataset then read nothing from the store, and concurrent ones wait
 * for that one read. A large object is read and kept per space. Objects never change (a
 * recomputation writes a new key), so an entry is valid for as long as it is kept. With a size
 * of 0 nothing is kept and each request reads its space's rows.
 */
@Injectable()
export class SeriesCache {
  private readonly lru: LRUCache<string, SpacesRows> | null;
  private readonly reading = new Map<string, Promise<SpacesRows>>();

  constructor(
    @Inject(APP_CONFIG) config: ResolvedConfig,
    private readonly objects: WindowObjects,
  ) {
    const maxSize = config.occupancy.resultsCacheBytes;
    this.lru = maxSize > 0 ? new LRUCache({ maxSize, sizeCalculation: sizeOf }) : null;
  }

  /** Bytes held now. */
  get size(): number {
    return this.lru?.calculatedSize ?? 0;
  }

  /** The rows of `spaceId` in each object (a space without rows there: empty rows). */
  async rowsOf(
    objects: readonly ObjectToRead[],
    spaceId: number,
  ): Promise<Map<string, SeriesRows>> {
    const out = new Map<string, SeriesRows>();
    const lru = this.lru;
    if (!lru) {
      const read = await this.objects.read(objects, [spaceId]);
      for (const o of objects) out.set(o.key, read.get(o.key)?.get(spaceId) ?? NONE);
      return out;
    }
    const spaceKey = (o: ObjectToRead) => `${o.key}|${spaceId}`;
    const cached = (o: ObjectToRead) =>
      isSmall(o) ? (lru.get(o.key) ?? lru.get(spaceKey(o))) : lru.get(spaceKey(o));
    // small objects nobody has read yet: this request reads its space at once (DuckDB skips
    // the other spaces' row groups) and keeps it, then the whole objects are read for the
    // other spaces; large objects are read and kept per space
    const now = objects.filter(
      (o) => !lru.has(spaceKey(o)) && !(isSmall(o) && (lru.has(o.key) || this.reading.has(o.key))),
    );
    const read = now.length
      ? await this.objects.read(now, [spaceId])
      : new Map<string, SpacesRows>();
    for (const o of now) lru.set(spaceKey(o), read.get(o.key) ?? new Map());
    const cold = now.filter(isSmall);
    if (cold.length) this.readWhole(cold);
    for (const o of objects) {
      const rows =
        read.get(o.key) ??
        cached(o) ??
        (await this.reading.get(o.key)) ??
        // evicted between the checks above and now: read again for this request
        (await this.objects.read([o], [spaceId])).get(o.key);
      out.set(o.key, rows?.get(spaceId) ?? NONE);
    }
    return out;
  }

  /** Resolves when no object is being read into the cache (for tests and shutdown). */
  async whenIdle(): Promise<void> {
    while (this.reading.size) await Promise.allSettled([...this.reading.values()]);
  }

  /** Starts one read of the objects not cached or being read; each is in `reading` until cached. */
  private readWhole(objects: ObjectToRead[]): void {
    const todo = objects.filter((o) => !this.lru!.has(o.key) && !this.reading.has(o.key));
    if (!todo.length) return;
    const all = this.objects.readWhole(todo);
    for (const o of todo) {
      const one = all.then((read) => read.get(o.key) ?? new Map<number, SeriesRows>());
      this.reading.set(o.key, one);
      one.then(
        (rows) => {
          this.lru!.set(o.key, rows);
          this.reading.delete(o.key);
        },
        () => this.reading.delete(o.key),
      );
    }
  }
}

const isSmall = (o: ObjectToRead) => (o.rows ?? Infinity) <= WHOLE_OBJECT_MAX_ROWS;

/** The memory an entry holds: its spaces and the buffers their arrays are views of. */
function sizeOf(rows: SpacesRows): number {
  let bytes = 64;
  const buffers = new Set<ArrayBufferLike>();
  for (const r of rows.values()) {
    bytes += PER_SPACE_BYTES;
    buffers.add(r.binStarts.buffer);
    buffers.add(r.counts.buffer);
  }
  for (const b of buffers) bytes += b.byteLength;
  return bytes;
}
