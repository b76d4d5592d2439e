-- The SQL of AggregatesRepository (src/aggregates/aggregates.repository.ts), rendered by
-- test/schema/report-sql.spec.ts (UPDATE_SQL=1 npm test -- test/schema). Do not edit by hand.

-- aggregates.round
-- parameters of the example:
--   $1 = 1
SELECT id, commune_code AS "communeCode", standard_code AS "standardCode", decision_date AS "decisionDate",
       total_households AS "totalHouseholds", total_persons AS "totalPersons"
  FROM review_round WHERE id = $1;

-- aggregates.indicators
-- parameters of the example:
--   $1 = "ND07-2021"
SELECT key, dimension_key AS dimension FROM poverty_indicator WHERE standard_code = $1 ORDER BY sort_order;

-- aggregates.clear
-- parameters of the example:
--   $1 = 1
DELETE FROM round_aggregate WHERE round_id = $1;

-- aggregates.insertTotals
-- parameters of the example:
--   $1 = 1
WITH rr AS (
    SELECT id, commune_code, coalesce(decision_date, current_date) AS d, total_households, total_persons
      FROM review_round WHERE id = $1
  ),
  reg AS (
    SELECT count(h.id) AS h,
           count(h.id) FILTER (WHERE h.ethnic_minority) AS hm,
           coalesce(sum(mc.n), 0) AS p,
           coalesce(sum(mc.n) FILTER (WHERE h.ethnic_minority), 0) AS pm
      FROM rr
      JOIN household h ON h.commune_code = rr.commune_code AND household_active_on(h.registered_on, h.status, h.status_date, rr.d)
      LEFT JOIN LATERAL (SELECT count(*) AS n FROM household_member mb WHERE mb.household_id = h.id) mc ON true
  )
  INSERT INTO round_aggregate (round_id, metric, value)
  SELECT rr.id, x.metric, x.value
    FROM rr CROSS JOIN reg
   CROSS JOIN LATERAL (VALUES
     ('total.households', coalesce(rr.total_households, reg.h)),
     ('total.persons', coalesce(rr.total_persons, reg.p)),
     ('total.households_fallback', (rr.total_households IS NULL)::int::bigint),
     ('total.persons_fallback', (rr.total_persons IS NULL)::int::bigint),
     ('register.households', reg.h),
     ('register.households.minority', reg.hm),
     ('register.persons', reg.p),
     ('register.persons.minority', reg.pm)
   ) AS x(metric, value);

