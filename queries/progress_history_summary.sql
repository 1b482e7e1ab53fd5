-- one row per version date (up to the chosen version): the tasks in view, their average progress and how many are done
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all)
with plan_versions as (
    select version_id, as_of
    from versions
    where plan_id = $plan_id and version_id <= $version_id
),

last_per_date as (
    select as_of, max(version_id) as version_id
    from plan_versions
    group by as_of
)

select
    v.as_of,
    count(*) as tasks,
    avg(coalesce(t.progress, 0)) as avg_progress,
    count(*) filter (where t.state = 'done' or t.progress >= 100) as done,
from last_per_date as v
join tasks as t
    on t.plan_id = $plan_id and t.valid_from <= v.version_id and coalesce(t.valid_to, 2147483647) > v.version_id
where len($units) = 0 or t.lead_unit in (select unnest($units)) or len(list_intersect(t.support_units, $units)) > 0
group by v.as_of
order by v.as_of
