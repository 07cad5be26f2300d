import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RunEntity } from './run.entity';

/** Append-only log of what happened to a run (transitions, processor messages). */
@Entity({ name: 'run_events' })
@Index('IDX_run_events_run', ['runId', 'eventId'])
export class RunEventEntity {
  @PrimaryGeneratedColumn({ name: 'event_id', type: 'bigint' })
  eventId: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

  @ManyToOne(() => RunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: RunEntity;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'integer', default: 0 })
  attempt: number;

  @Column({ type: 'varchar', length: 8, default: 'info' })
  level: 'debug' | 'info' | 'warn' | 'error';

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'jsonb', nullable: true })
  data: Record<string, unknown> | null;
}
