import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OccupancyDatasetEntity } from './occupancy-dataset.entity';

/**
 * The dataset's subtree as planned (so results and progress need no tippers query). A dataset
 * needs, for each `planned` space, its chunk of every window overlapping the dataset's
 * effective range at the dataset's interval and chunk size (see datasetChunksSql): no row per
 * dataset and chunk, so planning a campus-month writes hundreds of rows, not tens of thousands.
 */
@Entity({ name: 'occupancy_dataset_spaces' })
export class OccupancyDatasetSpaceEntity {
  @PrimaryColumn({ name: 'dataset_id', type: 'integer' })
  datasetId: number;

  @PrimaryColumn({ name: 'space_id', type: 'integer' })
  spaceId: number;

  @Column({ name: 'parent_space_id', type: 'integer', nullable: true })
  parentSpaceId: number | null;

  @Column({ type: 'integer' })
  depth: number;

  /** The space has chunks in this dataset (it or a space below it has sessions in range). */
  @Column({ type: 'boolean', default: false })
  planned: boolean;

  @ManyToOne(() => OccupancyDatasetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: OccupancyDatasetEntity;
}
