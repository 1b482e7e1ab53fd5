"""Khám phá's page: through Streamlit's AppTest, and a copied link in a real browser."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import open_app
from explore_plan import CRAFTED, PARAMS

from plantrack import explore
from plantrack.db import connect

EXPLORE_PAGE = "pages/5_Kham_pha.py"
URL = {
    "x_ds": "media",
    "x_g1": "published_on",
    "x_g2": "sentiment",
    "x_m": "share",
    "x_c": "reach",
    "x_grain": "week",
    "x_f_scope": ["foreign", "domestic"],
    "x_f_published_on": "2019-03-01~2019-03-31",
    "x_f_reach": "50~",
    "x_f_title": "gia lai",
}


def test_the_page_restores_every_choice_from_the_url(explore_db, monkeypatch) -> None:
    app = open_app(explore_db, monkeypatch, EXPLORE_PAGE, **URL)
    assert app.selectbox(key="x_dataset").value == "media"
    assert app.selectbox(key="x_media_g1").value == "published_on"
    assert app.selectbox(key="x_media_g2").value == "sentiment"
    assert app.selectbox(key="x_media_m").value == "share"
    assert app.selectbox(key="x_media_c_share").value == "reach"
    assert app.selectbox(key="x_media_grain").value == "week"
    assert app.multiselect(key="x_media_filters").value == ["scope", "published_on", "reach", "title"]
    assert app.multiselect(key="x_media_f_scope").value == ["foreign", "domestic"]
    assert app.text_input(key="x_media_f_published_on_low").value == "01/03/2019"
    assert app.text_input(key="x_media_f_published_on_high").value == "31/03/2019"
    assert app.number_input(key="x_media_f_reach_low").value == 50
    assert app.number_input(key="x_media_f_reach_high").value is None
    assert app.text_input(key="x_media_f_title").value == "gia lai"
    assert dict(app.query_params) == URL
    assert any(caption.value == "1 dòng khớp bộ lọc" for caption in app.caption)


def test_a_changed_choice_is_written_back_to_the_url(explore_db, monkeypatch) -> None:
    app = open_app(explore_db, monkeypatch, EXPLORE_PAGE, x_ds="media", x_g1="outlet")
    app.selectbox(key="x_media_g1").set_value("sentiment").run()
    app.selectbox(key="x_media_m").set_value("sum").run()
    assert app.query_params["x_g1"] == "sentiment"
    assert (app.query_params["x_m"], app.query_params["x_c"]) == ("sum", "reach")
    app.selectbox(key="x_dataset").set_value("tasks").run()
    assert not app.exception
    assert dict(app.query_params) == {"x_ds": "tasks", "x_m": "count", "x_g1": "status"}


def test_a_bad_link_still_opens_and_says_what_was_ignored(explore_db, monkeypatch) -> None:
    app = open_app(
        explore_db,
        monkeypatch,
        EXPLORE_PAGE,
        x_ds="tasks",
        x_g1="status",
        x_f_evil="1",
        x_f_content=CRAFTED,
        **{"x_f_[a](http://example.com)": "1"},
    )
    warnings = [w.value for w in app.warning if "bỏ qua" in w.value]
    assert warnings == ["Một phần đường dẫn không dùng được nên đã bỏ qua: x_f_evil, …"]
    assert app.text_input(key="x_tasks_f_content").value == CRAFTED
    assert "x_f_evil" not in app.query_params


def test_every_table_on_the_page_can_be_downloaded(explore_db, monkeypatch) -> None:
    app = open_app(explore_db, monkeypatch, EXPLORE_PAGE, x_ds="media", x_g1="outlet")
    app.session_state["x_rows_open"] = True  # the rows' list, asked for once it is opened
    app.run()
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels == ["Excel", "CSV (;)", "CSV (,)"] * 2


BROWSER_URL = {
    "x_ds": ["media"],
    "x_m": ["share"],
    "x_g1": ["outlet"],
    "x_g2": ["sentiment"],
    "x_f_scope": ["foreign"],
    "x_f_published_on": ["2019-07-01~2019-09-30"],
    "x_f_title": ["gia lai"],
}


@pytest.fixture(scope="module")
def demo_server(demo_db, tmp_path_factory):
    from browser import streamlit_server

    # The server holds the file's lock: the test reads its own copy.
    copy = tmp_path_factory.mktemp("explore-browser") / "copy.duckdb"
    shutil.copy(demo_db, copy)
    with streamlit_server(demo_db) as url:
        yield url, copy


def _query(url: str) -> dict[str, list[str]]:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(url).query, keep_blank_values=True)


@pytest.mark.browser
def test_a_copied_link_reopens_the_same_exploration_in_chromium(demo_server, tmp_path) -> None:
    from urllib.parse import urlencode

    from browser import CHROMIUM, chromium, download, open_page, wait_idle

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    url, path = demo_server
    link = f"{url}/Kham_pha?{urlencode(BROWSER_URL, doseq=True)}"
    with chromium(width=1440, height=2400) as context:
        for _ in range(2):  # the link as sent, then the link as the browser shows it after the first visit
            page, _errors = open_page(context, link)
            try:
                assert _query(page.url) == BROWSER_URL
                main = page.get_by_test_id("stMain")
                choices = main.get_by_test_id("stSelectbox")
                assert [choices.nth(n).locator("input").input_value() for n in range(choices.count())] == [
                    "Tin bài báo chí",
                    "Tỷ lệ (%)",
                    "(số dòng)",
                    "Cơ quan báo chí",
                    "Sắc thái",
                ]
                body = main.inner_text()
                for shown in ("◆ Nước ngoài", "Bộ lọc (3 đang áp dụng)", "khớp bộ lọc"):
                    assert shown in body, shown
                # Dates are typed dd/mm/yyyy (no English calendar), day first whatever the browser's locale.
                boxes = page.get_by_test_id("stTextInput").locator("input")
                typed = [boxes.nth(n).input_value() for n in range(boxes.count())]
                assert sorted(typed) == ["01/07/2019", "30/09/2019", "gia lai"], typed
                link = page.url
            finally:
                page.close()

        page, _errors = open_page(context, link)
        try:
            page.get_by_test_id("stPopover").first.click()  # the result table's download menu
            file = download(page, page.get_by_role("button", name="Excel").first)
            saved = tmp_path / file.suggested_filename
            file.save_as(saved)
            assert saved.name == "kham-pha-tin-bai-bao-chi.xlsx"
            import openpyxl

            sheet = openpyxl.load_workbook(saved).active
            assert sheet["A1"].value == "Khám phá - Tin bài báo chí"
            assert (
                sheet["A4"].value
                == "Bộ lọc: Phạm vi: ◆ Nước ngoài; Ngày đăng: 01/07/2019 – 30/09/2019; Tiêu đề: «gia lai»"
            )
            header_row = int(sheet.freeze_panes[1:]) - 1
            assert [c.value for c in sheet[header_row]] == ["Cơ quan báo chí", "Sắc thái", "Số tin bài", "Tỷ lệ (%)"]
            con = connect(path, read_only=True)
            try:
                exploration, _ = explore.from_query(BROWSER_URL)
                params = {**PARAMS, "version_id": 3, "until": dt.date(2019, 9, 30)}
                expected = explore.aggregate(con.cursor(), exploration, params)
            finally:
                con.close()
            rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=header_row + 1)]
            assert [r[2] for r in rows] == list(expected["n_rows"])
            assert [r[3] for r in rows] == pytest.approx([v / 100 for v in expected["value"]], abs=5e-4)

            page.get_by_test_id("stMain").get_by_test_id("stSelectbox").nth(1).click()  # Số đo
            page.get_by_role("option", name="Đếm").click()
            page.wait_for_function("() => window.location.search.includes('x_m=count')", timeout=20_000)
            wait_idle(page)
            assert _query(page.url) == {**BROWSER_URL, "x_m": ["count"]}
        finally:
            page.close()


def _sent(frames: list) -> dict:
    """What a run sent, from the websocket's frames: the root containers its deltas went to, the types of
    the elements it drew, the text of its headings, and how the run ended (Streamlit's script_finished)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    sent: dict = {"roots": set(), "elements": [], "headings": [], "finished": []}
    for frame in list(frames):
        message = ForwardMsg.FromString(frame if isinstance(frame, bytes) else frame.encode())
        kind = message.WhichOneof("type")
        if kind == "script_finished":
            sent["finished"].append(message.script_finished)
        elif kind == "delta":
            sent["roots"].add(message.metadata.delta_path[0])
            if message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                sent["elements"].append(element.WhichOneof("type"))
                if element.WhichOneof("type") == "heading":
                    sent["headings"].append(element.heading.body)
    return sent


@pytest.mark.browser
def test_a_choice_on_khám_phá_reruns_the_exploration_alone_in_chromium(demo_server) -> None:
    """Issue 15: a grouping, a measure or a dataset chosen reruns the exploration (a fragment) and draws its
    chart and table again; nothing is sent for the sidebar or the page's title. A quarter chosen in the
    sidebar still reruns the whole page."""
    from browser import CHROMIUM, chromium, wait_idle
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.proto.RootContainer_pb2 import MAIN, SIDEBAR

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    url, _ = demo_server
    fragment_done = ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
    with chromium(width=1440, height=1200) as context:
        page = context.new_page()
        frames: list = []
        page.on("websocket", lambda socket: socket.on("framereceived", lambda frame: frames.append(frame)))
        page.goto(f"{url}/Kham_pha", wait_until="networkidle")
        wait_idle(page)
        try:

            def run(scope, label: str, option: str) -> dict:
                frames.clear()
                scope.get_by_role("combobox", name=label, exact=True).click()
                page.get_by_role("option", name=option, exact=True).click()
                for _ in range(300):
                    if _sent(frames)["finished"]:
                        break
                    page.wait_for_timeout(100)
                wait_idle(page)
                return _sent(frames)

            main, sidebar = page.get_by_test_id("stMain"), page.get_by_test_id("stSidebar")
            for label, option in (("Nhóm theo", "Trạng thái"), ("Số đo", "Tỷ lệ (%)"), ("Dữ liệu", "Tin bài báo chí")):
                sent = run(main, label, option)
                assert sent["finished"] == [fragment_done], (label, sent["finished"])
                assert sent["roots"] == {MAIN}, label
                assert {"plotly_chart", "dataframe", "selectbox"} <= set(sent["elements"]), (label, sent["elements"])
                assert sent["headings"] == ["Kết quả"], (label, sent["headings"])
            assert "x_ds=media" in page.url

            sent = run(sidebar, "Quý", "Quý II")
            assert fragment_done not in sent["finished"]
            assert sent["roots"] == {MAIN, SIDEBAR}
            assert "page_link" in sent["elements"] and "Khám phá" in sent["headings"]
            assert {"plotly_chart", "dataframe"} <= set(sent["elements"])
        finally:
            page.close()


@pytest.fixture(scope="module")
def many_tasks_db(tmp_path_factory) -> Path:
    """The small plan with 60 tasks, more than Khám phá's chart draws as bars."""
    import pandas as pd
    from conftest import small_plan

    from plantrack import importer
    from plantrack.excel import workbook_bytes

    frames = small_plan()
    tasks = frames["tasks"]
    frames["tasks"] = pd.DataFrame([tasks.iloc[0].to_dict()] * 60).assign(
        task_code=[f"NV{n}" for n in range(1, 61)], progress=[float(20 + n) for n in range(1, 61)]
    )
    path = tmp_path_factory.mktemp("many-tasks") / "many.duckdb"
    con = connect(path)
    preview = importer.prepare(con, workbook_bytes(frames), "plan.xlsx")
    assert not preview.problems, [p.line("en") for p in preview.problems]
    importer.commit(con, preview, "tester")
    con.close()
    return path


def test_a_grouping_of_more_groups_than_a_chart_shows_draws_the_largest_and_tables_them_all(
    many_tasks_db, monkeypatch
) -> None:
    import json

    app = open_app(many_tasks_db, monkeypatch, EXPLORE_PAGE, x_ds="tasks", x_g1="task_code", x_m="sum", x_c="progress")
    assert not app.exception
    (spec,) = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    bars = [label for trace in spec["data"] for label in trace["y"]]
    assert len(bars) == explore.CHART_GROUPS
    assert bars[:3] == ["NV60", "NV59", "NV58"]  # the largest sums of progress first
    assert "Biểu đồ có 40 trong 60 nhóm, giá trị lớn nhất trước; bảng dưới biểu đồ có tất cả." in [
        caption.value for caption in app.caption
    ]
    (table,) = app.dataframe
    assert len(table.value) == 60
