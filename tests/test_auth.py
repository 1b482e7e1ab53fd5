"""Editors and their login (DESIGN §7): hashes, reset, throttle, the guarded write path, and the safety
rules of issue 4 — text from workbooks stays text, concurrent confirms cannot interleave, readers never
see half a version."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import threading

import pytest
from conftest import fingerprint, small_plan

from plantrack import auth, importer
from plantrack.auth import accounts
from plantrack.db import connect
from plantrack.excel import workbook_bytes

PASSWORD = "Mật-khẩu-rất-bí-mật-2019"
NOW = dt.datetime(2026, 3, 2, 8, 30)
XSS_TITLE = "<script>alert(1)</script>"
LINK_TITLE = "[link](http://x)"


def _login(con, name="lan", password=PASSWORD, session="s1", now=None) -> auth.Login:
    return auth.verify(con, name, password, session, now=now)


def _editor(con, name="lan") -> auth.Editor:
    result = _login(con, name)
    assert result.ok, result
    return result.editor


def _plan(con, **options) -> int:
    preview = importer.prepare(con, workbook_bytes(small_plan(**options)), "plan.xlsx", as_of=dt.date(2019, 3, 31))
    return importer.commit(con, preview, "tester")


def _everything_stored(con) -> str:
    """Every value of every table, as text (bytes both raw and as hex)."""
    parts = []
    for rows in fingerprint(con).values():
        for row in rows:
            for value in row:
                if isinstance(value, (bytes, bytearray, memoryview)):
                    raw = bytes(value)
                    parts += [raw.decode("utf-8", "replace"), raw.hex()]
                else:
                    parts.append(str(value))
    return "\n".join(parts)


# --- hashes and reset ------------------------------------------------------------------------------


def test_only_a_salted_scrypt_hash_is_stored_and_the_password_is_nowhere(con, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    assert auth.add_user(con, "lan", PASSWORD) is True
    assert auth.add_user(con, "minh", PASSWORD) is True
    rows = {
        r[0]: (bytes(r[1]), bytes(r[2]))
        for r in con.execute("select user_name, salt, password_hash from editors").fetchall()
    }
    salt, digest = rows["lan"]
    assert len(salt) == 16 and len(digest) == 32
    assert digest == hashlib.scrypt(PASSWORD.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    assert rows["minh"][0] != salt and rows["minh"][1] != digest  # same password, different salt and hash

    # Failed logins, including a password typed into the user-name field, are audited without it.
    wrong = "Sai-mật-khẩu-XYZ-987"
    assert _login(con, "lan", wrong).outcome == "failed"
    assert _login(con, PASSWORD, PASSWORD, session="s2").outcome == "failed"
    assert _login(con, "lan").ok

    stored = _everything_stored(con)
    for secret in (PASSWORD, wrong):
        assert secret not in stored
        assert secret.encode().hex() not in stored
    assert "s1" not in stored  # the session id is kept only as its hash
    out = capsys.readouterr()
    logged = caplog.text + out.out + out.err
    assert PASSWORD not in logged and wrong not in logged
    failures = con.execute(
        "select user_name, outcome, detail from audit_log where action = 'login' order by event_id"
    ).fetchall()
    assert failures == [("lan", "failed", "wrong_password"), (None, "failed", "unknown_user"), ("lan", "ok", None)]


def test_reset_changes_the_password_and_ends_earlier_sessions(con):
    auth.add_user(con, "lan", PASSWORD)
    old_token = _editor(con)
    assert auth.add_user(con, "LAN", "mật-khẩu-mới-2020") is False  # names match without case
    assert [r[0] for r in con.execute("select user_name from editors").fetchall()] == ["lan"]
    assert _login(con, "lan", PASSWORD).outcome == "failed"
    assert _login(con, "lan", "mật-khẩu-mới-2020", session="s9").ok
    _plan(con)
    preview = importer.prepare(con, workbook_bytes(small_plan(progress=70)), "p.xlsx")
    with pytest.raises(PermissionError):
        auth.import_as_editor(con, old_token, preview)


def test_names_and_passwords_that_cannot_be_used_are_refused(con):
    with pytest.raises(auth.BadCredentials) as short:
        auth.add_user(con, "lan", "ngắn")
    assert short.value.code == "user_short_password"
    for bad in ("", "   ", "lan\nminh", "x" * 65):
        with pytest.raises(auth.BadCredentials):
            auth.add_user(con, bad, PASSWORD)
    assert con.execute("select count(*) from editors").fetchall() == [(0,)]


def test_users_add_command_reads_the_password_from_stdin_when_not_a_terminal(con, capsys):
    password = auth.read_new_password(stream=io.StringIO(PASSWORD + "\n"))
    assert password == PASSWORD
    assert auth.add_user_command(con, "lan", password) == 0
    assert "Đã tạo tài khoản cập nhật «lan»" in capsys.readouterr().out
    assert auth.add_user_command(con, "lan", password, lang="en") == 0
    assert "Reset the password of «lan»" in capsys.readouterr().out
    assert auth.add_user_command(con, "lan", "short") == 1
    assert "ít nhất 8 ký tự" in capsys.readouterr().err
    assert PASSWORD not in _everything_stored(con)


def test_read_new_password_asks_twice_at_a_terminal(monkeypatch):
    class Terminal:
        def isatty(self) -> bool:
            return True

    answers = iter([PASSWORD, PASSWORD, PASSWORD, "khác-hẳn-2019"])
    monkeypatch.setattr(accounts.getpass, "getpass", lambda prompt: next(answers))
    assert auth.read_new_password(stream=Terminal()) == PASSWORD
    with pytest.raises(auth.BadCredentials):
        auth.read_new_password(stream=Terminal())


# --- throttle --------------------------------------------------------------------------------------


def test_five_failures_lock_the_user_for_five_minutes_even_with_the_right_password(con):
    auth.add_user(con, "lan", PASSWORD)
    for i in range(4):
        result = _login(con, "lan", "sai", session=f"browser-{i}", now=NOW + dt.timedelta(seconds=i))
        assert (result.outcome, result.attempts_left) == ("failed", 4 - i)
    fifth = _login(con, "lan", "sai", session="browser-4", now=NOW + dt.timedelta(seconds=4))
    assert fifth.outcome == "locked"
    assert fifth.locked_until == NOW + dt.timedelta(seconds=4, minutes=5)
    # Per user: a fresh session with the right password is refused until the lock ends...
    for later in (dt.timedelta(seconds=5), dt.timedelta(minutes=2), dt.timedelta(minutes=5, seconds=3)):
        assert _login(con, "lan", session="fresh", now=NOW + later).outcome == "locked"
    # ... and attempts while locked do not extend it.
    assert _login(con, "lan", session="fresh", now=NOW + dt.timedelta(minutes=5, seconds=5)).ok
    outcomes = [
        r[0] for r in con.execute("select outcome from audit_log where action = 'login' order by event_id").fetchall()
    ]
    assert outcomes == ["failed"] * 5 + ["locked"] * 3 + ["ok"]


def test_five_failures_lock_the_session_for_every_name(con):
    auth.add_user(con, "lan", PASSWORD)
    for i in range(5):
        _login(con, f"khách-{i}", "sai", session="one-browser", now=NOW + dt.timedelta(seconds=i))
    assert _login(con, "lan", session="one-browser", now=NOW + dt.timedelta(minutes=1)).outcome == "locked"
    # The editor was not the target, so another session logs in; the browser waits out its lock.
    assert _login(con, "lan", session="other-browser", now=NOW + dt.timedelta(minutes=1)).ok
    assert _login(con, "lan", session="one-browser", now=NOW + dt.timedelta(minutes=5, seconds=5)).ok


def test_the_throttle_survives_a_restart_and_a_success_starts_the_count_again(tmp_path):
    db = tmp_path / "throttle.duckdb"
    with connect(db) as con:
        auth.add_user(con, "lan", PASSWORD)
        for i in range(4):
            _login(con, "lan", "sai", session=f"b{i}", now=NOW + dt.timedelta(seconds=i))
        assert _login(con, "lan", session="b9", now=NOW + dt.timedelta(seconds=10)).ok
        for i in range(4):
            assert (
                _login(con, "lan", "sai", session=f"c{i}", now=NOW + dt.timedelta(seconds=20 + i)).outcome == "failed"
            )
    with connect(db) as con:  # a new server process reads the same failures
        assert _login(con, "lan", "sai", session="d", now=NOW + dt.timedelta(seconds=30)).outcome == "locked"
        assert _login(con, "lan", session="d2", now=NOW + dt.timedelta(minutes=3)).outcome == "locked"


def test_failures_spread_over_more_than_the_window_do_not_lock(con):
    auth.add_user(con, "lan", PASSWORD)
    for i in range(8):
        result = _login(con, "lan", "sai", session=f"b{i}", now=NOW + i * dt.timedelta(minutes=4))
        assert result.outcome == "failed", i


# --- sessions and the guarded write path -----------------------------------------------------------


def test_session_state_holds_the_editor_and_logout_ends_it(con):
    auth.add_user(con, "lan", PASSWORD)
    session: dict = {}
    assert not auth.is_editor(session)
    auth.login(session, _editor(con))
    assert auth.is_editor(session) and auth.current_editor(session).user_name == "lan"
    assert not auth.is_editor(session, now=dt.datetime.now() + auth.SESSION_TIME + dt.timedelta(minutes=1))
    auth.logout(session)
    assert not auth.is_editor(session)
    with pytest.raises(PermissionError):
        auth.login(session, auth.Editor("lan", dt.datetime.now(), "0" * 16, "0" * 64))


def test_the_write_path_refuses_without_an_authenticated_editor(con):
    auth.add_user(con, "lan", PASSWORD)
    _plan(con)
    preview = importer.prepare(con, workbook_bytes(small_plan(progress=90)), "p.xlsx")
    genuine = _editor(con)
    forged = auth.Editor("lan", genuine.issued_at, genuine.stamp, "f" * 64)
    viewer_session = {auth.EDITOR_KEY: forged, auth.VIEWER_KEY: True}
    before = fingerprint(con)
    for who in (None, {}, viewer_session, forged, "lan", auth.Editor("minh", dt.datetime.now(), "", "")):
        with pytest.raises(PermissionError):
            auth.import_as_editor(con, who, preview)
        with pytest.raises(PermissionError):
            auth.rollback_as_editor(con, who, 1, 1)
    after = fingerprint(con)
    denied = after.pop("audit_log")[len(before["audit_log"]) :]
    before.pop("audit_log")
    assert after == before  # nothing but the refusals was written
    assert [(r[3], r[8]) for r in denied] == [("import", "denied"), ("rollback", "denied")] * 6

    session = {}
    auth.login(session, genuine)
    assert auth.import_as_editor(con, session, preview) == 2
    assert importer.versions(con).iloc[-1]["user_name"] == "lan"
    assert auth.rollback_as_editor(con, genuine, 1, 1, expected_base=2) == 3


def test_a_removed_editor_cannot_write_with_an_old_token(con):
    auth.add_user(con, "lan", PASSWORD)
    _plan(con)
    token = _editor(con)
    con.execute("delete from editors where user_name = 'lan'")
    preview = importer.prepare(con, workbook_bytes(small_plan(progress=90)), "p.xlsx")
    with pytest.raises(PermissionError):
        auth.import_as_editor(con, token, preview)


def test_a_confirm_after_another_editor_committed_says_the_data_changed(con):
    auth.add_user(con, "lan", PASSWORD)
    auth.add_user(con, "minh", PASSWORD)
    _plan(con)
    lan, minh = _editor(con, "lan"), _editor(con, "minh")
    mine = importer.prepare(con, workbook_bytes(small_plan(progress=60)), "lan.xlsx")
    theirs = importer.prepare(con, workbook_bytes(small_plan(progress=70)), "minh.xlsx")
    assert auth.import_as_editor(con, minh, theirs) == 2
    with pytest.raises(importer.DataChanged):
        auth.import_as_editor(con, lan, mine)
    assert importer.state(con, 1)["tasks"].set_index("task_code").loc["NV1", "progress"] == 70
    assert con.execute("select outcome from audit_log where user_name = 'lan' and action = 'import'").fetchall() == [
        ("data_changed",)
    ]
    # Previewing again works.
    again = importer.prepare(con, workbook_bytes(small_plan(progress=60)), "lan.xlsx")
    assert auth.import_as_editor(con, lan, again) == 3


def test_two_editors_confirming_at_the_same_moment_cannot_interleave(con):
    auth.add_user(con, "lan", PASSWORD)
    auth.add_user(con, "minh", PASSWORD)
    _plan(con)
    editors = {"lan": _editor(con, "lan"), "minh": _editor(con, "minh")}
    previews = {
        name: importer.prepare(
            con,
            workbook_bytes(small_plan(progress=p, media_titles=tuple(f"{name} {i}" for i in range(300)))),
            f"{name}.xlsx",
        )
        for name, p in (("lan", 60), ("minh", 70))
    }
    start = threading.Barrier(2)
    results: dict[str, object] = {}

    def confirm(name: str) -> None:
        cur = con.cursor()
        start.wait()
        try:
            results[name] = auth.import_as_editor(cur, editors[name], previews[name])
        except Exception as error:  # noqa: BLE001 - recorded for the assertion below
            results[name] = error

    threads = [threading.Thread(target=confirm, args=(name,)) for name in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [name for name, r in results.items() if r == 2]
    losers = [name for name, r in results.items() if isinstance(r, importer.DataChanged)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert len(importer.versions(con)) == 2
    state = importer.state(con, 1)
    expected = 60 if winners == ["lan"] else 70
    assert state["tasks"].set_index("task_code").loc["NV1", "progress"] == expected
    titles = set(state["media"]["title"])
    assert all(t.startswith(winners[0]) for t in titles - {"Gia Lai quảng bá du lịch"})


def test_readers_during_a_large_commit_see_the_old_or_the_new_version_never_a_mix(con):
    auth.add_user(con, "lan", PASSWORD)
    _plan(con)
    editor = _editor(con)
    rows = 50_000

    def workbook(prefix: str, progress: float) -> bytes:
        frames = small_plan(progress=progress, media_titles=tuple(f"{prefix} {i}" for i in range(rows)))
        return workbook_bytes(frames, sheets=["tasks", "media"])

    previews = {
        "A": importer.prepare(con, workbook("A", 60), "a.xlsx", plan=1),
        "B": importer.prepare(con, workbook("B", 90), "b.xlsx", plan=1),
    }
    assert auth.import_as_editor(con, editor, previews["A"]) == 2
    # What a reader may see: all of A or all of B, counted in one statement over the current rows...
    allowed_counts = {(60.0, rows, 0, rows), (90.0, 0, rows, rows)}
    # ... or read as a whole version through importer.state.
    allowed_states = {(60.0, "A"), (90.0, "B")}
    done = threading.Event()
    seen_counts: list[tuple] = []
    seen_states: list[tuple] = []
    failures: list[BaseException] = []

    def read(index: int) -> None:
        cur = con.cursor()
        try:
            while not done.is_set():
                if index % 2:
                    seen_counts.append(
                        tuple(
                            cur.execute(
                                """
                        select (select progress from tasks where plan_id = 1 and valid_to is null and task_code = 'NV1'),
                               count(*) filter (where title like 'A %'),
                               count(*) filter (where title like 'B %'),
                               count(*)
                        from media where plan_id = 1 and valid_to is null
                        """
                            ).fetchall()[0]
                        )
                    )
                else:
                    state = importer.state(cur, 1)
                    progress = float(state["tasks"].set_index("task_code").loc["NV1", "progress"])
                    prefixes = {title.split(" ")[0] for title in state["media"]["title"]}
                    assert len(state["media"]) == rows
                    seen_states.append((progress, "".join(sorted(prefixes))))
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)

    readers = [threading.Thread(target=read, args=(i,)) for i in range(8)]
    for reader in readers:
        reader.start()
    try:
        for round_ in range(4):
            name = "B" if round_ % 2 == 0 else "A"
            preview = previews[name]
            # The same workbook again: the preview's base is moved to the newest version, as a fresh
            # preview would have it (commit recomputes every change inside its transaction).
            preview.base_version = importer.latest_version(con, 1)
            assert auth.import_as_editor(con, editor, preview) is not None
    finally:
        done.set()
        for reader in readers:
            reader.join()
    assert not failures, failures
    assert seen_counts and seen_states
    assert set(seen_counts) <= allowed_counts, set(seen_counts) - allowed_counts
    assert set(seen_states) <= allowed_states, set(seen_states) - allowed_states
    assert set(seen_counts) == allowed_counts  # the readers ran while versions changed under them
    print(f"{len(seen_counts)} counts and {len(seen_states)} whole states read during 4 commits of {rows} rows")
    assert len(importer.versions(con)) == 6


# --- text from workbooks stays text ----------------------------------------------------------------


def test_script_and_markdown_titles_are_stored_and_exported_literally(con):
    auth.add_user(con, "lan", PASSWORD)
    _plan(con)
    preview = importer.prepare(
        con, workbook_bytes(small_plan(media_titles=("Gia Lai quảng bá du lịch", XSS_TITLE, LINK_TITLE))), "xss.xlsx"
    )
    assert not preview.errors
    assert auth.import_as_editor(con, _editor(con), preview) == 2
    stored = [r[0] for r in con.execute("select title from media where valid_to is null order by title").fetchall()]
    assert XSS_TITLE in stored and LINK_TITLE in stored
    # The exported workbook carries them as text and reads back as the same data.
    again = importer.prepare(con, workbook_bytes(importer.state(con, 1)), "export.xlsx")
    assert again.nothing_changed


# --- viewer password -------------------------------------------------------------------------------


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
    auth.login(editor_session, _editor(con))
    assert not auth.viewer_needs_password(editor_session, environ=environ)
    assert "xem-chung-2019" not in _everything_stored(con)
