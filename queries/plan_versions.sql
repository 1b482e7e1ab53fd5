-- one row per version of a plan, newest first; is_undone: a later rollback undid it
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
    version_id in (select version_id from undone_versions($plan_id, open_version())) as is_undone,
from versions
where plan_id = $plan_id
order by version_id desc
