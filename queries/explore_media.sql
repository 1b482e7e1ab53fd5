-- one row per media mention published up to the as-of date (Khám phá), with the days it took to respond
-- parameters: $plan_id, $version_id, $quarter (0 = all), $year, $until
select
    published_on,
    outlet,
    scope,
    medium,
    language,
    title,
    summary,
    url,
    topic,
    sentiment,
    is_false,
    task_code,
    response,
    responded_on,
    reach,
    case when responded_on is not null then date_diff('day', published_on, responded_on) end as days_to_respond,
from media_at($plan_id, $version_id)
where published_on <= $until
    and in_quarter(published_on, $quarter, $year)
