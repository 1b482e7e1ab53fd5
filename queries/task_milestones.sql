-- one row per milestone of one task, by due date, with its state at the as-of date
-- parameters: $plan_id, $version_id, $task_code, $until, $due_soon_days (a milestone due within that many days is ms_due)
select
    milestone_code,
    content,
    due_on,
    completed_on,
    unit_code,
    case
        when completed_on is not null and completed_on <= $until then 'ms_done'
        when due_on < $until then 'ms_late'
        when due_on <= $until + $due_soon_days then 'ms_due'
        else 'ms_ahead'
    end as state,
from milestones_at($plan_id, $version_id)
where task_code = $task_code
order by due_on, milestone_code
