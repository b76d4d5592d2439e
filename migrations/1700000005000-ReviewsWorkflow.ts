import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the review workflow needs beyond the first schema (1700000002000-Reviews):
 * - standards: optimistic locking, one local standard per province and list year;
 * - rounds: where the totals came from (entered, or the register as a fallback), the regular
 *   round's decision deadline, and which rounds a decided round's movement starts from;
 * - results: imported baseline lists (a decided fact, not computed), the rule values the class was
 *   computed with (so a result stays reproducible after an administrator edits the standard), the
 *   class on the list before the decision, the head's name and the members as decided (lists);
 * - applications and complaints: optimistic locking;
 * - review_movement_flow: the persons rule of movement.ts (personsContribution) as a view, so
 *   aggregates are computed set-based in SQL.
 */
export class ReviewsWorkflow1700000005000 implements MigrationInterface {
  name = 'ReviewsWorkflow1700000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE poverty_standard ADD COLUMN version int NOT NULL DEFAULT 1`);
    await q.query(`
      ALTER TABLE poverty_standard ADD CONSTRAINT poverty_standard_local_years EXCLUDE USING gist (
        province_code WITH =, int4range(list_year_from, list_year_to, '[]') WITH &&) WHERE (province_code IS NOT NULL)`);

    await q.query(`
      ALTER TABLE review_round
        ADD COLUMN total_households_source varchar(8) CHECK (total_households_source IN ('entered','register')),
        ADD COLUMN total_persons_source varchar(8) CHECK (total_persons_source IN ('entered','register')),
        ADD COLUMN decide_by date,
        ADD COLUMN has_movement boolean NOT NULL DEFAULT false,
        ADD COLUMN start_round_ids int[] NOT NULL DEFAULT '{}',
        ADD COLUMN created_by varchar(64)`);
    await q.query(`CREATE INDEX review_round_commune ON review_round (commune_code, kind, status, year)`);

    await q.query(`
      ALTER TABLE review_result
        ADD COLUMN source varchar(8) NOT NULL DEFAULT 'survey' CHECK (source IN ('survey','imported')),
        ADD COLUMN income_basis varchar(12) CHECK (income_basis IN ('b1','income','quick_screen')),
        ADD COLUMN poverty_line int,
        ADD COLUMN average_upper int,
        ADD COLUMN b1_cutoff int,
        ADD COLUMN b2_score smallint,
        ADD COLUMN derived_assessed varchar(32)[] NOT NULL DEFAULT '{}',
        ADD COLUMN local_explanation text,
        ADD COLUMN previous_class varchar(10) CHECK (previous_class IN ('poor','near_poor','average','above')),
        ADD COLUMN snap_head_name varchar(120),
        ADD COLUMN snap_members jsonb`);
    // An imported baseline list is a decided fact: it has no inputs and no computed class.
    await q.query(`ALTER TABLE review_result ALTER COLUMN computed_class DROP NOT NULL`);
    await q.query(`
      DO $$
      DECLARE c record;
      BEGIN
        FOR c IN
          SELECT conname FROM pg_constraint
           WHERE conrelid = 'review_result'::regclass AND contype = 'c'
             AND (pg_get_constraintdef(oid) LIKE '%b1_score IS NOT NULL%'
                  OR pg_get_constraintdef(oid) LIKE '%override_reason IS NOT NULL%')
        LOOP
          EXECUTE format('ALTER TABLE review_result DROP CONSTRAINT %I', c.conname);
        END LOOP;
      END $$`);
    await q.query(`
      ALTER TABLE review_result
        ADD CONSTRAINT review_result_inputs CHECK (source = 'imported' OR b1_score IS NOT NULL OR income_per_capita IS NOT NULL OR quick_screen = 'screened_out'),
        ADD CONSTRAINT review_result_computed CHECK (source = 'imported' OR computed_class IS NOT NULL),
        ADD CONSTRAINT review_result_override CHECK (source = 'imported' OR decided_class = computed_class OR override_reason IS NOT NULL)`);

    await q.query(`CREATE INDEX review_movement_household ON review_movement (household_id)`);

    await q.query(`
      ALTER TABLE review_application
        ADD COLUMN version int NOT NULL DEFAULT 1,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN created_by varchar(64),
        ADD COLUMN decided_on date`);
    await q.query(`CREATE INDEX review_application_household ON review_application (household_id)`);
    await q.query(`
      ALTER TABLE review_complaint
        ADD COLUMN version int NOT NULL DEFAULT 1,
        ADD COLUMN created_by varchar(64)`);
    await q.query(`CREATE INDEX review_complaint_round ON review_complaint (round_id)`);

