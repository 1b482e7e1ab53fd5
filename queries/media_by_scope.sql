-- one row per scope (domestic / foreign) and sentiment: mentions
-- parameters: $plan_id, $version_id, $quarter (0 = all), $until
select
    scope,
    coalesce(sentiment, 'unknown') as sentiment,
    count(*) as mentions,
from media_at($plan_id, $version_id)
where published_on <= $until
    and ($quarter = 0 or quarter(published_on) = $quarter)
group by all
order by scope, sentiment
