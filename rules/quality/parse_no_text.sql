-- id: parse_no_text
-- severity: error
-- message_ko: 문서에서 글자를 하나도 읽지 못함 ({format}, {reader}) — 스캔본이거나 글자가 그림으로 된 문서일 수 있음
-- message_en: No text was read from the document ({format}, {reader}): it may be a scan or
--   text drawn as images
-- about: A document that parsed without an error yet gave no text at all: a silent failure.
SELECT doc_id, NULL AS section_code, NULL AS page, file_name AS source,
       coalesce(format, '-') AS format, coalesce(reader, '-') AS reader,
       '> 0' AS expected, coalesce(n_chars, 0) AS actual
FROM documents
WHERE status <> 'failed' AND coalesce(n_chars, 0) = 0
