import { MigrationInterface, QueryRunner } from 'typeorm';

/** Derived indexes: an index may take its entities from a Snorkel job's labels. */
export class DerivedIndexes1796700000000 implements MigrationInterface {
  name = 'DerivedIndexes1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "concept_indexes" ADD "derived_from" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "concept_indexes" DROP COLUMN "derived_from"`);
  }
}
