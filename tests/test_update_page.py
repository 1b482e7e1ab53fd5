"""The Cập nhật dữ liệu page (issue 4): login and throttle, refused files, preview, confirm, rollback.

AppTest drives the page in-process; the browser test does the same upload through Debian's chromium.
The app is started from dashboard.py and switched to the update page, as a browser would reach it
(the sidebar's page links need dashboard.py as the entry point).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import fingerprint, small_plan
from streamlit.testing.v1 import AppTest
from update_page import (
    PASSWORD,
    UPDATE_PAGE,
    XLSX,
    button,
    choose_file,
    frame_with,
    login,
    markdown_texts,
    plan_with_editors,
    ran_ok,
    sign_in,
    texts,
    update_page,
)

from plantrack import auth, importer
from plantrack.db import connect
from plantrack.excel import workbook_bytes

ROOT = Path(__file__).resolve().parent.parent
XSS_TITLE = "<script>alert(1)</script>"
LINK_TITLE = "[link](http://x)"


@pytest.fixture
def db(tmp_path, monkeypatch):
    return plan_with_editors(tmp_path / "update.duckdb", monkeypatch, ("lan", "minh"))


def refused_file() -> bytes:
    frames = small_plan(progress=80)
    frames["tasks"].loc[0, "lead_unit"] = "P.XYZ"
    frames["tasks"].loc[1, "progress"] = 150.0
    return workbook_bytes(frames)


def valid_file() -> bytes:
    """NV1 done, a second disbursement, one title changed to a script and a markdown link added."""
    frames = small_plan(progress=100, media_titles=(XSS_TITLE, LINK_TITLE))
    # Updated on 20/04: the data's as-of date by default, so the April disbursement counts.
    frames["tasks"].loc[0, ["state", "completed_on", "updated_on"]] = [
        "done",
        dt.date(2019, 4, 20),
        dt.date(2019, 4, 20),
    ]
    frames["disbursements"] = pd.concat(
        [
            frames["disbursements"],
            pd.DataFrame(
                [
                    {
                        "line_code": "NS01",
                        "paid_on": dt.date(2019, 4, 15),
                        "amount": 3_000_000,
                        "voucher": "UNC 02",
                        "note": None,
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    return workbook_bytes(frames)


def changed_cells(app: AppTest) -> set[tuple]:
    """(key, column, old, new) of every changed-cells table of the preview."""
    frames = [d.value for d in app.dataframe if "old" in d.value.columns]
    return {row for frame in frames for row in zip(frame["key"], frame["field"], frame["old"], frame["new"])}


def overview_numbers(app: AppTest | None = None) -> dict[str, str]:
    """The overview's KPI cards, label → value (a fresh session unless an app is given)."""
    app = app or ran_ok(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run())
    return {m.label: m.value for m in app.metric}


def done(numbers: dict[str, str]) -> int:
    """Tasks done, from the card labelled … Hoàn thành (its value may read "2" or "2 / 2")."""
    value = next(v for label, v in numbers.items() if label.endswith("Hoàn thành"))
    return int(re.match(r"\d+", value).group())


def disbursed(numbers: dict[str, str]) -> str:
    return next(v for label, v in numbers.items() if "giải ngân" in label.lower())


def audit_rows(db: Path) -> list[tuple]:
    with connect(db) as con:
        return con.execute("select user_name, action, outcome, file_name from audit_log order by event_id").fetchall()


def test_not_logged_in_there_is_only_the_login_form(db):
    app = update_page()
    assert not app.file_uploader
    assert not app.get("download_button")
    assert not app.tabs
    assert [t.label for t in app.text_input] == ["Tên đăng nhập", "Mật khẩu"]
    assert [b.label for b in app.button] == ["Đăng nhập"]
    assert "Đăng nhập để cập nhật dữ liệu" in texts(app.subheader)


