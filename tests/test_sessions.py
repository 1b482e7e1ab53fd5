"""Logins that survive a reload (signed, expiring cookies), the idle timeout, administrators who
manage editors in the app, and the /media/ guard of the viewer password."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from update_page import (
    PASSWORD,
    UPDATE_PAGE,
    button,
    login,
    plan_with_editors,
    ran_ok,
)

from plantrack import auth, service
from plantrack.db import connect

NOW = dt.datetime(2026, 3, 2, 1, 30)


def _logged_in(con, name="lan", now=NOW) -> tuple[auth.Editor, str]:
    result = auth.verify(con, name, PASSWORD, "browser-1", now=now)
    assert result.ok
    return result.editor, auth.editor_cookie(result.editor)


@pytest.fixture
def editors(con):
    auth.add_user(con, "lan", PASSWORD)
    auth.add_user(con, "hoa", PASSWORD, admin=True)
    return con


def test_a_valid_cookie_brings_the_login_back_after_a_reload(editors):
    editor, cookie = _logged_in(editors)
    assert PASSWORD not in cookie and "scrypt" not in cookie
    reloaded: dict = {}
    assert auth.resume(editors, reloaded, cookie, now=NOW + dt.timedelta(minutes=5)) == editor
    assert auth.current_editor(reloaded, now=NOW + dt.timedelta(minutes=5)) == editor


def test_an_expired_cookie_is_refused(editors, monkeypatch):
    _, cookie = _logged_in(editors)
    later = NOW + auth.SESSION_TIME + dt.timedelta(minutes=1)
    monkeypatch.setenv(auth.IDLE_ENV, str(24 * 60))
    assert auth.resume(editors, {}, cookie, now=later) is None


@pytest.mark.parametrize(
    "tamper",
    [
        lambda parts: [parts[0], parts[1], "aG9h", *parts[3:]],  # another editor's name (hoa)
        lambda parts: [parts[0], str(int(parts[1]) + 3600), *parts[2:]],  # issued later
        lambda parts: [*parts[:4], parts[4][:-1] + ("0" if parts[4][-1] != "0" else "1")],  # signature
        lambda parts: ["0" * 32, *parts[1:]],  # another login's id
        lambda parts: parts[:4],  # a part missing
    ],
    ids=["name", "time", "signature", "sid", "short"],
)
def test_a_tampered_cookie_is_refused(editors, tamper):
    _, cookie = _logged_in(editors)
    forged = ".".join(tamper(cookie.split(".")))
    assert auth.resume(editors, {}, forged, now=NOW + dt.timedelta(minutes=1)) is None


def test_an_idle_login_ends_after_the_configured_time_and_activity_keeps_it(editors, monkeypatch):
    monkeypatch.setenv(auth.IDLE_ENV, "10")
    editor, cookie = _logged_in(editors)
    session = {auth.EDITOR_KEY: editor}
    auth.touch(session, now=NOW + dt.timedelta(minutes=8))
    assert auth.current_editor(session, now=NOW + dt.timedelta(minutes=17)) == editor
    assert auth.current_editor(session, now=NOW + dt.timedelta(minutes=19)) is None
    assert auth.resume(editors, {}, cookie, now=NOW + dt.timedelta(minutes=19)) is None
    monkeypatch.delenv(auth.IDLE_ENV)
    assert auth.idle_time() == dt.timedelta(minutes=30)


def test_logout_disable_and_reset_end_the_cookie_too(editors):
    editor, cookie = _logged_in(editors)
    auth.logout({auth.EDITOR_KEY: editor})
    assert auth.resume(editors, {}, cookie, now=NOW) is None
    for end in (lambda: auth.add_user(editors, "lan", PASSWORD), lambda: auth.disable_user(editors, "lan")):
        _, cookie = _logged_in(editors)
        end()
        session: dict = {}
        assert auth.resume(editors, session, cookie, now=NOW) is None
        assert auth.EDITOR_KEY not in session
    assert not auth.verify(editors, "lan", PASSWORD, "browser-2", now=NOW).ok  # disabled: no login either


def test_only_an_administrator_adds_resets_and_disables_and_each_is_audited(editors):
    admin, _ = _logged_in(editors, "hoa", now=None)
    editor, _ = _logged_in(editors, "lan", now=None)
    with pytest.raises(PermissionError):
        auth.add_user_as_admin(editors, editor, "tuan", PASSWORD, admin=True)
    assert not auth.user_exists(editors, "tuan")
    assert auth.add_user_as_admin(editors, admin, "tuan", PASSWORD, admin=False) is True
    assert auth.add_user_as_admin(editors, admin, "tuan", PASSWORD + "!", admin=False) is False
    assert auth.disable_user_as_admin(editors, admin, "tuan") is True
    with pytest.raises(PermissionError):
        auth.disable_user_as_admin(editors, admin, "HOA")
    rows = editors.execute(
        "select user_name, action, outcome, detail from audit_log where action like 'user_%' order by event_id"
    ).fetchall()
    assert rows[-4:] == [
        ("lan", "user_add", "not_admin", None),
        ("tuan", "user_add", "ok", "by hoa"),
        ("tuan", "user_reset", "ok", "by hoa"),
        ("tuan", "user_disable", "ok", "by hoa"),
    ]
    listed = {u["user_name"]: u for u in auth.users(editors)}
    assert listed["hoa"]["is_admin"] and not listed["lan"]["is_admin"]
    assert listed["tuan"]["disabled_at"] is not None and listed["lan"]["last_login"] is not None


def _media_status(environ_cookie: str | None, monkeypatch, password_on: bool) -> int:
    if password_on:
        monkeypatch.setenv(auth.VIEWER_ENV, auth.viewer_hash("xem chung 2019"))
    else:
        monkeypatch.delenv(auth.VIEWER_ENV, raising=False)
    sent = []

    async def inner(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})

    async def send(message):
        sent.append(message)

    headers = [(b"cookie", environ_cookie.encode())] if environ_cookie else []
    scope = {"type": "http", "path": "/media/abc.xlsx", "headers": headers}
    asyncio.run(service.MediaGuard(inner)(scope, None, send))
    return sent[0]["status"]


def test_media_files_need_a_viewer_cookie_or_a_login_when_the_viewer_password_is_on(editors, monkeypatch):
    assert _media_status(None, monkeypatch, password_on=False) == 200
    assert _media_status(None, monkeypatch, password_on=True) == 403
    viewer = auth.viewer_cookie({}, now=None)
    assert _media_status(f"{auth.VIEWER_COOKIE}={viewer}", monkeypatch, password_on=True) == 200
    assert _media_status(f"{auth.VIEWER_COOKIE}={viewer[:-2]}xx", monkeypatch, password_on=True) == 403
    result = auth.verify(editors, "lan", PASSWORD, "browser-3")
    cookie = auth.editor_cookie(result.editor)
    assert _media_status(f"other=1; {auth.EDITOR_COOKIE}={cookie}", monkeypatch, password_on=True) == 200


@pytest.fixture
def db(tmp_path, monkeypatch):
    return plan_with_editors(tmp_path / "admin.duckdb", monkeypatch, ("lan",), admins=("hoa",))


def _page():
    from conftest import ROOT
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    return ran_ok(app.switch_page(UPDATE_PAGE).run())


def test_an_administrator_adds_and_disables_an_editor_on_the_update_page(db):
    app = login(_page(), "hoa")
    form = {t.label: t for t in app.text_input}
    form["Tên đăng nhập"].input("tuan")
    form["Mật khẩu mới (ít nhất 8 ký tự)"].input(PASSWORD)
    form["Nhập lại mật khẩu mới"].input(PASSWORD)
    ran_ok(button(app, "Lưu tài khoản").click().run())
    assert "Đã tạo tài khoản cập nhật «tuan»." in [s.value for s in app.success]
    ran_ok(app.selectbox(key="admin_disable_target").select("tuan").run())
    ran_ok(button(app, "Khóa tài khoản").click().run())
    with connect(db) as con:
        rows = con.execute(
            "select user_name, action, detail from audit_log where action like 'user_%' order by event_id"
        ).fetchall()
    assert rows[-2:] == [("tuan", "user_add", "by hoa"), ("tuan", "user_disable", "by hoa")]


def test_an_editor_who_is_not_an_administrator_sees_no_editors_panel(db):
    app = login(_page(), "lan")
    assert "Lưu tài khoản" not in [b.label for b in app.button]
    assert not [e for e in app.expander if e.label == "Tài khoản cập nhật"]
