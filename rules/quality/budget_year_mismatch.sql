-- id: budget_year_mismatch
-- severity: error
-- message_ko: 예산 표 머리의 {label_ko} 열이 {actual}년 — 보고서 계획 연도 {plan_year}년이면
--   {expected}년
-- message_en: The budget table's {label_en} column is headed {actual}; for a {plan_year} plan it
--   should be {expected}
-- about: A budget table's columns are headed with years (’25, ’24): the first must be the
--   report's plan year, the second the year before. A wrong year makes every figure in the
--   column ambiguous.
SELECT t.doc_id, t.section_code, t.page, d.plan_year, y.label_ko, y.label_en,
       y.expected, y.actual,
       coalesce(t.title, '예산') || ' 머리: ’' || right(t.year::VARCHAR, 2) || ' ’'
           || right(t.prev_year::VARCHAR, 2) || ' 1분기 2분기 3분기 4분기' AS source
FROM budget_tables t
JOIN documents d ON d.doc_id = t.doc_id
CROSS JOIN LATERAL (VALUES ('예산액(올해)', 'plan-year budget', d.plan_year, t.year),
                           ('전년 예산액', 'previous-year budget', d.plan_year - 1, t.prev_year))
    AS y(label_ko, label_en, expected, actual)
WHERE d.plan_year IS NOT NULL AND y.actual IS NOT NULL AND y.actual <> y.expected
