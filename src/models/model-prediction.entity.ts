import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ModelEntity } from './model.entity';

/**
 * A whole-index prediction: a model version applied to every entity of an index (its feature
 * assets joined by key), written as Parquet by a run of kind `model_predict`. Deleted with
 * its model.
 */
@Entity({ name: 'model_predictions' })
@Index('IDX_model_predictions_model', ['modelId'])
export class ModelPredictionEntity {
  @PrimaryGeneratedColumn({ name: 'prediction_id' })
  predictionId: number;

  @Column({ name: 'model_id', type: 'integer' })
  modelId: number;

  @ManyToOne(() => ModelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'model_id', foreignKeyConstraintName: 'FK_model_predictions_model' })
  model?: ModelEntity;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'c_id', type: 'integer' })
  cId: number;

  @Column({ name: 'index_id', type: 'integer' })
  indexId: number;

  @Column({ name: 'feature_ids', type: 'integer', array: true })
  featureIds: number[];

  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

  @Column({ name: 'storage_key', type: 'varchar', length: 512, nullable: true })
  storageKey: string | null;

  @Column({ type: 'jsonb', nullable: true })
  results: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
