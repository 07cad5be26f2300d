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
import { ConceptEntity } from '../concepts/concept.entity';
import { RuleEntity } from '../sql-assets/rule.entity';

export const LF_TYPES = ['conditions', 'sql', 'code'] as const;
export type LfType = (typeof LF_TYPES)[number];

/**
 * A labeling function: votes a concept value (or abstains) for each row of a rule. Versions of
 * one LF share its name and chain through `parent_lf_id`; `version` is unique per name.
 */
@Entity({ name: 'labeling_functions' })
@Unique('UQ_labeling_functions_name_version', ['cId', 'name', 'version'])
@Index('IDX_labeling_functions_rule', ['ruleId'])
@Index('IDX_labeling_functions_parent', ['parentLfId'])
export class LabelingFunctionEntity {
  @PrimaryGeneratedColumn({ name: 'lf_id' })
  lfId: number;

  @Column({ name: 'c_id', type: 'integer' })
  cId: number;

  @ManyToOne(() => ConceptEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'c_id', foreignKeyConstraintName: 'FK_labeling_functions_concept' })
  concept?: ConceptEntity;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'rule_id', type: 'integer' })
  ruleId: number;

  @ManyToOne(() => RuleEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rule_id', foreignKeyConstraintName: 'FK_labeling_functions_rule' })
  rule?: RuleEntity;

  /** The concept values it may vote (cv_ids). */
  @Column({ name: 'applicable_cv_ids', type: 'integer', array: true })
  applicableCvIds: number[];

  @Column({ name: 'lf_type', type: 'varchar', length: 16 })
  lfType: LfType;

  @Column({ name: 'lf_config', type: 'jsonb' })
  lfConfig: Record<string, unknown>;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'parent_lf_id', type: 'integer', nullable: true })
  parentLfId: number | null;

  @ManyToOne(() => LabelingFunctionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_lf_id', foreignKeyConstraintName: 'FK_labeling_functions_parent' })
  parent?: LabelingFunctionEntity;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @Column({ name: 'requires_approval', type: 'boolean', default: false })
  requiresApproval: boolean;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  /** The API key (name) that approved it; null when auth is off. */
  @Column({ name: 'approved_by', type: 'varchar', length: 255, nullable: true })
  approvedBy: string | null;

  /** Per-LF figures of the last Snorkel job that used it. */
  @Column({ type: 'jsonb', nullable: true })
  metrics: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
