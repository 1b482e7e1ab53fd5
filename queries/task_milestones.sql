-- one row per milestone of one task, by due date, with its state at the as-of date
-- parameters: $plan_id, $version_id, $task_code, $until, $due_soon_days (a milestone due within that many days is ms_due)
select
    milestone_code,
    content,
    due_on,
    completed_on,
    unit_code,
    milestone_state(completed_on, due_on, $until, $due_soon_days) as state,
from milestones_at($plan_id, $version_id)
where task_code = $task_code
order by due_on, milestone_code
