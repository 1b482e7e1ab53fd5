"""Generates the golden workbooks checked by tests/test_golden.py. Run it once; the outputs are committed.

    .venv/bin/python tests/golden/make_golden.py

Every workbook is built cell by cell with openpyxl, so each case controls exactly what a person's
Excel file holds: cell types, number formats, merged and hidden cells, formulas with or without a
cached value, title banners above the header row, headers without diacritics or in English. The
output is reproducible: zip timestamps and document dates are fixed.

Files written (each .xlsx has a .json of the same stem saying what must happen to it):

- ``base.xlsx``: a clean plan that cases marked ``"base": "base.xlsx"`` import first, so a file
  without a Kế hoạch sheet updates that (only) plan and may refer to its units, tasks and lines.
- ``refused/NAME.xlsx``: ``{"description", "base", "plan", "unreadable", "only", "problems"}``.
  ``problems`` lists ``{"code", "sheet", "row", "column"}`` that must all be reported exactly so
  (row = the Excel row number, column = the header as written in the file); ``only`` means they
  are all the errors; ``unreadable`` means ``prepare`` raises ``UnreadableFile``.
- ``valid/NAME.xlsx``: ``{"description", "base", "rows", "expect", "warnings"}``. ``rows`` counts
  each sheet's rows after the import, ``expect`` gives per sheet a list of ``{"match", "values"}``
  (field values as stored: dates ``yyyy-mm-dd``, percentages 0–100, money in đồng, codes of closed
  lists), and ``warnings`` lists problems that must be reported without blocking the import.

`zip_bomb` builds, at test time, workbooks that unpack beyond the reader's limit (never committed).
"""

from __future__ import annotations

import os

# The committed files were written without lxml (openpyxl then writes an empty value as <v/>).
os.environ.setdefault("OPENPYXL_LXML", "False")

import datetime as dt
import importlib.util
import io
import json
import re
import struct
import sys
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl

HERE = Path(__file__).resolve().parent
ZIP_TIME = (2019, 12, 31, 0, 0, 0)
DOC_TIME = b"2019-12-31T00:00:00Z"
BASE = "base.xlsx"


def nfd(text: str) -> str:
    """The same words in decomposed Unicode, as some Mac and web tools write them."""
    return unicodedata.normalize("NFD", text)


def d(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)


# --------------------------------------------------------------------------------------------
# Building workbooks
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Formula:
    """A formula cell; `cached` is the value Excel would have saved (None: never calculated)."""

    text: str
    cached: object = None


@dataclass
class Grid:
    """One sheet, its rows written from A1 exactly as given (None = an empty cell)."""

    title: str
    rows: list[list]
    merges: tuple[str, ...] = ()
    formats: dict[str, str] = field(default_factory=dict)
    hidden: tuple[str, ...] = ()


