-- id: parse_no_sections
-- severity: warning
-- message_ko: 글자 {n_chars:n}자를 읽었으나 절(1-1-1 …)을 하나도 찾지 못함 — 계획서가 아니거나 절 제목을 읽지 못함
-- message_en: {n_chars:n} characters were read but no section (1-1-1 …) was found: not a plan,
--   or its section headings were not recognised
-- about: Text was read but no section heading was recognised, so no budget, item or contact
--   could be tied to a section: a silent failure unless the file is not a plan at all.
SELECT d.doc_id, NULL AS section_code, NULL AS page, d.file_name AS source, d.n_chars,
       '> 0' AS expected, 0 AS actual
FROM documents d
WHERE d.status <> 'failed' AND coalesce(d.n_chars, 0) > 0
  AND NOT EXISTS (SELECT 1 FROM sections s WHERE s.doc_id = d.doc_id)
