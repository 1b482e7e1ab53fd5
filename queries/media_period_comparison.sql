-- one row per window (current, previous, year_before): mentions, distinct outlets, mentions by sentiment and by scope
-- parameters: $plan_id, $version_id, $until, $current_from, $current_to, $previous_from, $previous_to, $year_before_from, $year_before_to
with windows as (
    select
        w.position,
        w.window_name,
        cast(w.starts_on as date) as starts_on,
        least(cast(w.ends_on as date), cast($until as date)) as ends_on,
    from (
        values
        (1, 'current', $current_from, $current_to),
        (2, 'previous', $previous_from, $previous_to),
        (3, 'year_before', $year_before_from, $year_before_to)
    ) as w (position, window_name, starts_on, ends_on)
)

select
    w.window_name,
    w.starts_on,
    w.ends_on,
    count(m.published_on) as mentions,
    -- An outlet typed with other spacing or case is the same outlet.
    count(distinct lower(trim(m.outlet))) as outlets,
    count(*) filter (where m.sentiment = 'positive') as positive,
    count(*) filter (where m.sentiment = 'neutral') as neutral,
    count(*) filter (where m.sentiment = 'negative') as negative,
    count(*) filter (where m.scope = 'domestic') as domestic,
    count(*) filter (where m.scope = 'foreign') as foreign_mentions,
from windows as w
left join media_at($plan_id, $version_id) as m on m.published_on between w.starts_on and w.ends_on
group by all
order by any_value(w.position)
