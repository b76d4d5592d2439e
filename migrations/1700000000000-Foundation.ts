import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation: service metadata, the dated administrative-unit tree (docs/RULES.md §5), user
 * accounts and the append-only audit trail.
 */
export class Foundation1700000000000 implements MigrationInterface {
  name = 'Foundation1700000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE app_meta (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // A code is the identity of a unit; it outlives renames, re-parenting and changes of kind.
    await q.query(`
      CREATE TABLE admin_unit (
        code varchar(16) PRIMARY KEY CHECK (code ~ '^[0-9A-Za-z._-]+$'),
        level varchar(10) NOT NULL CHECK (level IN ('province','district','commune','village')),
        is_demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // What a code is between two dates: name, kind, area type and parent are versioned.
    // valid_to is inclusive; NULL means still valid.
    await q.query(`
      CREATE TABLE admin_unit_version (
        id serial PRIMARY KEY,
        code varchar(16) NOT NULL REFERENCES admin_unit(code) ON DELETE CASCADE,
        name varchar(200) NOT NULL CHECK (length(btrim(name)) > 0),
        kind varchar(20) NOT NULL CHECK (kind IN ('tinh','thanh_pho_tw','huyen','quan','thi_xa','thanh_pho',
          'xa','phuong','thi_tran','dac_khu','thon','ban','to_dan_pho','khom','ap','buon','lang')),
        area_type varchar(5) CHECK (area_type IN ('rural','urban')),
        parent_code varchar(16) REFERENCES admin_unit(code),
        valid_from date NOT NULL,
        valid_to date,
        name_key text NOT NULL,
        CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CHECK (parent_code IS NULL OR parent_code <> code),
        -- two versions of one code never overlap in time
        CONSTRAINT admin_unit_version_no_overlap EXCLUDE USING gist (
          code WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
      )`);
    await q.query(`CREATE INDEX admin_unit_version_parent ON admin_unit_version (parent_code, valid_from)`);
    await q.query(`CREATE INDEX admin_unit_version_code ON admin_unit_version (code, valid_from)`);
    // Merges and splits: predecessor → successor from a date.
    await q.query(`
      CREATE TABLE admin_unit_succession (
        id serial PRIMARY KEY,
        predecessor_code varchar(16) NOT NULL REFERENCES admin_unit(code),
        successor_code varchar(16) NOT NULL REFERENCES admin_unit(code),
        kind varchar(10) NOT NULL CHECK (kind IN ('merge','split','rename')),
        effective_date date NOT NULL,
        note text,
        UNIQUE (predecessor_code, successor_code, effective_date),
        CHECK (predecessor_code <> successor_code)
      )`);

    // Every code below a unit at any time (all versions), the unit included: the area of an officer.
    await q.query(`
      CREATE FUNCTION unit_subtree(root varchar) RETURNS TABLE (code varchar) LANGUAGE sql STABLE AS $$
        WITH RECURSIVE t(code) AS (
          SELECT root
          UNION
          SELECT v.code FROM admin_unit_version v JOIN t ON v.parent_code = t.code
        )
        SELECT code FROM t
      $$`);

    await q.query(`
      CREATE TABLE app_user (
        id serial PRIMARY KEY,
        username varchar(64) NOT NULL,
        password_hash text NOT NULL,
        full_name varchar(200),
        role varchar(10) NOT NULL CHECK (role IN ('admin','province','district','commune')),
        unit_code varchar(16) REFERENCES admin_unit(code),
        disabled boolean NOT NULL DEFAULT false,
        failed_logins int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (role = 'admin' OR unit_code IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_username ON app_user (lower(username))`);

    // Append-only: written in the same transaction as the change it records.
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor varchar(64),
        actor_role varchar(10),
        action varchar(32) NOT NULL,
        entity varchar(40) NOT NULL,
        entity_id varchar(64),
        unit_code varchar(16),
        old_value jsonb,
        new_value jsonb,
        note text,
        request_id varchar(64)
      )`);
    await q.query(`CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at)`);
    await q.query(`CREATE INDEX audit_log_unit ON audit_log (unit_code, at)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP FUNCTION unit_subtree`);
    await q.query(`DROP TABLE admin_unit_succession`);
    await q.query(`DROP TABLE admin_unit_version`);
    await q.query(`DROP TABLE admin_unit`);
    await q.query(`DROP TABLE app_meta`);
  }
}
