import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const CHUNK_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type ChunkStatus = (typeof CHUNK_STATUSES)[number];
export type ChunkType = 'source' | 'derived';

/**
 * One space's counts for one epoch-aligned window at one interval, computed once and reused
 * by every dataset that needs it (DESIGN §6).
 *
 * run_id has no index on purpose: every query by run also names the chunk ids (primary key),
 * and an unindexed run_id lets the claim's UPDATE be a HOT update (the table's fillfactor is
 * 70, set in a migration), which matters when a sensor claims ~18k chunks at once.
 */
@Entity({ name: 'occupancy_chunks' })
@Unique('UQ_occupancy_chunks_key', ['spaceId', 'intervalSeconds', 'chunkStart', 'chunkEnd'])
@Index('IDX_occupancy_chunks_todo', ['chunkType', 'status'], {
  where: `status IN ('PENDING', 'RUNNING')`,
})
export class OccupancyChunkEntity {
  @PrimaryGeneratedColumn({ name: 'chunk_id', type: 'bigint' })
  chunkId: string;

  @Column({ name: 'space_id', type: 'integer' })
  spaceId: number;

  @Column({ name: 'interval_seconds', type: 'integer' })
  intervalSeconds: number;

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

  @Column({ type: 'varchar', length: 12, default: 'PENDING' })
  status: ChunkStatus;

  @Column({ name: 'run_id', type: 'uuid', nullable: true })
  runId: string | null;

  /** Object key of the Parquet file; null when the chunk has no rows. */
  @Column({ name: 'storage_key', type: 'varchar', length: 512, nullable: true })
  storageKey: string | null;

  @Column({ name: 'row_count', type: 'integer', nullable: true })
  rowCount: number | null;

  /**
   * Times its stored file was found missing. The third time the chunk is FAILED instead of
   * computed again: files that keep vanishing mean processes that do not share one object
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
