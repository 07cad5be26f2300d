import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql-rows';
import type { ChunkStatus, ChunkType } from './occupancy-chunk.entity';

/** Every space of `spaces` × every window from firstWindowSec to lastWindowSec (step windowSec). */
export interface ChunkGrid {
  intervalSec: number;
  windowSec: number;
  firstWindowSec: number;
  lastWindowSec: number;
  spaces: { spaceId: number; type: ChunkType }[];
}

export interface PlannedChunkRow {
  chunk_id: string;
  space_id: number;
  start_sec: number;
  status: ChunkStatus;
  chunk_type: ChunkType;
  run_id: string | null;
  own_session_count: string | null;
}

/** The SQL of planning a dataset: all of it runs inside the POST's transaction. */
@Injectable()
export class ChunkPlanRepository {
  /**
   * Inserts the chunks (every space × every window) that do not exist, in one statement, and
   * returns all of them. The SELECT is a separate statement so that it sees chunks a
   * concurrent POST committed while this INSERT waited on them.
   */
  async upsertChunks(m: EntityManager, plan: ChunkGrid): Promise<PlannedChunkRow[]> {
    const args = [
      plan.intervalSec,
      plan.windowSec,
      plan.spaces.map((s) => s.spaceId),
      plan.spaces.map((s) => s.type),
      plan.firstWindowSec,
      plan.lastWindowSec,
    ];
    await m.query(
      `INSERT INTO occupancy_chunks (space_id, interval_seconds, chunk_start, chunk_end, chunk_type)
       SELECT sp.id, $1, to_timestamp(w), to_timestamp(w + $2), sp.t
         FROM unnest($3::int[], $4::varchar[]) AS sp(id, t), generate_series($5::bigint, $6::bigint, $2::bigint) AS w
        ORDER BY sp.id, w
       ON CONFLICT ON CONSTRAINT "UQ_occupancy_chunks_key" DO NOTHING`,
      args,
    );
    return sqlRows<PlannedChunkRow>(
      m,
      `SELECT chunk_id::text, space_id, extract(epoch FROM chunk_start)::float8 AS start_sec, status,
              chunk_type, run_id, own_session_count::text
         FROM occupancy_chunks
        WHERE space_id = ANY($3::int[]) AND interval_seconds = $1
          AND chunk_start >= to_timestamp($5) AND chunk_start <= to_timestamp($6)
          AND chunk_end = chunk_start + make_interval(secs => $2) AND $4::varchar[] IS NOT NULL`,
      args,
    );
  }

  /** Sets the planned type of chunks whose type changed (a space gained children with data). */
  async retype(m: EntityManager, ids: string[], type: ChunkType): Promise<void> {
    if (!ids.length) return;
    await m.query(
      `UPDATE occupancy_chunks SET chunk_type = $2 WHERE chunk_id = ANY($1::bigint[])`,
      [ids, type],
    );
  }

  /**
   * Puts chunks back to PENDING so the sensors compute them again. Chunks a run is working on
   * (submitted or RUNNING) are left alone: their result is on its way.
   */
  async resetToPending(m: EntityManager, ids: string[]): Promise<number> {
    if (!ids.length) return 0;
    const rows = await sqlRows<{ chunk_id: string }>(
      m,
      `UPDATE occupancy_chunks SET status = 'PENDING', run_id = NULL, error = NULL, submitted_at = NULL
        WHERE chunk_id = ANY($1::bigint[])
          AND (status IN ('COMPLETED', 'FAILED') OR (status = 'PENDING' AND run_id IS NULL))
        RETURNING chunk_id`,
      [ids],
    );
    return rows.length;
  }

  async linkChildren(m: EntityManager, edges: { parent: string; child: string }[]): Promise<void> {
    if (!edges.length) return;
    await m.query(
      `INSERT INTO occupancy_chunk_children (parent_chunk_id, child_chunk_id)
       SELECT parent::bigint, child::bigint FROM jsonb_to_recordset($1::jsonb) AS x(parent text, child text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(edges)],
    );
  }

  /**
   * A COMPLETED derived chunk is stale when one of its inputs is not COMPLETED or was
   * completed after it. Marks such chunks PENDING, level by level, until none is left.
   */
  async resetStaleDerived(m: EntityManager, ids: string[]): Promise<number> {
    let total = 0;
    for (let round = 0; round < 64; round++) {
      const rows = await sqlRows<{ chunk_id: string }>(
        m,
        `UPDATE occupancy_chunks p SET status = 'PENDING', run_id = NULL, submitted_at = NULL
          WHERE p.chunk_id = ANY($1::bigint[]) AND p.chunk_type = 'derived' AND p.status = 'COMPLETED'
            AND EXISTS (SELECT 1 FROM occupancy_chunk_children e
                          JOIN occupancy_chunks c ON c.chunk_id = e.child_chunk_id
                         WHERE e.parent_chunk_id = p.chunk_id
                           AND (c.status <> 'COMPLETED' OR c.completed_at > p.completed_at))
          RETURNING p.chunk_id`,
        [ids],
      );
      total += rows.length;
      if (!rows.length) break;
    }
    return total;
  }

  async linkDataset(m: EntityManager, datasetId: number, chunkIds: string[]): Promise<void> {
    await m.query(
      `INSERT INTO occupancy_dataset_chunks (dataset_id, chunk_id)
       SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`,
      [datasetId, chunkIds],
    );
  }

  async saveSpaces(
    m: EntityManager,
    datasetId: number,
    spaces: { spaceId: number; parentSpaceId: number | null; depth: number }[],
  ): Promise<void> {
    await m.query(
      `INSERT INTO occupancy_dataset_spaces (dataset_id, space_id, parent_space_id, depth)
       SELECT $1, space_id, parent_space_id, depth
         FROM jsonb_to_recordset($2::jsonb) AS x(space_id int, parent_space_id int, depth int)
       ON CONFLICT DO NOTHING`,
      [
        datasetId,
        JSON.stringify(
          spaces.map((s) => ({
            space_id: s.spaceId,
            parent_space_id: s.parentSpaceId,
            depth: s.depth,
          })),
        ),
      ],
    );
  }

  async countCompleted(m: EntityManager, ids: string[]): Promise<number> {
    const [row] = await sqlRows<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM occupancy_chunks WHERE chunk_id = ANY($1::bigint[]) AND status = 'COMPLETED'`,
      [ids],
    );
    return row.n;
  }
}
