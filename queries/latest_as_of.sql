-- one row (none before the plan's first version): the data date of the plan's newest version
-- parameters: $plan_id
select as_of
from versions
where plan_id = $plan_id
order by version_id desc
limit 1
