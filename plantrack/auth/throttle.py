"""The throttle every login goes through, the editors' and the viewer password's, and the bounded audit
of refused attempts. Kept apart because both logins share it and its limits are the security contract.

Failures are counted in the table `login_throttle` (created on first use), so the throttle holds
across reruns, reloads, sessions and restarts. Subjects and their limits within FAILURE_WINDOW: a
typed name, whether or not such an editor exists (both lock alike, so a lock tells nothing about
which names exist) and a browser session, MAX_FAILURES; a client address (`st.context.ip_address`,
passed in by the page), ADDRESS_FAILURES; all unknown names together, and the viewer password from
everyone together, GLOBAL_FAILURES. Reaching a limit locks that subject for LOCK_TIME; a locked
attempt is refused even with the right password and does not extend the lock. A success clears its
name, session and address. An address that logged in to a name within KNOWN_ADDRESS_TIME is not held
by that name's lock or the global ones (only by its own address and session), so nobody can keep an
editor out of their account by guessing. The time is read and the count written under one lock, so
twenty simultaneous attempts check at most the limit's number of passwords.

Every success is an `audit_log` row; refusals (`failed`, `locked`) are too, at most
AUDIT_ROWS_PER_SOURCE per session per window and AUDIT_ROWS_PER_MINUTE in all, the rest counted in
the next row written. The password is never written anywhere; `user_name` is the editor's name only
when such an editor exists (a name typed by mistake may be a password), and `sha256` holds the
SHA-256 of the browser session's id, never the id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb

from plantrack import clock

if TYPE_CHECKING:
    from plantrack.auth.sessions import Editor

MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)
LOCK_TIME = dt.timedelta(minutes=5)

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
# Held by each attempt from reading the counts to writing them (check_attempt).
_LOGIN_LOCK = threading.Lock()


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


def subject_hash(kind: str, value: str) -> str:
    return kind + ":" + hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]


def session_hash(session_key: str) -> str:
    return hashlib.sha256(str(session_key).encode("utf-8")).hexdigest()


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


def record_attempt(
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


def check_attempt(
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
        address_subject = subject_hash("address", address) if address else None
        if address_subject:
            subjects = {**subjects, address_subject: ADDRESS_FAILURES}
        state = _throttle_state(cur, [*subjects, *([owner + address_subject] if owner and address_subject else [])])
        checked = dict(subjects)
        if owner and _is_known_address(state, owner, address_subject, now):
            checked = {s: limit for s, limit in subjects.items() if not s.startswith(("name:", "global:"))}
        until, kind = _locked_until(state, list(checked), now)
        if until is not None:
            record_attempt(cur, user, action, "locked", session_hash, "locked", now)
            return Login("locked", locked_until=until, attempts_left=0, locked_by=kind), False
        good = attempt()
        if good:
            _forget(cur, [s for s in subjects if not s.startswith("global:")])
            if owner:
                _remember_address(cur, owner, address_subject, now)
            return Login("ok"), True
        locked, left, kind = _count_failure(cur, state, checked, now)
        record_attempt(cur, user, action, "failed", session_hash, "wrong_password" if user else "unknown_user", now)
        if locked is not None:
            return Login("locked", locked_until=locked, attempts_left=0, locked_by=kind), False
        return Login("failed", attempts_left=left), False
