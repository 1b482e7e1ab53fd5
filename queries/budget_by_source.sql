-- one row per funding source: planned amount and amount disbursed up to the as-of date (in the quarter, when one is chosen)
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $quarter (0 = all), $year, $until
select
    source,
    sum(planned) as planned,
    sum(disbursed) as disbursed,
from budget_lines_paid_in($plan_id, $version_id, $quarter, $year, $until)
where unit_in_view(unit_code, $units)
group by source
order by planned desc
