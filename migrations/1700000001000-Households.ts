import { MigrationInterface, QueryRunner } from 'typeorm';
import { ETHNIC_GROUPS } from '../src/households/ethnic-groups';

/**
 * The household register: the 54 ethnic groups (reference data), households with their head,
 * status history and lineage, and members.
 */
export class Households1700000001000 implements MigrationInterface {
  name = 'Households1700000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ethnic_group (
        code varchar(2) PRIMARY KEY,
        name varchar(40) NOT NULL,
        -- every group but Kinh is an ethnic minority (dân tộc thiểu số)
        is_minority boolean GENERATED ALWAYS AS (code <> '01') STORED
      )`);
    for (const [code, name] of ETHNIC_GROUPS) {
      await q.query(`INSERT INTO ethnic_group (code, name) VALUES ($1, $2)`, [code, name]);
    }

    await q.query(`
      CREATE TABLE household (
        id serial PRIMARY KEY,
        code varchar(32) NOT NULL CHECK (length(btrim(code)) > 0),
        commune_code varchar(16) NOT NULL REFERENCES admin_unit(code),
        village_code varchar(16) REFERENCES admin_unit(code),
        head_name varchar(120) NOT NULL,
        head_sex varchar(6) NOT NULL CHECK (head_sex IN ('male','female')),
        head_birth_year smallint NOT NULL CHECK (head_birth_year BETWEEN 1900 AND 2100),
        head_ethnicity varchar(2) NOT NULL REFERENCES ethnic_group(code),
        head_id_number varchar(12),
        address varchar(300),
        status varchar(12) NOT NULL DEFAULT 'active'
          CHECK (status IN ('active','moved_away','merged','split','dissolved')),
        status_date date,
        status_reason varchar(500),
        registered_on date NOT NULL DEFAULT current_date,
        meritorious boolean NOT NULL DEFAULT false,
        no_labour_override boolean,
        no_labour_override_reason varchar(500),
        split_from_id int REFERENCES household(id),
        merged_into_id int REFERENCES household(id),
        ethnic_minority boolean GENERATED ALWAYS AS (head_ethnicity <> '01') STORED,
        female_head boolean GENERATED ALWAYS AS (head_sex = 'female') STORED,
        search_text text NOT NULL,
        name_key text NOT NULL,
        is_demo boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT household_code_unique UNIQUE (commune_code, code),
        CHECK (no_labour_override IS NULL OR no_labour_override_reason IS NOT NULL),
        CHECK (status = 'active' OR status_date IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX household_commune ON household (commune_code, status, code)`);
    await q.query(`CREATE INDEX household_village ON household (village_code)`);
    await q.query(`CREATE INDEX household_name_key ON household (commune_code, name_key, head_birth_year)`);
    await q.query(`CREATE INDEX household_head_id ON household (head_id_number) WHERE head_id_number IS NOT NULL`);
    await q.query(`CREATE INDEX household_split_from ON household (split_from_id) WHERE split_from_id IS NOT NULL`);
    await q.query(`CREATE INDEX household_merged_into ON household (merged_into_id) WHERE merged_into_id IS NOT NULL`);

    // A dated history of status changes (moved away, split, merged, died out…).
    await q.query(`
      CREATE TABLE household_status_change (
        id serial PRIMARY KEY,
        household_id int NOT NULL REFERENCES household(id) ON DELETE CASCADE,
        from_status varchar(12) NOT NULL,
        to_status varchar(12) NOT NULL,
        changed_on date NOT NULL,
        reason varchar(500),
        related_household_id int REFERENCES household(id),
        created_by varchar(64),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX household_status_change_household ON household_status_change (household_id)`);

    await q.query(`
      CREATE TABLE household_member (
        id serial PRIMARY KEY,
        household_id int NOT NULL REFERENCES household(id) ON DELETE CASCADE,
        full_name varchar(120) NOT NULL CHECK (length(btrim(full_name)) > 0),
        sex varchar(6) NOT NULL CHECK (sex IN ('male','female')),
        birth_date date,
        birth_year smallint NOT NULL CHECK (birth_year BETWEEN 1900 AND 2100),
        relation varchar(16) NOT NULL CHECK (relation IN ('head','spouse','child','parent','parent_in_law',
          'child_in_law','grandchild','sibling','other')),
        ethnicity varchar(2) NOT NULL REFERENCES ethnic_group(code),
        id_number varchar(12),
        health_insurance boolean NOT NULL DEFAULT true,
        in_school boolean,
        education_level varchar(16) CHECK (education_level IN ('none','primary','lower_secondary',
          'upper_secondary','vocational','higher')),
        disability varchar(6) NOT NULL DEFAULT 'none' CHECK (disability IN ('none','mild','severe')),
        labour_capacity boolean NOT NULL DEFAULT true,
        employment varchar(20) CHECK (employment IN ('none','farming','wage_contract','wage_no_contract',
          'self_employed','public_sector','student','retired','unemployed')),
        malnourished boolean,
        sort_order smallint NOT NULL DEFAULT 0,
        name_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (birth_date IS NULL OR extract(year FROM birth_date) = birth_year)
      )`);
    await q.query(`CREATE INDEX household_member_household ON household_member (household_id, sort_order)`);
    await q.query(`CREATE UNIQUE INDEX household_member_one_head ON household_member (household_id) WHERE relation = 'head'`);
    await q.query(`CREATE INDEX household_member_id_number ON household_member (id_number) WHERE id_number IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE household_member`);
    await q.query(`DROP TABLE household_status_change`);
    await q.query(`DROP TABLE household`);
    await q.query(`DROP TABLE ethnic_group`);
  }
}
