-- one row per quarter of the plan year: milestones done, due soon, not yet due and late at the as-of date
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $until, $due_soon_days (a milestone due within that many days is ms_due)
with tasks_now as (
    select task_code
    from tasks_at($plan_id, $version_id)
    where task_in_view(lead_unit, support_units, $units)
),

placed as (
    select
        coalesce(m.quarter, quarter(m.due_on)) as quarter,
        milestone_state(m.completed_on, m.due_on, $until, $due_soon_days) as state,
    from milestones_at($plan_id, $version_id) as m
    where m.task_code in (select task_code from tasks_now)
),

quarters as (
    select unnest([1, 2, 3, 4]) as quarter
)

select
    q.quarter,
    count(p.state) filter (where p.state = 'ms_done') as ms_done,
    count(p.state) filter (where p.state = 'ms_due') as ms_due,
    count(p.state) filter (where p.state = 'ms_ahead') as ms_ahead,
    count(p.state) filter (where p.state = 'ms_late') as ms_late,
    count(p.state) as milestones,
from quarters as q
left join placed as p on q.quarter = p.quarter
group by q.quarter
order by q.quarter
