"""AppTest over every page: with data, on an empty database, with filters given in the URL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import open_app, small_plan

from plantrack import demo, importer
from plantrack.db import connect
from plantrack.excel import workbook_bytes

ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = ["dashboard.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))]


@pytest.fixture
def plan_db(tmp_path):
    db = tmp_path / "app.duckdb"
    con = connect(db)
    preview = importer.prepare(con, workbook_bytes(small_plan()), "plan.xlsx")
    importer.commit(con, preview, "tester")
    con.close()
    return db


@pytest.fixture
def empty_db(demo_file, tmp_path):
    db = tmp_path / "empty.duckdb"
    shutil.copy(demo_file, db)
    with connect(db) as con:
        demo.clear(con, "tester")
    return db


@pytest.mark.parametrize("path", PAGE_FILES)
def test_every_page_runs_with_data(path, plan_db, monkeypatch):
    open_app(plan_db, monkeypatch, path)


@pytest.mark.parametrize("path", PAGE_FILES)
def test_every_page_runs_with_the_demo_plan(path, demo_db, monkeypatch):
    app = open_app(demo_db, monkeypatch, path)
    assert any("DỮ LIỆU MẪU" in warning.value for warning in app.warning)


@pytest.mark.parametrize("path", PAGE_FILES)
def test_every_page_opens_the_view_its_url_describes(path, demo_db, monkeypatch):
    app = open_app(demo_db, monkeypatch, path, asof="2019-06-30", units="VP", q="2")
    assert app.sidebar.selectbox(key="asof_choice").value == "2019-06-30"
    assert app.sidebar.multiselect(key="units_choice").value == ["VP"]
    assert app.sidebar.selectbox(key="quarter_choice_vi").value == 2
    captions = " ".join(caption.value for caption in app.caption)
    assert "Số liệu đến ngày 30/06/2019 (phiên bản 2)" in captions


@pytest.mark.parametrize("path", PAGE_FILES)
def test_every_page_runs_on_an_empty_database_with_a_helpful_sentence(path, empty_db, monkeypatch):
    app = open_app(empty_db, monkeypatch, path)
    assert any("Chưa có kế hoạch nào" in info.value for info in app.info)


@pytest.mark.parametrize("path", PAGE_FILES)
def test_every_page_speaks_english_when_the_url_says_so(path, plan_db, monkeypatch):
    app = open_app(plan_db, monkeypatch, path, lang="en")
    assert app.sidebar.markdown[0].value == "**Plan implementation tracker**"


def test_the_overview_shows_the_plan_title_and_its_data_date(plan_db, monkeypatch):
    app = open_app(plan_db, monkeypatch, "dashboard.py")
    assert app.title[0].value == "Kế hoạch thử nghiệm"
    # Imported without an as-of date: the data date is the newest Cập nhật ngày in the file.
    assert "Số liệu đến ngày 29/03/2019 (phiên bản 1)" in app.caption[0].value
