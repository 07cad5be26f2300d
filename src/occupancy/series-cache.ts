import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import type { ObjectRows, ObjectToRead, SeriesRows } from './window-objects.service';

const NONE: SeriesRows = { binStarts: new Float64Array(0), counts: new Int32Array(0) };

/**
 * The rows of one space in one object, kept in memory for results (OCCUPANCY_RESULTS_CACHE_MB,
 * least recently used out first). Objects never change (a recomputation writes a new key), so
 * an entry is valid for as long as it is kept. A results request for a space whose objects are
 * all here reads nothing from the store and runs no DuckDB query.
 */
@Injectable()
export class SeriesCache {
  private readonly lru: LRUCache<string, SeriesRows> | null;

  constructor(@Inject(APP_CONFIG) config: ResolvedConfig) {
    const maxSize = config.occupancy.resultsCacheBytes;
    this.lru =
      maxSize > 0
        ? new LRUCache<string, SeriesRows>({
            maxSize,
            sizeCalculation: (v) => 64 + v.binStarts.byteLength + v.counts.byteLength,
          })
        : null;
  }

  /** Bytes held now. */
  get size(): number {
    return this.lru?.calculatedSize ?? 0;
  }

  /**
   * The rows of `spaceId` in each object: from the cache, the others through `load` (which
   * reads them from the store), then kept.
   */
  async rowsOf(
    objects: readonly ObjectToRead[],
    spaceId: number,
    load: (missing: ObjectToRead[]) => Promise<ObjectRows>,
  ): Promise<Map<string, SeriesRows>> {
    const out = new Map<string, SeriesRows>();
    const missing: ObjectToRead[] = [];
    for (const o of objects) {
      const hit = this.lru?.get(`${o.key}|${spaceId}`);
      if (hit) out.set(o.key, hit);
      else missing.push(o);
    }
    if (!missing.length) return out;
    const loaded = await load(missing);
    for (const o of missing) {
      const rows = loaded.get(o.key)?.get(spaceId) ?? NONE;
      this.lru?.set(`${o.key}|${spaceId}`, rows);
      out.set(o.key, rows);
    }
    return out;
  }
}
