"""Editors, their login, the optional viewer password, and the write path that needs an editor (DESIGN §7).

Passwords
    Only a salted hash is stored: `hashlib.scrypt` (n=2**14, r=8, p=1, 32 bytes) over the UTF-8
    password with a random 16-byte salt, in the `editors` table. Hashes are compared with
    `hmac.compare_digest`. `python -m plantrack users add NAME` creates an editor or resets its
    password (`add_user_command`); the password comes from a prompt, or from stdin when stdin is
    not a terminal.

Throttling
    Failures are counted in the table `login_throttle` (created on first use), so the throttle
    holds across reruns, reloads, sessions and restarts. Subjects and their limits within
    FAILURE_WINDOW: a typed name, whether or not such an editor exists (both lock alike, so a lock
    tells nothing about which names exist) and a browser session, MAX_FAILURES; a client address
    (`st.context.ip_address`, passed in by the page), ADDRESS_FAILURES; all unknown names together,
    and the viewer password from everyone together, GLOBAL_FAILURES. Reaching a limit locks that
    subject for LOCK_TIME; a locked attempt is refused even with the right password and does not
    extend the lock. A success clears its name, session and address. An address that logged in to
    a name within KNOWN_ADDRESS_TIME is not held by that name's lock or the global ones (only by its
    own address and session), so nobody can keep an editor out of their account by guessing.
    The time is read and the count written under one lock, so twenty simultaneous attempts check
    at most the limit's number of passwords.

    Every success is an `audit_log` row; refusals (`failed`, `locked`) are too, at most
    AUDIT_ROWS_PER_SOURCE per session per window and AUDIT_ROWS_PER_MINUTE in all, the rest
    counted in the next row written. The password is never written anywhere; `user_name` is the
    editor's name only when such an editor exists (a name typed by mistake may be a password), and
    `sha256` holds the SHA-256 of the browser session's id, never the id.

Sessions
    A successful login returns an `Editor` token, which the page keeps in the server-side session
    state and the browser in a cookie (`editor_cookie`, read back by `resume` after a reload).
    Tokens are signed with a key that lives only in this server process, expire after SESSION_TIME,
    end after idle_time() without activity (`touch`; PLANTRACK_IDLE_MINUTES, default 30) and at
    `logout` (in every tab that carries them), and stop working when the editor's password is reset
    or the editor is disabled.

Roles
    An editor may be an administrator (`editors.is_admin`, `users add NAME --admin`), who adds,
    resets and disables editors in the app (`add_user_as_admin`, `disable_user_as_admin`); a
    disabled editor stays in the table (its history names it) but cannot log in or write.

The write path
    `import_as_editor` and `rollback_as_editor` are the only functions the app writes data with.
    They raise PermissionError unless given a valid editor (or a session state holding one), so a
    viewer cannot write even by forcing a widget. They serialise writers in this process, so two
    editors confirming at once cannot interleave: the second gets `importer.DataChanged`.

Viewer password (off by default)
    Set the environment variable PLANTRACK_VIEWER_PASSWORD_HASH to the value printed by
    `python -m plantrack users viewer-hash` (`scrypt:<salt hex>:<hash hex>`: no character a shell
    would expand); then every page, the update page too, asks for that shared password once per
    browser session (`viewer_needs_password`, `verify_viewer`), and the pages' cached data layer
    refuses to read for a session without it (`require_viewer`). A logged-in editor is not asked.
    A malformed value fails closed: nothing matches it.

This module never imports Streamlit: a session state is any mutable mapping.
"""

from __future__ import annotations

import base64
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

from plantrack import clock, importer, mapping

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
# Cookies (see "cookies" below); the idle time is read from the environment at each check.
EDITOR_COOKIE = "plantrack_editor"
VIEWER_COOKIE = "plantrack_viewer"
IDLE_ENV = "PLANTRACK_IDLE_MINUTES"
DEFAULT_IDLE_MINUTES = 30

_PROCESS_KEY = secrets.token_bytes(32)
_DUMMY_SALT = secrets.token_bytes(SALT_BYTES)
_WRITE_LOCK = threading.RLock()
_LOGIN_LOCK = threading.Lock()
# When each live login (Editor.sid) last did something; a login absent from here is over.
_LAST_ACTIVE: dict[str, dt.datetime] = {}
_ACTIVE_LOCK = threading.Lock()


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
    name = check_name(name)
    check_password(password)
    salt = secrets.token_bytes(SALT_BYTES)
    digest = hash_password(password, salt)
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
    row = _editor_row(cur, _clean_name(name))
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


