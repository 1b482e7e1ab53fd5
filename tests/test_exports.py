"""Column definitions → table config and export kinds; exports of what is on screen re-read cell by cell, with
real numbers and formulas neutralised in both formats."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from plantrack import exports, measures

FORMULAS = ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "\tTab", "\rReturn"]


def _query_frame() -> pd.DataFrame:
    """A table as its query returns it: numbers and dates as they are, one formula-like title."""
    return pd.DataFrame(
        {
            "task_code": ["NV1", "NV2", "NV10"],
            "title": ['=HYPERLINK("http://x","bấm")', "Gia Lai quảng bá du lịch", "Tiến độ chậm"],
            "due_on": pd.to_datetime(["2019-03-31", None, "2019-12-31"]),
            "planned": [60_000_000, None, 1_234_567_890],
            "target": [80, 1234, None],
            "progress": [75.0, 66.6667, 100.0],
            "days": [3, 0, 12],
            "done": [2, 3, 0],
            "base": [3, 3, 0],
        }
    )


COLUMNS = (
    measures.Column("task_code", "col_task"),
    measures.Column("title", "col_title"),
    measures.Column("due_on", "col_due", "date"),
    measures.Column("planned", "legend_planned", "money"),
    measures.Column("target", "legend_target", "count"),
    measures.Column("progress", "axis_progress", "percent", bar=True),
    measures.Column("days", "col_days_left", "number"),
    measures.Column("done", "col_on_time", "share", of=("done", "base")),
)
HEADERS = ["Mã NV", "Tiêu đề", "Hạn", "Dự toán", "Kế hoạch", "Tiến độ", "Còn (ngày)", "Đúng hạn"]


@pytest.mark.parametrize(
    ("column", "kind", "digits", "display"),
    [
        (measures.Column("task_code", "col_task"), "text", 0, ("text", {})),
        (measures.Column("due_on", "col_due", "date"), "date", 0, ("text", {})),
        (measures.Column("planned", "legend_planned", "money"), "money", 0, ("text", {})),
        (measures.Column("target", "legend_target", "count"), "int", 0, ("text", {})),
        (measures.Column("days", "col_days_left", "number"), "int", 0, ("number", {"format": "localized"})),
        (measures.Column("avg", "col_days_left", "number", digits=1), "number", 1, ("text", {})),
        (
            measures.Column("progress", "axis_progress", "percent", bar=True),
            "percent",
            0,
            ("progress", {"format": "%.0f%%", "min_value": 0, "max_value": 100}),
        ),
        (measures.Column("old", "col_old_progress", "percent"), "percent", 0, ("number", {"format": "%.0f%%"})),
        (measures.Column("share", "axis_progress", "percent", digits=1), "percent", 1, ("text", {})),
        (measures.Column("a", "col_on_time", "share", of=("a", "b")), "percent", 1, ("text", {})),
        (measures.Column("status", "col_status", "status"), "text", 0, ("text", {})),
        (measures.Column("url", "col_link", "link"), "text", 0, ("link", {})),
    ],
)
def test_a_column_definition_gives_the_tables_config_and_the_exports_kind(column, kind, digits, display) -> None:
    table = exports.table(pd.DataFrame({"x": []}).assign(**{n: [] for n in {column.sql, *column.of}}), (column,))
    assert (table.columns[0].kind, table.columns[0].digits) == (kind, digits)
    assert column.display("vi") == (display[0], {"label": column.header("vi"), **display[1]})


def test_every_defined_column_has_a_header_in_both_languages() -> None:
    for key, column in measures.COLUMNS.items():
        assert column.header("vi") and column.header("en"), key


@pytest.mark.parametrize(
    ("column", "values", "lang", "shown"),
    [
        (measures.column("planned"), [1_234_567, None], "vi", ["1.234.567 ₫", "—"]),
        (measures.column("planned"), [1_234_567], "en", ["1,234,567 ₫"]),
        (measures.column("target"), [1234, None], "vi", ["1.234", "—"]),
        (measures.column("due_on"), [dt.date(2019, 3, 5), None], "vi", ["05/03/2019", "—"]),
        (measures.column("status"), ["behind"], "vi", ["▲ Chậm tiến độ"]),
        (measures.column("sentiment"), [None], "vi", ["? Chưa phân loại"]),
        (measures.column("source"), ["state"], "vi", ["Ngân sách nhà nước"]),
        (measures.column("response"), [None], "vi", ["Chưa xử lý"]),
        (measures.column("quarter"), [3], "vi", ["III"]),
        (measures.column("support_units"), [["VP", "P.KHTC"]], "vi", ["VP; P.KHTC"]),
        (measures.column("gained"), [12.5, -3.0, 0.0], "vi", ["+12,5", "−3", "0"]),
        (measures.Column("v", "axis_progress", "percent", digits=1), [66.66], "vi", ["66,7%"]),
    ],
)
def test_a_column_is_shown_in_the_languages_way(column, values, lang, shown) -> None:
    assert list(column.shown(pd.DataFrame({column.sql: values}), lang)) == shown


def test_a_long_column_writes_each_distinct_value_once_and_every_row_as_it_would_alone(monkeypatch) -> None:
    written: list[dt.date] = []
    real = measures.format_date
    monkeypatch.setattr(measures, "format_date", lambda day, lang: written.append(day) or real(day, lang))
    days = [dt.date(2019, 3, 5), dt.date(2019, 12, 31), None] * 20_000
    column = measures.column("due_on")
    shown = list(column.shown(pd.DataFrame({"due_on": pd.to_datetime(days)}), "vi"))
    assert shown == ["05/03/2019", "31/12/2019", "—"] * 20_000
    assert sorted(written) == [dt.date(2019, 3, 5), dt.date(2019, 12, 31)]
    # Lists have no hash: written row by row.
    units = measures.column("support_units")
    assert list(units.shown(pd.DataFrame({"support_units": [["VP"], ["VP"], []]}), "vi")) == ["VP", "VP", ""]


def test_a_share_is_shown_with_its_counts_and_exported_as_its_percentage() -> None:
    frame = pd.DataFrame({"on_time": [2, 0], "on_time_base": [3, 0]})
    column = measures.column("on_time")
    assert list(column.shown(frame, "vi")) == ["66,7% (2/3)", "—"]
    assert list(column.exported(frame, "vi")) == [66.7, None]


def test_a_column_of_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        measures.Column("a", "col_task", "formula")
    with pytest.raises(ValueError):
        measures.Column("a", "col_task", "share")  # a share without its part and whole


@pytest.mark.parametrize("text", FORMULAS)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text) -> None:
    assert exports.neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Gia Lai", "— không có", "1+1", "'=already", ""])
def test_other_text_is_left_alone(text) -> None:
    assert exports.neutralise(text) == text


def _table() -> exports.Table:
    return exports.table(
        _query_frame(),
        COLUMNS,
        "vi",
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
        HEADERS,
        ["NV1", '\'=HYPERLINK("http://x","bấm")', dt.datetime(2019, 3, 31), 60_000_000, 80, 0.75, 3, 0.667],
        ["NV2", "Gia Lai quảng bá du lịch", None, None, 1234, pytest.approx(0.666667), 0, 1.0],
        ["NV10", "Tiến độ chậm", dt.datetime(2019, 12, 31), 1_234_567_890, None, 1.0, 12, None],
    ]
    formats = [[c.number_format for c in row] for row in sheet.iter_rows(min_row=6, max_row=6)][0]
    assert formats == ["General", "General", "dd/mm/yyyy", '#,##0 "₫"', "#,##0", "0%", "#,##0", "0.0%"]
    assert sheet["B6"].data_type == "s"  # text, never a formula
    assert {sheet[f"{col}6"].data_type for col in "DEFGH"} == {"n"}  # numbers, not text read back
    assert sheet.freeze_panes == "A6"
    assert sheet.auto_filter.ref == "A5:H8"
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width >= exports.MIN_WIDTH


def test_the_csv_has_a_bom_diacritics_and_neutralised_formulas() -> None:
    data = exports.csv_bytes(_table())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [
        HEADERS,
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


def test_english_exports_write_english_separators() -> None:
    frame = pd.DataFrame({"money": [1_234_567], "share": [12.5]})
    columns = (
        measures.Column("money", "legend_planned", "money"),
        measures.Column("share", "axis_progress", "percent", digits=1),
    )
    table = exports.table(frame, columns, "en")
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


def test_an_unknown_export_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        exports.Column("a", "A", "formula")


def test_a_semicolon_csv_for_excel_set_to_a_decimal_comma() -> None:
    frame = pd.DataFrame({"name": ["Sở Văn hóa; Thể thao"], "money": [1_234_567], "share": [12.5]})
    columns = (
        measures.Column("name", heading="Đơn vị"),
        measures.Column("money", heading="Dự toán", kind="money"),
        measures.Column("share", heading="Tỷ lệ", kind="percent", digits=1),
    )
    table = exports.table(frame, columns)
    lines = exports.csv_bytes(table, "vi", ";").decode("utf-8-sig").splitlines()
    # The decimal comma needs no quoting; a cell holding the separator is quoted.
    assert lines == ["Đơn vị;Dự toán;Tỷ lệ", '"Sở Văn hóa; Thể thao";1234567;12,5%']
    with pytest.raises(ValueError):
        exports.csv_bytes(table, "vi", "\t")


def test_the_problems_download_writes_row_numbers_as_numbers_and_formulas_as_text() -> None:
    from pages.common import update_upload

    frame = pd.DataFrame(
        {
            "severity": ["Lỗi", "Cảnh báo"],
            "sheet": ["Nhiệm vụ", "=Ngân sách"],
            "row": pd.array([12, None], dtype="Int64"),
            "column": ["Hạn hoàn thành", ""],
            "message": ["Ngày '31/02/2019' không có thật.", "@SUM(A1)"],
        }
    )
    table = exports.table(frame, update_upload.PROBLEM_COLUMNS, "vi", sheet="Lỗi")
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(table))).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Mức độ", "Trang", "Dòng", "Cột", "Nội dung lỗi và cách sửa"],
        ["Lỗi", "Nhiệm vụ", 12, "Hạn hoàn thành", "Ngày '31/02/2019' không có thật."],
        ["Cảnh báo", "'=Ngân sách", None, None, "'@SUM(A1)"],
    ]
    assert sheet["C2"].data_type == "n"
