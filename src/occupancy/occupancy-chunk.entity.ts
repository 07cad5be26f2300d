import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { Aggregation } from '../../libs/occupancy-core';
import { OccupancyObjectEntity } from './occupancy-object.entity';

export const CHUNK_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type ChunkStatus = (typeof CHUNK_STATUSES)[number];
export type ChunkType = 'source' | 'derived';

/**
 * One space's counts for one epoch-aligned window at one interval and aggregation, computed
 * once and reused by every dataset that needs it (DESIGN §6).
 *
 * run_id has no index on purpose: a run finds its chunks through the todo index (its window,
 * unfinished chunks), and an unindexed run_id lets the claim's UPDATE be a HOT update (the
 * table's fillfactor is 70, set in a migration), which matters when a sensor claims ~18k
 * chunks at once.
 */
@Entity({ name: 'occupancy_chunks' })
@Unique('UQ_occupancy_chunks_key', [
  'spaceId',
  'intervalSeconds',
  'aggregation',
  'chunkStart',
  'chunkEnd',
])
// unfinished chunks by window: the sensors' claim order and a run's own chunks
@Index('IDX_occupancy_chunks_todo', ['intervalSeconds', 'aggregation', 'chunkStart'], {
  where: `status IN ('PENDING', 'RUNNING')`,
})
// which chunks reference an object (the object collector; the foreign key's checks)
@Index('IDX_occupancy_chunks_storage_key', ['storageKey'], { where: 'storage_key IS NOT NULL' })
export class OccupancyChunkEntity {
  @PrimaryGeneratedColumn({ name: 'chunk_id', type: 'bigint' })
  chunkId: string;

  @Column({ name: 'space_id', type: 'integer' })
  spaceId: number;

  @Column({ name: 'interval_seconds', type: 'integer' })
  intervalSeconds: number;

  /** `sum` (own counts added up the tree) or `distinct` (each device once in the subtree). */
  @Column({ type: 'varchar', length: 8, default: 'sum' })
  aggregation: Aggregation;

  @Column({ name: 'chunk_start', type: 'timestamptz' })
  chunkStart: Date;

  @Column({ name: 'chunk_end', type: 'timestamptz' })
  chunkEnd: Date;

  /** source: from the space's own sessions; derived: children's chunks (+ own sessions). */
  @Column({ name: 'chunk_type', type: 'varchar', length: 8 })
  chunkType: ChunkType;

  /**
   * A derived chunk's inputs: the spaces whose chunks (same interval and window) it sums, as
   * of the latest plan that needed it (sorted). A plan that finds other children replaces the
   * list and recomputes the chunk. Null for source chunks.
   */
  @Column({ name: 'input_space_ids', type: 'integer', array: true, nullable: true })
  inputSpaceIds: number[] | null;

  /**
   * A `distinct` chunk counts the sessions of these spaces (its subtree's spaces with sessions
   * of their own, sorted, as of the latest plan that needed it); a plan that finds others
   * replaces the list and recomputes the chunk. Null for `sum` chunks (their own sessions).
   */
  @Column({ name: 'session_space_ids', type: 'integer', array: true, nullable: true })
  sessionSpaceIds: number[] | null;

  @Column({ type: 'varchar', length: 12, default: 'PENDING' })
  status: ChunkStatus;

  @Column({ name: 'run_id', type: 'uuid', nullable: true })
  runId: string | null;

  /**
   * Key of the Parquet object holding the chunk's rows (with those of the other chunks of its
   * run's window); null when the chunk has no rows. The foreign key keeps a referenced object
   * from being collected.
   */
  @Column({ name: 'storage_key', type: 'varchar', length: 512, nullable: true })
  storageKey: string | null;

  @ManyToOne(() => OccupancyObjectEntity, { onDelete: 'NO ACTION', nullable: true })
  @JoinColumn({ name: 'storage_key', referencedColumnName: 'storageKey' })
  object?: OccupancyObjectEntity | null;

  @Column({ name: 'row_count', type: 'integer', nullable: true })
  rowCount: number | null;

  /**
   * Times its stored object was found missing. The third time the chunk is FAILED instead of
   * computed again: objects that keep vanishing mean processes that do not share one object
   * store, and recomputing would never end.
   */
  @Column({ name: 'lost_count', type: 'integer', default: 0 })
  lostCount: number;

  /** Runs that worked on the chunk. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** Own sessions starting in the window when computed: a change means late data. */
  @Column({ name: 'own_session_count', type: 'bigint', nullable: true })
  ownSessionCount: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
