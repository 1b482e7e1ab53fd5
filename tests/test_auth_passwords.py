"""Editors' passwords (DESIGN §7): only a salted scrypt hash is stored and the password is nowhere else,
a reset ends earlier sessions, unusable names and passwords are refused, and `users add` reads the
password from a prompt or stdin."""

from __future__ import annotations

import hashlib
import io
import logging

import pytest
from conftest import small_plan
from editor_logins import PASSWORD, committed_plan, editor_token, everything_stored, log_in

from plantrack import auth, importer
from plantrack.auth import accounts
from plantrack.excel import workbook_bytes


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
    assert log_in(con, "lan", wrong).outcome == "failed"
    assert log_in(con, PASSWORD, PASSWORD, session="s2").outcome == "failed"
    assert log_in(con, "lan").ok

    stored = everything_stored(con)
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
    old_token = editor_token(con)
    assert auth.add_user(con, "LAN", "mật-khẩu-mới-2020") is False  # names match without case
    assert [r[0] for r in con.execute("select user_name from editors").fetchall()] == ["lan"]
    assert log_in(con, "lan", PASSWORD).outcome == "failed"
    assert log_in(con, "lan", "mật-khẩu-mới-2020", session="s9").ok
    committed_plan(con)
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
    assert PASSWORD not in everything_stored(con)


def test_read_new_password_asks_twice_at_a_terminal(monkeypatch):
    class Terminal:
        def isatty(self) -> bool:
            return True

    answers = iter([PASSWORD, PASSWORD, PASSWORD, "khác-hẳn-2019"])
    monkeypatch.setattr(accounts.getpass, "getpass", lambda prompt: next(answers))
    assert auth.read_new_password(stream=Terminal()) == PASSWORD
    with pytest.raises(auth.BadCredentials):
        auth.read_new_password(stream=Terminal())
