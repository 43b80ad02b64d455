-- id: section_not_in_outline
-- severity: warning
-- message_ko: 절 {section_code}의 과제 번호 {actual}이(가) 보고서 목차의 과제({expected})에 없음
-- message_en: Section {section_code} belongs to task {actual}, which the report's outline of
--   tasks ({expected}) does not list
-- about: The report lists its tasks before the sections ('1. 성장을 돕는 …'); every section's
--   first number must be one of them. Reported once per task number, at its first section.
WITH outline AS (
    SELECT doc_id, string_agg(number::VARCHAR, ',' ORDER BY number) AS numbers,
           list(number) AS number_list
    FROM outline_tasks GROUP BY doc_id
)
SELECT s.doc_id, s.code AS section_code, s.page, s.code || ' ' || s.title AS source,
       o.numbers AS expected, split_part(s.code, '-', 1) AS actual
FROM sections s
JOIN outline o ON o.doc_id = s.doc_id
WHERE NOT list_contains(o.number_list, try_cast(split_part(s.code, '-', 1) AS INTEGER))
QUALIFY row_number() OVER (PARTITION BY s.doc_id, split_part(s.code, '-', 1)
                           ORDER BY s.ordinal) = 1
