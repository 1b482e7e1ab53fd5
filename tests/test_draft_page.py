"""Cập nhật dữ liệu › Từ văn bản kế hoạch (pages/common/draft_panel.py), driven in-process by AppTest."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from browser import CHROMIUM, chromium, download, open_page, streamlit_server, wait_idle
from plan_documents import MARKDOWN_TEXT, department_plan
from update_page import (
    button,
    login,
    plan_with_editors,
    ran_ok,
    sign_in,
    texts,
    update_page,
)

from plantrack import importer
from plantrack.db import connect

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A database with one plan and an editor, as the update page's own tests have."""
    return plan_with_editors(tmp_path / "draft.duckdb", monkeypatch, as_of=None)


def draft_uploader(app):
    ran_ok(next(t for t in app.toggle if t.label.startswith("Từ văn bản kế hoạch")).set_value(True).run())
    hits = [u for u in app.file_uploader if u.label == "Chọn văn bản kế hoạch"]
    assert hits, [u.label for u in app.file_uploader]
    return hits[0]


def test_a_plan_document_shows_its_tasks_beside_their_sentences_then_goes_to_the_preview(db):
    app = login(update_page())
    draft_uploader(app).set_value(("ke-hoach-2024.docx", department_plan(), DOCX))
    ran_ok(app.run())
    assert "Tìm thấy 5 nhiệm vụ: 4 có thời gian thực hiện, 1 chưa có đơn vị chủ trì" in texts(app.info)
    shown = next(d.value for d in app.dataframe if "source" in d.value.columns)
    assert list(shown["code"]) == ["1.1.a", "1.1.b", "1.2", "2.1", "2.2"]
    assert shown.loc[2, "timing"] == "Từ tháng 3/2024 đến quý IV/2024" and shown.loc[2, "due"] == "31/12/2024"
    assert shown.loc[2, "source"].startswith("1.2. Xây dựng cơ sở dữ liệu")
    assert "Văn bản không ghi đơn vị chủ trì" in shown.loc[3, "check"]
    assert shown.loc[0, "check"] == ""
    assert "Tải bản nháp (.xlsx)" in [b.proto.label for b in app.get("download_button")]

    ran_ok(button(app, "Xem trước để tạo kế hoạch").click().run())
    # The usual preview of the draft: a new plan, and the blank cells the draft marked are problems.
    problems = next(d.value for d in app.dataframe if "message" in d.value.columns)
    assert set(problems["column"]) >= {"Đơn vị chủ trì", "Hạn hoàn thành"}
    assert "Bản nháp đang được xem trước ở bước 2" in texts(app.caption)
    with connect(db) as con:
        assert len(importer.plans(con)) == 1  # nothing written


def test_an_unreadable_document_gets_its_sentence_and_no_table(db):
    app = login(update_page())
    draft_uploader(app).set_value(("ke-hoach.docx", b"not a word file", DOCX))
    ran_ok(app.run())
    assert "Tệp bị hỏng hoặc không đúng định dạng" in texts(app.error)
    assert not [d for d in app.dataframe if "source" in d.value.columns]


def test_the_downloaded_draft_is_the_template_with_marked_cells():
    from plantrack.draft import read_plan

    book = openpyxl.load_workbook(io.BytesIO(read_plan(department_plan(), "x.docx").workbook()))
    tasks = book["Nhiệm vụ"]
    assert [c.value for c in tasks[1]][:3] == ["Mã NV *", "Nội dung nhiệm vụ *", "Đơn vị chủ trì *"]
    assert tasks["C5"].comment is not None and tasks["C2"].comment is None


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
def test_browser_a_plan_document_to_a_downloaded_draft_then_a_new_plan(db, tmp_path):
    plan = tmp_path / "ke-hoach-so-hoa.md"
    plan.write_text(MARKDOWN_TEXT, encoding="utf-8")
    with streamlit_server(db) as url, chromium() as context:
        open_page(context, url, timeout=90_000)[0].close()  # the first run after a start is the slowest
        page, errors = open_page(context, f"{url}/Cap_nhat_du_lieu")
        sign_in(page)

        page.get_by_text("Từ văn bản kế hoạch", exact=False).first.click()
        page.get_by_text("Chọn văn bản kế hoạch").wait_for(timeout=30_000)
        with page.expect_file_chooser() as chooser:
            # The draft's uploader comes before the page's own .xlsx uploader.
            page.get_by_test_id("stFileUploaderDropzone").first.get_by_test_id("stBaseButton-secondary").click()
        chooser.value.set_files(str(plan))
        page.get_by_text("Tìm thấy 2 nhiệm vụ", exact=False).wait_for(timeout=30_000)
        wait_idle(page)
        file = download(page, page.get_by_role("button", name="Tải bản nháp (.xlsx)"))
        book = openpyxl.load_workbook(io.BytesIO(Path(file.path()).read_bytes()))
        assert [row[0] for row in book["Nhiệm vụ"].iter_rows(min_row=2, values_only=True)] == ["1", "2"]

        page.get_by_role("button", name="Xem trước để tạo kế hoạch").click()
        confirm = page.get_by_role("button", name="Xác nhận cập nhật")
        confirm.wait_for(timeout=30_000)
        wait_idle(page)
        confirm.click()
        page.get_by_text("Đã ghi phiên bản", exact=False).first.wait_for(timeout=30_000)
        wait_idle(page)
        assert not [e for e in errors if "Uncaught" in e], errors
    with connect(db) as con:
        titles = list(importer.plans(con)["title"])
    assert "Kế hoạch Số hóa tài liệu lưu trữ năm 2025" in titles
