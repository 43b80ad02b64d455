-- id: budget_total_short_row
-- severity: error
-- message_ko: 합계 행이 금액 {expected}칸 중 {actual}칸만 인쇄됨: {blanks_ko} 빈칸 (내역 합
--   {blank_sum:amount}) {why_ko}
-- message_en: The total row prints {actual} of its {expected} amount cells: {blanks_en} blank
--   (the lines add up to {blank_sum:amount}) {why_en}
-- about: A 합계 row that prints fewer amount cells than the table has amount columns (’25,
--   ’24, 1분기 … 4분기: 6). An error when the lines put something in a column the total left
--   blank (the total is incomplete); a warning when the lines are blank there too.
WITH short AS (
    SELECT * FROM q_budget_cells
    WHERE is_total AND coalesce(cells_printed, 6) < 6
), sums AS (
    SELECT doc_id, table_key, col, sum(value) AS lines_sum
    FROM q_budget_cells WHERE NOT is_total
    GROUP BY doc_id, table_key, col
), blanks AS (
    SELECT t.doc_id, any_value(t.section_code) AS section_code, any_value(t.page) AS page,
           any_value(t.line_no) AS line_no,
           any_value(t.cells_printed) AS cells_printed, any_value(t.source) AS source,
           any_value(t.unit) AS unit, any_value(t.unit_factor) AS unit_factor,
           string_agg(t.label_ko, ', ' ORDER BY t.col_no) FILTER (WHERE t.value IS NULL)
               AS blanks_ko,
           string_agg(t.label_en, ', ' ORDER BY t.col_no) FILTER (WHERE t.value IS NULL)
               AS blanks_en,
           coalesce(sum(s.lines_sum) FILTER (WHERE t.value IS NULL), 0) AS blank_sum,
           bool_or(t.value IS NULL AND coalesce(s.lines_sum, 0) <> 0) AS missing_figure
    FROM short t
    LEFT JOIN sums s ON s.doc_id = t.doc_id
                    AND s.table_key IS NOT DISTINCT FROM t.table_key AND s.col = t.col
    GROUP BY t.doc_id, t.table_key
)
SELECT doc_id, section_code, page, line_no, source, unit, unit_factor, blank_sum,
       6 AS expected, cells_printed AS actual,
       coalesce(blanks_ko, '위치 모를') AS blanks_ko,
       coalesce(blanks_en, 'a cell') AS blanks_en,
       CASE WHEN missing_figure THEN 'error' ELSE 'warning' END AS severity,
       CASE WHEN missing_figure THEN '— 내역에는 금액이 있는데 합계가 비어 오류'
            ELSE '— 내역도 비어 있어 경고' END AS why_ko,
       CASE WHEN missing_figure THEN '— the lines hold an amount the total leaves out, so an error'
            ELSE '— the lines are blank there too, so a warning' END AS why_en
FROM blanks
