import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql-rows';
import { DATASET_CHUNKS_FROM, NEEDED_BY_ANOTHER_DATASET } from './dataset-chunks.sql';
import { windowKey } from './chunk-run.params';
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
   * needs (locked: a run starting now waits, then finds them gone). COMPLETED chunks stay for
   * reuse; chunks being computed finish. Returns whether it existed, and the keys of the windows
   * that lost chunks and hold no PENDING chunk any more (their queued runs have nothing to do).
   */
  async deleteWithPendingWork(id: number): Promise<{ found: boolean; emptied: Set<string> }> {
    return this.db.transaction(async (m: EntityManager) => {
      const unneeded = await sqlRows<{ chunk_id: string }>(
        m,
        `SELECT c.chunk_id::text FROM ${DATASET_CHUNKS_FROM}
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
      if (!deleted.n) return { found: false, emptied: new Set<string>() };
      if (!unneeded.length) return { found: true, emptied: new Set<string>() };
      const emptied = await sqlRows<{ interval_seconds: number; aggregation: string; s: number }>(
        m,
        `WITH gone AS (
           DELETE FROM occupancy_chunks WHERE chunk_id = ANY($1::bigint[]) AND status = 'PENDING'
           RETURNING interval_seconds, aggregation, chunk_start)
         SELECT DISTINCT g.interval_seconds, g.aggregation, extract(epoch FROM g.chunk_start)::float8 AS s
           FROM gone g
          WHERE NOT EXISTS (SELECT 1 FROM occupancy_chunks c
                             WHERE c.interval_seconds = g.interval_seconds AND c.aggregation = g.aggregation
                               AND c.chunk_start = g.chunk_start AND c.status = 'PENDING'
                               AND NOT c.chunk_id = ANY($1::bigint[]))`,
        [unneeded.map((u) => u.chunk_id)],
      );
      return {
        found: true,
        emptied: new Set(emptied.map((w) => windowKey(w.interval_seconds, w.aggregation, w.s))),
      };
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
