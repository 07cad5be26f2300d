import { mkdtemp, rm, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { DuckDBConnection } from '@duckdb/node-api';
import { rollUpWindow, windowObjectKey } from '../../libs/occupancy-core';
import { DuckDb } from '../infra/duckdb/duckdb.service';
import { sqlString } from '../infra/duckdb/parquet';
import type { ChunkResult, ChildInput, WorkChunk } from './chunk-work.repository';
import { SessionSource } from './session-source';
import { encodeWindowObject, WindowRows } from './window-object';
import { WindowObjects } from './window-objects.service';

/** A window `[start, end)` and its bins: Δ = d, bin indexes k0 ≤ k < k1. */
interface Window {
  start: number;
  end: number;
  d: number;
  k0: number;
  k1: number;
  binCount: number;
}

function windowOf(c: WorkChunk): Window {
  const d = c.interval_seconds;
  const k0 = Math.round(c.start_sec / d);
  const k1 = Math.round(c.end_sec / d);
  return { start: c.start_sec, end: c.end_sec, d, k0, k1, binCount: k1 - k0 };
}

/** The run's chunks by window, in time order; all of one interval and aggregation. */
function byWindow(chunks: WorkChunk[]): { w: Window; chunks: WorkChunk[] }[] {
  const [first] = chunks;
  const groups = new Map<number, WorkChunk[]>();
  for (const c of chunks) {
    if (c.interval_seconds !== first.interval_seconds || c.aggregation !== first.aggregation)
      throw new Error('chunks of one run must share interval and aggregation');
    const group = groups.get(c.start_sec);
    if (group) group.push(c);
    else groups.set(c.start_sec, [c]);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, cs]) => ({ w: windowOf(cs[0]), chunks: cs }));
}

/** Per-bin values keyed by chunk id. */
type BinValues = Map<string, Float64Array>;

/** Milliseconds a run spent per phase (stored on the run as metadata.ms). */
export interface RunTimings {
  sessions: number;
  count: number;
  inputs: number;
  encode: number;
  store: number;
}

export interface RunResult {
  results: ChunkResult[];
  /** The objects written, one per window with rows. */
  objects: { key: string; rows: number; bytes: number }[];
  ms: RunTimings;
}

const since = (t: number) => Math.round(performance.now() - t);

/**
 * The counting of a run: consecutive windows of one interval and aggregation. Their sessions
 * are streamed from the tippers database once (CSV, one look-back before the first window) and
 * DuckDB counts distinct devices per chunk and bin: for a `sum` chunk those of its own space,
 * for a `distinct` chunk those of every space with sessions in its subtree. A `sum` derived
 * chunk adds its inputs — computed in this run, or COMPLETED earlier and read from their window
 * objects — bottom-up (libs/occupancy-core's rollUpWindow). Each window's rows go into one
 * Parquet object, stored (durably) before the caller records the chunks COMPLETED.
 */
@Injectable()
export class ChunkComputer {
  constructor(
    private readonly duck: DuckDb,
    private readonly sessions: SessionSource,
    private readonly objects: WindowObjects,
  ) {}

