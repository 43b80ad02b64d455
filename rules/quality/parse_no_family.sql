-- id: parse_no_family
-- severity: info
-- message_ko: 글자 {n_chars:n}자를 읽었으나 보고서 종류(주요업무계획, 예산 사업설명자료 …)를 알아보지 못해 일반 구조(목차·표)만 읽음
-- message_en: {n_chars:n} characters were read but the kind of report (a work plan, a budget
--   program description, …) was not recognised: only the generic outline and tables were read
-- about: A document with text that no report family's rules matched (documents.family is
--   NULL): its sections, budget lines and items were not read, so the checks on them are
--   silent. Expected for other kinds of files; for a plan it means its headings were not
--   recognised.
SELECT d.doc_id, NULL AS section_code, NULL AS page, d.file_name AS source, d.n_chars,
       'family' AS expected, NULL AS actual
FROM documents d
WHERE d.status <> 'failed' AND coalesce(d.n_chars, 0) > 0 AND d.family IS NULL
