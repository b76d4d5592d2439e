-- The SQL of ReportsRepository (src/reports/reports.repository.ts), rendered by
-- test/schema/report-sql.spec.ts (UPDATE_SQL=1 npm test -- test/schema). Do not edit by hand.

-- reports.unitOn
-- parameters of the example:
--   $1 = "073"
--   $2 = "2022-12-31"
SELECT v.code, v.name, u.level FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code
  WHERE v.code = $1 AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2);

-- reports.names
-- parameters of the example:
--   $1 = ["073","02287"]
--   $2 = "2022-12-31"
SELECT DISTINCT ON (v.code) v.code, v.name, u.level
   FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code
  WHERE v.code = ANY ($1::varchar[]) AND v.valid_from <= $2
  ORDER BY v.code, v.valid_from DESC;

-- reports.lastVersion
-- parameters of the example:
--   $1 = "073"
SELECT v.code, v.name, u.level, to_char(v.valid_to, 'YYYY-MM-DD') AS "validTo"
   FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code
  WHERE v.code = $1 ORDER BY v.valid_from DESC LIMIT 1;

-- reports.collect
-- parameters of the example:
--   $1 = "073"
--   $2 = 2022
--   $3 = ["end.poor.households"]
--   $4 = true
--   $5 = ["end.poor.households","end.poor.persons","end.near_poor.households","end.near_poor.persons","total.households","total.persons"]
--   $6 = ["end.poor.households","end.poor.persons","end.near_poor.households","end.near_poor.persons"]
--   $7 = ["movement.poor.households.start","movement.poor.persons.start","movement.near_poor.households.start","movement.near_poor.persons.start"]
--   $8 = ["total.households","total.persons","total.households_fallback","total.persons_fallback"]
--   $9 = ["movement.%"]
WITH RECURSIVE
  rnd AS (
    SELECT r.id, r.commune_code, r.decision_date
      FROM review_round r
     WHERE r.year = $2 AND r.kind IN ('periodic', 'baseline') AND r.status IN ('decided', 'reported')
       AND r.commune_code IN (SELECT code FROM unit_subtree($1))
  ),
  -- the units above each round's commune on the round's decision date
  chain AS (
    SELECT r.id AS round_id, r.decision_date AS d, v.code::text AS code, v.parent_code::text AS parent_code, NULL::text AS below
      FROM rnd r JOIN admin_unit_version v ON v.code = r.commune_code AND v.valid_from <= r.decision_date AND (v.valid_to IS NULL OR v.valid_to >= r.decision_date)
    UNION ALL
    SELECT c.round_id, c.d, v.code::text, v.parent_code::text, c.code
      FROM chain c JOIN admin_unit_version v ON v.code = c.parent_code AND v.valid_from <= c.d AND (v.valid_to IS NULL OR v.valid_to >= c.d)
     WHERE c.code <> $1
  ),
  atom0 AS (SELECT round_id, below AS child FROM chain WHERE code = $1),
  -- where the start of the year comes from: the previous year's rounds of the commune and of
  -- the communes that merged into it between those rounds and this one
  cand AS (
    SELECT a.round_id AS atom, r.year, r.standard_code, r.commune_code::text AS code, 'self'::text AS kind, NULL::date AS eff
      FROM atom0 a JOIN review_round r ON r.id = a.round_id
     WHERE $4
    UNION ALL
    SELECT a.round_id, r.year, r.standard_code, s.predecessor_code::text, s.kind::text, s.effective_date
      FROM atom0 a JOIN review_round r ON r.id = a.round_id
      JOIN admin_unit_succession s ON s.successor_code = r.commune_code AND s.effective_date <= r.decision_date
     WHERE $4
  ),
  src AS (
    SELECT c.atom, p.id AS source, c.kind = 'split' AS split
      FROM cand c
      JOIN review_round p ON p.commune_code = c.code AND p.year = c.year - 1 AND p.kind IN ('periodic', 'baseline') AND p.status IN ('decided', 'reported')
                         AND p.standard_code = c.standard_code AND (c.eff IS NULL OR c.eff > p.decision_date)
  ),
  atom AS (
    SELECT a.round_id, a.child, r.standard_code,
           CASE WHEN NOT $4 THEN 'none'
                WHEN bool_or(coalesce(s.split, false)) THEN 'split'
                WHEN count(s.source) > 0 THEN 'rounds'
                WHEN coalesce(max(mv.value), 0) > 0 THEN 'orphan'
                ELSE 'none' END AS start_mode
      FROM atom0 a
      JOIN review_round r ON r.id = a.round_id
      LEFT JOIN src s ON s.atom = a.round_id
      LEFT JOIN round_aggregate mv ON mv.round_id = a.round_id AND mv.metric = 'movement.rows'
     GROUP BY a.round_id, a.child, r.standard_code
  ),
  facts AS (
    SELECT a.child, 'end'::text AS part, ra.metric::text AS metric, ra.value
      FROM atom a JOIN round_aggregate ra ON ra.round_id = a.round_id AND ra.metric = ANY ($3::text[])
    UNION ALL
    SELECT a.child, 'end', ra.metric, ra.value
      FROM atom a JOIN round_aggregate ra ON ra.round_id = a.round_id
     WHERE cardinality($9::text[]) > 0 AND ra.metric LIKE ANY ($9::text[])
    UNION ALL
    SELECT a.child, 'endNoStart', ra.metric, ra.value
      FROM atom a JOIN round_aggregate ra ON ra.round_id = a.round_id AND ra.metric = ANY ($5::text[])
     WHERE $4 AND a.start_mode = 'none'
    UNION ALL
    SELECT a.child, 'start', ra.metric, ra.value
      FROM atom a JOIN src s ON s.atom = a.round_id JOIN round_aggregate ra ON ra.round_id = s.source AND ra.metric = ANY ($6::text[])
     WHERE a.start_mode = 'rounds'
    UNION ALL
    SELECT a.child, 'start', regexp_replace(ra.metric, '^movement\.(\w+)\.(\w+)\.start$', 'end.\1.\2'), ra.value
      FROM atom a JOIN round_aggregate ra ON ra.round_id = a.round_id AND ra.metric = ANY ($7::text[])
     WHERE a.start_mode IN ('split', 'orphan')
    UNION ALL
    SELECT a.child, 'info', 'rounds', 1 FROM atom a
    UNION ALL
    SELECT a.child, 'info', 'start_' || a.start_mode, 1 FROM atom a
    UNION ALL
    SELECT a.child, 'standard', a.standard_code, 1 FROM atom a
  ),
  -- sums per child first (a few hundred rows), then the unit's total from those
  per_child AS (SELECT child, part, metric, sum(value)::bigint AS value FROM facts GROUP BY child, part, metric),
  totals_src AS (SELECT DISTINCT a.child, s.source FROM atom a JOIN src s ON s.atom = a.round_id WHERE a.start_mode <> 'none')
  SELECT 0 AS g, child, part, metric, value FROM per_child
  UNION ALL
  SELECT 1, NULL, part, metric, sum(value)::bigint FROM per_child GROUP BY part, metric
  UNION ALL
  SELECT 0, t.child, 'startTotal', ra.metric, sum(ra.value)::bigint
    FROM totals_src t JOIN round_aggregate ra ON ra.round_id = t.source AND ra.metric = ANY ($8::text[])
   GROUP BY t.child, ra.metric
  UNION ALL
  SELECT 1, NULL, 'startTotal', ra.metric, sum(ra.value)::bigint
    FROM (SELECT DISTINCT source FROM totals_src) t JOIN round_aggregate ra ON ra.round_id = t.source AND ra.metric = ANY ($8::text[])
   GROUP BY ra.metric;