  async computeRun(
    work: WorkChunk[],
    inputs: ChildInput[],
    lookbackSec: number,
    signal?: AbortSignal,
  ): Promise<RunResult> {
    const windows = byWindow(work);
    const { aggregation } = work[0];
    const inRun = new Set(work.map((c) => c.chunk_id));
    const edges = inputs.filter((e) => inRun.has(e.parent_chunk_id));
    const stored = edges.filter((e) => !inRun.has(e.child_chunk_id));
    const windowOfChunk = new Map(
      windows.flatMap(({ w, chunks }) => chunks.map((c) => [c.chunk_id, w])),
    );

    const ms: RunTimings = { sessions: 0, count: 0, inputs: 0, encode: 0, store: 0 };
    const { own, ownStarts } = await this.countSessions(
      work,
      windowOfChunk,
      { start: windows[0].w.start, end: windows[windows.length - 1].w.end },
      lookbackSec,
      ms,
      signal,
    );
    signal?.throwIfAborted();
    const t = performance.now();
    const inputValues = await this.readStored(stored, windowOfChunk, signal);
    ms.inputs = since(t);
    signal?.throwIfAborted();

    const results: ChunkResult[] = [];
    const objects: { key: string; body: Buffer; rows: number }[] = [];
    for (const { w, chunks } of windows) {
      const tEncode = performance.now();
      let values: BinValues;
      if (aggregation === 'distinct') {
        values = own; // every level counted from its subtree's sessions
      } else {
        const ids = new Set(chunks.map((c) => c.chunk_id));
        const childrenOf = new Map<string, string[]>();
        for (const e of edges) {
          if (!ids.has(e.parent_chunk_id)) continue;
          const list = childrenOf.get(e.parent_chunk_id) ?? [];
          list.push(e.child_chunk_id);
          childrenOf.set(e.parent_chunk_id, list);
        }
        const ownBySpace = new Map<number, Float64Array>();
        for (const c of chunks) {
          const v = own.get(c.chunk_id);
          if (v) ownBySpace.set(c.space_id, v);
        }
        values = rollUpWindow({
          binCount: w.binCount,
          chunks: chunks.map((c) => ({ chunkId: c.chunk_id, spaceId: c.space_id })),
          childrenOf,
          own: ownBySpace,
          inputs: inputValues,
        });
      }
      const { rows, perChunk } = windowRows(chunks, values, w);
      const key = rows.spaceIds.length
        ? windowObjectKey(w.d, aggregation, w.start, w.end, randomUUID())
        : null;
      for (const c of chunks) {
        results.push({
          chunkId: c.chunk_id,
          storageKey: perChunk.get(c.chunk_id) ? key : null,
          rowCount: perChunk.get(c.chunk_id) ?? 0,
          ownSessionCount: ownStarts.get(c.chunk_id) ?? 0,
        });
      }
      if (key) objects.push({ key, body: encodeWindowObject(rows), rows: rows.spaceIds.length });
      ms.encode += since(tEncode);
    }
    signal?.throwIfAborted();
    const tStore = performance.now();
    await this.objects.save(objects);
    ms.store = since(tStore);
    return {
      results,
      objects: objects.map((o) => ({ key: o.key, rows: o.rows, bytes: o.body.length })),
      ms,
    };
  }

