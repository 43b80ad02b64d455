-- id: work_plan_budget_ratio
-- severity: error
-- message_ko: {title} ‘{label}’ 증감률 {actual}% ≠ (B−A)/A {expected}% (차이 {gap}%p)
-- message_en: {title} ‘{label}’ change ratio {actual}% ≠ (B−A)/A {expected}%
--   (difference {gap} points)
-- about: A 업무계획/업무보고's budget overview: each row's printed ratio ((B-A)/A, %) against
--   its two year columns, rounded to the decimals it is printed with (a last digit cut off
--   rather than rounded is an error too: the overview's other ratios are rounded).
WITH ratios AS (
    SELECT *, (amount_b - amount_a) * 100.0 / amount_a AS exact,
           0.5 * power(10, -pct_decimals) AS half_digit
    FROM work_plan_budget
    WHERE change_pct IS NOT NULL AND amount_a IS NOT NULL AND amount_a <> 0
      AND amount_b IS NOT NULL
)
SELECT doc_id, NULL AS section_code, page, position, COLUMNS('^pos_'), title, label,
       CAST(change_pct AS VARCHAR) AS actual,
       CAST(round(exact, CAST(pct_decimals AS INTEGER)) AS VARCHAR) AS expected,
       CAST(round(change_pct - exact, CAST(pct_decimals AS INTEGER) + 1) AS VARCHAR) AS gap,
       label || ' ' || amount_a // unit_factor || ' ' || amount_b // unit_factor || ' '
           || change_pct AS source
FROM ratios
WHERE abs(change_pct - exact) > half_digit + 1e-9
