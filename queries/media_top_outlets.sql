-- one row per outlet among the ten with most mentions: mentions by sentiment
-- parameters: $plan_id, $version_id, $quarter (0 = all), $year, $until
with scoped as (
    select *
    from media_at($plan_id, $version_id)
    where published_on <= $until
        and in_quarter(published_on, $quarter, $year)
),

top as (
    select outlet, any_value(scope) as scope, count(*) as mentions,
    from scoped
    group by outlet
    order by mentions desc, outlet asc
    limit 10
)

select
    t.outlet,
    t.scope,
    t.mentions,
    count(*) filter (where s.sentiment = 'positive') as positive,
    count(*) filter (where s.sentiment = 'neutral') as neutral,
    count(*) filter (where s.sentiment = 'negative') as negative,
from top as t
inner join scoped as s on t.outlet = s.outlet
group by all
order by t.mentions desc, t.outlet asc
