import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts and audit hardening:
 * - app_user gets a `version` (optimistic locking of the users admin) and a `token_version`
 *   carried in every token: a password change, a reset or a disable bumps it, so tokens issued
 *   before stop working at once; `password_changed_at` for the admin list.
 * - usernames: the characters the users admin accepts (existing rows already comply).
 * - audit_log: TRUNCATE is refused too (the row trigger of the foundation does not see it), and
 *   an index for the newest-first listing of GET /api/audit.
 */
export class AuthHardening1700000007000 implements MigrationInterface {
  name = 'AuthHardening1700000007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN version int NOT NULL DEFAULT 1,
        ADD COLUMN token_version int NOT NULL DEFAULT 0,
        ADD COLUMN password_changed_at timestamptz`);
    await q.query(`
      ALTER TABLE app_user ADD CONSTRAINT app_user_username_chars
        CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$') NOT VALID`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_log_at`);
    await q.query(`DROP TRIGGER audit_log_no_truncate ON audit_log`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_username_chars`);
    await q.query(`ALTER TABLE app_user DROP COLUMN password_changed_at, DROP COLUMN token_version, DROP COLUMN version`);
  }
}
