import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RunEntity } from '../runs/run.entity';

/** Where a materialization stands: PENDING until its run ends, then the run's final status. */
export const MATERIALIZATION_STATUSES = ['PENDING', 'SUCCESS', 'FAILURE', 'CANCELED'] as const;
export type MaterializationStatus = (typeof MATERIALIZATION_STATUSES)[number];

/**
 * One build of a pipeline asset (index, rule, feature; later Snorkel and classifier jobs): the
 * run that builds it, what it was built from (definition and the input materializations), and
 * once the run ends, the object, row count and column stats. The asset's latest SUCCESS is its
 * current data; `stale` compares the asset's fingerprint now with `fingerprint`.
 */
@Entity({ name: 'materializations' })
@Index('IDX_materializations_asset', ['assetType', 'assetId', 'requestedAt'])
@Index('IDX_materializations_concept', ['cId'])
// at most one build in flight per asset: two clicks make one run, enforced by the database
@Index('UQ_materializations_pending', ['assetType', 'assetId'], {
  unique: true,
  where: `status = 'PENDING'`,
})
export class MaterializationEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId: string;

  @ManyToOne(() => RunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'FK_materializations_run' })
  run?: RunEntity;

  @Column({ name: 'asset_type', type: 'varchar', length: 32 })
  assetType: string;

  @Column({ name: 'asset_id', type: 'integer' })
  assetId: number;

  @Column({ name: 'c_id', type: 'integer', nullable: true })
  cId: number | null;

  /** sha256 of the definition (what "its SQL changed" compares). */
  @Column({ name: 'definition_hash', type: 'char', length: 64 })
  definitionHash: string;

  /** sha256 of the definition and the input materializations it was built from. */
  @Column({ type: 'char', length: 64 })
  fingerprint: string;

  @Column({ type: 'jsonb' })
  definition: Record<string, unknown>;

  /** Input name → the run id of the input's materialization this one read (null: none yet). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  inputs: Record<string, string | null>;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status: MaterializationStatus;

  @Column({ name: 'storage_key', type: 'varchar', length: 512, nullable: true })
  storageKey: string | null;

  @Column({ name: 'row_count', type: 'bigint', nullable: true })
  rowCount: string | null;

  @Column({ name: 'column_stats', type: 'jsonb', nullable: true })
  columnStats: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  columns: unknown[] | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ name: 'materialized_at', type: 'timestamptz', nullable: true })
  materializedAt: Date | null;

  /** When a read found the object gone; a lost materialization is not current data. */
  @Column({ name: 'object_lost_at', type: 'timestamptz', nullable: true })
  objectLostAt: Date | null;

  /** When a newer materialization superseded this one and its object was deleted. */
  @Column({ name: 'collected_at', type: 'timestamptz', nullable: true })
  collectedAt: Date | null;
}
