import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ConceptEntity } from '../concepts/concept.entity';

/** How a job trains the label model (the request's `config`, defaults filled in). */
export interface SnorkelConfig {
  epochs: number;
  lr: number;
  l2: number;
  seed: number;
  output_type: 'softmax' | 'hard_labels';
  tie_policy: 'abstain' | 'random';
  /** P(value) by cv_id; else from gold; else uniform. */
  class_balance?: Record<string, number>;
}

/** Gold labels: a rule column holding cv_ids. */
export interface GoldSpec {
  rule_id: number;
  column: string;
}

/**
 * A Snorkel job: LFs applied to the entities of an index, the label model fitted on their votes,
 * a Parquet of entity keys with a probability per value and the label. A DRAFT has no run yet;
 * otherwise its status is its run's. Jobs are history: the index and LFs they name may be
 * deleted later (ids only, no foreign keys), the results keep their names.
 */
@Entity({ name: 'snorkel_jobs' })
@Index('IDX_snorkel_jobs_concept', ['cId'])
export class SnorkelJobEntity {
  @PrimaryGeneratedColumn({ name: 'job_id' })
  jobId: number;

  @Column({ name: 'c_id', type: 'integer' })
  cId: number;

  @ManyToOne(() => ConceptEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'c_id', foreignKeyConstraintName: 'FK_snorkel_jobs_concept' })
  concept?: ConceptEntity;

  @Column({ name: 'index_id', type: 'integer' })
  indexId: number;

  @Column({ name: 'rule_ids', type: 'integer', array: true })
  ruleIds: number[];

  @Column({ name: 'lf_ids', type: 'integer', array: true })
  lfIds: number[];

  @Column({ type: 'jsonb' })
  config: SnorkelConfig;

  @Column({ type: 'jsonb', nullable: true })
  gold: GoldSpec | null;

  @Column({ name: 'run_id', type: 'uuid', nullable: true })
  runId: string | null;

  @Column({ name: 'storage_key', type: 'varchar', length: 512, nullable: true })
  storageKey: string | null;

  @Column({ type: 'jsonb', nullable: true })
  results: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
