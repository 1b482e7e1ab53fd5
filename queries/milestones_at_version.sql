-- one row per milestone of the tasks in view (Mốc theo quý, Khám phá), with its quarter and its state at the as-of date
-- state: ms_done (completed by the as-of date), ms_late (due before it, not completed), ms_due (due soon), ms_ahead
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $quarter (0 = all), $until, $due_soon_days (a milestone due within that many days is ms_due)
with tasks_now as (
    select task_code
    from tasks_at($plan_id, $version_id)
    where task_in_view(lead_unit, support_units, $units)
)

select
    m.milestone_code,
    m.task_code,
    m.content,
    m.due_on,
    coalesce(m.quarter, quarter(m.due_on)) as quarter,
    m.completed_on,
    m.unit_code,
    m.note,
    milestone_state(m.completed_on, m.due_on, $until, $due_soon_days) as state,
    case when m.completed_on is not null and m.completed_on > m.due_on
            then date_diff('day', m.due_on, m.completed_on)
    end as days_late,
from milestones_at($plan_id, $version_id) as m
where m.task_code in (select task_code from tasks_now)
    and ($quarter = 0 or coalesce(m.quarter, quarter(m.due_on)) = $quarter)
order by m.due_on, m.milestone_code
