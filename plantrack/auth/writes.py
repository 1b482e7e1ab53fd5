"""The write path: the only functions the app changes data or accounts with, each behind an editor's
(or an administrator's) login. Kept apart so there is one place to check that a viewer cannot write.

`import_as_editor` and `rollback_as_editor` raise PermissionError unless given a valid editor (or a
session state holding one), so a viewer cannot write even by forcing a widget. They serialise writers
in this process, so two editors confirming at once cannot interleave: the second gets
`importer.DataChanged`. `add_user_as_admin` and `disable_user_as_admin` do the same for accounts,
for administrators only.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import MutableMapping

import duckdb

from plantrack import importer, mapping
from plantrack.auth import accounts, credentials, sessions

_WRITE_LOCK = threading.RLock()


def require_editor(
    con: duckdb.DuckDBPyConnection,
    who: sessions.Editor | MutableMapping | None,
    *,
    action: str = "write",
    plan_id: int | None = None,
    file_name: str | None = None,
    now: dt.datetime | None = None,
) -> sessions.Editor:
    """The editor behind `who` (a token or a session state), checked against the database.

    Raises PermissionError, and audits the refusal, for anything else: no login, a forged or
    expired token, an editor removed or whose password was reset since logging in.
    """
    editor = (
        who if isinstance(who, sessions.Editor) else sessions.current_editor(who if hasattr(who, "get") else None, now)
    )
    if editor is not None and sessions.genuine(editor, now) and sessions.still_enabled(con, editor):
        return editor
    importer.log_event(
        con.cursor(), None, action, "denied", plan_id=plan_id, file_name=file_name, detail="no authenticated editor"
    )
    raise PermissionError("an authenticated editor is required")


def require_admin(
    con: duckdb.DuckDBPyConnection, who: sessions.Editor | MutableMapping | None, *, action: str = "user_admin"
) -> sessions.Editor:
    """The administrator behind `who`; PermissionError (audited) for anyone else."""
    editor = require_editor(con, who, action=action)
    if not accounts.is_admin(con, editor):
        importer.log_event(con.cursor(), editor.user_name, action, "not_admin")
        raise PermissionError("an administrator is required")
    return editor


def add_user_as_admin(
    con: duckdb.DuckDBPyConnection,
    who: sessions.Editor | MutableMapping | None,
    name: str,
    password: str,
    *,
    admin: bool,
) -> bool:
    """Creates an editor or resets its password, as the logged-in administrator; True when created."""
    actor = require_admin(con, who, action="user_add")
    return accounts.add_user(con, name, password, admin=admin, by=actor.user_name)


def disable_user_as_admin(
    con: duckdb.DuckDBPyConnection, who: sessions.Editor | MutableMapping | None, name: str
) -> bool:
    """Disables an editor, as the logged-in administrator; an administrator cannot disable itself."""
    actor = require_admin(con, who, action="user_disable")
    if credentials.clean_name(name).lower() == actor.user_name.lower():
        raise PermissionError("an administrator cannot disable itself")
    return accounts.disable_user(con, name, by=actor.user_name)


def _conflict_as_data_changed(con, error: Exception, plan_id: int | None, base: int | None) -> Exception:
    """A write conflict with another writer is reported as DataChanged when the plan moved on."""
    current = importer.latest_version(con.cursor(), plan_id)
    if current != base:
        return importer.DataChanged(current, base)
    return error


def import_as_editor(
    con: duckdb.DuckDBPyConnection,
    who: sessions.Editor | MutableMapping | None,
    preview: importer.Preview,
    *,
    now: dt.datetime | None = None,
) -> int | None:
    """Commits a preview as the logged-in editor; returns the new version, or None if nothing changed.

    Raises PermissionError without an authenticated editor and importer.DataChanged when the plan
    gained a version since the preview (the caller previews again).
    """
    editor = require_editor(con, who, action="import", plan_id=preview.plan_id, file_name=preview.file_name, now=now)

    def audit(outcome: str, detail: str | None = None) -> None:
        importer.log_event(
            con.cursor(),
            editor.user_name,
            "import",
            outcome,
            plan_id=preview.plan_id,
            file_name=preview.file_name,
            sha256=preview.sha256,
            detail=detail,
        )

    with _WRITE_LOCK:
        try:
            version = importer.commit(con, preview, editor.user_name)
        except importer.DataChanged as changed:
            audit("data_changed", f"current {changed.current}, preview {changed.base}")
            raise
        except (duckdb.TransactionException, duckdb.ConstraintException) as error:
            raise _conflict_as_data_changed(con, error, preview.plan_id, preview.base_version) from error
    if version is None:
        audit("nothing_changed")
    return version


def save_mapping_as_editor(
    con: duckdb.DuckDBPyConnection,
    who: sessions.Editor | MutableMapping | None,
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
    who: sessions.Editor | MutableMapping | None,
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
