-- one row per month of the plan year (of the quarter, when one is chosen): disbursed, cumulative since 1 January, the year's plan
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $quarter (0 = all), $year, $until
with lines as (
    select *
    from budget_lines_at($plan_id, $version_id)
    where unit_in_view(unit_code, $units)
),

months as (
    select cast(unnest(generate_series(make_date($year, 1, 1), make_date($year, 12, 1), interval 1 month)) as date)
        as month_start
),

paid as (
    select cast(date_trunc('month', d.paid_on) as date) as month_start, sum(d.amount) as disbursed,
    from disbursements_at($plan_id, $version_id) as d
    inner join lines as l on d.line_code = l.line_code
    where d.paid_on <= $until
    group by all
)

select
    m.month_start,
    coalesce(p.disbursed, 0) as disbursed,
    case
        when m.month_start <= $until then sum(coalesce(p.disbursed, 0)) over (order by m.month_start)
    end as cumulative,
    (select coalesce(sum(planned), 0) from lines) as planned_total,
from months as m
left join paid as p on m.month_start = p.month_start
-- The cumulative sum runs over the whole year first: a quarter's line starts where the last one ended.
qualify in_quarter(m.month_start, $quarter, $year)
order by m.month_start
