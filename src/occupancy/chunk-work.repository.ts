import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  claimableChunks,
  windowBatches,
  type Aggregation,
  type ChunkEdge,
  type PendingChunk,
} from '../../libs/occupancy-core';
import { intArrayText, sqlRows } from '../database/sql-rows';
import type { ChunkType } from './occupancy-chunk.entity';
import type { RunSpan } from './chunk-run.params';
import { DATASET_CHUNKS_FROM, INPUT_CHUNK_MATCH } from './dataset-chunks.sql';

export interface WorkChunk {
  chunk_id: string;
  space_id: number;
  interval_seconds: number;
  aggregation: Aggregation;
  start_sec: number;
  end_sec: number;
  chunk_type: ChunkType;
  /** A derived chunk's inputs when read (sorted space ids); null for source chunks. */
  input_space_ids: number[] | null;
  /** A distinct chunk's session spaces when read (sorted); null for sum chunks. */
  session_space_ids: number[] | null;
}

/** A window with PENDING chunks no run holds (what the submission sensors make runs of). */
export interface PendingWindow {
  interval_seconds: number;
  aggregation: Aggregation;
  start_sec: number;
  end_sec: number;
  chunks: number;
  has_source: boolean;
  session_spaces: number[];
}

export interface ChunkResult {
  chunkId: string;
  /** The window object holding its rows; null when the chunk has no rows. */
  storageKey: string | null;
  rowCount: number;
  ownSessionCount: number;
}

export interface ChildInput {
  parent_chunk_id: string;
  child_chunk_id: string;
  child_space_id: number;
  child_status: string;
  storage_key: string | null;
}

/** The row shapes as libs/occupancy-core's claim logic takes them. */
export function asPendingChunk(c: WorkChunk): PendingChunk {
  return {
    chunkId: c.chunk_id,
    spaceId: c.space_id,
    intervalSec: c.interval_seconds,
    aggregation: c.aggregation,
    windowStartSec: c.start_sec,
    type: c.chunk_type,
  };
}

export function asChunkEdge(e: ChildInput): ChunkEdge {
  return { parentId: e.parent_chunk_id, childId: e.child_chunk_id, childStatus: e.child_status };
}

/** How many times a chunk's object may go missing before the chunk is FAILED (see resetLost). */
export const LOST_LIMIT = 3;

const WORK_COLUMNS = `c.chunk_id::text, c.space_id, c.interval_seconds, c.aggregation,
  extract(epoch FROM c.chunk_start)::float8 AS start_sec, extract(epoch FROM c.chunk_end)::float8 AS end_sec, c.chunk_type,
  c.input_space_ids, c.session_space_ids`;

/** A run's unfinished chunks, through the todo index (its windows), then by run id. */
const OF_RUN = `c.interval_seconds = $2 AND c.aggregation = $3
  AND c.chunk_start >= to_timestamp($4) AND c.chunk_start < to_timestamp($5)
  AND c.status IN ('PENDING', 'RUNNING') AND c.run_id = $1`;
const runArgs = (runId: string, w: RunSpan) => [
  runId,
  w.intervalSec,
  w.aggregation,
  w.startSec,
  w.endSec,
];

