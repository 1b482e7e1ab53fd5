-- one row: mentions in the as-of month and the month before, negative ones, and open false-information cases
-- parameters: $plan_id, $version_id, $until
with scoped as (
    select published_on, sentiment, is_false, response,
    from media_at($plan_id, $version_id)
    where published_on <= $until
)

select
    count(*) filter (where date_trunc('month', published_on) = date_trunc('month', $until)) as month_mentions,
    count(*) filter (
        where date_trunc('month', published_on) = date_trunc('month', $until) and sentiment = 'negative'
    ) as month_negative,
    count(*) filter (
        where date_trunc('month', published_on) = date_trunc('month', $until) - interval 1 month
    ) as previous_month_mentions,
    count(*) filter (where is_false) as false_cases,
    count(*) filter (where is_false and coalesce(response, 'not_handled') in ('not_handled', 'reported')) as false_open,
    count(*) as mentions,
from scoped