def editors(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.cursor().execute("select user_name from editors order by user_name").fetchall()]


def user_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return _any_editor(con.cursor(), _clean_name(name)) is not None


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
            raise BadCredentials("user_password_mismatch")
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
    except BadCredentials as refused:
        print(t(refused.code, lang, **refused.params), file=err or sys.stderr)
        return 1
    print(t("user_created" if created else "user_reset", lang, name=check_name(name)), file=out or sys.stdout)
    return 0


# --- sessions and tokens -------------------------------------------------------------------------


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


def _sign(*parts: str) -> str:
    message = "\x1f".join(parts).encode("utf-8")
    return hmac.new(_PROCESS_KEY, message, hashlib.sha256).hexdigest()


def _editor_signature(user_name: str, issued_at: dt.datetime, stamp: str, sid: str) -> str:
    return _sign("editor", user_name, issued_at.isoformat(), stamp, sid)


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


def _genuine(editor: object, now: dt.datetime | None = None) -> bool:
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
    return editor if _genuine(editor, now) else None


def is_editor(session: MutableMapping | None, now: dt.datetime | None = None) -> bool:
    """Whether an editor is logged in to this session state (for showing the update page's link)."""
    return current_editor(session, now) is not None


def login(session: MutableMapping, editor: Editor) -> None:
    if not _genuine(editor):
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


# --- cookies -------------------------------------------------------------------------------------
#
# A cookie holds a login, never a password or its hash: `sid.issued.name.stamp.signature`, where
# the stamp is 16 hex digits of SHA-256 over the stored hash (it changes when the password is reset)
# and the signature is an HMAC with this process's key. A cookie is worth what the session it came
# from is worth: it expires with the login (SESSION_TIME), dies when the editor idles past
# idle_time(), logs out, is disabled or has its password reset, and when the server restarts.


def editor_cookie(editor: Editor) -> str:
    name = base64.urlsafe_b64encode(editor.user_name.encode("utf-8")).decode("ascii").rstrip("=")
    issued = str(int(editor.issued_at.replace(tzinfo=dt.UTC).timestamp()))
    return ".".join((editor.sid, issued, name, editor.stamp, editor.signature))


def _editor_from_cookie(value: str) -> Editor | None:
    parts = str(value or "").split(".")
    if len(parts) != 5 or not all(parts):
        return None
    sid, issued, name, stamp, signature = parts
    try:
        user_name = base64.urlsafe_b64decode(name + "=" * (-len(name) % 4)).decode("utf-8")
        issued_at = dt.datetime.fromtimestamp(int(issued), dt.UTC).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        return None
    return Editor(user_name, issued_at, stamp, signature, sid)


def _still_enabled(con: duckdb.DuckDBPyConnection, editor: Editor) -> bool:
    """The editor is enabled and its password was not reset since this login."""
    row = _editor_row(con.cursor(), editor.user_name)
    return row is not None and row[0] == editor.user_name and hmac.compare_digest(_stamp(row[2]), editor.stamp)


def resume(
    con: duckdb.DuckDBPyConnection, session: MutableMapping, cookie: str | None, now: dt.datetime | None = None
) -> Editor | None:
    """At the start of every script run: the session's login, or after a reload the one a valid
    editor cookie carries (put back in this session); None otherwise.

    The login is checked against the database each time, so disabling an editor or resetting its
    password ends its sessions at their next click, not only at their next write.
    """
    editor = current_editor(session, now)
    if editor is None and cookie:
        editor = _editor_from_cookie(cookie)
        if editor is not None and not _genuine(editor, now):
            editor = None
    if editor is None:
        return None
    if not _still_enabled(con, editor):
        logout(session)
        return None
    session[EDITOR_KEY] = editor
    return editor


def viewer_cookie(session: MutableMapping, now: dt.datetime | None = None) -> str:
    """A cookie saying this browser gave the shared viewer password (for reloads and /media/ files)."""
    issued = str(int((now or clock.now()).replace(tzinfo=dt.UTC).timestamp()))
    sid = session_id(session)
    return ".".join((sid, issued, _sign("viewer", sid, issued)))


def viewer_cookie_valid(value: str | None, now: dt.datetime | None = None) -> bool:
    parts = str(value or "").split(".")
    if len(parts) != 3:
        return False
    sid, issued, signature = parts
    if not hmac.compare_digest(_sign("viewer", sid, issued), signature):
        return False
    try:
        issued_at = dt.datetime.fromtimestamp(int(issued), dt.UTC).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        return False
    now = now or clock.now()
    return issued_at <= now + dt.timedelta(minutes=1) and now - issued_at < SESSION_TIME


