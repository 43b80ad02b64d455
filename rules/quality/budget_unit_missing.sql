-- id: budget_unit_missing
-- severity: warning
-- message_ko: 예산 표가 금액 단위를 밝히지 않아 {n_lines:n}줄의 금액을 원 단위로 읽음
-- message_en: The budget table states no unit: the amounts of its {n_lines:n} lines were read
--   as won
-- about: A 예산 집행 계획 table states its unit in a line above it ('(단위: 천원)') or in its
--   header cells ('예산액(천원)'). Without either, kplan stores the printed figures as won, most
--   likely a thousand or a million times too small; the table's own sums still check, but its
--   amounts in won are a guess until the unit is printed.
SELECT t.doc_id, t.section_code, t.page, count(l.line_no) AS n_lines,
       coalesce(t.title, '예산 집행 계획') || ' (단위 없음)' AS source,
       'unit' AS expected, NULL AS actual
FROM budget_tables t
LEFT JOIN budget_lines l ON l.doc_id = t.doc_id AND l.table_no = t.table_no
WHERE t.unit IS NULL
GROUP BY t.doc_id, t.section_code, t.page, t.title, t.table_no
