"""The Streamlit glue: cached connection, cursor per run, filters in the URL, sidebar, labels.

Only pages import this module; the logic it calls lives in `plantrack`, which never imports Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from plantrack import demo, queries
from plantrack.db import connect, database_path
from plantrack.i18n import LANGS, format_date, t

PAGES = (
    ("dashboard.py", "page_overview", ":material/dashboard:"),
    ("pages/1_Tien_do_theo_don_vi.py", "page_units", ":material/groups:"),
    ("pages/2_Moc_theo_quy.py", "page_milestones", ":material/calendar_month:"),
    ("pages/3_Ngan_sach.py", "page_budget", ":material/payments:"),
    ("pages/4_Du_luan_bao_chi.py", "page_media", ":material/newspaper:"),
)
QUARTER_NAMES = ("", "I", "II", "III", "IV")
# A local file: an icon name would make the browser fetch the favicon from the internet.
ICON = Path(__file__).with_name("icon.png")
# Filters kept in the URL, so a copied link opens the same view.
URL_KEYS = ("plan", "units", "q", "asof", "lang")
CHART_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


@st.cache_resource
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    """One connection per server process; a fresh database gets the demo plan."""
    con = connect(path)
    demo.load_if_fresh(con)
    return con


@st.cache_data(max_entries=1024, show_spinner=False)
def _cached_query(_cur: duckdb.DuckDBPyConnection, db: str, stamp: tuple, name: str, params: tuple) -> pd.DataFrame:
    """Query results, cached until the data changes: `stamp` moves with every write."""
    return queries.run(_cur, name, **{key: list(value) if isinstance(value, tuple) else value for key, value in params})


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


@dataclass
class View:
    """What one script run shows: its own cursor, the language, and the filters from the URL."""

    cur: duckdb.DuckDBPyConnection
    lang: str
    plan: pd.Series | None = None
    version_id: int | None = None
    as_of: dt.date | None = None
    units: list[str] = field(default_factory=list)
    quarter: int = 0
    versions: pd.DataFrame | None = None
    # Changes whenever data is written (an import, a rollback, clearing the demo): the cache key.
    stamp: tuple = ()

    @property
    def plan_id(self) -> int | None:
        return None if self.plan is None else int(self.plan["plan_id"])

    @property
    def year(self) -> int:
        year = None if self.plan is None else self.plan["year"]
        return int(year) if year is not None and not pd.isna(year) else dt.date.today().year

    def t(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def date(self, value) -> str:
        if value is None or pd.isna(value):
            return ""
        return format_date(pd.Timestamp(value).date(), self.lang)

    def params(self) -> dict[str, object]:
        """Every filter as a query parameter; each query takes the ones it names."""
        return {
            "plan_id": self.plan_id,
            "version_id": self.version_id,
            "units": self.units,
            "quarter": self.quarter,
            "year": self.year,
            "until": self.as_of,
        }

    def query(self, name: str, **extra: object) -> pd.DataFrame:
        params = {**self.params(), **extra}
        wanted = tuple(sorted((key, _hashable(params[key])) for key in queries.parameters(name)))
        return _cached_query(self.cur, str(database_path()), self.stamp, name, wanted).copy()

    def link_params(self) -> dict[str, str]:
        return {key: st.query_params[key] for key in URL_KEYS if key in st.query_params}


def _url(name: str) -> str | None:
    value = st.query_params.get(name)
    return value if value not in (None, "") else None


def _set_url(name: str, value: str | None) -> None:
    if value in (None, ""):
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def page(title_key: str) -> View:
    """Sets up a page: config, cursor, filters from the URL, sidebar. Every page calls this first."""
    lang = _url("lang") if _url("lang") in LANGS else "vi"
    st.set_page_config(page_title=t(title_key, lang), page_icon=str(ICON), layout="wide")
    view = View(_connection(str(database_path())).cursor(), lang)
    view.stamp = tuple(queries.run(view.cur, "data_stamp").iloc[0])
    plans = queries.run(view.cur, "plans")
    if not plans.empty:
        chosen = plans[plans["plan_id"].astype(str) == (_url("plan") or "")]
        view.plan = (chosen if not chosen.empty else plans).iloc[0]
        view.versions = queries.run(view.cur, "plan_versions", plan_id=view.plan_id)
    _sidebar(view, plans)
    return view


def _sidebar(view: View, plans: pd.DataFrame) -> None:
    with st.sidebar:
        st.markdown(f"**{view.t('app_title')}**")
        for path, key, icon in PAGES:
            st.page_link(path, label=view.t(key), icon=icon, query_params=view.link_params())
        st.divider()
        language = st.segmented_control(
            view.t("language"), LANGS, default=view.lang, key="lang_switch",
            format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        )
        if language and language != view.lang:
            _set_url("lang", None if language == "vi" else language)
            st.rerun()
        if view.plan is None:
            return
        labels = {int(r.plan_id): f"{r.title} ({r.year})" for r in plans.itertuples()}
        chosen = st.selectbox(view.t("plan"), list(labels), index=list(labels).index(view.plan_id),
                              format_func=labels.get, key="plan_choice")
        if chosen != view.plan_id:
            _set_url("plan", str(chosen))
            for key in ("units", "asof", "q"):
                _set_url(key, None)
            st.rerun()
        _as_of_filter(view)
        _unit_filter(view)
        _quarter_filter(view)


def _as_of_filter(view: View) -> None:
    """The data as of a version's date: an earlier date shows the dashboard as it was then."""
    versions = view.versions.sort_values("version_id", ascending=False)
    newest_per_date = versions.drop_duplicates("as_of")
    options = [pd.Timestamp(d).date().isoformat() for d in newest_per_date["as_of"]]
    wanted = _url("asof")
    index = options.index(wanted) if wanted in options else 0
    chosen = st.selectbox(
        view.t("filter_as_of"), options, index=index, key="asof_choice",
        format_func=lambda iso: view.date(iso),
        help=view.t("filter_as_of_help"),
    )
    row = newest_per_date.iloc[options.index(chosen)]
    view.version_id = int(row["version_id"])
    view.as_of = pd.Timestamp(row["as_of"]).date()
    _set_url("asof", None if options.index(chosen) == 0 else chosen)


