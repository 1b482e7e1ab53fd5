"""How the golden workbooks are built: cell by cell with openpyxl, reproducibly (fixed zip and document
times), each case registered with what must happen to it; and zip bombs, built at test time only."""

from __future__ import annotations

import os

# The committed files were written without lxml (openpyxl then writes an empty value as <v/>).
os.environ.setdefault("OPENPYXL_LXML", "False")


import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import openpyxl

ZIP_TIME = (2019, 12, 31, 0, 0, 0)
DOC_TIME = b"2019-12-31T00:00:00Z"
BASE = "base.xlsx"


def nfd(text: str) -> str:
    """The same words in decomposed Unicode, as some Mac and web tools write them."""
    return unicodedata.normalize("NFD", text)


def d(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)


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
