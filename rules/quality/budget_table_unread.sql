-- id: budget_table_unread
-- severity: error
-- message_ko: ‘예산 집행 계획’ 제목은 있으나 예산 표를 읽지 못함 — 표의 금액이 창고와 검사에서 빠짐
-- message_en: The section has a budget heading but no budget table was read: its amounts are
--   missing from the warehouse and from the checks
-- about: A section whose 예산 집행 계획 heading was found, but whose table gave no budget line
--   (no header with 1분기 … 4분기, or no row of amounts): a table expected and not found.
SELECT s.doc_id, s.code AS section_code, coalesce(t.page, s.page) AS page,
       s.code || ' ' || s.title AS source, '> 0' AS expected, 0 AS actual
FROM sections s
LEFT JOIN (SELECT doc_id, section_code, min(page) AS page FROM budget_tables GROUP BY ALL) t
       ON t.doc_id = s.doc_id AND t.section_code = s.code
WHERE list_contains(string_split(coalesce(s.parts, ''), ','), '예산')
  AND NOT EXISTS (SELECT 1 FROM budget_lines l
                  WHERE l.doc_id = s.doc_id AND l.section_code = s.code)
