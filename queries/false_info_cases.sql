-- one row per mention flagged as false information, newest first, with its response and days to respond
-- parameters: $plan_id, $version_id, $quarter (0 = all), $year, $until
select
    published_on,
    outlet,
    scope,
    title,
    url,
    topic,
    response,
    responded_on,
    case when responded_on is not null then date_diff('day', published_on, responded_on) end as days_to_respond,
    case
        when responded_on is null and coalesce(response, 'not_handled') in ('not_handled', 'reported')
            then date_diff('day', published_on, $until)
    end as days_open,
from media_at($plan_id, $version_id)
where is_false and published_on <= $until
    and in_quarter(published_on, $quarter, $year)
order by published_on desc, outlet asc
