import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The household register's API needs, on top of 1700000001000-Households:
 * - `household_status_change.event`: besides status changes, the history records the events that
 *   leave a household active: part of its members split off into a new household (split_off), or
 *   another household merged into it (absorbed);
 * - `household_facts(at date)`: what reports and review snapshots read from the members of each
 *   household on a date (persons, labour capacity, children and their deprivations), one SQL
 *   definition for every module.
 */
export class HouseholdsRegister1700000004000 implements MigrationInterface {
  name = 'HouseholdsRegister1700000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE household_status_change
        ADD COLUMN event varchar(12) NOT NULL DEFAULT 'status' CHECK (event IN ('status','split_off','absorbed'))`);
    await q.query(`CREATE INDEX household_status_change_related ON household_status_change (related_household_id) WHERE related_household_id IS NOT NULL`);

    // Members counted on a date: those born by then. Age in full years from the birth date when
    // known, else from the birth year. Children: under 16 (Decree 07/2021 indicators 3 and 6).
    // no_labour: no member able to work (domain-research §1.5), unless an officer overrode it.
    // LANGUAGE sql + STABLE + one SELECT: PostgreSQL inlines it, so a WHERE on household_id
    // reaches the household table (callers filter: FROM household_facts($1) f WHERE f.household_id = …).
    await q.query(`
      CREATE FUNCTION household_facts(at date)
      RETURNS TABLE (household_id int, persons int, labour_members int, no_labour_derived boolean, no_labour boolean,
                     children int, children_no_insurance int, children_malnourished int, children_out_of_school int)
      LANGUAGE sql STABLE AS $$
        SELECT h.id,
               count(a.age)::int,
               count(*) FILTER (WHERE a.labour_capacity)::int,
               NOT coalesce(bool_or(a.labour_capacity), false),
               coalesce(h.no_labour_override, NOT coalesce(bool_or(a.labour_capacity), false)),
               count(*) FILTER (WHERE a.age < 16)::int,
               count(*) FILTER (WHERE a.age < 16 AND NOT a.health_insurance)::int,
               count(*) FILTER (WHERE a.age < 16 AND a.malnourished)::int,
               count(*) FILTER (WHERE a.age >= 3 AND a.age < 16 AND a.in_school = false)::int
          FROM household h
          LEFT JOIN LATERAL (
            SELECT m.labour_capacity, m.health_insurance, m.malnourished, m.in_school,
                   CASE WHEN m.birth_date IS NOT NULL THEN extract(year FROM age(at, m.birth_date))::int
                        ELSE extract(year FROM at)::int - m.birth_year END AS age
              FROM household_member m
             WHERE m.household_id = h.id
          ) a ON a.age >= 0
         GROUP BY h.id, h.no_labour_override
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION household_facts(date)`);
    await q.query(`DROP INDEX household_status_change_related`);
    await q.query(`ALTER TABLE household_status_change DROP COLUMN event`);
  }
}
