import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { DuckDBConnection } from '@duckdb/node-api';
import { forEachInParallel } from '../../libs/in-parallel';
import { isLegacyChunkKey, seriesBySpace, type SpaceSeries } from '../../libs/occupancy-core';
import { DuckDb } from '../infra/duckdb/duckdb.service';
import { sqlString } from '../infra/duckdb/parquet';
import {
  OBJECT_STORE,
  ObjectNotFoundError,
  ObjectStore,
} from '../infra/object-store/object-store.port';
import { LostChunkObjectsError } from './lost-chunk-objects.error';
import { decodeWindowObject } from './window-object';
import { WindowObjectsRepository } from './window-objects.repository';

/** One space's rows of one object, ascending by time (bin starts in epoch seconds, UTC). */
export type SeriesRows = SpaceSeries;

/** Object key → space id → rows (a space without rows in the object is absent). */
export type ObjectRows = Map<string, Map<number, SeriesRows>>;

/** An object to read: a window object, or a per-chunk object of the first layout. */
export interface ObjectToRead {
  key: string;
  /** The space whose rows a first-layout object holds (it has no space_id column). */
  legacySpaceId: number;
  /** Rows of the whole object, when known (the results cache reads small objects whole). */
  rows?: number | null;
}

const EMPTY: SeriesRows = { binStarts: new Float64Array(0), counts: new Int32Array(0) };
const DOWNLOADS_IN_FLIGHT = 8;
const PUTS_IN_FLIGHT = 4;

/**
 * Occupancy's stored objects: saving a window object (registered, then put); reading the rows
 * of some spaces from many objects with DuckDB — in place on the fs store, after a download to
 * a temp directory on S3 (`read`, the runs' derived inputs); and reading whole objects for the
 * results cache (`readWhole`). Objects that are gone are reported together as a
 * LostChunkObjectsError.
 */
