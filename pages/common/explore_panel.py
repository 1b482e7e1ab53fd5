"""Khám phá's Streamlit glue: an exploration's aggregate, rows, count or options, cached until the data changes."""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from pages.common import ui
from plantrack import auth, explore
from plantrack.db import database_path


@st.cache_data(max_entries=512, show_spinner=False)
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
