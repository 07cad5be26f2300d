import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { ConceptEntity } from '../concepts/concept.entity';
import { IndexEntity } from './index.entity';
import { SqlAssetColumns } from './sql-asset.columns';

/**
 * Per-entity values that classifiers take as input: SQL on the index's connection (it may use `:index_values`, the index's keys)
 * whose `index_column` holds the entity key.
 */
@Entity({ name: 'concept_features' })
@Unique('UQ_concept_features_name', ['cId', 'name'])
@Index('IDX_concept_features_index', ['indexId'])
export class FeatureEntity extends SqlAssetColumns {
  @PrimaryGeneratedColumn({ name: 'feature_id' })
  featureId: number;

  @ManyToOne(() => ConceptEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'c_id', foreignKeyConstraintName: 'FK_concept_features_concept' })
  concept?: ConceptEntity;

  @Column({ name: 'index_id', type: 'integer' })
  indexId: number;

  @ManyToOne(() => IndexEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'index_id', foreignKeyConstraintName: 'FK_concept_features_index' })
  index?: IndexEntity;

  @Column({ name: 'index_column', type: 'varchar', length: 255 })
  indexColumn: string;
}