def cookie_lets_in(cookies: MutableMapping, environ: MutableMapping | None = None) -> bool:
    """Whether a request with these cookies may fetch a file under /media/: always when no viewer
    password is set, else with a valid viewer cookie or a live editor login."""
    if not viewer_password_required(environ):
        return True
    if viewer_cookie_valid(cookies.get(VIEWER_COOKIE)):
        return True
    editor = _editor_from_cookie(cookies.get(EDITOR_COOKIE) or "")
    return editor is not None and _genuine(editor)


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
    # Whose failures locked it: "own" (this name or this session, MAX_FAILURES of them) or "many"
    # (this address or everyone's), so the message does not claim five mistakes of one's own.
    locked_by: str | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    @property
    def message_key(self) -> str:
        return "upd_login_locked_many" if self.locked_by == "many" else "upd_login_locked"


# Failures that lock, per subject of the throttle. A name (existing or not: the throttle must not
# tell which names exist) and a browser session lock after MAX_FAILURES; a client address, which an
# office behind one router shares, after ADDRESS_FAILURES; all unknown names together, and the
# viewer password from everyone together, after GLOBAL_FAILURES.
ADDRESS_FAILURES = 10
GLOBAL_FAILURES = 100
# An address an editor (or a viewer) logged in from within this time is theirs: a lock made by
# someone else's guesses does not keep them out of their own account (only their address's lock does).
KNOWN_ADDRESS_TIME = dt.timedelta(days=30)
# Audit rows of refused attempts: at most this many per address (or session) per FAILURE_WINDOW and
# this many per minute in all; the attempts not written are counted in the next row written.
AUDIT_ROWS_PER_SOURCE = 10
AUDIT_ROWS_PER_MINUTE = 60

_THROTTLE_TABLE = """create table if not exists login_throttle (
  subject varchar primary key,
  failures integer not null,
  window_start timestamp not null,
  locked_until timestamp
)"""


def _subject_hash(kind: str, value: str) -> str:
    return kind + ":" + hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]


@dataclass
class _AuditBudget:
    """Audit rows written per source in the current window, and per minute in all (in this process)."""

    per_source: dict = None
    minute: dt.datetime | None = None
    in_minute: int = 0
    skipped: int = 0

    def __post_init__(self) -> None:
        self.per_source = {}

    def allow(self, source: str, now: dt.datetime) -> bool:
        started, count = self.per_source.get(source, (now, 0))
        if now - started > FAILURE_WINDOW:
            started, count = now, 0
        minute = now.replace(second=0, microsecond=0)
        if minute != self.minute:
            self.minute, self.in_minute = minute, 0
        if count >= AUDIT_ROWS_PER_SOURCE or self.in_minute >= AUDIT_ROWS_PER_MINUTE:
            self.per_source[source] = (started, count)
            self.skipped += 1
            return False
        if len(self.per_source) > 10_000:
            self.per_source.clear()
        self.per_source[source] = (started, count + 1)
        self.in_minute += 1
        return True


# One budget per database file: the limits are about the audit log's growth.
_AUDIT: dict[str, _AuditBudget] = {}


def _audit_budget(cur) -> _AuditBudget:
    path = cur.execute("select path from duckdb_databases() where database_name = current_database()").fetchall()
    key = str(path[0][0]) if path else ""
    return _AUDIT.setdefault(key, _AuditBudget())


def _throttle_state(cur, subjects: list[str]) -> dict[str, tuple[int, dt.datetime, dt.datetime | None]]:
    cur.execute(_THROTTLE_TABLE)
    rows = cur.execute(
        "select subject, failures, window_start, locked_until from login_throttle where subject in (select unnest($s))",
        {"s": subjects},
    ).fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _locked_until(state: dict, subjects: list[str], now: dt.datetime) -> tuple[dt.datetime | None, str | None]:
    ends = [(state[s][2], s) for s in subjects if s in state and state[s][2] is not None and state[s][2] > now]
    if not ends:
        return None, None
    until, subject = max(ends)
    return until, _kind(subject)


def _kind(subject: str) -> str:
    return "own" if subject.startswith(("name:", "session:")) else "many"


