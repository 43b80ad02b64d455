-- kplan views over the name keys (rules/names.py): one program across years and reports.
-- Run after the migrations, since they read columns migration 7 adds. Only primary documents
-- count (a report loaded as PDF and HWP counts once); a program is its section, its audience
-- ('초등', '교행') and its name key, since one report runs the same course for several audiences.

-- Every name key: the name printed most often (of those, the one loaded first), and every
-- variant printed, most often first.
CREATE OR REPLACE VIEW programs AS
WITH names AS (
    SELECT t.name_key AS key, 'course' AS kind, t.name, t.doc_id
    FROM training_items t JOIN documents d USING (doc_id)
    WHERE d.is_primary AND t.name_key IS NOT NULL
    UNION ALL
    SELECT b.project_key, 'project', b.project_name, b.doc_id
    FROM budget_lines b JOIN documents d USING (doc_id)
    WHERE d.is_primary AND b.project_key IS NOT NULL AND NOT b.is_total
), variants AS (
    SELECT key, kind, name, count(*) AS n, min(doc_id) AS first_doc
    FROM names GROUP BY key, kind, name
)
SELECT key,
       kind,
       first(name ORDER BY n DESC, first_doc, name) AS name,
       list(name ORDER BY n DESC, first_doc, name)  AS variants,
       sum(n)::BIGINT                                  AS n_mentions
FROM variants
GROUP BY key, kind;

-- Within one report: each program's plan (추진계획, year Y) against its results the year
-- before (추진 실적, Y-1); a program in only one of the two lists has NULLs for the other.
CREATE OR REPLACE VIEW plan_vs_actual AS
WITH items AS (
    SELECT t.doc_id, t.section_code, t.audience, t.name_key, t.stage, t.year,
           first(t.name ORDER BY t.name) AS name,
           sum(t.courses)::BIGINT AS courses,
           sum(t.participants)::BIGINT AS participants
    FROM training_items t JOIN documents d USING (doc_id)
    WHERE d.is_primary AND t.name_key IS NOT NULL
    GROUP BY t.doc_id, t.section_code, t.audience, t.name_key, t.stage, t.year
), plans AS (SELECT * FROM items WHERE stage = 'plan'),
   actuals AS (SELECT * FROM items WHERE stage = 'actual')
SELECT coalesce(p.doc_id, a.doc_id)             AS doc_id,
       coalesce(p.section_code, a.section_code) AS section_code,
       coalesce(p.audience, a.audience)         AS audience,
       coalesce(p.name_key, a.name_key)         AS name_key,
       coalesce(p.year, a.year + 1)             AS plan_year,
       p.name                                   AS plan_name,
       p.courses                                AS plan_courses,
       p.participants                           AS plan_participants,
       coalesce(a.year, p.year - 1)             AS actual_year,
       a.name                                   AS actual_name,
       a.courses                                AS actual_courses,
       a.participants                           AS actual_participants,
       p.participants - a.participants          AS participants_change
FROM plans p
FULL OUTER JOIN actuals a
  ON a.doc_id = p.doc_id
 AND a.section_code IS NOT DISTINCT FROM p.section_code
 AND a.audience IS NOT DISTINCT FROM p.audience
 AND a.name_key = p.name_key
 AND a.year = p.year - 1;

-- Within one report: each budget project's ’25 against its ’24, as the table prints them.
CREATE OR REPLACE VIEW budget_vs_previous AS
SELECT b.doc_id, b.section_code, b.program_code, b.project_key,
       b.project_name, b.year, b.amount, b.year - 1 AS prev_year, b.amount_prev,
       b.amount - b.amount_prev AS change
FROM budget_lines b JOIN documents d USING (doc_id)
WHERE d.is_primary AND NOT b.is_total AND b.project_key IS NOT NULL;

-- Across reports: what one report planned for year Y against what a later report says was
-- done in Y (its 추진 실적 for Y), program by program (audience and name key; the section code
-- may change between years).
CREATE OR REPLACE VIEW plan_vs_next_report AS
WITH items AS (
    SELECT t.doc_id, d.report_key, t.section_code, t.audience, t.name_key, t.stage, t.year,
           first(t.name ORDER BY t.name) AS name,
           sum(t.courses)::BIGINT AS courses,
           sum(t.participants)::BIGINT AS participants
    FROM training_items t JOIN documents d USING (doc_id)
    WHERE d.is_primary AND t.name_key IS NOT NULL
    GROUP BY t.doc_id, d.report_key, t.section_code, t.audience, t.name_key, t.stage, t.year
)
SELECT p.year                           AS year,
       p.audience,
       p.name_key,
       p.doc_id                         AS plan_doc_id,
       p.section_code                   AS plan_section_code,
       p.name                           AS plan_name,
       p.courses                        AS plan_courses,
       p.participants                   AS plan_participants,
       a.doc_id                         AS actual_doc_id,
       a.section_code                   AS actual_section_code,
       a.name                           AS actual_name,
       a.courses                        AS actual_courses,
       a.participants                   AS actual_participants,
       a.participants - p.participants  AS participants_change
FROM items p
JOIN items a
  ON p.stage = 'plan' AND a.stage = 'actual'
 AND a.year = p.year
 AND a.name_key = p.name_key
 AND a.audience IS NOT DISTINCT FROM p.audience
 AND a.report_key <> p.report_key;

-- Across reports: a project's budget for year Y as planned, against the previous-year column
-- of the next year's report (what Y's budget had become).
CREATE OR REPLACE VIEW budget_vs_next_report AS
WITH lines AS (
    SELECT b.doc_id, d.report_key, b.section_code, b.project_key, b.project_name, b.year,
           sum(b.amount)::BIGINT AS amount, sum(b.amount_prev)::BIGINT AS amount_prev
    FROM budget_lines b JOIN documents d USING (doc_id)
    WHERE d.is_primary AND NOT b.is_total AND b.project_key IS NOT NULL
    GROUP BY ALL
)
SELECT p.year, p.project_key,
       p.doc_id AS plan_doc_id, p.project_name AS plan_project_name, p.amount AS planned,
       n.doc_id AS next_doc_id, n.project_name AS next_project_name, n.amount_prev AS as_next_printed,
       n.amount_prev - p.amount AS change
FROM lines p
JOIN lines n ON n.year = p.year + 1 AND n.project_key = p.project_key
            AND n.report_key <> p.report_key;
