"""Shared fixtures: every test builds its own small database in its own folder."""

from __future__ import annotations

import os

# openpyxl writes an empty cached value as <v></v> with lxml and <v/> without; the golden files were
# made without it, and python-docx brings lxml in. Set before anything imports openpyxl.
os.environ.setdefault("OPENPYXL_LXML", "False")

import datetime as dt
import hashlib
import json
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from plantrack import importer
from plantrack.db import connect
from plantrack.excel import workbook_bytes

ROOT = Path(__file__).resolve().parent.parent


def open_app(db: Path, monkeypatch, path: str = "dashboard.py", timeout: float = 60, **query):
    """Opens a page the way a browser does: through the entrypoint, with the URL's query string.

    Returns the AppTest after its first run, which must not have raised.
    """
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PLANTRACK_DB", str(db))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    for key, value in query.items():
        app.query_params[key] = value
    if path != "dashboard.py":
        app.switch_page(path)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


# States larger than this (the scale and concurrency tests' generated plans: 4.000+ rows, about 6 s per
# version) are not round-tripped after each commit; the demo (1.600 rows) and every hand-made plan are.
ROUND_TRIP_ROWS = 2_500
ROUND_TRIP_SECONDS: list[tuple[float, str]] = []
_ROUND_TRIPPED: set[bytes] = set()


def assert_version_round_trips(connection, version_id: int) -> None:
    """The invariant of DESIGN §4: a version exports, and its export imports as "nothing changed"."""
    cur = connection.cursor()
    plan_id, as_of, counts = cur.execute(
        "select plan_id, as_of, counts from versions where version_id = $v", {"v": version_id}
    ).fetchall()[0]
    if importer.latest_version(cur, plan_id) != version_id:
        return  # another session committed meanwhile: the export would be compared with newer data
    if sum(sheet.get("rows", 0) for sheet in json.loads(counts).values()) > ROUND_TRIP_ROWS:
        return
    frames = importer.state(cur, plan_id, version_id)
    # Many tests load the same demo or small plan: a state already shown to round-trip is not redone.
    digest = hashlib.sha256("".join(frame.to_csv(index=False) for frame in frames.values()).encode()).digest()
    if digest in _ROUND_TRIPPED:
        return
    preview = _REAL["prepare"](cur, workbook_bytes(frames), "export.xlsx", plan=plan_id, as_of=as_of)
    assert not preview.errors, [p.line("en") for p in preview.errors[:20]]
    touched = {name: (c.added, c.changed, c.removed) for name, c in preview.changes.items() if c.touched}
    assert preview.nothing_changed, f"the export of version {version_id} would change {touched}"
    _ROUND_TRIPPED.add(digest)


_REAL = {"prepare": importer.prepare, "commit": importer.commit, "rollback": importer.rollback}


@pytest.fixture(autouse=True)
def every_version_round_trips(monkeypatch):
    """After every import and rollback a test makes, the new version exports and re-imports unchanged."""
    if os.environ.get("PLANTRACK_SKIP_ROUND_TRIP"):
        yield
        return

    def checked(version_id, connection) -> None:
        if version_id is not None:
            start = time.perf_counter()
            assert_version_round_trips(connection, version_id)
            ROUND_TRIP_SECONDS.append((time.perf_counter() - start, os.environ.get("PYTEST_CURRENT_TEST", "")))

    def commit(connection, preview, user, **options):
        version_id = _REAL["commit"](connection, preview, user, **options)
        checked(version_id, connection)
        return version_id

    def rollback(connection, plan_id, target, user):
        version_id = _REAL["rollback"](connection, plan_id, target, user)
        checked(version_id, connection)
        return version_id

    monkeypatch.setattr(importer, "commit", commit)
    monkeypatch.setattr(importer, "rollback", rollback)
    yield


def pytest_terminal_summary(terminalreporter) -> None:
    """What the invariant cost this run, and where: its time is part of the tests' own durations."""
    if not ROUND_TRIP_SECONDS:
        return
    total = sum(seconds for seconds, _ in ROUND_TRIP_SECONDS)
    terminalreporter.write_line(f"export→import invariant: {len(ROUND_TRIP_SECONDS)} versions checked in {total:.1f} s")
    per_test: dict[str, float] = {}
    for seconds, test in ROUND_TRIP_SECONDS:
        name = test.rsplit(" ", 1)[0]
        per_test[name] = per_test.get(name, 0) + seconds
    for name, seconds in sorted(per_test.items(), key=lambda item: -item[1])[:5]:
        terminalreporter.write_line(f"  {seconds:5.1f} s  {name}")


@pytest.fixture
def con(tmp_path):
    connection = connect(tmp_path / "test.duckdb")
    yield connection
    connection.close()


