-- one row per task with budget: planned, disbursed up to the as-of date (in the quarter, when one is chosen), share disbursed, and the task's progress
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $quarter (0 = all), $year, $until
with by_task as (
    select
        coalesce(task_code, '—') as task_code,
        sum(planned) as planned,
        sum(disbursed) as disbursed,
    from budget_lines_paid_in($plan_id, $version_id, $quarter, $year, $until)
    where unit_in_view(unit_code, $units)
    group by all
)

select
    b.task_code,
    t.content,
    b.planned,
    b.disbursed,
    case when b.planned > 0 then 100.0 * b.disbursed / b.planned end as disbursed_pct,
    t.progress,
from by_task as b
left join tasks_at($plan_id, $version_id) as t on b.task_code = t.task_code
order by task_order(b.task_code)