def _count_failure(
    cur, state: dict, limits: dict[str, int | None], now: dt.datetime
) -> tuple[dt.datetime | None, int, str | None]:
    """Adds one failure to each subject; returns the lock it caused (if any), whose, and the attempts left."""
    locked, left, kind = None, MAX_FAILURES, None
    for subject, limit in limits.items():
        if limit is None:
            continue
        failures, started, until = state.get(subject, (0, now, None))
        if until is not None and until <= now:
            failures, started, until = 0, now, None
        if now - started > FAILURE_WINDOW:
            failures, started = 0, now
        failures += 1
        if failures >= limit:
            until, failures, started = now + LOCK_TIME, 0, now
            locked = max(locked or until, until)
            kind = "own" if kind == "own" or _kind(subject) == "own" else "many"
        else:
            left = min(left, limit - failures)
        cur.execute(
            "insert or replace into login_throttle values ($s, $f, $w, $u)",
            {"s": subject, "f": failures, "w": started, "u": until},
        )
    return locked, left, kind


def _forget(cur, subjects: list[str]) -> None:
    cur.execute("delete from login_throttle where subject in (select unnest($s))", {"s": subjects})


def _remember_address(cur, known: str, address_subject: str | None, now: dt.datetime) -> None:
    if address_subject is not None:
        cur.execute(
            "insert or replace into login_throttle values ($s, 0, $w, null)", {"s": known + address_subject, "w": now}
        )


def _is_known_address(state: dict, known: str, address_subject: str | None, now: dt.datetime) -> bool:
    if address_subject is None or known + address_subject not in state:
        return False
    return now - state[known + address_subject][1] < KNOWN_ADDRESS_TIME


def _record(
    cur, user: str | None, action: str, outcome: str, session_hash: str, reason: str | None, now: dt.datetime
) -> None:
    if outcome != "ok":
        budget = _audit_budget(cur)
        if not budget.allow(session_hash, now):
            return
        if budget.skipped:
            reason = f"{reason}; {budget.skipped} earlier refused attempts not written (audit rate limit)"
            budget.skipped = 0
    cur.execute(
        """
        insert into audit_log (event_id, logged_at, user_name, action, plan_id, version_id, file_name, sha256, outcome, detail)
        select nextval('audit_event_seq'), $t, $u, $a, null, null, null, $s, $o, $d
        """,
        {"t": now, "u": user, "a": action, "s": session_hash, "o": outcome, "d": reason},
    )


def _check(
    con: duckdb.DuckDBPyConnection,
    action: str,
    subjects: dict[str, int | None],
    owner: str | None,
    address: str | None,
    session_hash: str,
    user: str | None,
    attempt,
    now: dt.datetime | None,
) -> tuple[Login, bool]:
    """One throttled attempt, entirely under the lock: read the counts, check, count.

    `subjects` maps each throttle subject to its limit; `owner` (the name or viewer subject) is
    skipped for an address that logged in to it before. `attempt()` checks the password.
    """
    cur = con.cursor()
    with _LOGIN_LOCK:
        now = now or clock.now()
        address_subject = _subject_hash("address", address) if address else None
        if address_subject:
            subjects = {**subjects, address_subject: ADDRESS_FAILURES}
        state = _throttle_state(cur, [*subjects, *([owner + address_subject] if owner and address_subject else [])])
        checked = dict(subjects)
        if owner and _is_known_address(state, owner, address_subject, now):
            checked = {s: limit for s, limit in subjects.items() if not s.startswith(("name:", "global:"))}
        until, kind = _locked_until(state, list(checked), now)
        if until is not None:
            _record(cur, user, action, "locked", session_hash, "locked", now)
            return Login("locked", locked_until=until, attempts_left=0, locked_by=kind), False
        good = attempt()
        if good:
            _forget(cur, [s for s in subjects if not s.startswith("global:")])
            if owner:
                _remember_address(cur, owner, address_subject, now)
            return Login("ok"), True
        locked, left, kind = _count_failure(cur, state, checked, now)
        _record(cur, user, action, "failed", session_hash, "wrong_password" if user else "unknown_user", now)
        if locked is not None:
            return Login("locked", locked_until=locked, attempts_left=0, locked_by=kind), False
        return Login("failed", attempts_left=left), False


