-- one row per budget line (Khám phá): planned, disbursed up to the as-of date, what remains and the share disbursed
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $until
with lines as (
    select *
    from budget_lines_at($plan_id, $version_id)
    where unit_in_view(unit_code, $units)
),

paid as (
    select line_code, sum(amount) as disbursed,
    from disbursements_at($plan_id, $version_id)
    where paid_on <= $until
    group by line_code
)

select
    l.line_code,
    l.task_code,
    l.content,
    l.source,
    l.unit_code,
    l.planned,
    l.note,
    cast(coalesce(p.disbursed, 0) as bigint) as disbursed,
    cast(l.planned - coalesce(p.disbursed, 0) as bigint) as remaining,
    case when l.planned > 0 then 100.0 * coalesce(p.disbursed, 0) / l.planned end as disbursed_pct,
from lines as l
left join paid as p on l.line_code = p.line_code
