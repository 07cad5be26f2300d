import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A Parquet object occupancy wrote (one per run and window), or one of the per-chunk objects of
 * the first layout. Registered before it is put, so an object whose run died before recording
 * it is still known; collected (row and object) by the object collector once no chunk has
 * referenced it for a grace period (OCCUPANCY_OBJECT_GRACE_SECONDS).
 */
@Entity({ name: 'occupancy_objects' })
@Index('IDX_occupancy_objects_unreferenced', ['unreferencedSince'], {
  where: 'unreferenced_since IS NOT NULL',
})
export class OccupancyObjectEntity {
  @PrimaryColumn({ name: 'storage_key', type: 'varchar', length: 512 })
  storageKey: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  /** When the collector first found no chunk referencing it; null while referenced. */
  @Column({ name: 'unreferenced_since', type: 'timestamptz', nullable: true })
  unreferencedSince: Date | null;

  @Column({ type: 'integer', nullable: true })
  bytes: number | null;

  @Column({ name: 'row_count', type: 'integer', nullable: true })
  rowCount: number | null;
}
