"""The Streamlit glue: cached connection, cursor per run, filters in the URL, sidebar, labels.

Only pages import this module; the logic it calls lives in `plantrack`, which never imports Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd
import streamlit as st

from plantrack import demo, queries
from plantrack.db import connect, database_path
from plantrack.i18n import LANGS, format_date, t

PAGES = (("dashboard.py", "page_overview"),)


@st.cache_resource
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    """One connection per server process; a fresh database gets the demo plan."""
    con = connect(path)
    demo.load_if_fresh(con)
    return con


@dataclass
class View:
    """What one script run shows: a cursor of its own, the language and the chosen plan and version."""

    cur: duckdb.DuckDBPyConnection
    lang: str
    plan: pd.Series | None
    version_id: int | None
    as_of: dt.date | None

    def t(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def date(self, value) -> str:
        return format_date(pd.Timestamp(value).date(), self.lang) if value is not None and not pd.isna(value) else ""

    def query(self, name: str, **params: object) -> pd.DataFrame:
        return queries.run(self.cur, name, **params)


def _param(name: str, default: str | None = None) -> str | None:
    value = st.query_params.get(name)
    return value if value not in (None, "") else default


def page(title_key: str) -> View:
    """Sets up a page: config, cursor, URL filters, sidebar. Every page calls this first."""
    lang = _param("lang", "vi")
    lang = lang if lang in LANGS else "vi"
    st.set_page_config(page_title=t(title_key, lang), page_icon="📋", layout="wide")
    cur = _connection(str(database_path())).cursor()
    plans = queries.run(cur, "plans")
    plan = None
    if not plans.empty:
        wanted = _param("plan")
        chosen = plans[plans["plan_id"].astype(str) == wanted]
        plan = (chosen if not chosen.empty else plans).iloc[0]
    view = View(cur, lang, plan, None if plan is None else int(plan["version_id"]), None)
    if plan is not None:
        view.as_of = pd.Timestamp(plan["as_of"]).date()
    _sidebar(view, plans)
    return view


def _sidebar(view: View, plans: pd.DataFrame) -> None:
    with st.sidebar:
        for path, key in PAGES:
            st.page_link(path, label=view.t(key))
        st.divider()
        language = st.radio(
            view.t("language"), LANGS, index=LANGS.index(view.lang), horizontal=True,
            format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        )
        if language != view.lang:
            st.query_params["lang"] = language
            st.rerun()
        if view.plan is not None:
            labels = {int(r.plan_id): f"{r.title} ({r.year})" for r in plans.itertuples()}
            chosen = st.selectbox(view.t("plan"), list(labels), index=list(labels).index(int(view.plan["plan_id"])),
                                  format_func=labels.get)
            if chosen != int(view.plan["plan_id"]):
                st.query_params["plan"] = str(chosen)
                st.rerun()


def demo_notice(view: View) -> None:
    if view.plan is not None and bool(view.plan["is_demo"]):
        st.warning(view.t("demo_notice"), icon="🧪")