def _unit_filter(view: View) -> None:
    units = queries.run(view.cur, "units_at_version", plan_id=view.plan_id, version_id=view.version_id)
    names = dict(zip(units["unit_code"], units["unit_name"]))
    wanted = [code for code in (_url("units") or "").split(",") if code in names]
    chosen = st.multiselect(
        view.t("filter_units"), list(names), default=wanted, key="units_choice",
        format_func=lambda code: f"{code} — {names[code]}", placeholder=view.t("filter_all_units"),
    )
    view.units = list(chosen)
    _set_url("units", ",".join(chosen) or None)


def _quarter_filter(view: View) -> None:
    wanted = _url("q")
    index = int(wanted) if wanted in ("1", "2", "3", "4") else 0
    chosen = st.selectbox(
        view.t("filter_quarter"), [0, 1, 2, 3, 4], index=index, key="quarter_choice",
        format_func=lambda q: view.t("filter_whole_year") if q == 0 else view.t("quarter_label", quarter=QUARTER_NAMES[q]),
    )
    view.quarter = int(chosen)
    _set_url("q", str(chosen) if chosen else None)


def require_plan(view: View) -> None:
    """Stops the page with a helpful sentence when there is no plan to show."""
    if view.plan is None:
        st.title(view.t("app_title"))
        st.info(view.t("empty_database"))
        st.stop()
    if bool(view.plan["is_demo"]):
        st.warning(view.t("demo_notice"), icon=":material/science:")


def header(view: View, title_key: str) -> None:
    st.title(view.t(title_key))
    st.caption(
        f"{view.plan['title']} · "
        + view.t("data_as_of", as_of=view.date(view.as_of), version=view.version_id)
        + (f" · {view.t('filter_quarter')}: {QUARTER_NAMES[view.quarter]}" if view.quarter else "")
        + (f" · {view.t('filter_units')}: {', '.join(view.units)}" if view.units else "")
    )


def chart(figure: go.Figure | None, view: View, empty_key: str = "no_data_chart") -> None:
    """Draws a chart, or says in a sentence why there is none (never an empty axis)."""
    if figure is None:
        st.info(view.t(empty_key))
    else:
        st.plotly_chart(figure, config=CHART_CONFIG, use_container_width=True)


def table(frame: pd.DataFrame, view: View, columns: dict[str, st.column_config.Column | str], empty_key: str = "no_data_table",
          **options) -> None:
    """A table with translated headers; text from uploads is shown as text, never as HTML."""
    if frame.empty:
        st.info(view.t(empty_key))
        return
    shown = frame[list(columns)].copy()
    for name in shown.columns:
        # Dates read dd/mm/yyyy whatever the browser's locale, and a missing one reads "—", not "None".
        if pd.api.types.is_datetime64_any_dtype(shown[name]):
            shown[name] = [view.date(value) or "—" for value in shown[name]]
    st.dataframe(shown, column_config=columns, hide_index=True, use_container_width=True, **options)
