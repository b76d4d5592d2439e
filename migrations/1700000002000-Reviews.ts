import { MigrationInterface, QueryRunner } from 'typeorm';
import { STANDARD_SEEDS } from '../src/standards/standard-seeds';

/**
 * Poverty standards as versioned data (docs/RULES.md §1), review rounds with their state machine
 * and applications (§3, Decision 24/2021/QĐ-TTg), one result per household per round with its
 * classification, explanation and the register snapshot taken at decision, and the movement of
 * each household computed when a round is decided.
 */
export class Reviews1700000002000 implements MigrationInterface {
  name = 'Reviews1700000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE poverty_standard (
        code varchar(32) PRIMARY KEY,
        title varchar(300) NOT NULL,
        decree varchar(200) NOT NULL,
        list_year_from smallint NOT NULL,
        list_year_to smallint NOT NULL,
        deprivation_cutoff smallint NOT NULL DEFAULT 3 CHECK (deprivation_cutoff > 0),
        b2_points_per_indicator smallint NOT NULL DEFAULT 10 CHECK (b2_points_per_indicator > 0),
        provisional boolean NOT NULL DEFAULT false,
        -- a provincial local standard (higher lines for the province's own policies) names its
        -- province and the national standard it sits beside
        province_code varchar(16) REFERENCES admin_unit(code),
        national_code varchar(32) REFERENCES poverty_standard(code),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (list_year_to >= list_year_from),
        CHECK ((province_code IS NULL) = (national_code IS NULL))
      )`);
    // one national standard per list year
    await q.query(`
      ALTER TABLE poverty_standard ADD CONSTRAINT poverty_standard_national_years EXCLUDE USING gist (
        int4range(list_year_from, list_year_to, '[]') WITH &&) WHERE (province_code IS NULL)`);
    await q.query(`
      CREATE TABLE poverty_standard_line (
        standard_code varchar(32) NOT NULL REFERENCES poverty_standard(code) ON DELETE CASCADE,
        area_type varchar(5) NOT NULL CHECK (area_type IN ('rural','urban')),
        income_line int NOT NULL CHECK (income_line > 0),
        average_upper int CHECK (average_upper IS NULL OR average_upper > income_line),
        b1_cutoff int CHECK (b1_cutoff IS NULL OR b1_cutoff > 0),
        PRIMARY KEY (standard_code, area_type)
      )`);
    await q.query(`
      CREATE TABLE poverty_dimension (
        standard_code varchar(32) NOT NULL REFERENCES poverty_standard(code) ON DELETE CASCADE,
        key varchar(32) NOT NULL,
        name_vi varchar(200) NOT NULL,
        name_en varchar(200) NOT NULL,
        sort_order smallint NOT NULL,
        PRIMARY KEY (standard_code, key)
      )`);
    await q.query(`
      CREATE TABLE poverty_indicator (
        standard_code varchar(32) NOT NULL,
        key varchar(32) NOT NULL,
        name_vi varchar(200) NOT NULL,
        name_en varchar(200) NOT NULL,
        dimension_key varchar(32) NOT NULL,
        sort_order smallint NOT NULL,
        PRIMARY KEY (standard_code, key),
        FOREIGN KEY (standard_code, dimension_key) REFERENCES poverty_dimension(standard_code, key) ON DELETE CASCADE
      )`);
    for (const s of STANDARD_SEEDS) {
      await q.query(
        `INSERT INTO poverty_standard (code, title, decree, list_year_from, list_year_to, deprivation_cutoff, b2_points_per_indicator, provisional)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [s.code, s.title, s.decree, s.listYearFrom, s.listYearTo, s.deprivationCutoff, s.b2PointsPerIndicator, s.provisional],
      );
      for (const l of s.lines) {
        await q.query(`INSERT INTO poverty_standard_line VALUES ($1, $2, $3, $4, $5)`, [s.code, l.areaType, l.incomeLine, l.averageUpper, l.b1Cutoff]);
      }
      for (const [i, d] of s.dimensions.entries()) {
        await q.query(`INSERT INTO poverty_dimension VALUES ($1, $2, $3, $4, $5)`, [s.code, d.key, d.nameVi, d.nameEn, i + 1]);
      }
      for (const [i, ind] of s.indicators.entries()) {
        await q.query(`INSERT INTO poverty_indicator VALUES ($1, $2, $3, $4, $5, $6)`, [s.code, ind.key, ind.nameVi, ind.nameEn, ind.dimension, i + 1]);
      }
    }

    // The 8 causes of poverty recorded with Phiếu B (report table 10).
    await q.query(`CREATE TABLE poverty_cause (code smallint PRIMARY KEY, name_vi varchar(100) NOT NULL)`);
    await q.query(`
      INSERT INTO poverty_cause VALUES (1, 'Thiếu đất sản xuất'), (2, 'Thiếu vốn sản xuất'), (3, 'Thiếu lao động'),
        (4, 'Thiếu công cụ sản xuất'), (5, 'Thiếu kiến thức sản xuất'), (6, 'Thiếu kỹ năng lao động'),
        (7, 'Có người ốm đau, bệnh nặng, tai nạn'), (8, 'Nguyên nhân khác')`);

    // Review rounds: one periodic (or baseline) round per commune and year; regular rounds monthly.
    await q.query(`
      CREATE TABLE review_round (
        id serial PRIMARY KEY,
        commune_code varchar(16) NOT NULL REFERENCES admin_unit(code),
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        kind varchar(10) NOT NULL CHECK (kind IN ('periodic','regular','baseline')),
        month smallint CHECK (month BETWEEN 1 AND 12),
        list_year smallint NOT NULL,
        standard_code varchar(32) NOT NULL REFERENCES poverty_standard(code),
        status varchar(10) NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft','surveying','meeting','posted','opinion','decided','reported')),
        started_on date,
        total_households int CHECK (total_households >= 0),
        total_persons int CHECK (total_persons >= 0),
        meeting_date date,
        meeting_agreement_pct numeric(5,2) CHECK (meeting_agreement_pct BETWEEN 0 AND 100),
        meeting_minutes_ref varchar(100),
        posting_start date,
        posting_end date,
        opinion_required boolean NOT NULL DEFAULT true,
        opinion_date date,
        opinion_ref varchar(100),
        opinion_by varchar(200),
        decision_number varchar(50),
        decision_date date,
        decided_at timestamptz,
        decided_by varchar(64),
        reported_at timestamptz,
        note text,
        is_demo boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'regular') = (month IS NOT NULL)),
        CHECK (status NOT IN ('decided','reported') OR (decision_number IS NOT NULL AND decision_date IS NOT NULL)),
        CHECK (posting_end IS NULL OR posting_start IS NULL OR posting_end >= posting_start)
      )`);
    await q.query(`CREATE UNIQUE INDEX review_round_periodic ON review_round (commune_code, year) WHERE kind IN ('periodic','baseline')`);
    await q.query(`CREATE UNIQUE INDEX review_round_regular ON review_round (commune_code, year, month) WHERE kind = 'regular'`);
    await q.query(`CREATE INDEX review_round_year ON review_round (year, kind, status)`);

    // Every transition of a round with what the step recorded.
    await q.query(`
      CREATE TABLE review_round_event (
        id serial PRIMARY KEY,
        round_id int NOT NULL REFERENCES review_round(id) ON DELETE CASCADE,
        from_status varchar(10),
        to_status varchar(10) NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        actor varchar(64),
        data jsonb
      )`);
    await q.query(`CREATE INDEX review_round_event_round ON review_round_event (round_id, at)`);

    // Complaints during posting and their re-check (phúc tra).
    await q.query(`
      CREATE TABLE review_complaint (
        id serial PRIMARY KEY,
        round_id int NOT NULL REFERENCES review_round(id) ON DELETE CASCADE,
        household_id int REFERENCES household(id),
        received_on date NOT NULL,
        content text NOT NULL,
        rechecked_on date,
        outcome text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Mẫu 01 (asks to be reviewed) and Mẫu 04 (asks to be recognised as escaped).
    await q.query(`
      CREATE TABLE review_application (
        id serial PRIMARY KEY,
        household_id int NOT NULL REFERENCES household(id),
        commune_code varchar(16) NOT NULL REFERENCES admin_unit(code),
        form varchar(6) NOT NULL CHECK (form IN ('mau01','mau04')),
        filed_on date NOT NULL,
        channel varchar(10) CHECK (channel IN ('direct','post','online')),
        round_id int REFERENCES review_round(id),
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','in_round','decided','refused')),
        answer text,
        is_demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX review_application_commune ON review_application (commune_code, status, filed_on)`);
    await q.query(`CREATE INDEX review_application_round ON review_application (round_id)`);

    // One result per household per round.
    await q.query(`
      CREATE TABLE review_result (
        id serial PRIMARY KEY,
        round_id int NOT NULL REFERENCES review_round(id) ON DELETE CASCADE,
        household_id int NOT NULL REFERENCES household(id),
        standard_code varchar(32) NOT NULL REFERENCES poverty_standard(code),
        area_type varchar(5) NOT NULL CHECK (area_type IN ('rural','urban')),
        -- Phiếu A quick screen: screened_out = shows signs of not being poor, not surveyed further
        quick_screen varchar(12) CHECK (quick_screen IN ('screened_out','passed')),
        b1_score int CHECK (b1_score >= 0),
        income_per_capita bigint CHECK (income_per_capita >= 0),
        entered_deprivations varchar(32)[],
        derived_deprivations varchar(32)[] NOT NULL DEFAULT '{}',
        deprivations varchar(32)[] NOT NULL DEFAULT '{}',
        deprivation_count smallint NOT NULL DEFAULT 0,
        computed_class varchar(10) NOT NULL CHECK (computed_class IN ('poor','near_poor','average','above')),
        local_standard_code varchar(32) REFERENCES poverty_standard(code),
        local_class varchar(10) CHECK (local_class IN ('poor','near_poor','average','above')),
        decided_class varchar(10) NOT NULL CHECK (decided_class IN ('poor','near_poor','average','above')),
        override_reason text,
        override_by varchar(64),
        override_at timestamptz,
        farm_average boolean NOT NULL DEFAULT false,
        causes smallint[] NOT NULL DEFAULT '{}',
        support_needs varchar(16)[] NOT NULL DEFAULT '{}',
        explanation text NOT NULL,
        certificate_number varchar(50),
        -- the register as the decision saw it (docs/RULES.md §3): reports read these, never the live register
        snap_persons smallint,
        snap_head_sex varchar(6),
        snap_head_ethnicity varchar(2),
        snap_village_code varchar(16),
        snap_ethnic_minority boolean,
        snap_female_head boolean,
        snap_meritorious boolean,
        snap_no_labour boolean,
        snap_children smallint,
        snap_children_no_insurance smallint,
        snap_children_malnourished smallint,
        snap_children_out_of_school smallint,
        is_demo boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by varchar(64),
        CONSTRAINT review_result_once UNIQUE (round_id, household_id),
        CHECK (b1_score IS NOT NULL OR income_per_capita IS NOT NULL OR quick_screen = 'screened_out'),
        CHECK (decided_class = computed_class OR override_reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX review_result_household ON review_result (household_id)`);
    await q.query(`CREATE INDEX review_result_round_class ON review_result (round_id, decided_class)`);

    // Movement of each household between the previous decided periodic round under the same
    // standard (start) and this one (end), written when the round is decided. Households that left
    // the register during the year appear here with end_class 'none' (other out).
    await q.query(`
      CREATE TABLE review_movement (
        round_id int NOT NULL REFERENCES review_round(id) ON DELETE CASCADE,
        household_id int NOT NULL REFERENCES household(id),
        start_class varchar(10) NOT NULL CHECK (start_class IN ('poor','near_poor','none')),
        end_class varchar(10) NOT NULL CHECK (end_class IN ('poor','near_poor','none')),
        poor_move varchar(16) CHECK (poor_move IN ('toNearPoor','aboveNearPoor','otherOut','fromNearPoor','fellBack','newlyPoor','otherIn','stay')),
        near_poor_move varchar(16) CHECK (near_poor_move IN ('toPoor','aboveNearPoor','otherOut','fromPoor','fellBack','newlyNearPoor','otherIn','stay')),
        persons_start smallint NOT NULL DEFAULT 0,
        persons_end smallint NOT NULL DEFAULT 0,
        PRIMARY KEY (round_id, household_id)
      )`);

    // Per-commune aggregates of a decided round (every count the reports need), computed in the
    // transaction that decides the round; reports sum these instead of scanning households.
    await q.query(`
      CREATE TABLE round_aggregate (
        round_id int NOT NULL REFERENCES review_round(id) ON DELETE CASCADE,
        metric varchar(80) NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (round_id, metric)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['round_aggregate', 'review_movement', 'review_result', 'review_application', 'review_complaint',
      'review_round_event', 'review_round', 'poverty_cause', 'poverty_indicator', 'poverty_dimension',
      'poverty_standard_line', 'poverty_standard']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
