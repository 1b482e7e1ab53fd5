-- The building blocks every query file uses, loaded by plantrack.db.ensure_schema at connect.
-- A macro must come after the macros it calls: DuckDB binds a macro's body when it is created.
-- The linter reads a macro's parameters (p, v, units) as columns of no table: RF02 and RF03 do not apply.
-- noqa: disable=RF02,RF03

-- Version ids run up to this one: a row still open (valid_to null) is valid at every version.
create or replace macro open_version() as 2147483647;

-- A row is part of version v when valid_from <= v < coalesce(valid_to, ∞) (plantrack.db).
create or replace macro valid_at(valid_from, valid_to, v) as (
    valid_from <= v and coalesce(valid_to, open_version()) > v
);

-- The units chosen in the sidebar: a row of one of them (an empty list: every unit is chosen).
create or replace macro unit_in_view(unit_code, units) as (
    len(units) = 0 or unit_code in (select unnest(units))
);

-- A list of units (a task's supporting units) names one of the given units; a missing list names none.
create or replace macro names_a_unit(unit_list, units) as (
    len(list_intersect(unit_list, units)) > 0
);

-- A task is in view when its lead unit or one of its supporting units is chosen.
create or replace macro task_in_view(lead_unit, support_units, units) as (
    unit_in_view(lead_unit, units) or names_a_unit(support_units, units)
);

-- The plan's order of tasks: by the number in the code (NV2 before NV10), then by the code, codes
-- without a number last. A struct, so that a query orders by one expression. Khám phá lists the
-- other codes (milestones, budget lines) in the same order.
create or replace macro task_order(task_code) as {
    'unnumbered': try_cast(regexp_extract(task_code, '\d+') as integer) is null,
    'number': try_cast(regexp_extract(task_code, '\d+') as integer),
    'code': task_code
};

-- A task is done when its state is Hoàn thành or its progress is 100 % or more (DESIGN §5, rule 1).
-- plantrack.status reads the same rule over frames in Python; tests/test_queries_macros.py holds
-- the two equal on a table of cases.
create or replace macro is_done(state, progress) as (
    coalesce(state = 'done' or progress >= 100, false)
);

-- A day is in quarter q of year y (q = 0: no quarter chosen, every day is in). The year too: a
-- quarter alone would mix the same quarter of two years.
create or replace macro in_quarter(day, q, y) as (
    q = 0 or (year(day) = y and quarter(day) = q)
);

-- A text as a key to match on, case, diacritics (đ too) and punctuation set aside: 'Khai mạc Lễ hội!'
-- is 'khai mac le hoi'; a missing text is ''.
create or replace macro text_key(value) as (
    trim(regexp_replace(
        lower(strip_accents(replace(replace(coalesce(value, ''), 'đ', 'd'), 'Đ', 'D'))), '[^\p{L}\p{N}]+', ' ', 'g'
    ))
);

-- A milestone's state at the as-of date: ms_done (completed by then), ms_late (due before it, not
-- completed), ms_due (due within due_soon_days), ms_ahead.
create or replace macro milestone_state(completed_on, due_on, until, due_soon_days) as (
    case
        when completed_on is not null and completed_on <= until then 'ms_done'
        when due_on < until then 'ms_late'
        when due_on <= until + due_soon_days then 'ms_due'
        else 'ms_ahead'
    end
);

-- The rows of plan p as they were at version v, one macro per sheet of the contract
-- (tests/test_queries_macros.py holds this list equal to plantrack.contract.SHEETS).
create or replace macro plan_info_at(p, v) as table
    select * from plan_info where plan_id = p and valid_at(valid_from, valid_to, v);

create or replace macro units_at(p, v) as table
    select * from units where plan_id = p and valid_at(valid_from, valid_to, v);

create or replace macro tasks_at(p, v) as table
    select * from tasks where plan_id = p and valid_at(valid_from, valid_to, v);

create or replace macro indicators_at(p, v) as table
    select * from indicators where plan_id = p and valid_at(valid_from, valid_to, v);

create or replace macro milestones_at(p, v) as table
    select * from milestones where plan_id = p and valid_at(valid_from, valid_to, v);

create or replace macro budget_lines_at(p, v) as table
    select * from budget_lines where plan_id = p and valid_at(valid_from, valid_to, v);

create or replace macro disbursements_at(p, v) as table
    select * from disbursements where plan_id = p and valid_at(valid_from, valid_to, v);

create or replace macro media_at(p, v) as table
    select * from media where plan_id = p and valid_at(valid_from, valid_to, v);

create or replace macro outlets_at(p, v) as table
    select * from outlets where plan_id = p and valid_at(valid_from, valid_to, v);

-- The versions a rollback up to version v undid: those after its target and before it. Their data
-- never stood once the rollback was made, so history leaves them out.
create or replace macro undone_versions(p, v) as table
    select u.version_id
    from versions as u
    where u.plan_id = p and u.version_id <= v
        and exists (
            select 1 from versions as r
            where r.plan_id = p and r.kind = 'rollback' and r.version_id <= v
                and r.rollback_of < u.version_id and u.version_id < r.version_id
        );

-- Every task at each data date up to version v (a date re-sent keeps only its last version; a
-- version a rollback undid is skipped): the base of the progress history, per task and for the plan.
create or replace macro tasks_by_date(p, v) as table
    with last_per_date as (
        select as_of, max(version_id) as version_id
        from versions
        where plan_id = p and version_id <= v
            and version_id not in (select version_id from undone_versions(p, v))
        group by as_of
    )

    select d.as_of, t.*
    from last_per_date as d
    inner join tasks as t
        on t.plan_id = p and valid_at(t.valid_from, t.valid_to, d.version_id);

-- Budget lines with what was paid on each up to a date: the base of every budget question.
-- Payments are summed per line before the join: grouping the joined rows by every column of
-- the line took 3–6 times longer with 20.000 lines and 100.000 payments.
create or replace macro budget_lines_paid_at(p, v, until) as table
    with paid as (
        select line_code, sum(amount) filter (where paid_on <= until) as disbursed
        from disbursements_at(p, v)
        group by line_code
    )

    select l.*, coalesce(d.disbursed, 0) as disbursed
    from budget_lines_at(p, v) as l
    left join paid as d on l.line_code = d.line_code;

-- The same, counting only payments in quarter q of year y (q = 0: every payment up to the date).
create or replace macro budget_lines_paid_in(p, v, q, y, until) as table
    with paid as (
        select line_code, sum(amount) filter (where paid_on <= until and in_quarter(paid_on, q, y)) as disbursed
        from disbursements_at(p, v)
        group by line_code
    )

    select l.*, coalesce(d.disbursed, 0) as disbursed
    from budget_lines_at(p, v) as l
    left join paid as d on l.line_code = d.line_code;
