-- one row per indicator of the tasks in view: target, actual and share achieved
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all)
with tasks_now as (
    select task_code, content
    from tasks_at($plan_id, $version_id)
    where task_in_view(lead_unit, support_units, $units)
)

select
    i.task_code,
    t.content as task_content,
    i.indicator,
    i.measure_unit,
    i.target,
    i.actual,
    case when i.target > 0 then 100.0 * coalesce(i.actual, 0) / i.target end as achieved_pct,
    i.note,
from indicators_at($plan_id, $version_id) as i
inner join tasks_now as t on i.task_code = t.task_code
order by task_order(i.task_code), i.indicator
