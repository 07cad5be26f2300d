import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Snorkel jobs: one row per job (a DRAFT until executed, then its run's status), the results
 * and the key of its Parquet. A concept with jobs cannot be deleted under them (RESTRICT; the
 * service answers 409 or cascades).
 */
export class SnorkelJobs1796600000000 implements MigrationInterface {
  name = 'SnorkelJobs1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "snorkel_jobs" ("job_id" SERIAL NOT NULL, "c_id" integer NOT NULL, "index_id" integer NOT NULL, "rule_ids" integer array NOT NULL, "lf_ids" integer array NOT NULL, "config" jsonb NOT NULL, "gold" jsonb, "run_id" uuid, "storage_key" character varying(512), "results" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_594685d4175469564b3d572ab35" PRIMARY KEY ("job_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_snorkel_jobs_concept" ON "snorkel_jobs" ("c_id") `);
    await queryRunner.query(
      `ALTER TABLE "snorkel_jobs" ADD CONSTRAINT "FK_snorkel_jobs_concept" FOREIGN KEY ("c_id") REFERENCES "concepts"("c_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "snorkel_jobs"`);
  }
}
