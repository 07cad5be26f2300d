import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { ConceptEntity } from './concept.entity';

/**
 * A value (label) of a concept, optionally under a parent value of the same concept (a tree:
 * `level` is the parent's + 1). Values go with their concept; a value with children cannot be
 * deleted without them.
 */
@Entity({ name: 'concept_values' })
@Unique('UQ_concept_values_name', ['cId', 'name'])
@Index('IDX_concept_values_parent', ['parentCvId'])
export class ConceptValueEntity {
  @PrimaryGeneratedColumn({ name: 'cv_id' })
  cvId: number;

  @Column({ name: 'c_id', type: 'integer' })
  cId: number;

  @ManyToOne(() => ConceptEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'c_id', foreignKeyConstraintName: 'FK_concept_values_concept' })
  concept?: ConceptEntity;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'display_order', type: 'integer', default: 0 })
  displayOrder: number;

  @Column({ type: 'integer', default: 0 })
  level: number;

  @Column({ name: 'parent_cv_id', type: 'integer', nullable: true })
  parentCvId: number | null;

  @ManyToOne(() => ConceptValueEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_cv_id', foreignKeyConstraintName: 'FK_concept_values_parent' })
  parent?: ConceptValueEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
