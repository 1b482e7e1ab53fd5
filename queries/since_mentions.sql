-- one row: mentions published after $since and up to the as-of date, by sentiment and scope; false-information cases new or answered then
-- parameters: $plan_id, $version_id, $since, $until
select
    count(*) filter (where published_on > $since) as mentions,
    count(*) filter (where published_on > $since and sentiment = 'positive') as positive,
    count(*) filter (where published_on > $since and sentiment = 'neutral') as neutral,
    count(*) filter (where published_on > $since and sentiment = 'negative') as negative,
    count(*) filter (where published_on > $since and scope = 'foreign') as foreign_mentions,
    count(*) filter (where published_on > $since and is_false) as false_new,
    count(*) filter (where is_false and responded_on > $since and responded_on <= $until) as false_answered,
from media_at($plan_id, $version_id)
where published_on <= $until
