-- id: outline_task_without_section
-- severity: warning
-- message_ko: 보고서 목차의 과제 {expected} ‘{title}’에 해당하는 절({expected}-1-1 …)이 없음
-- message_en: Task {expected} ‘{title}’ of the report's outline has no section ({expected}-1-1 …)
-- about: Every task in the report's own outline of its tasks should have sections numbered
--   under it. Only documents whose sections were found are checked.
SELECT o.doc_id, NULL AS section_code, NULL AS page, o.number AS expected, NULL AS actual,
       o.title, o.number || '. ' || o.title AS source
FROM outline_tasks o
WHERE EXISTS (SELECT 1 FROM sections s WHERE s.doc_id = o.doc_id)
  AND NOT EXISTS (SELECT 1 FROM sections s
                  WHERE s.doc_id = o.doc_id
                    AND try_cast(split_part(s.code, '-', 1) AS INTEGER) = o.number)
