-- one row per task of a plan at a version, in the plan's order, with its lead unit's name
-- parameters: $plan_id, $version_id
with tasks_now as (
    select *
    from tasks
    where plan_id = $plan_id and valid_from <= $version_id and coalesce(valid_to, 2147483647) > $version_id
),

units_now as (
    select unit_code, unit_name
    from units
    where plan_id = $plan_id and valid_from <= $version_id and coalesce(valid_to, 2147483647) > $version_id
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
from tasks_now as t
left join units_now as u on u.unit_code = t.lead_unit
order by try_cast(regexp_extract(t.task_code, '\d+') as integer) nulls last, t.task_code
