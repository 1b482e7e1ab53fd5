"""Editors, their login, the optional viewer password, and the write path that needs an editor (DESIGN §7).

One module per part, each saying why it stands alone:
- `credentials`: the scrypt hash of a password and the rules for names and passwords;
- `accounts`: the `editors` table (create, reset, disable, list, administrators) and `users add`;
- `sessions`: checking an editor's password and the signed, expiring `Editor` token it gives;
- `cookies`: that token, and the viewer password's acceptance, carried across reloads;
- `throttle`: the limits every login goes through and the bounded audit of refusals;
- `writes`: the only functions the app writes data and accounts with, behind a login;
- `viewer`: the shared viewer password, off by default.

Callers use the package as one module (`auth.verify`, `auth.import_as_editor`, …); the names below
are the ones the pages, the command line and the tests use. Nothing here imports Streamlit: a
session state is any mutable mapping.
"""

from plantrack.auth.accounts import (
    add_user,
    add_user_command,
    disable_user,
    is_admin,
    read_new_password,
    user_exists,
    users,
)
from plantrack.auth.cookies import (
    EDITOR_COOKIE,
    VIEWER_COOKIE,
    cookie_lets_in,
    editor_cookie,
    resume,
    viewer_cookie,
    viewer_cookie_valid,
)
from plantrack.auth.credentials import MIN_PASSWORD_LENGTH, BadCredentials, check_name
from plantrack.auth.sessions import (
    EDITOR_KEY,
    IDLE_ENV,
    SESSION_TIME,
    Editor,
    current_editor,
    idle_time,
    is_editor,
    login,
    logout,
    session_id,
    touch,
    verify,
)
from plantrack.auth.throttle import (
    ADDRESS_FAILURES,
    AUDIT_ROWS_PER_MINUTE,
    AUDIT_ROWS_PER_SOURCE,
    GLOBAL_FAILURES,
    LOCK_TIME,
    MAX_FAILURES,
    Login,
)
from plantrack.auth.viewer import (
    VIEWER_ENV,
    VIEWER_KEY,
    ViewerPasswordRequired,
    require_viewer,
    verify_viewer,
    viewer_hash,
    viewer_hash_command,
    viewer_needs_password,
    viewer_password_required,
)
from plantrack.auth.writes import (
    add_user_as_admin,
    disable_user_as_admin,
    import_as_editor,
    require_admin,
    require_editor,
    rollback_as_editor,
    save_mapping_as_editor,
)

__all__ = [
    "ADDRESS_FAILURES",
    "AUDIT_ROWS_PER_MINUTE",
    "AUDIT_ROWS_PER_SOURCE",
    "EDITOR_COOKIE",
    "EDITOR_KEY",
    "GLOBAL_FAILURES",
    "IDLE_ENV",
    "LOCK_TIME",
    "MAX_FAILURES",
    "MIN_PASSWORD_LENGTH",
    "SESSION_TIME",
    "VIEWER_COOKIE",
    "VIEWER_ENV",
    "VIEWER_KEY",
    "BadCredentials",
    "Editor",
    "Login",
    "ViewerPasswordRequired",
    "add_user",
    "add_user_as_admin",
    "add_user_command",
    "check_name",
    "cookie_lets_in",
    "current_editor",
    "disable_user",
    "disable_user_as_admin",
    "editor_cookie",
    "idle_time",
    "import_as_editor",
    "is_admin",
    "is_editor",
    "login",
    "logout",
    "read_new_password",
    "require_admin",
    "require_editor",
    "require_viewer",
    "resume",
    "rollback_as_editor",
    "save_mapping_as_editor",
    "session_id",
    "touch",
    "user_exists",
    "users",
    "verify",
    "verify_viewer",
    "viewer_cookie",
    "viewer_cookie_valid",
    "viewer_hash",
    "viewer_hash_command",
    "viewer_needs_password",
    "viewer_password_required",
]
