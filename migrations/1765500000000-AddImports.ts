import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports: an operation kind of their own, a 'failed' state for a file that cannot be read
 * at all, a result document (counts and per-record problems), and one fingerprint per
 * imported source record so importing the same file again creates nothing new.
 */
export class AddImports1765500000000 implements MigrationInterface {
  name = 'AddImports1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "operations" DROP CONSTRAINT "operations_kind_check"`);
    await queryRunner.query(
      `ALTER TABLE "operations" ADD CONSTRAINT "operations_kind_check" CHECK ("kind" IN ('reanalyze', 'import'))`,
    );
    await queryRunner.query(`ALTER TABLE "operations" DROP CONSTRAINT "operations_state_check"`);
    await queryRunner.query(
      `ALTER TABLE "operations" ADD CONSTRAINT "operations_state_check" CHECK ("state" IN ('running', 'completed', 'completed_with_failures', 'failed'))`,
    );
    // 'completed_with_failures' never fitted in varchar(16).
    await queryRunner.query(`ALTER TABLE "operations" ALTER COLUMN "state" TYPE varchar(32)`);
    await queryRunner.query(`ALTER TABLE "operations" ADD "result" jsonb`);
    await queryRunner.query(`
      CREATE TABLE "import_records" (
        "user_id" uuid NOT NULL,
        "source" varchar(16) NOT NULL,
        "fingerprint" char(64) NOT NULL,
        "kind" varchar(16) NOT NULL,
        "record_id" uuid,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "PK_import_records" PRIMARY KEY ("user_id", "source", "fingerprint"),
        CONSTRAINT "import_records_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "import_records"`);
    await queryRunner.query(`DELETE FROM "operations" WHERE "kind" = 'import'`);
    await queryRunner.query(`ALTER TABLE "operations" DROP COLUMN "result"`);
    await queryRunner.query(
      `UPDATE "operations" SET "state" = 'completed' WHERE length("state") > 16`,
    );
    await queryRunner.query(`ALTER TABLE "operations" ALTER COLUMN "state" TYPE varchar(16)`);
    await queryRunner.query(`ALTER TABLE "operations" DROP CONSTRAINT "operations_state_check"`);
    await queryRunner.query(
      `ALTER TABLE "operations" ADD CONSTRAINT "operations_state_check" CHECK ("state" IN ('running', 'completed', 'completed_with_failures'))`,
    );
    await queryRunner.query(`ALTER TABLE "operations" DROP CONSTRAINT "operations_kind_check"`);
    await queryRunner.query(
      `ALTER TABLE "operations" ADD CONSTRAINT "operations_kind_check" CHECK ("kind" IN ('reanalyze'))`,
    );
  }
}
