-- id: parse_issue
-- severity: warning
-- message_ko: 읽는 중 문제: {code} — {issue}
-- message_en: A problem while reading: {code} — {issue}
-- about: Each problem a parser recorded while reading (a page it could not read, a table it
--   could not rebuild), shown with its page so the planner can look.
SELECT doc_id, NULL AS section_code, page, code, coalesce(message, '-') AS issue,
       NULL AS expected, code AS actual, message AS source
FROM parse_issues p
-- the issue that made a document fail is parse_status's finding already
WHERE NOT EXISTS (SELECT 1 FROM documents d
                  WHERE d.doc_id = p.doc_id AND d.status <> 'ok' AND d.error = p.code)
