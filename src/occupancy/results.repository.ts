import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedRows } from '../database/sql-rows';
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
  /** Rows of the whole object holding the chunk (all its spaces), when registered. */
  object_rows: number | null;
  start_sec: number;
  end_sec: number;
}

/** What results need of one space of a dataset, read in one statement (one snapshot). */
export interface SpaceState {
  /** The space asked for, or the dataset's root. */
  space_id: number;
  dataset: {
    root_space_id: number;
    interval_seconds: number;
    /** Epoch seconds; null when the dataset has no range (no data). */
    effective_start: number | null;
    effective_end: number | null;
    error: string | null;
  };
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

  /** The state of `spaceId` (default: the root) in the dataset, or null without such dataset. */
  async spaceState(datasetId: number, spaceId: number | null): Promise<SpaceState | null> {
    const [row] = await preparedRows<SpaceState>(
      this.db,
      'occupancy-results-space-state',
      `WITH RECURSIVE ds0 AS (
         SELECT d.dataset_id, coalesce($2::int, d.root_space_id) AS space_id,
                json_build_object('root_space_id', d.root_space_id, 'interval_seconds', d.interval_seconds,
                  'effective_start', extract(epoch FROM d.effective_start)::float8,
                  'effective_end', extract(epoch FROM d.effective_end)::float8, 'error', d.error) AS dataset
           FROM occupancy_datasets d WHERE d.dataset_id = $1),
       sub(space_id) AS (
         SELECT s.space_id FROM occupancy_dataset_spaces s JOIN ds0 ON s.dataset_id = ds0.dataset_id
          WHERE s.space_id = ds0.space_id
         UNION SELECT s.space_id FROM occupancy_dataset_spaces s JOIN sub ON s.parent_space_id = sub.space_id
          WHERE s.dataset_id = $1),
       progress AS (
         SELECT count(*)::int AS total, count(*) FILTER (WHERE c.status = 'COMPLETED')::int AS completed,
                count(*) FILTER (WHERE c.status = 'FAILED')::int AS failed,
                min(c.error) FILTER (WHERE c.status = 'FAILED') AS first_error
           FROM ${DATASET_CHUNKS_FROM}
          WHERE d.dataset_id = $1 AND c.space_id IN (SELECT space_id FROM sub)),
       own AS (
         SELECT c.status, c.storage_key, o.row_count AS object_rows,
                extract(epoch FROM c.chunk_start)::float8 AS start_sec,
                extract(epoch FROM c.chunk_end)::float8 AS end_sec
           FROM ${DATASET_CHUNKS_FROM}
           LEFT JOIN occupancy_objects o ON o.storage_key = c.storage_key
          WHERE d.dataset_id = $1 AND ds.space_id = (SELECT space_id FROM ds0))
       SELECT ds0.space_id, ds0.dataset, EXISTS (SELECT 1 FROM sub) AS in_tree,
              (SELECT row_to_json(progress) FROM progress) AS progress,
              (SELECT coalesce(json_agg(own ORDER BY own.start_sec), '[]'::json) FROM own) AS own
         FROM ds0`,
      [datasetId, spaceId],
    );
    return row ?? null;
  }
}
