-- id: work_plan_budget_change
-- severity: error
-- message_ko: {title} ‘{label}’ 증감 {actual:amount} ≠ {year_b}년 − {year_a}년 {expected:amount}
--   (차이 {difference:+amount})
-- message_en: {title} ‘{label}’ change {actual:amount} ≠ {year_b} − {year_a} {expected:amount}
--   (difference {difference:+amount})
-- explained_severity: info
-- explained_ko: — 인쇄 단위의 반올림 차이로 보임
-- explained_en: — within the rounding of the printed figures
-- about: A 업무계획/업무보고's budget overview (예산 현황, 세입·세출예산): each row's printed
--   증감 (B-A) against its two year columns. A difference of one printed unit is rounding
--   (info); more is an error.
SELECT doc_id, NULL AS section_code, page, position, COLUMNS('^pos_'), title, label, year_a, year_b,
       amount_b - amount_a AS expected, change AS actual,
       change - (amount_b - amount_a) AS difference, unit, unit_factor,
       CASE WHEN abs(change - (amount_b - amount_a)) <= unit_factor THEN '반올림' END
           AS explained_by,
       label || ' ' || amount_a // unit_factor || ' ' || amount_b // unit_factor || ' '
           || change // unit_factor AS source
FROM work_plan_budget
WHERE change IS NOT NULL AND amount_a IS NOT NULL AND amount_b IS NOT NULL
  AND change <> amount_b - amount_a
