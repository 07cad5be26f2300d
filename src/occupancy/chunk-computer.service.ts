import { mkdtemp, rm, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { DuckDBConnection } from '@duckdb/node-api';
import { chunkStorageKey, nonZeroBins, rollUpWindow } from '../../libs/occupancy-core';
import { encodeOccupancyParquet } from '../../libs/parquet-lite';
import { DuckDb } from '../infra/duckdb/duckdb.service';
import { sqlString } from '../infra/duckdb/parquet';
import { OBJECT_STORE, ObjectStore } from '../infra/object-store/object-store.port';
import { downloadChunkFiles } from './chunk-files';
import type { ChunkResult, ChildInput, WorkChunk } from './chunk-work.repository';
import { SessionSource } from './session-source';

/** A run's window `[start, end)` and its bins: Δ = d, bin indexes k0 ≤ k < k1. */
interface Window {
  start: number;
  end: number;
  d: number;
  k0: number;
  k1: number;
  binCount: number;
}

/** Chunks of one run share a window and an interval (the sensors batch them that way). */
function commonWindow(chunks: WorkChunk[]): Window {
  const [first] = chunks;
  for (const c of chunks) {
    if (c.start_sec !== first.start_sec || c.interval_seconds !== first.interval_seconds) {
      throw new Error('chunks of one run must share window and interval');
    }
  }
  const d = first.interval_seconds;
  const k0 = Math.round(first.start_sec / d);
  const k1 = Math.round(first.end_sec / d);
  return { start: first.start_sec, end: first.end_sec, d, k0, k1, binCount: k1 - k0 };
}

/** Per-bin values keyed by space id (own counts) or chunk id (stored inputs). */
type BinValues<K> = Map<K, Float64Array>;

/** Milliseconds a run spent per phase (stored on the run as metadata.ms). */
export interface WindowTimings {
  sessions: number;
  count: number;
  inputs: number;
  encode: number;
  store: number;
}

export interface WindowResult {
  results: ChunkResult[];
  ms: WindowTimings;
}

const since = (t: number) => Math.round(performance.now() - t);

/**
 * The counting of one window: DuckDB counts distinct devices per space and bin from the
 * sessions (streamed from the tippers database as CSV); stored inputs (chunks COMPLETED by
 * earlier runs) are read from their Parquet; the sum bottom-up is libs/occupancy-core's
 * rollUpWindow. Each chunk's Parquet (libs/parquet-lite, built in memory) is stored with one
 * batched, durable putMany before the caller marks the chunks COMPLETED.
 */
@Injectable()
export class ChunkComputer {
  constructor(
    private readonly duck: DuckDb,
    private readonly sessions: SessionSource,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  async computeWindow(
    work: WorkChunk[],
    inputs: ChildInput[],
    lookbackSec: number,
    signal?: AbortSignal,
  ): Promise<WindowResult> {
    const w = commonWindow(work);
    const { d, k0, binCount } = w;
    const inRun = new Set(work.map((c) => c.chunk_id));
    const edges = inputs.filter((e) => inRun.has(e.parent_chunk_id));
    const stored = edges.filter((e) => !inRun.has(e.child_chunk_id));

    const ms: WindowTimings = { sessions: 0, count: 0, inputs: 0, encode: 0, store: 0 };
    const { own, ownStarts, inputValues } = await this.inTempDir(async (dir) => {
      const counted = await this.countOwn(
        dir,
        work.map((c) => c.space_id),
        w,
        lookbackSec,
        ms,
      );
      signal?.throwIfAborted();
      const t = performance.now();
      const inputValues = await this.readStored(dir, stored, w);
      ms.inputs = since(t);
      return { ...counted, inputValues };
    });
    signal?.throwIfAborted();
    const tEncode = performance.now();

    const childrenOf = new Map<string, string[]>();
    for (const e of edges) {
      const list = childrenOf.get(e.parent_chunk_id) ?? [];
      list.push(e.child_chunk_id);
      childrenOf.set(e.parent_chunk_id, list);
    }
    const values = rollUpWindow({
      binCount,
      chunks: work.map((c) => ({ chunkId: c.chunk_id, spaceId: c.space_id })),
      childrenOf,
      own,
      inputs: inputValues,
    });

    const entries: { key: string; body: Buffer }[] = [];
    const results: ChunkResult[] = work.map((c) => {
      const { index, count } = nonZeroBins(values.get(c.chunk_id)!);
      const result: ChunkResult = {
        chunkId: c.chunk_id,
        storageKey: null,
        rowCount: index.length,
        ownSessionCount: ownStarts.get(c.space_id) ?? 0,
      };
      if (index.length) {
        result.storageKey = chunkStorageKey(c.space_id, d, c.start_sec, c.end_sec);
        const begins = index.map((i) => (k0 + i) * d);
        entries.push({ key: result.storageKey, body: encodeOccupancyParquet(begins, count) });
      }
      return result;
    });
    ms.encode = since(tEncode);
    const tStore = performance.now();
    await this.store.putMany(entries, { contentType: 'application/vnd.apache.parquet' });
    ms.store = since(tStore);
    return { results, ms };
  }

  /** Own distinct devices per space and bin, and own sessions starting in the window. */
  private async countOwn(
    dir: string,
    spaceIds: number[],
    w: Window,
    lookbackSec: number,
    ms: WindowTimings,
  ): Promise<{ own: BinValues<number>; ownStarts: Map<number, number> }> {
    const own: BinValues<number> = new Map();
    const ownStarts = new Map<number, number>();
    const csv = path.join(dir, 'sessions.csv');
    const t = performance.now();
    await this.sessions.sessionsToCsv(spaceIds, w.start, w.end, lookbackSec, csv);
    ms.sessions = since(t);
    if ((await stat(csv)).size === 0) return { own, ownStarts };
    const tCount = performance.now();
    const { d, k0, k1, binCount } = w;
    await this.duck.withConnection(async (conn) => {
      await conn.run(
        `CREATE TEMP TABLE s AS SELECT * FROM read_csv(${sqlString(csv)}, header = false,
           columns = {'space_id': 'INTEGER', 'mac': 'VARCHAR', 'st': 'DOUBLE', 'en': 'DOUBLE'})`,
      );
      // bin k overlaps a session iff k·Δ < end and (k+1)·Δ > start; clipped to the window
      const [space, bin, n] = await columns(
        conn,
        `SELECT space_id, (k - ${k0})::INTEGER, count(DISTINCT mac)::INTEGER FROM (
           SELECT space_id, mac, unnest(range(greatest(floor(st / ${d})::BIGINT, ${k0}),
                                              least(ceil(en / ${d})::BIGINT, ${k1}))) AS k FROM s)
         GROUP BY space_id, k`,
      );
      for (let i = 0; i < space.length; i++) {
        let arr = own.get(space[i]);
        if (!arr) own.set(space[i], (arr = new Float64Array(binCount)));
        arr[bin[i]] = n[i];
      }
      const [startSpace, starts] = await columns(
        conn,
        `SELECT space_id, count(*)::INTEGER FROM s WHERE st >= ${w.start} AND st < ${w.end} GROUP BY space_id`,
      );
      for (let i = 0; i < startSpace.length; i++) ownStarts.set(startSpace[i], starts[i]);
    });
    ms.count = since(tCount);
    return { own, ownStarts };
  }

  /**
   * Values of input chunks COMPLETED by earlier runs, read from their Parquet. Inputs whose
   * file is gone are reported together as a LostChunkObjectsError.
   */
  private async readStored(
    dir: string,
    stored: ChildInput[],
    w: Window,
  ): Promise<BinValues<string>> {
    const { d, k0, binCount } = w;
    const values: BinValues<string> = new Map();
    const files: { chunkId: string; storageKey: string }[] = [];
    for (const input of stored) {
      if (values.has(input.child_chunk_id)) continue;
      values.set(input.child_chunk_id, new Float64Array(binCount)); // no key: no rows
      if (input.storage_key)
        files.push({ chunkId: input.child_chunk_id, storageKey: input.storage_key });
    }
    if (!files.length) return values;
    const chunkOfFile = await downloadChunkFiles(this.store, dir, files);
    const list = [...chunkOfFile.keys()].map(sqlString).join(', ');
    await this.duck.withConnection(async (conn) => {
      const res = await conn.runAndReadAll(
        `SELECT filename, (epoch(interval_begin_time)::BIGINT // ${d} - ${k0})::INTEGER,
                number_connections::INTEGER
           FROM read_parquet([${list}], filename = true)`,
      );
      for (const [file, bin, n] of res.getRows() as [string, number, number][]) {
        if (bin >= 0 && bin < binCount) values.get(chunkOfFile.get(file)!)![bin] = n;
      }
    });
    return values;
  }

  private async inTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tippers-chunk-'));
    try {
      return await fn(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** A query's INTEGER columns as number arrays (empty arrays when there are no rows). */
async function columns(conn: DuckDBConnection, sql: string): Promise<number[][]> {
  const res = await conn.runAndReadAll(sql);
  const cols = res.getColumns() as number[][];
  return Array.from({ length: res.columnCount }, (_, i) => cols[i] ?? []);
}
