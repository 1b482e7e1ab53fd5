-- one row (none for an unknown version): the plan a version belongs to
-- parameters: $version_id
select plan_id
from versions
where version_id = $version_id
