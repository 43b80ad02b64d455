-- id: section_missing_part
-- severity: warning
-- message_ko: 절에 {missing_ko} 항목이 없음 (찾은 항목: {found_ko})
-- message_en: The section has no {missing_en} part (found: {found_en})
-- about: Every section of a plan has five parts: 목적, 근거, 추진 실적, 추진계획 and 예산 집행
--   계획. A part whose heading was not found is missing — or was not read, which is worth
--   knowing either way.
WITH parts AS (
    SELECT * FROM (VALUES ('목적', 1, 'purpose'), ('근거', 2, 'basis'), ('실적', 3, 'results'),
                          ('계획', 4, 'plan'), ('예산', 5, 'budget')) AS p(part, part_no, part_en)
), s AS (
    SELECT doc_id, code, title, page, ordinal,
           string_split(coalesce(parts, ''), ',') AS found
    FROM sections
)
SELECT s.doc_id, s.code AS section_code, s.page, s.code || ' ' || s.title AS source,
       '목적,근거,실적,계획,예산' AS expected,
       array_to_string(list_filter(s.found, lambda x: x <> ''), ',') AS actual,
       string_agg(p.part, ', ' ORDER BY p.part_no) AS missing_ko,
       string_agg(p.part_en, ', ' ORDER BY p.part_no) AS missing_en,
       coalesce(nullif(array_to_string(list_filter(s.found, lambda x: x <> ''), ', '), ''), '없음')
           AS found_ko,
       coalesce(nullif(array_to_string(list_transform(list_filter(s.found, lambda x: x <> ''),
           lambda x: CASE x WHEN '목적' THEN 'purpose' WHEN '근거' THEN 'basis'
                       WHEN '실적' THEN 'results' WHEN '계획' THEN 'plan' ELSE 'budget' END),
           ', '), ''), 'none') AS found_en
FROM s CROSS JOIN parts p
WHERE NOT list_contains(s.found, p.part)
GROUP BY s.doc_id, s.code, s.title, s.page, s.found
