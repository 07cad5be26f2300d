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
 * object is read whole, once (WindowObjects.readWhole): the first results request of a dataset
 * reads its objects, the requests for its other spaces read nothing from the store; concurrent
 * requests share one read. A large object is read and kept per space. Objects never change (a
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
    const whole = objects.filter((o) => this.lru && (o.rows ?? Infinity) <= WHOLE_OBJECT_MAX_ROWS);
    const bySpace = objects.filter((o) => !whole.includes(o));
    const pending = whole.filter((o) => !this.lru!.has(o.key) && !this.reading.has(o.key));
    if (pending.length) this.readWhole(pending);
    if (bySpace.length) {
      const spaceKey = (o: ObjectToRead) => `${o.key}|${spaceId}`;
      const missing = bySpace.filter((o) => !this.lru?.has(spaceKey(o)));
      const read = missing.length ? await this.objects.read(missing, [spaceId]) : new Map();
      for (const o of bySpace) {
        const rows = this.lru?.get(spaceKey(o)) ?? read.get(o.key) ?? new Map();
        this.lru?.set(spaceKey(o), rows);
        out.set(o.key, rows.get(spaceId) ?? NONE);
      }
    }
    for (const o of whole) {
      const rows =
        this.lru!.get(o.key) ??
        (await this.reading.get(o.key)) ??
        // evicted between the check above and now: read again for this request
        (await this.objects.readWhole([o])).get(o.key);
      out.set(o.key, rows?.get(spaceId) ?? NONE);
    }
    return out;
  }

  /** Starts one read of `objects`; each is in `reading` until it is in the cache. */
  private readWhole(objects: ObjectToRead[]): void {
    const all = this.objects.readWhole(objects);
    for (const o of objects) {
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