    // Ages and working age as src/reviews/domain/deprivations.ts counts them (ageOn, ageMonthsOn,
    // retirementAgeMonths: Labour Code 2019 Art. 169), for the decision's snapshot and the reports.
    // (date_part in double precision, not extract()'s numeric: these run once per member in the
    // decision's snapshot, and numeric arithmetic is several times slower on the embedded database)
    await q.query(`
      CREATE FUNCTION member_age_months(birth_date date, birth_year int, on_date date) RETURNS int LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN birth_date IS NULL
                    THEN (date_part('year', on_date)::int - birth_year) * 12 + date_part('month', on_date)::int - 7
                    ELSE (date_part('year', on_date)::int - date_part('year', birth_date)::int) * 12
                         + date_part('month', on_date)::int - date_part('month', birth_date)::int
                         - CASE WHEN date_part('day', on_date) < date_part('day', birth_date) THEN 1 ELSE 0 END END
      $$`);
    await q.query(`
      CREATE FUNCTION member_age(birth_date date, birth_year int, on_date date) RETURNS int LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN birth_date IS NULL THEN date_part('year', on_date)::int - birth_year
                    ELSE member_age_months(birth_date, birth_year, on_date) / 12 END
      $$`);
    await q.query(`
      CREATE FUNCTION retirement_age_months(sex varchar, year int) RETURNS int LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN year < 2021 THEN CASE WHEN sex = 'male' THEN 720 ELSE 660 END
                    WHEN sex = 'male' THEN least(720 + 3 * (year - 2020), 744)
                    ELSE least(660 + 4 * (year - 2020), 720) END
      $$`);
    // A household is on the register on a date when it was registered by then and had not left
    // (moved away, merged, split, died out) by then.
    await q.query(`
      CREATE FUNCTION household_active_on(registered_on date, status varchar, status_date date, on_date date) RETURNS boolean
      LANGUAGE sql IMMUTABLE AS $$
        SELECT registered_on <= on_date AND (status = 'active' OR status_date > on_date)
      $$`);

    // The persons rule of src/reviews/domain/movement.ts (personsContribution), row by row:
    // exits and poor ↔ near-poor transitions count the persons at the start, entries from outside
    // the lists the persons at the end, and a household on both lists books its member-count change
    // as otherIn / otherOut of its end side (households = 0 on those rows). Summing `households`
    // and `persons` per (round, side, move) gives report tables 2 and 3.
    await q.query(`
      CREATE VIEW review_movement_flow AS
        SELECT round_id, household_id, 'poor'::varchar(10) AS side, poor_move::varchar(16) AS move, 1 AS households,
               CASE WHEN poor_move IN ('fellBack','newlyPoor','otherIn') THEN persons_end ELSE persons_start END::int AS persons
          FROM review_movement WHERE poor_move IS NOT NULL AND poor_move <> 'stay'
        UNION ALL
        SELECT round_id, household_id, 'near_poor', near_poor_move, 1,
               CASE WHEN near_poor_move IN ('fellBack','newlyNearPoor','otherIn') THEN persons_end ELSE persons_start END
          FROM review_movement WHERE near_poor_move IS NOT NULL AND near_poor_move <> 'stay'
        UNION ALL
        SELECT round_id, household_id, end_class, CASE WHEN persons_end > persons_start THEN 'otherIn' ELSE 'otherOut' END, 0,
               abs(persons_end - persons_start)
          FROM review_movement
         WHERE start_class IN ('poor','near_poor') AND end_class IN ('poor','near_poor') AND persons_end <> persons_start`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW review_movement_flow`);
    await q.query(`DROP FUNCTION household_active_on`);
    await q.query(`DROP FUNCTION retirement_age_months`);
    await q.query(`DROP FUNCTION member_age_months`);
    await q.query(`DROP FUNCTION member_age`);
    await q.query(`ALTER TABLE review_complaint DROP COLUMN version, DROP COLUMN created_by`);
    await q.query(`ALTER TABLE review_application DROP COLUMN version, DROP COLUMN updated_at, DROP COLUMN created_by, DROP COLUMN decided_on`);
    await q.query(`DROP INDEX review_movement_household`);
    await q.query(`DROP INDEX review_application_household`);
    await q.query(`DROP INDEX review_complaint_round`);
    await q.query(`DELETE FROM review_result WHERE source = 'imported'`);
    await q.query(`ALTER TABLE review_result DROP CONSTRAINT review_result_inputs, DROP CONSTRAINT review_result_computed, DROP CONSTRAINT review_result_override`);
    await q.query(`ALTER TABLE review_result ALTER COLUMN computed_class SET NOT NULL`);
    await q.query(`
      ALTER TABLE review_result
        ADD CHECK (b1_score IS NOT NULL OR income_per_capita IS NOT NULL OR quick_screen = 'screened_out'),
        ADD CHECK (decided_class = computed_class OR override_reason IS NOT NULL)`);
    await q.query(`
      ALTER TABLE review_result DROP COLUMN source, DROP COLUMN income_basis, DROP COLUMN poverty_line, DROP COLUMN average_upper,
        DROP COLUMN b1_cutoff, DROP COLUMN b2_score, DROP COLUMN derived_assessed, DROP COLUMN local_explanation,
        DROP COLUMN previous_class, DROP COLUMN snap_head_name, DROP COLUMN snap_members`);
    await q.query(`DROP INDEX review_round_commune`);
    await q.query(`
      ALTER TABLE review_round DROP COLUMN total_households_source, DROP COLUMN total_persons_source, DROP COLUMN decide_by,
        DROP COLUMN has_movement, DROP COLUMN start_round_ids, DROP COLUMN created_by`);
    await q.query(`ALTER TABLE poverty_standard DROP CONSTRAINT poverty_standard_local_years`);
    await q.query(`ALTER TABLE poverty_standard DROP COLUMN version`);
  }
}
