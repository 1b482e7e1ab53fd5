"""Hostile workbooks, made at test time: each is small on disk and built to cost a naive reader
memory, time or a crash, or to smuggle a value the pages cannot show.

`cases()` gives every file with the problem code it must be refused with. The XML is written by
hand (not openpyxl) so a case can put a cell at XFD1048576, merge one range two thousand times or
store a number as `1e309`, which no spreadsheet program would write.
`python tests/hostile.py OUT_DIR` writes them all, for trying them by hand.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


@dataclass
class Case:
    name: str
    data: bytes
    code: str
    description: str


def letters(index: int) -> str:
    """0 -> A, 16383 -> XFD."""
    text = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        text = chr(65 + rem) + text
    return text


def _cell(ref: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'
    if isinstance(value, Raw):
        return f'<c r="{ref}"><v>{value.text}</v></c>'
    if isinstance(value, Shared):
        return f'<c r="{ref}" t="s"><v>{value.index}</v></c>'
    return f'<c r="{ref}"><v>{value!r}</v></c>'


@dataclass(frozen=True)
class Raw:
    """A number exactly as written in the XML (`1e309`, `inf`)."""

    text: str


@dataclass(frozen=True)
class Shared:
    """A cell pointing at shared string number `index`."""

    index: int


def sheet_xml(rows: list[list], extra_rows: str = "", after: str = "", dimension: str | None = None) -> str:
    body = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{letters(c)}{r}", value) for c, value in enumerate(row))
        body.append(f'<row r="{r}">{cells}</row>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}">{dim}'
        f"<sheetData>{''.join(body)}{extra_rows}</sheetData>{after}</worksheet>"
    )


def xlsx(sheets: dict[str, str], shared: list[str] | None = None) -> bytes:
    """A workbook of the given sheet XMLs (title -> XML), with an optional shared-string table."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        if shared is not None:
            overrides += (
                '<Override PartName="/xl/sharedStrings.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            )
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELS}">'
            f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        entries = "".join(
            f'<sheet name="{escape(title)}" sheetId="{i}" r:id="rId{i}"/>' for i, title in enumerate(sheets, start=1)
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
            f"<sheets>{entries}</sheets></workbook>",
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        if shared is not None:
            rels += f'<Relationship Id="rIdS" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELS}">{rels}</Relationships>',
        )
        for i, xml in enumerate(sheets.values(), start=1):
            archive.writestr(f"xl/worksheets/sheet{i}.xml", xml)
        if shared is not None:
            items = "".join(f"<si><t>{escape(text)}</t></si>" for text in shared)
            archive.writestr(
                "xl/sharedStrings.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(shared)}" '
                f'uniqueCount="{len(shared)}">{items}</sst>',
            )
    return buffer.getvalue()


