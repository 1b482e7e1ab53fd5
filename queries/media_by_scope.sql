-- one row per scope (domestic / foreign) and sentiment: mentions
-- parameters: $plan_id, $version_id, $quarter (0 = all), $year, $until
select
    scope,
    coalesce(sentiment, 'unknown') as sentiment,
    count(*) as mentions,
from media_at($plan_id, $version_id)
where published_on <= $until
    and in_quarter(published_on, $quarter, $year)
group by all
order by scope, sentiment
