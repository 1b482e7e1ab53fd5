-- one row: the plan's budget and what was disbursed up to the as-of date (in the quarter, when one is chosen)
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $quarter (0 = all), $year, $until
select
    coalesce(sum(planned), 0) as planned,
    coalesce(sum(disbursed), 0) as disbursed,
from budget_lines_paid_in($plan_id, $version_id, $quarter, $year, $until)
where unit_in_view(unit_code, $units)
