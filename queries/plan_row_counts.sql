-- one row: how many tasks, milestones, indicators, budget lines and mentions a plan holds at a version
-- parameters: $plan_id, $version_id
select
    (select count(*) from tasks_at($plan_id, $version_id)) as tasks,
    (select count(*) from milestones_at($plan_id, $version_id)) as milestones,
    (select count(*) from indicators_at($plan_id, $version_id)) as indicators,
    (select count(*) from budget_lines_at($plan_id, $version_id)) as budget_lines,
    (select count(*) from media_at($plan_id, $version_id)) as media
