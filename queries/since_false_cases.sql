-- one row per false-information case published or answered after $since and up to the as-of date, newest first
-- parameters: $plan_id, $version_id, $since, $until
select
    published_on,
    outlet,
    scope,
    title,
    url,
    response,
    responded_on,
    published_on > $since as is_new,
    case when responded_on is not null then date_diff('day', published_on, responded_on) end as days_to_respond,
from media_at($plan_id, $version_id)
where is_false
    and published_on <= $until
    and (published_on > $since or (responded_on > $since and responded_on <= $until))
order by published_on desc, outlet asc