def verify(
    con: duckdb.DuckDBPyConnection,
    name: str,
    password: str,
    session_key: str,
    now: dt.datetime | None = None,
    *,
    address: str | None = None,
) -> Login:
    """Checks an editor's password; audits the attempt (rate-limited for refusals).

    Throttled per name (whether or not it exists: both lock alike), per browser session, per client
    `address`, and for all unknown names together; the time is taken and the count kept under one
    lock, so simultaneous attempts cannot check more passwords than the limit.
    """
    name = _clean_name(name)
    cur = con.cursor()
    row = _editor_row(cur, name) if name else None
    known = row[0] if row else None
    session_hash = _session_hash(session_key)
    owner = _subject_hash("name", name.casefold())
    # Every name is held by the unknown names' global lock (else a lock would tell which names
    # exist); only failures on unknown names count towards it.
    subjects = {
        _subject_hash("session", session_hash): MAX_FAILURES,
        owner: MAX_FAILURES,
        "global:unknown_names": None if known else GLOBAL_FAILURES,
    }

    def attempt() -> bool:
        # The same work whether or not the name exists, so timing does not tell which names do.
        if row:
            return _matches(password or "", row[1], row[2])
        _matches(password or "", _DUMMY_SALT, b"\0" * HASH_BYTES)
        return False

    result, good = _check(con, "login", subjects, owner, address, session_hash, known, attempt, now)
    if not good:
        return result
    moment = now or clock.now()
    _record(cur, known, "login", "ok", session_hash, None, moment)
    return Login("ok", editor=_issue(known, row[2], moment))


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
    if editor is not None and _genuine(editor, now) and _still_enabled(con, editor):
        return editor
    importer.log_event(
        con.cursor(), None, action, "denied", plan_id=plan_id, file_name=file_name, detail="no authenticated editor"
    )
    raise PermissionError("an authenticated editor is required")


def require_admin(
    con: duckdb.DuckDBPyConnection, who: Editor | MutableMapping | None, *, action: str = "user_admin"
) -> Editor:
    """The administrator behind `who`; PermissionError (audited) for anyone else."""
    editor = require_editor(con, who, action=action)
    if not is_admin(con, editor):
        importer.log_event(con.cursor(), editor.user_name, action, "not_admin")
        raise PermissionError("an administrator is required")
    return editor


def add_user_as_admin(
    con: duckdb.DuckDBPyConnection, who: Editor | MutableMapping | None, name: str, password: str, *, admin: bool
) -> bool:
    """Creates an editor or resets its password, as the logged-in administrator; True when created."""
    actor = require_admin(con, who, action="user_add")
    return add_user(con, name, password, admin=admin, by=actor.user_name)


def disable_user_as_admin(con: duckdb.DuckDBPyConnection, who: Editor | MutableMapping | None, name: str) -> bool:
    """Disables an editor, as the logged-in administrator; an administrator cannot disable itself."""
    actor = require_admin(con, who, action="user_disable")
    if _clean_name(name).lower() == actor.user_name.lower():
        raise PermissionError("an administrator cannot disable itself")
    return disable_user(con, name, by=actor.user_name)


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


def viewer_hash_command(
    password: str, lang: str = "vi", *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """`python -m plantrack users viewer-hash`: prints the environment line that turns the viewer password on."""
    from plantrack.i18n import t

    try:
        value = viewer_hash(password)
    except BadCredentials as refused:
        print(t(refused.code, lang, **refused.params), file=err or sys.stderr)
        return 1
    out = out or sys.stdout
    print(t("user_viewer_hash", lang), file=out)
    print(f"{VIEWER_ENV}={value}", file=out)
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


class ViewerPasswordRequired(PermissionError):
    """A read for a session that has not given the viewer password."""


def require_viewer(session: MutableMapping | None, environ: MutableMapping | None = None) -> None:
    """Raises ViewerPasswordRequired unless this session may read the data (the check the data
    layer makes, so a page that forgot to ask still shows nothing)."""
    if viewer_needs_password(session, environ):
        raise ViewerPasswordRequired("the viewer password is required")


def verify_viewer(
    con: duckdb.DuckDBPyConnection,
    password: str,
    session: MutableMapping,
    *,
    now: dt.datetime | None = None,
    environ: MutableMapping | None = None,
    address: str | None = None,
) -> Login:
    """Checks the shared viewer password (throttled per session, per client address and for everyone
    together; refusals audited at a bounded rate); on success marks the session."""
    secret = _viewer_secret(environ)
    if secret is None:
        session[VIEWER_KEY] = True
        return Login("ok")
    session_hash = _session_hash(session_id(session))
    owner = "viewer:"
    subjects = {_subject_hash("session", session_hash): MAX_FAILURES, "global:viewer": GLOBAL_FAILURES}
    salt, digest = secret

    def attempt() -> bool:
        return bool(salt) and _matches(password or "", salt, digest)

    result, good = _check(con, "viewer_login", subjects, owner, address, session_hash, None, attempt, now)
    if good:
        _record(con.cursor(), VIEWER_USER, "viewer_login", "ok", session_hash, None, now or clock.now())
        session[VIEWER_KEY] = True
    return result


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
    "require_viewer",
    "ViewerPasswordRequired",
    "viewer_hash",
    "viewer_hash_command",
    "viewer_needs_password",
    "viewer_password_required",
]
