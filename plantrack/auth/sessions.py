"""An editor's login: checking the password (`verify`), the signed token it gives, and how long the
token lasts. Kept apart because the token is what every write and every page's editor check trust.

A successful login returns an `Editor` token, which the page keeps in the server-side session state
and the browser in a cookie (`cookies.editor_cookie`, read back by `cookies.resume` after a reload).
Tokens are signed with a key that lives only in this server process, expire after SESSION_TIME, end
after idle_time() without activity (`touch`; PLANTRACK_IDLE_MINUTES, default 30) and at `logout` (in
every tab that carries them), and stop working when the editor's password is reset or the editor is
disabled (`still_enabled`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
import threading
from collections.abc import MutableMapping
from dataclasses import dataclass

import duckdb

from plantrack import clock
from plantrack.auth import accounts, credentials, throttle

SESSION_TIME = dt.timedelta(hours=12)
# Keys in the session state.
EDITOR_KEY = "plantrack_editor"
SESSION_ID_KEY = "plantrack_session_id"
# The idle time is read from the environment at each check.
IDLE_ENV = "PLANTRACK_IDLE_MINUTES"
DEFAULT_IDLE_MINUTES = 30

_PROCESS_KEY = secrets.token_bytes(32)
_DUMMY_SALT = secrets.token_bytes(credentials.SALT_BYTES)
# When each live login (Editor.sid) last did something; a login absent from here is over.
_LAST_ACTIVE: dict[str, dt.datetime] = {}
_ACTIVE_LOCK = threading.Lock()


@dataclass(frozen=True)
class Editor:
    """A logged-in editor. Only `verify` makes valid ones: the signature needs this process's key.

    `sid` names this login (not the browser session): the idle clock and logout are kept per sid.
    """

    user_name: str
    issued_at: dt.datetime
    stamp: str
    signature: str
    sid: str = ""

    def __repr__(self) -> str:
        return f"Editor({self.user_name!r}, issued {self.issued_at:%d/%m/%Y %H:%M})"


def _stamp(password_hash: bytes) -> str:
    return hashlib.sha256(password_hash).hexdigest()[:16]


def sign(*parts: str) -> str:
    message = "\x1f".join(parts).encode("utf-8")
    return hmac.new(_PROCESS_KEY, message, hashlib.sha256).hexdigest()


def _editor_signature(user_name: str, issued_at: dt.datetime, stamp: str, sid: str) -> str:
    return sign("editor", user_name, issued_at.isoformat(), stamp, sid)


def _issue(user_name: str, password_hash: bytes, now: dt.datetime) -> Editor:
    # Whole seconds: the cookie carries the time as a Unix timestamp, and the signature must survive it.
    stamp, sid, now = _stamp(password_hash), secrets.token_hex(16), now.replace(microsecond=0)
    with _ACTIVE_LOCK:
        _LAST_ACTIVE[sid] = now
    return Editor(user_name, now, stamp, _editor_signature(user_name, now, stamp, sid), sid)


def idle_time(environ: MutableMapping | None = None) -> dt.timedelta:
    """PLANTRACK_IDLE_MINUTES (default 30): an editor who does nothing for this long is logged out."""
    value = (environ if environ is not None else os.environ).get(IDLE_ENV, "")
    try:
        minutes = float(value) if value.strip() else DEFAULT_IDLE_MINUTES
    except ValueError:
        minutes = DEFAULT_IDLE_MINUTES
    return dt.timedelta(minutes=minutes if minutes > 0 else DEFAULT_IDLE_MINUTES)


def genuine(editor: object, now: dt.datetime | None = None) -> bool:
    """Signed by this process, not expired, not idle too long, not logged out."""
    if not isinstance(editor, Editor):
        return False
    expected = _editor_signature(editor.user_name, editor.issued_at, editor.stamp, editor.sid)
    if not hmac.compare_digest(expected, str(editor.signature)):
        return False
    now = now or clock.now()
    if not (editor.issued_at <= now + dt.timedelta(minutes=1) and now - editor.issued_at < SESSION_TIME):
        return False
    with _ACTIVE_LOCK:
        last = _LAST_ACTIVE.get(editor.sid)
    return last is not None and now - last < idle_time()


def current_editor(session: MutableMapping | None, now: dt.datetime | None = None) -> Editor | None:
    """The editor logged in to this session, or None (also for an expired, idle, forged or logged-out token)."""
    if session is None:
        return None
    try:
        editor = session.get(EDITOR_KEY)
    except Exception:
        return None
    return editor if genuine(editor, now) else None


def is_editor(session: MutableMapping | None, now: dt.datetime | None = None) -> bool:
    """Whether an editor is logged in to this session state (for showing the update page's link)."""
    return current_editor(session, now) is not None


def login(session: MutableMapping, editor: Editor) -> None:
    if not genuine(editor):
        raise PermissionError("not a verified editor")
    session[EDITOR_KEY] = editor


def touch(session: MutableMapping | None, now: dt.datetime | None = None) -> None:
    """Something was done in this session: the logged-in editor's idle clock starts again."""
    editor = current_editor(session, now)
    if editor is not None:
        with _ACTIVE_LOCK:
            _LAST_ACTIVE[editor.sid] = now or clock.now()


def logout(session: MutableMapping) -> None:
    """Ends the login everywhere it was resumed (every tab and cookie carrying it), not only here."""
    editor = session.get(EDITOR_KEY) if session is not None else None
    if isinstance(editor, Editor):
        with _ACTIVE_LOCK:
            _LAST_ACTIVE.pop(editor.sid, None)
    if EDITOR_KEY in session:
        del session[EDITOR_KEY]


def session_id(session: MutableMapping) -> str:
    """A random id for this browser session, kept in its session state (the throttle's session key)."""
    if SESSION_ID_KEY not in session:
        session[SESSION_ID_KEY] = secrets.token_hex(16)
    return str(session[SESSION_ID_KEY])


def still_enabled(con: duckdb.DuckDBPyConnection, editor: Editor) -> bool:
    """The editor is enabled and its password was not reset since this login."""
    row = accounts.enabled_editor(con.cursor(), editor.user_name)
    return row is not None and row[0] == editor.user_name and hmac.compare_digest(_stamp(row[2]), editor.stamp)


def verify(
    con: duckdb.DuckDBPyConnection,
    name: str,
    password: str,
    session_key: str,
    now: dt.datetime | None = None,
    *,
    address: str | None = None,
) -> throttle.Login:
    """Checks an editor's password; audits the attempt (rate-limited for refusals).

    Throttled per name (whether or not it exists: both lock alike), per browser session, per client
    `address`, and for all unknown names together; the time is taken and the count kept under one
    lock, so simultaneous attempts cannot check more passwords than the limit.
    """
    name = credentials.clean_name(name)
    cur = con.cursor()
    row = accounts.enabled_editor(cur, name) if name else None
    known = row[0] if row else None
    session_hash = throttle.session_hash(session_key)
    owner = throttle.subject_hash("name", name.casefold())
    # Every name is held by the unknown names' global lock (else a lock would tell which names
    # exist); only failures on unknown names count towards it.
    subjects = {
        throttle.subject_hash("session", session_hash): throttle.MAX_FAILURES,
        owner: throttle.MAX_FAILURES,
        "global:unknown_names": None if known else throttle.GLOBAL_FAILURES,
    }

    def attempt() -> bool:
        # The same work whether or not the name exists, so timing does not tell which names do.
        if row:
            return credentials.matches(password or "", row[1], row[2])
        credentials.matches(password or "", _DUMMY_SALT, b"\0" * credentials.HASH_BYTES)
        return False

    result, good = throttle.check_attempt(con, "login", subjects, owner, address, session_hash, known, attempt, now)
    if not good:
        return result
    moment = now or clock.now()
    throttle.record_attempt(cur, known, "login", "ok", session_hash, None, moment)
    return throttle.Login("ok", editor=_issue(known, row[2], moment))
