"""Import, versions, history and rollback, and their atomicity (DESIGN §4)."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import fingerprint, small_plan

from plantrack import importer
from plantrack.db import connect
from plantrack.excel import workbook_bytes

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2019, 3, 31)


def _import(con, frames, name="plan.xlsx", **options):
    preview = importer.prepare(con, workbook_bytes(frames), name, as_of=options.pop("as_of", AS_OF), **options)
    assert not preview.errors, [p.line("en") for p in preview.errors]
    return preview, importer.commit(con, preview, "tester")


def test_first_import_creates_plan_and_version_with_counts(con):
    preview, version = _import(con, small_plan())
    assert version == 1
    assert preview.changes["tasks"].added == 2
    row = importer.versions(con).iloc[0]
    assert row["user_name"] == "tester"
    assert row["file_name"] == "plan.xlsx"
    assert len(row["sha256"]) == 64
    assert row["as_of"].date() == AS_OF if hasattr(row["as_of"], "date") else row["as_of"] == AS_OF
    assert '"tasks": {"added": 2' in row["counts"]


def test_same_file_twice_changes_nothing_and_adds_no_version(con):
    _import(con, small_plan())
    again = importer.prepare(con, workbook_bytes(small_plan()), "plan.xlsx", as_of=dt.date(2019, 4, 2))
    assert again.nothing_changed
    assert importer.commit(con, again, "tester") is None
    assert len(importer.versions(con)) == 1


def test_export_of_current_version_imports_as_nothing_changed(con):
    _import(con, small_plan())
    _import(con, small_plan(progress=70))
    exported = workbook_bytes(importer.state(con, 1))
    preview = importer.prepare(con, exported, "export.xlsx")
    assert preview.nothing_changed, {k: (c.added, c.changed, c.removed) for k, c in preview.changes.items()}


def test_preview_shows_changed_cells_old_to_new_and_writes_nothing(con):
    _import(con, small_plan())
    before = fingerprint(con)
    preview = importer.prepare(con, workbook_bytes(small_plan(progress=75)), "q2.xlsx")
    tasks = preview.changes["tasks"]
    assert (tasks.added, tasks.changed, tasks.removed, tasks.unchanged) == (0, 1, 0, 1)
    assert [(c.key, c.field, c.old, c.new) for c in tasks.cells] == [("nv1", "progress", 50.0, 75.0)]
    assert fingerprint(con) == before


def test_earlier_versions_stay_queryable(con):
    _import(con, small_plan())
    _import(con, small_plan(progress=80))
    assert importer.state(con, 1, 1)["tasks"].set_index("task_code").loc["NV1", "progress"] == 50
    assert importer.state(con, 1, 2)["tasks"].set_index("task_code").loc["NV1", "progress"] == 80


def test_statement_sheet_removes_rows_missing_from_the_file(con):
    _import(con, small_plan())
    frames = small_plan()
    frames["tasks"] = frames["tasks"].iloc[:1]
    frames["budget_lines"]["task_code"] = "NV1"
    preview, _ = _import(con, frames)
    assert preview.changes["tasks"].removed == 1
    assert preview.changes["tasks"].removed_keys == ["nv2"]
    assert list(importer.state(con, 1)["tasks"]["task_code"]) == ["NV1"]


def test_log_sheet_adds_and_updates_by_key_and_keeps_the_rest(con):
    _import(con, small_plan(media_titles=("Tin A", "Tin B")))
    frames = small_plan(media_titles=("Tin A sửa",))
    preview, _ = _import(con, frames)
    media = preview.changes["media"]
    assert (media.added, media.changed, media.removed, media.kept) == (0, 1, 0, 1)
    assert sorted(importer.state(con, 1)["media"]["title"]) == ["Tin A sửa", "Tin B"]


def test_replace_all_empties_a_log_of_rows_missing_from_the_file(con):
    _import(con, small_plan(media_titles=("Tin A", "Tin B")))
    preview, _ = _import(con, small_plan(media_titles=("Tin A",)), replace_logs=True)
    assert preview.changes["media"].removed == 1
    assert list(importer.state(con, 1)["media"]["title"]) == ["Tin A"]


def test_workbook_without_plan_sheet_updates_the_chosen_plan(con):
    _import(con, small_plan())
    only_tasks = workbook_bytes({"tasks": small_plan(progress=90)["tasks"]}, sheets=["tasks"])
    preview = importer.prepare(con, only_tasks, "tasks.xlsx", plan="01/KH-TEST")
    version = importer.commit(con, preview, "tester")
    assert preview.plan_id == 1 and version == 2
    assert set(importer.state(con, 1)["units"]["unit_code"]) == {"P.TTBCXB", "VP"}


def test_rollback_creates_a_new_version_equal_to_the_old_one(con):
    _import(con, small_plan())
    _import(con, small_plan(progress=80, media_titles=("Tin A", "Tin B")))
    version = importer.rollback(con, 1, 1, "lead")
    assert version == 3
    for name, frame in importer.state(con, 1, 1).items():
        pd.testing.assert_frame_equal(frame, importer.state(con, 1, 3)[name], check_dtype=False)
    row = importer.versions(con).iloc[-1]
    assert (row["kind"], row["rollback_of"], row["user_name"]) == ("rollback", 1, "lead")
    assert importer.rollback(con, 1, 3, "lead") is None


def test_confirm_after_someone_else_committed_is_refused(con):
    _import(con, small_plan())
    mine = importer.prepare(con, workbook_bytes(small_plan(progress=60)), "mine.xlsx")
    _import(con, small_plan(progress=70))
    with pytest.raises(importer.DataChanged):
        importer.commit(con, mine, "me")
    assert importer.state(con, 1)["tasks"].set_index("task_code").loc["NV1", "progress"] == 70


def test_a_failure_midway_rolls_the_whole_import_back(con, monkeypatch):
    _import(con, small_plan())
    before = fingerprint(con)
    preview = importer.prepare(con, workbook_bytes(small_plan(progress=90, media_titles=("X", "Y"))), "q.xlsx")
    monkeypatch.setenv("PLANTRACK_FAULT", "raise:before_commit")
    with pytest.raises(RuntimeError, match="injected"):
        importer.commit(con, preview, "me")
    assert fingerprint(con) == before


def test_a_process_killed_during_commit_leaves_the_previous_version(tmp_path):
    db = tmp_path / "killed.duckdb"
    first, second = tmp_path / "v1.xlsx", tmp_path / "v2.xlsx"
    first.write_bytes(workbook_bytes(small_plan()))
    second.write_bytes(workbook_bytes(small_plan(progress=95, media_titles=tuple(f"Tin {i}" for i in range(200)))))
    env = {**os.environ, "PLANTRACK_DB": str(db), "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, "-m", "plantrack", "import", str(first), "--as-of", "31/03/2019"], env=env, check=True
    )
    with connect(db) as con:
        before = fingerprint(con)
    hanging = subprocess.Popen(
        [sys.executable, "-m", "plantrack", "import", str(second)],
        env={**env, "PLANTRACK_FAULT": "hang:before_commit"},
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    line = b""
    while b"HANGING" not in line and time.monotonic() < deadline:
        line = hanging.stderr.readline()
    assert b"HANGING" in line
    hanging.send_signal(signal.SIGKILL)
    hanging.wait()
    with connect(db) as con:
        assert fingerprint(con) == before
        assert len(importer.versions(con)) == 1


def test_ten_versions_with_small_changes_store_little_more_than_one_state(con):
    frames = small_plan(media_titles=tuple(f"Tin {i}" for i in range(500)))
    _import(con, frames)
    for week in range(1, 10):
        frames["media"].loc[week, "title"] = f"Tin {week} (cập nhật {week})"
        _import(con, frames)
    stored = con.execute("select count(*) from media").fetchall()[0][0]
    assert len(importer.versions(con)) == 10
    assert stored <= 2 * 500
    assert stored == 500 + 9


def test_the_commit_writes_what_the_preview_counted(con):
    """The commit takes its counts from the preview (no version came between them); they match the rows."""
    _import(con, small_plan(media_titles=("Tin 1", "Tin 2", "Tin 3")))
    frames = small_plan(progress=80, media_titles=("Tin 1", "Tin 2 (sửa)", "", "Tin 4"))
    frames["tasks"] = frames["tasks"].iloc[:1]  # the statement sheet drops NV2
    frames["media"] = frames["media"].drop(index=2)  # the log keeps the mention it does not name
    preview, version = _import(con, frames)
    tasks, media = preview.changes["tasks"], preview.changes["media"]
    assert (tasks.added, tasks.changed, tasks.removed, tasks.unchanged) == (0, 1, 1, 0)
    assert (media.added, media.changed, media.removed, media.kept) == (1, 1, 0, 1)
    counts = json.loads(importer.versions(con).set_index("version_id").loc[version, "counts"])
    for name, change in preview.changes.items():
        assert {k: counts[name][k] for k in ("added", "changed", "removed", "unchanged")} == {
            "added": change.added,
            "changed": change.changed,
            "removed": change.removed,
            "unchanged": change.unchanged,
        }, name
    closed = dict(
        con.execute(
            "select table_name, n from (select 'tasks' as table_name, count(*) filter (where valid_to = $v) as n from tasks"
            " union all select 'media', count(*) filter (where valid_to = $v) from media)",
            {"v": version},
        ).fetchall()
    )
    opened = dict(
        con.execute(
            "select table_name, n from (select 'tasks' as table_name, count(*) filter (where valid_from = $v) as n from tasks"
            " union all select 'media', count(*) filter (where valid_from = $v) from media)",
            {"v": version},
        ).fetchall()
    )
    assert closed == {"tasks": tasks.changed + tasks.removed, "media": media.changed}
    assert opened == {"tasks": tasks.changed + tasks.added, "media": media.changed + media.added}
    assert [r[0] for r in con.execute("select title from media where valid_to is null order by title").fetchall()] == [
        "Tin 1",
        "Tin 2 (sửa)",
        "Tin 3",
        "Tin 4",
    ]
