-- id: budget_total_prev
-- severity: error
-- message_ko: 합계 {label_ko} {actual:amount} ≠ 내역 합 {expected:amount} (차이 {difference:+amount})
-- message_en: Total {label_en} {actual:amount} ≠ sum of lines {expected:amount}
--   (difference {difference:+amount})
-- about: The 합계 row's previous-year amount (’24 예산액 in a 2025 plan) against the sum of
--   the lines' previous-year amounts, counted as budget_total_amount counts.
SELECT doc_id, section_code, page, line_no, expected, actual, difference, source,
       explained_by, label_ko, label_en, unit, unit_factor
FROM q_total_vs_lines
WHERE col = 'amount_prev' AND difference <> 0
