/** Shapes of the occupancy and spaces API (see openapi.json and docs/occupancy.md). */

import type { Schema } from '../../api-types';

export type DatasetStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED';
export type Aggregation = 'sum' | 'distinct';

export type Dataset = Schema<'DatasetResponse'>;

export interface CreateDatasetBody {
  name: string;
  description?: string;
  root_space_id: number;
  start_time?: string;
  end_time?: string;
  interval_seconds: number;
  chunk_days: number;
  aggregation: Aggregation;
  force_overwrite?: boolean;
}

export type Space = Schema<'SpaceResponse'>;

export interface ResultRow {
  interval_begin_time: string;
  number_connections: number;
}

/** GET /occupancy/datasets/{id}/results?format=json: progress until the space's subtree is done. */
export type ResultsAnswer =
  | {
      status: 'COMPLETED';
      dataset_id: number;
      space_id: number;
      interval_seconds: number;
      row_count: number;
      rows: ResultRow[];
    }
  | { status: 'RUNNING'; space_id: number; completed_chunks: number; total_chunks: number }
  | { status: 'FAILED'; space_id: number; error: string | null; failed_chunks: number };

/** One plotted series: exactly the API's rows, as [epoch seconds, count]. */
export interface Series {
  space_id: number;
  label: string;
  points: [number, number][];
}

/** Bin sizes the API accepts (CreateDatasetDto.interval_seconds). */
export const INTERVALS = [900, 1800, 3600, 7200, 14400, 28800, 86400] as const;

export const isFinished = (s: DatasetStatus) => s === 'COMPLETED' || s === 'FAILED';

export const spaceLabel = (s: Space) =>
  `${s.space_name ?? `Space ${s.space_id}`}${s.building_room ? ` (${s.building_room})` : ''}`;
