-- one row: mentions in the as-of month and the month before, in the chosen quarter, negative ones, and open false-information cases
-- parameters: $plan_id, $version_id, $quarter (0 = none chosen), $year, $until
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
    count(*) filter (where $quarter > 0 and in_quarter(published_on, $quarter, $year))
        as quarter_mentions,
    count(*) filter (
        where $quarter > 0 and in_quarter(published_on, $quarter, $year) and sentiment = 'negative'
    ) as quarter_negative,
    count(*) filter (where is_false) as false_cases,
    count(*) filter (where is_false and coalesce(response, 'not_handled') in ('not_handled', 'reported')) as false_open,
    count(*) as mentions,
from scoped
