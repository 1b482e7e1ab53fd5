"""Page switches and filter changes near the floor of Streamlit (issue 15): the mechanisms, not timings.

bench/pages.py measures the times in chromium against a bare page. These tests hold what makes
them: a page run again on the same data asks the database only whether the data changed, builds no
figure again, and sends a bounded amount of chart JSON.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import pickle
import tomllib
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from conftest import open_app
from streamlit import config

from pages.common import explore_panel, figures, ui
from pages.common.ui import PAGES
from plantrack import charts, demo, explore, queries, status
from plantrack.db import connect
from plantrack.i18n import t

PAGE_PATHS = [path for path, _, _ in PAGES]
# Chart JSON of each page on the demo plan, in bytes, as it opens (its first part): what was measured on
# 02/12/2026 and a little room. Before the pages were cut in parts, pages 1, 3 and 4 sent 35–40 KB.
CHART_BUDGET = {
    "dashboard.py": 6_500,
    "pages/1_Tien_do_theo_don_vi.py": 9_500,
    "pages/2_Moc_theo_quy.py": 23_000,
    "pages/3_Ngan_sach.py": 6_500,
    "pages/4_Du_luan_bao_chi.py": 7_500,
    "pages/5_Kham_pha.py": 7_000,
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("speed") / "demo.duckdb"
    con = connect(db)
    demo.load(con)
    con.close()
    return db


def _count_calls(monkeypatch, module, names: list[str], calls: list[str]) -> None:
    for name in names:
        function = getattr(module, name)

        @functools.wraps(function)
        def counted(*args, _name=name, _function=function, **kwargs):
            calls.append(_name if module is not queries else args[1])
            return _function(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)


def _builders() -> list[str]:
    return [
        name
        for name, value in vars(charts).items()
        if callable(value) and getattr(value, "__module__", "") == charts.__name__ and not name.startswith("_")
    ]


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_a_page_run_again_on_the_same_data_asks_the_database_only_whether_the_data_changed(path, demo_db, monkeypatch):
    app = open_app(demo_db, monkeypatch, path)
    asked: list[str] = []
    _count_calls(monkeypatch, queries, ["run"], asked)
    _count_calls(monkeypatch, explore, ["aggregate", "rows", "count", "options"], asked)
    app.run()
    assert not app.exception
    assert asked == ["data_stamp"]


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_a_page_run_again_on_the_same_data_builds_no_figure_again(path, demo_db, monkeypatch):
    app = open_app(demo_db, monkeypatch, path)
    built: list[str] = []
    _count_calls(monkeypatch, charts, [n for n in _builders() if n != "sentiment_long"], built)
    app.run()
    assert not app.exception
    assert built == []


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_a_page_run_again_on_the_same_data_unpickles_no_cached_result(path, demo_db, monkeypatch):
    # st.cache_data unpickles a new copy of a result at every hit: 0,08 s for the national plan's tasks.
    app = open_app(demo_db, monkeypatch, path)
    unpickled: list[str] = []
    _count_calls(monkeypatch, pickle, ["loads"], unpickled)
    app.run()
    assert not app.exception
    assert unpickled == []


def test_what_a_page_does_to_a_cached_result_does_not_reach_the_cache(demo_db):
    con = connect(demo_db)
    try:
        stamp = ("changed",)
        params = (("plan_id", 1), ("quarter", 0), ("units", ()), ("version_id", 1), ("year", 2019))
        before = ui._cached_query(con, str(demo_db), stamp, "tasks_at_version", params).copy()

        def spoil(frame):
            frame["content"] = "spoilt"
            frame["added"] = 1
            return frame

        settings = (("as_of", dt.date(2019, 9, 30)), ("lang", "vi"), ("plan_year", 2019))

        def statuses():
            name = ui._name(status.statuses)
            return ui._cached_computed(
                con, str(demo_db), stamp, "tasks_at_version", params, status.statuses, name, settings
            )

        statuses_before = statuses().copy()
        ui._cached_computed(con, str(demo_db), stamp, "tasks_at_version", params, spoil, "spoil", settings)
        ui._cached_by_status(
            con, str(demo_db), stamp, params, settings, lambda t, s: (spoil(t), spoil(s))[0], "spoil", ()
        )
        pd.testing.assert_frame_equal(ui._cached_query(con, str(demo_db), stamp, "tasks_at_version", params), before)
        pd.testing.assert_frame_equal(statuses(), statuses_before)
    finally:
        con.close()


@pytest.mark.parametrize("path", ["dashboard.py", "pages/1_Tien_do_theo_don_vi.py", "pages/2_Moc_theo_quy.py"])
def test_another_unit_or_quarter_computes_no_status_again(path, demo_db, monkeypatch):
    # A task's status does not depend on the filters: they pick rows of the statuses of all the tasks.
    ui._cached_computed.clear()
    app = open_app(demo_db, monkeypatch, path)
    computed: list[str] = []
    _count_calls(monkeypatch, status, ["statuses"], computed)
    for quarter in (2, 3):
        app.selectbox(key="quarter_choice_vi").select(quarter).run()
    app.multiselect(key="units_choice").select("P.KHTC").run()
    assert not app.exception
    assert computed == []


@pytest.mark.parametrize("units", [[], ["P.KHTC"], ["P.TTBCXB", "UBND.DC"]])
@pytest.mark.parametrize("quarter", [0, 1, 3])
def test_the_statuses_of_a_filtered_view_are_those_of_its_tasks(units, quarter, demo_db):
    con = connect(demo_db)
    try:
        view = ui.View(con, "vi", version_id=3, as_of=dt.date(2019, 9, 30), units=units, quarter=quarter)
        view.plan = pd.Series({"plan_id": 1, "year": 2019})
        view.stamp = ("filtered", units, quarter)
        tasks = queries.run(con, "tasks_at_version", **view.params())
        expected = status.statuses(tasks, view.as_of, lang="vi", plan_year=2019, grace_days=view.rules.grace_days)
        pd.testing.assert_frame_equal(view.statuses(), expected)
        assert len(tasks) > 0
    finally:
        con.close()


def test_a_figure_is_built_again_for_other_inputs_or_new_data(monkeypatch):
    calls: list[dict] = []

    def group_counts(counts, lang):
        calls.append(counts)
        return go.Figure(go.Bar(x=list(counts), y=list(counts.values())))

    monkeypatch.setattr(charts, "group_counts", group_counts)
    figures.built.clear()
    first = figures.built((1, "a"), "group_counts", ({"done": 1}, "vi"), (), False)
    assert figures.built((1, "a"), "group_counts", ({"done": 1}, "vi"), (), False) is first
    figures.built((1, "a"), "group_counts", ({"done": 2}, "vi"), (), False)
    figures.built((2, "b"), "group_counts", ({"done": 1}, "vi"), (), False)
    figures.built((1, "a"), "group_counts", ({"done": 1}, "vi"), (), True)
    assert calls == [{"done": 1}, {"done": 2}, {"done": 1}, {"done": 1}]


def test_a_frame_with_other_rows_builds_another_figure():
    figures.built.clear()
    frame = pd.DataFrame(
        {"period_start": pd.to_datetime(["2019-01-01", "2019-02-01"]), "sentiment": "negative", "mentions": [3, 4]}
    )
    first = figures.built((1,), "media_volume", (frame, "month", "vi"), (), False)
    again = figures.built((1,), "media_volume", (frame.assign(mentions=[3, 5]), "month", "vi"), (), False)
    assert first is not again


def test_text_from_a_workbook_is_escaped_once_however_often_the_figure_is_drawn():
    figures.built.clear()
    counts = pd.DataFrame({"outlet": ["Báo <b>A</b> & B"], "sentiment": ["negative"], "mentions": [2]})
    for _ in range(2):
        figure = figures.built((1,), "mentions_by", (counts, "outlet", "vi"), (), False)
    assert list(figure.data[0].y) == ["Báo &lt;b&gt;A&lt;/b&gt; &amp; B"]


def test_only_a_chart_builder_of_plantrack_charts_is_drawn(demo_db):
    with pytest.raises(ValueError, match="not a chart builder"):
        figures.chart(None, lambda lang: go.Figure(), "vi")


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_a_page_of_the_demo_plan_sends_its_charts_within_a_budget(path, demo_db, monkeypatch):
    app = open_app(demo_db, monkeypatch, path)
    specs = [e.proto.spec for e in _elements(app._tree) if _is_plotly(e)]
    assert specs, "every viewer page draws a chart on the demo plan"
    assert all(json.loads(spec)["data"] for spec in specs)
    assert sum(len(spec) for spec in specs) <= CHART_BUDGET[path]


def _is_plotly(element) -> bool:
    proto = getattr(element, "proto", None)
    return (
        proto is not None and getattr(proto, "DESCRIPTOR", None) is not None and proto.DESCRIPTOR.name == "PlotlyChart"
    )


def _elements(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _elements(child)


def test_a_quarter_chosen_on_the_units_page_builds_again_only_the_open_parts_chart(demo_db, monkeypatch):
    app = open_app(demo_db, monkeypatch, "pages/1_Tien_do_theo_don_vi.py", tab="task_progress")
    built: list[str] = []
    _count_calls(monkeypatch, charts, [n for n in _builders() if n != "sentiment_long"], built)
    app.selectbox(key="quarter_choice_vi").select(2).run()
    assert not app.exception
    # The tasks of quarter II are other tasks; the units chart, in a part not open, is not drawn at all.
    assert built == ["progress_bars"]


# What each part of a page draws on the demo plan: (charts, tables). Only the open part runs.
PARTS = {
    # The group chart above the parts is always drawn; the demo has no overdue task (no ageing table).
    "dashboard.py": {
        "deadlines": (1, 1),
        "ageing": (1, 0),
        "changes": (1, 1),
    },
    "pages/1_Tien_do_theo_don_vi.py": {
        "unit_status": (1, 1),
        "task_progress": (1, 1),
        "indicators": (1, 0),
        "progress_history": (1, 0),
        "task_detail": (0, 1),
    },
    "pages/2_Moc_theo_quy.py": {
        "ms_timeline": (1, 0),
        "ms_list": (0, 1),
    },
    "pages/3_Ngan_sach.py": {
        "budget_sources": (1, 0),
        "budget_units": (1, 0),
        "budget_months": (1, 0),
        "budget_tasks": (2, 1),
    },
    "pages/4_Du_luan_bao_chi.py": {
        # The press summary's table above the parts is always drawn.
        "press_volume": (1, 1),
        "press_sentiment": (2, 1),
        "press_sources": (3, 1),
        "press_stories": (0, 2),
        "press_false": (0, 2),
    },
}


def _drawn(app) -> tuple[int, int]:
    elements = list(_elements(app._tree))
    return sum(_is_plotly(e) for e in elements), len(app.dataframe)


@pytest.mark.parametrize(("path", "part"), [(path, part) for path, parts in PARTS.items() for part in parts])
def test_a_page_draws_only_the_part_its_link_names(path, part, demo_db, monkeypatch):
    app = open_app(demo_db, monkeypatch, path, tab=part)
    assert _drawn(app) == PARTS[path][part]
    assert _open_parts(app, path) == [t(f"sec_{part}", "vi")]


def _open_parts(app, path: str, lang: str = "vi") -> list[str]:
    labels = [t(f"sec_{part}", lang) for part in PARTS[path]]
    return [tab.label for tab in app.tabs if tab.children and tab.label in labels]


@pytest.mark.parametrize("path", list(PARTS))
def test_a_page_opens_on_its_first_part_and_drops_a_part_it_does_not_have(path, demo_db, monkeypatch):
    first = next(iter(PARTS[path]))
    app = open_app(demo_db, monkeypatch, path, tab="no_such_part")
    assert _drawn(app) == PARTS[path][first]
    assert "tab" not in app.query_params


def test_a_link_names_a_part_in_words_of_neither_language(demo_db, monkeypatch):
    # Choosing a tab writes its key (the browser test clicks one); the same key opens it in both languages.
    for lang in ("vi", "en"):
        app = open_app(demo_db, monkeypatch, "pages/3_Ngan_sach.py", tab="budget_months", lang=lang)
        assert _open_parts(app, "pages/3_Ngan_sach.py", lang) == [t("sec_budget_months", lang)]


def test_a_link_naming_a_task_opens_that_task(demo_db, monkeypatch):
    app = open_app(demo_db, monkeypatch, "pages/1_Tien_do_theo_don_vi.py", task="NV3")
    assert app.selectbox(key="task_choice").value == "NV3"


def test_the_task_box_asks_only_for_its_open_tab(demo_db, monkeypatch):
    asked: list[str] = []
    _count_calls(monkeypatch, queries, ["run"], asked)
    ui._cached_query.clear()
    open_app(demo_db, monkeypatch, "pages/1_Tien_do_theo_don_vi.py", tab="task_detail")
    assert "task_milestones" in asked
    assert not {"task_indicators", "task_budget", "task_mentions", "task_history"} & set(asked)


def test_khám_phá_asks_for_its_rows_only_once_the_list_is_opened(demo_db, monkeypatch):
    asked: list[str] = []
    _count_calls(monkeypatch, explore, ["rows"], asked)
    explore_panel._cached_explore.clear()
    app = open_app(demo_db, monkeypatch, "pages/5_Kham_pha.py")
    assert asked == []
    app.session_state["x_rows_open"] = True
    app.run()
    assert not app.exception
    assert asked == ["rows"]
    assert len(app.dataframe) == 2


def test_a_table_has_one_download_menu_with_its_three_files(demo_db, monkeypatch):
    app = open_app(demo_db, monkeypatch, "pages/2_Moc_theo_quy.py", tab="ms_list")
    menus = [e for e in _elements(app._tree) if getattr(e, "type", None) == "popover"]
    assert len(menus) == len(app.dataframe) == 1
    labels = [b.proto.label for b in _elements(menus[0]) if getattr(b, "type", None) == "download_button"]
    assert labels == [t("exp_xlsx", "vi"), t("exp_csv_semicolon", "vi"), t("exp_csv", "vi")]


def test_the_units_page_run_again_on_the_same_data_regroups_no_task(demo_db, monkeypatch):
    from plantrack import status

    app = open_app(demo_db, monkeypatch, "pages/1_Tien_do_theo_don_vi.py")
    grouped: list[str] = []
    _count_calls(monkeypatch, status, ["unit_rollup", "tasks_by_unit_status"], grouped)
    app.run()
    assert not app.exception
    assert grouped == []
    # Another unit chosen is other rows: grouped once more.
    app.multiselect(key="units_choice").select("VP").run()
    assert sorted(grouped) == ["tasks_by_unit_status", "unit_rollup"]


def test_the_server_runs_no_full_garbage_collection_after_every_script_run():
    """Streamlit's default gc.collect(2) after each run held the lock for 0,1–0,2 s of every switch and filter
    change on this app's heap. The option is hidden in Streamlit's docs: a rename would leave ours unread."""
    server = tomllib.loads((Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text())
    assert server["runner"]["postScriptGC"] is False
    assert "runner.postScriptGC" in config._config_options_template
