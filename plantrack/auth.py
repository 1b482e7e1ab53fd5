"""Editors, their login, the optional viewer password, and the write path that needs an editor (DESIGN §7).

Passwords
    Only a salted hash is stored: `hashlib.scrypt` (n=2**14, r=8, p=1, 32 bytes) over the UTF-8
    password with a random 16-byte salt, in the `editors` table. Hashes are compared with
    `hmac.compare_digest`. `python -m plantrack users add NAME` creates an editor or resets its
    password (`add_user_command`); the password comes from a prompt, or from stdin when stdin is
    not a terminal.

Throttling
    Every login attempt is an `audit_log` row with action `login` and outcome `ok`, `failed` or
    `locked` (the password is never written anywhere). For a failed or refused attempt `user_name`
    is the editor's name only when such an editor exists (a name typed by mistake may be a
    password), and the `sha256` column holds the SHA-256 of the browser session's id, never the id.
    Counting rows in the database makes the throttle hold across reruns, sessions and restarts:
    MAX_FAILURES failures within FAILURE_WINDOW for one editor, or from one browser session, lock
    that editor (from every session) or that session (for every name) for LOCK_TIME. A success
    starts the count again. Attempts made while locked are audited as `locked` and do not extend
    the lock. A locked login is refused even with the right password.

Sessions
    A successful login returns an `Editor` token, which the page keeps in the server-side session
    state. Tokens are signed with a key that lives only in this server process, expire after
    SESSION_TIME and stop working when the editor's password is reset.

The write path
    `import_as_editor` and `rollback_as_editor` are the only functions the app writes data with.
    They raise PermissionError unless given a valid editor (or a session state holding one), so a
    viewer cannot write even by forcing a widget. They serialise writers in this process, so two
    editors confirming at once cannot interleave: the second gets `importer.DataChanged`.

Viewer password (off by default)
    Set the environment variable PLANTRACK_VIEWER_PASSWORD_HASH to the value printed by
    `python -m plantrack users viewer-hash` (`scrypt:<salt hex>:<hash hex>`: no character a shell
    would expand); then every page but the update page asks for that shared password once per
    browser session (`viewer_needs_password`, `verify_viewer`). A logged-in editor is not asked.
    A malformed value fails closed: nothing matches it.

This module never imports Streamlit: a session state is any mutable mapping.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import hmac
import os
import secrets
import sys
import threading
import unicodedata
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import TextIO

import duckdb

from plantrack import importer, mapping

SCRYPT_N, SCRYPT_R, SCRYPT_P, HASH_BYTES = 2**14, 8, 1, 32
SALT_BYTES = 16
MIN_PASSWORD_LENGTH = 8
MAX_NAME_LENGTH = 64

MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)
LOCK_TIME = dt.timedelta(minutes=5)
SESSION_TIME = dt.timedelta(hours=12)
# Failures older than this cannot matter any more; the throttle reads no further back.
LOOKBACK = dt.timedelta(days=1)

VIEWER_ENV = "PLANTRACK_VIEWER_PASSWORD_HASH"
VIEWER_USER = "(viewer)"

# Keys in the session state.
EDITOR_KEY = "plantrack_editor"
VIEWER_KEY = "plantrack_viewer"
SESSION_ID_KEY = "plantrack_session_id"

_PROCESS_KEY = secrets.token_bytes(32)
_DUMMY_SALT = secrets.token_bytes(SALT_BYTES)
_WRITE_LOCK = threading.RLock()
_LOGIN_LOCK = threading.Lock()


# --- hashing -------------------------------------------------------------------------------------


def hash_password(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        dklen=HASH_BYTES,
        maxmem=64 * 1024 * 1024,
    )


def _matches(password: str, salt: bytes, expected: bytes) -> bool:
    return hmac.compare_digest(hash_password(password, salt), expected)


def _clean_name(name: str) -> str:
    return unicodedata.normalize("NFC", str(name or "")).strip()


class BadCredentials(ValueError):
    """A user name or a new password that cannot be used; `code` is an i18n key."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code = code
        self.params = params


def check_name(name: str) -> str:
    cleaned = _clean_name(name)
    if (
        not cleaned
        or len(cleaned) > MAX_NAME_LENGTH
        or any(unicodedata.category(c)[0] in "CZ" and c != " " for c in cleaned)
    ):
        raise BadCredentials("user_bad_name", limit=MAX_NAME_LENGTH)
    return cleaned


def check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise BadCredentials("user_short_password", length=MIN_PASSWORD_LENGTH)
    return password


