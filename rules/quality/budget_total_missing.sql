-- id: budget_total_missing
-- severity: warning
-- message_ko: 예산 표에 합계 행이 없음 ({n_lines}행) — 합계 검사를 하지 못함
-- message_en: The budget table has no total row ({n_lines} lines), so its total was not checked
-- about: A budget table read without its 합계 row: either the table has none, or its end was
--   not found — then the arithmetic checks cannot run on it.
SELECT doc_id, any_value(section_code) AS section_code, min(page) AS page,
       count(*) AS n_lines, '합계' AS expected,
       NULL AS actual, string_agg(DISTINCT project_name, ', ') AS source
FROM budget_lines
GROUP BY doc_id, coalesce(CAST(table_no AS VARCHAR), section_code)
HAVING NOT bool_or(is_total)
