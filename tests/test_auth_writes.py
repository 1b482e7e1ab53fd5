"""An editor's login in the session state, and the write path behind it (DESIGN §7, issue 4): nothing is
written without a genuine, current editor; concurrent confirms cannot interleave; readers never see
half a version; and text from workbooks is stored and exported as the text it is."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from conftest import fingerprint, small_plan
from editor_logins import PASSWORD, committed_plan, editor_token

from plantrack import auth, importer
from plantrack.excel import workbook_bytes

XSS_TITLE = "<script>alert(1)</script>"
LINK_TITLE = "[link](http://x)"


def test_session_state_holds_the_editor_and_logout_ends_it(con):
    auth.add_user(con, "lan", PASSWORD)
    session: dict = {}
    assert not auth.is_editor(session)
    auth.login(session, editor_token(con))
    assert auth.is_editor(session) and auth.current_editor(session).user_name == "lan"
    assert not auth.is_editor(session, now=dt.datetime.now() + auth.SESSION_TIME + dt.timedelta(minutes=1))
    auth.logout(session)
    assert not auth.is_editor(session)
    with pytest.raises(PermissionError):
        auth.login(session, auth.Editor("lan", dt.datetime.now(), "0" * 16, "0" * 64))


def test_the_write_path_refuses_without_an_authenticated_editor(con):
    auth.add_user(con, "lan", PASSWORD)
    committed_plan(con)
    preview = importer.prepare(con, workbook_bytes(small_plan(progress=90)), "p.xlsx")
    genuine = editor_token(con)
    forged = auth.Editor("lan", genuine.issued_at, genuine.stamp, "f" * 64)
    viewer_session = {auth.EDITOR_KEY: forged, auth.VIEWER_KEY: True}
    before = fingerprint(con)
    for who in (None, {}, viewer_session, forged, "lan", auth.Editor("minh", dt.datetime.now(), "", "")):
        with pytest.raises(PermissionError):
            auth.import_as_editor(con, who, preview)
        with pytest.raises(PermissionError):
            auth.rollback_as_editor(con, who, 1, 1)
    after = fingerprint(con)
    denied = after.pop("audit_log")[len(before["audit_log"]) :]
    before.pop("audit_log")
    assert after == before  # nothing but the refusals was written
    assert [(r[3], r[8]) for r in denied] == [("import", "denied"), ("rollback", "denied")] * 6

    session = {}
    auth.login(session, genuine)
    assert auth.import_as_editor(con, session, preview) == 2
    assert importer.versions(con).iloc[-1]["user_name"] == "lan"
    assert auth.rollback_as_editor(con, genuine, 1, 1, expected_base=2) == 3


def test_a_removed_editor_cannot_write_with_an_old_token(con):
    auth.add_user(con, "lan", PASSWORD)
    committed_plan(con)
    token = editor_token(con)
    con.execute("delete from editors where user_name = 'lan'")
    preview = importer.prepare(con, workbook_bytes(small_plan(progress=90)), "p.xlsx")
    with pytest.raises(PermissionError):
        auth.import_as_editor(con, token, preview)


def test_a_confirm_after_another_editor_committed_says_the_data_changed(con):
    auth.add_user(con, "lan", PASSWORD)
    auth.add_user(con, "minh", PASSWORD)
    committed_plan(con)
    lan, minh = editor_token(con, "lan"), editor_token(con, "minh")
    mine = importer.prepare(con, workbook_bytes(small_plan(progress=60)), "lan.xlsx")
    theirs = importer.prepare(con, workbook_bytes(small_plan(progress=70)), "minh.xlsx")
    assert auth.import_as_editor(con, minh, theirs) == 2
    with pytest.raises(importer.DataChanged):
        auth.import_as_editor(con, lan, mine)
    assert importer.state(con, 1)["tasks"].set_index("task_code").loc["NV1", "progress"] == 70
    assert con.execute("select outcome from audit_log where user_name = 'lan' and action = 'import'").fetchall() == [
        ("data_changed",)
    ]
    # Previewing again works.
    again = importer.prepare(con, workbook_bytes(small_plan(progress=60)), "lan.xlsx")
    assert auth.import_as_editor(con, lan, again) == 3


def test_two_editors_confirming_at_the_same_moment_cannot_interleave(con):
    auth.add_user(con, "lan", PASSWORD)
    auth.add_user(con, "minh", PASSWORD)
    committed_plan(con)
    editors = {"lan": editor_token(con, "lan"), "minh": editor_token(con, "minh")}
    previews = {
        name: importer.prepare(
            con,
            workbook_bytes(small_plan(progress=p, media_titles=tuple(f"{name} {i}" for i in range(300)))),
            f"{name}.xlsx",
        )
        for name, p in (("lan", 60), ("minh", 70))
    }
    start = threading.Barrier(2)
    results: dict[str, object] = {}

    def confirm(name: str) -> None:
        cur = con.cursor()
        start.wait()
        try:
            results[name] = auth.import_as_editor(cur, editors[name], previews[name])
        except Exception as error:  # noqa: BLE001 - recorded for the assertion below
            results[name] = error

    threads = [threading.Thread(target=confirm, args=(name,)) for name in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [name for name, r in results.items() if r == 2]
    losers = [name for name, r in results.items() if isinstance(r, importer.DataChanged)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert len(importer.versions(con)) == 2
    state = importer.state(con, 1)
    expected = 60 if winners == ["lan"] else 70
    assert state["tasks"].set_index("task_code").loc["NV1", "progress"] == expected
    titles = set(state["media"]["title"])
    assert all(t.startswith(winners[0]) for t in titles - {"Gia Lai quảng bá du lịch"})


def test_readers_during_a_large_commit_see_the_old_or_the_new_version_never_a_mix(con):
    auth.add_user(con, "lan", PASSWORD)
    committed_plan(con)
    editor = editor_token(con)
    rows = 50_000

    def workbook(prefix: str, progress: float) -> bytes:
        frames = small_plan(progress=progress, media_titles=tuple(f"{prefix} {i}" for i in range(rows)))
        return workbook_bytes(frames, sheets=["tasks", "media"])

    previews = {
        "A": importer.prepare(con, workbook("A", 60), "a.xlsx", plan=1),
        "B": importer.prepare(con, workbook("B", 90), "b.xlsx", plan=1),
    }
    assert auth.import_as_editor(con, editor, previews["A"]) == 2
    # What a reader may see: all of A or all of B, counted in one statement over the current rows...
    allowed_counts = {(60.0, rows, 0, rows), (90.0, 0, rows, rows)}
    # ... or read as a whole version through importer.state.
    allowed_states = {(60.0, "A"), (90.0, "B")}
    done = threading.Event()
    seen_counts: list[tuple] = []
    seen_states: list[tuple] = []
    failures: list[BaseException] = []

    def read(index: int) -> None:
        cur = con.cursor()
        try:
            while not done.is_set():
                if index % 2:
                    seen_counts.append(
                        tuple(
                            cur.execute(
                                """
                        select (select progress from tasks where plan_id = 1 and valid_to is null and task_code = 'NV1'),
                               count(*) filter (where title like 'A %'),
                               count(*) filter (where title like 'B %'),
                               count(*)
                        from media where plan_id = 1 and valid_to is null
                        """
                            ).fetchall()[0]
                        )
                    )
                else:
                    state = importer.state(cur, 1)
                    progress = float(state["tasks"].set_index("task_code").loc["NV1", "progress"])
                    prefixes = {title.split(" ")[0] for title in state["media"]["title"]}
                    assert len(state["media"]) == rows
                    seen_states.append((progress, "".join(sorted(prefixes))))
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)

    readers = [threading.Thread(target=read, args=(i,)) for i in range(8)]
    for reader in readers:
        reader.start()
    try:
        for round_ in range(4):
            name = "B" if round_ % 2 == 0 else "A"
            preview = previews[name]
            # The same workbook again: the preview's base is moved to the newest version, as a fresh
            # preview would have it (commit recomputes every change inside its transaction).
            preview.base_version = importer.latest_version(con, 1)
            assert auth.import_as_editor(con, editor, preview) is not None
    finally:
        done.set()
        for reader in readers:
            reader.join()
    assert not failures, failures
    assert seen_counts and seen_states
    assert set(seen_counts) <= allowed_counts, set(seen_counts) - allowed_counts
    assert set(seen_states) <= allowed_states, set(seen_states) - allowed_states
    assert set(seen_counts) == allowed_counts  # the readers ran while versions changed under them
    print(f"{len(seen_counts)} counts and {len(seen_states)} whole states read during 4 commits of {rows} rows")
    assert len(importer.versions(con)) == 6


def test_script_and_markdown_titles_are_stored_and_exported_literally(con):
    auth.add_user(con, "lan", PASSWORD)
    committed_plan(con)
    preview = importer.prepare(
        con, workbook_bytes(small_plan(media_titles=("Gia Lai quảng bá du lịch", XSS_TITLE, LINK_TITLE))), "xss.xlsx"
    )
    assert not preview.errors
    assert auth.import_as_editor(con, editor_token(con), preview) == 2
    stored = [r[0] for r in con.execute("select title from media where valid_to is null order by title").fetchall()]
    assert XSS_TITLE in stored and LINK_TITLE in stored
    # The exported workbook carries them as text and reads back as the same data.
    again = importer.prepare(con, workbook_bytes(importer.state(con, 1)), "export.xlsx")
    assert again.nothing_changed
