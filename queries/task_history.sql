-- one row per version of the plan up to the chosen one (not those a rollback undid): one task's progress, state and last update then
-- parameters: $plan_id, $version_id, $task_code
select
    v.version_id,
    v.as_of,
    v.user_name,
    t.progress,
    t.state,
    t.updated_on,
    t.note,
from versions as v
left join tasks as t
    on v.plan_id = t.plan_id and t.task_code = $task_code
        and valid_at(t.valid_from, t.valid_to, v.version_id)
where v.plan_id = $plan_id and v.version_id <= $version_id
    and v.version_id not in (select version_id from undone_versions($plan_id, $version_id))
order by v.version_id desc
