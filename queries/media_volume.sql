-- one row per period (week or month) and sentiment: mentions published, for the volume and net-sentiment charts
-- parameters: $plan_id, $version_id, $grain ('week' or 'month'), $quarter (0 = all), $year, $until (as-of date)
select
    cast(date_trunc($grain, published_on) as date) as period_start,
    coalesce(sentiment, 'unknown') as sentiment,
    count(*) as mentions,
from media_at($plan_id, $version_id)
where published_on <= $until
    and in_quarter(published_on, $quarter, $year)
group by all
order by period_start, sentiment
