import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql-rows';
import { DATASET_CHUNKS_FROM, NEEDED_BY_ANOTHER_DATASET } from './dataset-chunks.sql';
import { DatasetStatus, OccupancyDatasetEntity } from './occupancy-dataset.entity';

/** SQL on datasets beyond planning (which is ChunkPlanRepository's). */
@Injectable()
export class DatasetsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  find(id: number): Promise<OccupancyDatasetEntity | null> {
    return this.db.getRepository(OccupancyDatasetEntity).findOneBy({ datasetId: id });
  }

  /** Newest first, after dataset id `before` (the cursor), `limit` rows. */
  list(f: {
    rootSpaceId?: number;
    status?: DatasetStatus;
    before?: number;
    limit: number;
  }): Promise<OccupancyDatasetEntity[]> {
    const q = this.db
      .getRepository(OccupancyDatasetEntity)
      .createQueryBuilder('d')
      .orderBy('d.dataset_id', 'DESC')
      .limit(f.limit);
    if (f.rootSpaceId !== undefined) q.andWhere('d.root_space_id = :root', { root: f.rootSpaceId });
    if (f.status !== undefined) q.andWhere('d.status = :status', { status: f.status });
    if (f.before !== undefined) q.andWhere('d.dataset_id < :before', { before: f.before });
    return q.getMany();
  }

  /**
   * Deletes the dataset and, in the same transaction, its PENDING chunks that no other dataset
   * needs (in a run or not: a run only computes the chunks it still holds). Returns whether it
   * existed, and the runs left holding no chunk at all: the caller cancels them after the
   * commit. COMPLETED chunks stay for reuse; chunks being computed finish.
   */
  async deleteWithPendingWork(id: number): Promise<{ found: boolean; runsToCancel: string[] }> {
    return this.db.transaction(async (m: EntityManager) => {
      // locked: a run starting now waits, then finds them gone
      const unneeded = await sqlRows<{ chunk_id: string; run_id: string | null }>(
        m,
        `SELECT c.chunk_id::text, c.run_id::text FROM ${DATASET_CHUNKS_FROM}
          WHERE d.dataset_id = $1 AND c.status = 'PENDING' AND NOT ${NEEDED_BY_ANOTHER_DATASET}
          FOR UPDATE OF c`,
        [id],
      );
      const [deleted] = await sqlRows<{ n: number }>(
        m,
        `WITH x AS (DELETE FROM occupancy_datasets WHERE dataset_id = $1 RETURNING 1)
         SELECT count(*)::int AS n FROM x`,
        [id],
      );
      if (!deleted.n) return { found: false, runsToCancel: [] };
      if (!unneeded.length) return { found: true, runsToCancel: [] };
      const windows = await sqlRows<{ interval_seconds: number; aggregation: string; s: Date }>(
        m,
        `DELETE FROM occupancy_chunks WHERE chunk_id = ANY($1::bigint[]) AND status = 'PENDING'
          RETURNING interval_seconds, aggregation, chunk_start AS s`,
        [unneeded.map((u) => u.chunk_id)],
      );
      const runs = [...new Set(unneeded.map((u) => u.run_id).filter((r): r is string => !!r))];
      if (!runs.length) return { found: true, runsToCancel: [] };
      // the runs' remaining chunks, through the todo index (their windows)
      const busy = await sqlRows<{ run_id: string }>(
        m,
        `SELECT DISTINCT c.run_id::text FROM occupancy_chunks c
          WHERE c.run_id = ANY($1::uuid[]) AND c.status IN ('PENDING', 'RUNNING')
            AND (c.interval_seconds, c.aggregation, c.chunk_start) IN (
                  SELECT * FROM unnest($2::int[], $3::varchar[], $4::timestamptz[]))`,
        [
          runs,
          windows.map((w) => w.interval_seconds),
          windows.map((w) => w.aggregation),
          windows.map((w) => w.s),
        ],
      );
      const stillBusy = new Set(busy.map((b) => b.run_id));
      return { found: true, runsToCancel: runs.filter((r) => !stillBusy.has(r)) };
    });
  }

  /** Puts the dataset's FAILED chunks back to PENDING; returns how many. */
  async resetFailed(id: number): Promise<number> {
    const rows = await sqlRows<{ chunk_id: string }>(
      this.db,
      `UPDATE occupancy_chunks x SET status = 'PENDING', run_id = NULL, error = NULL, submitted_at = NULL
        WHERE x.status = 'FAILED'
          AND x.chunk_id IN (SELECT c.chunk_id FROM ${DATASET_CHUNKS_FROM} WHERE d.dataset_id = $1)
        RETURNING x.chunk_id`,
      [id],
    );
    if (rows.length) {
      await this.db.query(
        `UPDATE occupancy_datasets SET status = 'RUNNING', error = NULL, completed_at = NULL, failed_chunks = 0
          WHERE dataset_id = $1`,
        [id],
      );
    }
    return rows.length;
  }
}
