"""The shared viewer password (off by default). Kept apart because it guards reading, not writing, and
is configured by the environment rather than the `editors` table.

Set the environment variable PLANTRACK_VIEWER_PASSWORD_HASH to the value printed by `python -m
plantrack users viewer-hash` (`scrypt:<salt hex>:<hash hex>`: no character a shell would expand);
then every page, the update page too, asks for that shared password once per browser session
(`viewer_needs_password`, `verify_viewer`), and the pages' cached data layer refuses to read for a
session without it (`require_viewer`). A logged-in editor is not asked. A malformed value fails
closed: nothing matches it.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sys
from collections.abc import MutableMapping
from typing import TextIO

import duckdb

from plantrack import clock
from plantrack.auth import credentials, sessions, throttle

VIEWER_ENV = "PLANTRACK_VIEWER_PASSWORD_HASH"
VIEWER_USER = "(viewer)"
# Key in the session state: this session gave the viewer password.
VIEWER_KEY = "plantrack_viewer"


def viewer_hash(password: str) -> str:
    """The value for PLANTRACK_VIEWER_PASSWORD_HASH: `scrypt:<salt hex>:<hash hex>`."""
    credentials.check_password(password)
    salt = secrets.token_bytes(credentials.SALT_BYTES)
    return f"scrypt:{salt.hex()}:{credentials.hash_password(password, salt).hex()}"


def viewer_hash_command(
    password: str, lang: str = "vi", *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """`python -m plantrack users viewer-hash`: prints the environment line that turns the viewer password on."""
    from plantrack.i18n import t

    try:
        value = viewer_hash(password)
    except credentials.BadCredentials as refused:
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
        if len(salt) < 8 or len(digest) != credentials.HASH_BYTES:
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
    if session is not None and (sessions.is_editor(session) or session.get(VIEWER_KEY) is True):
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
) -> throttle.Login:
    """Checks the shared viewer password (throttled per session, per client address and for everyone
    together; refusals audited at a bounded rate); on success marks the session."""
    secret = _viewer_secret(environ)
    if secret is None:
        session[VIEWER_KEY] = True
        return throttle.Login("ok")
    session_hash = throttle.session_hash(sessions.session_id(session))
    owner = "viewer:"
    subjects = {
        throttle.subject_hash("session", session_hash): throttle.MAX_FAILURES,
        "global:viewer": throttle.GLOBAL_FAILURES,
    }
    salt, digest = secret

    def attempt() -> bool:
        return bool(salt) and credentials.matches(password or "", salt, digest)

    result, good = throttle.check_attempt(
        con, "viewer_login", subjects, owner, address, session_hash, None, attempt, now
    )
    if good:
        throttle.record_attempt(con.cursor(), VIEWER_USER, "viewer_login", "ok", session_hash, None, now or clock.now())
        session[VIEWER_KEY] = True
    return result
