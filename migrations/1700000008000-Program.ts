import { MigrationInterface, QueryRunner } from 'typeorm';
import { PROGRAM_SEEDS, ProjectSeed } from '../src/program/program-seeds';

/**
 * The National Target Programs (docs/RULES.md §6; docs/LAW.md §5): programs, their headline
 * targets and their tree of components / projects / sub-projects as data; per unit whether a
 * project applies; funds as append-only dated entries; activities (trainings, conferences,
 * communication events, models); households supported, with the eligibility they were checked
 * against.
 */
export class Program1700000008000 implements MigrationInterface {
  name = 'Program1700000008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE program (
        id serial PRIMARY KEY,
        code varchar(40) NOT NULL UNIQUE CHECK (code ~ '^[0-9A-Za-z._-]+$'),
        name varchar(500) NOT NULL CHECK (length(btrim(name)) > 0),
        short_name varchar(200),
        investment_basis varchar(300),
        decision varchar(200),
        decision_date date,
        year_from smallint NOT NULL CHECK (year_from BETWEEN 2000 AND 2100),
        year_to smallint NOT NULL CHECK (year_to BETWEEN 2000 AND 2100),
        phases jsonb NOT NULL DEFAULT '[]',
        note text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (year_to >= year_from)
      )`);

    await q.query(`
      CREATE TABLE program_target (
        id serial PRIMARY KEY,
        program_id int NOT NULL REFERENCES program(id) ON DELETE CASCADE,
        code varchar(40) NOT NULL,
        description varchar(500) NOT NULL,
        value_min numeric(14,2),
        value_max numeric(14,2),
        unit varchar(20) NOT NULL CHECK (unit IN ('points_per_year','percent','count','multiple','vnd_billion')),
        note text,
        sort_order smallint NOT NULL DEFAULT 0,
        UNIQUE (program_id, code),
        CHECK (value_min IS NULL OR value_max IS NULL OR value_max >= value_min)
      )`);

    // Components (Hợp phần), projects (Dự án) and sub-projects (Tiểu dự án): one tree per program.
    await q.query(`
      CREATE TABLE program_project (
        id serial PRIMARY KEY,
        program_id int NOT NULL REFERENCES program(id),
        parent_id int,
        code varchar(40) NOT NULL UNIQUE CHECK (code ~ '^[0-9A-Za-z._-]+$'),
        kind varchar(12) NOT NULL CHECK (kind IN ('component','project','sub_project')),
        number smallint NOT NULL CHECK (number BETWEEN 1 AND 99),
        name varchar(500) NOT NULL CHECK (length(btrim(name)) > 0),
        -- which household groups may be supported; NULL = inherited (default: poor, near-poor, recently escaped)
        beneficiary_groups varchar(16)[]
          CHECK (beneficiary_groups <@ ARRAY['poor','near_poor','recently_escaped','other']::varchar[]),
        note text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (program_id, id),
        -- a sub-project belongs to a project of the same program
        FOREIGN KEY (program_id, parent_id) REFERENCES program_project(program_id, id),
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query(`CREATE UNIQUE INDEX program_project_number ON program_project (program_id, COALESCE(parent_id, 0), number)`);
    await q.query(`CREATE INDEX program_project_parent ON program_project (parent_id)`);

    // A project can be marked (not) applicable for a unit and its area, e.g. Project 5 outside poor
    // districts (docs/LAW.md §5.2). The nearest unit's setting wins; without one, it applies.
    await q.query(`
      CREATE TABLE program_applicability (
        id serial PRIMARY KEY,
        project_id int NOT NULL REFERENCES program_project(id) ON DELETE CASCADE,
        unit_code varchar(16) NOT NULL REFERENCES admin_unit(code),
        applicable boolean NOT NULL,
        year_from smallint,
        year_to smallint,
        reason varchar(1000),
        is_demo boolean NOT NULL DEFAULT false,
        created_by varchar(64),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (applicable OR length(btrim(reason)) > 0),
        CHECK (year_to IS NULL OR year_from IS NULL OR year_to >= year_from),
        CONSTRAINT program_applicability_no_overlap EXCLUDE USING gist (
          project_id WITH =, unit_code WITH =,
          int4range(COALESCE(year_from, 1900), COALESCE(year_to, 2200), '[]') WITH &&)
      )`);

    // Funds: one row per dated movement, never updated. A correction is a new row that replaces the
    // row it names (corrects_id); the effective figures are the rows nobody corrected.
    await q.query(`
      CREATE TABLE program_fund_entry (
        id serial PRIMARY KEY,
        unit_code varchar(16) NOT NULL REFERENCES admin_unit(code),
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        project_id int NOT NULL REFERENCES program_project(id),
        source varchar(8) NOT NULL CHECK (source IN ('central','local','other')),
        fund_type varchar(10) NOT NULL CHECK (fund_type IN ('investment','recurrent')),
        kind varchar(10) NOT NULL CHECK (kind IN ('allocated','disbursed')),
        -- whole VND; an allocation may be reduced (điều chỉnh giảm kế hoạch vốn) by a negative entry
        amount bigint NOT NULL CHECK (amount >= 0 OR kind = 'allocated'),
        entry_date date NOT NULL,
        document_ref varchar(100),
        note varchar(1000),
        corrects_id int UNIQUE REFERENCES program_fund_entry(id),
        correction_reason varchar(1000),
        overspend boolean NOT NULL DEFAULT false,
        overspend_reason varchar(1000),
        is_demo boolean NOT NULL DEFAULT false,
        created_by varchar(64),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (NOT overspend OR length(btrim(overspend_reason)) > 0),
        CHECK (corrects_id IS NULL OR length(btrim(correction_reason)) > 0)
      )`);
    await q.query(`CREATE INDEX program_fund_entry_bucket ON program_fund_entry (unit_code, year, project_id)`);
    await q.query(`CREATE INDEX program_fund_entry_year ON program_fund_entry (year, project_id)`);
    await q.query(`
      CREATE FUNCTION program_fund_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'program_fund_entry is append-only: add a correcting entry instead';
      END $$`);
    await q.query(`
      CREATE TRIGGER program_fund_entry_no_change BEFORE UPDATE OR DELETE ON program_fund_entry
      FOR EACH ROW EXECUTE FUNCTION program_fund_entry_append_only()`);

    await q.query(`
      CREATE TABLE program_activity (
        id serial PRIMARY KEY,
        unit_code varchar(16) NOT NULL REFERENCES admin_unit(code),
        project_id int NOT NULL REFERENCES program_project(id),
        kind varchar(14) NOT NULL CHECK (kind IN ('training','conference','communication','model')),
        title varchar(500) NOT NULL CHECK (length(btrim(title)) > 0),
        held_on date NOT NULL,
        end_on date,
        year smallint GENERATED ALWAYS AS (extract(year FROM held_on)::smallint) STORED,
        place varchar(300),
        target_group varchar(300),
        topics text[] NOT NULL DEFAULT '{}',
        organisers text[] NOT NULL DEFAULT '{}',
        participants_total int NOT NULL DEFAULT 0 CHECK (participants_total >= 0),
        participants_women int NOT NULL DEFAULT 0 CHECK (participants_women >= 0),
        participants_ethnic_minority int NOT NULL DEFAULT 0 CHECK (participants_ethnic_minority >= 0),
        participants_officials int NOT NULL DEFAULT 0 CHECK (participants_officials >= 0),
        participants_residents int NOT NULL DEFAULT 0 CHECK (participants_residents >= 0),
        note text,
        is_demo boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 1,
        created_by varchar(64),
        updated_by varchar(64),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_on IS NULL OR end_on >= held_on),
        CHECK (participants_women <= participants_total),
        CHECK (participants_ethnic_minority <= participants_total),
        CHECK (participants_officials + participants_residents <= participants_total)
      )`);
    await q.query(`CREATE INDEX program_activity_unit ON program_activity (unit_code, year)`);
    await q.query(`CREATE INDEX program_activity_project ON program_activity (project_id, year)`);

    // A household supported by a project: the class it had on the year's list at the support date
    // and the group it was accepted as are kept, so the report and the outcome never re-guess them.
    await q.query(`
      CREATE TABLE program_beneficiary (
        id serial PRIMARY KEY,
        household_id int NOT NULL REFERENCES household(id),
        unit_code varchar(16) NOT NULL REFERENCES admin_unit(code),
        project_id int NOT NULL REFERENCES program_project(id),
        support_type varchar(20) NOT NULL CHECK (support_type IN ('livelihood_model','production_support','housing',
          'vocational_training','job_placement','health_insurance','communication')),
        amount bigint NOT NULL DEFAULT 0 CHECK (amount >= 0),
        supported_on date NOT NULL,
        year smallint GENERATED ALWAYS AS (extract(year FROM supported_on)::smallint) STORED,
        beneficiary_group varchar(16) NOT NULL CHECK (beneficiary_group IN ('poor','near_poor','recently_escaped','other')),
        list_class varchar(10) CHECK (list_class IN ('poor','near_poor','average','above')),
        list_round_id int REFERENCES review_round(id) ON DELETE SET NULL,
        escaped_on date,
        eligibility_reason text NOT NULL,
        note varchar(1000),
        is_demo boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 1,
        created_by varchar(64),
        updated_by varchar(64),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT program_beneficiary_once UNIQUE (household_id, project_id, support_type, supported_on)
      )`);
    await q.query(`CREATE INDEX program_beneficiary_unit ON program_beneficiary (unit_code, year)`);
    await q.query(`CREATE INDEX program_beneficiary_household ON program_beneficiary (household_id, year)`);
    await q.query(`CREATE INDEX program_beneficiary_project ON program_beneficiary (project_id, year)`);

    await seedPrograms(q);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['program_beneficiary', 'program_activity', 'program_fund_entry', 'program_applicability',
      'program_project', 'program_target', 'program']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP FUNCTION program_fund_entry_append_only`);
  }
}

async function seedPrograms(q: QueryRunner): Promise<void> {
  for (const p of PROGRAM_SEEDS) {
    const [{ id }] = await q.query(
      `INSERT INTO program (code, name, short_name, investment_basis, decision, decision_date, year_from, year_to, phases, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [p.code, p.name, p.shortName, p.investmentBasis, p.decision, p.decisionDate, p.yearFrom, p.yearTo, JSON.stringify(p.phases), p.note ?? null],
    );
    for (const [i, t] of p.targets.entries()) {
      await q.query(
        `INSERT INTO program_target (program_id, code, description, value_min, value_max, unit, note, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, t.code, t.description, t.valueMin, t.valueMax, t.unit, t.note ?? null, i + 1],
      );
    }
    const insert = async (node: ProjectSeed, parentId: number | null): Promise<void> => {
      const [row] = await q.query(
        `INSERT INTO program_project (program_id, parent_id, code, kind, number, name, beneficiary_groups, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [id, parentId, node.code, node.kind, node.number, node.name, node.beneficiaryGroups ?? null, node.note ?? null],
      );
      for (const child of node.children ?? []) await insert(child, row.id);
    };
    for (const node of p.projects) await insert(node, null);
  }
}