TASK_HEADERS = ["Mã NV", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thường xuyên", "Hạn hoàn thành", "Tiến độ (%)"]


def base_rows() -> dict[str, list[list]]:
    """A small importable workbook: a plan, a unit, two tasks, an indicator, a budget line, a mention."""
    return {
        "Kế hoạch": [["Tên kế hoạch", "Kế hoạch thử nghiệm tệp độc hại"], ["Số hiệu", "01/KH-TEST"], ["Năm", 2019]],
        "Đơn vị": [["Mã đơn vị", "Tên đơn vị"], ["VP", "Văn phòng Sở"]],
        "Nhiệm vụ": [
            TASK_HEADERS,
            ["NV1", "Theo dõi báo chí", "VP", "Có", None, 30],
            ["NV2", "In pa nô", "VP", "Có", None, 50],
        ],
        "Chỉ tiêu": [["Mã NV", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"], ["NV2", "Pa nô", "cụm", 2]],
        "Ngân sách": [
            ["Mã dòng", "Mã NV", "Nội dung chi", "Nguồn kinh phí", "Dự toán (đồng)"],
            ["KP1", "NV2", "In pa nô", "Ngân sách nhà nước", 50000000],
        ],
        "Báo chí": [
            ["Ngày đăng", "Cơ quan báo chí", "Phạm vi", "Tiêu đề", "Lượt tiếp cận"],
            ["05/03/2019", "Báo Gia Lai", "Trong nước", "Gia Lai quảng bá du lịch", 1200],
        ],
    }


def base() -> bytes:
    return xlsx({title: sheet_xml(rows) for title, rows in base_rows().items()})


def _with(sheet: str, row: int, column: int, value: object) -> bytes:
    """The base workbook with one cell of one sheet replaced (row and column 0-based, row 0 the header)."""
    rows = base_rows()
    target = rows[sheet]
    while len(target) <= row:
        target.append([])
    line = target[row]
    while len(line) <= column:
        line.append(None)
    line[column] = value
    return xlsx({title: sheet_xml(r) for title, r in rows.items()})


def _tasks_only(rows: list[list], **options) -> bytes:
    plan = base_rows()
    return xlsx(
        {
            "Kế hoạch": sheet_xml(plan["Kế hoạch"]),
            "Đơn vị": sheet_xml(plan["Đơn vị"]),
            "Nhiệm vụ": sheet_xml(rows, **options),
        }
    )


def range_bomb(column: str) -> bytes:
    """The task sheet's header and one number far away: a dense reader builds the whole rectangle."""
    far = f'<row r="1048576"><c r="{column}1048576"><v>1</v></c></row>'
    return _tasks_only([TASK_HEADERS], extra_rows=far)


def declared_range_only() -> bytes:
    """A declared dimension of the whole sheet over a few real cells: harmless, must be read."""
    rows = base_rows()["Nhiệm vụ"]
    return _tasks_only(rows, dimension="A1:XFD1048576")


def cell_bomb(rows: int = 1_600_000) -> bytes:
    """Many tiny cells in two columns: under the zip limits (size, unpacked size, ratio), over the cell limit."""
    body = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>{r % 97}</v></c></row>' for r in range(2, rows + 2)
    )
    return _tasks_only([TASK_HEADERS], extra_rows=body)


def text_bomb(copies: int = 5_000, length: int = 30_000) -> bytes:
    """One long shared string referenced from thousands of cells: a reader copies it into each."""
    rows = [TASK_HEADERS] + [[f"NV{i}", Shared(0), "VP", "Có", None, 10] for i in range(1, copies + 1)]
    plan = base_rows()
    return xlsx(
        {"Kế hoạch": sheet_xml(plan["Kế hoạch"]), "Đơn vị": sheet_xml(plan["Đơn vị"]), "Nhiệm vụ": sheet_xml(rows)},
        shared=["x" * length],
    )


def merge_bomb(merges: int = 2_000, rows: int = 20_000) -> bytes:
    """The same 120.000 cells merged two thousand times (the issue's 477 KB file took 68 s of CPU)."""
    far = f'<row r="{rows + 1}"><c r="F{rows + 1}"><v>1</v></c></row>'
    ranges = "".join(f'<mergeCell ref="A2:F{rows + 1}"/>' for _ in range(merges))
    return _tasks_only([TASK_HEADERS], extra_rows=far, after=f'<mergeCells count="{merges}">{ranges}</mergeCells>')


def many_merges(merges: int = 12_000) -> bytes:
    ranges = "".join(f'<mergeCell ref="G{r}:H{r}"/>' for r in range(2, merges + 2))
    rows = base_rows()["Nhiệm vụ"]
    return _tasks_only(rows, after=f'<mergeCells count="{merges}">{ranges}</mergeCells>')


def problem_flood(rows: int = 5_000) -> bytes:
    """Thousands of bad cells: the reader keeps a first page of problems and counts the rest."""
    lines = [TASK_HEADERS] + [[f"NV{i}", "Việc", "VP", "Không", "không phải ngày", 10] for i in range(1, rows + 1)]
    return _tasks_only(lines)


def encrypted() -> bytes:
    """What Excel writes for a workbook with a password: an OLE compound file (CDFV2) holding the
    streams EncryptionInfo and EncryptedPackage instead of a zip."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<III", header, 44, 1, 1, 0)  # one FAT sector; directory at sector 1
    struct.pack_into("<IIIII", header, 56, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)
    fat = bytearray(b"\xff" * sector)
    struct.pack_into("<II", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE)

    def entry(name: str, kind: int, child: int = 0xFFFFFFFF, right: int = 0xFFFFFFFF) -> bytes:
        raw = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        raw[0 : len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, 0xFFFFFFFF, right, child)
        struct.pack_into("<II", raw, 116, 0xFFFFFFFE, 0)
        return bytes(raw)

    directory = entry("Root Entry", 5, child=1) + entry("EncryptionInfo", 2, right=2) + entry("EncryptedPackage", 2)
    directory += bytes(128)
    return bytes(header) + bytes(fat) + directory


def cases() -> list[Case]:
    tasks, indicators, budget, media = "Nhiệm vụ", "Chỉ tiêu", "Ngân sách", "Báo chí"
    return [
        Case("range_xfd", range_bomb("XFD"), "sheet_too_many_cells", "one cell at XFD1048576"),
        Case("range_an", range_bomb("AN"), "sheet_too_many_cells", "one cell at AN1048576"),
        Case("cell_bomb", cell_bomb(), "sheet_too_many_cells", "3,2 million tiny cells inside the zip limits"),
        Case("text_bomb", text_bomb(), "sheet_too_much_text", "a 30.000-character string in 5.000 cells"),
        Case("merge_bomb", merge_bomb(), "sheet_merges_too_big", "2.000 overlapping merges over A2:F20001"),
        Case("many_merges", many_merges(), "sheet_too_many_merges", "12.000 small merged ranges"),
        Case("target_1e28", _with(indicators, 1, 3, 1e28), "number_too_big", "an indicator target of 1e28"),
        Case("target_1e308", _with(indicators, 1, 3, 1e308), "number_too_big", "an indicator target of 1e308"),
        Case("target_inf", _with(indicators, 1, 3, Raw("1e309")), "number_not_finite", "a target that overflows"),
        Case("money_9e18", _with(budget, 1, 4, 9.3e18), "number_too_big", "a budget line of 9,3e18 đồng"),
        Case("money_inf", _with(budget, 1, 4, Raw("inf")), "number_not_finite", "a budget line of inf"),
        Case("reach_inf", _with(media, 1, 4, Raw("inf")), "number_not_finite", "a reach of inf"),
        Case("reach_9e18", _with(media, 1, 4, 9.3e18), "number_too_big", "a reach of 9,3e18"),
        Case("key_zero_width", _with(tasks, 2, 0, "NV\u200b1"), "key_invisible_chars", "NV + U+200B + 1"),
        Case("key_cyrillic", _with(tasks, 2, 0, "\u041d\u04121"), "key_confusable", "Cyrillic НВ1"),
        Case("key_fullwidth", _with(tasks, 2, 0, "ＮＶ１"), "duplicate_key", "fullwidth ＮＶ１ is NV1 again"),
        Case("title_bidi", _with(tasks, 1, 1, "Báo cáo \u202eexe.cod"), "text_control_chars", "U+202E in a task"),
        Case("long_cell", _with(tasks, 1, 1, "a" * 100_000), "cell_too_long", "a 100.000-character cell"),
        Case("encrypted", encrypted(), "file_encrypted", "an .xlsx saved with a password"),
    ]


def main(out: str) -> None:
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    for case in cases():
        (target / f"{case.name}.xlsx").write_bytes(case.data)
    (target / "base.xlsx").write_bytes(base())


if __name__ == "__main__":
    main(sys.argv[1])
