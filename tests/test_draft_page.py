"""Cập nhật dữ liệu › Từ văn bản kế hoạch (pages/common/draft_panel.py), driven in-process by AppTest."""

from __future__ import annotations

import io

import openpyxl
from plan_documents import department_plan
from test_update_page import UPDATE_PAGE, _ok, button, db, login, texts, update_page  # noqa: F401

from plantrack import importer
from plantrack.db import connect

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def draft_uploader(app):
    hits = [u for u in app.file_uploader if u.label == "Chọn văn bản kế hoạch"]
    assert hits, [u.label for u in app.file_uploader]
    return hits[0]


def test_a_plan_document_shows_its_tasks_beside_their_sentences_then_goes_to_the_preview(db):
    app = login(update_page())
    draft_uploader(app).set_value(("ke-hoach-2024.docx", department_plan(), DOCX))
    _ok(app.run())
    assert "Tìm thấy 5 nhiệm vụ: 4 có thời gian thực hiện, 1 chưa có đơn vị chủ trì" in texts(app.info)
    shown = next(d.value for d in app.dataframe if "source" in d.value.columns)
    assert list(shown["code"]) == ["1.1.a", "1.1.b", "1.2", "2.1", "2.2"]
    assert shown.loc[2, "timing"] == "Từ tháng 3/2024 đến quý IV/2024" and shown.loc[2, "due"] == "31/12/2024"
    assert shown.loc[2, "source"].startswith("1.2. Xây dựng cơ sở dữ liệu")
    assert "Văn bản không ghi đơn vị chủ trì" in shown.loc[3, "check"]
    assert shown.loc[0, "check"] == ""
    assert "Tải bản nháp (.xlsx)" in [b.proto.label for b in app.get("download_button")]

    _ok(button(app, "Xem trước để tạo kế hoạch").click().run())
    # The usual preview of the draft: a new plan, and the blank cells the draft marked are problems.
    problems = next(d.value for d in app.dataframe if "message" in d.value.columns)
    assert set(problems["column"]) >= {"Đơn vị chủ trì", "Hạn hoàn thành"}
    assert "Bản nháp đang được xem trước ở bước 2" in texts(app.caption)
    with connect(db) as con:
        assert len(importer.plans(con)) == 1  # nothing written


def test_an_unreadable_document_gets_its_sentence_and_no_table(db):
    app = login(update_page())
    draft_uploader(app).set_value(("ke-hoach.docx", b"not a word file", DOCX))
    _ok(app.run())
    assert "Tệp bị hỏng hoặc không đúng định dạng" in texts(app.error)
    assert not [d for d in app.dataframe if "source" in d.value.columns]


def test_the_downloaded_draft_is_the_template_with_marked_cells():
    from plantrack.draft import read_plan

    book = openpyxl.load_workbook(io.BytesIO(read_plan(department_plan(), "x.docx").workbook()))
    tasks = book["Nhiệm vụ"]
    assert [c.value for c in tasks[1]][:3] == ["Mã NV *", "Nội dung nhiệm vụ *", "Đơn vị chủ trì *"]
    assert tasks["C5"].comment is not None and tasks["C2"].comment is None
