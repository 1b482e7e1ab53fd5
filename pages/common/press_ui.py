"""Dư luận báo chí, syndicated stories: how many stories the mentions tell, and who carried each one."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import streamlit as st

from pages.common import ui
from plantrack import measures, queries, stories
from plantrack.db import database_path
from plantrack.i18n import format_number


@st.cache_data(max_entries=64, show_spinner=False)
def _stories(
    _cur: duckdb.DuckDBPyConnection,
    db: str,
    stamp: tuple,
    plan_id: int,
    version_id: int,
    quarter: int,
    year: int,
    until: dt.date,
) -> pd.DataFrame:
    """One row per story, cached until the data changes (grouping a year of mentions takes a moment)."""
    mentions = queries.run(
        _cur, "media_story_mentions", plan_id=plan_id, version_id=version_id, quarter=quarter, year=year, until=until
    )
    return stories.summary(stories.group(mentions))


def grain(view: ui.View) -> str:
    """Weeks or months for the press charts over time, kept in the URL (?grain=)."""
    chosen = (
        st.segmented_control(
            view.t("grain"),
            ["week", "month"],
            default=st.query_params.get("grain", "month"),
            format_func=lambda g: view.t(f"grain_{g}"),
            key=f"grain_choice_{view.lang}",
        )
        or "month"
    )
    st.query_params["grain"] = chosen
    return chosen


def stories_section(view: ui.View) -> None:
    st.subheader(view.t("stories_title"))
    found = _stories(
        view.cur, str(database_path()), view.stamp, view.plan_id, view.version_id, view.quarter, view.year, view.as_of
    ).copy()
    mentions, told = int(found["mentions"].sum()), len(found)
    left, right = st.columns(2)
    left.metric(view.t("rows_media"), format_number(mentions, view.lang))
    right.metric(view.t("stories_metric"), format_number(told, view.lang))
    st.caption(view.t("stories_rule"))
    ui.table(
        found[found["outlets"] >= 2],
        view,
        (
            measures.column("title", label="col_story", width="medium"),
            *measures.columns("first_published", "mentions", "outlets", "outlet_list"),
        ),
        empty_key="no_syndicated",
        title=view.t("stories_title"),
    )
