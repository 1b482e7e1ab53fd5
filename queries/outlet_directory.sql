-- one row per outlet of the plan: its entry in the directory, or, for an outlet only seen in mentions, what they say most often
-- parameters: $plan_id, $version_id
with listed as (
    select outlet, scope, medium, language, tier, note,
    from outlets_at($plan_id, $version_id)
),

mentions as (
    select
        outlet,
        lower(outlet) as outlet_key,
        scope,
        medium,
        language,
        outlet_tier,
        count(*) over (partition by lower(outlet), scope) as scope_n,
        count(*) over (partition by lower(outlet), medium) as medium_n,
        count(*) over (partition by lower(outlet), language) as language_n,
        count(*) over (partition by lower(outlet), outlet_tier) as tier_n,
    from media_at($plan_id, $version_id)
),

seen as (
    select
        outlet_key,
        min(outlet) as outlet,
        count(*) as mentions,
        -- ties go to the later code or word, so the answer never depends on row order
        arg_max(scope, (scope_n, scope)) as scope,
        arg_max(medium, (medium_n, medium)) as medium,
        arg_max(language, (language_n, language)) as language,
        arg_max(outlet_tier, (tier_n, outlet_tier)) as tier,
    from mentions
    group by outlet_key
)

select
    l.outlet,
    l.scope,
    l.medium,
    l.language,
    l.tier,
    l.note,
    coalesce(s.mentions, 0) as mentions,
    true as is_listed,
from listed as l
left join seen as s on s.outlet_key = lower(l.outlet)

union all

select
    s.outlet,
    s.scope,
    s.medium,
    s.language,
    s.tier,
    null as note,
    s.mentions,
    false as is_listed,
from seen as s
where s.outlet_key not in (select lower(outlet) from listed)

order by is_listed desc, mentions desc, outlet asc
