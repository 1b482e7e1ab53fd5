-- one row per task of a plan at a version, in the plan's order, with its lead unit's name
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $quarter (0 = all, else 1-4), $year
with units_now as (
    select unit_code, unit_name
    from units_at($plan_id, $version_id)
),

quarter_window as (
    select
        case when $quarter = 0 then null else make_date($year, 3 * $quarter - 2, 1) end as starts_on,
        case when $quarter = 0 then null else make_date($year, 3 * $quarter - 2, 1) + interval 3 month - interval 1 day end
            as ends_on
)

select
    t.task_code,
    t.content,
    t.lead_unit,
    u.unit_name as lead_unit_name,
    t.support_units,
    t.timing_text,
    t.is_ongoing,
    t.start_on,
    t.due_on,
    t.progress,
    t.state,
    t.completed_on,
    t.updated_on,
    t.note,
from tasks_at($plan_id, $version_id) as t
cross join quarter_window as q
left join units_now as u on u.unit_code = t.lead_unit
where
    (len($units) = 0 or t.lead_unit in (select unnest($units)) or len(list_intersect(t.support_units, $units)) > 0)
    and (
        q.starts_on is null
        or (coalesce(t.start_on, make_date($year, 1, 1)) <= q.ends_on and coalesce(t.due_on, make_date($year, 12, 31)) >= q.starts_on)
    )
order by try_cast(regexp_extract(t.task_code, '\d+') as integer) nulls last, t.task_code
