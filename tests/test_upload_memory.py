"""An upload's bytes and its preview's frames are let go once the preview is done or abandoned (issue 16).

The memory itself is measured by bench/upload_memory.py against a real server; these tests guard the
mechanism: after a confirm, a file taken out of the uploader, another file over it or another page,
the session holds no preview and no uploaded file, and the uploader is a fresh widget.
"""

from __future__ import annotations

import gc
import weakref

import pytest
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec
from test_update_page import db, refused_file, valid_file  # noqa: F401  (fixtures)
from update_page import XLSX, button, login, update_page
from update_page import ran_ok as _ok

from pages.common import uploads


def uploader_key(app) -> str:
    return app.file_uploader[0].key


def kept_preview(app) -> weakref.ref:
    """The session's preview, watched without holding it."""
    return weakref.ref(app.session_state[uploads.PREVIEW_KEY][1])


def gone(preview: weakref.ref) -> bool:
    """Nothing holds the preview any more: not the session, not a widget's callback, not the run's globals."""
    gc.collect()
    return preview() is None


@pytest.mark.usefixtures("db")
def test_a_confirmed_preview_leaves_no_frames_no_uploaded_file_and_a_fresh_uploader():
    app = login(update_page())
    first_key = uploader_key(app)
    app.file_uploader[0].set_value(("cap-nhat.xlsx", valid_file(), XLSX))
    _ok(app.run())
    assert uploads.PREVIEW_KEY in app.session_state and uploads.HELD_KEY in app.session_state
    preview = kept_preview(app)
    _ok(button(app, "Xác nhận cập nhật").click().run())
    assert gone(preview)
    assert uploads.PREVIEW_KEY not in app.session_state
    assert uploads.HELD_KEY not in app.session_state
    assert uploader_key(app) != first_key
    assert app.file_uploader[0].value is None


@pytest.mark.usefixtures("db")
def test_a_file_taken_out_of_the_uploader_takes_its_preview_with_it():
    app = login(update_page())
    app.file_uploader[0].set_value(("cap-nhat.xlsx", valid_file(), XLSX))
    _ok(app.run())
    preview = kept_preview(app)
    app.file_uploader[0].set_value(None)
    _ok(app.run())
    assert gone(preview)
    assert uploads.PREVIEW_KEY not in app.session_state
    assert uploads.HELD_KEY not in app.session_state


@pytest.mark.usefixtures("db")
def test_another_file_over_the_first_replaces_the_held_file():
    app = login(update_page())
    app.file_uploader[0].set_value(("loi.xlsx", refused_file(), XLSX))
    _ok(app.run())
    first = app.session_state[uploads.HELD_KEY]
    app.file_uploader[0].set_value(("cap-nhat.xlsx", valid_file(), XLSX))
    _ok(app.run())
    assert app.session_state[uploads.HELD_KEY] != first
    assert app.session_state[uploads.PREVIEW_KEY][1].file_name == "cap-nhat.xlsx"


@pytest.mark.usefixtures("db")
def test_leaving_the_page_lets_go_of_the_preview_and_the_uploaded_file():
    app = login(update_page())
    app.file_uploader[0].set_value(("cap-nhat.xlsx", valid_file(), XLSX))
    _ok(app.run())
    preview = kept_preview(app)
    _ok(app.switch_page("dashboard.py").run())
    assert gone(preview)
    assert uploads.PREVIEW_KEY not in app.session_state
    assert uploads.HELD_KEY not in app.session_state


def manager_with(*file_ids: str) -> MemoryUploadedFileManager:
    manager = MemoryUploadedFileManager("/upload")
    for file_id in file_ids:
        manager.add_file("s1", UploadedFileRec(file_id=file_id, name=f"{file_id}.xlsx", type=XLSX, data=b"x" * 1000))
    return manager


def test_letting_go_removes_the_bytes_from_streamlits_upload_manager():
    manager = manager_with("f1", "f2")
    session = {uploads.HELD_KEY: ("s1", "f1"), uploads.PREVIEW_KEY: ("signature", object())}
    assert uploads.let_go(session, manager=manager)
    assert [rec.file_id for rec in manager.get_files("s1", ["f1", "f2"])] == ["f2"]
    assert session == {}
    assert not uploads.let_go(session, manager=manager)


def test_a_preview_made_again_from_the_same_file_keeps_the_file_in_the_uploader():
    manager = manager_with("f1")
    session = {uploads.HELD_KEY: ("s1", "f1"), uploads.PREVIEW_KEY: ("signature", object())}
    assert uploads.let_go(session, keep_file="f1", manager=manager)
    assert [rec.file_id for rec in manager.get_files("s1", ["f1"])] == ["f1"]
    assert session == {uploads.HELD_KEY: ("s1", "f1")}
