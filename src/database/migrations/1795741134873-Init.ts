import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795741134873 implements MigrationInterface {
  name = 'Init1795741134873';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "connections" ("conn_id" SERIAL NOT NULL, "name" character varying(255) NOT NULL, "connection_type" character varying(32) NOT NULL DEFAULT 'postgresql', "host" character varying(255) NOT NULL, "port" integer NOT NULL, "database" character varying(255) NOT NULL, "username" character varying(255) NOT NULL, "password_encrypted" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_connections_name" UNIQUE ("name"), CONSTRAINT "PK_c6f9bc38f822faf8cd017349680" PRIMARY KEY ("conn_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "connections"`);
  }
}