# --- editors -------------------------------------------------------------------------------------


def _editor_row(cur: duckdb.DuckDBPyConnection, name: str) -> tuple[str, bytes, bytes] | None:
    rows = cur.execute(
        "select user_name, salt, password_hash from editors where lower(user_name) = lower($n)", {"n": name}
    ).fetchall()
    return (rows[0][0], bytes(rows[0][1]), bytes(rows[0][2])) if rows else None


def add_user(con: duckdb.DuckDBPyConnection, name: str, password: str, *, now: dt.datetime | None = None) -> bool:
    """Creates an editor, or resets the password of an existing one; True when it was created.

    Resetting a password ends every session of that editor.
    """
    name = check_name(name)
    check_password(password)
    salt = secrets.token_bytes(SALT_BYTES)
    digest = hash_password(password, salt)
    cur = con.cursor()
    existing = _editor_row(cur, name)
    if existing is None:
        cur.execute(
            "insert into editors (user_name, salt, password_hash, created_at) values ($n, $s, $h, $t)",
            {"n": name, "s": salt, "h": digest, "t": now or dt.datetime.now()},
        )
    else:
        cur.execute(
            "update editors set salt = $s, password_hash = $h where user_name = $n",
            {"n": existing[0], "s": salt, "h": digest},
        )
    importer.log_event(cur, existing[0] if existing else name, "user_add" if existing is None else "user_reset", "ok")
    return existing is None


def editors(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.cursor().execute("select user_name from editors order by user_name").fetchall()]


def read_new_password(lang: str = "vi", stream: TextIO | None = None) -> str:
    """The new password: typed twice at a prompt, or the first line of stdin when it is not a terminal."""
    from plantrack.i18n import t

    stream = stream if stream is not None else sys.stdin
    if stream.isatty():
        first = getpass.getpass(t("user_password_prompt", lang))
        second = getpass.getpass(t("user_password_again", lang))
        if first != second:
            raise BadCredentials("user_password_mismatch")
        return first
    return stream.readline().rstrip("\r\n")


def add_user_command(con: duckdb.DuckDBPyConnection, name: str, password: str, lang: str = "vi") -> int:
    """`python -m plantrack users add NAME`: prints one sentence; 0 when done, 1 when refused."""
    from plantrack.i18n import t

    try:
        created = add_user(con, name, password)
    except BadCredentials as refused:
        print(t(refused.code, lang, **refused.params), file=sys.stderr)
        return 1
    print(t("user_created" if created else "user_reset", lang, name=check_name(name)))
    return 0


# --- sessions and tokens -------------------------------------------------------------------------


@dataclass(frozen=True)
class Editor:
    """A logged-in editor. Only `verify` makes valid ones: the signature needs this process's key."""

    user_name: str
    issued_at: dt.datetime
    stamp: str
    signature: str

    def __repr__(self) -> str:
        return f"Editor({self.user_name!r}, issued {self.issued_at:%d/%m/%Y %H:%M})"


def _stamp(password_hash: bytes) -> str:
    return hashlib.sha256(password_hash).hexdigest()[:16]


def _sign(user_name: str, issued_at: dt.datetime, stamp: str) -> str:
    message = "\x1f".join((user_name, issued_at.isoformat(), stamp)).encode("utf-8")
    return hmac.new(_PROCESS_KEY, message, hashlib.sha256).hexdigest()


def _issue(user_name: str, password_hash: bytes, now: dt.datetime) -> Editor:
    stamp = _stamp(password_hash)
    return Editor(user_name, now, stamp, _sign(user_name, now, stamp))


def _genuine(editor: object, now: dt.datetime | None = None) -> bool:
    if not isinstance(editor, Editor):
        return False
    expected = _sign(editor.user_name, editor.issued_at, editor.stamp)
    if not hmac.compare_digest(expected, str(editor.signature)):
        return False
    now = now or dt.datetime.now()
    return editor.issued_at <= now + dt.timedelta(minutes=1) and now - editor.issued_at < SESSION_TIME


def current_editor(session: MutableMapping | None, now: dt.datetime | None = None) -> Editor | None:
    """The editor logged in to this session, or None (also for an expired or forged token)."""
    if session is None:
        return None
    try:
        editor = session.get(EDITOR_KEY)
    except Exception:
        return None
    return editor if _genuine(editor, now) else None


def is_editor(session: MutableMapping | None, now: dt.datetime | None = None) -> bool:
    """Whether an editor is logged in to this session state (for showing the update page's link)."""
    return current_editor(session, now) is not None


