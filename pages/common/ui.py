"""The Streamlit glue: cached connection, cursor per run, filters in the URL, sidebar, labels.

Only pages import this module; the logic it calls lives in `plantrack`, which never imports Streamlit.
"""

from __future__ import annotations

import datetime as dt
import inspect
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st
from streamlit import runtime
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from pages.common import sessions, uploads
from plantrack import (
    auth,
    clock,
    demo,
    exports,
    failures,
    history,
    markup,
    measures,
    proxies,
    queries,
    service,
    settings,
    status,
    values,
)
from plantrack.db import database_path
from plantrack.i18n import LANGS, format_date, quarter_numeral, t

# Shown in the sidebar to a logged-in editor; everyone else sees a small link to its login form.
UPDATE_PAGE = "pages/6_Cap_nhat_du_lieu.py"
PAGES = (
    ("dashboard.py", "page_overview", ":material/dashboard:"),
    ("pages/1_Tien_do_theo_don_vi.py", "page_units", ":material/groups:"),
    ("pages/2_Moc_theo_quy.py", "page_milestones", ":material/calendar_month:"),
    ("pages/3_Ngan_sach.py", "page_budget", ":material/payments:"),
    ("pages/4_Du_luan_bao_chi.py", "page_media", ":material/newspaper:"),
    ("pages/5_Kham_pha.py", "page_explore", ":material/explore:"),
)
# Tables longer than this load their rows as the reader scrolls (st.dataframe(lazy=True)).
LAZY_ROWS = 1000
# A local file: an icon name would make the browser fetch the favicon from the internet.
ICON = Path(__file__).with_name("icon.png")
# Filters kept in the URL, so a copied link opens the same view.
URL_KEYS = ("plan", "units", "q", "asof", "lang", "meeting", "since")
# Meeting mode on a projector: no sidebar, bigger text. Our own static CSS, never user text.
MEETING_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"] {
  display: none !important;
}
html { font-size: 20px; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding: 2.5rem 2.5rem 3rem; }
</style>"""


@st.cache_resource
def connection(path: str) -> duckdb.DuckDBPyConnection:
    """One connection per server process, which also serves the command line (plantrack.service);
    a fresh database gets the demo plan."""
    con = service.own(path)
    demo.load_if_fresh(con)
    return con


# The three caches below hold the frames themselves (st.cache_resource), not pickles of them (st.cache_data):
# cache_data unpickles a new copy at every hit: 0,08 s for the national plan's 20.000 tasks (a copy takes
# 0,6 ms), most of a warm page run (issue 15). Nothing changes what they hold: View
# hands every reader a copy, and a function computing from a cached frame is given a copy too.
@st.cache_resource(max_entries=1024, show_spinner=False)
def _cached_query(_cur: duckdb.DuckDBPyConnection, db: str, stamp: tuple, name: str, params: tuple) -> pd.DataFrame:
    """Query results, cached until the data changes: `stamp` moves with every write."""
    return queries.run(_cur, name, **{key: list(value) if isinstance(value, tuple) else value for key, value in params})


@st.cache_resource(max_entries=256, show_spinner=False)
def _cached_computed(
    _cur: duckdb.DuckDBPyConnection,
    db: str,
    stamp: tuple,
    name: str,
    params: tuple,
    _compute,
    compute_name: str,
    settings: tuple,
) -> pd.DataFrame:
    """View.computed's cache: `compute_name` stands for `_compute` in the key (a function is not hashed).

    `_compute` is given the settings it names."""
    wanted = inspect.signature(_compute).parameters
    rows = _cached_query(_cur, db, stamp, name, params).copy()
    return _compute(rows, **{k: v for k, v in settings if k in wanted})


@st.cache_resource(max_entries=256, show_spinner=False)
def _cached_by_status(
    _cur: duckdb.DuckDBPyConnection,
    db: str,
    stamp: tuple,
    params: tuple,
    settings: tuple,
    _function,
    function_name: str,
    extra: tuple,
) -> pd.DataFrame:
    """View.by_status's cache: keyed by what makes the tasks and their statuses, never by their rows
    (hashing 20.000 rows costs more than grouping them)."""
    tasks = _cached_query(_cur, db, stamp, "tasks_at_version", params).copy()
    return _function(tasks, _statuses(_cur, db, stamp, params, settings), *extra)


def _statuses(cur: duckdb.DuckDBPyConnection, db: str, stamp: tuple, params: tuple, settings: tuple) -> pd.DataFrame:
    """status.statuses of the tasks `params` (tasks_at_version's) choose, in their order.

    A task's status depends on its own row and the settings, never on the units or the quarter chosen:
    the statuses are computed once for all the version's tasks and each filter picks its rows. A filter
    change on the national plan computed 20.000 statuses and reasons again (0,06-0,2 s), for every new
    unit or quarter (issue 15)."""
    everything = tuple((key, () if key == "units" else 0 if key == "quarter" else value) for key, value in params)
    name = _name(status.statuses)
    whole = _cached_computed(cur, db, stamp, "tasks_at_version", everything, status.statuses, name, settings)
    if everything == params:
        return whole.copy()
    # A join, not Series.isin: on 11.000 of 20.000 codes pandas' isin took 0,07 s, the join 0,009 s.
    chosen = _cached_query(cur, db, stamp, "tasks_at_version", params)[["task_code"]]
    return chosen.merge(whole, on="task_code", how="left")


def _name(function) -> str:
    """What stands for a function in a cache key."""
    return f"{function.__module__}.{function.__qualname__}"


def hashable(value: object) -> object:
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
    title_key: str = ""
    meeting: bool = False
    # Tables and charts drawn so far in this run: number the download buttons' keys and file names.
    tables: int = 0
    charts: int = 0
    rules: settings.StatusSettings = field(default_factory=settings.from_environment)

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
            "grace_days": self.rules.grace_days,
            "due_soon_days": self.rules.due_soon_days,
        }

    def _bound(self, name: str, **extra: object) -> tuple:
        """The parameters query `name` takes, with this view's values: a hashable cache key."""
        params = {**self.params(), **extra}
        return tuple(sorted((key, hashable(params[key])) for key in queries.parameters(name)))

    def query(self, name: str, **extra: object) -> pd.DataFrame:
        auth.require_viewer(st.session_state)
        return _cached_query(self.cur, str(database_path()), self.stamp, name, self._bound(name, **extra)).copy()

    def computed(self, compute, name: str) -> pd.DataFrame:
        """compute(rows of queries/<name>.sql, and those of as_of, lang, plan_year, grace_days it names) for
        this view, cached until the data changes: a measure Python computes over a query's rows, too rich
        for SQL, such as the press stories `stories.told` (the tasks' statuses: `statuses()`); a year of
        mentions takes a while, and every page reuses them."""
        auth.require_viewer(st.session_state)
        return _cached_computed(
            self.cur,
            str(database_path()),
            self.stamp,
            name,
            self._bound(name),
            compute,
            _name(compute),
            self._settings(),
        ).copy()

    def statuses(self) -> pd.DataFrame:
        """status.statuses (plantrack/status/rules.py: margins, update windows, reasons) of the view's tasks
        (queries/tasks_at_version.sql), in their order, cached until the data changes."""
        auth.require_viewer(st.session_state)
        return _statuses(self.cur, str(database_path()), self.stamp, self._bound("tasks_at_version"), self._settings())

    def by_status(self, function, *extra: object) -> pd.DataFrame:
        """function(tasks, statuses, *extra): a grouping of plantrack.status over the view's tasks
        (queries/tasks_at_version.sql) and their statuses (`statuses()`), such as
        `status.unit_rollup`, cached until the data changes: pandas takes 0,2 s to group even the
        demo's 8 tasks, at every run (issue 15)."""
        auth.require_viewer(st.session_state)
        return _cached_by_status(
            self.cur,
            str(database_path()),
            self.stamp,
            self._bound("tasks_at_version"),
            self._settings(),
            function,
            _name(function),
            tuple(hashable(value) for value in extra),
        ).copy()

    def _settings(self) -> tuple:
        """The status rules' settings for this view, as a cache key."""
        settings = {"as_of": self.as_of, "lang": self.lang, "plan_year": self.year, "grace_days": self.rules.grace_days}
        return tuple(sorted(settings.items()))

    def link_params(self) -> dict[str, str]:
        return {key: st.query_params[key] for key in URL_KEYS if key in st.query_params}

    def context(self) -> tuple[str, ...]:
        """What the figures on screen are: plan, as-of date and version, filters (for exports)."""
        if self.plan is None:
            return ()
        filters = [f"{self.t('filter_units')}: {', '.join(self.units)}"] if self.units else []
        if self.quarter:
            filters.append(f"{self.t('filter_quarter')}: {quarter_numeral(self.quarter)}")
        return (
            str(self.plan["title"]),
            " · ".join([self.t("data_as_of", as_of=self.date(self.as_of), version=self.version_id), *filters]),
        )


def url_value(name: str) -> str | None:
    value = st.query_params.get(name)
    return value if value not in (None, "") else None


def set_url(name: str, value: str | None) -> None:
    if value in (None, ""):
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def query_values(prefix: str) -> dict[str, list[str]]:
    """The URL's parameters that start with `prefix`, each with all its values."""
    return {key: st.query_params.get_all(key) for key in st.query_params if key.startswith(prefix)}


def set_query_values(values: dict[str, list[str]], prefix: str) -> None:
    """Makes the URL's `prefix` parameters exactly `values` (others untouched), writing only what changed."""
    for key in [k for k in st.query_params if k.startswith(prefix) and k not in values]:
        del st.query_params[key]
    for key, wanted in values.items():
        if st.query_params.get_all(key) != wanted:
            st.query_params[key] = wanted if len(wanted) > 1 else wanted[0]


def client_address() -> str:
    """The address the browser connects from (the login throttle's per-address count), through the
    trusted proxies' X-Forwarded-For (plantrack.proxies).

    Streamlit gives none for a connection from this machine: those share one count."""
    try:
        address = proxies.client_address(
            st.context.ip_address, st.context.headers.get_all("X-Forwarded-For"), proxies.trusted_proxies()
        )
    except Exception:
        address = None
    return address if isinstance(address, str) and address else "local"


def _read(view: View, name: str, **params: object) -> pd.DataFrame:
    """A query outside the cache (the data stamp, the cache's key), for a session that may read."""
    auth.require_viewer(st.session_state)
    return queries.run(view.cur, name, **params)


def _failure_handler(lang: str):
    """Shows an error as a sentence in the user's language; the traceback goes to the server log only."""

    def handle(error: Exception) -> bool:
        st.error(failures.explain(error, lang), icon=":material/error:")
        return True

    return handle


def page(title_key: str) -> View:
    """Sets up a page: config, cursor, filters from the URL, sidebar. Every page calls this first."""
    lang = url_value("lang") if url_value("lang") in LANGS else "vi"
    ctx = get_script_run_ctx()
    # On a real server (not under AppTest, whose mock runtime lets tests see the exception itself),
    # an error anywhere in the page becomes a sentence.
    if ctx is not None and type(runtime.Runtime._instance) is runtime.Runtime:
        ctx.on_script_error = _failure_handler(lang)
    meeting_mode = url_value("meeting") == "1"
    st.set_page_config(
        page_title=t(title_key, lang),
        page_icon=str(ICON),
        layout="wide",
        initial_sidebar_state="collapsed" if meeting_mode else "auto",
    )
    if title_key != "page_update":
        uploads.let_go(st.session_state)  # an upload's preview abandoned for another page
    view = View(connection(str(database_path())).cursor(), lang, title_key=title_key, meeting=meeting_mode)
    sessions.resume(view.cur)
    if auth.viewer_needs_password(st.session_state):
        _viewer_login(view)  # stops the script until the shared viewer password is given
    view.stamp = tuple(_read(view, "data_stamp").iloc[0])
    # Everything else is cached until the stamp moves: a run on the same data asks the database nothing more.
    plans = view.query("plans")
    if not plans.empty:
        chosen = plans[plans["plan_id"].astype(str) == (url_value("plan") or "")]
        view.plan = (chosen if not chosen.empty else plans).iloc[0]
        view.versions = view.query("plan_versions")
    _sidebar(view, plans)
    if view.meeting:
        _meeting_bar(view, plans)
    with st.sidebar:
        sessions.sync_cookies()
    return view


def _viewer_login(view: View) -> None:
    """The shared viewer password (PLANTRACK_VIEWER_PASSWORD_HASH), asked once per browser session."""
    st.title(view.t("app_title"))
    st.subheader(view.t("upd_viewer_title"))
    st.caption(view.t("upd_viewer_intro"))
    with st.form("viewer_login", clear_on_submit=True):
        password = st.text_input(view.t("upd_viewer_password"), type="password")
        submitted = st.form_submit_button(view.t("upd_viewer_button"), type="primary")
    if submitted:
        result = auth.verify_viewer(view.cur, password, st.session_state, address=client_address())
        if result.ok:
            st.rerun()
        elif result.outcome == "locked":
            st.error(
                view.t(
                    result.message_key,
                    count=auth.MAX_FAILURES,
                    time=f"{clock.local(result.locked_until):%H:%M}",
                    minutes=int(auth.LOCK_TIME.total_seconds() // 60),
                )
            )
        else:
            st.error(view.t("upd_viewer_failed", left=result.attempts_left))
    st.stop()


def sections(view: View, keys: tuple[str, ...]) -> tuple[str, object]:
    """A page's parts as tabs, `keys` naming each (its label is the catalogue's `sec_<key>`): only the
    open part runs and is drawn (issue 15: a page switch drew every chart of the page, most of them
    below the fold). The open part is in the URL (?tab=<key>, none for the first), so a shared link
    opens it, in either language.

    Returns the open part's key and its tab, for the page to draw that part only inside it."""
    labels = {key: view.t(f"sec_{key}") for key in keys}
    wanted = url_value("tab")
    # The language in the widget's key: a tab keeps the label it was first drawn with.
    widget = f"sections_{view.title_key}_{view.lang}"
    tabs = st.tabs(
        list(labels.values()),
        default=labels.get(wanted, labels[keys[0]]),
        key=widget,
        on_change=_section_chosen,
        args=(widget, {label: key for key, label in labels.items()}, keys[0]),
    )
    if wanted not in labels:
        set_url("tab", None)
    return next(((key, tab) for key, tab in zip(keys, tabs) if tab.open), (keys[0], tabs[0]))


def _section_chosen(widget: str, keys: dict[str, str], first: str) -> None:
    key = keys.get(st.session_state.get(widget), first)
    set_url("tab", None if key == first else key)


def plain(text: object) -> str:
    """Text from a workbook, escaped so Streamlit's markdown shows it as typed (no links, no emphasis)."""
    return markup.md(text)


def _sidebar(view: View, plans: pd.DataFrame) -> None:
    with st.sidebar:
        st.markdown(f"**{view.t('app_title')}**")
        for path, key, icon in PAGES:
            st.page_link(path, label=view.t(key), icon=icon, query_params=view.link_params())
        if auth.is_editor(st.session_state):
            st.page_link(
                UPDATE_PAGE, label=view.t("page_update"), icon=":material/upload_file:", query_params=view.link_params()
            )
        else:
            st.page_link(
                UPDATE_PAGE, label=view.t("upd_login_link"), icon=":material/login:", query_params=view.link_params()
            )
        st.divider()
        language = st.segmented_control(
            view.t("language"),
            LANGS,
            default=view.lang,
            key="lang_switch",
            format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        )
        if language and language != view.lang:
            set_url("lang", None if language == "vi" else language)
            st.rerun()
        # The URL decides; the switch only shows it (it may remember another state from an earlier page).
        st.session_state["meeting_switch"] = view.meeting
        st.toggle(view.t("mt_toggle"), key="meeting_switch", help=view.t("mt_toggle_help"), on_change=_switch_meeting)
        if view.plan is None or view.meeting:
            return  # in meeting mode the filters are in the bar along the top (the sidebar is hidden)
        _filters(view, plans)


def _filters(view: View, plans: pd.DataFrame) -> None:
    """Plan, as-of date, units and quarter: in the sidebar, or in meeting mode in the top bar's popover."""
    labels = {int(r.plan_id): f"{r.title} ({r.year})" for r in plans.itertuples()}
    chosen = st.selectbox(
        view.t("plan"),
        list(labels),
        index=list(labels).index(view.plan_id),
        format_func=labels.get,
        key="plan_choice",
    )
    if chosen != view.plan_id:
        set_url("plan", str(chosen))
        for key in ("units", "asof", "q"):
            set_url(key, None)
        st.rerun()
    _as_of_filter(view)
    _unit_filter(view)
    _quarter_filter(view)


def _as_of_filter(view: View) -> None:
    """The data as of a version's date: an earlier date shows the dashboard as it was then.

    Dates are listed in data-date order; versions a rollback undid are hidden behind a toggle."""
    show_undone = bool(view.versions["is_undone"].any()) and st.toggle(
        view.t("filter_show_undone"), key="show_undone", help=view.t("filter_show_undone_help")
    )
    choices = history.as_of_choices(view.versions, show_undone)
    options = [pd.Timestamp(d).date().isoformat() for d in choices["as_of"]]
    undone = {iso for iso, flag in zip(options, choices["is_undone"]) if flag}
    latest = options[history.latest_choice(choices)]
    wanted = url_value("asof")
    index = options.index(wanted) if wanted in options else options.index(latest)
    # Someone committed or rolled back: a session showing the newest data (no ?asof=) moves to the new
    # newest, instead of the browser sending back the date that was newest before.
    seen = f"asof_newest_{view.plan_id}"
    if (wanted is None and st.session_state.get(seen) not in (None, latest)) or (
        st.session_state.get("asof_choice") not in (None, *options)
    ):
        st.session_state["asof_choice"] = latest
    st.session_state[seen] = latest
    chosen = st.selectbox(
        view.t("filter_as_of"),
        options,
        index=index,
        key="asof_choice",
        format_func=lambda iso: view.date(iso) + (view.t("filter_undone_mark") if iso in undone else ""),
        help=view.t("filter_as_of_help"),
    )
    row = choices.iloc[options.index(chosen)]
    view.version_id = int(row["version_id"])
    view.as_of = pd.Timestamp(row["as_of"]).date()
    set_url("asof", None if chosen == latest else chosen)


def _unit_filter(view: View) -> None:
    units = view.query("units_at_version")
    names = dict(zip(units["unit_code"], units["unit_name"]))
    wanted = [code for code in (url_value("units") or "").split(",") if code in names]
    chosen = st.multiselect(
        view.t("filter_units"),
        list(names),
        default=wanted,
        key="units_choice",
        format_func=lambda code: f"{code} — {names[code]}",
        placeholder=view.t("filter_all_units"),
        # Its "Select all" cannot be translated, and none chosen already means every unit.
        select_all=False,
    )
    view.units = list(chosen)
    set_url("units", ",".join(chosen) or None)


def _quarter_filter(view: View) -> None:
    wanted = url_value("q")
    index = int(wanted) if wanted in ("1", "2", "3", "4") else 0
    chosen = st.selectbox(
        view.t("filter_quarter"),
        [0, 1, 2, 3, 4],
        index=index,
        # The language in the key: a widget keeps the option text it was first drawn with ("Cả năm").
        key=f"quarter_choice_{view.lang}",
        format_func=lambda q: (
            view.t("filter_whole_year") if q == 0 else view.t("quarter_label", quarter=quarter_numeral(q))
        ),
    )
    view.quarter = int(chosen)
    set_url("q", str(chosen) if chosen else None)


def _meeting_bar(view: View, plans: pd.DataFrame) -> None:
    """Meeting mode: the projector CSS, and the pages, the filters and the way out along the top (the
    sidebar is hidden)."""
    st.markdown(MEETING_CSS, unsafe_allow_html=True)
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        for path, key, icon in PAGES:
            st.page_link(path, label=view.t(key), icon=icon, query_params=view.link_params())
        if view.plan is not None:
            with st.popover(view.t("mt_filters"), icon=":material/filter_alt:"):
                _filters(view, plans)
        st.button(view.t("mt_exit"), icon=":material/close_fullscreen:", key="meeting_exit", on_click=_leave_meeting)


def _switch_meeting() -> None:
    set_url("meeting", "1" if st.session_state["meeting_switch"] else None)


def _leave_meeting() -> None:
    set_url("meeting", None)


def date_field(
    container,
    view: View,
    label: str,
    value: dt.date | None,
    key: str,
    min_value: dt.date = dt.date(2000, 1, 1),
    max_value: dt.date = dt.date(2100, 12, 31),
    help: str | None = None,
) -> dt.date | None:
    """A date typed as dd/mm/yyyy: st.date_input's calendar names months and weekdays in English only.

    A date that cannot be read, or out of range, is refused in a sentence and the previous one kept."""
    if key not in st.session_state:
        st.session_state[key] = "" if value is None else value.strftime("%d/%m/%Y")
    text = container.text_input(label, key=key, placeholder=view.t("date_placeholder"), help=help, max_chars=10)
    if not text.strip():
        return None
    try:
        day = values.read_date(text)
    except values.Unreadable as problem:
        container.error(view.t(problem.code, **problem.params))
        return value
    if not min_value <= day <= max_value:
        container.error(
            view.t("date_out_of_range", value=view.date(day), low=view.date(min_value), high=view.date(max_value))
        )
        return value
    return day


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
        f"{plain(view.plan['title'])} · "
        + view.t("data_as_of", as_of=view.date(view.as_of), version=view.version_id)
        + filters_text(view)
    )


def filters_text(view: View) -> str:
    """The filters in force, " · Quý: III · Đơn vị: VP", to follow the as-of date in a caption."""
    return (f" · {view.t('filter_quarter')}: {quarter_numeral(view.quarter)}" if view.quarter else "") + (
        f" · {view.t('filter_units')}: {', '.join(plain(u) for u in view.units)}" if view.units else ""
    )


def card(column, label: str, value: str, note: str | None = None, help: str | None = None) -> None:
    """A figure in a bordered card: the label, the value large, and under it a grey `note` (st.metric's delta
    without colour or arrow: a share or a basis, not a change for better or worse). `column` is where it
    goes (a column, a container, or st)."""
    column.metric(label, value, delta=note, delta_color="off", delta_arrow="off", border=True, help=help)


def table(
    frame: pd.DataFrame,
    view: View,
    columns: tuple[measures.Column, ...],
    empty_key: str = "no_data_table",
    title: str | None = None,
    notes: tuple[str, ...] = (),
    **options,
) -> None:
    """A table with translated headers and its .xlsx/.csv downloads; text from uploads is shown as text, never as HTML.

    `frame` is as the query returned it: each column is shown, and downloaded, as its definition says
    (measures.COLUMNS). The downloads hold exactly the shown columns under the shown headers (`title`
    names the file and the sheet; by default the page's title)."""
    if frame.empty:
        st.info(view.t(empty_key))
        return
    names = _names(columns)
    shown = pd.DataFrame({name: column.shown(frame, view.lang) for name, column in zip(names, columns)})
    config = {name: column_config(column, view.lang) for name, column in zip(names, columns)}
    # A long table sends the rows the reader scrolls to, not all of them (the downloads still hold every row).
    options.setdefault("lazy", len(shown) > LAZY_ROWS)
    st.dataframe(shown, column_config=config, hide_index=True, width="stretch", **options)
    _downloads(frame, view, columns, title, notes)


def _names(columns: tuple[measures.Column, ...]) -> list[str]:
    """The shown frame's column names: the query's, numbered where one column is shown twice."""
    names: list[str] = []
    for column in columns:
        name = column.sql if column.sql not in names else f"{column.sql}_{len(names)}"
        names.append(name)
    return names


def column_config(column: measures.Column, lang: str) -> st.column_config.Column:
    """Streamlit's column_config of a column's definition."""
    kind, options = column.display(lang)
    build = {
        "text": st.column_config.TextColumn,
        "number": st.column_config.NumberColumn,
        "progress": st.column_config.ProgressColumn,
        "link": st.column_config.LinkColumn,
    }[kind]
    return build(**options)


def _downloads(
    frame: pd.DataFrame, view: View, columns: tuple[measures.Column, ...], title: str | None, notes: tuple[str, ...]
) -> None:
    """A download menu under a table; the files are made only when one of its buttons is pressed."""
    view.tables += 1
    name = title or view.t(view.title_key or "app_title")
    lang, context = view.lang, (*view.context(), *notes)

    def table_spec() -> exports.Table:
        return exports.table(frame, columns, lang, sheet=name, title=name, notes=context)

    stem = exports.slug(name) + ("" if title else f"-{view.tables}")
    # One menu under each table, its three buttons drawn only when it opens (issue 15): the units page
    # had 21 buttons, most under tables in closed tabs.
    with st.popover(view.t("exp_menu"), icon=":material/download:", type="tertiary", help=view.t("exp_menu_help")):
        for key, ext, write, mime in (
            ("xlsx", "xlsx", exports.xlsx_bytes, exports.XLSX_MIME),
            # ";" first: Excel on a Vietnamese Windows splits columns at ";" (its decimal mark is ",").
            ("csv_semicolon", "csv", lambda spec, lang: exports.csv_bytes(spec, lang, ";"), exports.CSV_MIME),
            ("csv", "csv", exports.csv_bytes, exports.CSV_MIME),
        ):
            st.download_button(
                view.t(f"exp_{key}"),
                data=lambda write=write: write(table_spec(), lang),
                file_name=f"{stem}.{ext}",
                mime=mime,
                icon=":material/download:",
                on_click="ignore",
                type="tertiary",
                help=view.t(f"exp_{key}_help"),
                key=f"download_{key}_{view.tables}",
            )
