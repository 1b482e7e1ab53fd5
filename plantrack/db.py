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
# The macros every query uses (tasks_at, valid_at, …): SQL in a SQL file, loaded after the tables.
MACROS = ROOT / "queries" / "macros.sql"


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
    # Column mappings of monitoring exports (plantrack.mapping): one per name, shared by every plan,
    # found again by the signature of the headers they were made for.
    """create table if not exists column_mappings (
  name varchar primary key,
  signature varchar not null,
  columns json not null,
  user_name varchar,
  saved_at timestamp not null
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
    _add_new_columns(con)
    con.execute(MACROS.read_text(encoding="utf-8"))


def _add_new_columns(con: duckdb.DuckDBPyConnection) -> None:
    """A database made before a column joined the contract gains it, empty (NULL) in every row."""
    present = {
        (table, column)
        for table, column in con.execute(
            "select table_name, column_name from information_schema.columns where table_schema = 'main'"
        ).fetchall()
    }
    for spec in SHEETS:
        for column in spec.columns:
            if (spec.name, column.field) not in present:
                con.execute(f"alter table {quote(spec.name)} add column {quote(column.field)} {column.sql_type}")


def current_rows_sql(spec: Sheet) -> str:
    """The rows of one plan at one version; parameters $plan_id and $version_id."""
    return f"select * from {quote(spec.name)} where plan_id = $plan_id and valid_at(valid_from, valid_to, $version_id)"
