-- id: outline_missing
-- severity: info
-- message_ko: 보고서 목차(‘1. …’ 과제 목록)를 찾지 못해 절 번호를 목차와 대조하지 못함
-- message_en: The report's outline of tasks ('1. …') was not found, so section codes were not
--   compared with it
-- about: The checks section_not_in_outline and outline_task_without_section need the task list
--   printed before the sections; without it they are silent, so this says so.
SELECT d.doc_id, NULL AS section_code, NULL AS page, '1. …' AS expected, NULL AS actual,
       d.file_name AS source
FROM documents d
WHERE EXISTS (SELECT 1 FROM sections s WHERE s.doc_id = d.doc_id)
  AND NOT EXISTS (SELECT 1 FROM outline_tasks o WHERE o.doc_id = d.doc_id)
