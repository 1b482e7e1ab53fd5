"""Khám phá's Streamlit glue: an exploration's aggregate, rows, count or options, cached until the data changes."""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from pages.common import ui
from plantrack import auth, explore, measures
from plantrack.db import database_path


# The results themselves, not pickles (ui._cached_query says why); explored() hands out copies.
@st.cache_resource(max_entries=512, show_spinner=False)
def _cached_explore(
    _cur: duckdb.DuckDBPyConnection,
    db: str,
    stamp: tuple,
    what: str,
    exploration: explore.Exploration,
    column: str | None,
    params: tuple,
    lang: str,
) -> object:
    values = {key: list(value) if isinstance(value, tuple) else value for key, value in params}
    if what == "options":
        return explore.options(_cur, exploration.spec, column, values, lang)
    if what == "count":
        return explore.count(_cur, exploration, values, lang)
    if what == "rows":
        return explore.rows(_cur, exploration, values, lang)
    return explore.aggregate(_cur, exploration, values, lang)


def explored(view: ui.View, what: str, exploration: explore.Exploration, column: str | None = None) -> object:
    """An exploration's aggregate, rows, count or a column's options, cached until the data changes."""
    auth.require_viewer(st.session_state)
    params = tuple(sorted((key, ui.hashable(value)) for key, value in view.params().items()))
    result = _cached_explore(view.cur, str(database_path()), view.stamp, what, exploration, column, params, view.lang)
    return result.copy() if isinstance(result, (pd.DataFrame, list)) else result


def _digits(values: pd.Series) -> int:
    """One decimal unless every value is whole, as Khám phá writes averages and shares."""
    present = [float(v) for v in values if v is not None and not pd.isna(v)]
    return 0 if all(v.is_integer() for v in present) else 1


_VALUE_KINDS = {"int": "count", "money": "money", "percent": "percent", "number": "number"}


def result_table(
    result: pd.DataFrame, exploration: explore.Exploration, lang: str
) -> tuple[pd.DataFrame, tuple[measures.Column, ...]]:
    """The aggregate as the table shows it: the groups labelled, the row count and the value as numbers."""
    frame, headers = explore.table_frame(result, exploration, lang)
    columns = []
    for name, header in headers.items():
        if name == "value":
            kind = explore.value_kind(exploration)
            digits = 0 if kind == "int" else 1
            columns.append(measures.Column(name, kind=_VALUE_KINDS[kind], digits=digits, heading=header))
        elif name == "n_rows":
            columns.append(measures.Column(name, kind="count", heading=header))
        else:
            kind = "date" if pd.api.types.is_datetime64_any_dtype(frame[name]) else "text"
            columns.append(measures.Column(name, kind=kind, heading=header))
    return frame, tuple(columns)


def rows_table(
    found: pd.DataFrame, spec: explore.Dataset, lang: str
) -> tuple[pd.DataFrame, tuple[measures.Column, ...]]:
    """Matching rows as the table shows them: codes labelled, numbers and dates as they are stored."""
    labelled, headers = explore.rows_frame(found, spec, lang)
    frame = labelled.copy()
    columns = []
    for field_ in spec.fields:
        name, kind, digits = field_.name, "text", 0
        if field_.kind in ("date", "number"):
            frame[name] = found[name].reset_index(drop=True)
        if field_.kind == "date":
            kind = "date"
        elif field_.kind == "number":
            kind = _VALUE_KINDS.get(field_.fmt, "number")
            digits = 0 if kind in ("money", "count") else _digits(frame[name])
            # Whole numbers read 1.234 like every count.
            kind = "count" if kind == "number" and not digits else kind
        columns.append(measures.Column(name, kind=kind, digits=digits, heading=headers[name]))
    return frame, tuple(columns)
