"""The viewer password: off by default, checked (and throttled) when configured, and then guarding every
page and the data layer; crafted links and broken databases give sentences, never tracebacks (issue 16)."""

from __future__ import annotations

import datetime as dt
import errno
from pathlib import Path

import duckdb
import pytest
from conftest import open_app, small_plan
from editor_logins import NOW, PASSWORD, editor_token, everything_stored

from plantrack import auth, failures, importer
from plantrack.db import connect
from plantrack.excel import workbook_bytes

ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = ["dashboard.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))]
VIEWER_PASSWORD = "xem-chung-2019"


@pytest.fixture(scope="module")
def plan_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("guard") / "guard.duckdb"
    con = connect(db)
    importer.commit(con, importer.prepare(con, workbook_bytes(small_plan()), "plan.xlsx"), "tester")
    con.close()
    return db


def _everything_shown(app) -> str:
    """Every text of every element of the page and its sidebar, as the protobufs carry it."""
    parts = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app.main)
    walk(app.sidebar)
    return "\n".join(parts)


@pytest.mark.parametrize("path", PAGE_FILES)
def test_with_a_viewer_password_every_page_shows_only_the_password_form(path, plan_db, monkeypatch):
    monkeypatch.setenv(auth.VIEWER_ENV, auth.viewer_hash(VIEWER_PASSWORD))
    app = open_app(plan_db, monkeypatch, path)
    shown = _everything_shown(app)
    plan = small_plan()
    for secret in ("Kế hoạch thử nghiệm", "01/KH-TEST", "Văn phòng Sở", "P.TTBCXB", "Theo dõi dư luận", "NV1"):
        assert secret not in shown, (path, secret)
    assert [t.label for t in app.text_input] == ["Mật khẩu xem"] or len(app.text_input) == 1
    assert not app.sidebar.selectbox and not app.sidebar.multiselect
    assert plan


def test_the_viewer_password_opens_every_page_of_the_session(plan_db, monkeypatch):
    monkeypatch.setenv(auth.VIEWER_ENV, auth.viewer_hash(VIEWER_PASSWORD))
    app = open_app(plan_db, monkeypatch)
    app.text_input[0].input(VIEWER_PASSWORD)
    app.button[0].click().run()
    assert not app.exception
    assert "Kế hoạch thử nghiệm" in _everything_shown(app)
    app.switch_page("pages/6_Cap_nhat_du_lieu.py").run()
    assert not app.exception
    assert "Kế hoạch thử nghiệm" in _everything_shown(app)


def test_the_data_layer_refuses_a_session_without_the_viewer_password(monkeypatch):
    monkeypatch.setenv(auth.VIEWER_ENV, auth.viewer_hash(VIEWER_PASSWORD))
    with pytest.raises(auth.ViewerPasswordRequired):
        auth.require_viewer({})
    auth.require_viewer({auth.VIEWER_KEY: True})


def test_viewer_password_is_off_by_default_and_checked_when_configured(con):
    assert not auth.viewer_password_required({})
    assert not auth.viewer_needs_password({}, environ={})
    environ = {auth.VIEWER_ENV: auth.viewer_hash("xem-chung-2019")}
    assert PASSWORD not in environ[auth.VIEWER_ENV] and "xem-chung-2019" not in environ[auth.VIEWER_ENV]
    session: dict = {}
    assert auth.viewer_needs_password(session, environ=environ)
    assert auth.verify_viewer(con, "sai", session, now=NOW, environ=environ).outcome == "failed"
    assert auth.viewer_needs_password(session, environ=environ)
    assert auth.verify_viewer(con, "xem-chung-2019", session, now=NOW, environ=environ).ok
    assert not auth.viewer_needs_password(session, environ=environ)
    # Five failures lock the session.
    other: dict = {}
    for i in range(5):
        auth.verify_viewer(con, "sai", other, now=NOW + dt.timedelta(seconds=i), environ=environ)
    assert (
        auth.verify_viewer(con, "xem-chung-2019", other, now=NOW + dt.timedelta(minutes=1), environ=environ).outcome
        == "locked"
    )
    # A malformed setting fails closed.
    broken = {auth.VIEWER_ENV: "not-a-hash"}
    assert auth.viewer_needs_password({}, environ=broken)
    assert auth.verify_viewer(con, "", {}, now=NOW, environ=broken).outcome == "failed"
    # An editor who is logged in is not asked.
    auth.add_user(con, "lan", PASSWORD)
    editor_session: dict = {}
    auth.login(editor_session, editor_token(con))
    assert not auth.viewer_needs_password(editor_session, environ=environ)
    assert "xem-chung-2019" not in everything_stored(con)


@pytest.mark.parametrize(
    "query",
    [
        {"x_ds": "tasks", "x_f_progress": "1e309~"},
        {"x_ds": "tasks", "x_f_progress": "-1e300~1e300"},
        {"x_ds": "tasks", "x_f_due_on": "0001-01-01~9999-12-31"},
        {"x_ds": "tasks", "x_f_due_on": "2019-02-30~"},
    ],
    ids=["infinite", "huge", "years_out_of_range", "no_such_day"],
)
def test_crafted_explore_links_are_ignored_with_a_sentence(query, plan_db, monkeypatch):
    app = open_app(plan_db, monkeypatch, "pages/5_Kham_pha.py", **query)
    warnings = " ".join(w.value for w in app.warning)
    assert "x\\_f" in warnings or "x_f" in warnings, warnings


@pytest.mark.parametrize(
    ("error", "key"),
    [
        (
            duckdb.IOException('IO Error: Could not set lock on file "x.duckdb": Conflicting lock is held'),
            "fail_db_locked",
        ),
        (duckdb.IOException("IO Error: Cannot open file in read-only mode"), "fail_db_read_only"),
        (OSError(errno.ENOSPC, "No space left on device"), "fail_disk_full"),
        (duckdb.IOException("IO Error: could not write: No space left on device"), "fail_disk_full"),
        (PermissionError(errno.EACCES, "Permission denied"), "fail_db_read_only"),
        (MemoryError(), "fail_out_of_memory"),
        (ZeroDivisionError(), "fail_unexpected"),
    ],
)
def test_each_failure_has_its_sentence(error, key):
    assert failures.message_key(error) == key
    text = failures.for_terminal(error)
    assert "Traceback" not in text and text.splitlines()[0].endswith(".")


def test_the_command_line_says_the_database_is_locked_in_a_sentence(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        done = subprocess.run(
            [sys.executable, "-m", "plantrack", "--db", str(db), "versions"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        holder.kill()
    # The service's own command line (issue 13) explains a held file itself; either way, a sentence.
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "Cơ sở dữ liệu" in done.stderr and "chương trình" in done.stderr
