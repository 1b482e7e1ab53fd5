"""Exports of what is on screen: re-read cell by cell, with formulas neutralised in both formats."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from plantrack import exports

FORMULAS = ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "\tTab", "\rReturn"]


def _shown_frame() -> pd.DataFrame:
    """A table as a page holds it: dates, money and counts already written as text, one formula-like title."""
    return pd.DataFrame(
        {
            "task_code": ["NV1", "NV2", "NV10"],
            "title": ['=HYPERLINK("http://x","bấm")', "Gia Lai quảng bá du lịch", "Tiến độ chậm"],
            "due_on": pd.to_datetime(["2019-03-31", None, "2019-12-31"]),
            "planned_text": ["60.000.000 ₫", "—", "1.234.567.890 ₫"],
            "target_text": ["80", "1.234", "—"],
            "progress": [75.0, 66.6667, 100.0],
            "days": [3, 0, 12],
            "share_text": ["66,7%", "100%", "—"],
        }
    )


HEADERS = {
    "task_code": "Mã NV",
    "title": "Tiêu đề",
    "due_on": "Hạn",
    "planned_text": "Dự toán",
    "target_text": "Kế hoạch",
    "progress": "Tiến độ",
    "days": "Số ngày",
    "share_text": "Tỷ lệ",
}


def test_the_kinds_of_shown_columns_are_recognised() -> None:
    columns = exports.infer_kinds(_shown_frame(), HEADERS, {"progress": "%.0f%%"}, "vi")
    assert [(c.name, c.header, c.kind, c.digits) for c in columns] == [
        ("task_code", "Mã NV", "text", 0),
        ("title", "Tiêu đề", "text", 0),
        ("due_on", "Hạn", "date", 0),
        ("planned_text", "Dự toán", "money", 0),
        ("target_text", "Kế hoạch", "int", 0),
        ("progress", "Tiến độ", "percent", 0),
        ("days", "Số ngày", "int", 0),
        ("share_text", "Tỷ lệ", "percent", 1),
    ]


@pytest.mark.parametrize(
    ("values", "lang", "kind"),
    [
        (["1,234,567 ₫", "0 ₫"], "en", "money"),
        (["1.234.567 ₫"], "en", "text"),  # Vietnamese separators in an English table are not English money
        (["01", "02"], "vi", "text"),  # codes with a leading zero stay text
        (["2019", "2020"], "vi", "text"),  # a year is not 2.019
        (["2,5", "1.234"], "vi", "text"),
        (["2,5%", "10%"], "vi", "percent"),
        (["2.5%", "1,000%"], "en", "percent"),
        (["Có", "Không"], "vi", "text"),
    ],
)
def test_only_what_measures_writes_is_read_back_as_a_number(values, lang, kind) -> None:
    frame = pd.DataFrame({"a": values})
    assert exports.infer_kinds(frame, {"a": "A"}, lang=lang)[0].kind == kind


@pytest.mark.parametrize("text", FORMULAS)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text) -> None:
    assert exports.neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Gia Lai", "— không có", "1+1", "'=already", ""])
def test_other_text_is_left_alone(text) -> None:
    assert exports.neutralise(text) == text


def _table() -> exports.Table:
    frame = _shown_frame()
    return exports.Table(
        frame,
        exports.infer_kinds(frame, HEADERS, {"progress": "%.0f%%"}, "vi"),
        sheet="Ngân sách",
        title="Ngân sách",
        notes=("Kế hoạch thử nghiệm", "Số liệu đến ngày 30/09/2019 (phiên bản 3)"),
    )


def test_the_xlsx_reads_back_cell_by_cell_with_real_dates_and_money() -> None:
    book = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(_table())))
    sheet = book["Ngân sách"]
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=1, max_row=3)] == [
        ["Ngân sách", *[None] * 7],
        ["Kế hoạch thử nghiệm", *[None] * 7],
        ["Số liệu đến ngày 30/09/2019 (phiên bản 3)", *[None] * 7],
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert rows == [
        ["Mã NV", "Tiêu đề", "Hạn", "Dự toán", "Kế hoạch", "Tiến độ", "Số ngày", "Tỷ lệ"],
        ["NV1", '\'=HYPERLINK("http://x","bấm")', dt.datetime(2019, 3, 31), 60_000_000, 80, 0.75, 3, 0.667],
        ["NV2", "Gia Lai quảng bá du lịch", None, None, 1234, pytest.approx(0.666667), 0, 1.0],
        ["NV10", "Tiến độ chậm", dt.datetime(2019, 12, 31), 1_234_567_890, None, 1.0, 12, None],
    ]
    formats = [[c.number_format for c in row] for row in sheet.iter_rows(min_row=6, max_row=6)][0]
    assert formats == ["General", "General", "dd/mm/yyyy", '#,##0 "₫"', "#,##0", "0%", "#,##0", "0.0%"]
    assert sheet["B6"].data_type == "s"  # text, never a formula
    assert sheet.freeze_panes == "A6"
    assert sheet.auto_filter.ref == "A5:H8"
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width >= exports.MIN_WIDTH


def test_the_csv_has_a_bom_diacritics_and_neutralised_formulas() -> None:
    data = exports.csv_bytes(_table())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [
        ["Mã NV", "Tiêu đề", "Hạn", "Dự toán", "Kế hoạch", "Tiến độ", "Số ngày", "Tỷ lệ"],
        ["NV1", '\'=HYPERLINK("http://x","bấm")', "31/03/2019", "60000000", "80", "75%", "3", "66,7%"],
        ["NV2", "Gia Lai quảng bá du lịch", "", "", "1234", "67%", "0", "100,0%"],
        ["NV10", "Tiến độ chậm", "31/12/2019", "1234567890", "", "100%", "12", ""],
    ]
    assert b"\r\n" in data


@pytest.mark.parametrize("text", FORMULAS)
def test_every_kind_of_formula_is_neutralised_in_both_formats(text) -> None:
    frame = pd.DataFrame({"title": [text]})
    table = exports.Table(frame, (exports.Column("title", text),))
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(table))).active
    # A carriage return is stored as OOXML's escape _x000D_, which Excel reads back as the character.
    cells = [sheet[ref].value.replace("_x000D_", "\r") for ref in ("A1", "A2")]
    assert cells == ["'" + text, "'" + text]
    row = list(csv.reader(io.StringIO(exports.csv_bytes(table).decode("utf-8-sig"), newline="")))
    assert row == [["'" + text], ["'" + text]]


def test_english_numbers_are_read_with_english_separators() -> None:
    frame = pd.DataFrame({"money": ["1,234,567 ₫"], "share": ["12.5%"]})
    table = exports.Table(frame, exports.infer_kinds(frame, {"money": "Planned", "share": "Share"}, lang="en"))
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(table, "en"))).active
    assert [c.value for c in sheet[2]] == [1_234_567, 0.125]
    assert exports.csv_bytes(table, "en").decode("utf-8-sig").splitlines()[1] == "1234567,12.5%"


def test_a_workbook_of_several_tables_gets_distinct_valid_sheet_names() -> None:
    frame = pd.DataFrame({"a": ["x"]})
    tables = [
        exports.Table(frame, (exports.Column("a", "A"),), sheet=name)
        for name in ("Chỉ tiêu: thực hiện/kế hoạch?", "Chỉ tiêu: thực hiện/kế hoạch?", "x" * 40)
    ]
    book = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(tables)))
    assert book.sheetnames == ["Chỉ tiêu thực hiện kế hoạch", "Chỉ tiêu thực hiện kế hoạch (2)", "x" * 31]


def test_file_names_are_plain_ascii() -> None:
    assert exports.slug("Tiến độ theo đơn vị") == "tien-do-theo-don-vi"
    assert exports.slug("Khám phá - Tin bài báo chí") == "kham-pha-tin-bai-bao-chi"
    assert exports.slug("Đường dẫn") == "duong-dan"
    assert exports.slug("!!!") == "bang"


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        exports.Column("a", "A", "formula")


def test_a_semicolon_csv_for_excel_set_to_a_decimal_comma() -> None:
    frame = pd.DataFrame({"name": ["Sở Văn hóa; Thể thao"], "money": ["1.234.567 ₫"], "share": ["12,5%"]})
    table = exports.Table(frame, exports.infer_kinds(frame, {"name": "Đơn vị", "money": "Dự toán", "share": "Tỷ lệ"}))
    lines = exports.csv_bytes(table, "vi", ";").decode("utf-8-sig").splitlines()
    # The decimal comma needs no quoting; a cell holding the separator is quoted.
    assert lines == ["Đơn vị;Dự toán;Tỷ lệ", '"Sở Văn hóa; Thể thao";1234567;12,5%']
    with pytest.raises(ValueError):
        exports.csv_bytes(table, "vi", "\t")
