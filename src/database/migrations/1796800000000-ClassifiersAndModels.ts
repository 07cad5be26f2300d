import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Classifiers and the model registry: models (unique names, tags, visibility), their versions
 * (artifact key, format, features, classes, stage; one version per registering run), whole-index
 * predictions, and classifier jobs (RESTRICT on their concept: the service answers 409 or
 * cascades).
 */
export class ClassifiersAndModels1796800000000 implements MigrationInterface {
  name = 'ClassifiersAndModels1796800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "models" ("model_id" SERIAL NOT NULL, "name" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "tags" jsonb NOT NULL DEFAULT '{}', "visibility" character varying(16) NOT NULL DEFAULT 'public', "c_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f020bf2c948547e33bebe0361dd" PRIMARY KEY ("model_id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_models_name" ON "models" ("name")`);
    await queryRunner.query(
      `CREATE TABLE "model_versions" ("version_id" SERIAL NOT NULL, "model_id" integer NOT NULL, "version" integer NOT NULL, "format" character varying(16) NOT NULL, "storage_key" character varying(512) NOT NULL, "size_bytes" bigint NOT NULL, "sha256" character varying(64) NOT NULL, "features" jsonb NOT NULL, "classes" jsonb NOT NULL, "stage" character varying(16) NOT NULL DEFAULT 'none', "description" text NOT NULL DEFAULT '', "tags" jsonb NOT NULL DEFAULT '{}', "metrics" jsonb NOT NULL DEFAULT '{}', "source" jsonb NOT NULL DEFAULT '{}', "source_run_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_947eacc2686d7eb8ab15fd75c1f" PRIMARY KEY ("version_id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_model_versions_source_run" ON "model_versions" ("source_run_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_model_versions_version" ON "model_versions" ("model_id", "version")`,
    );
    await queryRunner.query(
      `CREATE TABLE "model_predictions" ("prediction_id" SERIAL NOT NULL, "model_id" integer NOT NULL, "version" integer NOT NULL, "c_id" integer NOT NULL, "index_id" integer NOT NULL, "feature_ids" integer array NOT NULL, "run_id" uuid NOT NULL, "storage_key" character varying(512), "results" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_abdc8a0f3694f6aae600c5798ea" PRIMARY KEY ("prediction_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_model_predictions_model" ON "model_predictions" ("model_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "classifier_jobs" ("job_id" SERIAL NOT NULL, "c_id" integer NOT NULL, "snorkel_job_id" integer NOT NULL, "feature_ids" integer array NOT NULL, "config" jsonb NOT NULL, "run_id" uuid, "results" jsonb, "model_id" integer, "model_version" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_25357ea48201798b5f34db4ba99" PRIMARY KEY ("job_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_classifier_jobs_concept" ON "classifier_jobs" ("c_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "model_versions" ADD CONSTRAINT "FK_model_versions_model" FOREIGN KEY ("model_id") REFERENCES "models"("model_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "model_predictions" ADD CONSTRAINT "FK_model_predictions_model" FOREIGN KEY ("model_id") REFERENCES "models"("model_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "classifier_jobs" ADD CONSTRAINT "FK_classifier_jobs_concept" FOREIGN KEY ("c_id") REFERENCES "concepts"("c_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "classifier_jobs"`);
    await queryRunner.query(`DROP TABLE "model_predictions"`);
    await queryRunner.query(`DROP TABLE "model_versions"`);
    await queryRunner.query(`DROP TABLE "models"`);
  }
}
