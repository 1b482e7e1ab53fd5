-- one row that changes whenever data is written: versions, and audited writes (imports, rollbacks, clearing)
-- logins are left out: a stranger's failed password must not empty everyone's query cache
-- parameters: none
select
    (select count(*) from versions) as versions,
    (select coalesce(max(version_id), 0) from versions) as last_version,
    (select count(*) from audit_log where action not in ('login', 'viewer_login')) as events,