def workbook(*grids: Grid) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    cached: dict[str, dict[str, object]] = {}
    for index, grid in enumerate(grids, start=1):
        sheet = book.create_sheet(grid.title)
        for r, row in enumerate(grid.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(r, c)
                if isinstance(value, Formula):
                    cell.value = value.text
                    if value.cached is not None:
                        cached.setdefault(f"xl/worksheets/sheet{index}.xml", {})[cell.coordinate] = value.cached
                else:
                    cell.value = value
        for ref in grid.merges:
            sheet.merge_cells(ref)
        for ref, number_format in grid.formats.items():
            sheet[ref].number_format = number_format
        for letter in grid.hidden:
            sheet.column_dimensions[letter].hidden = True
    buffer = io.BytesIO()
    book.save(buffer)
    return _reproducible(buffer.getvalue(), cached)


def _with_cached_value(xml: bytes, ref: str, value: object) -> bytes:
    """Gives a formula cell the value Excel caches when it saves the file."""
    pattern = re.compile(rb'(<c r="' + ref.encode() + rb'")([^>]*>)(<f>.*?</f>)<v\s*/>(</c>)')
    if value == "":
        # What Excel saves for a formula such as =IF(A2="","",…) that evaluated to empty text.
        replacement = rb'\1 t="str"\2\3<v/>\4'
    elif isinstance(value, str):
        replacement = rb'\1 t="str"\2\3<v>' + escape(value).encode() + rb"</v>\4"
    else:
        replacement = rb"\1\2\3<v>" + repr(value).encode() + rb"</v>\4"
    patched, count = pattern.subn(replacement, xml)
    if count != 1:
        raise ValueError(f"formula cell {ref} not found")
    return patched


def _reproducible(data: bytes, cached: dict[str, dict[str, object]]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", DOC_TIME, content)
            for ref, value in cached.get(info.filename, {}).items():
                content = _with_cached_value(content, ref, value)
            _store(target, info.filename, content)
    return out.getvalue()


def _store(archive: zipfile.ZipFile, name: str, content: bytes) -> None:
    member = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    member.compress_type = zipfile.ZIP_DEFLATED
    member.external_attr = 0o644 << 16
    archive.writestr(member, content)


def plain_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            _store(archive, name, content)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# The base plan (imported first by the cases that extend it)
# --------------------------------------------------------------------------------------------

PLAN_ROWS = [
    ["Thông tin", "Giá trị"],
    ["Tên kế hoạch", "Kế hoạch triển khai công tác thông tin đối ngoại năm 2019"],
    ["Số hiệu", "25/KH-STTTT"],
    ["Năm", 2019],
    ["Đơn vị ban hành", "Sở Thông tin và Truyền thông tỉnh Gia Lai"],
    ["Ngày ban hành", d(2019, 3, 20)],
    ["Căn cứ", "Kế hoạch số 495/KH-UBND của UBND tỉnh; Nghị định 72/2015/NĐ-CP"],
]

UNIT_HEADERS = ["Mã đơn vị", "Tên đơn vị", "Loại"]
UNIT_ROWS = [
    ["P.TTBCXB", "Phòng Thông tin - Báo chí - Xuất bản", "Trong Sở"],
    ["P.KHTC", "Phòng Kế hoạch - Tài chính", "Trong Sở"],
    ["VP", "Văn phòng Sở", "Trong Sở"],
    ["SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Bên ngoài"],
    ["BĐBP", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Bên ngoài"],
    ["SNV", "Sở Ngoại vụ", "Bên ngoài"],
]

TASK_HEADERS = [
    "Mã NV",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời gian thực hiện",
    "Thường xuyên",
    "Ngày bắt đầu",
    "Hạn hoàn thành",
    "Tiến độ (%)",
    "Trạng thái",
    "Ngày hoàn thành",
    "Cập nhật ngày",
    "Ghi chú",
]
TASK_ROWS = [
    [
        "NV1",
        "Theo dõi, tổng hợp dư luận báo chí trong và ngoài nước về tỉnh",
        "P.TTBCXB",
        "VP",
        "Thường xuyên trong năm 2019",
        "Có",
        d(2019, 1, 1),
        d(2019, 12, 31),
        25,
        "Đang thực hiện",
        None,
        d(2019, 3, 15),
        None,
    ],
    [
        "NV2",
        "Tổng hợp danh sách cán bộ làm công tác thông tin đối ngoại",
        "VP",
        None,
        "Hoàn thành ngày 31/03/2019",
        "Không",
        None,
        d(2019, 3, 31),
        100,
        "Hoàn thành",
        d(2019, 3, 29),
        d(2019, 3, 29),
        None,
    ],
    [
        "NV3",
        "Tổ chức lớp bồi dưỡng kiến thức thông tin đối ngoại",
        "P.TTBCXB",
        "P.KHTC",
        "dự kiến tháng 7 năm 2019",
        "Không",
        d(2019, 7, 1),
        d(2019, 7, 31),
        0,
        "Chưa triển khai",
        None,
        d(2019, 3, 15),
        None,
    ],
    [
        "NV4",
        "Xây dựng 02 cụm pa nô tuyên truyền tại khu vực biên giới",
        "P.KHTC",
        "BĐBP; SVHTTDL",
        "Triển khai từ quý I/2019, hoàn thành trong quý III/2019",
        "Không",
        d(2019, 1, 1),
        d(2019, 9, 30),
        10,
        "Đang thực hiện",
        None,
        d(2019, 3, 15),
        None,
    ],
]
T_MIN = ["Mã NV", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thường xuyên", "Hạn hoàn thành", "Tiến độ (%)"]

INDICATOR_HEADERS = ["Mã NV", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Ghi chú"]
INDICATOR_ROWS = [
    ["NV3", "Lớp bồi dưỡng", "lớp", 1, 0, None],
    ["NV3", "Học viên", "người", 80, 0, None],
    ["NV4", "Cụm pa nô", "cụm", 2, 0, "Ia Chía (Ia Grai) và Ia Nan (Đức Cơ)"],
]

MILESTONE_HEADERS = ["Mã mốc", "Mã NV", "Nội dung mốc", "Hạn", "Quý", "Ngày hoàn thành", "Đơn vị thực hiện", "Ghi chú"]
MILESTONE_ROWS = [
    ["M1", "NV4", "Khảo sát vị trí đặt pa nô", d(2019, 3, 31), "I", d(2019, 3, 25), "P.KHTC", None],
    ["M2", "NV4", "Lựa chọn nhà thầu", d(2019, 6, 30), "II", None, "P.KHTC", None],
    ["M3", "NV4", "Thi công, nghiệm thu", d(2019, 9, 30), "III", None, "P.KHTC", None],
    ["M4", "NV3", "Mở lớp bồi dưỡng", d(2019, 7, 31), "III", None, "P.TTBCXB", None],
]

BUDGET_HEADERS = ["Mã dòng", "Mã NV", "Nội dung chi", "Nguồn kinh phí", "Đơn vị quản lý", "Dự toán (đồng)", "Ghi chú"]
BUDGET_ROWS = [
    ["NS01", "NV4", "Xây dựng 02 cụm pa nô", "Ngân sách nhà nước", "P.KHTC", 300_000_000, None],
    ["NS02", "NV3", "Tổ chức lớp bồi dưỡng", "Ngân sách nhà nước", "P.TTBCXB", 50_000_000, None],
    ["NS03", "NV1", "Theo dõi báo chí", "Xã hội hóa", "P.TTBCXB", 20_000_000, None],
]

DISBURSEMENT_HEADERS = ["Mã dòng", "Ngày", "Số tiền (đồng)", "Chứng từ", "Ghi chú"]
DISBURSEMENT_ROWS = [["NS01", d(2019, 4, 15), 50_000_000, "UNC 12", "Tạm ứng 1"]]

MEDIA_HEADERS = [
    "Ngày đăng",
    "Cơ quan báo chí",
    "Phạm vi",
    "Loại hình",
    "Ngôn ngữ",
    "Tiêu đề",
    "Tóm tắt",
    "Đường dẫn",
    "Chủ đề",
    "Sắc thái",
    "Sai lệch",
    "Mã NV",
    "Tình trạng xử lý",
    "Ngày xử lý",
    "Lượt tiếp cận",
]
MEDIA_ROWS = [
    [
        d(2019, 3, 5),
        "Báo Gia Lai",
        "Trong nước",
        "Báo điện tử",
        "Tiếng Việt",
        "Gia Lai quảng bá du lịch",
        None,
        "https://baogialai.com.vn/bai-1",
        "du lịch",
        "Tích cực",
        "Không",
        "NV1",
        "Không cần xử lý",
        None,
        1200,
    ],
    [
        d(2019, 3, 10),
        "Radio Free Asia",
        "Nước ngoài",
        "Báo điện tử",
        "Tiếng Việt",
        "Thông tin sai về tôn giáo",
        None,
        "https://example.org/rfa-1",
        "tôn giáo",
        "Tiêu cực",
        "Có",
        "NV1",
        "Đã phản bác/cải chính",
        d(2019, 3, 12),
        5000,
    ],
]


def base_workbook() -> bytes:
    return workbook(
        Grid("Kế hoạch", PLAN_ROWS),
        Grid("Đơn vị", [UNIT_HEADERS, *UNIT_ROWS]),
        Grid("Nhiệm vụ", [TASK_HEADERS, *TASK_ROWS]),
        Grid("Chỉ tiêu", [INDICATOR_HEADERS, *INDICATOR_ROWS]),
        Grid("Mốc tiến độ", [MILESTONE_HEADERS, *MILESTONE_ROWS]),
        Grid("Ngân sách", [BUDGET_HEADERS, *BUDGET_ROWS]),
        Grid("Giải ngân", [DISBURSEMENT_HEADERS, *DISBURSEMENT_ROWS]),
        Grid("Báo chí", [MEDIA_HEADERS, *MEDIA_ROWS]),
    )


# A small stand-alone plan, for cases that do not extend the base.
SMALL_PLAN = [["Tên kế hoạch", "Kế hoạch thử nghiệm"], ["Số hiệu", "01/KH-TEST"], ["Năm", 2019]]
SMALL_UNITS = [UNIT_HEADERS, ["VP", "Văn phòng Sở", "Trong Sở"], ["P.KHTC", "Phòng Kế hoạch - Tài chính", "Trong Sở"]]


# --------------------------------------------------------------------------------------------
# The cases
# --------------------------------------------------------------------------------------------


@dataclass
class Case:
    folder: str
    name: str
    data: bytes
    meta: dict


CASES: list[Case] = []


def p(code: str, sheet: str | None = None, row: int | None = None, column: str | None = None) -> dict:
    return {"code": code, "sheet": sheet, "row": row, "column": column}


def refused(
    name: str,
    description: str,
    grids: list[Grid] | bytes,
    problems: list[dict],
    *,
    base: bool = True,
    plan: str | None = None,
    only: bool = True,
    unreadable: bool = False,
) -> None:
    data = grids if isinstance(grids, bytes) else workbook(*grids)
    meta = {
        "description": description,
        "base": BASE if base else None,
        "plan": plan,
        "unreadable": unreadable,
        "only": only,
        "problems": problems,
    }
    CASES.append(Case("refused", name, data, meta))


def valid(
    name: str,
    description: str,
    grids: list[Grid],
    rows: dict[str, int],
    expect: dict[str, list],
    *,
    base: bool = True,
    warnings: list[dict] | None = None,
) -> None:
    meta = {
        "description": description,
        "base": BASE if base else None,
        "rows": rows,
        "expect": expect,
        "warnings": warnings or [],
    }
    CASES.append(Case("valid", name, workbook(*grids), meta))


def row(match: dict, **values: object) -> dict:
    return {"match": match, "values": values}


def define_refused() -> None:
    refused(
        "missing_required_column",
        "Nhiệm vụ under a merged title banner (header on row 3) without the required Tiến độ (%) column.",
        [
            Grid(
                "Nhiệm vụ",
                [
                    ["DANH SÁCH NHIỆM VỤ NĂM 2019"],
                    [],
                    ["Mã NV", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thường xuyên", "Hạn hoàn thành"],
                    ["NV1", "Theo dõi dư luận báo chí", "P.TTBCXB", "Có", None],
                    ["NV2", "Tổng hợp danh sách cán bộ", "VP", "Không", d(2019, 3, 31)],
                ],
                merges=("A1:E1",),
            )
        ],
        [p("missing_column", "Nhiệm vụ", 3, "Tiến độ (%)")],
    )
    refused(
        "missing_columns_budget",
        "Ngân sách without Nguồn kinh phí and Giải ngân without Ngày.",
        [
            Grid("Ngân sách", [["Mã dòng", "Nội dung chi", "Dự toán (đồng)"], ["NS01", "Pa nô", 300_000_000]]),
            Grid("Giải ngân", [["Mã dòng", "Số tiền (đồng)", "Chứng từ"], ["NS01", 1_000_000, "UNC 20"]]),
        ],
        [p("missing_column", "Ngân sách", 1, "Nguồn kinh phí"), p("missing_column", "Giải ngân", 1, "Ngày")],
    )
    refused(
        "required_cells_empty",
        "Empty required cells: a unit without a name, a task without content, a lead unit of spaces only, "
        "a task without progress.",
        [
            Grid("Kế hoạch", SMALL_PLAN),
            Grid("Đơn vị", [*SMALL_UNITS[:2], ["P.KHTC", None, "Trong Sở"]]),
            Grid(
                "Nhiệm vụ",
                [
                    T_MIN,
                    ["NV1", None, "VP", "Có", None, 50],
                    ["NV2", "Tổng hợp danh sách", "   ", "Có", None, 20],
                    ["NV3", "Tập huấn", "P.KHTC", "Có", None, None],
                ],
            ),
        ],
        [
            p("required", "Đơn vị", 3, "Tên đơn vị"),
            p("required", "Nhiệm vụ", 2, "Nội dung nhiệm vụ"),
            p("required", "Nhiệm vụ", 3, "Đơn vị chủ trì"),
            p("required", "Nhiệm vụ", 4, "Tiến độ (%)"),
        ],
        base=False,
    )
    dated = [
        "Mã NV",
        "Nội dung nhiệm vụ",
        "Đơn vị chủ trì",
        "Thường xuyên",
        "Ngày bắt đầu",
        "Hạn hoàn thành",
        "Tiến độ (%)",
    ]
    refused(
        "date_no_such_day",
        "Dates that do not exist: 31/02/2019, 05/13/2019 (month first: never read as 13 May), 29/02/2019. "
        "A deadline task whose due date is unreadable gets only that one problem.",
        [
            Grid(
                "Nhiệm vụ",
                [
                    dated,
                    ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Không", "01/01/2019", "31/02/2019", 20],
                    ["NV2", "Tổng hợp danh sách", "VP", "Không", "05/13/2019", "31/12/2019", 0],
                    ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "Không", "29/02/2019", "31/07/2019", 0],
                ],
            )
        ],
        [
            p("no_such_date", "Nhiệm vụ", 2, "Hạn hoàn thành"),
            p("no_such_date", "Nhiệm vụ", 3, "Ngày bắt đầu"),
            p("no_such_date", "Nhiệm vụ", 4, "Ngày bắt đầu"),
        ],
    )
    refused(
        "date_not_a_date",
        "Text that is no date: 2019/13/01, words, a two-digit year (never guessed).",
        [
            Grid(
                "Nhiệm vụ",
                [
                    dated,
                    ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Không", "2019/13/01", "31/12/2019", 10],
                    ["NV2", "Tổng hợp danh sách", "VP", "Không", "01/01/2019", "mùng 5 tháng 3", 10],
                    ["NV3", "Lớp bồi dưỡng", "VP", "Không", "05/03/19", "31/12/2019", 10],
                ],
            )
        ],
        [
            p("expect_date", "Nhiệm vụ", 2, "Ngày bắt đầu"),
            p("expect_date", "Nhiệm vụ", 3, "Hạn hoàn thành"),
            p("expect_date", "Nhiệm vụ", 4, "Ngày bắt đầu"),
        ],
    )
    refused(
        "date_number",
        "Plain numbers (no date format) in the Ngày column of Giải ngân.",
        [
            Grid(
                "Giải ngân",
                [
                    ["Mã dòng", "Ngày", "Số tiền (đồng)", "Chứng từ"],
                    ["NS01", 43525, 10_000_000, "UNC 20"],
                    ["NS02", 20190305, 5_000_000, "UNC 21"],
                ],
            )
        ],
        [p("expect_date", "Giải ngân", 2, "Ngày"), p("expect_date", "Giải ngân", 3, "Ngày")],
    )
    money = ["Mã dòng", "Mã NV", "Nội dung chi", "Nguồn kinh phí", "Dự toán (đồng)"]
    refused(
        "money_text",
        "Text in a money column: words, irregular grouping 1.23.456, a foreign currency.",
        [
            Grid(
                "Ngân sách",
                [
                    money,
                    ["NS01", "NV4", "Pa nô", "Ngân sách nhà nước", "ba trăm triệu"],
                    ["NS02", "NV3", "Lớp bồi dưỡng", "Ngân sách nhà nước", "1.23.456"],
                    ["NS03", "NV1", "Theo dõi báo chí", "Xã hội hóa", "20.000.000 USD"],
                ],
            )
        ],
        [
            p("expect_money", "Ngân sách", 2, "Dự toán (đồng)"),
            p("expect_money", "Ngân sách", 3, "Dự toán (đồng)"),
            p("expect_money", "Ngân sách", 4, "Dự toán (đồng)"),
        ],
    )
    refused(
        "money_fraction",
        "Fractions of a đồng: text 1.234,56 and 2.5 are no amount; the number 1234.56 has a fraction.",
        [
            Grid(
                "Ngân sách",
                [
                    money,
                    ["NS01", "NV4", "Pa nô", "Ngân sách nhà nước", "1.234,56"],
                    ["NS02", "NV3", "Lớp bồi dưỡng", "Ngân sách nhà nước", 1234.56],
                    ["NS03", "NV1", "Theo dõi báo chí", "Xã hội hóa", "2.5"],
                ],
            )
        ],
        [
            p("expect_money", "Ngân sách", 2, "Dự toán (đồng)"),
            p("fractional_money", "Ngân sách", 3, "Dự toán (đồng)"),
            p("expect_money", "Ngân sách", 4, "Dự toán (đồng)"),
        ],
    )
    refused(
        "money_negative",
        "A negative disbursement.",
        [
            Grid(
                "Giải ngân",
                [["Mã dòng", "Ngày", "Số tiền (đồng)", "Chứng từ"], ["NS01", d(2019, 5, 2), -500_000, "UNC 30"]],
            )
        ],
        [p("negative_money", "Giải ngân", 2, "Số tiền (đồng)")],
    )
    refused(
        "percent_invalid",
        "Progress 120, 'abc%', 1.2 in a cell formatted 0% (= 120 %), '150%', -10.",
        [
            Grid(
                "Nhiệm vụ",
                [
                    T_MIN,
                    ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, 120],
                    ["NV2", "Tổng hợp danh sách", "VP", "Có", None, "abc%"],
                    ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "Có", None, 1.2],
                    ["NV4", "Pa nô", "P.KHTC", "Có", None, "150%"],
                    ["NV5", "Báo cáo", "VP", "Có", None, -10],
                ],
                formats={"F4": "0%"},
            )
        ],
        [
            p("percent_range", "Nhiệm vụ", 2, "Tiến độ (%)"),
            p("expect_percent", "Nhiệm vụ", 3, "Tiến độ (%)"),
            p("percent_range", "Nhiệm vụ", 4, "Tiến độ (%)"),
            p("percent_range", "Nhiệm vụ", 5, "Tiến độ (%)"),
            p("percent_range", "Nhiệm vụ", 6, "Tiến độ (%)"),
        ],
    )
    refused(
        "quarter_invalid",
        "Quarter V, 5 and 'Quý 3 năm sau'.",
        [
            Grid(
                "Mốc tiến độ",
                [
                    ["Mã mốc", "Mã NV", "Nội dung mốc", "Hạn", "Quý"],
                    ["M1", "NV4", "Khảo sát", d(2019, 3, 31), "V"],
                    ["M2", "NV4", "Chọn nhà thầu", d(2019, 6, 30), 5],
                    ["M3", "NV4", "Thi công", d(2019, 9, 30), "Quý 3 năm sau"],
                ],
            )
        ],
        [
            p("expect_quarter", "Mốc tiến độ", 2, "Quý"),
            p("expect_quarter", "Mốc tiến độ", 3, "Quý"),
            p("expect_quarter", "Mốc tiến độ", 4, "Quý"),
        ],
    )
    refused(
        "funding_not_in_list",
        "Nguồn kinh phí outside the closed list: 'Ngân sách TW', 'Vốn vay ODA'.",
        [
            Grid(
                "Ngân sách",
                [
                    ["Mã dòng", "Nội dung chi", "Nguồn kinh phí", "Dự toán (đồng)"],
                    ["NS01", "Pa nô", "Ngân sách TW", 300_000_000],
                    ["NS02", "Lớp bồi dưỡng", "Vốn vay ODA", 50_000_000],
                ],
            )
        ],
        [p("not_in_list", "Ngân sách", 2, "Nguồn kinh phí"), p("not_in_list", "Ngân sách", 3, "Nguồn kinh phí")],
    )
    refused(
        "media_not_in_list",
        "Báo chí: Phạm vi 'Khu vực', Loại hình 'Podcast', Sắc thái 'Rất tốt', Sai lệch 'Có lẽ'.",
        [
            Grid(
                "Báo chí",
                [
                    [
                        "Ngày đăng",
                        "Cơ quan báo chí",
                        "Phạm vi",
                        "Loại hình",
                        "Tiêu đề",
                        "Đường dẫn",
                        "Sắc thái",
                        "Sai lệch",
                    ],
                    [
                        d(2019, 3, 5),
                        "Báo Gia Lai",
                        "Khu vực",
                        "Báo điện tử",
                        "Tin 1",
                        "https://baogialai.com.vn/tin-1",
                        "Tích cực",
                        "Không",
                    ],
                    [
                        d(2019, 3, 6),
                        "VOV",
                        "Trong nước",
                        "Podcast",
                        "Tin 2",
                        "https://vov.vn/tin-2",
                        "Rất tốt",
                        "Có lẽ",
                    ],
                ],
            )
        ],
        [
            p("not_in_list", "Báo chí", 2, "Phạm vi"),
            p("not_in_list", "Báo chí", 3, "Loại hình"),
            p("not_in_list", "Báo chí", 3, "Sắc thái"),
            p("not_in_list", "Báo chí", 3, "Sai lệch"),
        ],
    )
    refused(
        "task_not_in_list",
        "Thường xuyên 'Thỉnh thoảng', Trạng thái 'Đã xong', unit Loại 'Nội bộ tỉnh'.",
        [
            Grid(
                "Đơn vị",
                [UNIT_HEADERS, ["P.TTBCXB", "Phòng TTBCXB", "Trong Sở"], ["VP", "Văn phòng Sở", "Nội bộ tỉnh"]],
            ),
            Grid(
                "Nhiệm vụ",
                [
                    [*T_MIN, "Trạng thái"],
                    ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Thỉnh thoảng", d(2019, 12, 31), 30, "Đang thực hiện"],
                    ["NV2", "Tổng hợp danh sách", "VP", "Không", d(2019, 3, 31), 100, "Đã xong"],
                ],
            ),
        ],
        [
            p("not_in_list", "Đơn vị", 3, "Loại"),
            p("not_in_list", "Nhiệm vụ", 2, "Thường xuyên"),
            p("not_in_list", "Nhiệm vụ", 3, "Trạng thái"),
        ],
    )
    refused(
        "yes_no_number_after_excel_true",
        "Sai lệch holds an Excel TRUE (read as Có) and then the number 1, which is no word of the Có/Không list: "
        "each cell is judged on its own, whatever the cells above held.",
        [
            Grid(
                "Báo chí",
                [
                    ["Ngày đăng", "Cơ quan báo chí", "Phạm vi", "Tiêu đề", "Đường dẫn", "Sai lệch"],
                    [d(2019, 4, 1), "Báo Gia Lai", "Trong nước", "Tin A", "https://baogialai.com.vn/tin-a", True],
                    [d(2019, 4, 2), "VOV", "Trong nước", "Tin B", "https://vov.vn/tin-b", 1],
                ],
            )
        ],
        [p("not_in_list", "Báo chí", 3, "Sai lệch")],
    )
    refused(
        "duplicate_task",
        "Mã NV NV1 twice (the second typed 'nv1 ').",
        [
            Grid(
                "Nhiệm vụ",
                [
                    T_MIN,
                    ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, 30],
                    ["NV2", "Tổng hợp danh sách", "VP", "Có", None, 100],
                    ["nv1 ", "Theo dõi báo chí (bản sao)", "P.TTBCXB", "Có", None, 40],
                ],
            )
        ],
        [p("duplicate_key", "Nhiệm vụ", 4, "Mã NV")],
    )
    refused(
        "duplicate_budget_line",
        "Mã dòng NS01 twice.",
        [
            Grid(
                "Ngân sách",
                [
                    ["Mã dòng", "Nội dung chi", "Nguồn kinh phí", "Dự toán (đồng)"],
                    ["NS01", "Pa nô", "Ngân sách nhà nước", 300_000_000],
                    ["NS02", "Lớp bồi dưỡng", "Ngân sách nhà nước", 50_000_000],
                    ["NS01", "Pa nô bổ sung", "Xã hội hóa", 10_000_000],
                ],
            )
        ],
        [p("duplicate_key", "Ngân sách", 4, "Mã dòng")],
    )
    refused(
        "duplicate_media_link",
        "Two mentions with the same link.",
        [
            Grid(
                "Báo chí",
                [
                    ["Ngày đăng", "Cơ quan báo chí", "Phạm vi", "Tiêu đề", "Đường dẫn"],
                    [d(2019, 4, 1), "Báo Gia Lai", "Trong nước", "Tin A", "https://baogialai.com.vn/tin-a"],
                    [d(2019, 4, 2), "VOV", "Trong nước", "Tin B", "https://vov.vn/tin-b"],
                    [d(2019, 4, 3), "Báo Gia Lai", "Trong nước", "Tin A (cập nhật)", "https://baogialai.com.vn/tin-a"],
                ],
            )
        ],
        [p("duplicate_key", "Báo chí", 4, "Đường dẫn")],
    )
    refused(
        "duplicate_milestone",
        "Mã mốc M1 twice.",
        [
            Grid(
                "Mốc tiến độ",
                [
                    ["Mã mốc", "Mã NV", "Nội dung mốc", "Hạn"],
                    ["M1", "NV4", "Khảo sát", d(2019, 3, 31)],
                    ["M2", "NV4", "Chọn nhà thầu", d(2019, 6, 30)],
                    ["M1", "NV4", "Thi công", d(2019, 9, 30)],
                ],
            )
        ],
        [p("duplicate_key", "Mốc tiến độ", 4, "Mã mốc")],
    )
    refused(
        "duplicate_indicator",
        "Indicator NV3 + Học viên twice (second in lower case): the key is Mã NV + Chỉ tiêu.",
        [
            Grid(
                "Chỉ tiêu",
                [
                    ["Mã NV", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"],
                    ["NV3", "Học viên", "người", 80],
                    ["NV3", "Lớp bồi dưỡng", "lớp", 1],
                    ["NV3", "học viên", "người", 90],
                ],
            )
        ],
        [p("duplicate_key", "Chỉ tiêu", 4, "Mã NV + Chỉ tiêu")],
    )
    refused(
        "duplicate_media_without_link",
        "Two mentions without a link and the same Ngày đăng + Cơ quan báo chí + Tiêu đề (the fallback key): "
        "the problem names the fallback key's columns, not the empty Đường dẫn.",
        [
            Grid(
                "Báo chí",
                [
                    ["Ngày đăng", "Cơ quan báo chí", "Phạm vi", "Tiêu đề", "Đường dẫn"],
                    [d(2019, 4, 1), "Báo Gia Lai", "Trong nước", "Tin A", None],
                    [d(2019, 4, 1), "Báo Gia Lai", "Trong nước", "Tin A", None],
                ],
            )
        ],
        [p("duplicate_key", "Báo chí", 3, "Ngày đăng + Cơ quan báo chí + Tiêu đề")],
    )
    refused(
        "unknown_task_indicator",
        "An indicator of task NV9, which the plan does not have.",
        [
            Grid(
                "Chỉ tiêu",
                [
                    ["Mã NV", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"],
                    ["NV3", "Học viên", "người", 80],
                    ["NV9", "Cụm pa nô", "cụm", 2],
                ],
            )
        ],
        [p("unknown_task", "Chỉ tiêu", 3, "Mã NV")],
    )
    refused(
        "unknown_budget_line",
        "A disbursement against line NS99, which the plan does not have.",
        [
            Grid(
                "Giải ngân",
                [
                    ["Mã dòng", "Ngày", "Số tiền (đồng)", "Chứng từ"],
                    ["NS01", d(2019, 5, 2), 1_000_000, "UNC 30"],
                    ["NS99", d(2019, 5, 3), 2_000_000, "UNC 31"],
                ],
            )
        ],
        [p("unknown_line", "Giải ngân", 3, "Mã dòng")],
    )
    refused(
        "unknown_lead_unit",
        "Đơn vị chủ trì 'Phòng X', which is no unit of the plan.",
        [Grid("Nhiệm vụ", [T_MIN, ["NV1", "Theo dõi báo chí", "Phòng X", "Có", None, 30]])],
        [p("unknown_unit", "Nhiệm vụ", 2, "Đơn vị chủ trì")],
    )
    refused(
        "unknown_support_unit",
        "An unknown unit inside Đơn vị phối hợp lists separated by ';' and by a new line.",
        [
            Grid(
                "Nhiệm vụ",
                [
                    [*T_MIN, "Đơn vị phối hợp"],
                    ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, 30, "VP; P.XYZ"],
                    ["NV2", "Tổng hợp danh sách", "VP", "Có", None, 100, "P.KHTC\nSở Tài chính"],
                ],
            )
        ],
        [p("unknown_unit", "Nhiệm vụ", 2, "Đơn vị phối hợp"), p("unknown_unit", "Nhiệm vụ", 3, "Đơn vị phối hợp")],
    )
    refused(
        "unknown_references_other_sheets",
        "Unknown task and managing unit in Ngân sách, unknown unit in Mốc tiến độ, unknown task in Báo chí.",
        [
            Grid(
                "Ngân sách",
                [
                    ["Mã dòng", "Mã NV", "Nội dung chi", "Nguồn kinh phí", "Đơn vị quản lý", "Dự toán (đồng)"],
                    ["NS01", "NV9", "Pa nô", "Ngân sách nhà nước", "Phòng Y", 300_000_000],
                ],
            ),
            Grid(
                "Mốc tiến độ",
                [
                    ["Mã mốc", "Mã NV", "Nội dung mốc", "Hạn", "Đơn vị thực hiện"],
                    ["M1", "NV4", "Khảo sát", d(2019, 3, 31), "ABC"],
                ],
            ),
            Grid(
                "Báo chí",
                [
                    ["Ngày đăng", "Cơ quan báo chí", "Phạm vi", "Tiêu đề", "Đường dẫn", "Mã NV"],
                    [d(2019, 4, 1), "Báo Gia Lai", "Trong nước", "Tin A", "https://baogialai.com.vn/tin-a", "NV7"],
                ],
            ),
        ],
        [
            p("unknown_task", "Ngân sách", 2, "Mã NV"),
            p("unknown_unit", "Ngân sách", 2, "Đơn vị quản lý"),
            p("unknown_unit", "Mốc tiến độ", 2, "Đơn vị thực hiện"),
            p("unknown_task", "Báo chí", 2, "Mã NV"),
        ],
    )
    refused(
        "unit_missing_from_file_units",
        "The file's Đơn vị sheet (the full list) drops P.TTBCXB, which a task in the same file still leads.",
        [
            Grid("Đơn vị", SMALL_UNITS),
            Grid("Nhiệm vụ", [T_MIN, ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, 30]]),
        ],
        [p("unknown_unit", "Nhiệm vụ", 2, "Đơn vị chủ trì")],
    )
    refused(
        "due_required",
        "Deadline tasks (Thường xuyên = Không, or left blank) without Hạn hoàn thành.",
        [
            Grid(
                "Nhiệm vụ",
                [
                    T_MIN,
                    ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, 30],
                    ["NV2", "Tổng hợp danh sách", "VP", "Không", None, 100],
                    ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", None, None, 0],
                ],
            )
        ],
        [p("due_required", "Nhiệm vụ", 3, "Hạn hoàn thành"), p("due_required", "Nhiệm vụ", 4, "Hạn hoàn thành")],
    )
    refused(
        "start_after_due",
        "Ngày bắt đầu 01/10/2019 after Hạn hoàn thành 30/09/2019.",
        [Grid("Nhiệm vụ", [dated, ["NV4", "Pa nô", "P.KHTC", "Không", d(2019, 10, 1), d(2019, 9, 30), 10]])],
        [p("start_after_due", "Nhiệm vụ", 2, "Ngày bắt đầu")],
    )
    refused(
        "response_before_publication",
        "A false report answered (Ngày xử lý 05/03/2019) before it was published (10/03/2019).",
        [
            Grid(
                "Báo chí",
                [
                    [
                        "Ngày đăng",
                        "Cơ quan báo chí",
                        "Phạm vi",
                        "Tiêu đề",
                        "Đường dẫn",
                        "Sai lệch",
                        "Tình trạng xử lý",
                        "Ngày xử lý",
                    ],
                    [
                        "10/03/2019",
                        "Radio Free Asia",
                        "Nước ngoài",
                        "Tin sai",
                        "https://example.org/rfa-2",
                        "Có",
                        "Đã phản bác/cải chính",
                        "05/03/2019",
                    ],
                ],
            )
        ],
        [p("responded_before_published", "Báo chí", 2, "Ngày xử lý")],
    )
    refused(
        "formula_without_value",
        "Formulas never calculated (file written by a script) in required cells: Mã NV, Tiến độ (%), Dự toán.",
        [
            Grid(
                "Nhiệm vụ", [T_MIN, [Formula('="NV"&1'), "Theo dõi báo chí", "P.TTBCXB", "Có", None, Formula("=50+10")]]
            ),
            Grid(
                "Ngân sách",
                [
                    ["Mã dòng", "Nội dung chi", "Nguồn kinh phí", "Dự toán (đồng)"],
                    ["NS01", "Pa nô", "Ngân sách nhà nước", Formula("=100000000*3")],
                ],
            ),
        ],
        [
            p("formula_no_value", "Nhiệm vụ", 2, "Mã NV"),
            p("formula_no_value", "Nhiệm vụ", 2, "Tiến độ (%)"),
            p("formula_no_value", "Ngân sách", 2, "Dự toán (đồng)"),
        ],
    )
    refused(
        "formula_in_plan_sheet",
        "The plan's Năm is a formula never calculated.",
        [
            Grid(
                "Kế hoạch",
                [["Tên kế hoạch", "Kế hoạch thử nghiệm"], ["Số hiệu", "01/KH-TEST"], ["Năm", Formula("=2018+1")]],
            ),
            Grid("Đơn vị", SMALL_UNITS),
        ],
        [p("formula_no_value", "Kế hoạch", 3, "Năm")],
        base=False,
    )
    refused(
        "plan_without_year",
        "A Kế hoạch sheet with no Năm row.",
        [
            Grid("Kế hoạch", SMALL_PLAN[:2]),
            Grid("Đơn vị", SMALL_UNITS),
            Grid("Nhiệm vụ", [T_MIN, ["NV1", "Theo dõi báo chí", "VP", "Có", None, 30]]),
        ],
        [p("plan_field_missing", "Kế hoạch", None, "Năm")],
        base=False,
    )
    refused(
        "plan_bad_values",
        "Kế hoạch under a banner: empty Tên kế hoạch, Năm in words, Ngày ban hành with a two-digit year.",
        [
            Grid(
                "Kế hoạch",
                [
                    ["KẾ HOẠCH"],
                    ["Tên kế hoạch", None],
                    ["Số hiệu", "02/KH-TEST"],
                    ["Năm", "hai nghìn mười chín"],
                    ["Ngày ban hành", "20/3/19"],
                ],
                merges=("A1:B1",),
            )
        ],
        [
            p("required", "Kế hoạch", 2, "Tên kế hoạch"),
            p("expect_number", "Kế hoạch", 4, "Năm"),
            p("expect_date", "Kế hoạch", 5, "Ngày ban hành"),
        ],
        base=False,
    )
    refused(
        "no_plan",
        "An empty database and a file without a Kế hoạch sheet: no plan to update.",
        [Grid("Nhiệm vụ", [T_MIN, ["NV1", "Theo dõi báo chí", "VP", "Có", None, 30]])],
        [p("no_plan")],
        base=False,
        only=False,
    )
    refused(
        "unknown_plan",
        "The upload names plan '2020', which the database does not hold.",
        [Grid("Nhiệm vụ", [T_MIN, ["NV1", "Theo dõi báo chí", "VP", "Có", None, 30]])],
        [p("unknown_plan")],
        plan="2020",
        only=False,
    )
    banner = [["UBND TỈNH GIA LAI"], ["SỞ THÔNG TIN VÀ TRUYỀN THÔNG"], []] + [
        [f"Dòng giới thiệu {i}"] for i in range(12)
    ]
    refused(
        "no_header",
        "Nhiệm vụ whose header is on row 16, below the 15 rows searched.",
        [Grid("Nhiệm vụ", [*banner, T_MIN, ["NV1", "Theo dõi báo chí", "VP", "Có", None, 30]])],
        [p("no_header", "Nhiệm vụ")],
    )
    refused(
        "duplicate_column",
        "Mã NV twice in the header: 'Mã NV' and 'Ma NV'.",
        [
            Grid(
                "Nhiệm vụ",
                [
                    ["Mã NV", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thường xuyên", "Tiến độ (%)", "Ma NV"],
                    ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", 30, "NV1"],
                ],
            )
        ],
        [p("duplicate_column", "Nhiệm vụ", 1, "Ma NV")],
    )
    refused(
        "duplicate_sheet",
        "Two sheets that are both the Tasks sheet: 'Nhiệm vụ' and 'Tasks'.",
        [
            Grid("Nhiệm vụ", [T_MIN, ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, 30]]),
            Grid(
                "Tasks",
                [["Task code", "Task", "Lead unit", "Ongoing", "Progress (%)"], ["NV1", "Media", "VP", "Yes", 30]],
            ),
        ],
        [p("duplicate_sheet", "Tasks")],
    )
    refused(
        "number_and_int_invalid",
        "Chỉ tiêu Kế hoạch in words, a negative Thực hiện; Lượt tiếp cận '1,5' and 'nhiều'.",
        [
            Grid(
                "Chỉ tiêu",
                [
                    ["Mã NV", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện"],
                    ["NV3", "Học viên", "người", "tám mươi", None],
                    ["NV3", "Lớp bồi dưỡng", "lớp", 1, -3],
                ],
            ),
            Grid(
                "Báo chí",
                [
                    ["Ngày đăng", "Cơ quan báo chí", "Phạm vi", "Tiêu đề", "Đường dẫn", "Lượt tiếp cận"],
                    [d(2019, 4, 1), "Báo Gia Lai", "Trong nước", "Tin A", "https://baogialai.com.vn/tin-a", "1,5"],
                    [d(2019, 4, 2), "VOV", "Trong nước", "Tin B", "https://vov.vn/tin-b", "nhiều"],
                ],
            ),
        ],
        [
            p("expect_number", "Chỉ tiêu", 2, "Kế hoạch"),
            p("negative_number", "Chỉ tiêu", 3, "Thực hiện"),
            p("expect_int", "Báo chí", 2, "Lượt tiếp cận"),
            p("expect_number", "Báo chí", 3, "Lượt tiếp cận"),
        ],
    )
    refused(
        "many_problems",
        "A whole plan with problems on every sheet: all of them are reported at once.",
        [
            Grid("Kế hoạch", SMALL_PLAN),
            Grid("Đơn vị", [*SMALL_UNITS, ["VP", "Văn phòng Sở (trùng)", "Trong Sở"]]),
            Grid(
                "Nhiệm vụ",
                [
                    [
                        "Mã NV",
                        "Nội dung nhiệm vụ",
                        "Đơn vị chủ trì",
                        "Đơn vị phối hợp",
                        "Thường xuyên",
                        "Ngày bắt đầu",
                        "Hạn hoàn thành",
                        "Tiến độ (%)",
                        "Trạng thái",
                    ],
                    ["NV1", "Theo dõi báo chí", "VP", "P.KHTC", "Có", "01/01/2019", "31/12/2019", 30, "Đang thực hiện"],
                    ["NV2", None, "Phòng X", "VP", "Không", "01/04/2019", None, "abc%", "Đã xong"],
                    ["NV1", "Trùng mã", "VP", None, "Có", "31/02/2019", None, 50, None],
                ],
            ),
            Grid(
                "Mốc tiến độ", [["Mã mốc", "Mã NV", "Nội dung mốc", "Hạn", "Quý"], ["M1", "NV1", "Khảo sát", None, "V"]]
            ),
            Grid("Ngân sách", [money, ["NS01", "NV9", "Pa nô", "Ngân sách TW", "1.234,56"]]),
            Grid("Giải ngân", [["Mã dòng", "Ngày", "Số tiền (đồng)"], ["NS02", "2019/13/01", -1000]]),
            Grid(
                "Báo chí",
                [
                    ["Ngày đăng", "Cơ quan báo chí", "Phạm vi", "Tiêu đề", "Đường dẫn", "Ngày xử lý"],
                    [
                        d(2019, 3, 10),
                        "Radio Free Asia",
                        "Khu vực",
                        "Tin sai",
                        "https://example.org/rfa-3",
                        d(2019, 3, 5),
                    ],
                ],
            ),
        ],
        [
            p("duplicate_key", "Đơn vị", 4, "Mã đơn vị"),
            p("required", "Nhiệm vụ", 3, "Nội dung nhiệm vụ"),
            p("unknown_unit", "Nhiệm vụ", 3, "Đơn vị chủ trì"),
            p("due_required", "Nhiệm vụ", 3, "Hạn hoàn thành"),
            p("expect_percent", "Nhiệm vụ", 3, "Tiến độ (%)"),
            p("not_in_list", "Nhiệm vụ", 3, "Trạng thái"),
            p("duplicate_key", "Nhiệm vụ", 4, "Mã NV"),
            p("no_such_date", "Nhiệm vụ", 4, "Ngày bắt đầu"),
            p("required", "Mốc tiến độ", 2, "Hạn"),
            p("expect_quarter", "Mốc tiến độ", 2, "Quý"),
            p("unknown_task", "Ngân sách", 2, "Mã NV"),
            p("not_in_list", "Ngân sách", 2, "Nguồn kinh phí"),
            p("expect_money", "Ngân sách", 2, "Dự toán (đồng)"),
            p("unknown_line", "Giải ngân", 2, "Mã dòng"),
            p("expect_date", "Giải ngân", 2, "Ngày"),
            p("negative_money", "Giải ngân", 2, "Số tiền (đồng)"),
            p("not_in_list", "Báo chí", 2, "Phạm vi"),
            p("responded_before_published", "Báo chí", 2, "Ngày xử lý"),
        ],
        base=False,
    )

    # Files that are no workbook at all.
    real = base_workbook()
    refused("unreadable_empty_file", "A file of 0 bytes.", b"", [p("file_empty")], unreadable=True)
    refused(
        "unreadable_csv_renamed",
        "A CSV export renamed to .xlsx.",
        "Mã NV,Nội dung nhiệm vụ,Đơn vị chủ trì,Tiến độ (%)\r\nNV1,Theo dõi báo chí,VP,30\r\n".encode("utf-8-sig"),
        [p("file_not_xlsx")],
        unreadable=True,
    )
    refused(
        "unreadable_truncated",
        "The first half of a real .xlsx (an interrupted upload).",
        real[: len(real) // 2],
        [p("file_corrupt")],
        unreadable=True,
    )
    refused(
        "unreadable_docx_renamed",
        "A Word-like zip (no xl/workbook.xml) renamed to .xlsx.",
        plain_zip(
            {
                "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
                "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
            }
        ),
        [p("file_not_xlsx")],
        unreadable=True,
    )
    refused(
        "unreadable_xls_renamed",
        "An old binary .xls (OLE2 compound file) renamed to .xlsx.",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        [p("file_not_xlsx")],
        unreadable=True,
    )
    refused(
        "no_known_sheet",
        "A real workbook whose only sheet is 'Sheet1': read, but none of the template's sheets.",
        [Grid("Sheet1", [T_MIN, ["NV1", "Theo dõi báo chí", "VP", "Có", None, 30]])],
        [p("no_known_sheet")],
        base=False,
        only=False,
    )


def define_valid() -> None:
    valid(
        "banners_and_title_rows",
        "A new plan as offices send it: title rows and merged banners above every header, headers with the "
        "template's stars and colons, Năm typed as text, dates as text.",
        [
            Grid(
                "Kế hoạch",
                [
                    ["KẾ HOẠCH TRIỂN KHAI CÔNG TÁC THÔNG TIN ĐỐI NGOẠI NĂM 2019"],
                    [],
                    ["Thông tin", "Giá trị"],
                    ["Tên kế hoạch *", "Kế hoạch triển khai công tác thông tin đối ngoại năm 2019"],
                    ["Số hiệu", "25/KH-STTTT"],
                    ["Năm *", "2019"],
                    ["Đơn vị ban hành", "Sở Thông tin và Truyền thông tỉnh Gia Lai"],
                    ["Ngày ban hành:", "20/03/2019"],
                    ["Căn cứ", "Kế hoạch số 495/KH-UBND; Nghị định 72/2015/NĐ-CP"],
                ],
                merges=("A1:B1",),
            ),
            Grid(
                "Đơn vị",
                [
                    ["DANH SÁCH ĐƠN VỊ"],
                    ["(Kèm theo Kế hoạch số 25/KH-STTTT)"],
                    ["Mã đơn vị *", "Tên đơn vị *", "Loại"],
                    ["P.TTBCXB", "Phòng Thông tin - Báo chí - Xuất bản", "Trong Sở"],
                    ["VP", "Văn phòng Sở", "Trong Sở"],
                    ["SNV", "Sở Ngoại vụ", "Bên ngoài"],
                ],
                merges=("A1:C1", "A2:C2"),
            ),
            Grid(
                "Nhiệm vụ",
                [
                    ["UBND TỈNH GIA LAI", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                    ["SỞ THÔNG TIN VÀ TRUYỀN THÔNG", None, None, "Độc lập - Tự do - Hạnh phúc"],
                    [],
                    ["BẢNG THEO DÕI TIẾN ĐỘ NHIỆM VỤ"],
                    [
                        "Mã NV *",
                        "Nội dung nhiệm vụ *",
                        "Đơn vị chủ trì *",
                        "Đơn vị phối hợp",
                        "Thường xuyên",
                        "Ngày bắt đầu",
                        "Hạn hoàn thành",
                        "Tiến độ (%) *",
                    ],
                    [
                        "NV1",
                        "Theo dõi, tổng hợp dư luận báo chí",
                        "P.TTBCXB",
                        "VP",
                        "Có",
                        d(2019, 1, 1),
                        d(2019, 12, 31),
                        25,
                    ],
                    ["NV2", "Tổng hợp danh sách cán bộ", "VP", None, "Không", None, d(2019, 3, 31), 100],
                ],
                merges=("A1:C1", "D1:H1", "A2:C2", "D2:H2", "A4:H4"),
            ),
        ],
        {"plan_info": 1, "units": 3, "tasks": 2},
        {
            "plan_info": [
                row(
                    {"year": 2019},
                    title="Kế hoạch triển khai công tác thông tin đối ngoại năm 2019",
                    doc_number="25/KH-STTTT",
                    issuer="Sở Thông tin và Truyền thông tỉnh Gia Lai",
                    issued_on="2019-03-20",
                    legal_bases="Kế hoạch số 495/KH-UBND; Nghị định 72/2015/NĐ-CP",
                )
            ],
            "units": [
                row({"unit_code": "SNV"}, unit_name="Sở Ngoại vụ", unit_kind="external"),
                row({"unit_code": "VP"}, unit_name="Văn phòng Sở", unit_kind="internal"),
            ],
            "tasks": [
                row(
                    {"task_code": "NV1"},
                    content="Theo dõi, tổng hợp dư luận báo chí",
                    lead_unit="P.TTBCXB",
                    support_units=["VP"],
                    is_ongoing=True,
                    start_on="2019-01-01",
                    due_on="2019-12-31",
                    progress=25,
                ),
                row(
                    {"task_code": "NV2"},
                    lead_unit="VP",
                    support_units=[],
                    is_ongoing=False,
                    start_on=None,
                    due_on="2019-03-31",
                    progress=100,
                ),
            ],
        },
        base=False,
    )
    valid(
        "headers_without_diacritics",
        "Sheets and headers typed without diacritics: 'Nhiem vu', 'Ma NV', 'Noi dung nhiem vu', 'Chi tieu' …",
        [
            Grid(
                "Nhiem vu",
                [
                    [
                        "Ma NV",
                        "Noi dung nhiem vu",
                        "Don vi chu tri",
                        "Don vi phoi hop",
                        "Thoi gian thuc hien",
                        "Thuong xuyen",
                        "Ngay bat dau",
                        "Han hoan thanh",
                        "Tien do (%)",
                        "Trang thai",
                        "Ngay hoan thanh",
                        "Cap nhat ngay",
                        "Ghi chu",
                    ],
                    *TASK_ROWS,
                ],
            ),
            Grid(
                "Chi tieu",
                [
                    ["Ma NV", "Chi tieu", "Don vi tinh", "Ke hoach", "Thuc hien", "Ghi chu"],
                    ["NV3", "Lớp bồi dưỡng", "lớp", 1, 1, None],
                    ["NV3", "Học viên", "người", 80, 76, "4 học viên vắng"],
                    ["NV4", "Cụm pa nô", "cụm", 2, 0, None],
                ],
            ),
        ],
        {"tasks": 4, "indicators": 3},
        {
            "tasks": [
                row(
                    {"task_code": "NV2"},
                    lead_unit="VP",
                    is_ongoing=False,
                    due_on="2019-03-31",
                    progress=100,
                    state="done",
                    completed_on="2019-03-29",
                    updated_on="2019-03-29",
                    timing_text="Hoàn thành ngày 31/03/2019",
                ),
                row(
                    {"task_code": "NV4"},
                    support_units=["BĐBP", "SVHTTDL"],
                    start_on="2019-01-01",
                    due_on="2019-09-30",
                    progress=10,
                    state="in_progress",
                ),
            ],
            "indicators": [
                row(
                    {"task_code": "NV3", "indicator": "Học viên"},
                    measure_unit="người",
                    target=80,
                    actual=76,
                    note="4 học viên vắng",
                )
            ],
        },
    )
    valid(
        "english_headers",
        "A new plan with English sheet names, headers and list values; a managing unit given by its name.",
        [
            Grid(
                "Plan",
                [
                    ["Title", "Gia Lai external information plan 2019"],
                    ["Document number", "25/KH-STTTT"],
                    ["Year", 2019],
                    ["Issued by", "Gia Lai Department of Information and Communications"],
                    ["Issue date", d(2019, 3, 20)],
                ],
            ),
            Grid(
                "Units",
                [
                    ["Unit code", "Unit name", "Kind"],
                    ["P.KHTC", "Planning and Finance Division", "Internal"],
                    ["VP", "Office", "internal"],
                    ["BĐBP", "Border Guard Command", "External"],
                ],
            ),
            Grid(
                "Tasks",
                [
                    [
                        "Task code",
                        "Task",
                        "Lead unit",
                        "Supporting units",
                        "Ongoing",
                        "Start date",
                        "Due date",
                        "Progress (%)",
                        "State",
                        "Completion date",
                        "Updated on",
                        "Note",
                    ],
                    [
                        "NV4",
                        "Build two billboard clusters on the border",
                        "P.KHTC",
                        "BĐBP; VP",
                        "No",
                        d(2019, 1, 1),
                        d(2019, 9, 30),
                        "40%",
                        "In progress",
                        None,
                        d(2019, 6, 30),
                        "Quarter window",
                    ],
                    [
                        "NV2",
                        "List of officials",
                        "VP",
                        None,
                        "No",
                        None,
                        d(2019, 3, 31),
                        100,
                        "Done",
                        d(2019, 3, 29),
                        d(2019, 3, 29),
                        None,
                    ],
                ],
            ),
            Grid(
                "Budget",
                [
                    ["Line code", "Task code", "Item", "Funding source", "Managing unit", "Planned (VND)", "Note"],
                    ["NS01", "NV4", "Billboards", "State budget", "P.KHTC", "300,000,000", None],
                    ["NS02", "NV4", "Sponsorship", "Private contributions", "Office", 50_000_000, None],
                ],
            ),
            Grid(
                "Disbursements",
                [
                    ["Line code", "Date", "Amount (VND)", "Voucher", "Note"],
                    ["NS01", "2019-04-15", "50,000,000", "PC 12", None],
                ],
            ),
        ],
        {"plan_info": 1, "units": 3, "tasks": 2, "budget_lines": 2, "disbursements": 1},
        {
            "plan_info": [
                row(
                    {"year": 2019},
                    title="Gia Lai external information plan 2019",
                    doc_number="25/KH-STTTT",
                    issued_on="2019-03-20",
                )
            ],
            "units": [row({"unit_code": "BĐBP"}, unit_name="Border Guard Command", unit_kind="external")],
            "tasks": [
                row(
                    {"task_code": "NV4"},
                    lead_unit="P.KHTC",
                    support_units=["BĐBP", "VP"],
                    is_ongoing=False,
                    progress=40,
                    state="in_progress",
                    updated_on="2019-06-30",
                    note="Quarter window",
                ),
                row({"task_code": "NV2"}, state="done", completed_on="2019-03-29", progress=100),
            ],
            "budget_lines": [
                row({"line_code": "NS01"}, task_code="NV4", source="state", unit_code="P.KHTC", planned=300_000_000),
                row({"line_code": "NS02"}, source="social", unit_code="VP", planned=50_000_000),
            ],
            "disbursements": [row({"line_code": "NS01"}, paid_on="2019-04-15", amount=50_000_000, voucher="PC 12")],
        },
        base=False,
    )
    valid(
        "header_spelling",
        "Headers with trailing and doubled spaces, odd case, decomposed (NFD) Unicode, a star and a colon; "
        "an upper-case sheet name; NFD list values.",
        [
            Grid(
                "NHIỆM VỤ",
                [
                    [
                        "  Mã  NV  ",
                        nfd("Nội dung nhiệm vụ"),
                        "ĐƠN VỊ CHỦ TRÌ",
                        "đơn vị phối hợp ",
                        "Thường Xuyên",
                        "Hạn hoàn thành *",
                        nfd("Tiến độ (%)") + " ",
                        "trạng thái:",
                    ],
                    ["NV1", "Theo dõi báo chí", "P.TTBCXB", "VP", "Có", None, 35, nfd("Đang thực hiện")],
                    [
                        "NV2",
                        nfd("Tổng hợp danh sách cán bộ"),
                        "VP",
                        None,
                        nfd("Không"),
                        d(2019, 3, 31),
                        100,
                        "Hoàn thành",
                    ],
                    ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "P.KHTC", "Không", d(2019, 7, 31), 0, "Chưa triển khai"],
                    ["NV4", "Pa nô", "P.KHTC", "BĐBP", "Không", d(2019, 9, 30), 15, "Đang thực hiện"],
                ],
            )
        ],
        {
            "plan_info": 1,
            "units": 6,
            "tasks": 4,
            "indicators": 3,
            "milestones": 4,
            "budget_lines": 3,
            "disbursements": 1,
            "media": 2,
        },
        {
            "tasks": [
                row(
                    {"task_code": "NV1"},
                    content="Theo dõi báo chí",
                    lead_unit="P.TTBCXB",
                    support_units=["VP"],
                    is_ongoing=True,
                    progress=35,
                    state="in_progress",
                ),
                row(
                    {"task_code": "NV2"},
                    content="Tổng hợp danh sách cán bộ",
                    is_ongoing=False,
                    due_on="2019-03-31",
                    progress=100,
                    state="done",
                ),
            ],
        },
    )
    valid(
        "dates_every_form",
        "Dates as real Excel dates and date-times, as 05/03/2019 (5 March), 5/3/2019, 2019-03-05, 01.07.2019, "
        "31-07-2019, with spaces around.",
        [
            Grid(
                "Nhiệm vụ",
                [
                    [
                        "Mã NV",
                        "Nội dung nhiệm vụ",
                        "Đơn vị chủ trì",
                        "Thường xuyên",
                        "Ngày bắt đầu",
                        "Hạn hoàn thành",
                        "Tiến độ (%)",
                        "Ngày hoàn thành",
                        "Cập nhật ngày",
                    ],
                    [
                        "NV1",
                        "Theo dõi báo chí",
                        "P.TTBCXB",
                        "Có",
                        d(2019, 1, 1),
                        dt.datetime(2019, 12, 31),
                        50,
                        None,
                        "05/03/2019",
                    ],
                    [
                        "NV2",
                        "Tổng hợp danh sách",
                        "VP",
                        "Không",
                        "5/3/2019",
                        "2019-03-31",
                        100,
                        "29/03/2019",
                        "2019-03-29",
                    ],
                    ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "Không", "01.07.2019", "31-07-2019", 0, None, "5/3/2019"],
                    [
                        "NV4",
                        "Pa nô",
                        "P.KHTC",
                        "Không",
                        " 2019-01-02 ",
                        d(2019, 9, 30),
                        20,
                        None,
                        dt.datetime(2019, 3, 5, 14, 30),
                    ],
                ],
                formats={"F5": "dd/mm/yyyy", "I5": "dd/mm/yyyy hh:mm"},
            ),
            Grid(
                "Giải ngân",
                [
                    ["Mã dòng", "Ngày", "Số tiền (đồng)", "Chứng từ"],
                    ["NS01", "05/03/2019", 1_000_000, "PC 01"],
                    ["NS01", "5/3/2019", 2_000_000, "PC 02"],
                    ["NS02", "2019-03-05", 3_000_000, "PC 03"],
                    ["NS02", d(2019, 3, 5), 4_000_000, "PC 04"],
                ],
            ),
        ],
        {"tasks": 4, "disbursements": 5},
        {
            "tasks": [
                row({"task_code": "NV1"}, start_on="2019-01-01", due_on="2019-12-31", updated_on="2019-03-05"),
                row(
                    {"task_code": "NV2"},
                    start_on="2019-03-05",
                    due_on="2019-03-31",
                    completed_on="2019-03-29",
                    updated_on="2019-03-29",
                ),
                row({"task_code": "NV3"}, start_on="2019-07-01", due_on="2019-07-31", updated_on="2019-03-05"),
                row({"task_code": "NV4"}, start_on="2019-01-02", due_on="2019-09-30", updated_on="2019-03-05"),
            ],
            "disbursements": [
                row({"voucher": "PC 01"}, line_code="NS01", paid_on="2019-03-05", amount=1_000_000),
                row({"voucher": "PC 02"}, line_code="NS01", paid_on="2019-03-05", amount=2_000_000),
                row({"voucher": "PC 03"}, line_code="NS02", paid_on="2019-03-05", amount=3_000_000),
                row({"voucher": "PC 04"}, line_code="NS02", paid_on="2019-03-05", amount=4_000_000),
            ],
        },
    )
    valid(
        "money_every_form",
        "Money as a number, '1.234.567', '1,234,567', '1 234 567', '2.000' (two thousand), '2.000 đ', "
        "'1.234.567 VNĐ', no-break spaces, '300.000.000 ₫', 2000.0.",
        [
            Grid(
                "Ngân sách",
                [
                    BUDGET_HEADERS[:6],
                    ["NS01", "NV4", "Pa nô", "Ngân sách nhà nước", "P.KHTC", 1_234_567],
                    ["NS02", "NV3", "Lớp bồi dưỡng", "Ngân sách nhà nước", "P.TTBCXB", "1.234.567"],
                    ["NS03", "NV1", "Theo dõi báo chí", "Xã hội hóa", "P.TTBCXB", "1,234,567"],
                    ["NS04", None, "Văn phòng phẩm", "Lồng ghép", "VP", "1 234 567"],
                    ["NS05", None, "Nước uống", "Lồng ghép", "VP", "2.000"],
                    ["NS06", None, "Gửi xe", "Lồng ghép", "VP", "2.000 đ"],
                    ["NS07", None, "In ấn", "Lồng ghép", "VP", "1.234.567 VNĐ"],
                    ["NS08", None, "Thuê hội trường", "Lồng ghép", "VP", "3\u00a0500\u00a0000"],
                    ["NS09", None, "Pa nô bổ sung", "Ngân sách nhà nước", "P.KHTC", "300.000.000 ₫"],
                    ["NS10", None, "Tem thư", "Lồng ghép", "VP", 2000.0],
                ],
                formats={"F2": "#,##0"},
            ),
            Grid(
                "Giải ngân",
                [
                    ["Mã dòng", "Ngày", "Số tiền (đồng)", "Chứng từ"],
                    ["NS04", d(2019, 5, 2), "500.000", "PC 05"],
                    ["NS09", d(2019, 5, 3), "1,000,000 đồng", "PC 06"],
                    ["NS09", d(2019, 5, 4), " 250 000 ", "PC 07"],
                ],
            ),
        ],
        {"budget_lines": 10, "disbursements": 4},
        {
            "budget_lines": [
                row({"line_code": "NS01"}, planned=1_234_567, source="state"),
                row({"line_code": "NS02"}, planned=1_234_567),
                row({"line_code": "NS03"}, planned=1_234_567, source="social"),
                row({"line_code": "NS04"}, planned=1_234_567, source="integrated", task_code=None),
                row({"line_code": "NS05"}, planned=2000),
                row({"line_code": "NS06"}, planned=2000),
                row({"line_code": "NS07"}, planned=1_234_567),
                row({"line_code": "NS08"}, planned=3_500_000),
                row({"line_code": "NS09"}, planned=300_000_000),
                row({"line_code": "NS10"}, planned=2000),
            ],
            "disbursements": [
                row({"voucher": "PC 05"}, line_code="NS04", amount=500_000),
                row({"voucher": "PC 06"}, line_code="NS09", amount=1_000_000),
                row({"voucher": "PC 07"}, line_code="NS09", amount=250_000),
            ],
        },
    )
    valid(
        "percent_every_form",
        "Progress as 60, '60%', 0.6 formatted 0% (= 60), 0.255 formatted 0.0%, '45,5%', '100 %', 0 formatted 0%, "
        "'12.5', 1 formatted 0% (= 100).",
        [
            Grid(
                "Nhiệm vụ",
                [
                    ["Mã NV", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thường xuyên", "Tiến độ (%)"],
                    ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", 60],
                    ["NV2", "Tổng hợp danh sách", "VP", "Có", "60%"],
                    ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "Có", 0.6],
                    ["NV4", "Pa nô", "P.KHTC", "Có", 0.255],
                    ["NV5", "Báo cáo quý", "VP", "Có", "45,5%"],
                    ["NV6", "Tập huấn", "VP", "Có", "100 %"],
                    ["NV7", "Hội nghị", "VP", "Có", 0],
                    ["NV8", "Sách ảnh", "VP", "Có", "12.5"],
                    ["NV9", "Tọa đàm", "VP", "Có", 1],
                ],
                formats={"E4": "0%", "E5": "0.0%", "E8": "0%", "E10": "0%"},
            )
        ],
        {
            "plan_info": 1,
            "units": 6,
            "tasks": 9,
            "indicators": 3,
            "milestones": 4,
            "budget_lines": 3,
            "disbursements": 1,
            "media": 2,
        },
        {
            "tasks": [
                row({"task_code": "NV1"}, progress=60),
                row({"task_code": "NV2"}, progress=60),
                row({"task_code": "NV3"}, progress=60),
                row({"task_code": "NV4"}, progress=25.5),
                row({"task_code": "NV5"}, progress=45.5),
                row({"task_code": "NV6"}, progress=100),
                row({"task_code": "NV7"}, progress=0),
                row({"task_code": "NV8"}, progress=12.5),
                row({"task_code": "NV9"}, progress=100),
            ],
        },
    )
    valid(
        "closed_lists_any_spelling",
        "Closed-list values in any case, NFD, without diacritics, as aliases and as Excel TRUE/FALSE.",
        [
            Grid(
                "Đơn vị",
                [
                    UNIT_HEADERS,
                    ["P.TTBCXB", "Phòng Thông tin - Báo chí - Xuất bản", "trong so"],
                    ["P.KHTC", "Phòng Kế hoạch - Tài chính", "TRONG SỞ"],
                    ["VP", "Văn phòng Sở", nfd("Trong Sở")],
                    ["SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "ben ngoai"],
                    ["BĐBP", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Bên Ngoài"],
                    ["SNV", "Sở Ngoại vụ", "external"],
                ],
            ),
            Grid(
                "Nhiệm vụ",
                [
                    [*T_MIN, "Trạng thái"],
                    ["NV1", "Theo dõi báo chí", "P.TTBCXB", "co", None, 30, "dang thuc hien"],
                    ["NV2", "Tổng hợp danh sách", "VP", "KHONG", d(2019, 3, 31), 100, "HOÀN THÀNH"],
                    ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "không", d(2019, 7, 31), 0, "chua trien khai"],
                    ["NV4", "Pa nô", "P.KHTC", "Không", d(2019, 9, 30), 10, nfd("tạm dừng")],
                    ["NV5", "Báo cáo", "VP", True, None, 50, "Đang triển khai"],
                    ["NV6", "Tập huấn", "VP", False, d(2019, 6, 30), 20, "in progress"],
                ],
            ),
            Grid(
                "Ngân sách",
                [
                    ["Mã dòng", "Nội dung chi", "Nguồn kinh phí", "Dự toán (đồng)"],
                    ["NS01", "Pa nô", "ngan sach nha nuoc", 300_000_000],
                    ["NS02", "Lớp bồi dưỡng", "LONG GHEP", 50_000_000],
                    ["NS03", "Theo dõi báo chí", "xa hoi hoa", 20_000_000],
                    ["NS04", "Văn phòng phẩm", "nsnn", 1_000_000],
                ],
            ),
            Grid(
                "Báo chí",
                [
                    [
                        "Ngày đăng",
                        "Cơ quan báo chí",
                        "Phạm vi",
                        "Loại hình",
                        "Tiêu đề",
                        "Đường dẫn",
                        "Sắc thái",
                        "Sai lệch",
                        "Tình trạng xử lý",
                        "Ngày xử lý",
                    ],
                    [
                        d(2019, 4, 1),
                        "Báo Gia Lai",
                        "TRONG NUOC",
                        "bao dien tu",
                        "Tin A",
                        "https://baogialai.com.vn/a",
                        "tich cuc",
                        "khong",
                        "khong can xu ly",
                        None,
                    ],
                    [
                        d(2019, 4, 2),
                        "BBC",
                        "nuoc ngoai",
                        "MẠNG XÃ HỘI",
                        "Tin B",
                        "https://bbc.com/b",
                        "TIEU CUC",
                        "co",
                        "da phan bac/cai chinh",
                        d(2019, 4, 3),
                    ],
                    [
                        d(2019, 4, 3),
                        "VTV",
                        "Trong nước",
                        "truyen hinh",
                        "Tin C",
                        "https://vtv.vn/c",
                        "trung lap",
                        False,
                        "da bao cao",
                        d(2019, 4, 4),
                    ],
                ],
            ),
        ],
        {"units": 6, "tasks": 6, "budget_lines": 4, "media": 5},
        {
            "units": [
                row({"unit_code": "P.TTBCXB"}, unit_kind="internal"),
                row({"unit_code": "P.KHTC"}, unit_kind="internal"),
                row({"unit_code": "VP"}, unit_kind="internal"),
                row({"unit_code": "SVHTTDL"}, unit_kind="external"),
                row({"unit_code": "BĐBP"}, unit_kind="external"),
                row({"unit_code": "SNV"}, unit_kind="external"),
            ],
            "tasks": [
                row({"task_code": "NV1"}, is_ongoing=True, state="in_progress"),
                row({"task_code": "NV2"}, is_ongoing=False, state="done"),
                row({"task_code": "NV3"}, is_ongoing=False, state="not_started"),
                row({"task_code": "NV4"}, is_ongoing=False, state="paused"),
                row({"task_code": "NV5"}, is_ongoing=True, state="in_progress"),
                row({"task_code": "NV6"}, is_ongoing=False, state="in_progress"),
            ],
            "budget_lines": [
                row({"line_code": "NS01"}, source="state"),
                row({"line_code": "NS02"}, source="integrated"),
                row({"line_code": "NS03"}, source="social"),
                row({"line_code": "NS04"}, source="state"),
            ],
            "media": [
                row(
                    {"url": "https://baogialai.com.vn/a"},
                    scope="domestic",
                    medium="online",
                    sentiment="positive",
                    is_false=False,
                    response="no_action",
                ),
                row(
                    {"url": "https://bbc.com/b"},
                    scope="foreign",
                    medium="social",
                    sentiment="negative",
                    is_false=True,
                    response="refuted",
                    responded_on="2019-04-03",
                ),
                row(
                    {"url": "https://vtv.vn/c"},
                    scope="domestic",
                    medium="tv",
                    sentiment="neutral",
                    is_false=False,
                    response="reported",
                ),
            ],
        },
    )
    valid(
        "unit_lists_every_form",
        "Đơn vị phối hợp separated by ';', ',' and new lines, by unit name (with or without diacritics) instead "
        "of code; a lead unit given by a name that contains commas, or by a code in lower case.",
        [
            Grid(
                "Nhiệm vụ",
                [
                    ["Mã NV", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thường xuyên", "Tiến độ (%)"],
                    ["NV1", "Theo dõi báo chí", "P.TTBCXB", "VP; P.KHTC", "Có", 30],
                    ["NV2", "Tổng hợp danh sách", "VP", "P.TTBCXB, SNV", "Có", 100],
                    ["NV3", "Lớp bồi dưỡng", "Phòng Thông tin - Báo chí - Xuất bản", "VP\nP.KHTC", "Có", 0],
                    ["NV4", "Pa nô", "Sở Văn hóa, Thể thao và Du lịch", "Văn phòng Sở; Sở Ngoại vụ", "Có", 10],
                    ["NV5", "Báo cáo", "p.khtc", "van phong so ;\n bo chi huy bo doi bien phong tinh", "Có", 5],
                    ["NV6", "Tập huấn", "VP", " ; VP;; ", "Có", 5],
                ],
            )
        ],
        {"tasks": 6},
        {
            "tasks": [
                row({"task_code": "NV1"}, lead_unit="P.TTBCXB", support_units=["VP", "P.KHTC"]),
                row({"task_code": "NV2"}, lead_unit="VP", support_units=["P.TTBCXB", "SNV"]),
                row({"task_code": "NV3"}, lead_unit="P.TTBCXB", support_units=["VP", "P.KHTC"]),
                row({"task_code": "NV4"}, lead_unit="SVHTTDL", support_units=["VP", "SNV"]),
                row({"task_code": "NV5"}, lead_unit="P.KHTC", support_units=["VP", "BĐBP"]),
                row({"task_code": "NV6"}, lead_unit="VP", support_units=["VP"]),
            ],
        },
    )
    valid(
        "merged_data_cells",
        "Mã NV merged over the indicator rows of one task (typed 'nv3'), Mã NV and Đơn vị thực hiện merged over "
        "milestones, Mã dòng merged over disbursements; numbers '1.500' and '2,5'.",
        [
            Grid(
                "Chỉ tiêu",
                [
                    ["Mã NV", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện"],
                    ["nv3", "Lớp bồi dưỡng", "lớp", 1, 1],
                    [None, "Học viên", "người", 80, 76],
                    [None, "Tài liệu", "bộ", "1.500", "1.200"],
                    ["NV4", "Cụm pa nô", "cụm", 2, 0],
                    [None, "Giờ thi công", "ngày", "2,5", None],
                ],
                merges=("A2:A4", "A5:A6"),
            ),
            Grid(
                "Mốc tiến độ",
                [
                    ["Mã mốc", "Mã NV", "Nội dung mốc", "Hạn", "Quý", "Đơn vị thực hiện"],
                    ["M1", "NV4", "Khảo sát vị trí", d(2019, 3, 31), "I", "P.KHTC"],
                    ["M2", None, "Lựa chọn nhà thầu", d(2019, 6, 30), "Quý II", None],
                    ["M3", None, "Thi công, nghiệm thu", d(2019, 9, 30), "III/2019", None],
                    ["M4", "NV3", "Mở lớp bồi dưỡng", d(2019, 7, 31), 3, "P.TTBCXB"],
                ],
                merges=("B2:B4", "F2:F4"),
            ),
            Grid(
                "Giải ngân",
                [
                    ["Mã dòng", "Ngày", "Số tiền (đồng)", "Chứng từ"],
                    ["NS01", d(2019, 5, 2), 10_000_000, "PC 1"],
                    [None, d(2019, 6, 2), 20_000_000, "PC 2"],
                ],
                merges=("A2:A3",),
            ),
        ],
        {"indicators": 5, "milestones": 4, "disbursements": 3},
        {
            "indicators": [
                row({"indicator": "Lớp bồi dưỡng"}, task_code="NV3", target=1, actual=1),
                row({"indicator": "Học viên"}, task_code="NV3", target=80, actual=76),
                row({"indicator": "Tài liệu"}, task_code="NV3", target=1500, actual=1200),
                row({"indicator": "Giờ thi công"}, task_code="NV4", target=2.5, actual=None),
            ],
            "milestones": [
                row({"milestone_code": "M2"}, task_code="NV4", quarter=2, unit_code="P.KHTC"),
                row({"milestone_code": "M3"}, task_code="NV4", quarter=3, unit_code="P.KHTC"),
                row({"milestone_code": "M4"}, task_code="NV3", quarter=3, unit_code="P.TTBCXB"),
            ],
            "disbursements": [
                row({"voucher": "PC 1"}, line_code="NS01", amount=10_000_000),
                row({"voucher": "PC 2"}, line_code="NS01", amount=20_000_000, paid_on="2019-06-02"),
            ],
        },
    )
    valid(
        "blank_rows_hidden_and_extra_columns",
        "An STT column of never-calculated formulas, a hidden extra column, an unknown 'Người nhập' column, "
        "blank rows between data, rows with only STT, values with surrounding spaces.",
        [
            Grid(
                "Nhiệm vụ",
                [
                    [
                        "STT",
                        "Mã NV",
                        "Nội dung nhiệm vụ",
                        "Mã cũ",
                        "Đơn vị chủ trì",
                        "Thường xuyên",
                        "Hạn hoàn thành",
                        "Tiến độ (%)",
                        "Người nhập",
                    ],
                    [
                        Formula("=ROW()-1"),
                        "  NV1  ",
                        "Theo dõi dư luận báo chí  ",
                        "X1",
                        " P.TTBCXB ",
                        "Có ",
                        None,
                        30,
                        "Lan",
                    ],
                    [],
                    [None, None, "   ", None, None, None, None, None, None],
                    [
                        Formula("=ROW()-3"),
                        "NV2",
                        "Tổng hợp danh sách",
                        "X2",
                        "VP",
                        "Không",
                        "31/03/2019 ",
                        "100 ",
                        "Lan",
                    ],
                    [3],
                    [Formula("=ROW()-5"), None, None, None, None, None, None, None, "Hùng"],
                    ["4", "NV3", "Lớp bồi dưỡng", "X3", "P.TTBCXB", "Không", "31/07/2019", 0, None],
                    [],
                    [Formula("=ROW()-5")],
                    # NV4 stays: the base's milestones, indicator and budget line point at it.
                    ["6", "NV4", "Xây dựng pa nô", "X4", "P.KHTC", "Không", "30/09/2019", 10, None],
                ],
                hidden=("D",),
            )
        ],
        {"tasks": 4},
        {
            "tasks": [
                row(
                    {"task_code": "NV1"},
                    content="Theo dõi dư luận báo chí",
                    lead_unit="P.TTBCXB",
                    is_ongoing=True,
                    progress=30,
                ),
                row({"task_code": "NV2"}, lead_unit="VP", is_ongoing=False, due_on="2019-03-31", progress=100),
                row({"task_code": "NV3"}, due_on="2019-07-31", progress=0),
            ],
        },
    )
    valid(
        "formulas_with_cached_values",
        "Formulas that Excel calculated and saved are read as their value (number, text, date).",
        [
            Grid(
                "Nhiệm vụ",
                [
                    T_MIN,
                    ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, Formula("=30*2", 60)],
                    [
                        Formula('="NV"&2', "NV2"),
                        "Tổng hợp danh sách",
                        "VP",
                        "Không",
                        Formula("=DATE(2019,3,31)", 43555),
                        Formula("=100", 100),
                    ],
                    # The base's tasks that other sheets point at stay, so the plan remains whole.
                    ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "Không", d(2019, 7, 31), 0],
                    ["NV4", "Pa nô", "P.KHTC", "Không", d(2019, 9, 30), 10],
                ],
                formats={"E3": "dd/mm/yyyy"},
            ),
            Grid(
                "Ngân sách",
                [
                    ["Mã dòng", "Nội dung chi", "Nguồn kinh phí", "Dự toán (đồng)"],
                    ["NS01", "Pa nô", "Ngân sách nhà nước", Formula("=100000000*3", 300_000_000)],
                    ["NS02", "Lớp bồi dưỡng", "Ngân sách nhà nước", Formula("=SUM(10000000,40000000)", 50_000_000)],
                    ["NS03", "Theo dõi báo chí", "Xã hội hóa", 20_000_000],
                ],
            ),
        ],
        {"tasks": 4, "budget_lines": 3},
        {
            "tasks": [
                row({"task_code": "NV1"}, progress=60),
                row({"task_code": "NV2"}, due_on="2019-03-31", progress=100, is_ongoing=False),
            ],
            "budget_lines": [
                row({"line_code": "NS01"}, planned=300_000_000),
                row({"line_code": "NS02"}, planned=50_000_000),
            ],
        },
    )
    empty_if = '=IF(B{r}="","",{v})'
    valid(
        "formulas_returning_empty_text",
        'A template whose formulas Excel calculated to empty text (=IF(B4="","",…), saved as t="str" '
        "<v/>) in unused rows and in an optional column: read as blank cells, not as uncalculated formulas.",
        [
            Grid(
                "Nhiệm vụ",
                [
                    ["STT", "Mã NV", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thường xuyên", "Tiến độ (%)", "Ghi chú"],
                    [
                        Formula(empty_if.format(r=2, v="ROW()-1"), 1),
                        "NV1",
                        "Theo dõi báo chí",
                        "P.TTBCXB",
                        "Có",
                        Formula(empty_if.format(r=2, v=30), 30),
                        Formula('=IF(F2<50,"Chậm","")', "Chậm"),
                    ],
                    [
                        Formula(empty_if.format(r=3, v="ROW()-1"), 2),
                        "NV2",
                        "Tổng hợp danh sách",
                        "VP",
                        "Có",
                        80,
                        Formula('=IF(F3<50,"Chậm","")', ""),
                    ],
                    [
                        Formula(empty_if.format(r=4, v="ROW()-1"), ""),
                        None,
                        None,
                        None,
                        None,
                        Formula(empty_if.format(r=4, v=30), ""),
                        Formula('=IF(F4<50,"Chậm","")', ""),
                    ],
                    [
                        Formula(empty_if.format(r=5, v="ROW()-1"), ""),
                        None,
                        None,
                        None,
                        None,
                        Formula(empty_if.format(r=5, v=30), ""),
                        Formula('=IF(F5<50,"Chậm","")', ""),
                    ],
                    # The base's tasks that other sheets point at stay, so the plan remains whole.
                    [3, "NV3", "Lớp bồi dưỡng", "P.TTBCXB", "Có", 0, None],
                    [4, "NV4", "Pa nô", "P.KHTC", "Có", 10, None],
                ],
            )
        ],
        {"tasks": 4},
        {
            "tasks": [
                row({"task_code": "NV1"}, progress=30, note="Chậm"),
                row({"task_code": "NV2"}, progress=80, note=None),
            ],
        },
    )
    valid(
        "plan_labels_merged",
        "A new plan whose Kế hoạch labels are merged over columns A:B with the values in column C: the merged "
        "label is one cell, its value is the next cell after the merged range.",
        [
            Grid(
                "Kế hoạch",
                [
                    ["KẾ HOẠCH"],
                    ["Tên kế hoạch", None, "Kế hoạch thông tin đối ngoại năm 2020"],
                    ["Số hiệu", None, "12/KH-STTTT"],
                    ["Năm", None, 2020],
                    ["Ngày ban hành", None, "15/01/2020"],
                ],
                merges=("A1:C1", "A2:B2", "A3:B3", "A4:B4", "A5:B5"),
            ),
            Grid("Đơn vị", SMALL_UNITS),
        ],
        {"plan_info": 1, "units": 2},
        {
            "plan_info": [
                row(
                    {"year": 2020},
                    title="Kế hoạch thông tin đối ngoại năm 2020",
                    doc_number="12/KH-STTTT",
                    issued_on="2020-01-15",
                )
            ],
        },
        base=False,
    )
    valid(
        "header_merged_across_columns",
        "Nội dung nhiệm vụ merged over columns B:D, in the header and in every data row: one column, not three.",
        [
            Grid(
                "Nhiệm vụ",
                [
                    ["Mã NV", "Nội dung nhiệm vụ", None, None, "Đơn vị chủ trì", "Thường xuyên", "Tiến độ (%)"],
                    ["NV1", "Theo dõi, tổng hợp dư luận báo chí", None, None, "P.TTBCXB", "Có", 30],
                    ["NV2", "Tổng hợp danh sách cán bộ", None, None, "VP", "Có", 100],
                    # The base's tasks that other sheets point at stay, so the plan remains whole.
                    ["NV3", "Lớp bồi dưỡng", None, None, "P.TTBCXB", "Có", 0],
                    ["NV4", "Pa nô", None, None, "P.KHTC", "Có", 10],
                ],
                merges=("B1:D1", "B2:D2", "B3:D3", "B4:D4", "B5:D5"),
            )
        ],
        {"tasks": 4},
        {
            "tasks": [
                row(
                    {"task_code": "NV1"},
                    content="Theo dõi, tổng hợp dư luận báo chí",
                    lead_unit="P.TTBCXB",
                    progress=30,
                ),
                row({"task_code": "NV2"}, content="Tổng hợp danh sách cán bộ", progress=100),
            ],
        },
    )
    valid(
        "two_level_header",
        "A two-row header: 'Đơn vị' and 'Thời gian' merged above their sub-columns, the other headers merged "
        "down over both rows.",
        [
            Grid(
                "Nhiệm vụ",
                [
                    ["BẢNG THEO DÕI NHIỆM VỤ"],
                    ["Mã NV", "Nội dung nhiệm vụ", "Đơn vị", None, "Thời gian", None, "Tiến độ (%)"],
                    [None, None, "Đơn vị chủ trì", "Đơn vị phối hợp", "Ngày bắt đầu", "Hạn hoàn thành", None],
                    ["NV1", "Theo dõi báo chí", "P.TTBCXB", "VP", d(2019, 1, 1), d(2019, 12, 31), 40],
                    ["NV4", "Pa nô", "P.KHTC", "BĐBP", d(2019, 1, 1), d(2019, 9, 30), 20],
                    # The base's tasks that other sheets point at stay, so the plan remains whole.
                    ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", None, d(2019, 7, 1), d(2019, 7, 31), 0],
                ],
                merges=("A1:G1", "A2:A3", "B2:B3", "C2:D2", "E2:F2", "G2:G3"),
            )
        ],
        {"tasks": 3},
        {
            "tasks": [
                row(
                    {"task_code": "NV1"},
                    lead_unit="P.TTBCXB",
                    support_units=["VP"],
                    start_on="2019-01-01",
                    due_on="2019-12-31",
                    progress=40,
                ),
                row({"task_code": "NV4"}, lead_unit="P.KHTC", support_units=["BĐBP"], due_on="2019-09-30", progress=20),
            ],
        },
    )
    intro = [["UBND TỈNH GIA LAI"], ["SỞ THÔNG TIN VÀ TRUYỀN THÔNG"], [], ["DỰ TOÁN KINH PHÍ NĂM 2019"]]
    intro += [[f"Ghi chú {i}: số liệu tạm tính"] for i in range(1, 11)]
    valid(
        "header_on_row_15",
        "Ngân sách whose header is on row 15, the last row searched.",
        [
            Grid(
                "Ngân sách",
                [
                    *intro,
                    ["Mã dòng", "Mã NV", "Nội dung chi", "Nguồn kinh phí", "Dự toán (đồng)"],
                    ["NS01", "NV4", "Pa nô", "Ngân sách nhà nước", 300_000_000],
                    ["NS02", "NV3", "Lớp bồi dưỡng", "Ngân sách nhà nước", 60_000_000],
                    ["NS03", "NV1", "Theo dõi báo chí", "Xã hội hóa", 20_000_000],
                ],
                merges=("A4:E4",),
            )
        ],
        {"budget_lines": 3},
        {"budget_lines": [row({"line_code": "NS02"}, task_code="NV3", source="state", planned=60_000_000)]},
    )
    valid(
        "media_log",
        "Báo chí as a log: rows without a link (keyed by date + outlet + title), English list values, Excel "
        "booleans, a lower-case task code, reach '1.500', an existing link updated in place.",
        [
            Grid(
                "Báo chí",
                [
                    MEDIA_HEADERS,
                    [
                        "05/03/2019",
                        "Báo Gia Lai",
                        "Trong nước",
                        "Báo in",
                        "Tiếng Việt",
                        "Gia Lai đẩy mạnh quảng bá du lịch",
                        None,
                        None,
                        "du lịch",
                        "Tích cực",
                        "Không",
                        "NV1",
                        None,
                        None,
                        "1.500",
                    ],
                    [
                        d(2019, 3, 6),
                        "VnExpress",
                        "Trong nước",
                        "Báo điện tử",
                        "Tiếng Việt",
                        "Lễ hội cồng chiêng",
                        None,
                        "https://vnexpress.net/a",
                        "văn hóa",
                        "Trung lập",
                        False,
                        None,
                        None,
                        None,
                        2000,
                    ],
                    [
                        "2019-03-10",
                        "RFA",
                        "Foreign",
                        "Online",
                        "Vietnamese",
                        "Thông tin sai lệch về tôn giáo",
                        "Bài viết xuyên tạc",
                        "https://www.rfa.org/x",
                        "tôn giáo",
                        "Negative",
                        True,
                        "nv1",
                        "Refuted",
                        "12/03/2019",
                        15000,
                    ],
                    [
                        d(2019, 3, 5),
                        "Báo Gia Lai",
                        "Trong nước",
                        "Báo điện tử",
                        "Tiếng Việt",
                        "Gia Lai quảng bá du lịch",
                        None,
                        "https://baogialai.com.vn/bai-1",
                        "du lịch",
                        "Tích cực",
                        "Không",
                        "NV1",
                        "Không cần xử lý",
                        None,
                        1300,
                    ],
                    [
                        "05/03/2019",
                        "Báo Gia Lai",
                        "Trong nước",
                        "Báo in",
                        "Tiếng Việt",
                        "Cà phê Gia Lai vào mùa thu hoạch",
                        None,
                        None,
                        "kinh tế",
                        "Tích cực",
                        "Không",
                        None,
                        None,
                        None,
                        None,
                    ],
                ],
            )
        ],
        {"media": 6},
        {
            "media": [
                row(
                    {"title": "Gia Lai đẩy mạnh quảng bá du lịch"},
                    published_on="2019-03-05",
                    outlet="Báo Gia Lai",
                    medium="print",
                    url="",
                    reach=1500,
                    is_false=False,
                    summary=None,
                ),
                row(
                    {"url": "https://www.rfa.org/x"},
                    published_on="2019-03-10",
                    scope="foreign",
                    medium="online",
                    language="Vietnamese",
                    sentiment="negative",
                    is_false=True,
                    task_code="NV1",
                    response="refuted",
                    responded_on="2019-03-12",
                    reach=15000,
                ),
                row({"url": "https://baogialai.com.vn/bai-1"}, reach=1300, title="Gia Lai quảng bá du lịch"),
                row({"title": "Cà phê Gia Lai vào mùa thu hoạch"}, url="", reach=None, task_code=None),
            ],
        },
    )
    valid(
        "warnings_do_not_block",
        "Problems that only warn: a task Hoàn thành at 80 %, one Hoàn thành without a completion date, a "
        "milestone whose Quý does not match its due date, one completed after the data's as-of date "
        "(31/12/2019), disbursements above their line's plan.",
        [
            Grid(
                "Nhiệm vụ",
                [
                    [*T_MIN, "Trạng thái", "Ngày hoàn thành"],
                    ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, 30, "Đang thực hiện", None],
                    ["NV2", "Tổng hợp danh sách", "VP", "Không", d(2019, 3, 31), 80, "Hoàn thành", d(2019, 3, 29)],
                    ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "Không", d(2019, 7, 31), 100, "Hoàn thành", None],
                    ["NV4", "Pa nô", "P.KHTC", "Không", d(2019, 9, 30), 10, "Đang thực hiện", None],
                ],
            ),
            Grid(
                "Mốc tiến độ",
                [
                    ["Mã mốc", "Mã NV", "Nội dung mốc", "Hạn", "Quý", "Ngày hoàn thành"],
                    ["M1", "NV4", "Khảo sát vị trí", d(2019, 3, 31), "II", None],
                    ["M2", "NV4", "Lựa chọn nhà thầu", d(2019, 6, 30), "II", d(2020, 1, 10)],
                ],
            ),
            Grid(
                "Giải ngân",
                [
                    ["Mã dòng", "Ngày", "Số tiền (đồng)", "Chứng từ"],
                    ["NS02", d(2019, 7, 20), 60_000_000, "PC 9"],
                ],
            ),
        ],
        {"tasks": 4, "milestones": 2, "disbursements": 2},
        {
            "tasks": [row({"task_code": "NV2"}, state="done", progress=80, completed_on="2019-03-29")],
            "milestones": [row({"milestone_code": "M1"}, quarter=1)],
            "disbursements": [row({"voucher": "PC 9"}, line_code="NS02", amount=60_000_000)],
        },
        warnings=[
            p("warn_done_below_100", "Nhiệm vụ", 3, "Tiến độ (%)"),
            p("warn_done_without_date", "Nhiệm vụ", 4, "Ngày hoàn thành"),
            p("warn_quarter_mismatch", "Mốc tiến độ", 2, "Quý"),
            p("warn_completed_after_as_of", "Mốc tiến độ", 3, "Ngày hoàn thành"),
            p("warn_over_budget", "Giải ngân", 2, "Số tiền (đồng)"),
        ],
    )


# --------------------------------------------------------------------------------------------
# Zip bombs (built by the test at run time, never committed)
# --------------------------------------------------------------------------------------------

_CHUNK = 1 << 24


def _deflated_zeros(size: int) -> tuple[bytes, int, int]:
    """Raw deflate of `size` zero bytes (rounded up to 16 MiB) without holding them: (stream, crc, size)."""
    chunk = bytes(_CHUNK)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = -(-size // _CHUNK)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    return block * count + b"\x03\x00", crc, count * _CHUNK


def _raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip written by hand, so a member's declared size can differ from what it unpacks to."""
    out = io.BytesIO()
    central = []
    for name, stream, crc, declared in members:
        encoded = name.encode()
        offset = out.tell()
        out.write(
            struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(stream), declared, len(encoded), 0)
        )
        out.write(encoded + stream)
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(stream),
                declared,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


def zip_bomb(variant: str, size: int) -> bytes:
    """A small real workbook plus a member of `size` zero bytes:

    - "ratio": an extra member that honestly declares its size (a few hundred MB compressed ~1000:1);
    - "declared": an extra member that honestly declares `size` (meant to be above the reader's limit);
    - "lying": the Nhiệm vụ sheet's XML unpacks to `size` but its headers declare 1 KiB.
    """
    source = zipfile.ZipFile(io.BytesIO(workbook(Grid("Nhiệm vụ", [T_MIN, ["NV1", "Theo dõi", "VP", "Có", None, 30]]))))
    stream, crc, unpacked = _deflated_zeros(size)
    members = []
    for info in source.infolist():
        content = source.read(info.filename)
        if variant == "lying" and info.filename == "xl/worksheets/sheet1.xml":
            members.append((info.filename, stream, crc, 1024))
            continue
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        members.append(
            (info.filename, compressor.compress(content) + compressor.flush(), zlib.crc32(content), len(content))
        )
    if variant in ("ratio", "declared"):
        members.append(("xl/media/zeros.bin", stream, crc, unpacked))
    elif variant != "lying":
        raise ValueError(variant)
    return _raw_zip(members)


# --------------------------------------------------------------------------------------------


def _integrity_cases():
    """The import-integrity cases, kept in their own module beside this one."""
    spec = importlib.util.spec_from_file_location("make_golden_integrity", HERE / "make_golden_integrity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(target: Path = HERE) -> list[Path]:
    """Writes base.xlsx and every case into `target`; returns the files written."""
    CASES.clear()
    define_refused()
    define_valid()
    _integrity_cases().define(sys.modules[__name__])
    written = []
    base = target / BASE
    base.parent.mkdir(parents=True, exist_ok=True)
    base.write_bytes(base_workbook())
    written.append(base)
    for folder in ("refused", "valid"):
        directory = target / folder
        directory.mkdir(parents=True, exist_ok=True)
        for stale in [*directory.glob("*.xlsx"), *directory.glob("*.json")]:
            stale.unlink()
    names = [(case.folder, case.name) for case in CASES]
    if len(names) != len(set(names)):
        raise ValueError("two cases share a name")
    for case in CASES:
        path = target / case.folder / f"{case.name}.xlsx"
        path.write_bytes(case.data)
        meta = path.with_suffix(".json")
        meta.write_text(json.dumps(case.meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written += [path, meta]
    return written


if __name__ == "__main__":
    files = generate(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
    counts = {
        folder: sum(1 for f in files if f.parent.name == folder and f.suffix == ".xlsx")
        for folder in ("refused", "valid")
    }
    print(f"wrote {len(files)} files: {counts['refused']} refused and {counts['valid']} valid workbooks, and {BASE}")
