import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

/** A concept: what the weak-supervision pipeline labels (e.g. "device kind"). */
@Entity({ name: 'concepts' })
@Unique('UQ_concepts_name', ['name'])
export class ConceptEntity {
  @PrimaryGeneratedColumn({ name: 'c_id' })
  cId: number;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
