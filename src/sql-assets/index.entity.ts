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
import { ConnectionEntity } from '../connections/connection.entity';
import { SqlAssetColumns } from './sql-asset.columns';

/** The entity set of a concept: SQL on a connection whose `key_column` identifies an entity. */
@Entity({ name: 'concept_indexes' })
@Unique('UQ_concept_indexes_name', ['cId', 'name'])
@Index('IDX_concept_indexes_conn', ['connId'])
export class IndexEntity extends SqlAssetColumns {
  @PrimaryGeneratedColumn({ name: 'index_id' })
  indexId: number;

  @ManyToOne(() => ConceptEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'c_id', foreignKeyConstraintName: 'FK_concept_indexes_concept' })
  concept?: ConceptEntity;

  @Column({ name: 'conn_id', type: 'integer' })
  connId: number;

  @ManyToOne(() => ConnectionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'conn_id', foreignKeyConstraintName: 'FK_concept_indexes_connection' })
  connection?: ConnectionEntity;

  @Column({ name: 'key_column', type: 'varchar', length: 255 })
  keyColumn: string;

  /**
   * A derived index: its entities are those a Snorkel job labelled with one of `cv_ids` at a
   * confidence ≥ `min_confidence`. It has no SQL of its own; its connection and key column are
   * those of the job's index (so rules on it query the same database).
   */
  @Column({ name: 'derived_from', type: 'jsonb', nullable: true })
  derivedFrom: DerivedFrom | null;
}

export interface DerivedFrom {
  job_id: number;
  cv_ids: number[];
  min_confidence: number;
}
