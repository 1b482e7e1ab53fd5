-- one row: the plan's budget and what was disbursed up to the as-of date
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $until
with lines as (
    select *
    from budget_lines_at($plan_id, $version_id)
    where len($units) = 0 or unit_code in (select unnest($units))
)

select
    (select coalesce(sum(planned), 0) from lines) as planned,
    (
        select coalesce(sum(d.amount), 0)
        from disbursements_at($plan_id, $version_id) as d
        join lines as l on l.line_code = d.line_code
        where d.paid_on <= $until
    ) as disbursed
