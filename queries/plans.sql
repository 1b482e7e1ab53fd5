-- one row per plan: its current title, year and number, whether it is demo data, and its newest version
-- parameters: none
with latest as (
    select plan_id, max(version_id) as version_id, max(as_of) as as_of
    from versions
    group by plan_id
),

info as (
    select plan_id, title, year, doc_number, issuer, issued_on
    from plan_info
    where valid_to is null
)

select
    p.plan_id,
    p.is_demo,
    i.title,
    i.year,
    i.doc_number,
    i.issuer,
    i.issued_on,
    l.version_id,
    l.as_of,
from plans as p
left join info as i on p.plan_id = i.plan_id
left join latest as l on p.plan_id = l.plan_id
order by i.year desc nulls last, p.plan_id desc
