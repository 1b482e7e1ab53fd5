"""Cookies that carry a login, or the viewer password's acceptance, across a reload and to /media/
files. Kept apart because they are the only part that trusts what a browser sends back.

A cookie holds a login, never a password or its hash: `sid.issued.name.stamp.signature`, where the
stamp is 16 hex digits of SHA-256 over the stored hash (it changes when the password is reset) and
the signature is an HMAC with this process's key. A cookie is worth what the session it came from is
worth: it expires with the login (SESSION_TIME), dies when the editor idles past idle_time(), logs
out, is disabled or has its password reset, and when the server restarts.
"""

from __future__ import annotations

import base64
import datetime as dt
import hmac
from collections.abc import MutableMapping

import duckdb

from plantrack import clock
from plantrack.auth import sessions, viewer

EDITOR_COOKIE = "plantrack_editor"
VIEWER_COOKIE = "plantrack_viewer"


def editor_cookie(editor: sessions.Editor) -> str:
    name = base64.urlsafe_b64encode(editor.user_name.encode("utf-8")).decode("ascii").rstrip("=")
    issued = str(int(editor.issued_at.replace(tzinfo=dt.UTC).timestamp()))
    return ".".join((editor.sid, issued, name, editor.stamp, editor.signature))


def _editor_from_cookie(value: str) -> sessions.Editor | None:
    parts = str(value or "").split(".")
    if len(parts) != 5 or not all(parts):
        return None
    sid, issued, name, stamp, signature = parts
    try:
        user_name = base64.urlsafe_b64decode(name + "=" * (-len(name) % 4)).decode("utf-8")
        issued_at = dt.datetime.fromtimestamp(int(issued), dt.UTC).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        return None
    return sessions.Editor(user_name, issued_at, stamp, signature, sid)


def resume(
    con: duckdb.DuckDBPyConnection, session: MutableMapping, cookie: str | None, now: dt.datetime | None = None
) -> sessions.Editor | None:
    """At the start of every script run: the session's login, or after a reload the one a valid
    editor cookie carries (put back in this session); None otherwise.

    The login is checked against the database each time, so disabling an editor or resetting its
    password ends its sessions at their next click, not only at their next write.
    """
    editor = sessions.current_editor(session, now)
    if editor is None and cookie:
        editor = _editor_from_cookie(cookie)
        if editor is not None and not sessions.genuine(editor, now):
            editor = None
    if editor is None:
        return None
    if not sessions.still_enabled(con, editor):
        sessions.logout(session)
        return None
    session[sessions.EDITOR_KEY] = editor
    return editor


def viewer_cookie(session: MutableMapping, now: dt.datetime | None = None) -> str:
    """A cookie saying this browser gave the shared viewer password (for reloads and /media/ files)."""
    issued = str(int((now or clock.now()).replace(tzinfo=dt.UTC).timestamp()))
    sid = sessions.session_id(session)
    return ".".join((sid, issued, sessions.sign("viewer", sid, issued)))


def viewer_cookie_valid(value: str | None, now: dt.datetime | None = None) -> bool:
    parts = str(value or "").split(".")
    if len(parts) != 3:
        return False
    sid, issued, signature = parts
    if not hmac.compare_digest(sessions.sign("viewer", sid, issued), signature):
        return False
    try:
        issued_at = dt.datetime.fromtimestamp(int(issued), dt.UTC).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        return False
    now = now or clock.now()
    return issued_at <= now + dt.timedelta(minutes=1) and now - issued_at < sessions.SESSION_TIME


def cookie_lets_in(cookies: MutableMapping, environ: MutableMapping | None = None) -> bool:
    """Whether a request with these cookies may fetch a file under /media/: always when no viewer
    password is set, else with a valid viewer cookie or a live editor login."""
    if not viewer.viewer_password_required(environ):
        return True
    if viewer_cookie_valid(cookies.get(VIEWER_COOKIE)):
        return True
    editor = _editor_from_cookie(cookies.get(EDITOR_COOKIE) or "")
    return editor is not None and sessions.genuine(editor)