@Injectable()
export class WindowObjects {
  constructor(
    private readonly repo: WindowObjectsRepository,
    private readonly duck: DuckDb,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  /**
   * Registers, then stores window objects (puts in parallel, a few at a time); all are durable
   * once this resolves. If it rejects, some may be stored: registered, they are collected.
   */
  async save(objects: { key: string; body: Buffer; rows: number }[]): Promise<void> {
    await this.repo.register(
      objects.map((o) => ({ key: o.key, bytes: o.body.length, rows: o.rows })),
    );
    await forEachInParallel(objects, PUTS_IN_FLIGHT, (o) =>
      this.store.put(o.key, o.body, { contentType: 'application/vnd.apache.parquet' }),
    );
  }

  /** The rows of `spaceIds` in each object (first-layout objects: all rows, as their space's). */
  async read(
    objects: readonly ObjectToRead[],
    spaceIds: readonly number[],
    signal?: AbortSignal,
  ): Promise<ObjectRows> {
    const out: ObjectRows = new Map();
    const unique = [...new Map(objects.map((o) => [o.key, o])).values()];
    if (!unique.length) return out;
    for (const o of unique) out.set(o.key, new Map());
    await this.withLocalFiles(
      unique.map((o) => o.key),
      async (fileOf) => {
        const windowFiles = unique.filter((o) => !isLegacyChunkKey(o.key));
        const legacy = unique.filter((o) => isLegacyChunkKey(o.key));
        const keyOf = new Map(unique.map((o) => [fileOf.get(o.key)!, o]));
        const acc = new Accumulator();
        await this.duck.withConnection(async (conn) => {
          if (windowFiles.length && spaceIds.length) {
            await scan(
              conn,
              `SELECT filename, space_id, epoch(interval_begin_time)::DOUBLE, number_connections
                 FROM read_parquet([${windowFiles.map((o) => sqlString(fileOf.get(o.key)!)).join(', ')}], filename = true)
                WHERE space_id IN (${spaceIds.map((s) => Math.trunc(s)).join(', ')})`,
              (file, space, t, n) => acc.add(keyOf.get(file)!.key, space, t, n),
            );
          }
          const wanted = new Set(spaceIds);
          const legacyWanted = legacy.filter((o) => wanted.has(o.legacySpaceId));
          if (legacyWanted.length) {
            await scan(
              conn,
              `SELECT filename, 0, epoch(interval_begin_time)::DOUBLE, number_connections
                 FROM read_parquet([${legacyWanted.map((o) => sqlString(fileOf.get(o.key)!)).join(', ')}], filename = true)`,
              (file, _space, t, n) => {
                const o = keyOf.get(file)!;
                acc.add(o.key, o.legacySpaceId, t, n);
              },
            );
          }
        }, signal);
        acc.into(out);
      },
      signal,
    );
    return out;
  }

  /**
   * Every space's rows of each object. Window objects are decoded in process (parquet-wasm,
   * 4–12 ms for 15k rows on this VM; DuckDB took ~35 ms an object to hand the same rows to JavaScript row by
   * row), so that one read serves every space of the dataset from the results cache;
   * first-layout objects (one space each) are read with DuckDB as by `read`.
   */
  async readWhole(objects: readonly ObjectToRead[], signal?: AbortSignal): Promise<ObjectRows> {
    const unique = [...new Map(objects.map((o) => [o.key, o])).values()];
    const legacy = unique.filter((o) => isLegacyChunkKey(o.key));
    const windows = unique.filter((o) => !isLegacyChunkKey(o.key));
    const out: ObjectRows = legacy.length
      ? await this.read(legacy, [...new Set(legacy.map((o) => o.legacySpaceId))], signal)
      : new Map();
    const lost: string[] = [];
    await forEachInParallel(windows, DOWNLOADS_IN_FLIGHT, async ({ key }) => {
      signal?.throwIfAborted();
      const body = await this.bytesOf(key);
      if (!body) lost.push(key);
      else {
        const rows = decodeWindowObject(body);
        out.set(key, seriesBySpace(rows.spaceIds, rows.binStarts, rows.counts));
      }
    });
    if (lost.length) throw new LostChunkObjectsError(lost);
    return out;
  }

  /** An object's bytes (null if it is gone): the file itself on the fs store. */
  private async bytesOf(key: string): Promise<Buffer | null> {
    const file = this.store.localPath(key);
    try {
      if (file !== null) return await readFile(file);
      const parts: Buffer[] = [];
      for await (const part of await this.store.get(key)) parts.push(part as Buffer);
      return Buffer.concat(parts);
    } catch (e) {
      if (e instanceof ObjectNotFoundError || (e as NodeJS.ErrnoException).code === 'ENOENT')
        return null;
      throw e;
    }
  }

  /**
   * Runs `fn` with a local file for each key: the object itself where the store keeps files
   * (DuckDB reads it in place), else a download into a temp directory removed afterwards.
   */
  private async withLocalFiles(
    keys: string[],
    fn: (fileOf: Map<string, string>) => Promise<void>,
    signal?: AbortSignal,
  ): Promise<void> {
    const local = keys.map((k) => this.store.localPath(k));
    if (local.every((p) => p !== null)) {
      const fileOf = new Map(keys.map((k, i) => [k, local[i]!]));
      try {
        return await fn(fileOf);
      } catch (e) {
        // DuckDB cannot open a missing file: name the lost objects, if that is what happened
        const missing = (
          await Promise.all(keys.map(async (k) => ((await this.store.head(k)) ? null : k)))
        ).filter((k): k is string => k !== null);
        if (missing.length) throw new LostChunkObjectsError(missing);
        throw e;
      }
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tippers-objects-'));
    try {
      const fileOf = new Map<string, string>();
      const lost: string[] = [];
      await forEachInParallel(keys, DOWNLOADS_IN_FLIGHT, async (key, i) => {
        const file = path.join(dir, `object-${i}.parquet`);
        signal?.throwIfAborted();
        try {
          await pipeline(await this.store.get(key), createWriteStream(file), { signal });
          fileOf.set(key, file);
        } catch (e) {
          if (!(e instanceof ObjectNotFoundError)) throw e;
          lost.push(key);
        }
      });
      if (lost.length) throw new LostChunkObjectsError(lost);
      await fn(fileOf);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** Runs `sql` (columns: file, space, time, count) and calls `row` for every row. */
async function scan(
  conn: DuckDBConnection,
  sql: string,
  row: (file: string, space: number, t: number, n: number) => void,
): Promise<void> {
  const result = await conn.run(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return;
    const [f, s, t, n] = [0, 1, 2, 3].map((c) => chunk.getColumnVector(c));
    for (let r = 0; r < chunk.rowCount; r++) {
      row(
        f.getItem(r) as string,
        s.getItem(r) as number,
        t.getItem(r) as number,
        n.getItem(r) as number,
      );
    }
  }
}

/** Collects rows per (object, space) and hands them out as typed arrays sorted by time. */
class Accumulator {
  private readonly rows = new Map<string, Map<number, { t: number[]; n: number[] }>>();

  add(key: string, space: number, t: number, n: number): void {
    let bySpace = this.rows.get(key);
    if (!bySpace) this.rows.set(key, (bySpace = new Map()));
    let r = bySpace.get(space);
    if (!r) bySpace.set(space, (r = { t: [], n: [] }));
    r.t.push(t);
    r.n.push(n);
  }

  into(out: ObjectRows): void {
    for (const [key, bySpace] of this.rows) {
      const target = out.get(key)!;
      for (const [space, r] of bySpace) target.set(space, sortedSeries(r.t, r.n));
    }
  }
}

function sortedSeries(t: number[], n: number[]): SeriesRows {
  if (!t.length) return EMPTY;
  let sorted = true;
  for (let i = 1; i < t.length && sorted; i++) sorted = t[i - 1] < t[i];
  if (!sorted) {
    const order = t.map((_, i) => i).sort((a, b) => t[a] - t[b]);
    t = order.map((i) => t[i]);
    n = order.map((i) => n[i]);
  }
  return { binStarts: Float64Array.from(t), counts: Int32Array.from(n) };
}
