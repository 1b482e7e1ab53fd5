"""Named queries: one .sql file per question in queries/, run with bound parameters only."""

from __future__ import annotations

import functools
import re

import duckdb
import pandas as pd

from plantrack.db import MACROS, ROOT
from plantrack.settings import DEFAULT_DUE_SOON_DAYS

QUERY_DIR = ROOT / "queries"
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
# Settings of the status rules (plantrack.settings): a caller that does not name one gets its default.
SETTING_DEFAULTS = {"due_soon_days": DEFAULT_DUE_SOON_DAYS}


def names() -> list[str]:
    """Every question in queries/; macros.sql beside them holds the building blocks, not a question."""
    return sorted(path.stem for path in QUERY_DIR.glob("*.sql") if path != MACROS)


@functools.cache
def sql(name: str) -> str:
    if name not in names():
        raise KeyError(f"no query named {name!r}")
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")


def parameters(name: str) -> set[str]:
    return set(_PARAM.findall(sql(name)))


def run(cur: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """The result of queries/<name>.sql; DuckDB wants exactly the parameters the text uses."""
    wanted = parameters(name)
    params = {**SETTING_DEFAULTS, **params}
    missing = wanted - params.keys()
    if missing:
        raise TypeError(f"query {name} needs {sorted(missing)}")
    return cur.execute(sql(name), {key: _plain(params[key]) for key in wanted}).df()


def _plain(value: object) -> object:
    """numpy and pandas scalars (as read from a frame) as the Python values DuckDB binds."""
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") and not isinstance(value, (list, tuple, str)) else value
