-- id: section_code_sequence
-- severity: warning
-- message_ko: {after_ko} 절 번호 {section_code} — {expected} 차례
-- message_en: Section {section_code} comes {after_en}; {expected} was expected
-- about: Section codes read in document order must count on: after 3-1-1 comes 3-1-2, 3-2-1
--   or 4-1-1, and the first section is 1-1-1. A code that skips ahead or goes back is a
--   finding (a repeated code is section_code_repeat's).
WITH s AS (
    SELECT doc_id, code, title, page, ordinal,
           try_cast(split_part(code, '-', 1) AS INTEGER) AS a,
           try_cast(split_part(code, '-', 2) AS INTEGER) AS b,
           try_cast(split_part(code, '-', 3) AS INTEGER) AS c
    FROM sections
    QUALIFY row_number() OVER (PARTITION BY doc_id, code ORDER BY ordinal) = 1
), w AS (
    SELECT *, lag(code) OVER win AS prev_code, lag(a) OVER win AS pa,
           lag(b) OVER win AS pb, lag(c) OVER win AS pc
    FROM s
    WINDOW win AS (PARTITION BY doc_id ORDER BY ordinal)
)
SELECT doc_id, code AS section_code, page, code || ' ' || title AS source, code AS actual,
       CASE WHEN pa IS NULL THEN '1-1-1'
            WHEN a = pa AND b = pb THEN pa || '-' || pb || '-' || (pc + 1)
            WHEN a = pa THEN pa || '-' || (pb + 1) || '-1'
            ELSE (pa + 1) || '-1-1' END AS expected,
       coalesce(prev_code || ' 다음', '첫') AS after_ko,
       coalesce('after ' || prev_code, 'first') AS after_en
FROM w
WHERE a IS NOT NULL AND b IS NOT NULL AND c IS NOT NULL
  AND NOT CASE WHEN pa IS NULL THEN a = 1 AND b = 1 AND c = 1
               ELSE (a = pa AND b = pb AND c = pc + 1) OR (a = pa AND b = pb + 1 AND c = 1)
                    OR (a = pa + 1 AND b = 1 AND c = 1) END
