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
 * Per-entity values that labeling functions read: SQL on the index's connection (it may use `:index_values`, the index's keys)
 * whose `index_column` holds the entity key.
 */
@Entity({ name: 'concept_rules' })
@Unique('UQ_concept_rules_name', ['cId', 'name'])
@Index('IDX_concept_rules_index', ['indexId'])
export class RuleEntity extends SqlAssetColumns {
  @PrimaryGeneratedColumn({ name: 'r_id' })
  rId: number;

  @ManyToOne(() => ConceptEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'c_id', foreignKeyConstraintName: 'FK_concept_rules_concept' })
  concept?: ConceptEntity;

  @Column({ name: 'index_id', type: 'integer' })
  indexId: number;

  @ManyToOne(() => IndexEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'index_id', foreignKeyConstraintName: 'FK_concept_rules_index' })
  index?: IndexEntity;

  @Column({ name: 'index_column', type: 'varchar', length: 255 })
  indexColumn: string;
}
