-- one row: how many tasks, milestones, indicators, budget lines and mentions a plan holds at a version
-- parameters: $plan_id, $version_id
select
    (select count(*) from tasks
     where plan_id = $plan_id and valid_from <= $version_id and coalesce(valid_to, 2147483647) > $version_id) as tasks,
    (select count(*) from milestones
     where plan_id = $plan_id and valid_from <= $version_id and coalesce(valid_to, 2147483647) > $version_id) as milestones,
    (select count(*) from indicators
     where plan_id = $plan_id and valid_from <= $version_id and coalesce(valid_to, 2147483647) > $version_id) as indicators,
    (select count(*) from budget_lines
     where plan_id = $plan_id and valid_from <= $version_id and coalesce(valid_to, 2147483647) > $version_id) as budget_lines,
    (select count(*) from media
     where plan_id = $plan_id and valid_from <= $version_id and coalesce(valid_to, 2147483647) > $version_id) as media
