-- id: budget_total_amount
-- severity: error
-- message_ko: 합계 {label_ko} {actual:amount} ≠ 내역 합 {expected:amount} (차이 {difference:+amount})
-- message_en: Total {label_en} {actual:amount} ≠ sum of lines {expected:amount}
--   (difference {difference:+amount})
-- about: The 합계 row's plan-year amount against the sum of the lines' amounts. An amount
--   merged over several rows is counted once; a blank or '-' counts as 0. A line noted
--   재배정, 사고이월 or 특교 편성 예정 that left its amount blank explains the difference.
--
-- The comparison itself is the helper view q_total_vs_lines (rules/quality/_budget.sql).
SELECT doc_id, section_code, page, line_no, expected, actual, difference, source,
       explained_by, label_ko, label_en, unit, unit_factor
FROM q_total_vs_lines
WHERE col = 'amount' AND difference <> 0
