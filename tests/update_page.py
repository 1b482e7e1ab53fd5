"""The Cập nhật dữ liệu page as its tests drive it: a database with a plan and editors, the page
opened from dashboard.py and logged in (AppTest), the same login in Chromium, and the lookups every
page test makes (a button by its label, a table by a column, the text of elements)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from conftest import small_plan
from streamlit.testing.v1 import AppTest

from plantrack import auth, importer
from plantrack.db import connect
from plantrack.excel import workbook_bytes

ROOT = Path(__file__).resolve().parent.parent
UPDATE_PAGE = "pages/6_Cap_nhat_du_lieu.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PASSWORD = "mật-khẩu-cập-nhật-2019"


def plan_with_editors(
    path: Path,
    monkeypatch,
    editors: tuple[str, ...] = ("lan",),
    admins: tuple[str, ...] = (),
    as_of: dt.date | None = dt.date(2019, 3, 31),
) -> Path:
    """The small plan imported once, editors (and administrators) with PASSWORD; the app's database."""
    with connect(path) as con:
        preview = importer.prepare(con, workbook_bytes(small_plan()), "ke-hoach.xlsx", as_of=as_of)
        importer.commit(con, preview, "tester")
        for name in editors:
            auth.add_user(con, name, PASSWORD)
        for name in admins:
            auth.add_user(con, name, PASSWORD, admin=True)
    monkeypatch.setenv("PLANTRACK_DB", str(path))
    return path


def ran_ok(app: AppTest) -> AppTest:
    assert not app.exception, [e.message for e in app.exception]
    return app


def update_page() -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    ran_ok(app.run())
    return ran_ok(app.switch_page(UPDATE_PAGE).run())


def login(app: AppTest, name: str = "lan", password: str = PASSWORD) -> AppTest:
    field = {t.label: t for t in app.text_input}
    field["Tên đăng nhập"].input(name)
    field["Mật khẩu"].input(password)
    return ran_ok(button(app, "Đăng nhập").click().run())


def button(app: AppTest, label: str):
    hits = [b for b in app.button if b.label == label]
    assert hits, [b.label for b in app.button]
    return hits[0]


def frame_with(app: AppTest, column: str) -> pd.DataFrame:
    hits = [d.value for d in app.dataframe if column in d.value.columns]
    assert hits, [list(d.value.columns) for d in app.dataframe]
    return hits[0]


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def markdown_texts(app: AppTest) -> str:
    """Everything Streamlit renders as markdown: user text must never be in here."""
    kinds = (
        app.markdown,
        app.caption,
        app.title,
        app.header,
        app.subheader,
        app.error,
        app.warning,
        app.info,
        app.success,
        app.exception,
    )
    return "\n".join(texts(kind) for kind in kinds)


def sign_in(page, name: str = "lan", password: str = PASSWORD) -> None:
    """The update page's login form, filled in Chromium, until the page says who is logged in."""
    from browser import wait_idle

    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text(f"Đang đăng nhập: {name}").wait_for(timeout=30_000)
    wait_idle(page)


def choose_file(page, path: Path) -> None:
    """A file given to the uploader through the browser's file chooser, as a person picks it."""
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("stFileUploaderDropzone").get_by_test_id("stBaseButton-secondary").click()
    chooser.value.set_files(str(path))
