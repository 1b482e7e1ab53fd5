"""The .xlsx writer: one workbook, a sheet per table, as Excel and LibreOffice show it best. Kept apart
because its layout rules (formats, widths, wrapped rows, print set-up, Excel's limits) concern no other format.

Dates are real Excel dates shown dd/mm/yyyy, money is a number shown #,##0 ₫, percentages are Excel
percentages; the header row is frozen and filterable, columns are sized to their content, and a
sheet prints on A4 across with its header on every page.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Iterable

import xlsxwriter

from plantrack.exports.tables import Column, Table, cell_value, neutralise
from plantrack.i18n import format_number

# Excel refuses longer cells and sheet names, and these characters in sheet names.
MAX_CELL = 32_767
MAX_SHEET_NAME = 31
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
MIN_WIDTH, MAX_WIDTH = 8, 60
ROW_HEIGHT, MAX_ROW_HEIGHT = 15, 409  # points; Excel's limit
# Letters of ordinary text per line of a widest column: a width unit is one "0", wider than most letters.
CHARS_PER_LINE = 70
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet_name(text: str, taken: Iterable[str] = ()) -> str:
    base = re.sub(r"\s+", " ", _SHEET_NAME_BAD.sub(" ", text)).strip().strip("'")[:MAX_SHEET_NAME] or "Sheet"
    name, n = base, 2
    lowered = {t.lower() for t in taken}
    while name.lower() in lowered:
        suffix = f" ({n})"
        name, n = base[: MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    return name


def _formats(book: xlsxwriter.Workbook) -> dict:
    return {
        "title": book.add_format({"bold": True, "font_size": 13}),
        "note": book.add_format({"italic": True, "font_color": "#555555"}),
        "header": book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"}
        ),
        "text": book.add_format({"valign": "top"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "date": book.add_format({"num_format": "dd/mm/yyyy", "valign": "top", "align": "left"}),
        "money": book.add_format({"num_format": '#,##0 "₫"', "valign": "top"}),
        "int": book.add_format({"num_format": "#,##0", "valign": "top"}),
        **{
            f"number{d}": book.add_format({"num_format": "#,##0" + ("." + "0" * d if d else ""), "valign": "top"})
            for d in range(3)
        },
        **{
            f"percent{d}": book.add_format({"num_format": "0" + ("." + "0" * d if d else "") + "%", "valign": "top"})
            for d in range(3)
        },
    }


def _shown_width(value: object, column: Column, lang: str) -> int:
    if value is None:
        return 0
    if column.kind == "date":
        return 10
    if column.kind == "money":
        return len(format_number(value, lang)) + 2
    if column.kind in ("int", "number"):
        return len(format_number(value, lang, column.digits if column.kind == "number" else 0))
    if column.kind == "percent":
        return len(format_number(value, lang, column.digits)) + 1
    return max(len(line) for line in str(value).split("\n"))


def _write_sheet(book: xlsxwriter.Workbook, formats: dict, table: Table, name: str, lang: str) -> None:
    sheet = book.add_worksheet(name)
    row = 0
    if table.title:
        sheet.write_string(row, 0, neutralise(table.title), formats["title"])
        row += 1
    for note in table.notes:
        sheet.write_string(row, 0, neutralise(note), formats["note"])
        row += 1
    if row:
        row += 1
    header_row = row
    widths = []
    for col, column in enumerate(table.columns):
        sheet.write_string(header_row, col, neutralise(column.header), formats["header"])
        widths.append(max(len(word) for word in column.header.split()) + 2 if column.header.strip() else MIN_WIDTH)
    values = [[cell_value(v, column, lang) for v in table.frame[column.name]] for column in table.columns]
    lines = [1] * len(table.frame)
    for col, column in enumerate(table.columns):
        longest = max((_shown_width(v, column, lang) for v in values[col]), default=0)
        widths[col] = min(max(widths[col], longest + 2, MIN_WIDTH), MAX_WIDTH)
        wrap = column.kind == "text" and longest + 2 > MAX_WIDTH
        if wrap:
            for offset, value in enumerate(values[col]):
                lines[offset] = max(lines[offset], _lines(value, CHARS_PER_LINE))
        for offset, value in enumerate(values[col]):
            r = header_row + 1 + offset
            if value is None:
                continue
            if column.kind == "date":
                sheet.write_datetime(r, col, dt.datetime.combine(value, dt.time()), formats["date"])
            elif column.kind == "money":
                sheet.write_number(r, col, value, formats["money"])
            elif column.kind == "int":
                sheet.write_number(r, col, value, formats["int"])
            elif column.kind == "number":
                sheet.write_number(r, col, value, formats[f"number{min(column.digits, 2)}"])
            elif column.kind == "percent":
                sheet.write_number(r, col, value / 100, formats[f"percent{min(column.digits, 2)}"])
            else:
                # write_string, never write(): a string starting with "=" must not become a formula.
                sheet.write_string(r, col, neutralise(value)[:MAX_CELL], formats["wrap" if wrap else "text"])
        sheet.set_column(col, col, widths[col])
    # Wrapped rows get their height written out: LibreOffice does not grow them by itself.
    for offset, count in enumerate(lines):
        if count > 1:
            sheet.set_row(header_row + 1 + offset, min(ROW_HEIGHT * count, MAX_ROW_HEIGHT))
    last_row = header_row + len(table.frame)
    if table.columns:
        sheet.autofilter(header_row, 0, last_row, len(table.columns) - 1)
    sheet.freeze_panes(header_row + 1, 0)
    # Printed on A4 across, as wide as the page, the header repeated on every page.
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)


def _lines(value: object, width: int) -> int:
    if not isinstance(value, str):
        return 1
    return sum(max(1, math.ceil(len(part) / width)) for part in value.split("\n"))


def xlsx_bytes(tables: Table | Iterable[Table], lang: str = "vi") -> bytes:
    """One workbook, a sheet per table."""
    tables = [tables] if isinstance(tables, Table) else list(tables)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    formats = _formats(book)
    taken: list[str] = []
    for table in tables:
        name = sheet_name(table.sheet, taken)
        taken.append(name)
        _write_sheet(book, formats, table, name, lang)
    book.close()
    return buffer.getvalue()
