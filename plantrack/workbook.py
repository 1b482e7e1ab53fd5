"""Opening an uploaded workbook safely and finding the template's sheets, headers and rows in it.

Values come from python-calamine (fast). Two things calamine cannot see are read from the file
itself: which cells hold a formula Excel never calculated, and — for the few columns whose meaning
depends on it — whether a cell is formatted as a percentage (read with openpyxl).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import python_calamine

from plantrack.contract import SHEETS, Sheet, sheet_lookup
from plantrack.i18n import t
from plantrack.text import Lookup, clean
from plantrack.values import is_blank

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200
HEADER_SEARCH_ROWS = 15

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')


@dataclass
class Problem:
    """One thing wrong with a file, placed as the user sees it: sheet, Excel row, column header."""

    code: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    params: dict = field(default_factory=dict)
    severity: str = "error"

    def message(self, lang: str = "vi") -> str:
        params = {"column": self.column or "", **self.params}
        return t(self.code, lang, **params)

    def place(self, lang: str = "vi") -> str:
        parts = [self.sheet or t("sheet_file", lang)]
        if self.row is not None:
            parts.append(f"{t('row', lang)} {self.row}")
        if self.column:
            parts.append(self.column)
        return " · ".join(parts)

    def line(self, lang: str = "vi") -> str:
        return f"{self.place(lang)}: {self.message(lang)}"


class UnreadableFile(Exception):
    """The file is not a workbook we can open; carries the one problem that says why."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


@dataclass
class RawSheet:
    """A template sheet found in the file: where its header is, which column is which, its rows."""

    spec: Sheet
    title: str
    header_row: int | None
    columns: dict[str, tuple[int, str]]
    rows: list[tuple[int, list]]
    uncalculated: set[tuple[int, int]] = field(default_factory=set)
    percent_cells: set[tuple[int, int]] = field(default_factory=set)
    # For label/value sheets: the Excel row each field was found on.
    field_rows: dict[str, int] = field(default_factory=dict)

    def header(self, field_name: str) -> str:
        if field_name in self.columns:
            return self.columns[field_name][1]
        return self.spec.column(field_name).vi


@dataclass
class RawWorkbook:
    sheets: dict[str, RawSheet]
    problems: list[Problem]


def _column_letters_to_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ch - 64)
    return index - 1