def login(session: MutableMapping, editor: Editor) -> None:
    if not _genuine(editor):
        raise PermissionError("not a verified editor")
    session[EDITOR_KEY] = editor


def logout(session: MutableMapping) -> None:
    if EDITOR_KEY in session:
        del session[EDITOR_KEY]


def session_id(session: MutableMapping) -> str:
    """A random id for this browser session, kept in its session state (the throttle's session key)."""
    if SESSION_ID_KEY not in session:
        session[SESSION_ID_KEY] = secrets.token_hex(16)
    return str(session[SESSION_ID_KEY])


def _session_hash(session_key: str) -> str:
    return hashlib.sha256(str(session_key).encode("utf-8")).hexdigest()


# --- login and throttle --------------------------------------------------------------------------


@dataclass(frozen=True)
class Login:
    """What one login attempt gave: `ok` (with the editor), `failed` or `locked`."""

    outcome: str
    editor: Editor | None = None
    locked_until: dt.datetime | None = None
    attempts_left: int | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


def _lock_until(failures: list[dt.datetime]) -> tuple[dt.datetime | None, list[dt.datetime]]:
    """From failure times (ascending): when the last lock ends, and the failures counted since."""
    until, window = None, []
    for moment in failures:
        if until is not None and moment < until:
            continue
        window = [w for w in window if w > moment - FAILURE_WINDOW] + [moment]
        if len(window) >= MAX_FAILURES:
            until, window = moment + LOCK_TIME, []
    return until, window


def _failures(cur, where: str, params: dict, now: dt.datetime, action: str) -> list[dt.datetime]:
    """Failed attempts of one subject since its last success and within LOOKBACK, oldest first."""
    since = now - LOOKBACK
    last_ok = cur.execute(
        f"select max(logged_at) from audit_log where action = $a and outcome = 'ok' and {where}",
        {**params, "a": action},
    ).fetchall()[0][0]
    if last_ok is not None and last_ok > since:
        since = last_ok
    rows = cur.execute(
        f"select logged_at from audit_log where action = $a and outcome = 'failed' and {where} "
        "and logged_at > $since and logged_at <= $now order by logged_at",
        {**params, "a": action, "since": since, "now": now},
    ).fetchall()
    return [r[0] for r in rows]


@dataclass(frozen=True)
class _Throttle:
    locked_until: dt.datetime | None
    attempts_left: int


def _throttle(cur, subjects: list[tuple[str, dict]], now: dt.datetime, action: str) -> _Throttle:
    locked_until, left = None, MAX_FAILURES
    for where, params in subjects:
        until, window = _lock_until(_failures(cur, where, params, now, action))
        if until is not None and until > now:
            locked_until = max(locked_until or until, until)
        recent = [w for w in window if w > now - FAILURE_WINDOW]
        left = min(left, MAX_FAILURES - len(recent))
    return _Throttle(locked_until, left)


def _record(
    cur, user: str | None, action: str, outcome: str, session_hash: str, reason: str | None, now: dt.datetime
) -> None:
    cur.execute(
        """
        insert into audit_log (event_id, logged_at, user_name, action, plan_id, version_id, file_name, sha256, outcome, detail)
        select nextval('audit_event_seq'), $t, $u, $a, null, null, null, $s, $o, $d
        """,
        {"t": now, "u": user, "a": action, "s": session_hash, "o": outcome, "d": reason},
    )


def verify(
    con: duckdb.DuckDBPyConnection,
    name: str,
    password: str,
    session_key: str,
    now: dt.datetime | None = None,
) -> Login:
    """Checks an editor's password, throttled per editor and per session; audits every attempt."""
    now = now or dt.datetime.now()
    cur = con.cursor()
    name = _clean_name(name)
    row = _editor_row(cur, name) if name else None
    known = row[0] if row else None
    session_hash = _session_hash(session_key)
    subjects = [("sha256 = $s", {"s": session_hash})]
    if known:
        subjects.append(("user_name = $u", {"u": known}))
    with _LOGIN_LOCK:
        throttle = _throttle(cur, subjects, now, "login")
        if throttle.locked_until is not None:
            _record(cur, known, "login", "locked", session_hash, "locked", now)
            return Login("locked", locked_until=throttle.locked_until, attempts_left=0)
        # The same work whether or not the name exists, so timing does not tell which names do.
        if row:
            good = _matches(password or "", row[1], row[2])
        else:
            _matches(password or "", _DUMMY_SALT, b"\0" * HASH_BYTES)
            good = False
        if good:
            _record(cur, known, "login", "ok", session_hash, None, now)
            return Login("ok", editor=_issue(known, row[2], now))
        _record(cur, known, "login", "failed", session_hash, "wrong_password" if known else "unknown_user", now)
        throttle = _throttle(cur, subjects, now, "login")
        if throttle.locked_until is not None:
            return Login("locked", locked_until=throttle.locked_until, attempts_left=0)
        return Login("failed", attempts_left=throttle.attempts_left)