def test_five_wrong_passwords_lock_the_login(db):
    app = update_page()
    for left in (4, 3, 2, 1):
        login(app, password="sai-mật-khẩu")
        assert f"Sai tên đăng nhập hoặc mật khẩu. Còn {left} lần thử" in texts(app.error)
    login(app, password="sai-mật-khẩu")
    assert "Đăng nhập sai 5 lần nên đang bị tạm khóa" in texts(app.error)
    login(app)  # the right password, still refused
    assert "đang bị tạm khóa" in texts(app.error)
    assert not app.file_uploader
    outcomes = [r[2] for r in audit_rows(db) if r[1] == "login"]
    assert outcomes == ["failed"] * 5 + ["locked"]
    assert not any(PASSWORD in str(v) or "sai-mật-khẩu" in str(v) for row in audit_rows(db) for v in row)


def test_refused_file_then_preview_confirm_overview_and_rollback(db):
    before = overview_numbers()
    assert done(before) == 1

    app = login(update_page())
    assert len(app.file_uploader) == 1
    assert "tối đa 100 MiB" in app.file_uploader[0].label
    assert {"Tải mẫu trống (.xlsx)", "Tải số liệu hiện tại (.xlsx)"} <= {b.label for b in app.get("download_button")}

    # A refused file: every problem in a table, the database untouched, the attempt audited once.
    with connect(db) as con:
        untouched = fingerprint(con)
    app.file_uploader[0].set_value(("nhiem-vu-loi.xlsx", refused_file(), XLSX))
    ran_ok(app.run())
    assert "Tệp có 2 lỗi, chưa ghi gì vào cơ sở dữ liệu." in texts(app.error)
    problems = frame_with(app, "message")
    assert list(problems["sheet"]) == ["Nhiệm vụ", "Nhiệm vụ"]
    assert list(problems["row"]) == ["2", "3"]  # in sheet and row order
    assert set(problems["column"]) == {"Đơn vị chủ trì", "Tiến độ (%)"}
    assert any("P.XYZ" in m for m in problems["message"])
    assert "Tải danh sách lỗi (.xlsx)" in {b.label for b in app.get("download_button")}
    assert not [b for b in app.button if b.label == "Xác nhận cập nhật"]
    ran_ok(app.run())  # a rerun neither writes nor audits again
    with connect(db) as con:
        after_refusal = fingerprint(con)
    new_audit = after_refusal.pop("audit_log")[len(untouched["audit_log"]) :]
    untouched.pop("audit_log")
    assert after_refusal == untouched
    assert [(r[2], r[3], r[8], r[6]) for r in new_audit] == [("lan", "import", "refused", "nhiem-vu-loi.xlsx")]

    # A valid file: warnings, the preview per sheet and the changed cells, old → new.
    app.date_input(key="update_as_of").set_value(dt.date(2019, 4, 30))
    app.file_uploader[0].set_value(("cap-nhat-quy-2.xlsx", valid_file(), XLSX))
    ran_ok(app.run())
    assert not app.error
    summary = frame_with(app, "unchanged").set_index("sheet")
    assert summary.loc["Nhiệm vụ", "changed"] == 1 and summary.loc["Nhiệm vụ", "unchanged"] == 1
    assert (summary.loc["Báo chí", "added"], summary.loc["Báo chí", "changed"]) == (1, 1)
    assert (summary.loc["Giải ngân", "added"], summary.loc["Giải ngân", "unchanged"]) == (1, 1)
    shown = changed_cells(app)
    assert ("NV1", "Tiến độ (%)", "50%", "100%") in shown
    assert ("NV1", "Trạng thái", "Đang thực hiện", "Hoàn thành") in shown
    assert ("NV1", "Ngày hoàn thành", "(trống)", "20/04/2019") in shown
    assert ("https://baogialai.com.vn/0", "Tiêu đề", "Gia Lai quảng bá du lịch", XSS_TITLE) in shown
    assert "<script" not in markdown_texts(app) and "](http://x)" not in markdown_texts(app)
    with connect(db) as con:
        assert len(importer.versions(con)) == 1  # nothing written by the preview

    # Confirm: a summary, a new version by the editor, and every page shows the new numbers.
    ran_ok(button(app, "Xác nhận cập nhật").click().run())
    assert "Đã ghi phiên bản 2 (số liệu đến ngày 30/04/2019)." in texts(app.success)
    assert not app.file_uploader[0].value  # ready for the next file
    with connect(db) as con:
        version = importer.versions(con).iloc[-1]
        assert (version["version_id"], version["user_name"], version["file_name"]) == (2, "lan", "cap-nhat-quy-2.xlsx")
        titles = set(importer.state(con, 1)["media"]["title"])
        assert {XSS_TITLE, LINK_TITLE} <= titles
    after = overview_numbers()
    assert done(after) == 2 and disbursed(after) != disbursed(before)
    ran_ok(app.run())  # another click on this page must not pull the sidebar back to the old version
    ran_ok(app.switch_page("dashboard.py").run())  # the same browser session, back on the overview
    assert overview_numbers(app) == after

    # The history, then a rollback after a confirmation that says what will change.
    ran_ok(app.switch_page(UPDATE_PAGE).run())
    history = frame_with(app, "changes")
    assert list(history["version_id"]) == [2, 1]
    assert history.iloc[0]["as_of"] == "30/04/2019" and history.iloc[0]["user_name"] == "lan"
    assert history.iloc[0]["changes"] == "Nhiệm vụ: sửa 1; Giải ngân: thêm 1; Báo chí: thêm 1, sửa 1"
    ran_ok(app.selectbox(key="rollback_target").set_value(1).run())
    assert "giống hệt phiên bản 1" in texts(app.warning)
    diff = frame_with(app, "rows_after").set_index("sheet")
    assert diff.loc["Nhiệm vụ", "changed"] == 1
    assert (diff.loc["Báo chí", "changed"], diff.loc["Báo chí", "removed"]) == (1, 1)
    assert diff.loc["Giải ngân", "removed"] == 1
    ran_ok(button(app, "Xác nhận khôi phục về phiên bản 1").click().run())
    assert "Đã khôi phục về phiên bản 1: tạo phiên bản mới 3." in texts(app.success)
    back = overview_numbers()
    assert back == before
    history = frame_with(app, "changes")
    assert list(history["version_id"]) == [3, 2, 1] and history.iloc[0]["kind"] == "Khôi phục ← 1"

    audit = frame_with(app, "outcome")
    assert {"Bị từ chối: tệp có lỗi", "Đã ghi", "Thành công"} <= set(audit["outcome"])
    assert "Khôi phục phiên bản" in set(audit["action"])
    ran_ok(app.switch_page("dashboard.py").run())
    assert overview_numbers(app) == before


