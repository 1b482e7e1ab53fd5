"""Login throttles (DESIGN §7): five failures lock a name or a browser session for five minutes, with
the real scrypt hash, across a restart. Then (issue 16), with a cheap stand-in for the hash: limits
that hold across reloads, new browser contexts and simultaneous attempts, that do not tell which names
exist, and whose audit rows stay bounded."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import threading

import pytest
from editor_logins import NOW, PASSWORD, log_in

from plantrack import auth
from plantrack.auth import credentials
from plantrack.db import connect


def test_five_failures_lock_the_user_for_five_minutes_even_with_the_right_password(con):
    auth.add_user(con, "lan", PASSWORD)
    for i in range(4):
        result = log_in(con, "lan", "sai", session=f"browser-{i}", now=NOW + dt.timedelta(seconds=i))
        assert (result.outcome, result.attempts_left) == ("failed", 4 - i)
    fifth = log_in(con, "lan", "sai", session="browser-4", now=NOW + dt.timedelta(seconds=4))
    assert fifth.outcome == "locked"
    assert fifth.locked_until == NOW + dt.timedelta(seconds=4, minutes=5)
    # Per user: a fresh session with the right password is refused until the lock ends...
    for later in (dt.timedelta(seconds=5), dt.timedelta(minutes=2), dt.timedelta(minutes=5, seconds=3)):
        assert log_in(con, "lan", session="fresh", now=NOW + later).outcome == "locked"
    # ... and attempts while locked do not extend it.
    assert log_in(con, "lan", session="fresh", now=NOW + dt.timedelta(minutes=5, seconds=5)).ok
    outcomes = [
        r[0] for r in con.execute("select outcome from audit_log where action = 'login' order by event_id").fetchall()
    ]
    assert outcomes == ["failed"] * 5 + ["locked"] * 3 + ["ok"]


def test_five_failures_lock_the_session_for_every_name(con):
    auth.add_user(con, "lan", PASSWORD)
    for i in range(5):
        log_in(con, f"khách-{i}", "sai", session="one-browser", now=NOW + dt.timedelta(seconds=i))
    assert log_in(con, "lan", session="one-browser", now=NOW + dt.timedelta(minutes=1)).outcome == "locked"
    # The editor was not the target, so another session logs in; the browser waits out its lock.
    assert log_in(con, "lan", session="other-browser", now=NOW + dt.timedelta(minutes=1)).ok
    assert log_in(con, "lan", session="one-browser", now=NOW + dt.timedelta(minutes=5, seconds=5)).ok


def test_the_throttle_survives_a_restart_and_a_success_starts_the_count_again(tmp_path):
    db = tmp_path / "throttle.duckdb"
    with connect(db) as con:
        auth.add_user(con, "lan", PASSWORD)
        for i in range(4):
            log_in(con, "lan", "sai", session=f"b{i}", now=NOW + dt.timedelta(seconds=i))
        assert log_in(con, "lan", session="b9", now=NOW + dt.timedelta(seconds=10)).ok
        for i in range(4):
            assert (
                log_in(con, "lan", "sai", session=f"c{i}", now=NOW + dt.timedelta(seconds=20 + i)).outcome == "failed"
            )
    with connect(db) as con:  # a new server process reads the same failures
        assert log_in(con, "lan", "sai", session="d", now=NOW + dt.timedelta(seconds=30)).outcome == "locked"
        assert log_in(con, "lan", session="d2", now=NOW + dt.timedelta(minutes=3)).outcome == "locked"


def test_failures_spread_over_more_than_the_window_do_not_lock(con):
    auth.add_user(con, "lan", PASSWORD)
    for i in range(8):
        result = log_in(con, "lan", "sai", session=f"b{i}", now=NOW + i * dt.timedelta(minutes=4))
        assert result.outcome == "failed", i


@pytest.fixture
def fast_hash(monkeypatch):
    """scrypt's cost is not what these tests measure: a cheap stand-in that counts the checks.

    Replaced in `credentials`, the module every caller looks the two functions up in: a patch on the
    package's names would leave the logins hashing with scrypt. Every test here stores and checks a
    password, so a stand-in never called means the patch missed."""
    checks, hashed = [], []

    def matches(password: str, salt: bytes, expected: bytes) -> bool:
        checks.append(password)
        return hmac.compare_digest(hashlib.sha256(salt + password.encode()).digest(), expected)

    def hash_password(password: str, salt: bytes) -> bytes:
        hashed.append(password)
        return hashlib.sha256(salt + password.encode()).digest()

    monkeypatch.setattr(credentials, "matches", matches)
    monkeypatch.setattr(credentials, "hash_password", hash_password)
    yield checks
    assert checks and hashed, "a stand-in was never called: the passwords went through scrypt"


@pytest.fixture
def db(tmp_path, fast_hash):
    con = connect(tmp_path / "throttle.duckdb")
    auth.add_user(con, "lan", PASSWORD)
    yield con
    con.close()


def _at(seconds: float) -> dt.datetime:
    return NOW + dt.timedelta(seconds=seconds)


def test_new_sessions_from_one_address_are_counted_together(db):
    """A reload or a new browser context is a new session; the address still counts."""
    for i in range(auth.ADDRESS_FAILURES - 1):
        result = auth.verify(db, f"khách-{i}", "sai", f"reload-{i}", now=_at(i), address="10.0.0.7")
        assert result.outcome == "failed", i
    last = auth.verify(db, "ai-đó", "sai", "reload-last", now=_at(20), address="10.0.0.7")
    assert (last.outcome, last.message_key) == ("locked", "upd_login_locked_many")
    assert auth.verify(db, "lan", PASSWORD, "reload-new", now=_at(21), address="10.0.0.7").outcome == "locked"
    assert auth.verify(db, "lan", PASSWORD, "elsewhere", now=_at(22), address="10.0.0.8").ok


def test_the_viewer_password_is_counted_per_address_across_reloads(db):
    environ = {auth.VIEWER_ENV: auth.viewer_hash("xem-chung-2019")}
    for i in range(auth.ADDRESS_FAILURES):
        auth.verify_viewer(db, "sai", {}, now=_at(i), environ=environ, address="10.0.0.9")
    fresh: dict = {}
    assert auth.verify_viewer(
        db, "xem-chung-2019", fresh, now=_at(30), environ=environ, address="10.0.0.9"
    ).outcome == ("locked")
    assert not fresh.get(auth.VIEWER_KEY)


def test_the_viewer_password_has_a_global_limit_over_every_address(db):
    environ = {auth.VIEWER_ENV: auth.viewer_hash("xem-chung-2019")}
    for i in range(auth.GLOBAL_FAILURES):
        auth.verify_viewer(db, "sai", {}, now=_at(i / 10), environ=environ, address=f"10.1.{i // 250}.{i % 250}")
    result = auth.verify_viewer(db, "xem-chung-2019", {}, now=_at(11), environ=environ, address="10.9.9.9")
    assert result.outcome == "locked"


def test_an_unknown_name_locks_exactly_like_a_real_one(db):
    """Sprayed from many addresses, a real name and an invented one give the same answers."""

    def answers(name: str) -> list[tuple]:
        return [
            (r.outcome, r.attempts_left)
            for r in (
                auth.verify(db, name, "sai", f"{name}-{i}", now=_at(i), address=f"10.2.{len(name)}.{i}")
                for i in range(auth.MAX_FAILURES + 2)
            )
        ]

    assert answers("lan") == answers("không-có-ai")


def test_unknown_names_share_a_global_limit_that_holds_real_names_too(db):
    for i in range(auth.GLOBAL_FAILURES):
        auth.verify(db, f"tên-bịa-{i}", "sai", f"s{i}", now=_at(i / 10), address=f"10.3.{i // 250}.{i % 250}")
    assert auth.verify(db, "tên-bịa-mới", "sai", "x", now=_at(11), address="10.4.0.1").outcome == "locked"
    assert auth.verify(db, "lan", PASSWORD, "y", now=_at(12), address="10.4.0.2").outcome == "locked"


def test_others_guesses_do_not_keep_an_editor_out_from_their_own_address(db):
    assert auth.verify(db, "lan", PASSWORD, "desk", now=_at(0), address="10.5.0.1").ok
    for i in range(auth.MAX_FAILURES):
        auth.verify(db, "lan", "sai", f"attacker-{i}", now=_at(1 + i), address=f"10.6.0.{i}")
    stranger = auth.verify(db, "lan", PASSWORD, "stranger", now=_at(10), address="10.6.0.99")
    assert (stranger.outcome, stranger.message_key) == ("locked", "upd_login_locked")
    assert auth.verify(db, "lan", PASSWORD, "desk-again", now=_at(11), address="10.5.0.1").ok


def test_twenty_simultaneous_attempts_check_at_most_the_limit(tmp_path, fast_hash):
    db_path = tmp_path / "concurrent.duckdb"
    con = connect(db_path)
    auth.add_user(con, "lan", PASSWORD)
    fast_hash.clear()
    start = threading.Barrier(20)
    outcomes: list[str] = []

    def attempt(i: int) -> None:
        cursor = con.cursor()
        start.wait()
        outcomes.append(auth.verify(cursor, "lan", f"sai-{i}", f"session-{i}").outcome)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(fast_hash) == auth.MAX_FAILURES
    assert sorted(outcomes) == sorted(["failed"] * (auth.MAX_FAILURES - 1) + ["locked"] * (21 - auth.MAX_FAILURES))
    con.close()


def test_refused_attempts_write_a_bounded_number_of_audit_rows(db):
    for i in range(120):
        auth.verify(db, f"bot-{i}", "sai", "one-bot", now=_at(i / 200), address=None)
    rows = db.execute("select count(*) from audit_log where action = 'login' and outcome <> 'ok'").fetchall()[0][0]
    assert rows <= auth.AUDIT_ROWS_PER_SOURCE
    for i in range(120):
        auth.verify(db, f"bot-{i}", "sai", f"many-{i}", now=_at(10 + i / 200), address=f"10.7.{i // 250}.{i % 250}")
    rows = db.execute("select count(*) from audit_log where action = 'login' and outcome <> 'ok'").fetchall()[0][0]
    assert rows <= auth.AUDIT_ROWS_PER_SOURCE + auth.AUDIT_ROWS_PER_MINUTE
    noted = db.execute("select detail from audit_log where detail like '%not written%'").fetchall()
    assert noted, "the rows not written are counted in a later row"
