import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dataset↔chunk and parent↔child chunk rows become implicit: a derived chunk lists its input
 * spaces (`input_space_ids`), a dataset marks its `planned` spaces, and its chunks are those
 * spaces' chunks of the windows overlapping its effective range. Existing rows are carried
 * over before the link tables are dropped. Claiming gets cheaper (see the comments below).
 */
export class OccupancyImplicitLinks1795751609804 implements MigrationInterface {
  name = 'OccupancyImplicitLinks1795751609804';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "occupancy_chunks" ADD "input_space_ids" integer array`);
    await queryRunner.query(
      `ALTER TABLE "occupancy_dataset_spaces" ADD "planned" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `UPDATE occupancy_chunks p SET input_space_ids = x.ids
         FROM (SELECT e.parent_chunk_id, array_agg(DISTINCT c.space_id ORDER BY c.space_id) AS ids
                 FROM occupancy_chunk_children e JOIN occupancy_chunks c ON c.chunk_id = e.child_chunk_id
                GROUP BY e.parent_chunk_id) x
        WHERE p.chunk_id = x.parent_chunk_id`,
    );
    await queryRunner.query(
      `UPDATE occupancy_dataset_spaces s SET planned = true
        WHERE EXISTS (SELECT 1 FROM occupancy_dataset_chunks dc JOIN occupancy_chunks c ON c.chunk_id = dc.chunk_id
                       WHERE dc.dataset_id = s.dataset_id AND c.space_id = s.space_id)`,
    );
    await queryRunner.query(`DROP TABLE "occupancy_chunk_children"`);
    await queryRunner.query(`DROP TABLE "occupancy_dataset_chunks"`);
    // the claim's UPDATE of ~18k chunks can be HOT: run_id loses its index (every query by run
    // also names the chunk ids) and pages keep room for a new row version
    await queryRunner.query(`DROP INDEX "public"."IDX_occupancy_chunks_run"`);
    await queryRunner.query(`ALTER TABLE "occupancy_chunks" SET (fillfactor = 70)`);
    await queryRunner.query(
      `CREATE INDEX "IDX_runs_succeeded" ON "runs" ("kind", "ended_at") WHERE status = 'SUCCESS'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_runs_succeeded"`);
    await queryRunner.query(`ALTER TABLE "occupancy_chunks" RESET (fillfactor)`);
    await queryRunner.query(
      `CREATE INDEX "IDX_occupancy_chunks_run" ON "occupancy_chunks" ("run_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "occupancy_dataset_chunks" ("dataset_id" integer NOT NULL, "chunk_id" bigint NOT NULL, CONSTRAINT "PK_a0d04afdf7a6665495059c56d26" PRIMARY KEY ("dataset_id", "chunk_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_occupancy_dataset_chunks_chunk" ON "occupancy_dataset_chunks" ("chunk_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "occupancy_chunk_children" ("parent_chunk_id" bigint NOT NULL, "child_chunk_id" bigint NOT NULL, CONSTRAINT "PK_b806ba0748372450310ffaf0dca" PRIMARY KEY ("parent_chunk_id", "child_chunk_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_occupancy_chunk_children_child" ON "occupancy_chunk_children" ("child_chunk_id") `,
    );
    await queryRunner.query(
      `INSERT INTO occupancy_chunk_children (parent_chunk_id, child_chunk_id)
       SELECT p.chunk_id, c.chunk_id FROM occupancy_chunks p
         JOIN occupancy_chunks c ON c.space_id = ANY(p.input_space_ids) AND c.interval_seconds = p.interval_seconds
          AND c.chunk_start = p.chunk_start AND c.chunk_end = p.chunk_end`,
    );
    await queryRunner.query(
      `INSERT INTO occupancy_dataset_chunks (dataset_id, chunk_id)
       SELECT d.dataset_id, c.chunk_id FROM occupancy_datasets d
         JOIN occupancy_dataset_spaces s ON s.dataset_id = d.dataset_id AND s.planned
         JOIN occupancy_chunks c ON c.space_id = s.space_id AND c.interval_seconds = d.interval_seconds
          AND c.chunk_start < d.effective_end AND c.chunk_end > d.effective_start
          AND c.chunk_end = c.chunk_start + make_interval(days => d.chunk_days)`,
    );
    await queryRunner.query(`ALTER TABLE "occupancy_dataset_spaces" DROP COLUMN "planned"`);
    await queryRunner.query(`ALTER TABLE "occupancy_chunks" DROP COLUMN "input_space_ids"`);
  }
}
