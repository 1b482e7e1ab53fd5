-- one row: the plan's budget and what was disbursed up to the as-of date
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $until
select
    coalesce(sum(planned), 0) as planned,
    coalesce(sum(disbursed), 0) as disbursed,
from budget_lines_paid_at($plan_id, $version_id, $until)
where len($units) = 0 or unit_code in (select unnest($units))