def require_editor(
    con: duckdb.DuckDBPyConnection,
    who: Editor | MutableMapping | None,
    *,
    action: str = "write",
    plan_id: int | None = None,
    file_name: str | None = None,
    now: dt.datetime | None = None,
) -> Editor:
    """The editor behind `who` (a token or a session state), checked against the database.

    Raises PermissionError, and audits the refusal, for anything else: no login, a forged or
    expired token, an editor removed or whose password was reset since logging in.
    """
    editor = who if isinstance(who, Editor) else current_editor(who if hasattr(who, "get") else None, now)
    if editor is not None and _genuine(editor, now):
        row = _editor_row(con.cursor(), editor.user_name)
        if row is not None and row[0] == editor.user_name and hmac.compare_digest(_stamp(row[2]), editor.stamp):
            return editor
    importer.log_event(
        con.cursor(), None, action, "denied", plan_id=plan_id, file_name=file_name, detail="no authenticated editor"
    )
    raise PermissionError("an authenticated editor is required")


# --- the write path ------------------------------------------------------------------------------


def _conflict_as_data_changed(con, error: Exception, plan_id: int | None, base: int | None) -> Exception:
    """A write conflict with another writer is reported as DataChanged when the plan moved on."""
    current = importer.latest_version(con.cursor(), plan_id)
    if current != base:
        return importer.DataChanged(current, base)
    return error


def import_as_editor(
    con: duckdb.DuckDBPyConnection,
    who: Editor | MutableMapping | None,
    preview: importer.Preview,
    *,
    now: dt.datetime | None = None,
) -> int | None:
    """Commits a preview as the logged-in editor; returns the new version, or None if nothing changed.

    Raises PermissionError without an authenticated editor and importer.DataChanged when the plan
    gained a version since the preview (the caller previews again).
    """
    editor = require_editor(con, who, action="import", plan_id=preview.plan_id, file_name=preview.file_name, now=now)
    with _WRITE_LOCK:
        try:
            version = importer.commit(con, preview, editor.user_name)
        except importer.DataChanged as changed:
            importer.log_event(
                con.cursor(),
                editor.user_name,
                "import",
                "data_changed",
                plan_id=preview.plan_id,
                file_name=preview.file_name,
                sha256=preview.sha256,
                detail=f"current {changed.current}, preview {changed.base}",
            )
            raise
        except (duckdb.TransactionException, duckdb.ConstraintException) as error:
            raise _conflict_as_data_changed(con, error, preview.plan_id, preview.base_version) from error
    if version is None:
        importer.log_event(
            con.cursor(),
            editor.user_name,
            "import",
            "nothing_changed",
            plan_id=preview.plan_id,
            file_name=preview.file_name,
            sha256=preview.sha256,
        )
    return version


def save_mapping_as_editor(
    con: duckdb.DuckDBPyConnection,
    who: Editor | MutableMapping | None,
    name: str,
    matches: list[mapping.Match],
    *,
    now: dt.datetime | None = None,
) -> mapping.SavedMapping:
    """Saves a column mapping of press exports as the logged-in editor (audited by mapping.save_mapping)."""
    editor = require_editor(con, who, action="mapping_save", now=now)
    with _WRITE_LOCK:
        return mapping.save_mapping(con, name, matches, editor.user_name)


def rollback_as_editor(
    con: duckdb.DuckDBPyConnection,
    who: Editor | MutableMapping | None,
    plan_id: int,
    target: int,
    *,
    expected_base: int | None = None,
    now: dt.datetime | None = None,
) -> int | None:
    """A new version equal to `target`, as the logged-in editor; None if the data already is that.

    With `expected_base` (the latest version when the confirmation was shown), raises
    importer.DataChanged if the plan gained a version since.
    """
    editor = require_editor(con, who, action="rollback", plan_id=plan_id, now=now)
    with _WRITE_LOCK:
        current = importer.latest_version(con.cursor(), plan_id)
        if expected_base is not None and current != expected_base:
            importer.log_event(
                con.cursor(),
                editor.user_name,
                "rollback",
                "data_changed",
                plan_id=plan_id,
                detail=f"target {target}, current {current}, shown {expected_base}",
            )
            raise importer.DataChanged(current, expected_base)
        try:
            version = importer.rollback(con, plan_id, target, editor.user_name)
        except (duckdb.TransactionException, duckdb.ConstraintException) as error:
            raise _conflict_as_data_changed(con, error, plan_id, current) from error
    if version is None:
        importer.log_event(
            con.cursor(), editor.user_name, "rollback", "nothing_changed", plan_id=plan_id, detail=f"target {target}"
        )
    return version