  /**
   * Distinct devices per chunk and bin of its window among the sessions the chunk counts (own
   * space for sum; its session spaces for distinct), and the number of those sessions starting
   * in its window (the late-data fingerprint), keyed by chunk id.
   */
  private async countSessions(
    work: WorkChunk[],
    windowOfChunk: ReadonlyMap<string, Window>,
    { start, end }: { start: number; end: number },
    lookbackSec: number,
    ms: RunTimings,
    signal?: AbortSignal,
  ): Promise<{ own: BinValues; ownStarts: Map<string, number> }> {
    const own: BinValues = new Map();
    const ownStarts = new Map<string, number>();
    // (chunk, space whose sessions it counts)
    const members: [number, number][] = work.flatMap((c, i) =>
      (c.session_space_ids ?? [c.space_id]).map((s): [number, number] => [i, s]),
    );
    const spaces = [...new Set(members.map((m) => m[1]))];
    if (!spaces.length) return { own, ownStarts };
    const windows = work.map((c) => windowOfChunk.get(c.chunk_id)!);
    const d = windows[0].d;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tippers-chunk-'));
    try {
      const csv = path.join(dir, 'sessions.csv');
      const t = performance.now();
      await this.sessions.sessionsToCsv(spaces, start, end, lookbackSec, csv, signal);
      ms.sessions = since(t);
      if ((await stat(csv)).size === 0) return { own, ownStarts };
      const tCount = performance.now();
      await this.duck.withConnection(async (conn) => {
        await conn.run(
          `CREATE TEMP TABLE s AS SELECT * FROM read_csv(${sqlString(csv)}, header = false,
             columns = {'space_id': 'INTEGER', 'mac': 'VARCHAR', 'st': 'DOUBLE', 'en': 'DOUBLE'})`,
        );
        // chunk i counts space_id's sessions in window w of the run (its bins k0 ≤ k < k1)
        const k0 = Math.round(start / d);
        const k1 = Math.round(end / d);
        const perWindow = windows[0].binCount; // the run's windows are of one length
        const windowSec = perWindow * d;
        await conn.run(
          `CREATE TEMP TABLE m AS SELECT * FROM (VALUES ${members
            .map(([i, sp]) => {
              const w = windows[i];
              return `(${i}, ${Math.trunc(sp)}, ${(w.k0 - k0) / perWindow}, ${w.k0})`;
            })
            .join(', ')}) AS m(chunk, space_id, w, k0)`,
        );
        // bin k overlaps a session iff k·Δ < end and (k+1)·Δ > start; clipped to the run's
        // windows; a device (numbered: integers hash and compare faster than its text) counts
        // once per space and bin, then once per chunk and bin
        const [chunk, bin, n] = await intColumns(
          conn,
          `WITH device AS (
             SELECT mac, (row_number() OVER ())::INTEGER AS id FROM (SELECT DISTINCT mac FROM s)),
           b AS (
             SELECT DISTINCT space_id, id, k, (k - ${k0}) // ${perWindow} AS w FROM (
               SELECT s.space_id, device.id,
                      unnest(range(greatest(floor(s.st / ${d})::BIGINT, ${k0}),
                                   least(ceil(s.en / ${d})::BIGINT, ${k1}))) AS k
                 FROM s JOIN device ON device.mac = s.mac))
           SELECT chunk, bin, count(*)::INTEGER FROM (
             SELECT DISTINCT m.chunk, (b.k - m.k0)::INTEGER AS bin, b.id
               FROM b JOIN m ON m.space_id = b.space_id AND m.w = b.w)
            GROUP BY chunk, bin`,
        );
        for (let i = 0; i < chunk.length; i++) {
          const c = work[chunk[i]];
          let arr = own.get(c.chunk_id);
          if (!arr) own.set(c.chunk_id, (arr = new Float64Array(windows[chunk[i]].binCount)));
          arr[bin[i]] = n[i];
        }
        const [startChunk, starts] = await intColumns(
          conn,
          `SELECT m.chunk, count(*)::INTEGER FROM s JOIN m ON m.space_id = s.space_id
            AND m.w = floor((s.st - ${start}) / ${windowSec})
            WHERE s.st >= ${start} AND s.st < ${end} GROUP BY m.chunk`,
        );
        for (let i = 0; i < startChunk.length; i++)
          ownStarts.set(work[startChunk[i]].chunk_id, starts[i]);
      }, signal);
      ms.count = since(tCount);
      return { own, ownStarts };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * Values of input chunks COMPLETED by earlier runs, read from their objects (a chunk without
   * a key has no rows); each in the window of the chunk that sums it. Objects that are gone are
   * reported as a LostChunkObjectsError.
   */
  private async readStored(
    stored: ChildInput[],
    windowOfChunk: ReadonlyMap<string, Window>,
    signal?: AbortSignal,
  ): Promise<BinValues> {
    const values: BinValues = new Map();
    const windowOfInput = new Map<string, Window>();
    for (const i of stored) {
      const w = windowOfChunk.get(i.parent_chunk_id)!;
      windowOfInput.set(i.child_chunk_id, w);
      values.set(i.child_chunk_id, new Float64Array(w.binCount));
    }
    const withKey = stored.filter((i) => i.storage_key);
    if (!withKey.length) return values;
    const read = await this.objects.read(
      withKey.map((i) => ({ key: i.storage_key!, legacySpaceId: i.child_space_id })),
      [...new Set(withKey.map((i) => i.child_space_id))],
      signal,
    );
    for (const i of withKey) {
      const rows = read.get(i.storage_key!)?.get(i.child_space_id);
      if (!rows) continue;
      const { d, k0, binCount } = windowOfInput.get(i.child_chunk_id)!;
      const target = values.get(i.child_chunk_id)!;
      for (let r = 0; r < rows.binStarts.length; r++) {
        const bin = Math.round(rows.binStarts[r] / d) - k0;
        if (bin >= 0 && bin < binCount) target[bin] = rows.counts[r];
      }
    }
    return values;
  }
}

/**
 * The window object's rows (sorted by space then time, counts > 0) and each chunk's row count.
 * Two chunks of one run are never of the same space (one chunk per space and window).
 */
function windowRows(
  work: WorkChunk[],
  values: BinValues,
  w: Window,
): { rows: WindowRows; perChunk: Map<string, number> } {
  const perChunk = new Map<string, number>();
  const ordered = [...work].sort((a, b) => a.space_id - b.space_id);
  let total = 0;
  for (const c of ordered) {
    const v = values.get(c.chunk_id);
    let n = 0;
    if (v) for (let i = 0; i < v.length; i++) if (v[i] > 0) n++;
    perChunk.set(c.chunk_id, n);
    total += n;
  }
  const rows: WindowRows = {
    spaceIds: new Int32Array(total),
    binStarts: new Float64Array(total),
    counts: new Int32Array(total),
  };
  let at = 0;
  for (const c of ordered) {
    const v = values.get(c.chunk_id);
    if (!v) continue;
    for (let i = 0; i < v.length; i++) {
      if (v[i] <= 0) continue;
      rows.spaceIds[at] = c.space_id;
      rows.binStarts[at] = (w.k0 + i) * w.d;
      rows.counts[at] = v[i];
      at++;
    }
  }
  return { rows, perChunk };
}

/** A query's INTEGER columns as number arrays (empty arrays when there are no rows). */
async function intColumns(conn: DuckDBConnection, sql: string): Promise<number[][]> {
  const res = await conn.runAndReadAll(sql);
  const cols = res.getColumns() as number[][];
  return Array.from({ length: res.columnCount }, (_, i) => cols[i] ?? []);
}
