-- one row per indicator of one task: target and actual
-- parameters: $plan_id, $version_id, $task_code
select
    indicator,
    measure_unit,
    target,
    actual,
    note,
from indicators_at($plan_id, $version_id)
where task_code = $task_code
order by indicator