/** SQL of the chunk life cycle after planning: claiming by sensors, results from processors. */
@Injectable()
export class ChunkWorkRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Windows (interval, aggregation, window) with PENDING chunks no run holds (of `type`, or of
   * both types), oldest first, with how many such chunks, whether any is a source chunk, and
   * the spaces whose sessions they count (for the look-back). Reads through the todo index.
   */
  async pendingWindows(
    m: EntityManager,
    type: ChunkType | null,
    limit: number,
  ): Promise<PendingWindow[]> {
    return sqlRows<PendingWindow>(
      m,
      `SELECT c.interval_seconds, c.aggregation, extract(epoch FROM c.chunk_start)::float8 AS start_sec,
              extract(epoch FROM c.chunk_end)::float8 AS end_sec, count(DISTINCT c.chunk_id)::int AS chunks,
              bool_or(c.chunk_type = 'source') AS has_source,
              array_agg(DISTINCT s.id) AS session_spaces
         FROM occupancy_chunks c, unnest(coalesce(c.session_space_ids, ARRAY[c.space_id])) AS s(id)
        WHERE c.status = 'PENDING' AND c.run_id IS NULL AND ($1::varchar IS NULL OR c.chunk_type = $1)
        GROUP BY c.interval_seconds, c.aggregation, c.chunk_start, c.chunk_end
        ORDER BY c.interval_seconds, c.aggregation, c.chunk_start
        LIMIT $2`,
      [type, limit],
    );
  }

  /**
   * At the start of `runId`: the chunks it computes. A run that already holds chunks (a second
   * delivery after its worker died) resumes those; otherwise, in one transaction, it takes the
   * claimable PENDING chunks of its windows no other run holds (SKIP LOCKED: a concurrent run of
   * the same window takes others) — of a window with more than `batch` of them, only a batch of
   * independent ones (libs/occupancy-core windowBatches) — and marks them RUNNING. Returns
   * them with their input edges.
   */
  async claimForRun(
    runId: string,
    w: RunSpan,
    batch: number,
  ): Promise<{ work: WorkChunk[]; inputs: ChildInput[] }> {
    return this.db.transaction(async (m) => {
      const held = await sqlRows<WorkChunk>(
        m,
        `UPDATE occupancy_chunks c SET attempts = attempts + 1, started_at = now()
          WHERE ${OF_RUN} RETURNING ${WORK_COLUMNS}`,
        runArgs(runId, w),
      );
      const candidates = held.length
        ? held
        : await sqlRows<WorkChunk>(
            m,
            `SELECT ${WORK_COLUMNS} FROM occupancy_chunks c
              WHERE c.interval_seconds = $1 AND c.aggregation = $2
                AND c.chunk_start >= to_timestamp($3) AND c.chunk_start < to_timestamp($4)
                AND c.status = 'PENDING' AND c.run_id IS NULL
              ORDER BY c.chunk_start, c.space_id FOR UPDATE SKIP LOCKED`,
            [w.intervalSec, w.aggregation, w.startSec, w.endSec],
          );
      const inputs = await this.inputs(
        candidates.filter((c) => c.chunk_type === 'derived').map((c) => c.chunk_id),
        m,
      );
      if (held.length) return { work: held, inputs };
      const edges = inputs.map(asChunkEdge);
      // the first batch of each window (a window within the limit is one batch)
      const firstOfWindow = new Map<number, PendingChunk[]>();
      for (const b of windowBatches(
        claimableChunks(candidates.map(asPendingChunk), edges),
        edges,
        batch,
      ))
        if (!firstOfWindow.has(b[0].windowStartSec)) firstOfWindow.set(b[0].windowStartSec, b);
      const take = [...firstOfWindow.values()].flat();
      if (!take.length) return { work: [], inputs: [] };
      const work = await sqlRows<WorkChunk>(
        m,
        `UPDATE occupancy_chunks c SET status = 'RUNNING', run_id = $1, started_at = now(),
                attempts = attempts + 1, submitted_at = coalesce(c.submitted_at, now())
          WHERE c.chunk_id = ANY($2::bigint[]) RETURNING ${WORK_COLUMNS}`,
        [runId, take.map((c) => c.chunkId)],
      );
      const mine = new Set(work.map((c) => c.chunk_id));
      return { work, inputs: inputs.filter((e) => mine.has(e.parent_chunk_id)) };
    });
  }

  /** The input edges of `parentIds`, with each input's current status and storage key. */
  async inputs(
    parentIds: string[],
    m: EntityManager | DataSource = this.db,
  ): Promise<ChildInput[]> {
    if (!parentIds.length) return [];
    return sqlRows<ChildInput>(
      m,
      `SELECT p.chunk_id::text AS parent_chunk_id, k.chunk_id::text AS child_chunk_id,
              k.space_id AS child_space_id, k.status AS child_status, k.storage_key
         FROM occupancy_chunks p JOIN occupancy_chunks k ON ${INPUT_CHUNK_MATCH}
        WHERE p.chunk_id = ANY($1::bigint[])`,
      [parentIds],
    );
  }

  /**
   * COMPLETED chunks whose rows are in one of the lost objects `keys` → PENDING, to be computed
   * again; FAILED from the LOST_LIMIT-th time on, with an error that names the likely cause.
   * Only chunks that still point at a lost object change (one recomputed meanwhile does not).
   */
  async resetLost(keys: string[]): Promise<number> {
    if (!keys.length) return 0;
    const rows = await sqlRows<{ chunk_id: string }>(
      this.db,
      `UPDATE occupancy_chunks
          SET lost_count = lost_count + 1, run_id = NULL, submitted_at = NULL, storage_key = NULL,
              status = CASE WHEN lost_count + 1 >= $2 THEN 'FAILED' ELSE 'PENDING' END,
              error = CASE WHEN lost_count + 1 >= $2
                THEN 'its stored object went missing ' || (lost_count + 1) || ' times: do all processes share one ' ||
                     'object store (the same S3_BUCKET_NAME, or one DATA_DIR)? Fix that, then retry the dataset'
                ELSE 'its stored object was missing: computed again' END
        WHERE storage_key = ANY($1::varchar[]) AND status = 'COMPLETED'
        RETURNING chunk_id`,
      [keys, LOST_LIMIT],
    );
    return rows.length;
  }

  /** Hands chunks a run cannot compute now back to the sensors (their inputs changed). */
  async release(runId: string, chunkIds: string[]): Promise<void> {
    if (!chunkIds.length) return;
    await this.db.query(
      `UPDATE occupancy_chunks SET status = 'PENDING', run_id = NULL, submitted_at = NULL,
              attempts = greatest(attempts - 1, 0)
        WHERE chunk_id = ANY($2::bigint[]) AND run_id = $1 AND status IN ('PENDING', 'RUNNING')`,
      [runId, chunkIds],
    );
  }

  /** The current inputs and session spaces of chunks (a re-plan may have changed them). */
  async currentMembers(
    chunkIds: string[],
  ): Promise<Map<string, { inputs: number[] | null; sessions: number[] | null }>> {
    if (!chunkIds.length) return new Map();
    const rows = await sqlRows<{
      chunk_id: string;
      input_space_ids: number[] | null;
      session_space_ids: number[] | null;
    }>(
      this.db,
      `SELECT chunk_id::text, input_space_ids, session_space_ids FROM occupancy_chunks
        WHERE chunk_id = ANY($1::bigint[])`,
      [chunkIds],
    );
    return new Map(
      rows.map((r) => [r.chunk_id, { inputs: r.input_space_ids, sessions: r.session_space_ids }]),
    );
  }

  /**
   * Records results in one statement; only chunks still assigned to `runId`, and computed from
   * the inputs and session spaces they still have (`used`: as read by the run), are touched.
   * All rows get the same completed_at (now(), not clock_timestamp()): a parent completed
   * together with its inputs must not look older than them (planning compares the two:
   * staleDerivedChunks). Returns how many were recorded.
   */
  async complete(
    runId: string,
    results: ChunkResult[],
    used: ReadonlyMap<string, WorkChunk>,
  ): Promise<number> {
    if (!results.length) return 0;
    // parallel arrays through unnest: the planner joins them on the primary key (a jsonb record
    // set made it re-scan the set for every chunk of the run)
    const rows = await sqlRows<{ chunk_id: string }>(
      this.db,
      `UPDATE occupancy_chunks c
          SET status = 'COMPLETED', storage_key = x.storage_key, row_count = x.row_count,
              own_session_count = x.own_session_count, completed_at = now(), error = NULL
         FROM unnest($2::bigint[], $3::varchar[], $4::int[], $5::bigint[], $6::text[], $7::text[])
              AS x(chunk_id, storage_key, row_count, own_session_count, inputs, sessions)
        WHERE c.chunk_id = x.chunk_id AND c.run_id = $1 AND c.status = 'RUNNING'
          AND c.input_space_ids IS NOT DISTINCT FROM x.inputs::int[]
          AND c.session_space_ids IS NOT DISTINCT FROM x.sessions::int[]
        RETURNING c.chunk_id`,
      [
        runId,
        results.map((r) => r.chunkId),
        results.map((r) => r.storageKey),
        results.map((r) => r.rowCount),
        results.map((r) => r.ownSessionCount),
        results.map((r) => intArrayText(used.get(r.chunkId)?.input_space_ids)),
        results.map((r) => intArrayText(used.get(r.chunkId)?.session_space_ids)),
      ],
    );
    return rows.length;
  }

  /**
   * The chunks an ended run left unfinished: FAILED with the run's error after a FAILURE;
   * PENDING again after SUCCESS or CANCELED (a stale or canceled delivery), to be resubmitted.
   */
  async settleRun(
    runId: string,
    w: RunSpan,
    failedWith: string | null,
  ): Promise<{ failed: number; requeued: number }> {
    const rows = await sqlRows<{ status: string }>(
      this.db,
      failedWith !== null
        ? `UPDATE occupancy_chunks c SET status = 'FAILED', error = $6 WHERE ${OF_RUN} RETURNING c.status`
        : `UPDATE occupancy_chunks c SET status = 'PENDING', run_id = NULL, submitted_at = NULL
            WHERE ${OF_RUN} RETURNING c.status`,
      failedWith !== null ? [...runArgs(runId, w), failedWith] : runArgs(runId, w),
    );
    return failedWith !== null
      ? { failed: rows.length, requeued: 0 }
      : { failed: 0, requeued: rows.length };
  }

  /**
   * Moves unfinished datasets to RUNNING / COMPLETED / FAILED from their chunks' states, and
   * records their progress counts.
   */
  async refreshDatasets(): Promise<void> {
    await this.db.query(
      `UPDATE occupancy_datasets d
          SET status = CASE WHEN x.failed > 0 THEN 'FAILED'
                            WHEN x.completed = d.total_chunks THEN 'COMPLETED'
                            WHEN x.touched > 0 THEN 'RUNNING' ELSE 'PENDING' END,
              error = CASE WHEN x.failed > 0 THEN x.first_error END,
              completed_at = CASE WHEN x.failed = 0 AND x.completed = d.total_chunks THEN now() END,
              completed_chunks = x.completed, failed_chunks = x.failed
         FROM (SELECT d.dataset_id,
                      count(*) FILTER (WHERE c.status = 'COMPLETED') AS completed,
                      count(*) FILTER (WHERE c.status = 'FAILED') AS failed,
                      count(*) FILTER (WHERE c.status = 'COMPLETED' OR c.run_id IS NOT NULL) AS touched,
                      array_to_string((array_agg('space ' || c.space_id || ' chunk ' || to_char(c.chunk_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ': ' || c.error
                                 ORDER BY c.chunk_id) FILTER (WHERE c.status = 'FAILED'))[1:3], '; ') AS first_error
                 FROM ${DATASET_CHUNKS_FROM}
                WHERE d.status IN ('PENDING', 'RUNNING')
                GROUP BY d.dataset_id) x
        WHERE d.dataset_id = x.dataset_id`,
    );
  }
}
