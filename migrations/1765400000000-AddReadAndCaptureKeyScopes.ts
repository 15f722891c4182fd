import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Least-privilege keys: `read` (GET routes, read-only MCP tools) and `capture` (capture only). */
export class AddReadAndCaptureKeyScopes1765400000000 implements MigrationInterface {
  name = 'AddReadAndCaptureKeyScopes1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "api_keys_scope_check"`);
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_scope_check" CHECK ("scope" IN ('admin', 'user', 'read', 'capture'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Narrow keys cannot become broader ones silently: they are revoked-by-deletion on downgrade.
    await queryRunner.query(`DELETE FROM "api_keys" WHERE "scope" IN ('read', 'capture')`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "api_keys_scope_check"`);
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_scope_check" CHECK ("scope" IN ('admin', 'user'))`,
    );
  }
}