# --- viewer password -----------------------------------------------------------------------------


def viewer_hash(password: str) -> str:
    """The value for PLANTRACK_VIEWER_PASSWORD_HASH: `scrypt:<salt hex>:<hash hex>`."""
    check_password(password)
    salt = secrets.token_bytes(SALT_BYTES)
    return f"scrypt:{salt.hex()}:{hash_password(password, salt).hex()}"


def viewer_hash_command(password: str, lang: str = "vi") -> int:
    """`python -m plantrack users viewer-hash`: prints the environment line that turns the viewer password on."""
    from plantrack.i18n import t

    try:
        value = viewer_hash(password)
    except BadCredentials as refused:
        print(t(refused.code, lang, **refused.params), file=sys.stderr)
        return 1
    print(t("user_viewer_hash", lang))
    print(f"{VIEWER_ENV}={value}")
    return 0


def _viewer_secret(environ: MutableMapping | None = None) -> tuple[bytes, bytes] | None:
    value = (environ if environ is not None else os.environ).get(VIEWER_ENV, "").strip()
    if not value:
        return None
    parts = value.split(":")
    try:
        if len(parts) != 3 or parts[0] != "scrypt":
            raise ValueError
        salt, digest = bytes.fromhex(parts[1]), bytes.fromhex(parts[2])
        if len(salt) < 8 or len(digest) != HASH_BYTES:
            raise ValueError
    except ValueError:
        # Fail closed: a viewer password was meant to be on; nothing can match a malformed one.
        return b"", b""
    return salt, digest


def viewer_password_required(environ: MutableMapping | None = None) -> bool:
    return _viewer_secret(environ) is not None


def viewer_needs_password(session: MutableMapping | None, environ: MutableMapping | None = None) -> bool:
    """True when a viewer password is configured and this session has neither given it nor an editor login."""
    if not viewer_password_required(environ):
        return False
    if session is not None and (is_editor(session) or session.get(VIEWER_KEY) is True):
        return False
    return True


def verify_viewer(
    con: duckdb.DuckDBPyConnection,
    password: str,
    session: MutableMapping,
    *,
    now: dt.datetime | None = None,
    environ: MutableMapping | None = None,
) -> Login:
    """Checks the shared viewer password (throttled per session, audited); on success marks the session."""
    now = now or dt.datetime.now()
    secret = _viewer_secret(environ)
    if secret is None:
        session[VIEWER_KEY] = True
        return Login("ok")
    cur = con.cursor()
    session_hash = _session_hash(session_id(session))
    subjects = [("sha256 = $s", {"s": session_hash})]
    with _LOGIN_LOCK:
        throttle = _throttle(cur, subjects, now, "viewer_login")
        if throttle.locked_until is not None:
            _record(cur, None, "viewer_login", "locked", session_hash, "locked", now)
            return Login("locked", locked_until=throttle.locked_until, attempts_left=0)
        salt, digest = secret
        if salt and _matches(password or "", salt, digest):
            _record(cur, VIEWER_USER, "viewer_login", "ok", session_hash, None, now)
            session[VIEWER_KEY] = True
            return Login("ok")
        _record(cur, None, "viewer_login", "failed", session_hash, "wrong_password", now)
        throttle = _throttle(cur, subjects, now, "viewer_login")
        if throttle.locked_until is not None:
            return Login("locked", locked_until=throttle.locked_until, attempts_left=0)
        return Login("failed", attempts_left=throttle.attempts_left)


__all__ = [
    "BadCredentials",
    "Editor",
    "Login",
    "add_user",
    "add_user_command",
    "current_editor",
    "import_as_editor",
    "is_editor",
    "login",
    "logout",
    "read_new_password",
    "require_editor",
    "rollback_as_editor",
    "session_id",
    "verify",
    "verify_viewer",
    "viewer_hash",
    "viewer_hash_command",
    "viewer_needs_password",
    "viewer_password_required",
]
