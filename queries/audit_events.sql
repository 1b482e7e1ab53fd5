-- one row per audited event (imports, rollbacks, clearing, logins), newest first, at most $max_rows
-- parameters: $max_rows
select
    logged_at,
    user_name,
    action,
    outcome,
    file_name,
    version_id,
    detail,
from audit_log
order by logged_at desc, event_id desc
limit $max_rows
