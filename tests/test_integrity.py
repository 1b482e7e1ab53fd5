"""Imports staff cannot break (issue 9): the resulting state stays whole, empty sheets are not given,
removals are named, the as-of defaults to the file's data, and history reads true after rollbacks.

The golden workbooks of these rules are in tests/golden (made by make_golden_integrity.py); these tests
cover what a golden file cannot: exact messages, the command line, rollbacks and the version history.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest
from conftest import fingerprint, small_plan

from plantrack import history, importer, queries
from plantrack.cli import main
from plantrack.contract import CLOSED_LISTS
from plantrack.excel import workbook_bytes
from plantrack.references import compact_codes

AS_OF = dt.date(2019, 3, 31)
ROOT = Path(__file__).resolve().parent.parent


def _commit(con, frames, as_of=AS_OF, **options) -> int | None:
    preview = importer.prepare(con, workbook_bytes(frames), "f.xlsx", as_of=as_of, **options)
    assert not preview.errors, [p.line("en") for p in preview.errors]
    return importer.commit(con, preview, "tester")


def partial_tasks() -> bytes:
    """Only a Nhiệm vụ sheet, without NV1 (which the budget line NS01 and the mention point at)."""
    frames = small_plan()
    return workbook_bytes({"tasks": frames["tasks"][frames["tasks"]["task_code"] == "NV2"]}, sheets=["tasks"])


def partial_with_dependents() -> bytes:
    """The same Nhiệm vụ sheet, with the budget line and the mention no longer tied to NV1."""
    frames = small_plan()
    frames["tasks"] = frames["tasks"][frames["tasks"]["task_code"] == "NV2"]
    frames["budget_lines"]["task_code"] = None
    frames["media"]["task_code"] = None
    return workbook_bytes(frames, sheets=["tasks", "budget_lines", "media"])


def test_a_removal_leaving_references_dangling_is_refused_with_counts_and_writes_nothing(con):
    _commit(con, small_plan())
    before = fingerprint(con)
    preview = importer.prepare(con, partial_tasks(), "nv.xlsx", as_of=AS_OF)
    [problem] = preview.errors
    assert (problem.code, problem.sheet, problem.row, problem.column) == ("dangling_tasks", "Nhiệm vụ", None, "Mã NV")
    assert problem.message("vi") == (
        "Xóa NV1 sẽ làm 1 dòng kinh phí và 1 tin bài không còn nhiệm vụ. Hãy giữ các nhiệm vụ đó trong trang "
        "«Nhiệm vụ», hoặc gửi kèm «Ngân sách» và «Báo chí» đã sửa cho khớp. Báo chí và Giải ngân là nhật ký: "
        "dòng cũ không có trong tệp được giữ, nên cần chọn «thay toàn bộ» khi gửi kèm các trang này."
    )
    assert problem.message("en").startswith("Removing NV1 would leave 1 budget line and 1 mention without their task.")
    with pytest.raises(ValueError):
        importer.commit(con, preview, "tester")
    assert fingerprint(con) == before


def test_the_same_workbook_with_its_dependent_sheets_goes_through(con):
    _commit(con, small_plan())
    preview = importer.prepare(con, partial_with_dependents(), "nv.xlsx", as_of=AS_OF)
    assert not preview.errors, [p.line("en") for p in preview.errors]
    assert preview.changes["tasks"].removed == 1 and preview.changes["tasks"].removed_keys == ["nv1"]
    assert importer.commit(con, preview, "tester") == 2
    assert list(importer.state(con, 1)["tasks"]["task_code"]) == ["NV2"]


def test_logged_rows_the_file_does_not_repeat_still_count_as_references(con):
    frames = small_plan()
    _commit(con, frames)
    # The mention is re-sent under a new link: the old one stays in the log, still citing NV1.
    frames["tasks"] = frames["tasks"][frames["tasks"]["task_code"] == "NV2"]
    frames["budget_lines"]["task_code"] = None
    frames["media"] = frames["media"].assign(task_code=None, url="https://baogialai.com.vn/moi")
    data = workbook_bytes(frames, sheets=["tasks", "budget_lines", "media"])
    [problem] = importer.prepare(con, data, "nv.xlsx", as_of=AS_OF).errors
    assert problem.message("en").startswith("Removing NV1 would leave 1 mention without their task.")
    replaced = importer.prepare(con, data, "nv.xlsx", as_of=AS_OF, replace_logs=True)
    assert not replaced.errors


def test_removing_a_unit_counts_every_row_that_names_it_once(con):
    _commit(con, small_plan())
    frames = small_plan()
    frames["units"] = frames["units"][frames["units"]["unit_code"] != "VP"]
    [problem] = importer.prepare(con, workbook_bytes(frames, sheets=["units"]), "u.xlsx", as_of=AS_OF).errors
    # NV1 has VP as support, NV2 as lead: two tasks, not three mentions of VP; NS01 is managed by VP.
    assert problem.params["codes"] == "VP"
    assert dict(problem.dependents) == {"tasks": 2, "budget_lines": 1}
    assert problem.message("vi").startswith("Xóa đơn vị VP sẽ làm 2 nhiệm vụ và 1 dòng kinh phí không còn đơn vị.")


def test_codes_are_shown_as_ranges_and_cut_after_a_dozen():
    assert compact_codes(["NV3", "NV1", "NV2", "NV5", "X"]) == "NV1–NV3, NV5, X"
    assert compact_codes([f"M{i}" for i in range(1, 40, 2)]).endswith(", … (+8)")


def test_clear_empties_a_sheet_on_purpose_and_is_previewed_as_a_removal(con):
    _commit(con, small_plan())
    only_units = workbook_bytes(small_plan(), sheets=["units"])
    assert importer.prepare(con, only_units, "u.xlsx", as_of=AS_OF).nothing_changed
    preview = importer.prepare(con, only_units, "u.xlsx", as_of=AS_OF, clear={"media"})
    assert preview.changes["media"].removed == 1 and preview.validated.cleared == {"media"}
    refused = importer.prepare(con, only_units, "u.xlsx", as_of=AS_OF, clear={"tasks"})
    assert [p.code for p in refused.errors] == ["dangling_tasks"]


def test_the_command_line_clears_sheets_named_in_either_language(con, tmp_path, capsys, monkeypatch):
    _commit(con, small_plan())
    con.close()
    db = tmp_path / "test.duckdb"
    path = tmp_path / "units.xlsx"
    path.write_bytes(workbook_bytes(small_plan(), sheets=["units"]))
    assert main(["--db", str(db), "import", str(path), "--user", "a", "--clear", "Kế hoạch"]) == 1
    assert "Không có trang «Kế hoạch» để xóa hết." in capsys.readouterr().err
    assert main(["--db", str(db), "import", str(path), "--user", "a", "--clear", "nhiem vu"]) == 1
    assert (
        "Nhiệm vụ · Mã NV: Xóa NV1 sẽ làm 1 dòng kinh phí và 1 tin bài không còn nhiệm vụ." in capsys.readouterr().out
    )
    empty = tmp_path / "empty-media.xlsx"
    empty.write_bytes(workbook_bytes({}, sheets=["media"]))
    assert main(["--db", str(db), "validate", str(empty), "--as-of", "31/03/2019"]) == 0
    assert "Báo chí: trang trống (chỉ có tiêu đề), không thay đổi gì." in capsys.readouterr().out
    assert (
        main(["--db", str(db), "import", str(empty), "--user", "a", "--clear", "Media", "--as-of", "31/03/2019"]) == 0
    )
    out = capsys.readouterr().out
    assert "Cảnh báo: cập nhật này sẽ xóa 1 tin bài." in out and "Đã ghi phiên bản 2" in out


def test_the_as_of_defaults_to_the_newest_update_in_the_file_and_never_past_the_plan_year(con):
    frames = small_plan()
    preview = importer.prepare(con, workbook_bytes(frames), "f.xlsx")
    assert (preview.as_of, preview.as_of_source) == (dt.date(2019, 3, 29), "file")
    frames["tasks"]["updated_on"] = None
    preview = importer.prepare(con, workbook_bytes(frames), "f.xlsx")
    assert (preview.as_of, preview.as_of_source) == (dt.date(2019, 12, 31), "year_end")
    assert "warn_as_of_outside_year" not in {p.code for p in preview.warnings}
    later = importer.prepare(con, workbook_bytes(frames), "f.xlsx", as_of=dt.date(2026, 12, 1))
    [warning] = [p for p in later.warnings if p.code == "warn_as_of_outside_year"]
    assert warning.message("vi").startswith("Ngày số liệu 01/12/2026 nằm ngoài năm 2019 của kế hoạch")


def _versions_after_two_rollbacks(con) -> None:
    """v1 Q1 (progress 10), v2 Q2 (40), v3 Q3 (70); v4 rolls back to v1; v5 Q2 again (30); v6 rolls back to v5's
    predecessor v4 — so v2, v3 and v5 were undone."""
    for progress, as_of in ((10, dt.date(2019, 3, 31)), (40, dt.date(2019, 6, 30)), (70, dt.date(2019, 9, 30))):
        _commit(con, small_plan(progress=progress), as_of=as_of)
    assert importer.rollback(con, 1, 1, "tester") == 4
    _commit(con, small_plan(progress=30), as_of=dt.date(2019, 6, 30))
    assert importer.rollback(con, 1, 4, "tester") == 6


def test_after_rollbacks_the_as_of_list_is_in_date_order_and_hides_undone_versions(con):
    _versions_after_two_rollbacks(con)
    versions = queries.run(con.cursor(), "plan_versions", plan_id=1)
    assert dict(zip(versions["version_id"], versions["is_undone"])) == {
        6: False,
        5: True,
        4: False,
        3: True,
        2: True,
        1: False,
    }
    shown = history.as_of_choices(versions)
    assert list(shown["version_id"]) == [6]  # v6 and v4 and v1 all hold the Q1 data; the newest stands for them
    every = history.as_of_choices(versions, show_undone=True)
    assert [(d.date().isoformat(), v) for d, v in zip(every["as_of"], every["version_id"])] == [
        ("2019-09-30", 3),
        ("2019-06-30", 5),
        ("2019-03-31", 6),
    ]
    assert every.loc[history.latest_choice(every), "version_id"] == 6


def test_progress_over_time_skips_versions_a_rollback_undid(con):
    _versions_after_two_rollbacks(con)
    cur = con.cursor()
    summary = queries.run(cur, "progress_history_summary", plan_id=1, version_id=6, units=[])
    assert [d.date() for d in summary["as_of"]] == [dt.date(2019, 3, 31)]
    # Seen as of v3, before any rollback, the history is the three quarters.
    before = queries.run(cur, "progress_history_summary", plan_id=1, version_id=3, units=[])
    assert list(before["avg_progress"]) == pytest.approx([(10 + 100) / 2, (40 + 100) / 2, (70 + 100) / 2])
    task = queries.run(cur, "task_history", plan_id=1, version_id=6, task_code="NV1")
    assert list(task["version_id"]) == [6, 4, 1]


def test_the_rollback_preview_counts_what_the_rollback_writes(con):
    _commit(con, small_plan(progress=10))
    frames = small_plan(progress=60, media_titles=("Tin mới", "Tin thứ hai"))
    frames["tasks"] = frames["tasks"][frames["tasks"]["task_code"] == "NV1"]
    _commit(con, frames, as_of=dt.date(2019, 6, 30))
    changes = importer.rollback_changes(con, 1, 1)
    counted = {name: (c.added, c.changed, c.removed) for name, c in changes.items() if c.touched}
    assert counted == {"tasks": (1, 1, 0), "media": (0, 1, 1)}
    version = importer.rollback(con, 1, 1, "tester")
    written = json.loads(importer.versions(con).set_index("version_id").loc[version, "counts"])
    assert {name: (c["added"], c["changed"], c["removed"]) for name, c in written.items() if name in counted} == counted


def test_every_synonym_is_on_the_templates_instructions_and_the_readme_names_the_usual_ones():
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes()))
    instructions = " ".join(str(c.value) for row in book["Hướng dẫn"].iter_rows() for c in row if c.value)
    for closed in CLOSED_LISTS.values():
        for choice in closed.choices:
            for alias in choice.aliases:
                assert f"{alias}" in instructions, (closed.name, alias)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in (
        "Trung tính, Trung bình = Trung lập",
        "Facebook, YouTube, TikTok, Zalo = Mạng xã hội",
        "Quốc tế = Nước ngoài",
        "Chưa thực hiện = Chưa triển khai",
        'Empty means "not given"',
    ):
        assert line in readme, line
