-- one row per period: positive, negative and all mentions, and net sentiment (pos - neg) / (pos + neg)
-- parameters: $plan_id, $version_id, $grain ('week' or 'month'), $quarter (0 = all), $year, $until
with counted as (
    select
        cast(date_trunc($grain, published_on) as date) as period_start,
        count(*) filter (where sentiment = 'positive') as positive,
        count(*) filter (where sentiment = 'negative') as negative,
        count(*) as mentions,
    from media_at($plan_id, $version_id)
    where published_on <= $until
        and in_quarter(published_on, $quarter, $year)
    group by all
)

select
    period_start,
    positive,
    negative,
    mentions,
    case
        when positive + negative = 0 then null
        else (positive - negative) / (positive + negative)
    end as net_sentiment,
from counted
order by period_start
