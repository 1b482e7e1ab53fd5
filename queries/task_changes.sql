-- one row per task whose progress, state or completion changed between the previous version and this one
-- parameters: $plan_id, $version_id
with previous as (
    select coalesce(max(version_id), 0) as version_id
    from versions
    where plan_id = $plan_id and version_id < $version_id
),

old as (
    select t.*
    from tasks as t, previous as p
    where t.plan_id = $plan_id and valid_at(t.valid_from, t.valid_to, p.version_id)
),

new as (
    select * from tasks_at($plan_id, $version_id)
)

select
    coalesce(n.task_code, o.task_code) as task_code,
    coalesce(n.content, o.content) as content,
    o.progress as old_progress,
    n.progress as new_progress,
    o.state as old_state,
    n.state as new_state,
    n.completed_on,
from new as n
full join old as o on n.row_key = o.row_key
where o.progress is distinct from n.progress
    or o.state is distinct from n.state
    or o.completed_on is distinct from n.completed_on
order by task_order(coalesce(n.task_code, o.task_code))
