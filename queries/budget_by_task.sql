-- one row per task with budget: planned, disbursed up to the as-of date, share disbursed, and the task's progress
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $until
with lines as (
    select *
    from budget_lines_at($plan_id, $version_id)
    where len($units) = 0 or unit_code in (select unnest($units))
),

paid as (
    select line_code, sum(amount) as disbursed,
    from disbursements_at($plan_id, $version_id)
    where paid_on <= $until
    group by line_code
),

by_task as (
    select
        coalesce(l.task_code, '—') as task_code,
        sum(l.planned) as planned,
        coalesce(sum(p.disbursed), 0) as disbursed,
    from lines as l
    left join paid as p on p.line_code = l.line_code
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
left join tasks_at($plan_id, $version_id) as t on t.task_code = b.task_code
order by try_cast(regexp_extract(b.task_code, '\d+') as integer) nulls last, b.task_code
