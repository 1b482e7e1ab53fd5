-- one row per week: negative mentions, the norm of the 8 weeks before, and whether the week is a spike
-- a spike: at least 3 negative mentions and more than the previous 8 weeks' mean + 2 standard deviations
-- parameters: $plan_id, $version_id, $quarter (0 = all; the norm still counts the weeks before), $year, $until
with weeks as (
    select
        unnest(generate_series(
            cast(date_trunc('week', min(published_on)) as date),
            cast(date_trunc('week', max(published_on)) as date),
            interval 7 day
        )) as week_start
    from media_at($plan_id, $version_id)
    where published_on <= $until
),

negative as (
    select cast(date_trunc('week', published_on) as date) as week_start, count(*) as negative,
    from media_at($plan_id, $version_id)
    where published_on <= $until and sentiment = 'negative'
    group by all
),

weekly as (
    select cast(w.week_start as date) as week_start, coalesce(n.negative, 0) as negative,
    from weeks as w
    left join negative as n on n.week_start = cast(w.week_start as date)
),

normed as (
    select
        week_start,
        negative,
        avg(negative) over previous_weeks as norm,
        coalesce(stddev_pop(negative) over previous_weeks, 0) as spread,
        count(*) over previous_weeks as weeks_before,
    from weekly
    window previous_weeks as (order by week_start rows between 8 preceding and 1 preceding)
)

select
    week_start,
    negative,
    norm,
    spread,
    weeks_before >= 4 and negative >= 3 and negative > norm + 2 * spread as is_spike,
from normed
where in_quarter(week_start, $quarter, $year)
order by week_start
