-- one row per version date (up to the chosen version) and task in view: the task's progress as of that date
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all)
select
    t.as_of,
    t.task_code,
    t.progress,
from tasks_by_date($plan_id, $version_id) as t
where task_in_view(t.lead_unit, t.support_units, $units)
order by t.as_of, task_order(t.task_code)
