-- one row per mention up to the as-of date: what plantrack.stories groups into stories carried by several outlets
-- parameters: $plan_id, $version_id, $quarter (0 = all), $until
select
    published_on,
    outlet,
    title,
    story_note,
    scope,
    sentiment,
from media_at($plan_id, $version_id)
where published_on <= $until
    and ($quarter = 0 or quarter(published_on) = $quarter)
order by published_on, outlet, row_key
