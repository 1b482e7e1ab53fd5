-- one row per mention up to the as-of date, with its run of same-titled mentions (each at most a day after the one before) and its story note as a key: plantrack.stories joins runs sharing a note into stories
-- parameters: $plan_id, $version_id, $quarter (0 = all), $year, $until
with mentions as (
    select
        row_key,
        published_on,
        outlet,
        title,
        text_key(title) as title_key,
        text_key(story_note) as note_key,
    from media_at($plan_id, $version_id)
    where published_on <= $until
        and in_quarter(published_on, $quarter, $year)
),

chained as (
    select
        *,
        title_key = '' or coalesce(published_on - lag(published_on) over same_title > 1, true) as starts_run,
    from mentions
    window same_title as (partition by title_key order by published_on, row_key)
)

select
    published_on,
    outlet,
    title,
    sum(cast(starts_run as integer)) over (
        order by title_key, published_on, row_key rows unbounded preceding
    ) as title_run,
    -- a note of fewer than four words is a label ("Khiếu nại"), not an account of one event
    case when len(string_split(note_key, ' ')) >= 4 then note_key end as note_key,
from chained
order by published_on, outlet, row_key
