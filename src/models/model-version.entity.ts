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
import { ModelEntity } from './model.entity';

export const MODEL_STAGES = ['none', 'staging', 'production', 'archived'] as const;
export type ModelStage = (typeof MODEL_STAGES)[number];

/** `tippers` = our portable JSON classifier; `onnx` = an uploaded ONNX graph. */
export type ArtifactFormat = 'tippers' | 'onnx';

/** One input of a model, in the order the model reads them. */
export interface ModelFeature {
  name: string;
  /** Where a whole-index prediction reads it: a feature asset's column. */
  feature_id?: number;
  column?: string;
}

/** An output class: its position in the probabilities, and the concept value it stands for. */
export interface ModelClass {
  index: number;
  cv_id?: number;
  name: string;
}

/**
 * A version of a model: its artifact (format, object key, size, sha256), the inputs it reads,
 * the classes it predicts, its stage and where it came from (a classifier job's run, or an
 * upload). Versions count up from 1 per model and are never reused.
 */
@Entity({ name: 'model_versions' })
@Index('UQ_model_versions_version', ['modelId', 'version'], { unique: true })
export class ModelVersionEntity {
  @PrimaryGeneratedColumn({ name: 'version_id' })
  versionId: number;

  @Column({ name: 'model_id', type: 'integer' })
  modelId: number;

  @ManyToOne(() => ModelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'model_id', foreignKeyConstraintName: 'FK_model_versions_model' })
  model?: ModelEntity;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  format: ArtifactFormat;

  @Column({ name: 'storage_key', type: 'varchar', length: 512 })
  storageKey: string;

  @Column({ name: 'size_bytes', type: 'bigint' })
  sizeBytes: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'jsonb' })
  features: ModelFeature[];

  @Column({ type: 'jsonb' })
  classes: ModelClass[];

  @Column({ type: 'varchar', length: 16, default: 'none' })
  stage: ModelStage;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  tags: Record<string, string>;

  /** Held-out metrics of a trained model; empty for uploads. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  metrics: Record<string, unknown>;

  /** `{classifier_job_id, run_id, family}` or `{upload: filename}`. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  source: Record<string, unknown>;

  /** The run that registered it (unique: a retried run finds its version instead of adding one). */
  @Column({ name: 'source_run_id', type: 'uuid', nullable: true })
  @Index('UQ_model_versions_source_run', { unique: true })
  sourceRunId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
