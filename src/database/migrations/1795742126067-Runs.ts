import { MigrationInterface, QueryRunner } from 'typeorm';

export class Runs1795742126067 implements MigrationInterface {
  name = 'Runs1795742126067';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "runs" ("run_id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(64) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'QUEUED', "run_key" character varying(512), "params" jsonb NOT NULL DEFAULT '{}', "priority" smallint NOT NULL DEFAULT '0', "attempt" integer NOT NULL DEFAULT '0', "max_attempts" integer NOT NULL DEFAULT '1', "timeout_seconds" integer, "enqueue_count" integer NOT NULL DEFAULT '0', "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "enqueued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "not_before" TIMESTAMP WITH TIME ZONE, "started_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "heartbeat_at" TIMESTAMP WITH TIME ZONE, "cancel_requested_at" TIMESTAMP WITH TIME ZONE, "worker_id" character varying(255), "error" text, "metadata" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "CK_runs_status" CHECK (status IN ('QUEUED','STARTED','SUCCESS','FAILURE','CANCELING','CANCELED')), CONSTRAINT "PK_7b1adf394802068cbdddcdc5698" PRIMARY KEY ("run_id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_runs_run_key" ON "runs" ("run_key") WHERE run_key IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_runs_active" ON "runs" ("status", "heartbeat_at") WHERE status IN ('QUEUED','STARTED','CANCELING')`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_runs_queued_at" ON "runs" ("queued_at", "run_id") `);
    await queryRunner.query(
      `CREATE TABLE "run_events" ("event_id" BIGSERIAL NOT NULL, "run_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "attempt" integer NOT NULL DEFAULT '0', "level" character varying(8) NOT NULL DEFAULT 'info', "message" text NOT NULL, "data" jsonb, CONSTRAINT "PK_8ebf9a8a6615af4e38ecbc0f1cb" PRIMARY KEY ("event_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_run_events_run" ON "run_events" ("run_id", "event_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "run_events" ADD CONSTRAINT "FK_5d8974d438d9e9eb7dd9f6856d1" FOREIGN KEY ("run_id") REFERENCES "runs"("run_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "run_events" DROP CONSTRAINT "FK_5d8974d438d9e9eb7dd9f6856d1"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_run_events_run"`);
    await queryRunner.query(`DROP TABLE "run_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_runs_queued_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_runs_active"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_runs_run_key"`);
    await queryRunner.query(`DROP TABLE "runs"`);
  }
}
