"""Giving back what an upload on Cập nhật dữ liệu holds once its preview is done or abandoned.

Two things hold a 100 MB upload after the page has used it. Streamlit's upload manager keeps the
file's bytes for the whole browser session: it forgets them only when the browser deletes the file
(the chip's ×), not when the uploader gets a new key or the page is left. And the session keeps the
preview, whose frames are several times the file. Both are let go when the preview is confirmed,
replaced by another file, removed from the uploader or left for another page; then
`plantrack.memory.release` asks the allocator to return the freed pages.
"""

from __future__ import annotations

from collections.abc import MutableMapping

from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from plantrack import memory

# The update page's preview of an upload (the signature it was made for, and the Preview).
PREVIEW_KEY = "update_preview"
# Which file of Streamlit's upload manager the preview was made from: (session id, file id).
HELD_KEY = "update_upload_held"


def hold(session: MutableMapping, uploaded: object) -> None:
    """Remembers the uploaded file a preview is made from, so that it can be dropped later."""
    file_id = getattr(uploaded, "file_id", None)
    ctx = get_script_run_ctx()
    if file_id and ctx is not None:
        session[HELD_KEY] = (ctx.session_id, file_id)


def _drop_file(held: tuple[str, str] | None, manager: object | None = None) -> None:
    if held is None:
        return
    if manager is None:
        ctx = get_script_run_ctx()
        manager = ctx.uploaded_file_mgr if ctx is not None else None
    if manager is not None:
        manager.remove_file(*held)


def let_go(session: MutableMapping, *, keep_file: str | None = None, manager: object | None = None) -> bool:
    """Drops the preview and the uploaded bytes it was made from, then returns the memory.

    `keep_file` is the file id the uploader holds now: a preview made again from the same file (a
    mapping saved, another as-of date) must not take the file away from the widget. Returns whether
    anything was held."""
    held = session.get(HELD_KEY)
    dropped = held is not None and held[1] != keep_file
    if dropped:
        del session[HELD_KEY]
        _drop_file(held, manager)
    preview = session.pop(PREVIEW_KEY, None)
    if not dropped and preview is None:
        return False
    del preview
    memory.release()
    return True
