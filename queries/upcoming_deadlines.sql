-- one row per deadline still open after the as-of date (tasks with a fixed deadline and milestones), soonest first
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $until
with tasks_now as (
    select *
    from tasks_at($plan_id, $version_id)
    where task_in_view(lead_unit, support_units, $units)
)

select
    'task' as kind,
    task_code,
    content,
    lead_unit as unit_code,
    due_on,
    progress,
    date_diff('day', $until, due_on) as days_left,
from tasks_now
where not is_ongoing and due_on >= $until and not is_done(state, progress)

union all

select
    'milestone' as kind,
    m.task_code,
    m.content,
    m.unit_code,
    m.due_on,
    null as progress,
    date_diff('day', $until, m.due_on) as days_left,
from milestones_at($plan_id, $version_id) as m
where m.due_on >= $until
    and (m.completed_on is null or m.completed_on > $until)
    and m.task_code in (select task_code from tasks_now)

order by due_on asc, kind desc, task_code asc
limit 8
