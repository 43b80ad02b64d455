-- id: section_code_repeat
-- severity: error
-- message_ko: 절 번호 {section_code} 중복 — ‘{first_title}’ 다음에 ‘{title}’에 다시 쓰임
-- message_en: Section code {section_code} is used again, for ‘{title}’ after ‘{first_title}’
-- about: A section code printed for two sections. The warehouse keys budget tables, items and
--   contacts by section code, so a repeated code mixes two sections' facts: an error.
SELECT doc_id, code AS section_code, page, title,
       first_value(title) OVER (PARTITION BY doc_id, code ORDER BY ordinal) AS first_title,
       1 AS expected, count(*) OVER (PARTITION BY doc_id, code) AS actual,
       code || ' ' || title AS source
FROM sections
QUALIFY row_number() OVER (PARTITION BY doc_id, code ORDER BY ordinal) > 1