def test_an_unreadable_file_is_explained_and_audited(db):
    app = login(update_page())
    app.file_uploader[0].set_value(("bao-cao.xlsx", b"Ma NV;Tien do\nNV1;50\n", XLSX))
    ran_ok(app.run())
    assert "Không đọc được tệp" in texts(app.error)
    assert "không phải là sổ tính Excel" in frame_with(app, "message").iloc[0]["message"]
    assert ("lan", "import", "unreadable", "bao-cao.xlsx") in audit_rows(db)


def test_a_confirm_after_someone_else_committed_previews_again(db):
    app = login(update_page())
    app.file_uploader[0].set_value(("cap-nhat.xlsx", valid_file(), XLSX))
    ran_ok(app.run())
    # Meanwhile another editor commits from another session.
    with connect(db) as con:
        other = importer.prepare(con, workbook_bytes(small_plan(progress=70)), "minh.xlsx")
        minh = auth.verify(con, "minh", PASSWORD, "another-browser").editor
        assert auth.import_as_editor(con, minh, other) == 2
    ran_ok(button(app, "Xác nhận cập nhật").click().run())
    assert "Dữ liệu đã thay đổi kể từ khi xem trước (phiên bản hiện tại 2, lúc xem trước 1)" in texts(app.warning)
    assert ("NV1", "Tiến độ (%)", "70%", "100%") in changed_cells(app)
    ran_ok(button(app, "Xác nhận cập nhật").click().run())
    assert "Đã ghi phiên bản 3" in texts(app.success)


def test_logout_returns_to_the_login_form(db):
    app = login(update_page())
    assert app.file_uploader
    ran_ok(button(app, "Đăng xuất").click().run())
    assert not app.file_uploader
    assert [t.label for t in app.text_input] == ["Tên đăng nhập", "Mật khẩu"]


def test_a_forged_session_token_cannot_reach_the_upload(db):
    app = update_page()
    app.session_state[auth.EDITOR_KEY] = auth.Editor("lan", dt.datetime.now(), "0" * 16, "0" * 64)
    ran_ok(app.run())
    assert not app.file_uploader


