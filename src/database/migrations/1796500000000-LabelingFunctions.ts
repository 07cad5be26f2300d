import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The concept pipeline, part 2: labeling functions. A rule or concept with LFs cannot be deleted
 * under them (RESTRICT; the services answer 409 listing them, or cascade); deleting an LF leaves
 * its later versions, which forget their parent (SET NULL).
 */
export class LabelingFunctions1796500000000 implements MigrationInterface {
  name = 'LabelingFunctions1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "labeling_functions" ("lf_id" SERIAL NOT NULL, "c_id" integer NOT NULL, "name" character varying(255) NOT NULL, "description" text, "rule_id" integer NOT NULL, "applicable_cv_ids" integer array NOT NULL, "lf_type" character varying(16) NOT NULL, "lf_config" jsonb NOT NULL, "version" integer NOT NULL DEFAULT '1', "parent_lf_id" integer, "is_active" boolean NOT NULL DEFAULT true, "requires_approval" boolean NOT NULL DEFAULT false, "approved_at" TIMESTAMP WITH TIME ZONE, "approved_by" character varying(255), "metrics" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_labeling_functions_name_version" UNIQUE ("c_id", "name", "version"), CONSTRAINT "PK_4efdb1f3479f286e993b145ba06" PRIMARY KEY ("lf_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_labeling_functions_parent" ON "labeling_functions" ("parent_lf_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_labeling_functions_rule" ON "labeling_functions" ("rule_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "labeling_functions" ADD CONSTRAINT "FK_labeling_functions_concept" FOREIGN KEY ("c_id") REFERENCES "concepts"("c_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "labeling_functions" ADD CONSTRAINT "FK_labeling_functions_rule" FOREIGN KEY ("rule_id") REFERENCES "concept_rules"("r_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "labeling_functions" ADD CONSTRAINT "FK_labeling_functions_parent" FOREIGN KEY ("parent_lf_id") REFERENCES "labeling_functions"("lf_id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "labeling_functions"`);
  }
}
