-- one row per managing unit: planned amount and amount disbursed up to the as-of date
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $until
with lines as (
    select *
    from budget_lines_at($plan_id, $version_id)
    where len($units) = 0 or unit_code in (select unnest($units))
),

paid as (
    select line_code, sum(amount) as disbursed,
    from disbursements_at($plan_id, $version_id)
    where paid_on <= $until
    group by line_code
),

unit_names as (
    select unit_code, unit_name from units_at($plan_id, $version_id)
)

select
    coalesce(l.unit_code, '—') as unit_code,
    coalesce(u.unit_name, l.unit_code, '—') as unit_name,
    sum(l.planned) as planned,
    coalesce(sum(p.disbursed), 0) as disbursed,
from lines as l
left join paid as p on p.line_code = l.line_code
left join unit_names as u on u.unit_code = l.unit_code
group by all
order by planned desc
