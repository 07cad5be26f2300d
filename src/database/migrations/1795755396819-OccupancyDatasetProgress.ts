import { MigrationInterface, QueryRunner } from 'typeorm';

/** Datasets keep their progress counts (set by planning and the completion sensor). */
export class OccupancyDatasetProgress1795755396819 implements MigrationInterface {
  name = 'OccupancyDatasetProgress1795755396819';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "occupancy_datasets" ADD "completed_chunks" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "occupancy_datasets" ADD "failed_chunks" integer NOT NULL DEFAULT '0'`,
    );
    // the counts of existing datasets, from their chunks as they are now
    await queryRunner.query(
      `UPDATE occupancy_datasets x SET completed_chunks = p.completed, failed_chunks = p.failed
             FROM (SELECT d.dataset_id,
                          count(*) FILTER (WHERE c.status = 'COMPLETED')::int AS completed,
                          count(*) FILTER (WHERE c.status = 'FAILED')::int AS failed
                     FROM occupancy_datasets d
                     JOIN occupancy_dataset_spaces ds ON ds.dataset_id = d.dataset_id AND ds.planned
                     JOIN occupancy_chunks c ON c.space_id = ds.space_id AND c.interval_seconds = d.interval_seconds
                      AND c.chunk_start < d.effective_end AND c.chunk_end > d.effective_start
                      AND c.chunk_end = c.chunk_start + make_interval(secs => d.chunk_days * 86400)
                    GROUP BY d.dataset_id) p
            WHERE x.dataset_id = p.dataset_id`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "occupancy_datasets" DROP COLUMN "failed_chunks"`);
    await queryRunner.query(`ALTER TABLE "occupancy_datasets" DROP COLUMN "completed_chunks"`);
  }
}
