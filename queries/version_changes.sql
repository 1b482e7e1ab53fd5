-- one row per sheet: rows added, changed and removed by a version against the version before it, in
-- the workbook's order of sheets
-- parameters: $plan_id, $version_id
with previous as (
    select coalesce(max(version_id), 0) as version_id
    from versions
    where plan_id = $plan_id and version_id < $version_id
),

touched as (
    select 'tasks' as sheet, row_key, valid_from, valid_to from tasks where plan_id = $plan_id
    union all
    select 'indicators' as sheet, row_key, valid_from, valid_to from indicators where plan_id = $plan_id
    union all
    select 'milestones' as sheet, row_key, valid_from, valid_to from milestones where plan_id = $plan_id
    union all
    select 'budget_lines' as sheet, row_key, valid_from, valid_to from budget_lines where plan_id = $plan_id
    union all
    select 'disbursements' as sheet, row_key, valid_from, valid_to from disbursements where plan_id = $plan_id
    union all
    select 'media' as sheet, row_key, valid_from, valid_to from media where plan_id = $plan_id
    union all
    select 'units' as sheet, row_key, valid_from, valid_to from units where plan_id = $plan_id
    union all
    select 'plan_info' as sheet, row_key, valid_from, valid_to from plan_info where plan_id = $plan_id
    union all
    select 'outlets' as sheet, row_key, valid_from, valid_to from outlets where plan_id = $plan_id
),

-- only keys with a row opened or closed between the two versions can differ: a million untouched
-- mentions are not grouped
moved as (
    select distinct t.sheet, t.row_key
    from touched as t
    cross join previous as p
    where (t.valid_from > p.version_id and t.valid_from <= $version_id)
        or (t.valid_to > p.version_id and t.valid_to <= $version_id)
),

before_after as (
    select
        t.sheet,
        t.row_key,
        bool_or(valid_at(t.valid_from, t.valid_to, p.version_id)) as was_there,
        bool_or(valid_at(t.valid_from, t.valid_to, $version_id)) as is_there,
        bool_or(t.valid_from > p.version_id and t.valid_from <= $version_id) as new_state,
    from touched as t
    semi join moved using (sheet, row_key)
    cross join previous as p
    group by t.sheet, t.row_key
)

select
    sheet,
    count(*) filter (where is_there and not was_there) as added,
    count(*) filter (where is_there and was_there and new_state) as changed,
    count(*) filter (where was_there and not is_there) as removed,
from before_after
group by sheet
having added + changed + removed > 0
order by list_position(
    ['plan_info', 'units', 'tasks', 'indicators', 'milestones', 'budget_lines', 'disbursements', 'media', 'outlets'],
    sheet
)
