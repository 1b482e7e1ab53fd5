"""Meeting mode: what changed since the last meeting (a version or a date), and the projector switch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from conftest import open_app
from explore_plan import explore_plan, media_row

from plantrack import importer, meeting, queries
from plantrack.db import connect
from plantrack.excel import workbook_bytes

FIRST, SECOND = dt.date(2019, 3, 31), dt.date(2019, 6, 30)


def second_plan() -> dict[str, pd.DataFrame]:
    """The explore plan three months on: progress, a task done, a new task, money paid, mentions, a case answered."""
    plan = explore_plan()
    tasks = plan["tasks"].set_index("task_code")
    tasks.loc["NV1", ["progress", "updated_on"]] = [75.0, dt.date(2019, 6, 20)]
    tasks.loc["NV3", ["progress", "state", "completed_on", "updated_on"]] = [
        100.0,
        "done",
        dt.date(2019, 5, 10),
        dt.date(2019, 5, 10),
    ]
    tasks = tasks.reset_index()
    new = {
        **tasks.iloc[1].to_dict(),
        "task_code": "NV4",
        "content": "Tập huấn thông tin đối ngoại",
        "due_on": dt.date(2019, 7, 31),
        "start_on": dt.date(2019, 6, 1),
        "progress": 10.0,
        "state": "in_progress",
        "completed_on": None,
        "updated_on": dt.date(2019, 6, 25),
        "timing_text": "Dự kiến tháng 7 năm 2019",
    }
    plan["tasks"] = pd.DataFrame([*tasks.to_dict("records"), new])
    plan["disbursements"] = pd.DataFrame(
        [
            *plan["disbursements"].to_dict("records"),
            {
                "line_code": "NS01",
                "paid_on": dt.date(2019, 5, 5),
                "amount": 3_000_000,
                "voucher": "UNC 07",
                "note": None,
            },
            {"line_code": "NS02", "paid_on": dt.date(2019, 6, 1), "amount": 400_000, "voucher": "PC 09", "note": None},
        ]
    )
    media = plan["media"].to_dict("records")
    media[3] = {**media[3], "response": "refuted", "responded_on": dt.date(2019, 4, 2)}
    media += [
        media_row(dt.date(2019, 4, 10), "Báo Gia Lai", "domestic", "online", "Lễ hội cà phê", "positive", False),
        media_row(
            dt.date(2019, 5, 2),
            "RFI",
            "foreign",
            "online",
            "Tin đồn đóng cửa khẩu",
            "negative",
            True,
            "reported",
            dt.date(2019, 5, 3),
        ),
        media_row(dt.date(2019, 6, 12), "BBC", "foreign", "online", "Biên giới Đức Cơ", "neutral", False),
    ]
    plan["media"] = pd.DataFrame(media)
    return plan


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("meeting") / "meeting.duckdb"
    con = connect(path)
    for plan, as_of in ((explore_plan(), FIRST), (second_plan(), SECOND)):
        preview = importer.prepare(con, workbook_bytes(plan), "plan.xlsx", as_of=as_of)
        assert not preview.problems, [p.line("en") for p in preview.problems]
        importer.commit(con, preview, "tester")
    con.close()
    return path


@pytest.fixture
def cur(db):
    con = connect(db)
    yield con.cursor()
    con.close()


def _params(**extra) -> dict:
    return {"plan_id": 1, "version_id": 2, "units": [], "quarter": 0, "year": 2019, "until": SECOND, **extra}


def _versions(cur) -> pd.DataFrame:
    return queries.run(cur, "plan_versions", plan_id=1)


def test_the_last_meeting_is_the_previous_update_by_default(cur) -> None:
    versions = _versions(cur)
    assert meeting.default_since(versions, 2) == FIRST
    assert meeting.default_since(versions, 1) is None
    assert meeting.baseline(versions, 2, dt.date(2019, 5, 1)) == meeting.Baseline(1, FIRST)
    assert meeting.baseline(versions, 2, dt.date(2019, 3, 1)) == meeting.Baseline(None, None)


def test_a_meeting_compares_with_each_earlier_data_date_once_by_its_newest_version() -> None:
    versions = pd.DataFrame(
        {
            "version_id": [1, 2, 3, 4, 5],
            "as_of": pd.to_datetime(["2019-03-31", "2019-06-30", "2019-06-30", "2019-09-30", "2019-05-15"]),
        }
    )
    days = meeting.earlier_days(versions, 5, dt.date(2019, 9, 30))
    expected = pd.DataFrame(
        {"day": [dt.date(2019, 6, 30), dt.date(2019, 3, 31)], "version_id": pd.array([3, 1], dtype="int64")}
    )
    pd.testing.assert_frame_equal(days, expected)
    assert meeting.earlier_days(versions, 1, dt.date(2019, 3, 31)).empty


def test_changes_since_the_previous_version(cur) -> None:
    changes = meeting.changes(cur, _params(), FIRST, _versions(cur))
    assert changes.baseline == meeting.Baseline(1, FIRST)
    expected = pd.DataFrame(
        {
            "task_code": ["NV1", "NV2", "NV3", "NV4"],
            "old_status": ["on_track", "done", "overdue", None],
            "new_status": ["on_track", "done", "done", "behind"],  # NV4: 10% after half its window
            "old_progress": [50.0, 100.0, 40.0, None],
            "new_progress": [75.0, 100.0, 100.0, 10.0],
            "gained": [25.0, 0.0, 60.0, 10.0],
            "status_changed": [False, False, True, True],
            "is_new": [False, False, False, True],
        }
    )
    expected["old_status"] = pd.Series(["on_track", "done", "overdue", None], dtype=object)
    pd.testing.assert_frame_equal(changes.tasks[list(expected.columns)], expected, check_dtype=False)
    assert list(changes.changed_tasks["task_code"]) == ["NV1", "NV3", "NV4"]
    assert (changes.status_changed, changes.tasks_gaining, changes.progress_gained) == (2, 3, 23.75)
    paid = changes.disbursements[["paid_on", "line_code", "task_code", "source", "amount"]]
    pd.testing.assert_frame_equal(
        paid,
        pd.DataFrame(
            {
                "paid_on": pd.to_datetime(["2019-06-01", "2019-05-05"]),
                "line_code": ["NS02", "NS01"],
                "task_code": ["NV3", "NV1"],
                "source": ["social", "state"],
                "amount": [400_000, 3_000_000],
            }
        ),
        check_dtype=False,
    )
    assert changes.disbursed == 3_400_000
    assert dict(changes.mentions) == {
        "mentions": 3,
        "positive": 1,
        "neutral": 1,
        "negative": 1,
        "foreign_mentions": 2,
        "false_new": 1,
        "false_answered": 2,
    }
    assert changes.negative_share == pytest.approx(100 / 3)
    cases = changes.false_cases[["published_on", "outlet", "response", "is_new", "days_to_respond"]]
    pd.testing.assert_frame_equal(
        cases,
        pd.DataFrame(
            {
                "published_on": pd.to_datetime(["2019-05-02", "2019-03-25"]),
                "outlet": ["RFI", "VOA"],
                "response": ["reported", "refuted"],
                "is_new": [True, False],
                "days_to_respond": [1, 8],
            }
        ),
        check_dtype=False,
    )


def test_changes_since_a_date_between_versions(cur) -> None:
    changes = meeting.changes(cur, _params(), dt.date(2019, 5, 15), _versions(cur))
    assert changes.baseline == meeting.Baseline(1, FIRST)
    assert changes.disbursed == 400_000
    assert changes.mentions["mentions"] == 1
    assert changes.false_cases.empty


def test_before_any_version_every_task_is_new(cur) -> None:
    changes = meeting.changes(cur, _params(), dt.date(2019, 1, 1), _versions(cur))
    assert changes.baseline == meeting.Baseline(None, None)
    assert changes.tasks["is_new"].all() and changes.status_changed == 4
    assert changes.disbursed == 1_000_000 + 2_000_000 + 500_000 + 3_000_000 + 400_000
    assert changes.mentions["mentions"] == 7


def test_the_unit_filter_applies_as_on_the_pages(cur) -> None:
    changes = meeting.changes(cur, _params(units=["VP"]), FIRST, _versions(cur))
    assert list(changes.tasks["task_code"]) == ["NV1", "NV2", "NV4"]
    assert changes.disbursed == 3_000_000  # NS01 is managed by VP, NS02 by P.TTBCXB


def test_the_overview_opens_with_what_changed_in_meeting_mode(db, monkeypatch) -> None:
    app = open_app(db, monkeypatch, meeting="1")
    assert [h.value for h in app.header][:1] == ["Thay đổi từ lần họp trước"]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Nhiệm vụ đổi tình trạng"] == "2"
    assert metrics["Tiến độ tăng bình quân (điểm)"] == "+23,8"
    assert metrics["Giải ngân thêm (triệu ₫)"] == "3,4"
    assert metrics["Tin bài mới"] == "3"
    assert metrics["Thông tin sai lệch mới"] == "1"
    assert app.selectbox(key="since_choice_vi").value == FIRST.isoformat()
    assert any("stSidebar" in m.value and "display: none" in m.value for m in app.markdown)


def test_a_chosen_date_lives_in_the_url(db, monkeypatch) -> None:
    app = open_app(db, monkeypatch, meeting="1", since="2019-05-15")
    assert app.selectbox(key="since_choice_vi").value == "other"
    assert app.text_input(key="since_date").value == "15/05/2019"
    assert {m.label: m.value for m in app.metric}["Giải ngân thêm (triệu ₫)"] == "0,4"
    assert app.query_params["since"] == "2019-05-15"


def test_outside_meeting_mode_the_overview_is_unchanged(db, monkeypatch) -> None:
    app = open_app(db, monkeypatch)
    assert "Thay đổi từ lần họp trước" not in [h.value for h in app.header]
    assert not any("stSidebar" in m.value for m in app.markdown)


def test_the_switch_turns_meeting_mode_on_and_the_button_off(db, monkeypatch) -> None:
    app = open_app(db, monkeypatch)
    app.toggle(key="meeting_switch").set_value(True).run()
    assert app.query_params.get("meeting") == "1"
    assert [h.value for h in app.header][:1] == ["Thay đổi từ lần họp trước"]
    app.button(key="meeting_exit").click().run()
    assert "meeting" not in app.query_params


@pytest.mark.parametrize(
    "path",
    [
        "pages/1_Tien_do_theo_don_vi.py",
        "pages/2_Moc_theo_quy.py",
        "pages/3_Ngan_sach.py",
        "pages/4_Du_luan_bao_chi.py",
        "pages/5_Kham_pha.py",
    ],
)
def test_every_page_has_the_way_out_in_meeting_mode(db, monkeypatch, path) -> None:
    app = open_app(db, monkeypatch, path, meeting="1")
    assert app.button(key="meeting_exit").label == "Thoát chế độ họp"


def test_meeting_mode_keeps_the_filters_in_the_top_bar(db, monkeypatch) -> None:
    app = open_app(db, monkeypatch, "pages/3_Ngan_sach.py", meeting="1", q="2")
    # The sidebar is hidden on a projector: the filters are drawn in the main area, not in it.
    assert not [box for box in app.sidebar.selectbox if box.key == "quarter_choice_vi"]
    quarter = app.selectbox(key="quarter_choice_vi")
    assert quarter.value == 2
    quarter.set_value(3).run()
    assert not app.exception
    assert app.query_params["q"] == "3" and app.query_params["meeting"] == "1"


def test_the_first_version_says_there_is_nothing_to_compare(db, monkeypatch) -> None:
    app = open_app(db, monkeypatch, meeting="1", asof=FIRST.isoformat())
    assert any("chưa có lần họp nào trước" in info.value for info in app.info)


@pytest.mark.browser
def test_meeting_mode_in_chromium_hides_the_sidebar_and_enlarges_the_text(db) -> None:
    from browser import CHROMIUM, chromium, open_page, streamlit_server, wait_idle

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    copy = db.with_name("meeting-browser.duckdb")
    copy.write_bytes(db.read_bytes())
    with streamlit_server(copy) as url, chromium(width=1280, height=2000) as context:
        page, errors = open_page(context, f"{url}/?meeting=1")
        try:
            assert page.get_by_text("Thay đổi từ lần họp trước").is_visible()
            assert not page.get_by_test_id("stSidebar").is_visible()
            assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"
            assert page.get_by_test_id("stMetricValue").first.inner_text() == "2"
            page.get_by_role("link", name="Ngân sách").click()
            page.wait_for_url("**/Ngan_sach?*meeting=1*")
            wait_idle(page)
            assert not page.get_by_test_id("stSidebar").is_visible()
            page.get_by_role("button", name="Thoát chế độ họp").click()
            page.wait_for_function("() => !window.location.search.includes('meeting')", timeout=20_000)
            wait_idle(page)
            assert page.get_by_test_id("stSidebar").is_visible()
            assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "16px"
        finally:
            page.close()