-- reports.treeOn
-- parameters of the example:
--   $1 = "073"
--   $2 = 2022
--   $3 = "2022-12-31"
WITH RECURSIVE tree AS (
    SELECT v.code::text AS code, u.level::text AS level, v.name::text AS name, NULL::text AS child_code
      FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code
     WHERE v.code = $1 AND v.valid_from <= $3 AND (v.valid_to IS NULL OR v.valid_to >= $3)
    UNION ALL
    SELECT v.code::text, u.level::text, v.name::text, coalesce(t.child_code, v.code::text)
      FROM tree t
      JOIN admin_unit_version v ON v.parent_code = t.code AND v.valid_from <= $3 AND (v.valid_to IS NULL OR v.valid_to >= $3)
      JOIN admin_unit u ON u.code = v.code
     WHERE t.level <> 'commune'
  )
  SELECT t.code, t.name, t.level, t.child_code AS "childCode", t.code = t.child_code AS direct,
         EXISTS (SELECT 1 FROM review_round r WHERE r.commune_code = t.code AND r.year = $2 AND r.kind IN ('periodic', 'baseline') AND r.status IN ('decided', 'reported')) AS decided
    FROM tree t
   WHERE (t.code = t.child_code AND t.level <> 'village')
      OR (t.level = 'commune' AND NOT EXISTS (
            SELECT 1 FROM review_round r WHERE r.commune_code = t.code AND r.year = $2 AND r.kind IN ('periodic', 'baseline') AND r.status IN ('decided', 'reported')))
   ORDER BY t.code;

