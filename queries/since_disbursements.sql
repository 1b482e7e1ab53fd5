-- one row per disbursement paid after $since and up to the as-of date, newest first, with its line's content and source
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $since, $until
select
    d.paid_on,
    d.line_code,
    l.task_code,
    l.content,
    l.source,
    d.amount,
    d.voucher,
from disbursements_at($plan_id, $version_id) as d
inner join budget_lines_at($plan_id, $version_id) as l on d.line_code = l.line_code
where d.paid_on > $since and d.paid_on <= $until
    and unit_in_view(l.unit_code, $units)
order by d.paid_on desc, d.line_code asc
