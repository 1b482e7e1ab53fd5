"""The press-export steps on the pages (issue 12): the column mapping and the unknown outlets on Cập nhật
dữ liệu, in AppTest and in Chromium; the stories on Dư luận báo chí."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import open_app
from press_export import FIRST_WEEK, SECOND_WEEK, export_bytes
from update_page import (
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

from plantrack import importer, mapping, press_import
from plantrack.db import connect
from plantrack.excel import workbook_bytes

UNKNOWN = ["VnExpress", "TTXVN", "Facebook", "RFA", "YouTube"]


@pytest.fixture
def db(tmp_path, monkeypatch):
    """The small plan (its one mention by Báo Gia Lai) and an editor."""
    return plan_with_editors(tmp_path / "press.duckdb", monkeypatch)


def scope_choices(app) -> list:
    return [s for s in app.selectbox if s.key and s.key.endswith("_scope")]


def test_the_mapping_step_then_the_unknown_outlets_then_the_import(db):
    app = login(update_page())
    app.file_uploader[0].set_value(("bao-cao-tuan.xlsx", export_bytes(FIRST_WEEK + SECOND_WEEK), XLSX))
    ran_ok(app.run())

    # The mapping step: one choice per column of the file, the suggestion chosen, the left-out columns said.
    assert "Trang «Data», dòng tiêu đề 2: các cột không theo mẫu Báo chí." in texts(app.text)
    choices = {s.label: s.value for s in app.selectbox if s.key and s.key.startswith("map_")}
    assert choices["Nguồn phát hành"] == "outlet" and choices["TTT"] == "reach" and choices["Khách hàng"] == ""
    left_out = frame_with(app, "reason")
    assert (
        dict(zip(left_out["header"], left_out["reason"]))["Like"]
        == "đã tính trong tổng tương tác (TTT → Lượt tiếp cận)"
    )
    assert not [b for b in app.button if b.label == "Xác nhận cập nhật"]

    # Changed, named and saved: the file is checked again with it, without asking.
    ran_ok(next(s for s in app.selectbox if s.label == "AI_THELOAINOIDUNG").set_value("").run())
    reasons = frame_with(app, "reason")
    assert dict(zip(reasons["header"], reasons["reason"]))["AI_THELOAINOIDUNG"] == "bạn chọn bỏ qua"
    app.text_input(key=next(t.key for t in app.text_input if t.label == "Tên cách ghép")).input("Dịch vụ A")
    ran_ok(button(app, "Lưu và dùng cách ghép này").click().run())
    assert "Trang «Data» được đọc theo cách ghép đã lưu «Dịch vụ A»." in texts(app.text)
    with connect(db) as con:
        saved = mapping.saved_mapping(con, "Dịch vụ A")
        assert saved.user_name == "lan" and saved.fields["AI_THELOAINOIDUNG"] is None

    # The outlets the directory does not know: classified once, then the same file imports.
    assert "Cơ quan chưa có trong danh bạ: 5" in texts(app.markdown)
    shown = [t.value for t in app.text if t.value in UNKNOWN]
    assert shown == UNKNOWN
    assert not any(name in markdown_texts(app) for name in UNKNOWN)
    assert [s.value for s in scope_choices(app)] == [None] * 5
    tiers = [s.value for s in app.selectbox if s.key and s.key.endswith("_tier")]
    assert tiers == ["A", "A", "C", "B", "D"]  # the tiers the export gives
    ran_ok(button(app, "Lưu vào danh bạ và kiểm tra lại").click().run())
    assert "Chọn Phạm vi cho mọi cơ quan trước khi lưu (còn 5)." in texts(app.warning)
    for scope, value in zip(scope_choices(app), ["domestic", "domestic", "domestic", "foreign", "foreign"]):
        scope.set_value(value)
    ran_ok(button(app, "Lưu vào danh bạ và kiểm tra lại").click().run())
    assert "Đã lưu danh bạ cơ quan báo chí: phiên bản 2." in texts(app.success)
    summary = frame_with(app, "unchanged").set_index("sheet")
    assert summary.loc["Báo chí", "added"] == 7
    ran_ok(button(app, "Xác nhận cập nhật").click().run())
    assert "Đã ghi phiên bản 3" in texts(app.success)
    with connect(db) as con:
        stored = importer.state(con, 1)
    media = stored["media"].set_index("outlet")
    assert media.loc["RFA", "scope"] == "foreign" and media.loc["Facebook", "medium"] == "social"
    assert set(stored["outlets"]["outlet"]) == set(UNKNOWN)

    # The directory tab lists the directory, then the outlets only seen in mentions.
    directory = frame_with(app, "is_listed")
    assert list(zip(directory["outlet"], directory["is_listed"]))[-1] == ("Báo Gia Lai", False)
    assert set(directory["outlet"][directory["is_listed"]]) == set(UNKNOWN)


def test_the_press_page_counts_mentions_and_stories_and_names_who_carried_each(db, monkeypatch):
    with connect(db) as con:
        directory = [
            {"outlet": name, "scope": "foreign" if name in ("RFA", "YouTube") else "domestic"} for name in UNKNOWN
        ]
        data = workbook_bytes({"outlets": press_import.directory_frame(directory)}, sheets=["outlets"])
        importer.commit(con, importer.prepare(con, data, "d.xlsx", as_of=dt.date(2019, 10, 16)), "tester")
        preview = importer.prepare(
            con,
            export_bytes(FIRST_WEEK + SECOND_WEEK),
            "e.xlsx",
            as_of=dt.date(2019, 10, 16),
            accept_suggested_mapping=True,
        )
        importer.commit(con, preview, "tester")
    app = open_app(db, monkeypatch, "pages/4_Du_luan_bao_chi.py", tab="press_stories")
    assert {m.label: m.value for m in app.metric if m.label in ("Tin bài", "Câu chuyện")} == {
        "Tin bài": "8",
        "Câu chuyện": "5",
    }
    stories = frame_with(app, "outlet_list")
    assert stories.iloc[0][["title", "mentions", "outlets", "outlet_list"]].tolist() == [
        "Khai mạc Lễ hội văn hóa cồng chiêng tỉnh Gia Lai",
        4,
        4,
        "Báo Gia Lai, VnExpress, TTXVN, YouTube",
    ]


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian's chromium is not installed")
def test_browser_the_mapping_step_saves_and_the_export_imports(db, tmp_path):
    from browser import chromium, open_page, streamlit_server, wait_idle

    export = tmp_path / "bao-cao-tuan.xlsx"
    export.write_bytes(export_bytes(FIRST_WEEK))
    with connect(db) as con:
        directory = [{"outlet": n, "scope": "foreign" if n in ("RFA", "YouTube") else "domestic"} for n in UNKNOWN]
        data = workbook_bytes({"outlets": press_import.directory_frame(directory)}, sheets=["outlets"])
        importer.commit(con, importer.prepare(con, data, "d.xlsx", as_of=dt.date(2019, 10, 16)), "tester")
    with streamlit_server(db) as url, chromium() as context:
        page, errors = open_page(context, f"{url}/Cap_nhat_du_lieu", timeout=90_000)
        sign_in(page)
        choose_file(page, export)
        page.get_by_text("Ghép cột của tệp theo dõi báo chí").wait_for(timeout=30_000)
        wait_idle(page)
        assert page.get_by_role("combobox", name="Nguồn phát hành").input_value() == "Cơ quan báo chí"
        page.get_by_role("textbox", name="Tên cách ghép").fill("Dịch vụ A")
        page.get_by_role("button", name="Lưu và dùng cách ghép này").click()
        confirm = page.get_by_role("button", name="Xác nhận cập nhật")
        confirm.wait_for(timeout=30_000)
        wait_idle(page)
        assert page.get_by_text("Trang «Data» được đọc theo cách ghép đã lưu «Dịch vụ A».").is_visible()
        confirm.click()
        page.get_by_text("Đã ghi phiên bản 3").wait_for(timeout=30_000)
        assert not [e for e in errors if "Uncaught" in e], errors
    with connect(db) as con:
        stored = importer.state(con, 1)["media"]
        assert len(stored) == 1 + len(FIRST_WEEK) and stored["scope"].notna().all()
        assert mapping.saved_mapping(con, "dịch vụ a").name == "Dịch vụ A"


def test_saving_the_directory_tab_lists_the_outlets_seen_in_mentions(db):
    app = login(update_page())
    with connect(db) as con:
        assert importer.state(con, 1)["outlets"].empty
    ran_ok(button(app, "Lưu danh bạ").click().run())
    assert "Đã lưu danh bạ cơ quan báo chí: phiên bản 2." in texts(app.success)
    with connect(db) as con:
        outlets = importer.state(con, 1)["outlets"]
        version = importer.versions(con).iloc[-1]
    assert outlets[["outlet", "scope", "medium", "language"]].values.tolist() == [
        ["Báo Gia Lai", "domestic", "online", "Tiếng Việt"]
    ]
    assert (version["user_name"], version["file_name"]) == ("lan", "Cơ quan báo chí.xlsx")
    ran_ok(button(app, "Lưu danh bạ").click().run())
    assert "Danh bạ không thay đổi." in texts(app.success)
