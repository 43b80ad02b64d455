-- id: parse_status
-- severity: error
-- message_ko: 문서를 {status_ko}: {error} — {error_message}
-- message_en: The document was {status_en}: {error} — {error_message}
-- about: A file the parsers could not read (status failed: an error) or read only in part
--   (status partial: a warning), with the typed error code and the reason. A failure is a
--   finding like any other, so it shows in the report next to the documents that worked.
SELECT doc_id, NULL AS section_code, NULL AS page, 'ok' AS expected, status AS actual,
       coalesce(error, '-') AS error, coalesce(error_message, '-') AS error_message,
       CASE status WHEN 'failed' THEN '읽지 못함' ELSE '일부만 읽음' END AS status_ko,
       CASE status WHEN 'failed' THEN 'not read' ELSE 'read only in part' END AS status_en,
       CASE status WHEN 'failed' THEN 'error' ELSE 'warning' END AS severity,
       file_name AS source
FROM documents
WHERE status <> 'ok'
