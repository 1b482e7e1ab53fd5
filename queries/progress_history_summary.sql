-- one row per version date (up to the chosen version): the tasks in view, their average progress and how many are done
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all)
select
    t.as_of,
    count(*) as tasks,
    avg(coalesce(t.progress, 0)) as avg_progress,
    count(*) filter (where t.state = 'done' or t.progress >= 100) as done,
from tasks_by_date($plan_id, $version_id) as t
where len($units) = 0 or t.lead_unit in (select unnest($units)) or len(list_intersect(t.support_units, $units)) > 0
group by t.as_of
order by t.as_of
