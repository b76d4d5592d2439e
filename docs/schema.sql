-- The schema built by migrations/ (generated: UPDATE_SCHEMA=1 npm test -- test/schema). Do not edit by hand.

--
-- PostgreSQL database dump
--

--
-- Name: btree_gist; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

--
-- Name: audit_log_append_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.audit_log_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$;

--
-- Name: household_active_on(date, character varying, date, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.household_active_on(registered_on date, status character varying, status_date date, on_date date) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$
        SELECT registered_on <= on_date AND (status = 'active' OR status_date > on_date)
      $$;

--
-- Name: household_facts(date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.household_facts(at date) RETURNS TABLE(household_id integer, persons integer, labour_members integer, no_labour_derived boolean, no_labour boolean, children integer, children_no_insurance integer, children_malnourished integer, children_out_of_school integer)
    LANGUAGE sql STABLE
    AS $$
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
      $$;

--
-- Name: member_age(date, integer, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.member_age(birth_date date, birth_year integer, on_date date) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$
        SELECT CASE WHEN birth_date IS NULL THEN date_part('year', on_date)::int - birth_year
                    ELSE member_age_months(birth_date, birth_year, on_date) / 12 END
      $$;

--
-- Name: member_age_months(date, integer, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.member_age_months(birth_date date, birth_year integer, on_date date) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$
        SELECT CASE WHEN birth_date IS NULL
                    THEN (date_part('year', on_date)::int - birth_year) * 12 + date_part('month', on_date)::int - 7
                    ELSE (date_part('year', on_date)::int - date_part('year', birth_date)::int) * 12
                         + date_part('month', on_date)::int - date_part('month', birth_date)::int
                         - CASE WHEN date_part('day', on_date) < date_part('day', birth_date) THEN 1 ELSE 0 END END
      $$;

--
-- Name: program_fund_entry_append_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.program_fund_entry_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
      BEGIN
        RAISE EXCEPTION 'program_fund_entry is append-only: add a correcting entry instead';
      END $$;

--
-- Name: retirement_age_months(character varying, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.retirement_age_months(sex character varying, year integer) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$
        SELECT CASE WHEN year < 2021 THEN CASE WHEN sex = 'male' THEN 720 ELSE 660 END
                    WHEN sex = 'male' THEN least(720 + 3 * (year - 2020), 744)
                    ELSE least(660 + 4 * (year - 2020), 720) END
      $$;

--
-- Name: unit_subtree(character varying); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.unit_subtree(root character varying) RETURNS TABLE(code character varying)
    LANGUAGE sql STABLE
    AS $$
        WITH RECURSIVE t(code) AS (
          SELECT root
          UNION
          SELECT v.code FROM admin_unit_version v JOIN t ON v.parent_code = t.code
        )
        SELECT code FROM t
      $$;

--
-- Name: admin_unit; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_unit (
    code character varying(16) NOT NULL,
    level character varying(10) NOT NULL,
    is_demo boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT admin_unit_code_check CHECK (((code)::text ~ '^[0-9A-Za-z._-]+$'::text)),
    CONSTRAINT admin_unit_level_check CHECK (((level)::text = ANY ((ARRAY['province'::character varying, 'district'::character varying, 'commune'::character varying, 'village'::character varying])::text[])))
);

--
-- Name: admin_unit_succession; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_unit_succession (
    id integer NOT NULL,
    predecessor_code character varying(16) NOT NULL,
    successor_code character varying(16) NOT NULL,
    kind character varying(10) NOT NULL,
    effective_date date NOT NULL,
    note text,
    CONSTRAINT admin_unit_succession_check CHECK (((predecessor_code)::text <> (successor_code)::text)),
    CONSTRAINT admin_unit_succession_kind_check CHECK (((kind)::text = ANY ((ARRAY['merge'::character varying, 'split'::character varying, 'rename'::character varying])::text[])))
);

--
-- Name: admin_unit_succession_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.admin_unit_succession_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: admin_unit_succession_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.admin_unit_succession_id_seq OWNED BY public.admin_unit_succession.id;

--
-- Name: admin_unit_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_unit_version (
    id integer NOT NULL,
    code character varying(16) NOT NULL,
    name character varying(200) NOT NULL,
    kind character varying(20) NOT NULL,
    area_type character varying(5),
    parent_code character varying(16),
    valid_from date NOT NULL,
    valid_to date,
    name_key text NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    CONSTRAINT admin_unit_version_area_type_check CHECK (((area_type)::text = ANY ((ARRAY['rural'::character varying, 'urban'::character varying])::text[]))),
    CONSTRAINT admin_unit_version_check CHECK (((valid_to IS NULL) OR (valid_to >= valid_from))),
    CONSTRAINT admin_unit_version_check1 CHECK (((parent_code IS NULL) OR ((parent_code)::text <> (code)::text))),
    CONSTRAINT admin_unit_version_kind_check CHECK (((kind)::text = ANY ((ARRAY['tinh'::character varying, 'thanh_pho_tw'::character varying, 'huyen'::character varying, 'quan'::character varying, 'thi_xa'::character varying, 'thanh_pho'::character varying, 'xa'::character varying, 'phuong'::character varying, 'thi_tran'::character varying, 'dac_khu'::character varying, 'thon'::character varying, 'ban'::character varying, 'to_dan_pho'::character varying, 'khom'::character varying, 'ap'::character varying, 'buon'::character varying, 'lang'::character varying])::text[]))),
    CONSTRAINT admin_unit_version_name_check CHECK ((length(btrim((name)::text)) > 0))
);

--
-- Name: admin_unit_version_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.admin_unit_version_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: admin_unit_version_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.admin_unit_version_id_seq OWNED BY public.admin_unit_version.id;

--
-- Name: app_meta; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.app_meta (
    key text NOT NULL,
    value jsonb NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: app_user; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.app_user (
    id integer NOT NULL,
    username character varying(64) NOT NULL,
    password_hash text NOT NULL,
    full_name character varying(200),
    role character varying(10) NOT NULL,
    unit_code character varying(16),
    disabled boolean DEFAULT false NOT NULL,
    failed_logins integer DEFAULT 0 NOT NULL,
    locked_until timestamp with time zone,
    last_login_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    token_version integer DEFAULT 0 NOT NULL,
    password_changed_at timestamp with time zone,
    CONSTRAINT app_user_check CHECK ((((role)::text = 'admin'::text) OR (unit_code IS NOT NULL))),
    CONSTRAINT app_user_role_check CHECK (((role)::text = ANY ((ARRAY['admin'::character varying, 'province'::character varying, 'district'::character varying, 'commune'::character varying])::text[])))
);

--
-- Name: app_user_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.app_user_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: app_user_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.app_user_id_seq OWNED BY public.app_user.id;

--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    actor character varying(64),
    actor_role character varying(10),
    action character varying(32) NOT NULL,
    entity character varying(40) NOT NULL,
    entity_id character varying(64),
    unit_code character varying(16),
    old_value jsonb,
    new_value jsonb,
    note text,
    request_id character varying(64)
);

--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: audit_log_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.audit_log_id_seq OWNED BY public.audit_log.id;

--
-- Name: ethnic_group; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ethnic_group (
    code character varying(2) NOT NULL,
    name character varying(40) NOT NULL,
    is_minority boolean GENERATED ALWAYS AS (((code)::text <> '01'::text)) STORED
);

--
-- Name: household; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.household (
    id integer NOT NULL,
    code character varying(32) NOT NULL,
    commune_code character varying(16) NOT NULL,
    village_code character varying(16),
    head_name character varying(120) NOT NULL,
    head_sex character varying(6) NOT NULL,
    head_birth_year smallint NOT NULL,
    head_ethnicity character varying(2) NOT NULL,
    head_id_number character varying(12),
    address character varying(300),
    status character varying(12) DEFAULT 'active'::character varying NOT NULL,
    status_date date,
    status_reason character varying(500),
    registered_on date DEFAULT CURRENT_DATE NOT NULL,
    meritorious boolean DEFAULT false NOT NULL,
    no_labour_override boolean,
    no_labour_override_reason character varying(500),
    split_from_id integer,
    merged_into_id integer,
    ethnic_minority boolean GENERATED ALWAYS AS (((head_ethnicity)::text <> '01'::text)) STORED,
    female_head boolean GENERATED ALWAYS AS (((head_sex)::text = 'female'::text)) STORED,
    search_text text NOT NULL,
    name_key text NOT NULL,
    is_demo boolean DEFAULT false NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT household_check CHECK (((no_labour_override IS NULL) OR (no_labour_override_reason IS NOT NULL))),
    CONSTRAINT household_check1 CHECK ((((status)::text = 'active'::text) OR (status_date IS NOT NULL))),
    CONSTRAINT household_code_check CHECK ((length(btrim((code)::text)) > 0)),
    CONSTRAINT household_head_birth_year_check CHECK (((head_birth_year >= 1900) AND (head_birth_year <= 2100))),
    CONSTRAINT household_head_sex_check CHECK (((head_sex)::text = ANY ((ARRAY['male'::character varying, 'female'::character varying])::text[]))),
    CONSTRAINT household_status_check CHECK (((status)::text = ANY ((ARRAY['active'::character varying, 'moved_away'::character varying, 'merged'::character varying, 'split'::character varying, 'dissolved'::character varying])::text[])))
);

--
-- Name: household_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.household_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: household_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.household_id_seq OWNED BY public.household.id;

--
-- Name: household_member; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.household_member (
    id integer NOT NULL,
    household_id integer NOT NULL,
    full_name character varying(120) NOT NULL,
    sex character varying(6) NOT NULL,
    birth_date date,
    birth_year smallint NOT NULL,
    relation character varying(16) NOT NULL,
    ethnicity character varying(2) NOT NULL,
    id_number character varying(12),
    health_insurance boolean DEFAULT true NOT NULL,
    in_school boolean,
    education_level character varying(16),
    disability character varying(6) DEFAULT 'none'::character varying NOT NULL,
    labour_capacity boolean DEFAULT true NOT NULL,
    employment character varying(20),
    malnourished boolean,
    sort_order smallint DEFAULT 0 NOT NULL,
    name_key text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT household_member_birth_year_check CHECK (((birth_year >= 1900) AND (birth_year <= 2100))),
    CONSTRAINT household_member_check CHECK (((birth_date IS NULL) OR (EXTRACT(year FROM birth_date) = (birth_year)::numeric))),
    CONSTRAINT household_member_disability_check CHECK (((disability)::text = ANY ((ARRAY['none'::character varying, 'mild'::character varying, 'severe'::character varying])::text[]))),
    CONSTRAINT household_member_education_level_check CHECK (((education_level)::text = ANY ((ARRAY['none'::character varying, 'primary'::character varying, 'lower_secondary'::character varying, 'upper_secondary'::character varying, 'vocational'::character varying, 'higher'::character varying])::text[]))),
    CONSTRAINT household_member_employment_check CHECK (((employment)::text = ANY ((ARRAY['none'::character varying, 'farming'::character varying, 'wage_contract'::character varying, 'wage_no_contract'::character varying, 'self_employed'::character varying, 'public_sector'::character varying, 'student'::character varying, 'retired'::character varying, 'unemployed'::character varying])::text[]))),
    CONSTRAINT household_member_full_name_check CHECK ((length(btrim((full_name)::text)) > 0)),
    CONSTRAINT household_member_relation_check CHECK (((relation)::text = ANY ((ARRAY['head'::character varying, 'spouse'::character varying, 'child'::character varying, 'parent'::character varying, 'parent_in_law'::character varying, 'child_in_law'::character varying, 'grandchild'::character varying, 'sibling'::character varying, 'other'::character varying])::text[]))),
    CONSTRAINT household_member_sex_check CHECK (((sex)::text = ANY ((ARRAY['male'::character varying, 'female'::character varying])::text[])))
);

--
-- Name: household_member_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.household_member_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: household_member_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.household_member_id_seq OWNED BY public.household_member.id;

--
-- Name: household_status_change; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.household_status_change (
    id integer NOT NULL,
    household_id integer NOT NULL,
    from_status character varying(12) NOT NULL,
    to_status character varying(12) NOT NULL,
    changed_on date NOT NULL,
    reason character varying(500),
    related_household_id integer,
    created_by character varying(64),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    event character varying(12) DEFAULT 'status'::character varying NOT NULL,
    CONSTRAINT household_status_change_event_check CHECK (((event)::text = ANY ((ARRAY['status'::character varying, 'split_off'::character varying, 'absorbed'::character varying])::text[])))
);

--
-- Name: household_status_change_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.household_status_change_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: household_status_change_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.household_status_change_id_seq OWNED BY public.household_status_change.id;

--
-- Name: poverty_cause; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.poverty_cause (
    code smallint NOT NULL,
    name_vi character varying(100) NOT NULL
);

--
-- Name: poverty_dimension; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.poverty_dimension (
    standard_code character varying(32) NOT NULL,
    key character varying(32) NOT NULL,
    name_vi character varying(200) NOT NULL,
    name_en character varying(200) NOT NULL,
    sort_order smallint NOT NULL
);

--
-- Name: poverty_indicator; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.poverty_indicator (
    standard_code character varying(32) NOT NULL,
    key character varying(32) NOT NULL,
    name_vi character varying(200) NOT NULL,
    name_en character varying(200) NOT NULL,
    dimension_key character varying(32) NOT NULL,
    sort_order smallint NOT NULL
);

--
-- Name: poverty_standard; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.poverty_standard (
    code character varying(32) NOT NULL,
    title character varying(300) NOT NULL,
    decree character varying(200) NOT NULL,
    list_year_from smallint NOT NULL,
    list_year_to smallint NOT NULL,
    deprivation_cutoff smallint DEFAULT 3 NOT NULL,
    b2_points_per_indicator smallint DEFAULT 10 NOT NULL,
    provisional boolean DEFAULT false NOT NULL,
    province_code character varying(16),
    national_code character varying(32),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    CONSTRAINT poverty_standard_b2_points_per_indicator_check CHECK ((b2_points_per_indicator > 0)),
    CONSTRAINT poverty_standard_check CHECK ((list_year_to >= list_year_from)),
    CONSTRAINT poverty_standard_check1 CHECK (((province_code IS NULL) = (national_code IS NULL))),
    CONSTRAINT poverty_standard_deprivation_cutoff_check CHECK ((deprivation_cutoff > 0))
);

--
-- Name: poverty_standard_line; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.poverty_standard_line (
    standard_code character varying(32) NOT NULL,
    area_type character varying(5) NOT NULL,
    income_line integer NOT NULL,
    average_upper integer,
    b1_cutoff integer,
    CONSTRAINT poverty_standard_line_area_type_check CHECK (((area_type)::text = ANY ((ARRAY['rural'::character varying, 'urban'::character varying])::text[]))),
    CONSTRAINT poverty_standard_line_b1_cutoff_check CHECK (((b1_cutoff IS NULL) OR (b1_cutoff > 0))),
    CONSTRAINT poverty_standard_line_check CHECK (((average_upper IS NULL) OR (average_upper > income_line))),
    CONSTRAINT poverty_standard_line_income_line_check CHECK ((income_line > 0))
);

--
-- Name: program; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.program (
    id integer NOT NULL,
    code character varying(40) NOT NULL,
    name character varying(500) NOT NULL,
    short_name character varying(200),
    investment_basis character varying(300),
    decision character varying(200),
    decision_date date,
    year_from smallint NOT NULL,
    year_to smallint NOT NULL,
    phases jsonb DEFAULT '[]'::jsonb NOT NULL,
    note text,
    version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT program_check CHECK ((year_to >= year_from)),
    CONSTRAINT program_code_check CHECK (((code)::text ~ '^[0-9A-Za-z._-]+$'::text)),
    CONSTRAINT program_name_check CHECK ((length(btrim((name)::text)) > 0)),
    CONSTRAINT program_year_from_check CHECK (((year_from >= 2000) AND (year_from <= 2100))),
    CONSTRAINT program_year_to_check CHECK (((year_to >= 2000) AND (year_to <= 2100)))
);

--
-- Name: program_activity; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.program_activity (
    id integer NOT NULL,
    unit_code character varying(16) NOT NULL,
    project_id integer NOT NULL,
    kind character varying(14) NOT NULL,
    title character varying(500) NOT NULL,
    held_on date NOT NULL,
    end_on date,
    year smallint GENERATED ALWAYS AS ((EXTRACT(year FROM held_on))::smallint) STORED,
    place character varying(300),
    target_group character varying(300),
    topics text[] DEFAULT '{}'::text[] NOT NULL,
    organisers text[] DEFAULT '{}'::text[] NOT NULL,
    participants_total integer DEFAULT 0 NOT NULL,
    participants_women integer DEFAULT 0 NOT NULL,
    participants_ethnic_minority integer DEFAULT 0 NOT NULL,
    participants_officials integer DEFAULT 0 NOT NULL,
    participants_residents integer DEFAULT 0 NOT NULL,
    note text,
    is_demo boolean DEFAULT false NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_by character varying(64),
    updated_by character varying(64),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT program_activity_check CHECK (((end_on IS NULL) OR (end_on >= held_on))),
    CONSTRAINT program_activity_check1 CHECK ((participants_women <= participants_total)),
    CONSTRAINT program_activity_check2 CHECK ((participants_ethnic_minority <= participants_total)),
    CONSTRAINT program_activity_check3 CHECK (((participants_officials + participants_residents) <= participants_total)),
    CONSTRAINT program_activity_kind_check CHECK (((kind)::text = ANY ((ARRAY['training'::character varying, 'conference'::character varying, 'communication'::character varying, 'model'::character varying])::text[]))),
    CONSTRAINT program_activity_participants_ethnic_minority_check CHECK ((participants_ethnic_minority >= 0)),
    CONSTRAINT program_activity_participants_officials_check CHECK ((participants_officials >= 0)),
    CONSTRAINT program_activity_participants_residents_check CHECK ((participants_residents >= 0)),
    CONSTRAINT program_activity_participants_total_check CHECK ((participants_total >= 0)),
    CONSTRAINT program_activity_participants_women_check CHECK ((participants_women >= 0)),
    CONSTRAINT program_activity_title_check CHECK ((length(btrim((title)::text)) > 0))
);

--
-- Name: program_activity_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.program_activity_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: program_activity_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.program_activity_id_seq OWNED BY public.program_activity.id;

--
-- Name: program_applicability; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.program_applicability (
    id integer NOT NULL,
    project_id integer NOT NULL,
    unit_code character varying(16) NOT NULL,
    applicable boolean NOT NULL,
    year_from smallint,
    year_to smallint,
    reason character varying(1000),
    is_demo boolean DEFAULT false NOT NULL,
    created_by character varying(64),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT program_applicability_check CHECK ((applicable OR (length(btrim((reason)::text)) > 0))),
    CONSTRAINT program_applicability_check1 CHECK (((year_to IS NULL) OR (year_from IS NULL) OR (year_to >= year_from)))
);

--
-- Name: program_applicability_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.program_applicability_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: program_applicability_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.program_applicability_id_seq OWNED BY public.program_applicability.id;

--
-- Name: program_beneficiary; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.program_beneficiary (
    id integer NOT NULL,
    household_id integer NOT NULL,
    unit_code character varying(16) NOT NULL,
    project_id integer NOT NULL,
    support_type character varying(20) NOT NULL,
    amount bigint DEFAULT 0 NOT NULL,
    supported_on date NOT NULL,
    year smallint GENERATED ALWAYS AS ((EXTRACT(year FROM supported_on))::smallint) STORED,
    beneficiary_group character varying(16) NOT NULL,
    list_class character varying(10),
    list_round_id integer,
    escaped_on date,
    eligibility_reason text NOT NULL,
    note character varying(1000),
    is_demo boolean DEFAULT false NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_by character varying(64),
    updated_by character varying(64),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT program_beneficiary_amount_check CHECK ((amount >= 0)),
    CONSTRAINT program_beneficiary_beneficiary_group_check CHECK (((beneficiary_group)::text = ANY ((ARRAY['poor'::character varying, 'near_poor'::character varying, 'recently_escaped'::character varying, 'other'::character varying])::text[]))),
    CONSTRAINT program_beneficiary_list_class_check CHECK (((list_class)::text = ANY ((ARRAY['poor'::character varying, 'near_poor'::character varying, 'average'::character varying, 'above'::character varying])::text[]))),
    CONSTRAINT program_beneficiary_support_type_check CHECK (((support_type)::text = ANY ((ARRAY['livelihood_model'::character varying, 'production_support'::character varying, 'housing'::character varying, 'vocational_training'::character varying, 'job_placement'::character varying, 'health_insurance'::character varying, 'communication'::character varying])::text[])))
);

--
-- Name: program_beneficiary_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.program_beneficiary_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: program_beneficiary_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.program_beneficiary_id_seq OWNED BY public.program_beneficiary.id;

--
-- Name: program_fund_entry; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.program_fund_entry (
    id integer NOT NULL,
    unit_code character varying(16) NOT NULL,
    year smallint NOT NULL,
    project_id integer NOT NULL,
    source character varying(8) NOT NULL,
    fund_type character varying(10) NOT NULL,
    kind character varying(10) NOT NULL,
    amount bigint NOT NULL,
    entry_date date NOT NULL,
    document_ref character varying(100),
    note character varying(1000),
    corrects_id integer,
    correction_reason character varying(1000),
    overspend boolean DEFAULT false NOT NULL,
    overspend_reason character varying(1000),
    is_demo boolean DEFAULT false NOT NULL,
    created_by character varying(64),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT program_fund_entry_check CHECK (((amount >= 0) OR ((kind)::text = 'allocated'::text))),
    CONSTRAINT program_fund_entry_check1 CHECK (((NOT overspend) OR (length(btrim((overspend_reason)::text)) > 0))),
    CONSTRAINT program_fund_entry_check2 CHECK (((corrects_id IS NULL) OR (length(btrim((correction_reason)::text)) > 0))),
    CONSTRAINT program_fund_entry_fund_type_check CHECK (((fund_type)::text = ANY ((ARRAY['investment'::character varying, 'recurrent'::character varying])::text[]))),
    CONSTRAINT program_fund_entry_kind_check CHECK (((kind)::text = ANY ((ARRAY['allocated'::character varying, 'disbursed'::character varying])::text[]))),
    CONSTRAINT program_fund_entry_source_check CHECK (((source)::text = ANY ((ARRAY['central'::character varying, 'local'::character varying, 'other'::character varying])::text[]))),
    CONSTRAINT program_fund_entry_year_check CHECK (((year >= 2000) AND (year <= 2100)))
);

--
-- Name: program_fund_entry_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.program_fund_entry_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: program_fund_entry_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.program_fund_entry_id_seq OWNED BY public.program_fund_entry.id;

--
-- Name: program_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.program_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: program_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.program_id_seq OWNED BY public.program.id;

--
-- Name: program_project; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.program_project (
    id integer NOT NULL,
    program_id integer NOT NULL,
    parent_id integer,
    code character varying(40) NOT NULL,
    kind character varying(12) NOT NULL,
    number smallint NOT NULL,
    name character varying(500) NOT NULL,
    beneficiary_groups character varying(16)[],
    note text,
    version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT program_project_beneficiary_groups_check CHECK ((beneficiary_groups <@ ARRAY['poor'::character varying, 'near_poor'::character varying, 'recently_escaped'::character varying, 'other'::character varying])),
    CONSTRAINT program_project_check CHECK (((parent_id IS NULL) OR (parent_id <> id))),
    CONSTRAINT program_project_code_check CHECK (((code)::text ~ '^[0-9A-Za-z._-]+$'::text)),
    CONSTRAINT program_project_kind_check CHECK (((kind)::text = ANY ((ARRAY['component'::character varying, 'project'::character varying, 'sub_project'::character varying])::text[]))),
    CONSTRAINT program_project_name_check CHECK ((length(btrim((name)::text)) > 0)),
    CONSTRAINT program_project_number_check CHECK (((number >= 1) AND (number <= 99)))
);

--
-- Name: program_project_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.program_project_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: program_project_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.program_project_id_seq OWNED BY public.program_project.id;

--
-- Name: program_target; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.program_target (
    id integer NOT NULL,
    program_id integer NOT NULL,
    code character varying(40) NOT NULL,
    description character varying(500) NOT NULL,
    value_min numeric(14,2),
    value_max numeric(14,2),
    unit character varying(20) NOT NULL,
    note text,
    sort_order smallint DEFAULT 0 NOT NULL,
    CONSTRAINT program_target_check CHECK (((value_min IS NULL) OR (value_max IS NULL) OR (value_max >= value_min))),
    CONSTRAINT program_target_unit_check CHECK (((unit)::text = ANY ((ARRAY['points_per_year'::character varying, 'percent'::character varying, 'count'::character varying, 'multiple'::character varying, 'vnd_billion'::character varying])::text[])))
);

--
-- Name: program_target_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.program_target_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: program_target_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.program_target_id_seq OWNED BY public.program_target.id;

--
-- Name: reduction_plan; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reduction_plan (
    id integer NOT NULL,
    unit_code character varying(16) NOT NULL,
    year smallint NOT NULL,
    target numeric(12,2) NOT NULL,
    target_unit character varying(10) NOT NULL,
    note character varying(500),
    is_demo boolean DEFAULT false NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by character varying(64),
    CONSTRAINT reduction_plan_check CHECK ((((target_unit)::text <> 'points'::text) OR (target <= (100)::numeric))),
    CONSTRAINT reduction_plan_check1 CHECK ((((target_unit)::text <> 'households'::text) OR (target = trunc(target)))),
    CONSTRAINT reduction_plan_target_check CHECK ((target > (0)::numeric)),
    CONSTRAINT reduction_plan_target_unit_check CHECK (((target_unit)::text = ANY ((ARRAY['points'::character varying, 'households'::character varying])::text[]))),
    CONSTRAINT reduction_plan_year_check CHECK (((year >= 2000) AND (year <= 2100)))
);

--
-- Name: reduction_plan_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.reduction_plan_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: reduction_plan_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.reduction_plan_id_seq OWNED BY public.reduction_plan.id;

--
-- Name: review_application; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.review_application (
    id integer NOT NULL,
    household_id integer NOT NULL,
    commune_code character varying(16) NOT NULL,
    form character varying(6) NOT NULL,
    filed_on date NOT NULL,
    channel character varying(10),
    round_id integer,
    status character varying(10) DEFAULT 'pending'::character varying NOT NULL,
    answer text,
    is_demo boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by character varying(64),
    decided_on date,
    CONSTRAINT review_application_channel_check CHECK (((channel)::text = ANY ((ARRAY['direct'::character varying, 'post'::character varying, 'online'::character varying])::text[]))),
    CONSTRAINT review_application_form_check CHECK (((form)::text = ANY ((ARRAY['mau01'::character varying, 'mau04'::character varying])::text[]))),
    CONSTRAINT review_application_status_check CHECK (((status)::text = ANY ((ARRAY['pending'::character varying, 'in_round'::character varying, 'decided'::character varying, 'refused'::character varying])::text[])))
);

--
-- Name: review_application_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.review_application_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: review_application_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.review_application_id_seq OWNED BY public.review_application.id;

--
-- Name: review_complaint; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.review_complaint (
    id integer NOT NULL,
    round_id integer NOT NULL,
    household_id integer,
    received_on date NOT NULL,
    content text NOT NULL,
    rechecked_on date,
    outcome text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_by character varying(64)
);

--
-- Name: review_complaint_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.review_complaint_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: review_complaint_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.review_complaint_id_seq OWNED BY public.review_complaint.id;

--
-- Name: review_movement; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.review_movement (
    round_id integer NOT NULL,
    household_id integer NOT NULL,
    start_class character varying(10) NOT NULL,
    end_class character varying(10) NOT NULL,
    poor_move character varying(16),
    near_poor_move character varying(16),
    persons_start smallint DEFAULT 0 NOT NULL,
    persons_end smallint DEFAULT 0 NOT NULL,
    CONSTRAINT review_movement_end_class_check CHECK (((end_class)::text = ANY ((ARRAY['poor'::character varying, 'near_poor'::character varying, 'none'::character varying])::text[]))),
    CONSTRAINT review_movement_near_poor_move_check CHECK (((near_poor_move)::text = ANY ((ARRAY['toPoor'::character varying, 'aboveNearPoor'::character varying, 'otherOut'::character varying, 'fromPoor'::character varying, 'fellBack'::character varying, 'newlyNearPoor'::character varying, 'otherIn'::character varying, 'stay'::character varying])::text[]))),
    CONSTRAINT review_movement_poor_move_check CHECK (((poor_move)::text = ANY ((ARRAY['toNearPoor'::character varying, 'aboveNearPoor'::character varying, 'otherOut'::character varying, 'fromNearPoor'::character varying, 'fellBack'::character varying, 'newlyPoor'::character varying, 'otherIn'::character varying, 'stay'::character varying])::text[]))),
    CONSTRAINT review_movement_start_class_check CHECK (((start_class)::text = ANY ((ARRAY['poor'::character varying, 'near_poor'::character varying, 'none'::character varying])::text[])))
);

--
-- Name: review_movement_flow; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.review_movement_flow AS
 SELECT review_movement.round_id,
    review_movement.household_id,
    'poor'::character varying(10) AS side,
    review_movement.poor_move AS move,
    1 AS households,
    (
        CASE
            WHEN ((review_movement.poor_move)::text = ANY ((ARRAY['fellBack'::character varying, 'newlyPoor'::character varying, 'otherIn'::character varying])::text[])) THEN review_movement.persons_end
            ELSE review_movement.persons_start
        END)::integer AS persons
   FROM public.review_movement
  WHERE ((review_movement.poor_move IS NOT NULL) AND ((review_movement.poor_move)::text <> 'stay'::text))
UNION ALL
 SELECT review_movement.round_id,
    review_movement.household_id,
    'near_poor'::character varying AS side,
    review_movement.near_poor_move AS move,
    1 AS households,
        CASE
            WHEN ((review_movement.near_poor_move)::text = ANY ((ARRAY['fellBack'::character varying, 'newlyNearPoor'::character varying, 'otherIn'::character varying])::text[])) THEN review_movement.persons_end
            ELSE review_movement.persons_start
        END AS persons
   FROM public.review_movement
  WHERE ((review_movement.near_poor_move IS NOT NULL) AND ((review_movement.near_poor_move)::text <> 'stay'::text))
UNION ALL
 SELECT review_movement.round_id,
    review_movement.household_id,
    review_movement.end_class AS side,
        CASE
            WHEN (review_movement.persons_end > review_movement.persons_start) THEN 'otherIn'::text
            ELSE 'otherOut'::text
        END AS move,
    0 AS households,
    abs((review_movement.persons_end - review_movement.persons_start)) AS persons
   FROM public.review_movement
  WHERE (((review_movement.start_class)::text = ANY ((ARRAY['poor'::character varying, 'near_poor'::character varying])::text[])) AND ((review_movement.end_class)::text = ANY ((ARRAY['poor'::character varying, 'near_poor'::character varying])::text[])) AND (review_movement.persons_end <> review_movement.persons_start));

--
-- Name: review_result; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.review_result (
    id integer NOT NULL,
    round_id integer NOT NULL,
    household_id integer NOT NULL,
    standard_code character varying(32) NOT NULL,
    area_type character varying(5) NOT NULL,
    quick_screen character varying(12),
    b1_score integer,
    income_per_capita bigint,
    entered_deprivations character varying(32)[],
    derived_deprivations character varying(32)[] DEFAULT '{}'::character varying[] NOT NULL,
    deprivations character varying(32)[] DEFAULT '{}'::character varying[] NOT NULL,
    deprivation_count smallint DEFAULT 0 NOT NULL,
    computed_class character varying(10),
    local_standard_code character varying(32),
    local_class character varying(10),
    decided_class character varying(10) NOT NULL,
    override_reason text,
    override_by character varying(64),
    override_at timestamp with time zone,
    farm_average boolean DEFAULT false NOT NULL,
    causes smallint[] DEFAULT '{}'::smallint[] NOT NULL,
    support_needs character varying(16)[] DEFAULT '{}'::character varying[] NOT NULL,
    explanation text NOT NULL,
    certificate_number character varying(50),
    snap_persons smallint,
    snap_head_sex character varying(6),
    snap_head_ethnicity character varying(2),
    snap_village_code character varying(16),
    snap_ethnic_minority boolean,
    snap_female_head boolean,
    snap_meritorious boolean,
    snap_no_labour boolean,
    snap_children smallint,
    snap_children_no_insurance smallint,
    snap_children_malnourished smallint,
    snap_children_out_of_school smallint,
    is_demo boolean DEFAULT false NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by character varying(64),
    source character varying(8) DEFAULT 'survey'::character varying NOT NULL,
    income_basis character varying(12),
    poverty_line integer,
    average_upper integer,
    b1_cutoff integer,
    b2_score smallint,
    derived_assessed character varying(32)[] DEFAULT '{}'::character varying[] NOT NULL,
    local_explanation text,
    previous_class character varying(10),
    snap_head_name character varying(120),
    snap_members jsonb,
    CONSTRAINT review_result_area_type_check CHECK (((area_type)::text = ANY ((ARRAY['rural'::character varying, 'urban'::character varying])::text[]))),
    CONSTRAINT review_result_b1_score_check CHECK ((b1_score >= 0)),
    CONSTRAINT review_result_computed CHECK ((((source)::text = 'imported'::text) OR (computed_class IS NOT NULL))),
    CONSTRAINT review_result_computed_class_check CHECK (((computed_class)::text = ANY ((ARRAY['poor'::character varying, 'near_poor'::character varying, 'average'::character varying, 'above'::character varying])::text[]))),
    CONSTRAINT review_result_decided_class_check CHECK (((decided_class)::text = ANY ((ARRAY['poor'::character varying, 'near_poor'::character varying, 'average'::character varying, 'above'::character varying])::text[]))),
    CONSTRAINT review_result_income_basis_check CHECK (((income_basis)::text = ANY ((ARRAY['b1'::character varying, 'income'::character varying, 'quick_screen'::character varying])::text[]))),
    CONSTRAINT review_result_income_per_capita_check CHECK ((income_per_capita >= 0)),
    CONSTRAINT review_result_inputs CHECK ((((source)::text = 'imported'::text) OR (b1_score IS NOT NULL) OR (income_per_capita IS NOT NULL) OR ((quick_screen)::text = 'screened_out'::text))),
    CONSTRAINT review_result_local_class_check CHECK (((local_class)::text = ANY ((ARRAY['poor'::character varying, 'near_poor'::character varying, 'average'::character varying, 'above'::character varying])::text[]))),
    CONSTRAINT review_result_override CHECK ((((source)::text = 'imported'::text) OR ((decided_class)::text = (computed_class)::text) OR (override_reason IS NOT NULL))),
    CONSTRAINT review_result_previous_class_check CHECK (((previous_class)::text = ANY ((ARRAY['poor'::character varying, 'near_poor'::character varying, 'average'::character varying, 'above'::character varying])::text[]))),
    CONSTRAINT review_result_quick_screen_check CHECK (((quick_screen)::text = ANY ((ARRAY['screened_out'::character varying, 'passed'::character varying])::text[]))),
    CONSTRAINT review_result_source_check CHECK (((source)::text = ANY ((ARRAY['survey'::character varying, 'imported'::character varying])::text[])))
);

--
-- Name: review_result_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.review_result_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: review_result_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.review_result_id_seq OWNED BY public.review_result.id;

--
-- Name: review_round; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.review_round (
    id integer NOT NULL,
    commune_code character varying(16) NOT NULL,
    year smallint NOT NULL,
    kind character varying(10) NOT NULL,
    month smallint,
    list_year smallint NOT NULL,
    standard_code character varying(32) NOT NULL,
    status character varying(10) DEFAULT 'draft'::character varying NOT NULL,
    started_on date,
    total_households integer,
    total_persons integer,
    meeting_date date,
    meeting_agreement_pct numeric(5,2),
    meeting_minutes_ref character varying(100),
    posting_start date,
    posting_end date,
    opinion_required boolean DEFAULT true NOT NULL,
    opinion_date date,
    opinion_ref character varying(100),
    opinion_by character varying(200),
    decision_number character varying(50),
    decision_date date,
    decided_at timestamp with time zone,
    decided_by character varying(64),
    reported_at timestamp with time zone,
    note text,
    is_demo boolean DEFAULT false NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    total_households_source character varying(8),
    total_persons_source character varying(8),
    decide_by date,
    has_movement boolean DEFAULT false NOT NULL,
    start_round_ids integer[] DEFAULT '{}'::integer[] NOT NULL,
    created_by character varying(64),
    CONSTRAINT review_round_check CHECK ((((kind)::text = 'regular'::text) = (month IS NOT NULL))),
    CONSTRAINT review_round_check1 CHECK ((((status)::text <> ALL ((ARRAY['decided'::character varying, 'reported'::character varying])::text[])) OR ((decision_number IS NOT NULL) AND (decision_date IS NOT NULL)))),
    CONSTRAINT review_round_check2 CHECK (((posting_end IS NULL) OR (posting_start IS NULL) OR (posting_end >= posting_start))),
    CONSTRAINT review_round_kind_check CHECK (((kind)::text = ANY ((ARRAY['periodic'::character varying, 'regular'::character varying, 'baseline'::character varying])::text[]))),
    CONSTRAINT review_round_meeting_agreement_pct_check CHECK (((meeting_agreement_pct >= (0)::numeric) AND (meeting_agreement_pct <= (100)::numeric))),
    CONSTRAINT review_round_month_check CHECK (((month >= 1) AND (month <= 12))),
    CONSTRAINT review_round_status_check CHECK (((status)::text = ANY ((ARRAY['draft'::character varying, 'surveying'::character varying, 'meeting'::character varying, 'posted'::character varying, 'opinion'::character varying, 'decided'::character varying, 'reported'::character varying])::text[]))),
    CONSTRAINT review_round_total_households_check CHECK ((total_households >= 0)),
    CONSTRAINT review_round_total_households_source_check CHECK (((total_households_source)::text = ANY ((ARRAY['entered'::character varying, 'register'::character varying])::text[]))),
    CONSTRAINT review_round_total_persons_check CHECK ((total_persons >= 0)),
    CONSTRAINT review_round_total_persons_source_check CHECK (((total_persons_source)::text = ANY ((ARRAY['entered'::character varying, 'register'::character varying])::text[]))),
    CONSTRAINT review_round_year_check CHECK (((year >= 2000) AND (year <= 2100)))
);

--
-- Name: review_round_event; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.review_round_event (
    id integer NOT NULL,
    round_id integer NOT NULL,
    from_status character varying(10),
    to_status character varying(10) NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    actor character varying(64),
    data jsonb
);

--
-- Name: review_round_event_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.review_round_event_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: review_round_event_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.review_round_event_id_seq OWNED BY public.review_round_event.id;

--
-- Name: review_round_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.review_round_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: review_round_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.review_round_id_seq OWNED BY public.review_round.id;

--
-- Name: review_submission; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.review_submission (
    round_id integer NOT NULL,
    instance_id character varying(100) NOT NULL,
    household_id integer NOT NULL,
    enumerator character varying(200),
    surveyed_on date,
    imported_at timestamp with time zone DEFAULT now() NOT NULL,
    imported_by character varying(64) NOT NULL,
    CONSTRAINT review_submission_instance_id_check CHECK ((length((instance_id)::text) > 0))
);

--
-- Name: round_aggregate; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.round_aggregate (
    round_id integer NOT NULL,
    metric character varying(80) NOT NULL,
    value bigint NOT NULL
);

--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    id integer NOT NULL,
    "timestamp" bigint NOT NULL,
    name character varying NOT NULL
);

--
-- Name: schema_migrations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.schema_migrations_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: schema_migrations_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.schema_migrations_id_seq OWNED BY public.schema_migrations.id;

--
-- Name: admin_unit_succession id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_unit_succession ALTER COLUMN id SET DEFAULT nextval('public.admin_unit_succession_id_seq'::regclass);

--
-- Name: admin_unit_version id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_unit_version ALTER COLUMN id SET DEFAULT nextval('public.admin_unit_version_id_seq'::regclass);

--
-- Name: app_user id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.app_user ALTER COLUMN id SET DEFAULT nextval('public.app_user_id_seq'::regclass);

--
-- Name: audit_log id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log ALTER COLUMN id SET DEFAULT nextval('public.audit_log_id_seq'::regclass);

--
-- Name: household id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household ALTER COLUMN id SET DEFAULT nextval('public.household_id_seq'::regclass);

--
-- Name: household_member id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household_member ALTER COLUMN id SET DEFAULT nextval('public.household_member_id_seq'::regclass);

--
-- Name: household_status_change id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household_status_change ALTER COLUMN id SET DEFAULT nextval('public.household_status_change_id_seq'::regclass);

--
-- Name: program id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program ALTER COLUMN id SET DEFAULT nextval('public.program_id_seq'::regclass);

--
-- Name: program_activity id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_activity ALTER COLUMN id SET DEFAULT nextval('public.program_activity_id_seq'::regclass);

--
-- Name: program_applicability id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_applicability ALTER COLUMN id SET DEFAULT nextval('public.program_applicability_id_seq'::regclass);

--
-- Name: program_beneficiary id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_beneficiary ALTER COLUMN id SET DEFAULT nextval('public.program_beneficiary_id_seq'::regclass);

--
-- Name: program_fund_entry id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_fund_entry ALTER COLUMN id SET DEFAULT nextval('public.program_fund_entry_id_seq'::regclass);

--
-- Name: program_project id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_project ALTER COLUMN id SET DEFAULT nextval('public.program_project_id_seq'::regclass);

--
-- Name: program_target id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_target ALTER COLUMN id SET DEFAULT nextval('public.program_target_id_seq'::regclass);

--
-- Name: reduction_plan id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reduction_plan ALTER COLUMN id SET DEFAULT nextval('public.reduction_plan_id_seq'::regclass);

--
-- Name: review_application id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_application ALTER COLUMN id SET DEFAULT nextval('public.review_application_id_seq'::regclass);

--
-- Name: review_complaint id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_complaint ALTER COLUMN id SET DEFAULT nextval('public.review_complaint_id_seq'::regclass);

--
-- Name: review_result id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_result ALTER COLUMN id SET DEFAULT nextval('public.review_result_id_seq'::regclass);

--
-- Name: review_round id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_round ALTER COLUMN id SET DEFAULT nextval('public.review_round_id_seq'::regclass);

--
-- Name: review_round_event id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_round_event ALTER COLUMN id SET DEFAULT nextval('public.review_round_event_id_seq'::regclass);

--
-- Name: schema_migrations id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations ALTER COLUMN id SET DEFAULT nextval('public.schema_migrations_id_seq'::regclass);

--
-- Name: schema_migrations PK_62441bec32630ced9e4cccae336; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT "PK_62441bec32630ced9e4cccae336" PRIMARY KEY (id);

--
-- Name: admin_unit admin_unit_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_unit
    ADD CONSTRAINT admin_unit_pkey PRIMARY KEY (code);

--
-- Name: admin_unit_succession admin_unit_succession_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_unit_succession
    ADD CONSTRAINT admin_unit_succession_pkey PRIMARY KEY (id);

--
-- Name: admin_unit_succession admin_unit_succession_predecessor_code_successor_code_effec_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_unit_succession
    ADD CONSTRAINT admin_unit_succession_predecessor_code_successor_code_effec_key UNIQUE (predecessor_code, successor_code, effective_date);

--
-- Name: admin_unit_version admin_unit_version_no_overlap; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_unit_version
    ADD CONSTRAINT admin_unit_version_no_overlap EXCLUDE USING gist (code WITH =, daterange(valid_from, valid_to, '[]'::text) WITH &&);

--
-- Name: admin_unit_version admin_unit_version_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_unit_version
    ADD CONSTRAINT admin_unit_version_pkey PRIMARY KEY (id);

--
-- Name: app_meta app_meta_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.app_meta
    ADD CONSTRAINT app_meta_pkey PRIMARY KEY (key);

--
-- Name: app_user app_user_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.app_user
    ADD CONSTRAINT app_user_pkey PRIMARY KEY (id);

--
-- Name: app_user app_user_username_chars; Type: CHECK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE public.app_user
    ADD CONSTRAINT app_user_username_chars CHECK (((username)::text ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$'::text)) NOT VALID;

--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);

--
-- Name: ethnic_group ethnic_group_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ethnic_group
    ADD CONSTRAINT ethnic_group_pkey PRIMARY KEY (code);

--
-- Name: household household_code_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household
    ADD CONSTRAINT household_code_unique UNIQUE (commune_code, code);

--
-- Name: household_member household_member_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household_member
    ADD CONSTRAINT household_member_pkey PRIMARY KEY (id);

--
-- Name: household household_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household
    ADD CONSTRAINT household_pkey PRIMARY KEY (id);

--
-- Name: household_status_change household_status_change_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household_status_change
    ADD CONSTRAINT household_status_change_pkey PRIMARY KEY (id);

--
-- Name: poverty_cause poverty_cause_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.poverty_cause
    ADD CONSTRAINT poverty_cause_pkey PRIMARY KEY (code);

--
-- Name: poverty_dimension poverty_dimension_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.poverty_dimension
    ADD CONSTRAINT poverty_dimension_pkey PRIMARY KEY (standard_code, key);

--
-- Name: poverty_indicator poverty_indicator_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.poverty_indicator
    ADD CONSTRAINT poverty_indicator_pkey PRIMARY KEY (standard_code, key);

--
-- Name: poverty_standard_line poverty_standard_line_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.poverty_standard_line
    ADD CONSTRAINT poverty_standard_line_pkey PRIMARY KEY (standard_code, area_type);

--
-- Name: poverty_standard poverty_standard_local_years; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.poverty_standard
    ADD CONSTRAINT poverty_standard_local_years EXCLUDE USING gist (province_code WITH =, int4range((list_year_from)::integer, (list_year_to)::integer, '[]'::text) WITH &&) WHERE ((province_code IS NOT NULL));

--
-- Name: poverty_standard poverty_standard_national_years; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.poverty_standard
    ADD CONSTRAINT poverty_standard_national_years EXCLUDE USING gist (int4range((list_year_from)::integer, (list_year_to)::integer, '[]'::text) WITH &&) WHERE ((province_code IS NULL));

--
-- Name: poverty_standard poverty_standard_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.poverty_standard
    ADD CONSTRAINT poverty_standard_pkey PRIMARY KEY (code);

--
-- Name: program_activity program_activity_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_activity
    ADD CONSTRAINT program_activity_pkey PRIMARY KEY (id);

--
-- Name: program_applicability program_applicability_no_overlap; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_applicability
    ADD CONSTRAINT program_applicability_no_overlap EXCLUDE USING gist (project_id WITH =, unit_code WITH =, int4range(COALESCE((year_from)::integer, 1900), COALESCE((year_to)::integer, 2200), '[]'::text) WITH &&);

--
-- Name: program_applicability program_applicability_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_applicability
    ADD CONSTRAINT program_applicability_pkey PRIMARY KEY (id);

--
-- Name: program_beneficiary program_beneficiary_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_beneficiary
    ADD CONSTRAINT program_beneficiary_once UNIQUE (household_id, project_id, support_type, supported_on);

--
-- Name: program_beneficiary program_beneficiary_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_beneficiary
    ADD CONSTRAINT program_beneficiary_pkey PRIMARY KEY (id);

--
-- Name: program program_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program
    ADD CONSTRAINT program_code_key UNIQUE (code);

--
-- Name: program_fund_entry program_fund_entry_corrects_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_fund_entry
    ADD CONSTRAINT program_fund_entry_corrects_id_key UNIQUE (corrects_id);

--
-- Name: program_fund_entry program_fund_entry_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_fund_entry
    ADD CONSTRAINT program_fund_entry_pkey PRIMARY KEY (id);

--
-- Name: program program_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program
    ADD CONSTRAINT program_pkey PRIMARY KEY (id);

--
-- Name: program_project program_project_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_project
    ADD CONSTRAINT program_project_code_key UNIQUE (code);

--
-- Name: program_project program_project_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_project
    ADD CONSTRAINT program_project_pkey PRIMARY KEY (id);

--
-- Name: program_project program_project_program_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_project
    ADD CONSTRAINT program_project_program_id_id_key UNIQUE (program_id, id);

--
-- Name: program_target program_target_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_target
    ADD CONSTRAINT program_target_pkey PRIMARY KEY (id);

--
-- Name: program_target program_target_program_id_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_target
    ADD CONSTRAINT program_target_program_id_code_key UNIQUE (program_id, code);

--
-- Name: reduction_plan reduction_plan_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reduction_plan
    ADD CONSTRAINT reduction_plan_once UNIQUE (unit_code, year);

--
-- Name: reduction_plan reduction_plan_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reduction_plan
    ADD CONSTRAINT reduction_plan_pkey PRIMARY KEY (id);

--
-- Name: review_application review_application_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_application
    ADD CONSTRAINT review_application_pkey PRIMARY KEY (id);

--
-- Name: review_complaint review_complaint_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_complaint
    ADD CONSTRAINT review_complaint_pkey PRIMARY KEY (id);

--
-- Name: review_movement review_movement_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_movement
    ADD CONSTRAINT review_movement_pkey PRIMARY KEY (round_id, household_id);

--
-- Name: review_result review_result_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_result
    ADD CONSTRAINT review_result_once UNIQUE (round_id, household_id);

--
-- Name: review_result review_result_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_result
    ADD CONSTRAINT review_result_pkey PRIMARY KEY (id);

--
-- Name: review_round_event review_round_event_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_round_event
    ADD CONSTRAINT review_round_event_pkey PRIMARY KEY (id);

--
-- Name: review_round review_round_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_round
    ADD CONSTRAINT review_round_pkey PRIMARY KEY (id);

--
-- Name: review_submission review_submission_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_submission
    ADD CONSTRAINT review_submission_pkey PRIMARY KEY (round_id, instance_id);

--
-- Name: round_aggregate round_aggregate_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.round_aggregate
    ADD CONSTRAINT round_aggregate_pkey PRIMARY KEY (round_id, metric);

--
-- Name: admin_unit_succession_successor; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX admin_unit_succession_successor ON public.admin_unit_succession USING btree (successor_code, effective_date);

--
-- Name: admin_unit_version_code; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX admin_unit_version_code ON public.admin_unit_version USING btree (code, valid_from);

--
-- Name: admin_unit_version_parent; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX admin_unit_version_parent ON public.admin_unit_version USING btree (parent_code, valid_from);

--
-- Name: app_user_username; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX app_user_username ON public.app_user USING btree (lower((username)::text));

--
-- Name: audit_log_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_at ON public.audit_log USING btree (at DESC, id DESC);

--
-- Name: audit_log_entity; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_entity ON public.audit_log USING btree (entity, entity_id, at);

--
-- Name: audit_log_unit; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_unit ON public.audit_log USING btree (unit_code, at);

--
-- Name: household_commune; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX household_commune ON public.household USING btree (commune_code, status, code);

--
-- Name: household_head_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX household_head_id ON public.household USING btree (head_id_number) WHERE (head_id_number IS NOT NULL);

--
-- Name: household_member_household; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX household_member_household ON public.household_member USING btree (household_id, sort_order);

--
-- Name: household_member_id_number; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX household_member_id_number ON public.household_member USING btree (id_number) WHERE (id_number IS NOT NULL);

--
-- Name: household_member_one_head; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX household_member_one_head ON public.household_member USING btree (household_id) WHERE ((relation)::text = 'head'::text);

--
-- Name: household_merged_into; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX household_merged_into ON public.household USING btree (merged_into_id) WHERE (merged_into_id IS NOT NULL);

--
-- Name: household_name_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX household_name_key ON public.household USING btree (commune_code, name_key, head_birth_year);

--
-- Name: household_split_from; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX household_split_from ON public.household USING btree (split_from_id) WHERE (split_from_id IS NOT NULL);

--
-- Name: household_status_change_household; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX household_status_change_household ON public.household_status_change USING btree (household_id);

--
-- Name: household_status_change_related; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX household_status_change_related ON public.household_status_change USING btree (related_household_id) WHERE (related_household_id IS NOT NULL);

--
-- Name: household_village; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX household_village ON public.household USING btree (village_code);

--
-- Name: program_activity_project; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX program_activity_project ON public.program_activity USING btree (project_id, year);

--
-- Name: program_activity_unit; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX program_activity_unit ON public.program_activity USING btree (unit_code, year);

--
-- Name: program_beneficiary_household; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX program_beneficiary_household ON public.program_beneficiary USING btree (household_id, year);

--
-- Name: program_beneficiary_project; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX program_beneficiary_project ON public.program_beneficiary USING btree (project_id, year);

--
-- Name: program_beneficiary_unit; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX program_beneficiary_unit ON public.program_beneficiary USING btree (unit_code, year);

--
-- Name: program_fund_entry_bucket; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX program_fund_entry_bucket ON public.program_fund_entry USING btree (unit_code, year, project_id);

--
-- Name: program_fund_entry_year; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX program_fund_entry_year ON public.program_fund_entry USING btree (year, project_id);

--
-- Name: program_project_number; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX program_project_number ON public.program_project USING btree (program_id, COALESCE(parent_id, 0), number);

--
-- Name: program_project_parent; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX program_project_parent ON public.program_project USING btree (parent_id);

--
-- Name: reduction_plan_year; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reduction_plan_year ON public.reduction_plan USING btree (year, unit_code);

--
-- Name: reports_succession_by_successor; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_succession_by_successor ON public.admin_unit_succession USING btree (successor_code, effective_date);

--
-- Name: review_application_commune; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX review_application_commune ON public.review_application USING btree (commune_code, status, filed_on);

--
-- Name: review_application_household; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX review_application_household ON public.review_application USING btree (household_id);

--
-- Name: review_application_round; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX review_application_round ON public.review_application USING btree (round_id);

--
-- Name: review_complaint_round; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX review_complaint_round ON public.review_complaint USING btree (round_id);

--
-- Name: review_movement_household; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX review_movement_household ON public.review_movement USING btree (household_id);

--
-- Name: review_result_household; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX review_result_household ON public.review_result USING btree (household_id);

--
-- Name: review_result_list_order; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX review_result_list_order ON public.review_result USING btree (round_id, decided_class, COALESCE(snap_village_code, ''::character varying), household_id);

--
-- Name: review_result_round_class; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX review_result_round_class ON public.review_result USING btree (round_id, decided_class);

--
-- Name: review_round_commune; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX review_round_commune ON public.review_round USING btree (commune_code, kind, status, year);

--
-- Name: review_round_event_round; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX review_round_event_round ON public.review_round_event USING btree (round_id, at);

--
-- Name: review_round_periodic; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX review_round_periodic ON public.review_round USING btree (commune_code, year) WHERE ((kind)::text = ANY ((ARRAY['periodic'::character varying, 'baseline'::character varying])::text[]));

--
-- Name: review_round_regular; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX review_round_regular ON public.review_round USING btree (commune_code, year, month) WHERE ((kind)::text = 'regular'::text);

--
-- Name: review_round_year; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX review_round_year ON public.review_round USING btree (year, kind, status);

--
-- Name: review_submission_household; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX review_submission_household ON public.review_submission USING btree (household_id);

--
-- Name: audit_log audit_log_no_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_log_no_change BEFORE DELETE OR UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION public.audit_log_append_only();

--
-- Name: audit_log audit_log_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON public.audit_log FOR EACH STATEMENT EXECUTE FUNCTION public.audit_log_append_only();

--
-- Name: program_fund_entry program_fund_entry_no_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER program_fund_entry_no_change BEFORE DELETE OR UPDATE ON public.program_fund_entry FOR EACH ROW EXECUTE FUNCTION public.program_fund_entry_append_only();

--
-- Name: admin_unit_succession admin_unit_succession_predecessor_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_unit_succession
    ADD CONSTRAINT admin_unit_succession_predecessor_code_fkey FOREIGN KEY (predecessor_code) REFERENCES public.admin_unit(code);

--
-- Name: admin_unit_succession admin_unit_succession_successor_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_unit_succession
    ADD CONSTRAINT admin_unit_succession_successor_code_fkey FOREIGN KEY (successor_code) REFERENCES public.admin_unit(code);

--
-- Name: admin_unit_version admin_unit_version_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_unit_version
    ADD CONSTRAINT admin_unit_version_code_fkey FOREIGN KEY (code) REFERENCES public.admin_unit(code) ON DELETE CASCADE;

--
-- Name: admin_unit_version admin_unit_version_parent_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_unit_version
    ADD CONSTRAINT admin_unit_version_parent_code_fkey FOREIGN KEY (parent_code) REFERENCES public.admin_unit(code);

--
-- Name: app_user app_user_unit_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.app_user
    ADD CONSTRAINT app_user_unit_code_fkey FOREIGN KEY (unit_code) REFERENCES public.admin_unit(code);

--
-- Name: household household_commune_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household
    ADD CONSTRAINT household_commune_code_fkey FOREIGN KEY (commune_code) REFERENCES public.admin_unit(code);

--
-- Name: household household_head_ethnicity_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household
    ADD CONSTRAINT household_head_ethnicity_fkey FOREIGN KEY (head_ethnicity) REFERENCES public.ethnic_group(code);

--
-- Name: household_member household_member_ethnicity_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household_member
    ADD CONSTRAINT household_member_ethnicity_fkey FOREIGN KEY (ethnicity) REFERENCES public.ethnic_group(code);

--
-- Name: household_member household_member_household_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household_member
    ADD CONSTRAINT household_member_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.household(id) ON DELETE CASCADE;

--
-- Name: household household_merged_into_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household
    ADD CONSTRAINT household_merged_into_id_fkey FOREIGN KEY (merged_into_id) REFERENCES public.household(id);

--
-- Name: household household_split_from_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household
    ADD CONSTRAINT household_split_from_id_fkey FOREIGN KEY (split_from_id) REFERENCES public.household(id);

--
-- Name: household_status_change household_status_change_household_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household_status_change
    ADD CONSTRAINT household_status_change_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.household(id) ON DELETE CASCADE;

--
-- Name: household_status_change household_status_change_related_household_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household_status_change
    ADD CONSTRAINT household_status_change_related_household_id_fkey FOREIGN KEY (related_household_id) REFERENCES public.household(id);

--
-- Name: household household_village_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.household
    ADD CONSTRAINT household_village_code_fkey FOREIGN KEY (village_code) REFERENCES public.admin_unit(code);

--
-- Name: poverty_dimension poverty_dimension_standard_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.poverty_dimension
    ADD CONSTRAINT poverty_dimension_standard_code_fkey FOREIGN KEY (standard_code) REFERENCES public.poverty_standard(code) ON DELETE CASCADE;

--
-- Name: poverty_indicator poverty_indicator_standard_code_dimension_key_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.poverty_indicator
    ADD CONSTRAINT poverty_indicator_standard_code_dimension_key_fkey FOREIGN KEY (standard_code, dimension_key) REFERENCES public.poverty_dimension(standard_code, key) ON DELETE CASCADE;

--
-- Name: poverty_standard_line poverty_standard_line_standard_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.poverty_standard_line
    ADD CONSTRAINT poverty_standard_line_standard_code_fkey FOREIGN KEY (standard_code) REFERENCES public.poverty_standard(code) ON DELETE CASCADE;

--
-- Name: poverty_standard poverty_standard_national_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.poverty_standard
    ADD CONSTRAINT poverty_standard_national_code_fkey FOREIGN KEY (national_code) REFERENCES public.poverty_standard(code);

--
-- Name: poverty_standard poverty_standard_province_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.poverty_standard
    ADD CONSTRAINT poverty_standard_province_code_fkey FOREIGN KEY (province_code) REFERENCES public.admin_unit(code);

--
-- Name: program_activity program_activity_project_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_activity
    ADD CONSTRAINT program_activity_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.program_project(id);

--
-- Name: program_activity program_activity_unit_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_activity
    ADD CONSTRAINT program_activity_unit_code_fkey FOREIGN KEY (unit_code) REFERENCES public.admin_unit(code);

--
-- Name: program_applicability program_applicability_project_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_applicability
    ADD CONSTRAINT program_applicability_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.program_project(id) ON DELETE CASCADE;

--
-- Name: program_applicability program_applicability_unit_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_applicability
    ADD CONSTRAINT program_applicability_unit_code_fkey FOREIGN KEY (unit_code) REFERENCES public.admin_unit(code);

--
-- Name: program_beneficiary program_beneficiary_household_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_beneficiary
    ADD CONSTRAINT program_beneficiary_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.household(id);

--
-- Name: program_beneficiary program_beneficiary_list_round_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_beneficiary
    ADD CONSTRAINT program_beneficiary_list_round_id_fkey FOREIGN KEY (list_round_id) REFERENCES public.review_round(id) ON DELETE SET NULL;

--
-- Name: program_beneficiary program_beneficiary_project_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_beneficiary
    ADD CONSTRAINT program_beneficiary_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.program_project(id);

--
-- Name: program_beneficiary program_beneficiary_unit_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_beneficiary
    ADD CONSTRAINT program_beneficiary_unit_code_fkey FOREIGN KEY (unit_code) REFERENCES public.admin_unit(code);

--
-- Name: program_fund_entry program_fund_entry_corrects_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_fund_entry
    ADD CONSTRAINT program_fund_entry_corrects_id_fkey FOREIGN KEY (corrects_id) REFERENCES public.program_fund_entry(id);

--
-- Name: program_fund_entry program_fund_entry_project_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_fund_entry
    ADD CONSTRAINT program_fund_entry_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.program_project(id);

--
-- Name: program_fund_entry program_fund_entry_unit_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_fund_entry
    ADD CONSTRAINT program_fund_entry_unit_code_fkey FOREIGN KEY (unit_code) REFERENCES public.admin_unit(code);

--
-- Name: program_project program_project_program_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_project
    ADD CONSTRAINT program_project_program_id_fkey FOREIGN KEY (program_id) REFERENCES public.program(id);

--
-- Name: program_project program_project_program_id_parent_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_project
    ADD CONSTRAINT program_project_program_id_parent_id_fkey FOREIGN KEY (program_id, parent_id) REFERENCES public.program_project(program_id, id);

--
-- Name: program_target program_target_program_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.program_target
    ADD CONSTRAINT program_target_program_id_fkey FOREIGN KEY (program_id) REFERENCES public.program(id) ON DELETE CASCADE;

--
-- Name: reduction_plan reduction_plan_unit_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reduction_plan
    ADD CONSTRAINT reduction_plan_unit_code_fkey FOREIGN KEY (unit_code) REFERENCES public.admin_unit(code);

--
-- Name: review_application review_application_commune_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_application
    ADD CONSTRAINT review_application_commune_code_fkey FOREIGN KEY (commune_code) REFERENCES public.admin_unit(code);

--
-- Name: review_application review_application_household_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_application
    ADD CONSTRAINT review_application_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.household(id);

--
-- Name: review_application review_application_round_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_application
    ADD CONSTRAINT review_application_round_id_fkey FOREIGN KEY (round_id) REFERENCES public.review_round(id);

--
-- Name: review_complaint review_complaint_household_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_complaint
    ADD CONSTRAINT review_complaint_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.household(id);

--
-- Name: review_complaint review_complaint_round_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_complaint
    ADD CONSTRAINT review_complaint_round_id_fkey FOREIGN KEY (round_id) REFERENCES public.review_round(id) ON DELETE CASCADE;

--
-- Name: review_movement review_movement_household_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_movement
    ADD CONSTRAINT review_movement_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.household(id);

--
-- Name: review_movement review_movement_round_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_movement
    ADD CONSTRAINT review_movement_round_id_fkey FOREIGN KEY (round_id) REFERENCES public.review_round(id) ON DELETE CASCADE;

--
-- Name: review_result review_result_household_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_result
    ADD CONSTRAINT review_result_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.household(id);

--
-- Name: review_result review_result_local_standard_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_result
    ADD CONSTRAINT review_result_local_standard_code_fkey FOREIGN KEY (local_standard_code) REFERENCES public.poverty_standard(code);

--
-- Name: review_result review_result_round_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_result
    ADD CONSTRAINT review_result_round_id_fkey FOREIGN KEY (round_id) REFERENCES public.review_round(id) ON DELETE CASCADE;

--
-- Name: review_result review_result_standard_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_result
    ADD CONSTRAINT review_result_standard_code_fkey FOREIGN KEY (standard_code) REFERENCES public.poverty_standard(code);

--
-- Name: review_round review_round_commune_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_round
    ADD CONSTRAINT review_round_commune_code_fkey FOREIGN KEY (commune_code) REFERENCES public.admin_unit(code);

--
-- Name: review_round_event review_round_event_round_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_round_event
    ADD CONSTRAINT review_round_event_round_id_fkey FOREIGN KEY (round_id) REFERENCES public.review_round(id) ON DELETE CASCADE;

--
-- Name: review_round review_round_standard_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_round
    ADD CONSTRAINT review_round_standard_code_fkey FOREIGN KEY (standard_code) REFERENCES public.poverty_standard(code);

--
-- Name: review_submission review_submission_household_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_submission
    ADD CONSTRAINT review_submission_household_id_fkey FOREIGN KEY (household_id) REFERENCES public.household(id);

--
-- Name: review_submission review_submission_round_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_submission
    ADD CONSTRAINT review_submission_round_id_fkey FOREIGN KEY (round_id) REFERENCES public.review_round(id) ON DELETE CASCADE;

--
-- Name: round_aggregate round_aggregate_round_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.round_aggregate
    ADD CONSTRAINT round_aggregate_round_id_fkey FOREIGN KEY (round_id) REFERENCES public.review_round(id) ON DELETE CASCADE;

--
-- PostgreSQL database dump complete
--
