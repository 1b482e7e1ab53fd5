"""The command line of DESIGN §8: its exit codes, messages and the template."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from conftest import small_plan

from plantrack.cli import main
from plantrack.contract import SHEETS
from plantrack.db import connect
from plantrack.excel import workbook_bytes


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "cli.duckdb"
    monkeypatch.setenv("PLANTRACK_DB", str(path))
    return path


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(workbook_bytes(small_plan()))
    return path


def test_validate_exits_0_for_an_importable_file_and_writes_nothing(db, plan_file, capsys):
    assert main(["validate", str(plan_file)]) == 0
    out = capsys.readouterr().out
    assert "Nhiệm vụ | 2 | 0 | 0 | 0" in out
    with connect(db) as con:
        assert con.execute("select count(*) from versions").fetchall() == [(0,)]


def test_validate_exits_1_and_names_sheet_row_and_column(db, tmp_path, capsys):
    frames = small_plan()
    frames["tasks"].loc[0, "lead_unit"] = "Phòng X"
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook_bytes(frames))
    assert main(["validate", str(bad)]) == 1
    assert "Nhiệm vụ · dòng 2 · Đơn vị chủ trì: Đơn vị «Phòng X» không có" in capsys.readouterr().out
    assert main(["--lang", "en", "validate", str(bad)]) == 1
    assert "Nhiệm vụ · row 2 · Đơn vị chủ trì: Unit «Phòng X» is not in the list" in capsys.readouterr().out


def test_unreadable_file_exits_2_and_leaves_no_version(db, tmp_path, capsys):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("Mã NV,Nội dung\nNV1,x\n", encoding="utf-8")
    assert main(["import", str(fake), "--user", "a"]) == 2
    assert "không phải là sổ tính Excel .xlsx" in capsys.readouterr().out
    with connect(db) as con:
        assert con.execute("select count(*) from versions").fetchall() == [(0,)]


def test_import_then_again_reports_nothing_changed(db, plan_file, capsys):
    assert main(["import", str(plan_file), "--as-of", "31/03/2019", "--user", "chuyenvien"]) == 0
    assert "Đã ghi phiên bản 1 (số liệu đến ngày 31/03/2019)" in capsys.readouterr().out
    assert main(["import", str(plan_file), "--user", "chuyenvien"]) == 0
    assert "Không có gì thay đổi" in capsys.readouterr().out


def test_export_then_import_reports_nothing_changed(db, plan_file, tmp_path, capsys):
    main(["import", str(plan_file), "--user", "a"])
    exported = tmp_path / "export.xlsx"
    assert main(["export", str(exported), "--version", "1"]) == 0
    capsys.readouterr()
    assert main(["import", str(exported), "--user", "a"]) == 0
    assert "Không có gì thay đổi" in capsys.readouterr().out


def test_versions_lists_a_rollback_as_a_new_version_and_an_unknown_version_is_refused(db, plan_file, tmp_path, capsys):
    main(["import", str(plan_file), "--as-of", "31/03/2019", "--user", "a"])
    later = tmp_path / "later.xlsx"
    later.write_bytes(workbook_bytes(small_plan(progress=80)))
    main(["import", str(later), "--as-of", "30/06/2019", "--user", "b"])
    assert main(["rollback", "1", "--user", "lanhdao"]) == 0
    assert "Đã khôi phục về phiên bản 1: tạo phiên bản mới 3" in capsys.readouterr().out
    assert main(["versions"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith("3 | 1 |") and "lanhdao" in lines[-1] and "31/03/2019 | Khôi phục" in lines[-1]
    # A rollback has no file: the list names the version it restored, never pandas' "nan".
    assert "| lanhdao | (khôi phục về phiên bản 1) | 31/03/2019 |" in lines[-1]
    assert "| b | later.xlsx | 30/06/2019 |" in lines[-2]
    assert main(["--lang", "en", "versions"]) == 0
    english = capsys.readouterr().out
    assert "| lanhdao | (rollback to version 1) | 31/03/2019 | Rollback" in english and "nan" not in english
    assert main(["rollback", "9", "--user", "x"]) == 1


def test_template_has_every_sheet_dropdowns_frozen_headers_and_instructions(db, tmp_path):
    path = tmp_path / "template.xlsx"
    assert main(["template", str(path)]) == 0
    assert not db.exists()
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [s.vi for s in SHEETS] + ["Hướng dẫn"]
    tasks = book["Nhiệm vụ"]
    assert tasks.freeze_panes == "A2"
    assert [c.value for c in tasks[1]][:3] == ["Mã NV *", "Nội dung nhiệm vụ *", "Đơn vị chủ trì *"]
    lists = {dv.formula1 for dv in tasks.data_validations.dataValidation if dv.type == "list"}
    assert '"Chưa triển khai,Đang thực hiện,Hoàn thành,Tạm dừng"' in lists
    assert '"Có,Không"' in lists
    assert tasks.column_dimensions["B"].width >= 40
    media_lists = {dv.formula1 for dv in book["Báo chí"].data_validations.dataValidation if dv.type == "list"}
    assert '"Tích cực,Trung lập,Tiêu cực"' in media_lists
    assert "Cột có dấu * là bắt buộc" in " ".join(str(c.value) for row in book["Hướng dẫn"].iter_rows() for c in row)


def test_the_empty_template_gives_no_sheet_so_an_empty_database_asks_for_a_plan(db, tmp_path, capsys):
    path = tmp_path / "template.xlsx"
    main(["template", str(path)])
    capsys.readouterr()
    # Every sheet of the template is empty, so "not given": the one problem is that there is no plan.
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Tệp: Cơ sở dữ liệu chưa có kế hoạch nào")
    assert lines[1] == "Tệp có 1 lỗi, chưa ghi gì vào cơ sở dữ liệu."


def test_an_xlsx_with_text_starting_with_equals_round_trips_as_text(db, tmp_path, capsys):
    frames = small_plan(media_titles=("=1+1", "@SUM(A1)"))
    path = tmp_path / "eq.xlsx"
    path.write_bytes(workbook_bytes(frames))
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert main(["import", str(path), "--user", "a"]) == 0
    with connect(db) as con:
        titles = sorted(r[0] for r in con.execute("select title from media").fetchall())
    assert titles == ["=1+1", "@SUM(A1)"]
