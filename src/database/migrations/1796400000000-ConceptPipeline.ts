import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The concept pipeline, part 1: concepts and their values (a tree), SQL assets (indexes,
 * rules, features) and materializations (one row per build of an asset, at most one PENDING
 * per asset). Deleting a concept, index or connection that others use is refused by the
 * foreign keys (RESTRICT); the services turn that into a 409 listing the dependents.
 */
export class ConceptPipeline1796400000000 implements MigrationInterface {
  name = 'ConceptPipeline1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "concepts" ("c_id" SERIAL NOT NULL, "name" character varying(255) NOT NULL, "description" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_concepts_name" UNIQUE ("name"), CONSTRAINT "PK_c8b70a9021ec8a584de42934e22" PRIMARY KEY ("c_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "concept_indexes" ("c_id" integer NOT NULL, "name" character varying(255) NOT NULL, "description" text, "sql_query" text NOT NULL, "output_columns" jsonb NOT NULL DEFAULT '[]', "definition_version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "index_id" SERIAL NOT NULL, "conn_id" integer NOT NULL, "key_column" character varying(255) NOT NULL, CONSTRAINT "UQ_concept_indexes_name" UNIQUE ("c_id", "name"), CONSTRAINT "PK_0fb1b6658d51a6cb8f5def8ce5e" PRIMARY KEY ("index_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_concept_indexes_conn" ON "concept_indexes" ("conn_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "concept_rules" ("c_id" integer NOT NULL, "name" character varying(255) NOT NULL, "description" text, "sql_query" text NOT NULL, "output_columns" jsonb NOT NULL DEFAULT '[]', "definition_version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "r_id" SERIAL NOT NULL, "index_id" integer NOT NULL, "index_column" character varying(255) NOT NULL, CONSTRAINT "UQ_concept_rules_name" UNIQUE ("c_id", "name"), CONSTRAINT "PK_305ba8a8be36255ea281718bb79" PRIMARY KEY ("r_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_concept_rules_index" ON "concept_rules" ("index_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "concept_features" ("c_id" integer NOT NULL, "name" character varying(255) NOT NULL, "description" text, "sql_query" text NOT NULL, "output_columns" jsonb NOT NULL DEFAULT '[]', "definition_version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "feature_id" SERIAL NOT NULL, "index_id" integer NOT NULL, "index_column" character varying(255) NOT NULL, CONSTRAINT "UQ_concept_features_name" UNIQUE ("c_id", "name"), CONSTRAINT "PK_b0355f675d4b69a86a7b3279816" PRIMARY KEY ("feature_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_concept_features_index" ON "concept_features" ("index_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "materializations" ("run_id" uuid NOT NULL, "asset_type" character varying(32) NOT NULL, "asset_id" integer NOT NULL, "c_id" integer, "definition_hash" character(64) NOT NULL, "fingerprint" character(64) NOT NULL, "definition" jsonb NOT NULL, "inputs" jsonb NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'PENDING', "storage_key" character varying(512), "row_count" bigint, "column_stats" jsonb, "columns" jsonb, "error" text, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "materialized_at" TIMESTAMP WITH TIME ZONE, "object_lost_at" TIMESTAMP WITH TIME ZONE, "collected_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2ae44d7b734d09b8f363ca9ebcd" PRIMARY KEY ("run_id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_materializations_pending" ON "materializations" ("asset_type", "asset_id") WHERE status = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_materializations_concept" ON "materializations" ("c_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_materializations_asset" ON "materializations" ("asset_type", "asset_id", "requested_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "concept_values" ("cv_id" SERIAL NOT NULL, "c_id" integer NOT NULL, "name" character varying(255) NOT NULL, "description" text, "display_order" integer NOT NULL DEFAULT '0', "level" integer NOT NULL DEFAULT '0', "parent_cv_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_concept_values_name" UNIQUE ("c_id", "name"), CONSTRAINT "PK_c89c09523d7aba7a8e2f80eb836" PRIMARY KEY ("cv_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_concept_values_parent" ON "concept_values" ("parent_cv_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "concept_indexes" ADD CONSTRAINT "FK_concept_indexes_concept" FOREIGN KEY ("c_id") REFERENCES "concepts"("c_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "concept_indexes" ADD CONSTRAINT "FK_concept_indexes_connection" FOREIGN KEY ("conn_id") REFERENCES "connections"("conn_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "concept_rules" ADD CONSTRAINT "FK_concept_rules_concept" FOREIGN KEY ("c_id") REFERENCES "concepts"("c_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "concept_rules" ADD CONSTRAINT "FK_concept_rules_index" FOREIGN KEY ("index_id") REFERENCES "concept_indexes"("index_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "concept_features" ADD CONSTRAINT "FK_concept_features_concept" FOREIGN KEY ("c_id") REFERENCES "concepts"("c_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "concept_features" ADD CONSTRAINT "FK_concept_features_index" FOREIGN KEY ("index_id") REFERENCES "concept_indexes"("index_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "materializations" ADD CONSTRAINT "FK_materializations_run" FOREIGN KEY ("run_id") REFERENCES "runs"("run_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "concept_values" ADD CONSTRAINT "FK_concept_values_concept" FOREIGN KEY ("c_id") REFERENCES "concepts"("c_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "concept_values" ADD CONSTRAINT "FK_concept_values_parent" FOREIGN KEY ("parent_cv_id") REFERENCES "concept_values"("cv_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "concept_values" DROP CONSTRAINT "FK_concept_values_parent"`,
    );
    await queryRunner.query(
      `ALTER TABLE "concept_values" DROP CONSTRAINT "FK_concept_values_concept"`,
    );
    await queryRunner.query(
      `ALTER TABLE "materializations" DROP CONSTRAINT "FK_materializations_run"`,
    );
    await queryRunner.query(
      `ALTER TABLE "concept_features" DROP CONSTRAINT "FK_concept_features_index"`,
    );
    await queryRunner.query(
      `ALTER TABLE "concept_features" DROP CONSTRAINT "FK_concept_features_concept"`,
    );
    await queryRunner.query(`ALTER TABLE "concept_rules" DROP CONSTRAINT "FK_concept_rules_index"`);
    await queryRunner.query(
      `ALTER TABLE "concept_rules" DROP CONSTRAINT "FK_concept_rules_concept"`,
    );
    await queryRunner.query(
      `ALTER TABLE "concept_indexes" DROP CONSTRAINT "FK_concept_indexes_connection"`,
    );
    await queryRunner.query(
      `ALTER TABLE "concept_indexes" DROP CONSTRAINT "FK_concept_indexes_concept"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_concept_values_parent"`);
    await queryRunner.query(`DROP TABLE "concept_values"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_materializations_asset"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_materializations_concept"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_materializations_pending"`);
    await queryRunner.query(`DROP TABLE "materializations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_concept_features_index"`);
    await queryRunner.query(`DROP TABLE "concept_features"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_concept_rules_index"`);
    await queryRunner.query(`DROP TABLE "concept_rules"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_concept_indexes_conn"`);
    await queryRunner.query(`DROP TABLE "concept_indexes"`);
    await queryRunner.query(`DROP TABLE "concepts"`);
  }
}
