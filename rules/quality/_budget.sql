-- Helpers for the budget checks. A file whose name starts with '_' is not a check: it runs
-- before the checks and creates the TEMP macros and views (prefixed q_) they share.

-- An amount in won as the table prints it: (104725000, 1000) → '104,725'; NULL → '-'.
CREATE OR REPLACE TEMP MACRO q_fmt(won, factor) AS
    CASE WHEN won IS NULL THEN '-'
         WHEN won % coalesce(factor, 1) = 0 THEN format('{:,}', won // coalesce(factor, 1))
         ELSE format('{:,.3f}', won / coalesce(factor, 1)) END;

-- A key for comparing names wherever lines were broken: no spaces, one kind of middle dot.
CREATE OR REPLACE TEMP MACRO q_squash(text) AS
    regexp_replace(translate(text, '･‧・ㆍ∙․⋅ᆞ', '········'), '\s+', '', 'g');

-- The notes that explain a blank cell in a budget table, as the report writes them.
CREATE OR REPLACE TEMP MACRO q_reason(text) AS
    CASE WHEN regexp_matches(coalesce(text, ''), '특교\s*편성\s*예정') THEN '특교 편성 예정'
         ELSE nullif(regexp_extract(coalesce(text, ''), '재배정|사고이월'), '') END;

-- Every budget line with its table's unit, years and remarks, and:
--   table_key        the budget table the line belongs to (its table_no; the section code for
--                    warehouses loaded before table_no existed);
--   is_continuation  a row of quarters under an amount merged from the row above (its amount
--                    and previous-year amount are stored once, on that row);
--   item_no          the lines of one item (a row and its continuation rows) share it;
--   reason           재배정 / 사고이월 / 특교 편성 예정 when the line's note says so, or when
--                    the table's remarks say so and name the line's project;
--   source           the row as read, in the table's unit.
CREATE OR REPLACE TEMP VIEW q_budget_lines AS
WITH t AS (
    SELECT doc_id, coalesce(CAST(table_no AS VARCHAR), section_code) AS table_key,
           any_value(unit) AS unit,
           coalesce(any_value(unit_factor), 1) AS unit_factor, any_value(year) AS plan_year,
           any_value(prev_year) AS prev_year, string_agg(remarks, ' ') AS remarks
    FROM budget_tables GROUP BY ALL
), l AS (
    SELECT l.*, coalesce(CAST(l.table_no AS VARCHAR), l.section_code) AS table_key,
           t.unit, coalesce(t.unit_factor, 1) AS unit_factor, t.plan_year, t.prev_year,
           t.remarks,
           CASE WHEN l.amount_line_no IS NOT NULL THEN l.amount_line_no <> l.line_no
                ELSE NOT l.is_total AND l.line_no > 1 AND l.amount IS NULL
                     AND l.amount_prev IS NULL AND coalesce(l.q1, l.q2, l.q3, l.q4) IS NOT NULL
           END AS is_continuation,
           coalesce(q_reason(l.note),
                    CASE WHEN length(q_squash(l.project_name)) >= 2
                          AND contains(q_squash(t.remarks), q_squash(l.project_name))
                         THEN q_reason(t.remarks) END) AS reason
    FROM budget_lines l
    LEFT JOIN t ON t.doc_id = l.doc_id
               AND t.table_key IS NOT DISTINCT FROM coalesce(CAST(l.table_no AS VARCHAR),
                                                             l.section_code)
)
SELECT *,
       sum(CASE WHEN is_continuation THEN 0 ELSE 1 END)
           OVER (PARTITION BY doc_id, table_key ORDER BY line_no) AS item_no,
       CASE WHEN is_total THEN
                concat_ws(' ', '합계',
                    CASE WHEN amount IS NULL AND cells_printed < 6 THEN '(빈칸)'
                         ELSE q_fmt(amount, unit_factor) END,
                    CASE WHEN amount_prev IS NULL AND cells_printed < 6 THEN '(빈칸)'
                         ELSE q_fmt(amount_prev, unit_factor) END,
                    CASE WHEN q1 IS NULL AND cells_printed < 6 THEN '(빈칸)'
                         ELSE q_fmt(q1, unit_factor) END,
                    CASE WHEN q2 IS NULL AND cells_printed < 6 THEN '(빈칸)'
                         ELSE q_fmt(q2, unit_factor) END,
                    CASE WHEN q3 IS NULL AND cells_printed < 6 THEN '(빈칸)'
                         ELSE q_fmt(q3, unit_factor) END,
                    CASE WHEN q4 IS NULL AND cells_printed < 6 THEN '(빈칸)'
                         ELSE q_fmt(q4, unit_factor) END)
            ELSE
                concat_ws(' ', program_code || '.', program_name, project_name,
                    CASE WHEN is_continuation THEN '(위 행과 병합)'
                         ELSE q_fmt(amount, unit_factor) || ' ' || q_fmt(amount_prev, unit_factor)
                    END,
                    '/ ' || q_fmt(q1, unit_factor), q_fmt(q2, unit_factor),
                    q_fmt(q3, unit_factor), q_fmt(q4, unit_factor),
                    '/ ' || note)
       END AS source
FROM l;

-- One row per line and amount column: col is amount, amount_prev, q1 … q4.
CREATE OR REPLACE TEMP VIEW q_budget_cells AS
SELECT l.doc_id, l.section_code, l.table_key, l.line_no, l.is_total, l.item_no, l.cells_printed,
       l.unit, l.unit_factor, l.page, l.reason, l.source, c.col, c.col_no,
       CASE c.col WHEN 'amount' THEN coalesce(l.plan_year || '년 ', '') || '예산액'
                  WHEN 'amount_prev' THEN coalesce(l.prev_year || '년 ', '전년 ') || '예산액'
                  ELSE c.label_ko END AS label_ko,
       CASE c.col WHEN 'amount' THEN coalesce(l.plan_year || ' ', '') || 'budget'
                  WHEN 'amount_prev' THEN coalesce(l.prev_year || ' ', 'previous-year ')
                                          || 'budget'
                  ELSE c.label_en END AS label_en,
       CASE c.col WHEN 'amount' THEN l.amount WHEN 'amount_prev' THEN l.amount_prev
                  WHEN 'q1' THEN l.q1 WHEN 'q2' THEN l.q2 WHEN 'q3' THEN l.q3
                  ELSE l.q4 END AS value
FROM q_budget_lines l
CROSS JOIN (VALUES ('amount', 1, NULL, NULL), ('amount_prev', 2, NULL, NULL),
                   ('q1', 3, '1분기', 'Q1'), ('q2', 4, '2분기', 'Q2'),
                   ('q3', 5, '3분기', 'Q3'), ('q4', 6, '4분기', 'Q4'))
    AS c(col, col_no, label_ko, label_en);

-- Each 합계 cell against the sum of the lines above it, for every column. A merged amount is
-- stored once, so it is counted once. A blank counts as 0 ('-' is printed for none). A cell a
-- short 합계 row did not print is left to budget_total_short_row. explained_by: the first
-- reason given by a line that left this column blank.
CREATE OR REPLACE TEMP VIEW q_total_vs_lines AS
WITH sums AS (
    SELECT doc_id, table_key, col, sum(value) AS lines_sum,
           min(reason) FILTER (WHERE value IS NULL) AS explained_by
    FROM q_budget_cells WHERE NOT is_total
    GROUP BY doc_id, table_key, col
)
SELECT t.doc_id, t.section_code, t.page, t.line_no, t.col, t.col_no, t.label_ko, t.label_en,
       t.unit, t.unit_factor, t.source, t.value AS printed,
       coalesce(s.lines_sum, 0) AS expected,
       coalesce(t.value, 0) AS actual,
       coalesce(t.value, 0) - coalesce(s.lines_sum, 0) AS difference,
       s.explained_by
FROM q_budget_cells t
LEFT JOIN sums s ON s.doc_id = t.doc_id AND s.table_key IS NOT DISTINCT FROM t.table_key
                AND s.col = t.col
WHERE t.is_total AND NOT (t.value IS NULL AND coalesce(t.cells_printed, 6) < 6);
