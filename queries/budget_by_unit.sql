-- one row per managing unit: planned amount and amount disbursed up to the as-of date (in the quarter, when one is chosen)
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $quarter (0 = all), $year, $until
select
    coalesce(l.unit_code, '—') as unit_code,
    coalesce(u.unit_name, l.unit_code, '—') as unit_name,
    sum(l.planned) as planned,
    sum(l.disbursed) as disbursed,
from budget_lines_paid_in($plan_id, $version_id, $quarter, $year, $until) as l
left join units_at($plan_id, $version_id) as u on l.unit_code = u.unit_code
where unit_in_view(l.unit_code, $units)
group by all
order by planned desc
