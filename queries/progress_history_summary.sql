-- one row per version date (up to the chosen version): the tasks in view, their average progress and how many are done
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all)
select
    t.as_of,
    count(*) as tasks,
    avg(coalesce(t.progress, 0)) as avg_progress,
    count(*) filter (where is_done(t.state, t.progress)) as done,
from tasks_by_date($plan_id, $version_id) as t
where task_in_view(t.lead_unit, t.support_units, $units)
group by t.as_of
order by t.as_of
