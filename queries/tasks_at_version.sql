-- one row per task of a plan at a version, in the plan's order, with its lead unit's name and the data date
-- of the upload in which its progress last changed (progress_changed_on; null if it never changed)
-- parameters: $plan_id, $version_id, $units (varchar[], empty = all), $quarter (0 = all, else 1-4), $year
with units_now as (
    select unit_code, unit_name
    from units_at($plan_id, $version_id)
),

progress_changes as (
    select row_key, max(valid_from) as version_id,
    from (
        select
            row_key,
            valid_from,
            progress,
            lag(progress) over (partition by row_key order by valid_from) as previous_progress,
            row_number() over (partition by row_key order by valid_from) as nth,
        from tasks
        where plan_id = $plan_id and valid_from <= $version_id
    ) as versions_of_a_task
    where nth > 1 and progress is distinct from previous_progress
    group by row_key
),

quarter_window as (
    select
        case when $quarter = 0 then null else make_date($year, 3 * $quarter - 2, 1) end as starts_on,
        case
            when $quarter = 0 then null
            else make_date($year, 3 * $quarter - 2, 1) + interval 3 month - interval 1 day
        end as ends_on,
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
    v.as_of as progress_changed_on,
from tasks_at($plan_id, $version_id) as t
cross join quarter_window as q
left join units_now as u on t.lead_unit = u.unit_code
left join progress_changes as c on t.row_key = c.row_key
left join versions as v on c.version_id = v.version_id
where
    task_in_view(t.lead_unit, t.support_units, $units)
    and (
        q.starts_on is null
        or (
            coalesce(t.start_on, make_date($year, 1, 1)) <= q.ends_on
            and coalesce(t.due_on, make_date($year, 12, 31)) >= q.starts_on
        )
    )
order by task_order(t.task_code)