def browser_metrics(page) -> dict[str, str]:
    page.get_by_test_id("stMetric").first.wait_for(timeout=30_000)
    return {
        m.get_by_test_id("stMetricLabel").inner_text().strip(): m.get_by_test_id("stMetricValue").inner_text().strip()
        for m in page.get_by_test_id("stMetric").all()
    }


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian's chromium is not installed")
def test_browser_login_upload_through_the_file_chooser_confirm_and_overview(db, tmp_path):
    from browser import chromium, download, open_page, streamlit_server, wait_idle

    upload = tmp_path / "cap-nhat-quy-2.xlsx"
    upload.write_bytes(valid_file())
    refused = tmp_path / "nhiem-vu-loi.xlsx"
    refused.write_bytes(refused_file())
    # The database is opened only by the server process (DuckDB locks the file).
    with streamlit_server(db) as url, chromium() as context:
        overview, _ = open_page(context, url, timeout=90_000)  # the first run after a start is the slowest
        before = browser_metrics(overview)
        assert done(before) == 1, before
        page, errors = open_page(context, f"{url}/Cap_nhat_du_lieu")
        sign_in(page)

        # A refused file through the file chooser, and its list of problems downloaded.
        choose_file(page, refused)
        page.get_by_text("Tệp có 2 lỗi").wait_for(timeout=30_000)
        file = download(page, page.get_by_role("button", name="Tải danh sách lỗi (.xlsx)"))
        book = openpyxl.load_workbook(io.BytesIO(Path(file.path()).read_bytes()))
        rows = list(book.active.iter_rows(values_only=True))
        assert rows[0] == ("Mức độ", "Trang", "Dòng", "Cột", "Nội dung lỗi và cách sửa")
        assert sorted(r[2] for r in rows[1:]) == [2, 3]

        # The valid file, then confirm.
        page.get_by_test_id("stFileChipDeleteBtn").get_by_role("button").click()
        wait_idle(page)
        choose_file(page, upload)
        confirm = page.get_by_role("button", name="Xác nhận cập nhật")
        confirm.wait_for(timeout=30_000)
        wait_idle(page)
        # The script title and the markdown link are data: no script ran, no link was made.
        assert not page.evaluate("() => [...document.scripts].some(s => s.textContent.includes('alert(1)'))")
        assert page.locator("a[href='http://x'], a[href='http://x/']").count() == 0
        confirm.click()
        page.get_by_text("Đã ghi phiên bản 2").wait_for(timeout=30_000)
        wait_idle(page)

        # The overview, through the sidebar, shows the new numbers.
        page.get_by_test_id("stSidebar").get_by_text("Tổng quan").click()
        page.get_by_test_id("stMetric").first.wait_for(timeout=30_000)
        wait_idle(page)
        metrics = browser_metrics(page)
        assert done(metrics) == 2 and disbursed(metrics) != disbursed(before), metrics
        assert not [e for e in errors if "Uncaught" in e], errors
    with connect(db) as con:
        assert importer.versions(con).iloc[-1]["user_name"] == "lan"


def test_a_file_with_another_plan_creates_it_and_the_sidebar_follows(db):
    frames = small_plan()
    frames["plan_info"].loc[0, ["title", "doc_number", "year"]] = ["Kế hoạch năm 2020", "02/KH-TEST", 2020]
    app = login(update_page())
    app.file_uploader[0].set_value(("ke-hoach-2020.xlsx", workbook_bytes(frames), XLSX))
    ran_ok(app.run())
    assert {t.label: t.value for t in app.text_input}["Kế hoạch sẽ được cập nhật"] == "Kế hoạch mới: Kế hoạch năm 2020"
    ran_ok(button(app, "Xác nhận cập nhật").click().run())
    assert "Đã ghi phiên bản 2" in texts(app.success)
    assert app.query_params["plan"] == ["2"] or app.query_params["plan"] == "2"
    assert app.sidebar.selectbox(key="plan_choice").value == 2
    history = frame_with(app, "changes")
    assert list(history["version_id"]) == [2]
    ran_ok(app.run())
    assert app.sidebar.selectbox(key="plan_choice").value == 2
