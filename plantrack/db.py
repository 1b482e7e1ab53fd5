"""The DuckDB database: schema derived from the contract, and versioned rows.

Every data table holds rows with `valid_from` / `valid_to` version ids: a row is part of version v
when valid_from <= v < coalesce(valid_to, ∞). An import closes the rows it changes or removes and
adds their new state, so storage grows with what changed, never with versions × table size, and
every earlier version stays queryable.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from plantrack.contract import SHEETS, Sheet

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "plantrack.duckdb"
OPEN_VERSION = 2**31 - 1


def database_path(path: str | Path | None = None) -> Path:
    if path is not None:
        return Path(path)
    return Path(os.environ.get("PLANTRACK_DB") or DEFAULT_DB)


def quote(identifier: str) -> str:
    """Quotes an identifier that comes from the contract (an allow-list), never from user input."""
    return '"' + identifier.replace('"', '""') + '"'


def table_ddl(spec: Sheet) -> str:
    columns = ",\n  ".join(f"{quote(c.field)} {c.sql_type}" for c in spec.columns)
    return (
        f"create table if not exists {quote(spec.name)} (\n"
        f"  plan_id integer not null,\n  row_key varchar not null,\n  {columns},\n"
        f"  valid_from integer not null,\n  valid_to integer\n)"
    )


SCHEMA = [
    """create table if not exists plans (
  plan_id integer primary key,
  plan_key varchar not null,
  is_demo boolean not null default false,
  created_at timestamp not null default current_timestamp
)""",
    """create table if not exists versions (
  version_id integer primary key,
  plan_id integer not null,
  created_at timestamp not null,
  user_name varchar,
  file_name varchar,
  sha256 varchar,
  as_of date not null,
  kind varchar not null,
  rollback_of integer,
  counts json
)""",
    # A sequence, not max + 1: two sessions logging at once must not share an id.
    "create sequence if not exists audit_event_seq",
    """create table if not exists audit_log (
  event_id bigint,
  logged_at timestamp not null,
  user_name varchar,
  action varchar not null,
  plan_id integer,
  version_id integer,
  file_name varchar,
  sha256 varchar,
  outcome varchar,
  detail varchar
)""",
    """create table if not exists editors (
  user_name varchar primary key,
  salt blob not null,
  password_hash blob not null,
  created_at timestamp not null
)""",
    # Roles and disabling (added after the first release: existing databases gain the columns).
    "alter table editors add column if not exists is_admin boolean default false",
    "alter table editors add column if not exists disabled_at timestamp",
    *(table_ddl(spec) for spec in SHEETS),
    # `tasks_at(plan, version)` and friends: the rows of a plan as they were at a version.
    *(
        f"create or replace macro {spec.name}_at(p, v) as table select * from {quote(spec.name)} "
        f"where plan_id = p and valid_from <= v and coalesce(valid_to, {OPEN_VERSION}) > v"
        for spec in SHEETS
    ),
    # The versions a rollback up to version v undid: those after its target and before it. Their data
    # never stood once the rollback was made, so history leaves them out.
    """create or replace macro undone_versions(p, v) as table
    select u.version_id
    from versions as u
    where u.plan_id = p and u.version_id <= v and exists (
        select 1 from versions as r
        where r.plan_id = p and r.kind = 'rollback' and r.version_id <= v
          and r.rollback_of < u.version_id and u.version_id < r.version_id
    )""",
    # Every task at each data date up to version v (a date re-sent keeps only its last version; a
    # version a rollback undid is skipped): the base of the progress history, per task and for the plan.
    f"""create or replace macro tasks_by_date(p, v) as table
    with last_per_date as (
        select as_of, max(version_id) as version_id
        from versions
        where plan_id = p and version_id <= v
          and version_id not in (select version_id from undone_versions(p, v))
        group by as_of
    )
    select d.as_of, t.*
    from last_per_date as d
    join tasks as t
        on t.plan_id = p and t.valid_from <= d.version_id and coalesce(t.valid_to, {OPEN_VERSION}) > d.version_id""",
    # Budget lines with what was paid on each up to a date: the base of every budget question.
    # Payments are summed per line before the join: grouping the joined rows by every column of
    # the line took 3–6 times longer with 20.000 lines and 100.000 payments.
    """create or replace macro budget_lines_paid_at(p, v, until) as table
    select l.*, coalesce(d.disbursed, 0) as disbursed
    from budget_lines_at(p, v) as l
    left join (
        select line_code, sum(amount) filter (where paid_on <= until) as disbursed
        from disbursements_at(p, v)
        group by line_code
    ) as d on d.line_code = l.line_code""",
    # The same, counting only payments in quarter q of year y (q = 0: every payment up to the date).
    """create or replace macro budget_lines_paid_in(p, v, q, y, until) as table
    select l.*, coalesce(d.disbursed, 0) as disbursed
    from budget_lines_at(p, v) as l
    left join (
        select line_code, sum(amount) filter (
            where paid_on <= until and (q = 0 or (year(paid_on) = y and quarter(paid_on) = q))
        ) as disbursed
        from disbursements_at(p, v)
        group by line_code
    ) as d on d.line_code = l.line_code""",
]


def connect(path: str | Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    target = database_path(path)
    if str(target) != ":memory:":
        target.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(target), read_only=read_only)
    # Stored timestamps mean UTC whatever the server's TZ (plantrack.clock); cursors share the setting.
    con.execute("set global TimeZone = 'UTC'")
    if not read_only:
        ensure_schema(con)
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for statement in SCHEMA:
        con.execute(statement)


def current_rows_sql(spec: Sheet) -> str:
    """The rows of one plan at one version; parameters $plan_id and $version_id."""
    return (
        f"select * from {quote(spec.name)} where plan_id = $plan_id "
        f"and valid_from <= $version_id and coalesce(valid_to, {OPEN_VERSION}) > $version_id"
    )
