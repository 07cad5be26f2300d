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
import type { ModelFamily } from '../../libs/classifiers/model';
import { ConceptEntity } from '../concepts/concept.entity';

/** How a job trains (the request's `config`, defaults filled in). */
export interface ClassifierConfig {
  threshold_method: 'max_confidence' | 'entropy';
  threshold_value: number;
  min_labels_per_class: number;
  imbalance_factor: number;
  test_size: number;
  random_state: number;
  models: ModelFamily[];
  scaling: 'standard' | 'minmax' | 'none';
  /** The held-out metric that picks the model registered. */
  selection_metric: 'accuracy' | 'balanced_accuracy' | 'weighted_f1';
  /** The registry model the best one is added to (created when missing). */
  model_name: string;
  /** Then predict every entity of the Snorkel job's index with it (a model_predict run). */
  predict_index: boolean;
}

/**
 * A classifier job: model families trained on a Snorkel job's labels and the concept's
 * features (joined by entity key), scored on a held-out split; the best is registered as a
 * model version. Its status is its run's. History: ids only, no foreign keys to the Snorkel
 * job or features.
 */
@Entity({ name: 'classifier_jobs' })
@Index('IDX_classifier_jobs_concept', ['cId'])
export class ClassifierJobEntity {
  @PrimaryGeneratedColumn({ name: 'job_id' })
  jobId: number;

  @Column({ name: 'c_id', type: 'integer' })
  cId: number;

  @ManyToOne(() => ConceptEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'c_id', foreignKeyConstraintName: 'FK_classifier_jobs_concept' })
  concept?: ConceptEntity;

  @Column({ name: 'snorkel_job_id', type: 'integer' })
  snorkelJobId: number;

  @Column({ name: 'feature_ids', type: 'integer', array: true })
  featureIds: number[];

  @Column({ type: 'jsonb' })
  config: ClassifierConfig;

  @Column({ name: 'run_id', type: 'uuid', nullable: true })
  runId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  results: Record<string, unknown> | null;

  @Column({ name: 'model_id', type: 'integer', nullable: true })
  modelId: number | null;

  @Column({ name: 'model_version', type: 'integer', nullable: true })
  modelVersion: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
