-- one row per unit of a plan at a version: the department's own divisions first
-- parameters: $plan_id, $version_id
select
    unit_code,
    unit_name,
    unit_kind,
from units_at($plan_id, $version_id)
order by unit_kind = 'external', unit_code
