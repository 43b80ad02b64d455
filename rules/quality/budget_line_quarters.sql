-- id: budget_line_quarters
-- severity: error
-- message_ko: ‘{project_name}’ 분기 합 {actual:amount} ≠ {label_ko} {amount:amount}
--   (차이 {difference:+amount})
-- message_en: ‘{project_name}’ quarters add up to {actual:amount} ≠ {label_en}
--   {amount:amount} (difference {difference:+amount})
-- about: Each line's four quarters against its annual amount. Where the amount cell is merged
--   over several rows (one amount, a row of quarters per budget program), the quarters of all
--   those rows count towards that one amount. A line that prints no quarter at all (재배정,
--   비예산) is not compared. A blank amount next to quarters is explained when the line's note,
--   or a table remark naming the project, says 재배정, 사고이월 or 특교 편성 예정.
WITH items AS (
    SELECT doc_id, table_key, item_no, any_value(section_code) AS section_code,
           arg_min(line_no, line_no) AS line_no,
           arg_min(amount, line_no) AS amount,
           arg_min(project_name, line_no) AS project_name,
           arg_min(page, line_no) AS page,
           string_agg(source, ' | ' ORDER BY line_no) AS source,
           min(reason) AS reason,
           any_value(unit) AS unit, any_value(unit_factor) AS unit_factor,
           any_value(plan_year) AS plan_year,
           sum(coalesce(q1, 0) + coalesce(q2, 0) + coalesce(q3, 0) + coalesce(q4, 0))
               AS quarters,
           bool_or(coalesce(q1, q2, q3, q4) IS NOT NULL) AS has_quarters
    FROM q_budget_lines
    WHERE NOT is_total
    GROUP BY doc_id, table_key, item_no
)
SELECT doc_id, section_code, page, line_no, project_name, amount, unit, unit_factor,
       coalesce(amount, 0) AS expected,
       quarters AS actual,
       quarters - coalesce(amount, 0) AS difference,
       source,
       CASE WHEN amount IS NULL THEN reason END AS explained_by,
       coalesce(plan_year || '년 ', '') || '예산액' AS label_ko,
       coalesce(plan_year || ' ', '') || 'budget' AS label_en
FROM items
WHERE has_quarters AND quarters <> coalesce(amount, 0)
