"""The partial upload on Cập nhật dữ liệu (issue 9), in-process (AppTest) and through Debian's chromium.

A Nhiệm vụ sheet alone, without NV1, is refused with the rows it would leave pointing at nothing and
writes nothing; the same workbook with its dependent sheets previews the removal first, names it on
the confirm button, and goes through.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import fingerprint
from test_integrity import partial_tasks, partial_with_dependents
from update_page import (
    XLSX,
    button,
    choose_file,
    frame_with,
    login,
    plan_with_editors,
    ran_ok,
    sign_in,
    texts,
    update_page,
)

from plantrack import importer
from plantrack.db import connect

REFUSAL = "Xóa NV1 sẽ làm 1 dòng kinh phí và 1 tin bài không còn nhiệm vụ."
CONFIRM = "Xác nhận: xóa 1 nhiệm vụ"


@pytest.fixture
def db(tmp_path, monkeypatch):
    """The page tests' database: the small plan and two editors."""
    return plan_with_editors(tmp_path / "update.duckdb", monkeypatch, ("lan", "minh"))


def test_a_partial_upload_is_refused_with_its_counts_and_goes_through_with_its_dependent_sheets(db):
    app = login(update_page())
    with connect(db) as con:
        untouched = fingerprint(con)
    app.file_uploader[0].set_value(("chi-nhiem-vu.xlsx", partial_tasks(), XLSX))
    ran_ok(app.run())
    assert "Tệp có 1 lỗi, chưa ghi gì vào cơ sở dữ liệu." in texts(app.error)
    problems = frame_with(app, "message")
    assert (problems.iloc[0]["sheet"], problems.iloc[0]["row"], problems.iloc[0]["column"]) == ("Nhiệm vụ", "", "Mã NV")
    assert problems.iloc[0]["message"].startswith(REFUSAL)
    assert not [b for b in app.button if b.label.startswith("Xác nhận")]
    with connect(db) as con:
        after = fingerprint(con)
    after.pop("audit_log"), untouched.pop("audit_log")
    assert after == untouched

    app.file_uploader[0].set_value(("nhiem-vu-kem-trang.xlsx", partial_with_dependents(), XLSX))
    ran_ok(app.run())
    assert not app.error
    assert "Cập nhật này sẽ xóa 1 nhiệm vụ khỏi dữ liệu hiện tại." in texts(app.warning)
    removals = frame_with(app, "codes")
    assert list(removals["sheet"]) == ["Nhiệm vụ"] and list(removals["codes"]) == ["NV1"]
    assert "Số liệu tính đến ngày 29/03/2019: ngày «Cập nhật ngày» mới nhất trong tệp." in texts(app.caption)
    ran_ok(button(app, CONFIRM).click().run())
    assert "Đã ghi phiên bản 2" in texts(app.success)
    with connect(db) as con:
        assert list(importer.state(con, 1)["tasks"]["task_code"]) == ["NV2"]


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian's chromium is not installed")
def test_browser_partial_upload_refused_then_sent_with_its_dependent_sheets(db, tmp_path):
    from browser import chromium, open_page, streamlit_server, wait_idle

    partial = tmp_path / "chi-nhiem-vu.xlsx"
    partial.write_bytes(partial_tasks())
    whole = tmp_path / "nhiem-vu-kem-trang.xlsx"
    whole.write_bytes(partial_with_dependents())

    with streamlit_server(db) as url, chromium() as context:
        page, errors = open_page(context, f"{url}/Cap_nhat_du_lieu", timeout=90_000)
        sign_in(page)

        choose_file(page, partial)
        page.get_by_text("Tệp có 1 lỗi").wait_for(timeout=30_000)
        wait_idle(page)
        # The grid draws on a canvas; its accessible table beside it holds the cells' text.
        grid = page.get_by_test_id("stDataFrame").first
        grid.wait_for(timeout=30_000)
        assert page.get_by_role("button", name=CONFIRM).count() == 0
        assert REFUSAL in (grid.text_content() or ""), grid.text_content()

        page.get_by_test_id("stFileChipDeleteBtn").get_by_role("button").click()
        wait_idle(page)
        choose_file(page, whole)
        confirm = page.get_by_role("button", name=CONFIRM)
        confirm.wait_for(timeout=30_000)
        page.get_by_text("Cập nhật này sẽ xóa 1 nhiệm vụ").wait_for(timeout=10_000)
        wait_idle(page)
        confirm.click()
        page.get_by_text("Đã ghi phiên bản 2").wait_for(timeout=30_000)
        assert not [e for e in errors if "Uncaught" in e], errors
    with connect(db) as con:
        versions = importer.versions(con)
        assert list(versions["file_name"]) == ["ke-hoach.xlsx", "nhiem-vu-kem-trang.xlsx"]
        assert list(importer.state(con, 1)["tasks"]["task_code"]) == ["NV2"]
        refused = con.execute("select file_name from audit_log where outcome = 'refused'").fetchall()
        assert refused == [("chi-nhiem-vu.xlsx",)]
