import { MigrationInterface, QueryRunner } from 'typeorm';

export class Occupancy1795745580415 implements MigrationInterface {
  name = 'Occupancy1795745580415';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "occupancy_chunks" ("chunk_id" BIGSERIAL NOT NULL, "space_id" integer NOT NULL, "interval_seconds" integer NOT NULL, "chunk_start" TIMESTAMP WITH TIME ZONE NOT NULL, "chunk_end" TIMESTAMP WITH TIME ZONE NOT NULL, "chunk_type" character varying(8) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'PENDING', "run_id" uuid, "storage_key" character varying(512), "row_count" integer, "attempts" integer NOT NULL DEFAULT '0', "error" text, "own_session_count" bigint, "submitted_at" TIMESTAMP WITH TIME ZONE, "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_occupancy_chunks_key" UNIQUE ("space_id", "interval_seconds", "chunk_start", "chunk_end"), CONSTRAINT "PK_6fe76e78f6463482b7bcdf4bfa4" PRIMARY KEY ("chunk_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_occupancy_chunks_run" ON "occupancy_chunks" ("run_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_occupancy_chunks_todo" ON "occupancy_chunks" ("chunk_type", "status") WHERE status IN ('PENDING', 'RUNNING')`,
    );
    await queryRunner.query(
      `CREATE TABLE "occupancy_datasets" ("dataset_id" SERIAL NOT NULL, "name" character varying(255) NOT NULL, "description" text, "root_space_id" integer NOT NULL, "start_time" TIMESTAMP WITH TIME ZONE, "end_time" TIMESTAMP WITH TIME ZONE, "effective_start" TIMESTAMP WITH TIME ZONE, "effective_end" TIMESTAMP WITH TIME ZONE, "interval_seconds" integer NOT NULL, "chunk_days" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'PENDING', "total_chunks" integer NOT NULL DEFAULT '0', "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_23e8a328d69d79e1fcd050a9f25" PRIMARY KEY ("dataset_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_occupancy_datasets_root" ON "occupancy_datasets" ("root_space_id") `,
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
      `CREATE TABLE "occupancy_dataset_spaces" ("dataset_id" integer NOT NULL, "space_id" integer NOT NULL, "parent_space_id" integer, "depth" integer NOT NULL, CONSTRAINT "PK_acf82607e3b454361107010846a" PRIMARY KEY ("dataset_id", "space_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "occupancy_dataset_spaces" ADD CONSTRAINT "FK_c9c0d1c91950ab6c49c2c661217" FOREIGN KEY ("dataset_id") REFERENCES "occupancy_datasets"("dataset_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "occupancy_dataset_spaces" DROP CONSTRAINT "FK_c9c0d1c91950ab6c49c2c661217"`,
    );
    await queryRunner.query(`DROP TABLE "occupancy_dataset_spaces"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_occupancy_chunk_children_child"`);
    await queryRunner.query(`DROP TABLE "occupancy_chunk_children"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_occupancy_dataset_chunks_chunk"`);
    await queryRunner.query(`DROP TABLE "occupancy_dataset_chunks"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_occupancy_datasets_root"`);
    await queryRunner.query(`DROP TABLE "occupancy_datasets"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_occupancy_chunks_todo"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_occupancy_chunks_run"`);
    await queryRunner.query(`DROP TABLE "occupancy_chunks"`);
  }
}
