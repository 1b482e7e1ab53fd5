"""Writing workbooks in the template's format: the empty template, and any version's data.

The same writer makes both, so an exported version reads back exactly as it was stored
("nothing changed"), and staff can edit the export instead of retyping it.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import xlsxwriter

from plantrack.contract import CLOSED_LISTS, PLAN, SHEETS, Column, Sheet

INSTRUCTIONS_TITLE = "Hướng dẫn"
MAX_ROWS_WITH_DROPDOWN = 100_000

KIND_HELP = {
    "text": "chữ",
    "int": "số nguyên",
    "money": "số tiền (đồng), ví dụ 1.234.567",
    "number": "số, ví dụ 80 hoặc 2,5",
    "percent": "tỷ lệ 0–100, ví dụ 60 hoặc 60%",
    "date": "ngày dd/mm/yyyy, ví dụ 05/03/2019",
    "bool": "Có / Không",
    "choice": "chọn trong danh sách",
    "unit_list": "mã đơn vị, cách nhau bởi dấu ; hoặc xuống dòng",
    "quarter": "I, II, III hoặc IV",
}

SHEET_HELP = {
    "plan_info": "Thông tin chung của kế hoạch: mỗi dòng một mục, cột A là tên mục, cột B là giá trị. Kế hoạch được nhận biết bởi Năm + Số hiệu.",
    "units": "Danh sách đơn vị trong Sở và đơn vị phối hợp bên ngoài. Dòng không còn trong tệp sẽ bị xóa khỏi kế hoạch.",
    "tasks": "Các nhiệm vụ của kế hoạch (mục I). Nhiệm vụ không thường xuyên phải có Hạn hoàn thành. Dòng không còn trong tệp sẽ bị xóa.",
    "indicators": "Chỉ tiêu định lượng của từng nhiệm vụ: kế hoạch và thực hiện.",
    "milestones": "Các mốc tiến độ của nhiệm vụ, mỗi mốc một hạn. Quý để trống sẽ tính theo hạn.",
    "budget_lines": "Dự toán theo nguồn kinh phí. Mã dòng dùng để ghi giải ngân.",
    "disbursements": "Nhật ký giải ngân: dòng mới được thêm, dòng trùng khóa được cập nhật, dòng cũ không có trong tệp được giữ nguyên.",
    "media": "Nhật ký tin bài báo chí trong và ngoài nước về tỉnh (nhiệm vụ theo dõi dư luận). Dòng trùng Đường dẫn (hoặc Ngày đăng + Cơ quan + Tiêu đề) được cập nhật, không thêm lần nữa.",
}


def _cell_value(column: Column, value: object, lang: str) -> object:
    """The value as a person would type it in this column (labels, not codes)."""
    if column.kind == "unit_list":
        return "; ".join(value) if value is not None and len(value) else None
    if value is None or pd.isna(value):
        return None
    if column.kind == "bool":
        return CLOSED_LISTS["yes_no"].label("yes" if value else "no", lang)
    if column.kind == "choice":
        return CLOSED_LISTS[column.choices].label(value, lang)
    if column.kind == "date":
        return pd.Timestamp(value).date()
    if column.kind in ("money", "int", "quarter"):
        return int(value)
    if column.kind in ("number", "percent"):
        number = float(value)
        return int(number) if number.is_integer() else number
    return value


def _formats(book: xlsxwriter.Workbook) -> dict:
    return {
        "header": book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
        ),
        "required": book.add_format(
            {"bold": True, "bg_color": "#FCE4D6", "border": 1, "text_wrap": True, "valign": "top"}
        ),
        "date": book.add_format({"num_format": "dd/mm/yyyy"}),
        "money": book.add_format({"num_format": "#,##0"}),
        "number": book.add_format({"num_format": "#,##0.##"}),
        "text": book.add_format({"text_wrap": False}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "banner": book.add_format({"bold": True, "font_color": "#C00000"}),
        # Cells a draft asks staff to check (plantrack/draft.py): yellow, with the reason as a comment.
        "mark": book.add_format({"bg_color": "#FFEB9C", "border": 1, "border_color": "#BF8F00"}),
        "mark_date": book.add_format(
            {"bg_color": "#FFEB9C", "border": 1, "border_color": "#BF8F00", "num_format": "dd/mm/yyyy"}
        ),
        "mark_money": book.add_format(
            {"bg_color": "#FFEB9C", "border": 1, "border_color": "#BF8F00", "num_format": "#,##0"}
        ),
    }


def _write(sheet, row: int, col: int, value: object, column: Column, formats: dict, mark: str | None = None) -> None:
    if mark is not None:
        sheet.write_comment(row, col, mark, {"x_scale": 2, "y_scale": 1.5})
    if value is None:
        if mark is not None:
            sheet.write_blank(row, col, None, formats["mark"])
        return
    if column.kind == "date":
        date_format = formats["mark_date" if mark is not None else "date"]
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), date_format)
    elif column.kind == "money":
        sheet.write_number(row, col, value, formats["mark_money" if mark is not None else "money"])
    elif column.kind in ("number", "percent", "int", "quarter"):
        sheet.write_number(row, col, value, formats["mark"] if mark is not None else None)
    else:
        # Always as text: a title beginning with "=" is data, never a formula.
        sheet.write_string(row, col, str(value), formats["mark"] if mark is not None else None)


def _write_table(
    book, spec: Sheet, frame: pd.DataFrame | None, lang: str, formats: dict, marks: dict | None = None
) -> None:
    sheet = book.add_worksheet(spec.title(lang))
    for c, column in enumerate(spec.columns):
        label = column.header(lang) + (" *" if column.required else "")
        sheet.write_string(0, c, label, formats["required" if column.required else "header"])
        sheet.set_column(c, c, column.width)
        closed = column.closed_list()
        if closed is not None:
            sheet.data_validation(
                1,
                c,
                MAX_ROWS_WITH_DROPDOWN,
                c,
                {
                    "validate": "list",
                    "source": closed.labels(lang),
                    "error_title": column.header(lang),
                    "error_message": ", ".join(closed.labels(lang)),
                },
            )
        elif column.kind == "date":
            sheet.data_validation(
                1,
                c,
                MAX_ROWS_WITH_DROPDOWN,
                c,
                {
                    "validate": "date",
                    "criteria": ">=",
                    "value": dt.datetime(1990, 1, 1),
                    "input_title": column.header(lang),
                    "input_message": "dd/mm/yyyy",
                    "error_type": "warning",
                },
            )
    sheet.freeze_panes(1, 0)
    sheet.set_row(0, 30)
    if frame is None or frame.empty:
        return
    records = frame[spec.fields].to_dict("records")
    marks = marks or {}
    for r, record in enumerate(records, start=1):
        for c, column in enumerate(spec.columns):
            mark = marks.get((spec.name, r - 1, column.field))
            _write(sheet, r, c, _cell_value(column, record[column.field], lang), column, formats, mark)
    sheet.autofilter(0, 0, len(records), len(spec.columns) - 1)


def _write_plan(book, frame: pd.DataFrame | None, lang: str, formats: dict, marks: dict | None = None) -> None:
    sheet = book.add_worksheet(PLAN.title(lang))
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 90)
    sheet.write_string(0, 0, "Thông tin" if lang == "vi" else "Field", formats["header"])
    sheet.write_string(0, 1, "Giá trị" if lang == "vi" else "Value", formats["header"])
    record = frame.iloc[0].to_dict() if frame is not None and not frame.empty else {}
    for r, column in enumerate(PLAN.columns, start=1):
        label = column.header(lang) + (" *" if column.required else "")
        sheet.write_string(r, 0, label, formats["required" if column.required else "header"])
        value = _cell_value(column, record.get(column.field), lang)
        mark = (marks or {}).get((PLAN.name, 0, column.field))
        if mark is not None:
            _write(sheet, r, 1, value, column, formats, mark)
            continue
        if value is None:
            continue
        if column.kind == "date":
            sheet.write_datetime(r, 1, dt.datetime.combine(value, dt.time()), formats["date"])
        elif column.kind == "int":
            sheet.write_number(r, 1, value)
        else:
            sheet.write_string(r, 1, str(value), formats["wrap"])
    sheet.freeze_panes(1, 0)


def _write_instructions(book, lang: str, formats: dict, banner: str | None) -> None:
    sheet = book.add_worksheet(INSTRUCTIONS_TITLE if lang == "vi" else "Instructions")
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 28)
    sheet.set_column(2, 2, 12)
    sheet.set_column(3, 3, 60)
    row = 0
    if banner:
        sheet.write_string(row, 0, banner, formats["banner"])
        row += 1
    lines = [
        "Mẫu nhập liệu theo dõi thực hiện kế hoạch. Có thể tải lên một phần các trang; trang không có trong tệp giữ nguyên dữ liệu.",
        "Cột có dấu * là bắt buộc. Ngày ghi dd/mm/yyyy (ngày trước tháng). Số tiền ghi bằng đồng, dấu chấm ngăn cách hàng nghìn: 2.000 là hai nghìn đồng.",
        "Tệp được kiểm tra trước khi cập nhật: mọi lỗi được liệt kê kèm trang, dòng và cột; chưa có gì được ghi cho đến khi xác nhận.",
        "Trang chỉ có dòng tiêu đề, không có dòng dữ liệu, được coi là không gửi: dữ liệu của trang đó giữ nguyên. Muốn xóa hết một trang, hãy chọn «Xóa hết trang» khi tải lên.",
    ]
    for line in lines:
        sheet.write_string(row, 0, line)
        row += 1
    row += 1
    for c, head in enumerate(("Trang", "Cột", "Bắt buộc", "Cách ghi")):
        sheet.write_string(row, c, head, formats["header"])
    row += 1
    for spec in SHEETS:
        sheet.write_string(row, 0, spec.vi, formats["banner"])
        sheet.write_string(row, 3, SHEET_HELP[spec.name], formats["wrap"])
        row += 1
        for column in spec.columns:
            sheet.write_string(row, 0, spec.vi)
            sheet.write_string(row, 1, f"{column.vi} ({column.en})")
            sheet.write_string(row, 2, "Có" if column.required else "")
            help_text = KIND_HELP[column.kind]
            closed = column.closed_list()
            if closed is not None and column.kind == "choice":
                help_text = ", ".join(closed.labels("vi"))
            if closed is not None and closed.synonyms():
                help_text += ". Cũng nhận: " + "; ".join(closed.synonyms())
            if column.kind == "bool":
                help_text += "; để trống là Không"
            if column.kind == "date":
                help_text += "; ngày kèm giờ (01/10/2019 08:15) được đọc là ngày"
            sheet.write_string(row, 3, help_text, formats["wrap"])
            row += 1


def write_workbook(
    target: str | Path | io.BytesIO,
    frames: dict[str, pd.DataFrame] | None = None,
    *,
    lang: str = "vi",
    banner: str | None = None,
    sheets: list[str] | None = None,
    created: dt.datetime | None = None,
    marks: dict[tuple[str, int, str], str] | None = None,
) -> None:
    """The template (no frames) or a filled workbook (frames keyed by sheet name, fields as columns).

    `marks` highlights cells for staff to check, each with its reason as a comment, keyed by
    (sheet name, row index in its frame, field).

    `sheets` limits the workbook to some sheets (a partial upload); by default all are written.
    `created` fixes the creation time stored in the file (default: now), so that a generated file
    can be reproduced byte for byte.
    """
    frames = frames or {}
    wanted = {spec.name for spec in SHEETS} if sheets is None else set(sheets)
    book = xlsxwriter.Workbook(target, {"in_memory": False, "strings_to_formulas": False, "strings_to_urls": False})
    if created is not None:
        book.set_properties({"created": created})
    formats = _formats(book)
    if "plan_info" in wanted:
        _write_plan(book, frames.get("plan_info"), lang, formats, marks)
    for spec in SHEETS:
        if spec.layout == "table" and spec.name in wanted:
            _write_table(book, spec, frames.get(spec.name), lang, formats, marks)
    _write_instructions(book, lang, formats, banner)
    book.close()


def workbook_bytes(frames: dict[str, pd.DataFrame] | None = None, **options) -> bytes:
    buffer = io.BytesIO()
    write_workbook(buffer, frames, **options)
    return buffer.getvalue()
