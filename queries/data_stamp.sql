-- one row that changes whenever data is written: versions and audited events (imports, rollbacks, clearing)
-- parameters: none
select
    (select count(*) from versions) as versions,
    (select coalesce(max(version_id), 0) from versions) as last_version,
    (select count(*) from audit_log) as events,
