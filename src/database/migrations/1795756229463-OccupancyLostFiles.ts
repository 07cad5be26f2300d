import { MigrationInterface, QueryRunner } from 'typeorm';

/** Chunks count how often their stored file went missing (FAILED from the third time). */
export class OccupancyLostFiles1795756229463 implements MigrationInterface {
  name = 'OccupancyLostFiles1795756229463';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "occupancy_chunks" ADD "lost_count" integer NOT NULL DEFAULT '0'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "occupancy_chunks" DROP COLUMN "lost_count"`);
  }
}
