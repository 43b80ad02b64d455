-- id: work_plan_task_budget
-- severity: warning
-- message_ko: 과제 ‘{title}’ 예산 {amount_text} ≠ 세부 과제 합 {expected_text} (차이 {difference_text})
-- message_en: Task ‘{title}’ budget {amount_text} ≠ sum of its sub-tasks {expected_text}
--   (difference {difference_text})
-- about: A 업무계획's task printed with its budget ('1. … (57억원)') against the budgets its
--   '□' sub-tasks print ('(3,180백만원)'), when every sub-task prints one. A difference within
--   half the last digit the task's budget is printed with is rounding.
WITH subs AS (
    SELECT doc_id, parent_id, sum(amount) AS total, count(*) AS n, count(amount) AS priced
    FROM work_plan_tasks WHERE level = 'sub_task' GROUP BY ALL
), tasks AS (
    SELECT t.*, s.total,
           CASE WHEN t.amount_text LIKE '%조원' THEN 1e12 WHEN t.amount_text LIKE '%억원' THEN 1e8
                WHEN t.amount_text LIKE '%백만원' THEN 1e6 WHEN t.amount_text LIKE '%천원' THEN 1e3
                WHEN t.amount_text LIKE '%만원' THEN 1e4 ELSE 1 END AS factor,
           length(coalesce(regexp_extract(t.amount_text, '\.(\d+)', 1), '')) AS decimals
    FROM work_plan_tasks t
    JOIN subs s ON s.doc_id = t.doc_id AND s.parent_id = t.task_id AND s.n = s.priced
    WHERE t.level = 'task' AND t.amount IS NOT NULL
)
SELECT doc_id, NULL AS section_code, page, position, COLUMNS('^pos_'), title, amount_text,
       total AS expected, amount AS actual, amount - total AS difference,
       regexp_replace(format('{:,.2f}', total / 1e6), '\.?0+$', '') || '백만원'
           AS expected_text,
       CASE WHEN amount >= total THEN '+' ELSE '-' END
           || regexp_replace(format('{:,.2f}', abs(amount - total) / 1e6), '\.?0+$', '') || '백만원'
           AS difference_text,
       title AS source
FROM tasks
WHERE abs(amount - total) > 0.5 * factor * power(10, -decimals)
