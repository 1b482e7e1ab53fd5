-- one row per version date (up to the chosen version) and task in view: the task's progress as of that date
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all)
select
    t.as_of,
    t.task_code,
    t.progress,
from tasks_by_date($plan_id, $version_id) as t
where len($units) = 0 or t.lead_unit in (select unnest($units)) or len(list_intersect(t.support_units, $units)) > 0
order by t.as_of, try_cast(regexp_extract(t.task_code, '\d+') as integer) nulls last, t.task_code
