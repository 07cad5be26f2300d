import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { DuckDBConnection } from '@duckdb/node-api';
import { chunkStorageKey } from '../../libs/occupancy-core';
import { DuckDb } from '../infra/duckdb/duckdb.service';
import { sqlString } from '../infra/duckdb/parquet';
import { OBJECT_STORE, ObjectStore } from '../infra/object-store/object-store.port';
import type { ChunkResult, ChildInput, WorkChunk } from './chunk-work.repository';
import { SessionSource } from './session-source';

/** Object-store puts in flight at once per run. */
const PARALLEL_PUTS = 8;

/** Chunks of one run share a window and an interval (the sensors batch them that way). */
function commonWindow(chunks: WorkChunk[]): { start: number; end: number; interval: number } {
  const [first] = chunks;
  for (const c of chunks) {
    if (c.start_sec !== first.start_sec || c.interval_seconds !== first.interval_seconds) {
      throw new Error('chunks of one run must share window and interval');
    }
  }
  return { start: first.start_sec, end: first.end_sec, interval: first.interval_seconds };
}

/**
 * The counting: sessions → per-space distinct devices per bin (source), children's chunk files
 * (+ own sessions) → sums (derived). DuckDB does the work on files; each chunk's Parquet is
 * written to the object store before its row is marked COMPLETED.
 */
@Injectable()
export class ChunkComputer {
  constructor(
    private readonly duck: DuckDb,
    private readonly sessions: SessionSource,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  async computeSource(chunks: WorkChunk[], lookbackSec: number): Promise<ChunkResult[]> {
    return this.inTempDir((dir) =>
      this.compute(
        dir,
        chunks,
        chunks.map((c) => c.space_id),
        [],
        lookbackSec,
      ),
    );
  }

  async computeDerived(
    chunks: WorkChunk[],
    ownSpaceIds: number[],
    inputs: ChildInput[],
    lookbackSec: number,
  ): Promise<ChunkResult[]> {
    return this.inTempDir((dir) => this.compute(dir, chunks, ownSpaceIds, inputs, lookbackSec));
  }

  private async compute(
    dir: string,
    chunks: WorkChunk[],
    ownSpaceIds: number[],
    inputs: ChildInput[],
    lookbackSec: number,
  ): Promise<ChunkResult[]> {
    const w = commonWindow(chunks);
    const csv = path.join(dir, 'sessions.csv');
    if (ownSpaceIds.length)
      await this.sessions.sessionsToCsv(ownSpaceIds, w.start, w.end, lookbackSec, csv);
    const parentOf = new Map<string, string>(); // local file → parent chunk id
    const chunkOfSpace = new Map(chunks.map((c) => [c.chunk_id, c.space_id]));
    for (const [i, input] of inputs.entries()) {
      if (!input.storage_key) continue;
      const file = path.join(dir, `child-${i}.parquet`);
      await pipeline(await this.store.get(input.storage_key), createWriteStream(file));
      parentOf.set(file, String(chunkOfSpace.get(input.parent_chunk_id)));
    }
    const d = w.interval;
    const k0 = Math.round(w.start / d);
    const k1 = Math.round(w.end / d);
    return this.duck.withConnection(async (conn) => {
      const parts: string[] = [];
      let ownCounts = new Map<number, number>();
      if (ownSpaceIds.length && (await stat(csv)).size > 0) {
        await conn.run(
          `CREATE TEMP TABLE s AS SELECT * FROM read_csv(${sqlString(csv)}, header = false,
             columns = {'space_id': 'INTEGER', 'mac': 'VARCHAR', 'st': 'DOUBLE', 'en': 'DOUBLE'})`,
        );
        // bins k with k·Δ < end and (k+1)·Δ > start, clipped to the window
        parts.push(
          `SELECT space_id, k, count(DISTINCT mac)::BIGINT AS n FROM (
             SELECT space_id, mac, unnest(range(greatest(floor(st / ${d})::BIGINT, ${k0}),
                                                least(ceil(en / ${d})::BIGINT, ${k1}))) AS k FROM s)
           GROUP BY space_id, k`,
        );
        const counted = await conn.runAndReadAll(
          `SELECT space_id, count(*)::INTEGER FROM s WHERE st >= ${w.start} AND st < ${w.end} GROUP BY space_id`,
        );
        ownCounts = new Map(counted.getRows().map((r) => [Number(r[0]), Number(r[1])]));
      }
      if (parentOf.size) {
        await conn.run(`CREATE TEMP TABLE files (file VARCHAR, space_id INTEGER)`);
        for (const [file, space] of parentOf) {
          await conn.run(`INSERT INTO files VALUES (${sqlString(file)}, ${Number(space)})`);
        }
        const list = [...parentOf.keys()].map(sqlString).join(', ');
        parts.push(
          `SELECT f.space_id, (epoch(p.interval_begin_time)::BIGINT // ${d}) AS k, p.number_connections::BIGINT AS n
             FROM read_parquet([${list}], filename = true) p JOIN files f ON f.file = p.filename`,
        );
      }
      const total = parts.length
        ? `SELECT space_id, k, sum(n)::BIGINT AS n FROM (${parts.join(' UNION ALL ')}) GROUP BY space_id, k HAVING sum(n) > 0`
        : `SELECT NULL::INTEGER AS space_id, NULL::BIGINT AS k, NULL::BIGINT AS n WHERE false`;
      await conn.run(`CREATE TEMP TABLE totals AS ${total}`);
      return this.writeChunks(conn, dir, chunks, ownCounts);
    });
  }

  private async writeChunks(
    conn: DuckDBConnection,
    dir: string,
    chunks: WorkChunk[],
    ownCounts: Map<number, number>,
  ): Promise<ChunkResult[]> {
    const rowsPer = await conn.runAndReadAll(
      `SELECT space_id, count(*)::INTEGER FROM totals GROUP BY space_id`,
    );
    const counts = new Map(rowsPer.getRows().map((r) => [Number(r[0]), Number(r[1])]));
    // one partitioned COPY writes every chunk's file (one COPY per file costs ~1 ms each)
    const partsDir = path.join(dir, 'parts');
    if (counts.size > 0) {
      await conn.run(
        `COPY (SELECT space_id, make_timestamp(k * ${chunks[0].interval_seconds} * 1000000) AS interval_begin_time,
                      n::INTEGER AS number_connections FROM totals ORDER BY space_id, k)
           TO ${sqlString(partsDir)} (FORMAT parquet, PARTITION_BY (space_id), COMPRESSION zstd)`,
      );
    }
    // puts are I/O-bound (write, fsync, rename): several at once
    const results: ChunkResult[] = chunks.map((c) => ({
      chunkId: c.chunk_id,
      storageKey:
        (counts.get(c.space_id) ?? 0) > 0
          ? chunkStorageKey(c.space_id, c.interval_seconds, c.start_sec, c.end_sec)
          : null,
      rowCount: counts.get(c.space_id) ?? 0,
      ownSessionCount: ownCounts.get(c.space_id) ?? 0,
    }));
    const uploads = chunks.filter((c, i) => results[i].storageKey !== null);
    const keyOf = new Map(results.map((r) => [r.chunkId, r.storageKey]));
    let next = 0;
    const worker = async () => {
      while (next < uploads.length) {
        const c = uploads[next++];
        const partition = path.join(partsDir, `space_id=${c.space_id}`);
        const [file] = await readdir(partition);
        await this.store.put(keyOf.get(c.chunk_id)!, createReadStream(path.join(partition, file)), {
          contentType: 'application/vnd.apache.parquet',
        });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_PUTS }, worker));
    return results;
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
