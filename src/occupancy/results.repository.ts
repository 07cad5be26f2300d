import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sqlRows } from '../database/sql-rows';
import type { ChunkStatus } from './occupancy-chunk.entity';
import { DATASET_CHUNKS_FROM } from './dataset-chunks.sql';

export interface SubtreeProgress {
  total: number;
  completed: number;
  failed: number;
  first_error: string | null;
}

export interface OwnChunk {
  status: ChunkStatus;
  storage_key: string | null;
  start_sec: number;
  end_sec: number;
}

/** What results need of one space of a dataset, read in one statement (one snapshot). */
export interface SpaceState {
  /** The space is in the dataset's subtree. */
  in_tree: boolean;
  /** Chunks of the space's subtree (its progress). */
  progress: SubtreeProgress;
  /** The space's own chunks (they hold its subtree's counts), by window. */
  own: OwnChunk[];
}

/** The SQL of GET /occupancy/datasets/{id}/results. */
@Injectable()
export class ResultsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async spaceState(datasetId: number, spaceId: number): Promise<SpaceState> {
    const [row] = await sqlRows<SpaceState>(
      this.db,
      `WITH RECURSIVE sub(space_id) AS (
         SELECT space_id FROM occupancy_dataset_spaces WHERE dataset_id = $1 AND space_id = $2
         UNION SELECT s.space_id FROM occupancy_dataset_spaces s JOIN sub ON s.parent_space_id = sub.space_id
          WHERE s.dataset_id = $1),
       progress AS (
         SELECT count(*)::int AS total, count(*) FILTER (WHERE c.status = 'COMPLETED')::int AS completed,
                count(*) FILTER (WHERE c.status = 'FAILED')::int AS failed,
                min(c.error) FILTER (WHERE c.status = 'FAILED') AS first_error
           FROM ${DATASET_CHUNKS_FROM}
          WHERE d.dataset_id = $1 AND c.space_id IN (SELECT space_id FROM sub)),
       own AS (
         SELECT c.status, c.storage_key, extract(epoch FROM c.chunk_start)::float8 AS start_sec,
                extract(epoch FROM c.chunk_end)::float8 AS end_sec
           FROM ${DATASET_CHUNKS_FROM}
          WHERE d.dataset_id = $1 AND ds.space_id = $2)
       SELECT EXISTS (SELECT 1 FROM sub) AS in_tree,
              (SELECT row_to_json(progress) FROM progress) AS progress,
              (SELECT coalesce(json_agg(own ORDER BY own.start_sec), '[]'::json) FROM own) AS own`,
      [datasetId, spaceId],
    );
    return row;
  }
}
