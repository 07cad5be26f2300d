import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys (hash only) with their roles. Any statement that deletes or changes a key, from any
 * connection, sends `NOTIFY api_keys_changed`: processes drop the keys they verified.
 */
export class ApiKeys1796300000000 implements MigrationInterface {
  name = 'ApiKeys1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("key_id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(255) NOT NULL, "role" character varying(16) NOT NULL, "key_hash" character(64) NOT NULL, "key_prefix" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_587c54d5d82b3dfbfb59a81cb42" PRIMARY KEY ("key_id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_api_keys_hash" ON "api_keys" ("key_hash") `);
    await queryRunner.query(`
      CREATE FUNCTION api_keys_notify_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('api_keys_changed', '');
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER "api_keys_changed_notify" AFTER UPDATE OR DELETE OR TRUNCATE ON "api_keys"
         FOR EACH STATEMENT EXECUTE FUNCTION api_keys_notify_changed()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "api_keys_changed_notify" ON "api_keys"`);
    await queryRunner.query(`DROP FUNCTION api_keys_notify_changed()`);
    await queryRunner.query(`DROP INDEX "public"."UQ_api_keys_hash"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
