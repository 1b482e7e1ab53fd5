"""Logins that survive a reload: the signed cookies of plantrack.auth, read and written from pages.

Streamlit reads cookies (`st.context.cookies`, those the browser sent when the page was opened) but
has no call to set one. A page sets or clears its cookies with a few lines of our own JavaScript
(`st.html(..., unsafe_allow_javascript=True)`), only when what the browser holds must change. The
values are signed tokens made of letters, digits, `.`, `_` and `-` (checked before they are written
into the script); never a password or its hash.
"""

from __future__ import annotations

import re

import streamlit as st

from plantrack import auth

SENT_KEY = "plantrack_cookies_sent"
ENDED_KEY = "plantrack_login_ended"
VIEWER_COOKIE_KEY = "plantrack_viewer_cookie"
_SAFE = re.compile(r"[A-Za-z0-9._-]*")


def resume(cur) -> None:
    """Before anything is drawn: the login or viewer pass this browser's cookies carry, and the idle clock."""
    cookies = st.context.cookies
    session = st.session_state
    if SENT_KEY not in session:
        session[SENT_KEY] = {name: cookies.get(name) for name in (auth.EDITOR_COOKIE, auth.VIEWER_COOKIE)}
    had_login = auth.EDITOR_KEY in session
    if auth.resume(cur, session, cookies.get(auth.EDITOR_COOKIE)) is None and had_login:
        auth.logout(session)
        session[ENDED_KEY] = True
    auth.touch(session)
    if not session.get(auth.VIEWER_KEY) and auth.viewer_cookie_valid(cookies.get(auth.VIEWER_COOKIE)):
        session[auth.VIEWER_KEY] = True


def ended() -> bool:
    """Whether this session's login just ended by itself (idle, disabled, reset): once, for a notice."""
    return bool(st.session_state.pop(ENDED_KEY, False))


def sync_cookies() -> None:
    """Makes the browser's cookies match this session: set after a login, cleared after a logout."""
    session = st.session_state
    editor = auth.current_editor(session)
    viewer = None
    if session.get(auth.VIEWER_KEY) and auth.viewer_password_required():
        viewer = session.setdefault(VIEWER_COOKIE_KEY, auth.viewer_cookie(session))
    wanted = {auth.EDITOR_COOKIE: auth.editor_cookie(editor) if editor else None, auth.VIEWER_COOKIE: viewer}
    sent = session.setdefault(SENT_KEY, {})
    lines = []
    for name, value in wanted.items():
        if value == sent.get(name) or not _SAFE.fullmatch(value or ""):
            continue
        age = int(auth.SESSION_TIME.total_seconds()) if value else 0
        lines.append(f"document.cookie = '{name}={value or ''}; path=/; max-age={age}; SameSite=Strict' + secure;")
        sent[name] = value
    if lines:
        # A function scope of its own: every script shares the page's globals, and runs again on later pages.
        script = (
            "(() => {\nconst secure = location.protocol === 'https:' ? '; Secure' : '';\n"
            + "\n".join(lines)
            + "\n})();"
        )
        st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)
