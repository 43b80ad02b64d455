-- id: budget_total_quarter
-- severity: error
-- message_ko: 합계 {label_ko} {actual:amount} ≠ 내역 합 {expected:amount} (차이 {difference:+amount})
-- message_en: Total {label_en} {actual:amount} ≠ sum of lines {expected:amount}
--   (difference {difference:+amount})
-- about: Each quarter of the 합계 row (1분기 … 4분기) against the sum of the lines' figures for
--   that quarter. A line noted 재배정 whose quarters are printed as '재배정' (blank) explains
--   a total that holds its amount: the finding says so and is a warning.
SELECT doc_id, section_code, page, line_no, expected, actual, difference, source,
       explained_by, label_ko, label_en, unit, unit_factor, col
FROM q_total_vs_lines
WHERE col IN ('q1', 'q2', 'q3', 'q4') AND difference <> 0