-- reports.trend
-- parameters of the example:
--   $1 = "073"
--   $2 = "2022-12-31"
--   $3 = 2021
--   $4 = 2023
--   $5 = ["end.poor.households"]
WITH RECURSIVE
  tree AS (
    SELECT v.code::text AS code, u.level::text AS level
      FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code
     WHERE v.code = $1 AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2)
    UNION ALL
    SELECT v.code::text, u.level::text
      FROM tree t JOIN admin_unit_version v ON v.parent_code = t.code AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2)
      JOIN admin_unit u ON u.code = v.code
     WHERE t.level <> 'commune'
  ),
  back AS (
    SELECT code FROM tree WHERE level = 'commune'
    UNION
    SELECT s.predecessor_code::text FROM back b
      JOIN admin_unit_succession s ON s.successor_code = b.code AND s.effective_date <= $2
  ),
  atoms AS (
    SELECT r.id, r.year, r.standard_code FROM review_round r
     WHERE r.commune_code IN (SELECT code FROM back) AND r.year BETWEEN $3 AND $4 AND r.kind IN ('periodic', 'baseline') AND r.status IN ('decided', 'reported')
  )
  SELECT a.year, ra.metric, sum(ra.value)::bigint AS value
    FROM atoms a JOIN round_aggregate ra ON ra.round_id = a.id AND ra.metric = ANY ($5::text[])
   GROUP BY a.year, ra.metric
  UNION ALL
  SELECT year, 'info.rounds', count(*) FROM atoms GROUP BY year
  UNION ALL
  SELECT year, 'standard.' || standard_code, count(*) FROM atoms GROUP BY year, standard_code;

-- reports.trend
-- parameters of the example:
--   $1 = "073"
--   $2 = "2022-12-31"
--   $3 = 2021
--   $4 = 2023
WITH RECURSIVE
  tree AS (
    SELECT v.code::text AS code, u.level::text AS level
      FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code
     WHERE v.code = $1 AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2)
    UNION ALL
    SELECT v.code::text, u.level::text
      FROM tree t JOIN admin_unit_version v ON v.parent_code = t.code AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2)
      JOIN admin_unit u ON u.code = v.code
     WHERE t.level <> 'commune'
  ),
  back AS (
    SELECT code FROM tree WHERE level = 'commune'
    UNION
    SELECT s.predecessor_code::text FROM back b
      JOIN admin_unit_succession s ON s.successor_code = b.code AND s.effective_date <= $2
  )
  SELECT y.year, v.code, v.name
    FROM generate_series($3::int, $4::int) AS y(year)
    JOIN admin_unit_version v ON v.code IN (SELECT code FROM back) AND v.valid_from <= make_date(y.year, 12, 31) AND (v.valid_to IS NULL OR v.valid_to >= make_date(y.year, 12, 31))
    JOIN admin_unit u ON u.code = v.code AND u.level = 'commune'
   WHERE NOT EXISTS (SELECT 1 FROM review_round r WHERE r.commune_code = v.code AND r.year = y.year AND r.kind IN ('periodic', 'baseline') AND r.status IN ('decided', 'reported'))
   ORDER BY y.year, v.code;

-- reports.indicators
-- parameters of the example:
--   $1 = "ND07-2021"
SELECT i.key, i.name_vi AS name, i.dimension_key AS dimension, d.name_vi AS "dimensionName"
   FROM poverty_indicator i JOIN poverty_dimension d ON d.standard_code = i.standard_code AND d.key = i.dimension_key
  WHERE i.standard_code = $1 ORDER BY i.sort_order;

-- reports.causes
SELECT code, name_vi AS name FROM poverty_cause ORDER BY code;

-- reports.ethnicGroups
SELECT code, name FROM ethnic_group ORDER BY code;
