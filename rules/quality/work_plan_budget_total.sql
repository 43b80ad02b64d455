-- id: work_plan_budget_total
-- severity: error
-- message_ko: {title} ‘{label}’ {column} {actual:amount} ≠ 하위 항목 합 {expected:amount}
--   (차이 {difference:+amount})
-- message_en: {title} ‘{label}’ {column_en} {actual:amount} ≠ sum of the rows under it
--   {expected:amount} (difference {difference:+amount})
-- explained_severity: info
-- explained_ko: — 인쇄 단위의 반올림 차이로 보임
-- explained_en: — within the rounding of the printed figures
-- about: A 업무계획/업무보고's budget overview: the total (계, 합계, 총지출) and each group
--   (사업비, 예산지출(a), □ …) against the rows printed under it, in both year columns and in
--   증감. A difference within half a printed unit per row added is rounding (info).
WITH cells AS (
    SELECT doc_id, table_no, row_no, parent_row, title, label, page, position, COLUMNS('^pos_'), unit,
           unit_factor, col, year, value
    FROM work_plan_budget
    CROSS JOIN LATERAL (VALUES ('a', year_a, amount_a), ('b', year_b, amount_b),
                               ('change', NULL, change)) AS v(col, year, value)
), sums AS (
    SELECT doc_id, table_no, parent_row, col, sum(coalesce(value, 0)) AS total,
           count(*) AS n
    FROM cells WHERE parent_row IS NOT NULL GROUP BY ALL
)
SELECT p.doc_id, NULL AS section_code, p.page, p.position, COLUMNS('^pos_'), p.title, p.label,
       coalesce(p.year || '년', '증감') AS column,
       coalesce(CAST(p.year AS VARCHAR), 'change') AS column_en,
       s.total AS expected, p.value AS actual,
       p.value - s.total AS difference, p.unit, p.unit_factor,
       CASE WHEN abs(p.value - s.total) * 2 <= s.n * p.unit_factor THEN '반올림' END
           AS explained_by,
       p.label || ' ' || p.value // p.unit_factor AS source
FROM cells p
JOIN sums s ON s.doc_id = p.doc_id AND s.table_no = p.table_no AND s.parent_row = p.row_no
    AND s.col = p.col
WHERE p.value IS NOT NULL AND p.value <> s.total
