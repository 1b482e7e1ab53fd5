-- one row per funding source: planned amount and amount disbursed up to the as-of date
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
)

select
    l.source,
    sum(l.planned) as planned,
    coalesce(sum(p.disbursed), 0) as disbursed,
from lines as l
left join paid as p on p.line_code = l.line_code
group by l.source
order by planned desc
