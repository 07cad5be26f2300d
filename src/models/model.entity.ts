import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** Who may see a model in lists: everyone with a key (`public`) or editors and admins. */
export type ModelVisibility = 'public' | 'private';

/**
 * A registered model: a name (unique), tags, and its versions (model_versions). A classifier
 * job registers its best model as a new version of its concept's model; uploads add versions
 * too. The artifacts live in the object store under `models/model_{id}/`.
 */
@Entity({ name: 'models' })
@Index('UQ_models_name', ['name'], { unique: true })
export class ModelEntity {
  @PrimaryGeneratedColumn({ name: 'model_id' })
  modelId: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Free key → value labels (MLflow's tags). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  tags: Record<string, string>;

  @Column({ type: 'varchar', length: 16, default: 'public' })
  visibility: ModelVisibility;

  /** The concept whose values it predicts, when it has one (ids only: models outlive jobs). */
  @Column({ name: 'c_id', type: 'integer', nullable: true })
  cId: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
