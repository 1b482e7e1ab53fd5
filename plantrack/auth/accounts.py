"""Editors' accounts in the `editors` table: create, reset, disable, list, and who is an administrator.
Kept apart from logins because the command line manages accounts without anyone logged in.

`python -m plantrack users add NAME` creates an editor or resets its password (`add_user_command`);
the password comes from a prompt, or from stdin when stdin is not a terminal. An editor may be an
administrator (`editors.is_admin`, `users add NAME --admin`), who adds, resets and disables editors in
the app (`writes.add_user_as_admin`, `writes.disable_user_as_admin`); a disabled editor stays in the
table (its history names it) but cannot log in or write.
"""

from __future__ import annotations

import datetime as dt
import getpass
import secrets
import sys
from typing import TYPE_CHECKING, TextIO

import duckdb

from plantrack import clock, importer
from plantrack.auth import credentials

if TYPE_CHECKING:
    from plantrack.auth.sessions import Editor


def enabled_editor(cur: duckdb.DuckDBPyConnection, name: str) -> tuple[str, bytes, bytes] | None:
    """An enabled editor's name, salt and hash: a disabled editor can neither log in nor write."""
    rows = cur.execute(
        "select user_name, salt, password_hash from editors where lower(user_name) = lower($n) and disabled_at is null",
        {"n": name},
    ).fetchall()
    return (rows[0][0], bytes(rows[0][1]), bytes(rows[0][2])) if rows else None


def _any_editor(cur: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """The stored spelling of an editor's name, enabled or not."""
    rows = cur.execute("select user_name from editors where lower(user_name) = lower($n)", {"n": name}).fetchall()
    return rows[0][0] if rows else None


def add_user(
    con: duckdb.DuckDBPyConnection,
    name: str,
    password: str,
    *,
    admin: bool | None = None,
    by: str | None = None,
    now: dt.datetime | None = None,
) -> bool:
    """Creates an editor, or resets the password of an existing one (enabling it again); True when created.

    `admin` sets the role (None keeps it; a new editor is not an administrator). `by` names who did
    it, for the audit (an administrator in the app, or `login (cli)` on the command line). Resetting
    a password ends every session of that editor.
    """
    name = credentials.check_name(name)
    credentials.check_password(password)
    salt = secrets.token_bytes(credentials.SALT_BYTES)
    digest = credentials.hash_password(password, salt)
    cur = con.cursor()
    existing = _any_editor(cur, name)
    if existing is None:
        cur.execute(
            "insert into editors (user_name, salt, password_hash, created_at, is_admin) values ($n, $s, $h, $t, $a)",
            {"n": name, "s": salt, "h": digest, "t": now or clock.now(), "a": bool(admin)},
        )
    else:
        cur.execute(
            "update editors set salt = $s, password_hash = $h, disabled_at = null, "
            "is_admin = coalesce($a, is_admin) where user_name = $n",
            {"n": existing, "s": salt, "h": digest, "a": admin},
        )
    detail = ", ".join(part for part in (f"by {by}" if by else "", "admin" if admin else "") if part) or None
    importer.log_event(cur, existing or name, "user_add" if existing is None else "user_reset", "ok", detail=detail)
    return existing is None


def disable_user(con: duckdb.DuckDBPyConnection, name: str, *, by: str | None = None) -> bool:
    """Disables an editor (its sessions end at once, its history stays); False when no such editor is enabled."""
    cur = con.cursor()
    row = enabled_editor(cur, credentials.clean_name(name))
    if row is None:
        return False
    cur.execute("update editors set disabled_at = $t where user_name = $n", {"n": row[0], "t": clock.now()})
    importer.log_event(cur, row[0], "user_disable", "ok", detail=f"by {by}" if by else None)
    return True


def users(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every editor: name, role, when created and disabled, and its last successful login."""
    rows = (
        con.cursor()
        .execute(
            """
            select e.user_name, coalesce(e.is_admin, false), e.created_at, e.disabled_at, max(a.logged_at)
            from editors as e
            left join audit_log as a on a.user_name = e.user_name and a.action = 'login' and a.outcome = 'ok'
            group by e.user_name, e.is_admin, e.created_at, e.disabled_at
            order by lower(e.user_name)
            """
        )
        .fetchall()
    )
    keys = ("user_name", "is_admin", "created_at", "disabled_at", "last_login")
    return [dict(zip(keys, row)) for row in rows]


def user_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return _any_editor(con.cursor(), credentials.clean_name(name)) is not None


def is_admin(con: duckdb.DuckDBPyConnection, editor: Editor | None) -> bool:
    if editor is None:
        return False
    rows = (
        con.cursor()
        .execute(
            "select coalesce(is_admin, false) from editors where user_name = $n and disabled_at is null",
            {"n": editor.user_name},
        )
        .fetchall()
    )
    return bool(rows and rows[0][0])


def read_new_password(lang: str = "vi", stream: TextIO | None = None) -> str:
    """The new password: typed twice at a prompt, or the first line of stdin when it is not a terminal."""
    from plantrack.i18n import t

    stream = stream if stream is not None else sys.stdin
    if stream.isatty():
        first = getpass.getpass(t("user_password_prompt", lang))
        second = getpass.getpass(t("user_password_again", lang))
        if first != second:
            raise credentials.BadCredentials("user_password_mismatch")
        return first
    return stream.readline().rstrip("\r\n")


def add_user_command(
    con: duckdb.DuckDBPyConnection,
    name: str,
    password: str,
    lang: str = "vi",
    *,
    admin: bool | None = None,
    by: str | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """`python -m plantrack users add NAME`: prints one sentence; 0 when done, 1 when refused."""
    from plantrack.i18n import t

    try:
        created = add_user(con, name, password, admin=admin, by=by)
    except credentials.BadCredentials as refused:
        print(t(refused.code, lang, **refused.params), file=err or sys.stderr)
        return 1
    print(
        t("user_created" if created else "user_reset", lang, name=credentials.check_name(name)), file=out or sys.stdout
    )
    return 0
