-- one row per version of a plan, newest first
-- parameters: $plan_id
select
    version_id,
    created_at,
    user_name,
    file_name,
    sha256,
    as_of,
    kind,
    rollback_of,
    counts,
from versions
where plan_id = $plan_id
order by version_id desc
