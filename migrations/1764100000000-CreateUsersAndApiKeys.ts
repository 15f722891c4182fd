import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsersAndApiKeys1764100000000 implements MigrationInterface {
  name = 'CreateUsersAndApiKeys1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" varchar(200) NOT NULL,
        "email" varchar(320) NOT NULL,
        "preferences" jsonb NOT NULL DEFAULT '{}',
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_users_id" PRIMARY KEY ("id")
      )`);
    // Case-insensitive uniqueness: "Ann@x.org" and "ann@x.org" are one person.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "users_email_lower_key" ON "users" (lower("email"))`,
    );
    await queryRunner.query(`
      CREATE TABLE "api_keys" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "name" varchar(100) NOT NULL,
        "prefix" varchar(16) NOT NULL,
        "key_hash" char(64) NOT NULL,
        "scope" varchar(10) NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "last_used_at" timestamptz,
        "expires_at" timestamptz,
        "revoked_at" timestamptz,
        "replaced_by_id" uuid,
        CONSTRAINT "PK_api_keys_id" PRIMARY KEY ("id"),
        CONSTRAINT "api_keys_scope_check" CHECK ("scope" IN ('admin', 'user')),
        CONSTRAINT "api_keys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys" ("key_hash")`,
    );
    await queryRunner.query(`CREATE INDEX "api_keys_user_id_idx" ON "api_keys" ("user_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
