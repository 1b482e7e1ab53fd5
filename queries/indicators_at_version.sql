-- one row per indicator of the tasks in view: target, actual and share achieved
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all)
with tasks_now as (
    select task_code, content
    from tasks_at($plan_id, $version_id)
    where len($units) = 0 or lead_unit in (select unnest($units)) or len(list_intersect(support_units, $units)) > 0
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
join tasks_now as t on t.task_code = i.task_code
order by try_cast(regexp_extract(i.task_code, '\d+') as integer) nulls last, i.task_code, i.indicator