def _open_zip(data: bytes) -> zipfile.ZipFile:
    if len(data) == 0:
        raise UnreadableFile(Problem("file_empty"))
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(
            Problem("file_too_large", params={"size": len(data) // 2**20, "limit": MAX_FILE_BYTES // 2**20})
        )
    if not data.startswith(b"PK\x03\x04"):
        raise UnreadableFile(Problem("file_not_xlsx"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise UnreadableFile(Problem("file_corrupt", params={"detail": str(error)})) from None
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        raise UnreadableFile(Problem("file_not_xlsx"))
    unpacked = sum(info.file_size for info in archive.infolist())
    packed = max(1, sum(info.compress_size for info in archive.infolist()))
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_RATIO:
        raise UnreadableFile(
            Problem(
                "file_too_big_unpacked",
                params={"size": unpacked // 2**20, "limit": MAX_UNPACKED_BYTES // 2**20},
            )
        )
    return archive


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """Reads one part, never more than the unpacked limit even if the zip lies about sizes."""
    chunks = []
    total = 0
    try:
        with archive.open(name) as member:
            while chunk := member.read(1 << 20):
                total += len(chunk)
                if total > MAX_UNPACKED_BYTES:
                    raise UnreadableFile(
                        Problem(
                            "file_too_big_unpacked",
                            params={"size": total // 2**20, "limit": MAX_UNPACKED_BYTES // 2**20},
                        )
                    )
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise UnreadableFile(Problem("file_corrupt", params={"detail": str(error)})) from None
    return b"".join(chunks)


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> path of its XML part inside the zip."""
    try:
        workbook = ElementTree.fromstring(_read_member(archive, "xl/workbook.xml"))
        rels = ElementTree.fromstring(_read_member(archive, "xl/_rels/workbook.xml.rels"))
    except (ElementTree.ParseError, KeyError) as error:
        raise UnreadableFile(Problem("file_corrupt", params={"detail": str(error)})) from None
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.findall("rel:Relationship", _NS)}
    parts = {}
    for sheet in workbook.iterfind("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        path = target.lstrip("/") if target.startswith("/") else "xl/" + target
        parts[sheet.get("name", "")] = path
    return parts


def _uncalculated_formulas(xml: bytes) -> set[tuple[int, int]]:
    """(row index, column index), 0-based, of cells with a formula and no cached value."""
    found: set[tuple[int, int]] = set()
    if b"<f" not in xml:
        return found
    position = xml.find(b"<f")
    while position != -1:
        start = xml.rfind(b"<c ", 0, position)
        end = xml.find(b"</c>", position)
        if start != -1 and end != -1:
            cell = xml[start:end]
            opening = cell[: cell.find(b">") + 1]
            value = re.search(rb"<v>([^<]*)</v>", cell)
            empty = value is None or value.group(1) == b""
            # Excel saves a formula that returned "" as t="str" with an empty value: that is calculated.
            returned_text = b't="str"' in opening and (value is not None or b"<v/>" in cell or b"<v />" in cell)
            if empty and not returned_text:
                ref = _CELL_REF.search(opening)
                if ref:
                    found.add((int(ref.group(2)) - 1, _column_letters_to_index(ref.group(1))))
        position = xml.find(b"<f", position + 2)
    return found


def _percent_cells(data: bytes, title: str, columns: list[int]) -> set[tuple[int, int]]:
    import openpyxl

    found = set()
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for row in workbook[title].iter_rows():
            for cell in row:
                if getattr(cell, "column", None) is None:
                    continue
                if cell.column - 1 in columns and "%" in (cell.number_format or ""):
                    found.add((cell.row - 1, cell.column - 1))
    finally:
        workbook.close()
    return found


def _fill_merged(grid: list[list], merged: list) -> dict[tuple[int, int], tuple[int, int]]:
    """Every cell of a merged range reads as the range's top-left value.

    Returns each copied cell's origin, so a header or label merged across columns still counts once.
    """
    copied: dict[tuple[int, int], tuple[int, int]] = {}
    for (top, left), (bottom, right) in merged or []:
        if top >= len(grid):
            continue
        value = grid[top][left] if left < len(grid[top]) else ""
        for r in range(top, min(bottom, len(grid) - 1) + 1):
            row = grid[r]
            for c in range(left, min(right, len(row) - 1) + 1):
                if (r, c) != (top, left):
                    row[c] = value
                    copied[(r, c)] = (top, left)
    return copied


def _copied_across(copied: dict, row: int, column: int) -> bool:
    """A copy of a header merged across columns (a header merged down over two rows still counts)."""
    origin = copied.get((row, column))
    return origin is not None and origin[0] == row


def _header_text(value: str) -> str:
    """A header cell without the template's required-column star: 'Mã NV *' -> 'Mã NV'."""
    return clean(value).rstrip(" :*")


def _find_header(
    spec: Sheet, grid: list[list], copied: dict, lookup: Lookup | None = None
) -> tuple[int | None, dict[str, tuple[int, str]]]:
    """The row among the first ones that names the most of the sheet's columns (by `lookup`: a mapping)."""
    lookup = lookup or spec.header_lookup()
    best_row, best = None, {}
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        found: dict[str, tuple[int, str]] = {}
        for c, value in enumerate(row):
            if _copied_across(copied, r, c):
                continue
            if isinstance(value, str) and value.strip():
                name = lookup.get(_header_text(value))
                if name is not None and name not in found:
                    found[name] = (c, _header_text(value))
        if len(found) > len(best):
            best_row, best = r, found
    return best_row, best


def _duplicate_columns(
    spec: Sheet, title: str, row: list, header_row: int, copied: dict, lookup: Lookup | None = None
) -> list[Problem]:
    lookup = lookup or spec.header_lookup()
    seen: dict[str, int] = {}
    problems = []
    for c, value in enumerate(row):
        if _copied_across(copied, header_row - 1, c):
            continue
        if isinstance(value, str) and value.strip():
            name = lookup.get(_header_text(value))
            if name is None:
                continue
            if name in seen:
                problems.append(
                    Problem(
                        "duplicate_column",
                        title,
                        header_row,
                        _header_text(value),
                        {"first": _letters(seen[name]), "second": _letters(c)},
                    )
                )
            else:
                seen[name] = c
    return problems


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# What a column mapper says of a sheet: None (read it as its name says, or skip it if the name is
# unknown), SKIP (it needs a mapping nobody chose yet), or a Lookup from its headers to Báo chí fields.
SKIP = "skip"
Mapper = Callable[[str, "str | None", list[list]], "Lookup | str | None"]


def top_rows(grid: list[list]) -> list[list]:
    """The rows a header is searched in."""
    return grid[:HEADER_SEARCH_ROWS]


def read_workbook(source: bytes | str | Path, mapper: Mapper | None = None) -> RawWorkbook:
    """Finds the template's sheets in the file. Raises UnreadableFile when it is no workbook.

    `mapper` (plantrack.mapping) is asked about every sheet that is not a template sheet other than
    Báo chí: a monitoring export of any name becomes the Báo chí sheet through its column mapping.
    """
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    archive = _open_zip(data)
    parts = _sheet_parts(archive)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as error:  # calamine raises its own error types for damaged parts
        raise UnreadableFile(Problem("file_corrupt", params={"detail": str(error)[:200]})) from None

    lookup = sheet_lookup()
    sheets: dict[str, RawSheet] = {}
    problems: list[Problem] = []
    skipped = False
    for title in book.sheet_names:
        name = lookup.get(title)
        if name is None and mapper is None:
            continue
        if name in sheets:
            problems.append(Problem("duplicate_sheet", title, params={"sheet": title}))
            continue
        try:
            calamine_sheet = book.get_sheet_by_name(title)
            grid = calamine_sheet.to_python(skip_empty_area=False)
            merged = calamine_sheet.merged_cell_ranges
        except Exception as error:
            raise UnreadableFile(Problem("file_corrupt", title, params={"detail": str(error)[:200]})) from None
        copied = _fill_merged(grid, merged)
        mapped = mapper(title, name, top_rows(grid)) if mapper is not None and name in (None, "media") else None
        if mapped == SKIP:
            skipped = True
            continue
        if mapped is not None:
            name = "media"
            if name in sheets:
                problems.append(Problem("duplicate_sheet", title, params={"sheet": title}))
                continue
        elif name is None:
            continue
        spec = next(s for s in SHEETS if s.name == name)
        uncalculated = set()
        if title in parts and parts[title] in archive.namelist():
            uncalculated = _uncalculated_formulas(_read_member(archive, parts[title]))
        sheets[name] = _locate(spec, title, grid, copied, uncalculated, data, problems, mapped)
    if not sheets and not problems and not skipped:
        expected = ", ".join(f"{s.vi} ({s.en})" for s in SHEETS)
        problems.append(Problem("no_known_sheet", params={"expected": expected}))
    return RawWorkbook(sheets, problems)


def _locate(
    spec: Sheet,
    title: str,
    grid: list[list],
    copied: dict,
    uncalculated: set[tuple[int, int]],
    data: bytes,
    problems: list[Problem],
    mapped: Lookup | None = None,
) -> RawSheet:
    if spec.layout == "fields":
        return _locate_fields(spec, title, grid, copied, uncalculated)
    header_index, columns = _find_header(spec, grid, copied, mapped)
    if header_index is None or not columns:
        expected = ", ".join(c.vi for c in spec.columns if c.required)
        problems.append(Problem("no_header", title, params={"rows": HEADER_SEARCH_ROWS, "expected": expected}))
        return RawSheet(spec, title, None, {}, [])
    problems.extend(_duplicate_columns(spec, title, grid[header_index], header_index + 1, copied, mapped))
    positions = [c for c, _ in columns.values()]
    width = max(positions) + 1
    rows = []
    for r in range(header_index + 1, len(grid)):
        source = grid[r]
        if len(source) < width:
            source = source + [""] * (width - len(source))
        values = [source[c] for c in positions]
        if all(map(is_blank, values)):
            if not any((r, c) in uncalculated for c in positions):
                continue
        rows.append((r + 1, values))
    raw = RawSheet(spec, title, header_index + 1, columns, rows)
    raw.uncalculated = uncalculated
    percent_columns = [columns[c.field][0] for c in spec.columns if c.kind == "percent" and c.field in columns]
    if percent_columns:
        raw.percent_cells = _percent_cells(data, title, percent_columns)
    return raw


def _locate_fields(spec: Sheet, title: str, grid: list[list], copied: dict, uncalculated: set) -> RawSheet:
    """Label/value pairs: the label in one cell, its value in the next filled cell to the right."""
    lookup = spec.header_lookup()
    columns: dict[str, tuple[int, str]] = {}
    values: dict[str, tuple[int, object, int]] = {}
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if not (isinstance(cell, str) and cell.strip()):
                continue
            name = lookup.get(_header_text(cell))
            if name is None or name in values:
                continue
            value, value_col = "", c + 1
            for c2 in range(c + 1, len(row)):
                if copied.get((r, c2)) == copied.get((r, c), (r, c)):
                    continue  # the label itself, merged across columns
                if not is_blank(row[c2]) or (r, c2) in uncalculated:
                    value, value_col = row[c2], c2
                    break
            columns[name] = (value_col, _header_text(cell))
            values[name] = (r + 1, value, value_col)
            break
    field_rows = {name: row for name, (row, _, _) in values.items()}
    record = [value for _, value, _ in values.values()]
    rows = [(min(field_rows.values()), record)] if values else []
    return RawSheet(spec, title, None, columns, rows, uncalculated, set(), field_rows)
