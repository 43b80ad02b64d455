-- id: contact_phone_mismatch
-- severity: warning
-- message_ko: {name}({department} {role}) 전화 {actual} — 같은 보고서 다른 {n_usual}곳에는 {expected}
-- message_en: {name} ({department} {role}) is listed with ☎ {actual}; {n_usual} other listings
--   give {expected}
-- about: The same person — the same name in the same department — listed with different phone
--   numbers in different sections. The number listed most often is taken as right (the one
--   listed first on a tie) and every other number is a finding where it is listed. An area code
--   however printed ('02-', '044)', '(032)') is ignored, and a bare extension ('8003') agrees
--   with a number ending in it.
WITH c AS (
    SELECT c.doc_id, c.section_code, coalesce(c.department, '') AS department, c.role, c.name,
           c.phone, c.page, coalesce(s.ordinal, 0) AS ordinal,
           regexp_replace(regexp_replace(c.phone, '\s+', '', 'g'), '^\(?0\d{1,2}[-)]', '') AS number
    FROM contacts c
    LEFT JOIN (SELECT doc_id, code, min(ordinal) AS ordinal FROM sections GROUP BY doc_id, code) s
           ON s.doc_id = c.doc_id AND s.code = c.section_code
    WHERE c.name IS NOT NULL AND c.phone IS NOT NULL
), numbers AS (
    SELECT doc_id, name, department, number, count(*) AS n, min(ordinal) AS first_seen,
           arg_min(phone, ordinal) AS phone
    FROM c GROUP BY doc_id, name, department, number
), usual AS (
    SELECT * FROM numbers
    QUALIFY row_number() OVER (PARTITION BY doc_id, name, department
                               ORDER BY n DESC, first_seen) = 1
)
SELECT c.doc_id, c.section_code, min(c.page) AS page, c.name, c.department,
       any_value(c.role) AS role, u.phone AS expected, c.phone AS actual, u.n AS n_usual,
       any_value(c.department || ' ' || c.role || ': ' || c.name || ' ☎ ' || c.phone) AS source
FROM c
JOIN usual u ON u.doc_id = c.doc_id AND u.name = c.name AND u.department = c.department
WHERE NOT (c.number = u.number
           OR (c.number NOT LIKE '%-%' AND u.number LIKE '%-' || c.number)
           OR (u.number NOT LIKE '%-%' AND c.number LIKE '%-' || u.number))
GROUP BY c.doc_id, c.section_code, c.name, c.department, c.phone, u.phone, u.n