-- aggregates.insertResultCounts
-- parameters of the example:
--   $1 = 1
--   $2 = "ND07-2021"
WITH r AS (
    SELECT r.*, coalesce(r.snap_persons, 0) AS persons,
           -- table 8 "Khác": none of ethnic minority, no labour capacity, người có công
           NOT (coalesce(r.snap_ethnic_minority, false) OR coalesce(r.snap_no_labour, false) OR coalesce(r.snap_meritorious, false)) AS other,
           (SELECT count(*) FROM unnest(r.deprivations) d(key) JOIN poverty_indicator i ON i.standard_code = $2 AND i.key = d.key) AS deprived
      FROM review_result r WHERE r.round_id = $1
  ),
  all_r AS (
    SELECT count(*) AS h, coalesce(sum(persons), 0) AS p,
           count(*) FILTER (WHERE farm_average) AS fh, coalesce(sum(persons) FILTER (WHERE farm_average), 0) AS fp
      FROM r
  ),
  per AS (
    SELECT c.c,
           count(r.id) AS h, coalesce(sum(r.persons), 0) AS p,
           count(r.id) FILTER (WHERE r.snap_ethnic_minority) AS em_h, coalesce(sum(r.persons) FILTER (WHERE r.snap_ethnic_minority), 0) AS em_p,
           count(r.id) FILTER (WHERE r.snap_no_labour) AS nl_h, coalesce(sum(r.persons) FILTER (WHERE r.snap_no_labour), 0) AS nl_p,
           count(r.id) FILTER (WHERE r.snap_meritorious) AS me_h, coalesce(sum(r.persons) FILTER (WHERE r.snap_meritorious), 0) AS me_p,
           count(r.id) FILTER (WHERE r.snap_female_head) AS fe_h, coalesce(sum(r.persons) FILTER (WHERE r.snap_female_head), 0) AS fe_p,
           count(r.id) FILTER (WHERE r.other) AS ot_h, coalesce(sum(r.persons) FILTER (WHERE r.other), 0) AS ot_p,
           coalesce(sum(r.deprived), 0) AS dep,
           coalesce(sum(r.snap_children), 0) AS ch,
           coalesce(sum(r.snap_children_no_insurance), 0) AS ch_ni,
           coalesce(sum(r.snap_children_malnourished), 0) AS ch_mn,
           coalesce(sum(r.snap_children_out_of_school), 0) AS ch_os
      FROM (VALUES ('poor'), ('near_poor')) AS c(c)
      LEFT JOIN r ON r.decided_class = c.c
     GROUP BY c.c
  )
  INSERT INTO round_aggregate (round_id, metric, value)
  SELECT $1, x.metric, x.value FROM all_r CROSS JOIN LATERAL (VALUES
    ('reviewed.households', all_r.h), ('reviewed.persons', all_r.p),
    ('farm_average.households', all_r.fh), ('farm_average.persons', all_r.fp)
  ) AS x(metric, value)
  UNION ALL
  SELECT $1, x.metric, x.value FROM per CROSS JOIN LATERAL (VALUES
    ('end.' || per.c || '.households', per.h), ('end.' || per.c || '.persons', per.p),
    ('group.' || per.c || '.households.ethnic_minority', per.em_h), ('group.' || per.c || '.persons.ethnic_minority', per.em_p),
    ('group.' || per.c || '.households.no_labour', per.nl_h), ('group.' || per.c || '.persons.no_labour', per.nl_p),
    ('group.' || per.c || '.households.meritorious', per.me_h), ('group.' || per.c || '.persons.meritorious', per.me_p),
    ('group.' || per.c || '.households.female_head', per.fe_h), ('group.' || per.c || '.persons.female_head', per.fe_p),
    ('group.' || per.c || '.households.other', per.ot_h), ('group.' || per.c || '.persons.other', per.ot_p),
    ('deprivation.' || per.c || '.total', per.dep),
    ('children.' || per.c || '.total', per.ch), ('children.' || per.c || '.no_insurance', per.ch_ni),
    ('children.' || per.c || '.malnourished', per.ch_mn), ('children.' || per.c || '.out_of_school', per.ch_os)
  ) AS x(metric, value);

-- aggregates.insertBreakdowns
-- parameters of the example:
--   $1 = 1
--   $2 = "ND07-2021"
WITH c(c) AS (VALUES ('poor'), ('near_poor')),
  dep AS (
    SELECT DISTINCT r.id, r.decided_class, d.key
      FROM review_result r CROSS JOIN LATERAL unnest(r.deprivations) AS d(key)
     WHERE r.round_id = $1 AND r.decided_class IN ('poor', 'near_poor')
  ),
  cau AS (
    SELECT DISTINCT r.id, r.decided_class, k.code
      FROM review_result r CROSS JOIN LATERAL unnest(r.causes) AS k(code)
     WHERE r.round_id = $1 AND r.decided_class IN ('poor', 'near_poor')
  )
  INSERT INTO round_aggregate (round_id, metric, value)
  SELECT $1, 'deprivation.' || c.c || '.' || i.key, count(dep.id)
    FROM c CROSS JOIN poverty_indicator i
    LEFT JOIN dep ON dep.decided_class = c.c AND dep.key = i.key
   WHERE i.standard_code = $2
   GROUP BY c.c, i.key
  UNION ALL
  SELECT $1, 'cause.' || c.c || '.' || pc.code, count(cau.id)
    FROM c CROSS JOIN poverty_cause pc
    LEFT JOIN cau ON cau.decided_class = c.c AND cau.code = pc.code
   GROUP BY c.c, pc.code
  UNION ALL
  SELECT $1, 'ethnic.' || r.decided_class || '.' || u.unit || '.' || coalesce(r.snap_head_ethnicity, 'unknown'),
         CASE u.unit WHEN 'households' THEN count(*) ELSE coalesce(sum(r.snap_persons), 0) END
    FROM review_result r CROSS JOIN (VALUES ('households'), ('persons')) AS u(unit)
   WHERE r.round_id = $1 AND r.decided_class IN ('poor', 'near_poor')
   GROUP BY r.decided_class, u.unit, r.snap_head_ethnicity;

