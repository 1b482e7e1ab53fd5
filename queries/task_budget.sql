-- one row per budget line of one task: planned and disbursed up to the as-of date
-- parameters: $plan_id, $version_id, $task_code, $until
select
    l.line_code,
    l.content,
    l.source,
    l.unit_code,
    l.planned,
    coalesce(sum(d.amount) filter (where d.paid_on <= $until), 0) as disbursed,
from budget_lines_at($plan_id, $version_id) as l
left join disbursements_at($plan_id, $version_id) as d on d.line_code = l.line_code
where l.task_code = $task_code
group by all
order by l.line_code
