import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Aggregation } from '../../libs/occupancy-core';

export const DATASET_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type DatasetStatus = (typeof DATASET_STATUSES)[number];

/** A requested occupancy product: a space subtree, a time range and a bin size. */
@Entity({ name: 'occupancy_datasets' })
@Index('IDX_occupancy_datasets_root', ['rootSpaceId'])
export class OccupancyDatasetEntity {
  @PrimaryGeneratedColumn({ name: 'dataset_id' })
  datasetId: number;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'root_space_id', type: 'integer' })
  rootSpaceId: number;

  @Column({ name: 'start_time', type: 'timestamptz', nullable: true })
  startTime: Date | null;

  @Column({ name: 'end_time', type: 'timestamptz', nullable: true })
  endTime: Date | null;

  @Column({ name: 'effective_start', type: 'timestamptz', nullable: true })
  effectiveStart: Date | null;

  @Column({ name: 'effective_end', type: 'timestamptz', nullable: true })
  effectiveEnd: Date | null;

  @Column({ name: 'interval_seconds', type: 'integer' })
  intervalSeconds: number;

  @Column({ name: 'chunk_days', type: 'integer' })
  chunkDays: number;

  /** `sum` (the original's semantics) or `distinct` (each device once per bin in the subtree). */
  @Column({ type: 'varchar', length: 8, default: 'sum' })
  aggregation: Aggregation;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status: DatasetStatus;

  @Column({ name: 'total_chunks', type: 'integer', default: 0 })
  totalChunks: number;

  /**
   * Progress as of the planning and the latest completion-sensor pass (which also sets the
   * status), so that reading a dataset costs no count over its chunks. Frozen once the dataset
   * is COMPLETED or FAILED; the results endpoint counts a subtree's chunks live.
   */
  @Column({ name: 'completed_chunks', type: 'integer', default: 0 })
  completedChunks: number;

  @Column({ name: 'failed_chunks', type: 'integer', default: 0 })
  failedChunks: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
