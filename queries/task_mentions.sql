-- one row per mention linked to one task, newest first (at most 200)
-- parameters: $plan_id, $version_id, $task_code, $until
select
    published_on,
    outlet,
    title,
    sentiment,
    is_false,
    response,
    url,
from media_at($plan_id, $version_id)
where task_code = $task_code and published_on <= $until
order by published_on desc, outlet asc
limit 200
