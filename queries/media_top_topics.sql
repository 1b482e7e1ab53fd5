-- one row per topic among the ten with most mentions: mentions by sentiment
-- parameters: $plan_id, $version_id, $quarter (0 = all), $year, $until
select
    coalesce(topic, '—') as topic,
    count(*) as mentions,
    count(*) filter (where sentiment = 'positive') as positive,
    count(*) filter (where sentiment = 'neutral') as neutral,
    count(*) filter (where sentiment = 'negative') as negative,
from media_at($plan_id, $version_id)
where published_on <= $until
    and in_quarter(published_on, $quarter, $year)
group by all
order by mentions desc, topic asc
limit 10