def small_plan(
    progress: float = 50.0, media_titles: tuple[str, ...] = ("Gia Lai quảng bá du lịch",)
) -> dict[str, pd.DataFrame]:
    """A plan of two units, two tasks, one budget line and a few mentions, as writer frames."""
    return {
        "plan_info": pd.DataFrame(
            [
                {
                    "title": "Kế hoạch thử nghiệm",
                    "doc_number": "01/KH-TEST",
                    "year": 2019,
                    "issuer": "Sở TT&TT",
                    "issued_on": dt.date(2019, 3, 20),
                    "legal_bases": "Kế hoạch số 495/KH-UBND",
                }
            ]
        ),
        "units": pd.DataFrame(
            [
                {"unit_code": "P.TTBCXB", "unit_name": "Phòng Thông tin - Báo chí - Xuất bản", "unit_kind": "internal"},
                {"unit_code": "VP", "unit_name": "Văn phòng Sở", "unit_kind": "internal"},
            ]
        ),
        "tasks": pd.DataFrame(
            [
                {
                    "task_code": "NV1",
                    "content": "Theo dõi dư luận báo chí",
                    "lead_unit": "P.TTBCXB",
                    "support_units": ["VP"],
                    "timing_text": "Thường xuyên trong năm 2019",
                    "is_ongoing": True,
                    "start_on": dt.date(2019, 1, 1),
                    "due_on": dt.date(2019, 12, 31),
                    "progress": progress,
                    "state": "in_progress",
                    "completed_on": None,
                    "updated_on": dt.date(2019, 3, 15),
                    "note": None,
                },
                {
                    "task_code": "NV2",
                    "content": "Tổng hợp danh sách cán bộ",
                    "lead_unit": "VP",
                    "support_units": [],
                    "timing_text": "Hoàn thành ngày 31/03/2019",
                    "is_ongoing": False,
                    "start_on": None,
                    "due_on": dt.date(2019, 3, 31),
                    "progress": 100.0,
                    "state": "done",
                    "completed_on": dt.date(2019, 3, 29),
                    "updated_on": dt.date(2019, 3, 29),
                    "note": None,
                },
            ]
        ),
        "budget_lines": pd.DataFrame(
            [
                {
                    "line_code": "NS01",
                    "task_code": "NV1",
                    "content": "Theo dõi báo chí",
                    "source": "state",
                    "unit_code": "VP",
                    "planned": 10_000_000,
                    "note": None,
                }
            ]
        ),
        "disbursements": pd.DataFrame(
            [
                {
                    "line_code": "NS01",
                    "paid_on": dt.date(2019, 3, 1),
                    "amount": 2_000_000,
                    "voucher": "UNC 01",
                    "note": None,
                }
            ]
        ),
        "media": pd.DataFrame(
            [
                {
                    "published_on": dt.date(2019, 3, 5),
                    "outlet": "Báo Gia Lai",
                    "scope": "domestic",
                    "medium": "online",
                    "language": "Tiếng Việt",
                    "title": title,
                    "summary": None,
                    "url": f"https://baogialai.com.vn/{i}",
                    "topic": "du lịch",
                    "sentiment": "positive",
                    "is_false": False,
                    "task_code": "NV1",
                    "response": None,
                    "responded_on": None,
                    "reach": 100 + i,
                }
                for i, title in enumerate(media_titles)
            ]
        ),
    }


def fingerprint(connection) -> dict[str, list]:
    """Every row of every table: equal fingerprints mean the database was left exactly as it was."""
    tables = [
        r[0]
        for r in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'main' order by 1"
        ).fetchall()
    ]
    return {name: connection.execute(f'select * from "{name}" order by all').fetchall() for name in tables}


@pytest.fixture(scope="session")
def explore_db(tmp_path_factory) -> Path:
    """The explore plan imported once as version 1, as of 31/03/2019, shared by every test that reads it."""
    from explore_plan import AS_OF, explore_plan

    path = tmp_path_factory.mktemp("explore") / "explore.duckdb"
    con = connect(path)
    preview = importer.prepare(con, workbook_bytes(explore_plan()), "plan.xlsx", as_of=AS_OF)
    assert not preview.problems, [p.line("en") for p in preview.problems]
    importer.commit(con, preview, "tester")
    con.close()
    return path


@pytest.fixture
def explore_cur(explore_db):
    con = connect(explore_db)
    yield con.cursor()
    con.close()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    """The demo plan loaded once per run (three imports); tests take copies of it, never this file."""
    from plantrack import demo

    path = tmp_path_factory.mktemp("demo-template") / "demo.duckdb"
    with connect(path) as con:
        demo.load(con)
    return path


@pytest.fixture(scope="module")
def demo_db(demo_file, tmp_path_factory) -> Path:
    """A test module's own copy of the demo database, to read or to write."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    shutil.copy(demo_file, path)
    return path
