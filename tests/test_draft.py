"""The plan reader: plan documents in the shapes real plans take, to a draft workbook (plantrack/draft.py)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from plan_documents import (
    FONT,
    MARKDOWN_TEXT,
    PROSE_TEXT,
    appendix_table_plan,
    department_plan,
    docx_bytes,
    inline_roles_plan,
    pdf_bytes,
    scanned_pdf_bytes,
    subgroup_table_plan,
    table_pdf_bytes,
    word_numbered_plan,
)

from plantrack import importer
from plantrack.agencies import unit_key
from plantrack.cli import main
from plantrack.document import UnreadableDocument
from plantrack.draft import read_plan

D = dt.date
PLANS = Path(__file__).resolve().parents[2] / "shared" / "plans"
needs_plans = pytest.mark.skipif(not PLANS.is_dir(), reason="../shared/plans is not beside the clone")
needs_font = pytest.mark.skipif(not FONT.exists(), reason="no DejaVu font to write a test PDF")


def tasks_of(draft) -> pd.DataFrame:
    return draft.frames["tasks"].set_index("task_code")


def unit_names(draft) -> dict[str, str]:
    return dict(zip(draft.frames["units"]["unit_code"], draft.frames["units"]["unit_name"]))


def test_a_department_plan_gives_tasks_at_every_depth_with_their_labelled_lines():
    draft = read_plan(department_plan(), "ke-hoach.docx")
    tasks = tasks_of(draft)
    names = unit_names(draft)
    assert list(tasks.index) == ["1.1.a", "1.1.b", "1.2", "2.1", "2.2"]
    assert {code: names.get(lead) for code, lead in tasks["lead_unit"].items()} == {
        "1.1.a": "Văn phòng Sở",
        "1.1.b": "Phòng Quản lý công nghệ",
        "1.2": "Phòng Quản lý khoa học",
        "2.1": None,
        # Not written beside the task: read from the division's "Chủ trì …" duty, and marked.
        "2.2": "Phòng Quản lý công nghệ",
    }
    # A supporting unit whose name wrapped onto the next line is read whole.
    assert [names[c] for c in tasks.loc["1.1.b", "support_units"]] == [
        "Văn phòng Sở",
        "Trung tâm Thông tin và Thống kê khoa học công nghệ",
    ]
    assert tasks.loc["1.2", ["timing_text", "start_on", "due_on"]].tolist() == [
        "Từ tháng 3/2024 đến quý IV/2024",
        D(2024, 3, 1),
        D(2024, 12, 31),
    ]
    assert tasks.loc["1.2", "note"] == "Sản phẩm: Cơ sở dữ liệu được đưa vào vận hành."
    assert tasks.loc["2.1", "due_on"] == D(2024, 8, 31)
    marks = draft.marks
    assert marks[("tasks", 3, "lead_unit")][0] == "mark_no_lead"
    assert marks[("tasks", 4, "lead_unit")][0] == "mark_lead_from_duties"
    assert marks[("tasks", 4, "timing_text")][0] == "mark_no_timing"


def test_the_header_block_gives_title_number_date_issuer_year_and_legal_bases():
    plan = read_plan(department_plan(), "ke-hoach.docx").plan
    assert plan == {
        "title": "Kế hoạch Triển khai chuyển đổi số của sở năm 2024",
        "doc_number": "12/KH-SKHCN",
        "year": 2024,
        "issuer": "Sở Khoa học và Công nghệ",
        "issued_on": D(2024, 2, 5),
        "legal_bases": "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ\n"
        "Căn cứ Kế hoạch số 30/KH-UBND ngày 10/01/2024 của UBND tỉnh",
    }


def test_purpose_requirements_and_targets_sections_hold_no_tasks():
    draft = read_plan(department_plan(), "ke-hoach.docx")
    contents = " ".join(draft.frames["tasks"]["content"])
    assert "Nâng cao nhận thức" not in contents and "100% hồ sơ" not in contents


def test_counted_targets_become_indicators_of_their_task():
    indicators = read_plan(department_plan(), "ke-hoach.docx").frames["indicators"]
    assert indicators[["task_code", "measure_unit", "target"]].values.tolist() == [
        ["1.1.b", "bộ", 2.0],
        ["2.1", "lớp bồi dưỡng", 3.0],
        ["2.1", "học viên", 120.0],
    ]


def test_funding_sources_become_budget_lines_with_the_amount_only_where_written():
    draft = read_plan(department_plan(), "ke-hoach.docx")
    budget = draft.frames["budget_lines"]
    assert budget[["line_code", "source", "planned"]].values.tolist() == [
        ["NS01", "state", 350_000_000],
        ["NS02", "social", None],
    ]
    assert ("budget_lines", 1, "planned") in draft.marks and ("budget_lines", 0, "planned") not in draft.marks


def test_divisions_of_a_department_are_internal_units_and_outside_bodies_are_not():
    draft = read_plan(appendix_table_plan(), "phu-luc.docx")
    kinds = dict(zip(draft.frames["units"]["unit_name"], draft.frames["units"]["unit_kind"]))
    assert set(kinds.values()) == {"external"}  # a province's plan: every unit is another body
    kinds = dict(zip(*read_plan(department_plan(), "x.docx").frames["units"][["unit_name", "unit_kind"]].T.values))
    assert kinds["Văn phòng Sở"] == "internal" and kinds["Phòng Quản lý công nghệ"] == "internal"


def test_an_appendix_table_gives_one_task_per_row_and_keeps_group_rows_as_groups():
    draft = read_plan(appendix_table_plan(), "phu-luc.docx")
    tasks = tasks_of(draft)
    names = unit_names(draft)
    assert list(tasks.index) == ["A.1", "A.2", "A.3", "B.1"]
    # A title in capitals over two paragraphs, and a number written with a space before the slash.
    assert (draft.plan["title"], draft.plan["doc_number"]) == (
        "Kế hoạch Phát triển du lịch cộng đồng năm 2025",
        "88/KH-UBND",
    )
    assert [d.group for d in draft.tasks] == ["A. QUẢNG BÁ DU LỊCH"] * 3 + ["B. HẠ TẦNG"]
    # A lead cell merged down two rows leads both; "Sở VHTTDL" is the unit the plan names in full.
    assert [names[c] for c in tasks["lead_unit"]] == [
        "Sở Văn hóa, Thể thao và Du lịch",
        "Trung tâm Xúc tiến Du lịch",
        "Trung tâm Xúc tiến Du lịch",
        "Sở Xây dựng",
    ]
    assert tasks["due_on"].tolist() == [D(2025, 9, 30), D(2025, 6, 30), D(2025, 6, 30), None]
    assert draft.marks[("tasks", 3, "timing_text")][0] == "mark_timing_undated"
    assert tasks.loc["A.1", "note"] == "Sản phẩm: 05 video"


@pytest.mark.parametrize("file_name", ["ke-hoach.txt", "ke-hoach.pdf"])
def test_a_text_or_pdf_plan_with_wrapped_lines_and_dated_steps_reads_the_same(file_name):
    if file_name.endswith(".pdf") and not FONT.exists():
        pytest.skip("no DejaVu font to write a test PDF")
    data = pdf_bytes(PROSE_TEXT) if file_name.endswith(".pdf") else PROSE_TEXT.encode()
    draft = read_plan(data, file_name)
    tasks = tasks_of(draft)
    assert draft.plan["issuer"] == "Ủy ban nhân dân huyện Đức Cơ"
    assert draft.plan["issued_on"] == D(2024, 1, 2)
    assert list(tasks.index) == ["1", "2", "3"]
    # "Quý I và" + "quý II/2024": a value wrapped onto the next line is one phrase.
    assert tasks.loc["1", ["timing_text", "start_on", "due_on"]].tolist() == [
        "Quý I và quý II/2024",
        D(2024, 1, 1),
        D(2024, 6, 30),
    ]
    assert [unit_names(draft)[c] for c in tasks.loc["1", "support_units"]] == [
        "Đồn Biên phòng Ia Nan",
        "UBND xã Ia Dom",
    ]
    milestones = draft.frames["milestones"]
    assert milestones[["milestone_code", "task_code", "due_on", "quarter"]].values.tolist() == [
        ["M01", "2", D(2024, 4, 15), 2],
        ["M02", "2", D(2024, 6, 30), 2],
    ]
    assert tasks.loc["2", "due_on"] == D(2024, 6, 30) and tasks.loc["2", "start_on"] is None
    assert tasks.loc["3", "due_on"] is None and draft.marks[("tasks", 2, "timing_text")][0] == "mark_timing_undated"


def test_a_markdown_plan_with_a_pipe_table():
    draft = read_plan(MARKDOWN_TEXT.encode(), "ke-hoach.md")
    tasks = tasks_of(draft)
    assert draft.plan["title"] == "Kế hoạch Số hóa tài liệu lưu trữ năm 2025"
    assert tasks["due_on"].tolist() == [D(2025, 11, 30), D(2025, 12, 31)]
    assert draft.frames["indicators"][["measure_unit", "target"]].values.tolist() == [["hồ sơ", 5000.0]]


def test_roles_and_timing_written_inside_the_sentence_or_on_one_line_are_read():
    draft = read_plan(inline_roles_plan(), "cai-cach.docx")
    tasks = tasks_of(draft)
    names = unit_names(draft)
    assert list(tasks.index) == ["1", "2"]  # "I. Mục tiêu, nhiệm vụ" in sentence case still holds the tasks
    assert [names[c] for c in tasks["lead_unit"]] == ["Sở Nội vụ", "Sở Nội vụ"]
    assert [names[c] for c in tasks.loc["1", "support_units"]] == ["Sở Tư pháp"]
    assert tasks["timing_text"].tolist() == ["Quý II/2026", "Quý III/2026"]
    assert tasks["due_on"].tolist() == [D(2026, 6, 30), D(2026, 9, 30)]


def test_a_table_with_numbered_groups_merged_across_keeps_them_as_groups():
    draft = read_plan(subgroup_table_plan(), "bang.docx")
    assert list(tasks_of(draft).index) == ["1.1", "1.2", "2.1"]
    assert [task.group for task in draft.tasks] == ["1. Nhóm nhiệm vụ về thể chế"] * 2 + ["2. Nhóm nhiệm vụ về số hóa"]
    assert tasks_of(draft)["due_on"].tolist() == [D(2026, 3, 31), D(2026, 12, 31), D(2026, 6, 30)]


def test_items_numbered_by_words_list_numbering_are_read_with_their_numbers():
    tasks = tasks_of(read_plan(word_numbered_plan(), "danh-so-tu-dong.docx"))
    assert list(tasks.index) == ["1", "2"]
    assert tasks["timing_text"].tolist() == ["Hằng quý", "Quý III/2025"]
    assert tasks["due_on"].tolist() == [None, D(2025, 9, 30)] and tasks["is_ongoing"].tolist() == [True, False]


@needs_font
def test_a_pdf_with_a_ruled_task_table_reads_its_rows_whose_cells_wrap():
    draft = read_plan(table_pdf_bytes(), "thu-vien.pdf")
    tasks = tasks_of(draft)
    names = unit_names(draft)
    assert tasks["content"].tolist() == ["Số hóa 2.000 cuốn sách quý", "Xây dựng phần mềm mượn sách"]
    assert [names[c] for c in tasks.loc["1", "support_units"]] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert [names[c] for c in tasks["lead_unit"]] == ["Thư viện tỉnh", "Sở Khoa học và Công nghệ"]
    assert tasks["due_on"].tolist() == [D(2025, 12, 31), D(2025, 9, 30)]


@needs_font
def test_a_scanned_pdf_is_refused_with_a_sentence_saying_what_to_use():
    with pytest.raises(UnreadableDocument) as refused:
        read_plan(scanned_pdf_bytes(), "scan.pdf")
    assert refused.value.code == "doc_scanned"


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [(b"", "a.docx", "doc_empty"), (b"not a zip", "a.docx", "doc_corrupt"), (b"x", "a.odt", "doc_format")],
)
def test_files_that_are_not_plan_documents_are_refused(data, name, code):
    with pytest.raises(UnreadableDocument) as refused:
        read_plan(data, name)
    assert refused.value.code == code


def _norm(text: str) -> str:
    return " ".join(str(text).replace("*", "").split()).rstrip(" .;").casefold()


def _code(entry: dict) -> str:
    if entry.get("group"):
        return f"{entry['group'].split('.')[0]}.{entry['number']}"
    return f"{entry['number']}.{entry['bullet']}" if entry.get("bullet") else entry["number"]


KEYS = sorted(PLANS.glob("*.expected.json")) if PLANS.is_dir() else []
# The .docx of each plan, and the text copied from the web where there is one (another shape of the same plan).
DOCUMENTS = [
    (key, key.with_name(key.name.replace(".expected.json", suffix)))
    for key in KEYS
    for suffix in (".docx", ".txt")
    if key.with_name(key.name.replace(".expected.json", suffix)).exists()
]


@needs_plans
@pytest.mark.parametrize(("key_path", "document"), DOCUMENTS, ids=[d.name for _, d in DOCUMENTS])
def test_every_task_of_a_shared_plans_answer_key_is_found_with_its_timing_and_lead(key_path, document):
    key = json.loads(key_path.read_text(encoding="utf-8"))
    draft = read_plan(document.read_bytes(), document.name)
    tasks = tasks_of(draft)
    names = unit_names(draft)
    assert len(tasks) == len(key["tasks"])
    for entry in key["tasks"]:
        code = _code(entry)
        assert code in tasks.index, code
        row = tasks.loc[code]
        assert _norm(row["content"]).startswith(_norm(entry["title_starts"])), code
        timings = entry["timing"] if isinstance(entry["timing"], list) else [entry["timing"]]
        for timing in timings:
            assert _norm(timing) in _norm(row["timing_text"]), code
        if entry.get("lead"):
            assert unit_key(entry["lead"]).startswith(unit_key(names[row["lead_unit"]])), code


SEED = PLANS / "000_seed_gialai_2019.docx"


@needs_plans
def test_the_seed_plan_drafts_exactly_as_its_answer_key_says():
    draft = read_plan(SEED.read_bytes(), SEED.name)
    tasks = draft.frames["tasks"]
    expected = pd.DataFrame(
        [
            ("1", "Thường xuyên trong năm 2019", True, D(2019, 1, 1), D(2019, 12, 31), "P.TTBCXB"),
            ("2", "Thường xuyên trong năm 2019", True, D(2019, 1, 1), D(2019, 12, 31), "P.TTBCXB"),
            ("3", "Thường xuyên trong năm 2019", True, D(2019, 1, 1), D(2019, 12, 31), "P.TTBCXB"),
            ("4", "Hoàn thành ngày 31/03/2019", False, None, D(2019, 3, 31), "P.TTBCXB"),
            ("5", "dự kiến tháng 7 năm 2019", False, None, D(2019, 7, 31), "P.TTBCXB"),
            (
                "6",
                "Triển khai từ quý I/2019, hoàn thành trong quý III/2019",
                False,
                D(2019, 1, 1),
                D(2019, 9, 30),
                "P.TTBCXB",
            ),
            ("7", "Thực hiện thường xuyên trong năm 2019", True, D(2019, 1, 1), D(2019, 12, 31), "P.TTBCXB"),
            ("8", "Thực hiện thường xuyên trong năm 2019", True, D(2019, 1, 1), D(2019, 12, 31), "P.TTBCXB"),
        ],
        columns=["task_code", "timing_text", "is_ongoing", "start_on", "due_on", "lead_unit"],
    )
    pd.testing.assert_frame_equal(tasks[expected.columns].astype(object), expected.astype(object))
    pd.testing.assert_frame_equal(
        draft.frames["indicators"][["task_code", "measure_unit", "target"]].astype(object),
        pd.DataFrame(
            [("5", "lớp", 1.0), ("5", "học viên", 80.0), ("6", "cụm pa nô", 2.0)],
            columns=["task_code", "measure_unit", "target"],
        ).astype(object),
    )
    assert draft.frames["units"][["unit_code", "unit_name", "unit_kind"]].values.tolist() == [
        ["P.TTBCXB", "Phòng Thông tin - Báo chí - Xuất bản", "internal"],
        ["P.KHTC", "Phòng Kế hoạch - Tài chính", "internal"],
        ["VP", "Văn phòng Sở", "internal"],
        # Partners named by "Phối hợp với …" in tasks 2, 3 and 7, marked for checking.
        ["SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "external"],
        ["CCQCLQ", "các cơ quan có liên quan", "external"],
        ["CCQDVDP", "các cơ quan, đơn vị, địa phương", "external"],
        ["BCHBDBPT", "Bộ chỉ huy Bộ đội biên phòng tỉnh", "external"],
        ["SNV", "Sở Ngoại vụ", "external"],
        ["CDPCLQ", "các địa phương có liên quan", "external"],
    ]
    assert [i for (sheet, i, name) in draft.marks if name == "support_units"] == [1, 2, 6]
    assert draft.frames["budget_lines"]["source"].tolist() == ["state", "integrated", "social"]
    assert draft.plan["title"] == "Kế hoạch Triển khai công tác thông tin đối ngoại năm 2019"
    assert (draft.plan["year"], draft.plan["issuer"]) == (2019, "Sở Thông tin và Truyền thông")
    assert draft.plan["legal_bases"].splitlines()[0].startswith("Triển khai thực hiện Kế hoạch số 495/KH-UBND")
    # Tasks 5 and 6 are led by the division whose duties say it "Chủ trì" that work.
    assert "lớp tập huấn" in draft.marks[("tasks", 4, "lead_unit")][1]["duty"]
    assert "Pa nô" in draft.marks[("tasks", 5, "lead_unit")][1]["duty"]


@needs_plans
def test_the_seeds_draft_once_its_marked_cells_are_filled_imports_as_a_new_plan(con):
    draft = read_plan(SEED.read_bytes(), SEED.name)
    book = openpyxl.load_workbook(io.BytesIO(draft.workbook()))
    filled = {"Số hiệu": "45/KH-STTTT", "Ngày ban hành": dt.datetime(2019, 3, 15), "Dự toán (đồng)": 10_000_000}
    marked = 0
    for sheet in book.worksheets:
        headers = {cell.column: str(cell.value or "").rstrip(" *") for cell in sheet[1]}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.comment is None:
                    continue
                marked += 1
                header = (
                    str(sheet.cell(cell.row, 1).value or "").rstrip(" *")
                    if sheet.title == "Kế hoạch"
                    else headers[cell.column]
                )
                if header in filled:
                    cell.value = filled[header]
    assert marked == draft.cells_to_check()
    buffer = io.BytesIO()
    book.save(buffer)
    preview = importer.prepare(con, buffer.getvalue(), "ke-hoach-2019.xlsx")
    assert not preview.errors, [p.line() for p in preview.errors]
    assert preview.plan_id is None  # a new plan
    importer.commit(con, preview, "chuyenvien")
    assert con.execute("select count(*) from tasks").fetchone()[0] == 8


def test_the_draft_command_writes_the_workbook_and_prints_what_it_found(tmp_path, capsys):
    source = tmp_path / "ke-hoach.docx"
    source.write_bytes(department_plan())
    out = tmp_path / "nhap.xlsx"
    assert main(["draft", str(source), str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Tìm thấy 5 nhiệm vụ: 4 có thời gian thực hiện, 1 chưa có đơn vị chủ trì" in printed
    assert "Nhiệm vụ · dòng 5 · Đơn vị chủ trì: Văn bản không ghi đơn vị chủ trì" in printed
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:6] == ["Kế hoạch", "Đơn vị", "Nhiệm vụ", "Chỉ tiêu", "Mốc tiến độ", "Ngân sách"]
    lead = book["Nhiệm vụ"]["C5"]
    assert lead.value is None and lead.fill.fgColor.rgb.endswith("FFEB9C") and "đơn vị chủ trì" in lead.comment.text


@needs_font
def test_the_draft_command_exits_2_for_a_scan_and_says_to_use_the_docx(tmp_path, capsys):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scanned_pdf_bytes())
    assert main(["draft", str(scan), str(tmp_path / "out.xlsx")]) == 2
    assert re.search(r"\.docx.*OCR", capsys.readouterr().err)
    assert not (tmp_path / "out.xlsx").exists()


def test_a_focal_point_label_and_a_result_label_are_read():
    text = (
        "KẾ HOẠCH\nPhòng chống thiên tai năm 2025\n\nI. NHIỆM VỤ\n\n"
        "a) Diễn tập ứng phó bão lũ\nĐơn vị làm đầu mối: Bộ Chỉ huy Quân sự tỉnh\n"
        "Kết quả: 01 cuộc diễn tập cấp tỉnh\nThời hạn hoàn thành: trước ngày 20.7.2025\n"
    )
    draft = read_plan(text.encode(), "thien-tai.txt")
    tasks = tasks_of(draft)
    assert list(tasks.index) == ["a"]
    assert unit_names(draft)[tasks.loc["a", "lead_unit"]] == "Bộ Chỉ huy Quân sự tỉnh"
    assert tasks.loc["a", ["note", "due_on"]].tolist() == ["Sản phẩm: 01 cuộc diễn tập cấp tỉnh", D(2025, 7, 20)]


def test_a_task_table_whose_header_runs_over_two_rows():
    rows = [
        ["TT", "Nhiệm vụ", "Đơn vị thực hiện", "Đơn vị thực hiện", "Thời gian hoàn thành"],
        ["", "", "Chủ trì", "Phối hợp", ""],
        ["1", "Xây dựng kho dữ liệu dùng chung", "Sở Khoa học và Công nghệ", "Sở Tài chính", "Tháng 10/2025"],
    ]
    data = docx_bytes([("bold", "KẾ HOẠCH"), "Chuyển đổi số năm 2025", ("table", rows, [((0, 2), (0, 3))])])
    draft = read_plan(data, "bang-hai-dong.docx")
    tasks = tasks_of(draft)
    names = unit_names(draft)
    assert list(tasks.index) == ["1"]
    assert names[tasks.loc["1", "lead_unit"]] == "Sở Khoa học và Công nghệ"
    assert [names[c] for c in tasks.loc["1", "support_units"]] == ["Sở Tài chính"]
    assert tasks.loc["1", "due_on"] == D(2025, 10, 31)


def test_sections_lettered_a_b_are_sections_too():
    text = (
        "KẾ HOẠCH\nPhổ biến pháp luật năm 2025\n\nA. MỤC ĐÍCH, YÊU CẦU\n\n1. Nâng cao ý thức pháp luật.\n\n"
        "B. NỘI DUNG\n\n1. Tổ chức 02 hội nghị phổ biến luật mới\n- Cơ quan chủ trì: Sở Tư pháp\n- Thời gian: Quý II/2025\n"
    )
    tasks = tasks_of(read_plan(text.encode(), "pbgdpl.txt"))
    assert list(tasks.index) == ["1"] and tasks.loc["1", "content"].startswith("Tổ chức 02 hội nghị")


SEED_TEXT = PLANS.parent / "seed" / "000_69350c5e6f1936e5.txt"


@pytest.mark.skipif(not SEED_TEXT.exists() or not SEED.exists(), reason="../shared/seed is not beside the clone")
def test_the_seeds_text_copied_from_its_pdf_drafts_the_same_tasks_as_its_docx():
    columns = ["task_code", "timing_text", "is_ongoing", "start_on", "due_on", "lead_unit"]
    from_text = read_plan(SEED_TEXT.read_bytes(), SEED_TEXT.name).frames["tasks"][columns]
    from_docx = read_plan(SEED.read_bytes(), SEED.name).frames["tasks"][columns]
    pd.testing.assert_frame_equal(from_text, from_docx)


def test_a_schedule_table_in_a_prose_plan_is_not_taken_for_the_task_table():
    schedule = [["STT", "Nội dung", "Thời gian", "Địa điểm"], ["1", "Khai mạc", "8h00", "Hội trường"]]
    data = docx_bytes(
        [
            ("bold", "KẾ HOẠCH"),
            "Tổ chức hội nghị năm 2025",
            ("bold", "I. NỘI DUNG"),
            "1. Tổ chức hội nghị tổng kết",
            "Đơn vị chủ trì: Văn phòng Sở",
            "Thời gian thực hiện: Tháng 12/2025",
            ("table", schedule, []),
        ]
    )
    assert list(tasks_of(read_plan(data, "hoi-nghi.docx")).index) == ["1"]


def test_a_division_that_leads_tasks_named_by_number_leads_those_tasks():
    text = (
        "KẾ HOẠCH\nThông tin đối ngoại năm 2020\n\nI. NỘI DUNG\n\n"
        "1. Biên tập sổ tay thông tin đối ngoại\nThời gian thực hiện: Quý II/2020\n\n"
        "2. Tổ chức họp báo định kỳ\nThời gian thực hiện: Hằng quý\n\n"
        "3. Cập nhật trang thông tin đối ngoại\nThời gian thực hiện: Thường xuyên\n\n"
        "II. TỔ CHỨC THỰC HIỆN\n\n1. Văn phòng Sở:\n- Chủ trì thực hiện nhiệm vụ 2 và 3.\n\n"
        "2. Phòng Thông tin - Báo chí - Xuất bản:\n- Chủ trì thực hiện tất cả các nội dung còn lại.\n"
    )
    draft = read_plan(text.encode(), "ttdn-2020.txt")
    names = unit_names(draft)
    leads = {code: names[lead] for code, lead in tasks_of(draft)["lead_unit"].items()}
    assert leads == {"1": "Phòng Thông tin - Báo chí - Xuất bản", "2": "Văn phòng Sở", "3": "Văn phòng Sở"}


def test_a_tasks_own_lines_led_by_a_date_become_its_milestones():
    text = (
        "KẾ HOẠCH\nXây dựng pa nô năm 2019\n\nI. NHIỆM VỤ\n\n1. Xây dựng 02 cụm pa nô tuyên truyền\n"
        "- Quý I/2019: khảo sát vị trí\n- Trước ngày 30/6: lựa chọn nhà thầu\n- Tháng 9/2019: nghiệm thu\n"
        "Thời gian thực hiện: Triển khai từ quý I/2019, hoàn thành trong quý III/2019\n"
    )
    milestones = read_plan(text.encode(), "pano.txt").frames["milestones"]
    assert milestones[["task_code", "content", "due_on", "quarter"]].values.tolist() == [
        ["1", "khảo sát vị trí", D(2019, 3, 31), 1],
        ["1", "lựa chọn nhà thầu", D(2019, 6, 30), 2],
        ["1", "nghiệm thu", D(2019, 9, 30), 3],
    ]


def test_a_label_alone_on_its_line_takes_the_next_paragraph_as_its_value():
    data = docx_bytes(
        [
            ("bold", "KẾ HOẠCH"),
            "Phổ biến pháp luật năm 2025",
            ("bold", "I. NHIỆM VỤ"),
            ("bold", "1. Tổ chức cuộc thi tìm hiểu pháp luật trực tuyến"),
            "Đơn vị chủ trì thực hiện:",
            "Sở Tư pháp.",
            "Thời gian thực hiện:",
            "Quý III/2025.",
        ]
    )
    draft = read_plan(data, "cuoc-thi.docx")
    tasks = tasks_of(draft)
    assert unit_names(draft)[tasks.loc["1", "lead_unit"]] == "Sở Tư pháp"
    assert tasks.loc["1", ["timing_text", "due_on"]].tolist() == ["Quý III/2025", D(2025, 9, 30)]
