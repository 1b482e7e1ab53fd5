-- one row per disbursement up to the as-of date (Khám phá), with its budget line's task, source and managing unit
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $quarter (0 = all), $year, $until
select
    d.line_code,
    d.paid_on,
    d.amount,
    d.voucher,
    d.note,
    l.task_code,
    l.source,
    l.unit_code,
from disbursements_at($plan_id, $version_id) as d
inner join budget_lines_at($plan_id, $version_id) as l on d.line_code = l.line_code
where d.paid_on <= $until
    and unit_in_view(l.unit_code, $units)
    and in_quarter(d.paid_on, $quarter, $year)
