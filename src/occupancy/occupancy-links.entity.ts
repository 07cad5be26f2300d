import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OccupancyDatasetEntity } from './occupancy-dataset.entity';

/**
 * The chunks a dataset needs (a chunk serves many datasets). No foreign keys: planning links
 * thousands of rows per POST and per-row FK checks would dominate its time. Chunks are never
 * deleted; DatasetsService.remove deletes a dataset's links with it.
 */
@Entity({ name: 'occupancy_dataset_chunks' })
@Index('IDX_occupancy_dataset_chunks_chunk', ['chunkId'])
export class OccupancyDatasetChunkEntity {
  @PrimaryColumn({ name: 'dataset_id', type: 'integer' })
  datasetId: number;

  @PrimaryColumn({ name: 'chunk_id', type: 'bigint' })
  chunkId: string;
}

/** A derived chunk's inputs: its children's chunks for the same window and interval. */
@Entity({ name: 'occupancy_chunk_children' })
@Index('IDX_occupancy_chunk_children_child', ['childChunkId'])
export class OccupancyChunkChildEntity {
  @PrimaryColumn({ name: 'parent_chunk_id', type: 'bigint' })
  parentChunkId: string;

  @PrimaryColumn({ name: 'child_chunk_id', type: 'bigint' })
  childChunkId: string;
}

/** The dataset's subtree as planned (so results and progress need no tippers query). */
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

  @ManyToOne(() => OccupancyDatasetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: OccupancyDatasetEntity;
}
