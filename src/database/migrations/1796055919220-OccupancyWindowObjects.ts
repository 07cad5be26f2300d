import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Occupancy on window objects (DESIGN §6 revised) and the `distinct` aggregation.
 * - `occupancy_objects`: every object occupancy wrote; the chunks' `storage_key` references it
 *   (a referenced object is never collected). The per-chunk objects of the first layout are
 *   registered here as they are: chunks keep pointing at them and readers still read them.
 * - `aggregation` on chunks (part of their key) and datasets; existing ones are `sum`.
 * - `session_space_ids`: the spaces a `distinct` chunk counts the sessions of.
 * - The todo index is by window (interval, aggregation, start): runs no longer list their chunk
 *   ids in their params, they find their chunks there. Unfinished chunk runs of the old format
 *   are canceled and their chunks put back to PENDING, to be planned into new runs.
 *
 * Down: chunks stored in window objects (and `distinct` ones, with their datasets) cannot be
 * read by the previous version: they go back to PENDING / are removed.
 */
export class OccupancyWindowObjects1796055919220 implements MigrationInterface {
  name = 'OccupancyWindowObjects1796055919220';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "occupancy_objects" ("storage_key" character varying(512) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "unreferenced_since" TIMESTAMP WITH TIME ZONE, "bytes" integer, "row_count" integer, CONSTRAINT "PK_94dd0ec06cf0855c48b3945dd05" PRIMARY KEY ("storage_key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_occupancy_objects_unreferenced" ON "occupancy_objects" ("unreferenced_since") WHERE unreferenced_since IS NOT NULL`,
    );
    // the first layout's objects, as the chunks name them
    await queryRunner.query(
      `INSERT INTO "occupancy_objects" ("storage_key", "row_count")
       SELECT storage_key, max(row_count) FROM "occupancy_chunks" WHERE storage_key IS NOT NULL
        GROUP BY storage_key`,
    );
    // chunk runs of the old format (chunk ids in params) are replaced by new ones
    await queryRunner.query(
      `UPDATE "occupancy_chunks" SET status = 'PENDING', run_id = NULL, submitted_at = NULL
        WHERE status IN ('PENDING', 'RUNNING') AND run_id IS NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE "runs" SET status = 'CANCELED', ended_at = now(), end_notified_at = now(),
              error = 'replaced: occupancy chunk runs changed format (migration OccupancyWindowObjects)'
        WHERE kind IN ('occupancy_source_chunk', 'occupancy_derived_chunk')
          AND status IN ('QUEUED', 'STARTED', 'CANCELING')`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_occupancy_chunks_todo"`);
    await queryRunner.query(
      `ALTER TABLE "occupancy_chunks" ADD "aggregation" character varying(8) NOT NULL DEFAULT 'sum'`,
    );
    await queryRunner.query(`ALTER TABLE "occupancy_chunks" ADD "session_space_ids" integer array`);
    await queryRunner.query(
      `ALTER TABLE "occupancy_datasets" ADD "aggregation" character varying(8) NOT NULL DEFAULT 'sum'`,
    );
    await queryRunner.query(
      `ALTER TABLE "occupancy_chunks" DROP CONSTRAINT "UQ_occupancy_chunks_key"`,
    );
    await queryRunner.query(
      `ALTER TABLE "occupancy_chunks" ADD CONSTRAINT "UQ_occupancy_chunks_key" UNIQUE ("space_id", "interval_seconds", "aggregation", "chunk_start", "chunk_end")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_occupancy_chunks_storage_key" ON "occupancy_chunks" ("storage_key") WHERE storage_key IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_occupancy_chunks_todo" ON "occupancy_chunks" ("interval_seconds", "aggregation", "chunk_start") WHERE status IN ('PENDING', 'RUNNING')`,
    );
    await queryRunner.query(
      `ALTER TABLE "occupancy_chunks" ADD CONSTRAINT "FK_d7f3f6249c80df7d328f8d6b554" FOREIGN KEY ("storage_key") REFERENCES "occupancy_objects"("storage_key") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "occupancy_chunks" DROP CONSTRAINT "FK_d7f3f6249c80df7d328f8d6b554"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_occupancy_chunks_todo"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_occupancy_chunks_storage_key"`);
    await queryRunner.query(`DELETE FROM "occupancy_datasets" WHERE aggregation = 'distinct'`);
    await queryRunner.query(`DELETE FROM "occupancy_chunks" WHERE aggregation = 'distinct'`);
    await queryRunner.query(
      `UPDATE "occupancy_chunks" SET status = 'PENDING', run_id = NULL, submitted_at = NULL, storage_key = NULL
        WHERE storage_key LIKE 'occupancy/windows/%' OR (status IN ('PENDING', 'RUNNING') AND run_id IS NOT NULL)`,
    );
    await queryRunner.query(
      `UPDATE "runs" SET status = 'CANCELED', ended_at = now(), end_notified_at = now(),
              error = 'replaced: occupancy chunk runs changed format (migration OccupancyWindowObjects, down)'
        WHERE kind IN ('occupancy_source_chunk', 'occupancy_derived_chunk')
          AND status IN ('QUEUED', 'STARTED', 'CANCELING')`,
    );
    await queryRunner.query(
      `ALTER TABLE "occupancy_chunks" DROP CONSTRAINT "UQ_occupancy_chunks_key"`,
    );
    await queryRunner.query(
      `ALTER TABLE "occupancy_chunks" ADD CONSTRAINT "UQ_occupancy_chunks_key" UNIQUE ("space_id", "interval_seconds", "chunk_start", "chunk_end")`,
    );
    await queryRunner.query(`ALTER TABLE "occupancy_datasets" DROP COLUMN "aggregation"`);
    await queryRunner.query(`ALTER TABLE "occupancy_chunks" DROP COLUMN "session_space_ids"`);
    await queryRunner.query(`ALTER TABLE "occupancy_chunks" DROP COLUMN "aggregation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_occupancy_objects_unreferenced"`);
    await queryRunner.query(`DROP TABLE "occupancy_objects"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_occupancy_chunks_todo" ON "occupancy_chunks" ("chunk_type", "status") WHERE ((status)::text = ANY ((ARRAY['PENDING'::character varying, 'RUNNING'::character varying])::text[]))`,
    );
  }
}
