import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plans (kế hoạch giao, docs/RULES.md §4): per unit and year, a target reduction of the
 * poor-household rate in percentage points or in households; reports compute % achieved.
 * Also an index for the reports' look-up of predecessors (merged communes) by successor.
 */
export class Plans1700000006000 implements MigrationInterface {
  name = 'Plans1700000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reduction_plan (
        id serial PRIMARY KEY,
        unit_code varchar(16) NOT NULL REFERENCES admin_unit(code),
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        target numeric(12,2) NOT NULL CHECK (target > 0),
        target_unit varchar(10) NOT NULL CHECK (target_unit IN ('points', 'households')),
        note varchar(500),
        is_demo boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by varchar(64),
        CONSTRAINT reduction_plan_once UNIQUE (unit_code, year),
        -- a rate cannot fall by more than 100 points; a number of households is whole
        CHECK (target_unit <> 'points' OR target <= 100),
        CHECK (target_unit <> 'households' OR target = trunc(target))
      )`);
    await q.query(`CREATE INDEX reduction_plan_year ON reduction_plan (year, unit_code)`);
    await q.query(`CREATE INDEX IF NOT EXISTS reports_succession_by_successor ON admin_unit_succession (successor_code, effective_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS reports_succession_by_successor`);
    await q.query(`DROP TABLE reduction_plan`);
  }
}
