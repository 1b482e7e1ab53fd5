-- one row per budget line of one task: planned and disbursed up to the as-of date
-- parameters: $plan_id, $version_id, $task_code, $until
select
    line_code,
    content,
    source,
    unit_code,
    planned,
    disbursed,
from budget_lines_paid_at($plan_id, $version_id, $until)
where task_code = $task_code
order by line_code