-- aggregates.insertMovement
-- parameters of the example:
--   $1 = 1
WITH mv AS (SELECT * FROM review_movement WHERE round_id = $1),
  kinds(cls, kind) AS (VALUES
    ('poor', 'toNearPoor'), ('poor', 'aboveNearPoor'), ('poor', 'otherOut'), ('poor', 'fromNearPoor'),
    ('poor', 'fellBack'), ('poor', 'newlyPoor'), ('poor', 'otherIn'), ('poor', 'stay'),
    ('near_poor', 'toPoor'), ('near_poor', 'aboveNearPoor'), ('near_poor', 'otherOut'), ('near_poor', 'fromPoor'),
    ('near_poor', 'fellBack'), ('near_poor', 'newlyNearPoor'), ('near_poor', 'otherIn'), ('near_poor', 'stay')),
  flows AS (
    SELECT side AS cls, move AS kind, sum(households) AS h, sum(persons) AS p
      FROM review_movement_flow WHERE round_id = $1 GROUP BY side, move
    UNION ALL
    SELECT 'poor', 'stay', count(*), 0 FROM mv WHERE poor_move = 'stay'
    UNION ALL
    SELECT 'near_poor', 'stay', count(*), 0 FROM mv WHERE near_poor_move = 'stay'
  ),
  ends AS (
    SELECT c.cls,
           count(mv.round_id) FILTER (WHERE mv.start_class = c.cls) AS sh, coalesce(sum(mv.persons_start) FILTER (WHERE mv.start_class = c.cls), 0) AS sp,
           count(mv.round_id) FILTER (WHERE mv.end_class = c.cls) AS eh, coalesce(sum(mv.persons_end) FILTER (WHERE mv.end_class = c.cls), 0) AS ep
      FROM (VALUES ('poor'), ('near_poor')) AS c(cls) LEFT JOIN mv ON mv.start_class = c.cls OR mv.end_class = c.cls
     GROUP BY c.cls
  )
  INSERT INTO round_aggregate (round_id, metric, value)
  SELECT $1, 'movement.rows', count(*) FROM mv
  UNION ALL
  SELECT $1, 'movement.' || k.cls || '.households.' || k.kind, coalesce(f.h, 0)
    FROM kinds k LEFT JOIN flows f ON f.cls = k.cls AND f.kind = k.kind
  UNION ALL
  SELECT $1, 'movement.' || k.cls || '.persons.' || k.kind, coalesce(f.p, 0)
    FROM kinds k LEFT JOIN flows f ON f.cls = k.cls AND f.kind = k.kind
   WHERE k.kind <> 'stay'
  UNION ALL
  SELECT $1, x.metric, x.value FROM ends CROSS JOIN LATERAL (VALUES
    ('movement.' || ends.cls || '.households.start', ends.sh), ('movement.' || ends.cls || '.persons.start', ends.sp),
    ('movement.' || ends.cls || '.households.end', ends.eh), ('movement.' || ends.cls || '.persons.end', ends.ep)
  ) AS x(metric, value);

-- aggregates.insertAlkireFoster
-- parameters of the example:
--   $1 = 1
--   $2 = ["water"]
--   $3 = [5]
--   $4 = 41580
WITH w AS (SELECT * FROM unnest($2::varchar[], $3::int[]) AS w(key, units)),
  sc AS (
    SELECT r.id, coalesce(sum(w.units), 0) AS score, array_remove(array_agg(w.key), NULL) AS keys
      FROM review_result r LEFT JOIN w ON w.key = ANY (r.deprivations)
     WHERE r.round_id = $1
     GROUP BY r.id
  ),
  poor AS (SELECT * FROM sc WHERE score >= $4)
  INSERT INTO round_aggregate (round_id, metric, value)
  SELECT $1, 'af.households', count(*) FROM sc
  UNION ALL SELECT $1, 'af.poor', count(*) FROM poor
  UNION ALL SELECT $1, 'af.score', coalesce(sum(score), 0) FROM poor
  UNION ALL
  SELECT $1, 'af.deprived.' || w.key, count(poor.id) FROM w LEFT JOIN poor ON w.key = ANY (poor.keys) GROUP BY w.key;

-- aggregates.decidedRounds
-- parameters of the example:
--   $1 = 2022
--   $2 = null
SELECT id FROM review_round
  WHERE status IN ('decided', 'reported')
    AND ($1::int IS NULL OR year = $1) AND ($2::int IS NULL OR id = $2)
  ORDER BY year, id;
