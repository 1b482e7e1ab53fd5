"""Opening an uploaded workbook safely and finding the template's sheets, headers and rows in it.

Values come from python-calamine (fast). Two things calamine cannot see are read from the file
itself: which cells hold a formula Excel never calculated, and — for the few columns whose meaning
depends on it — whether a cell is formatted as a percentage (read with openpyxl).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import python_calamine

from plantrack import limits, sheetscan
from plantrack.contract import SHEETS, Sheet, sheet_lookup
from plantrack.i18n import format_number, t
from plantrack.limits import MAX_FILE_BYTES, MAX_RATIO, MAX_UNPACKED_BYTES
from plantrack.text import Lookup, clean
from plantrack.values import is_blank

HEADER_SEARCH_ROWS = 15
# An OLE compound file: an old .xls, or an .xlsx that Excel encrypted with a password.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

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
        return t(self.code, lang, **{key: _quoted(value, key in QUOTED) for key, value in params.items()})

    def place(self, lang: str = "vi") -> str:
        parts = [self.sheet or t("sheet_file", lang)]
        if self.row is not None:
            parts.append(f"{t('row', lang)} {self.row}")
        if self.column:
            parts.append(self.column)
        return " · ".join(parts)

    def line(self, lang: str = "vi") -> str:
        return f"{self.place(lang)}: {self.message(lang)}"


# A cell's value quoted in a message: long enough to recognise, never a whole 32.767-character cell.
QUOTE_CHARS = 200
QUOTED = ("value", "key", "detail")


def _quoted(value: object, cut: bool) -> object:
    """Text as a message shows it: no control characters (a terminal would run escape sequences);
    a cell's value cut to QUOTE_CHARS."""
    if not isinstance(value, str):
        return value
    text = "".join("\ufffd" if unicodedata.category(c) == "Cc" and c != "\n" else c for c in value)
    return text if not cut or len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…"


class Problems(list):
    """A list of problems that keeps the first MAX_PROBLEMS of each severity and counts the rest.

    A file with two million bad cells must not hold two million messages in memory; an error past
    the cap still counts, so the file stays refused.
    """

    def __init__(self, items=(), limit: int = limits.MAX_PROBLEMS):
        super().__init__()
        self.limit = limit
        self.dropped = {"error": 0, "warning": 0}
        self._kept = {"error": 0, "warning": 0}
        # Columns with a problem per (sheet, row), kept or not: one mistake is reported once.
        self.places: dict[tuple, set] = {}
        self.extend(items)
        for severity, count in getattr(items, "dropped", {}).items():
            self.dropped[severity] = self.dropped.get(severity, 0) + count

    def append(self, problem: Problem) -> None:
        self.places.setdefault((problem.sheet, problem.row), set()).add(problem.column)
        kept = self._kept.get(problem.severity, 0)
        if kept >= self.limit:
            self.dropped[problem.severity] = self.dropped.get(problem.severity, 0) + 1
            return
        self._kept[problem.severity] = kept + 1
        super().append(problem)

    def extend(self, problems) -> None:
        for problem in problems:
            self.append(problem)

    @classmethod
    def joined(cls, *parts: list) -> Problems:
        """Several lists as one, the counts of what each dropped added up."""
        joined = cls()
        for part in parts:
            joined.extend(part)
            for severity, count in getattr(part, "dropped", {}).items():
                joined.dropped[severity] = joined.dropped.get(severity, 0) + count
        return joined

    def more(self, severity: str) -> int:
        """How many problems of this severity were counted but not kept."""
        return self.dropped.get(severity, 0)


def more_problems(problems: list, severity: str = "error") -> int:
    return problems.more(severity) if isinstance(problems, Problems) else 0


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
    # The read's time budget: validation goes on under the same clock (limits.READ_SECONDS).
    deadline: sheetscan.Deadline | None = None


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
    if data.startswith(_OLE_MAGIC):
        raise UnreadableFile(Problem("file_encrypted" if _ENCRYPTED_STREAM in data else "file_not_xlsx"))
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


def _limit_problem(code: str, sheet: str | None, size: int, limit: int, unit: int = 1) -> Problem:
    """A refusal that names the limit: `size` and `limit` shown in `unit`s (1, or MiB)."""
    params = {"size": format_number(size // unit), "limit": format_number(limit // unit)}
    if sheet:
        params["sheet"] = sheet
    return Problem(code, sheet, params=params)


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """Reads one part, never more than the part limit even if the zip lies about sizes."""
    chunks = []
    total = 0
    try:
        with archive.open(name) as member:
            while chunk := member.read(1 << 20):
                total += len(chunk)
                if total > limits.MAX_PART_BYTES:
                    raise UnreadableFile(
                        _limit_problem("file_part_too_big", None, total, limits.MAX_PART_BYTES, limits.MIB)
                    )
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise UnreadableFile(Problem("file_corrupt", params={"detail": str(error)})) from None
    return b"".join(chunks)


def _shared_strings_part(archive: zipfile.ZipFile) -> str | None:
    try:
        rels = ElementTree.fromstring(_read_member(archive, "xl/_rels/workbook.xml.rels"))
    except (ElementTree.ParseError, KeyError):
        return None
    for rel in rels.findall("rel:Relationship", _NS):
        if rel.get("Type", "").endswith("/sharedStrings"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else "xl/" + target
            return path if path in archive.namelist() else None
    return "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in archive.namelist() else None


def _measure(archive: zipfile.ZipFile, parts: dict[str, str], titles: list[str], deadline) -> None:
    """Refuses the file before calamine builds any sheet whose grid, cells or text are over a limit."""
    strings = sheetscan.shared_string_sizes(archive, _shared_strings_part(archive), limits.MAX_PART_BYTES, deadline)
    total = 0
    for title in titles:
        part = parts.get(title)
        if part is None or part not in archive.namelist():
            continue
        size = sheetscan.scan_sheet(archive, part, strings, limits.MAX_PART_BYTES, deadline)
        if size.area > limits.MAX_SHEET_CELLS:
            raise UnreadableFile(
                Problem(
                    "sheet_too_many_cells",
                    title,
                    params={
                        "sheet": title,
                        "last": f"{_letters(max(size.columns, 1) - 1)}{size.rows}",
                        "size": format_number(size.area),
                        "limit": format_number(limits.MAX_SHEET_CELLS),
                    },
                )
            )
        if size.text_bytes > limits.MAX_SHEET_TEXT_BYTES:
            raise UnreadableFile(
                _limit_problem("sheet_too_much_text", title, size.text_bytes, limits.MAX_SHEET_TEXT_BYTES, limits.MIB)
            )
        total += size.area
        if total > limits.MAX_WORKBOOK_CELLS:
            raise UnreadableFile(_limit_problem("file_too_many_cells", None, total, limits.MAX_WORKBOOK_CELLS))


def _check_merges(title: str, merged: list, rows: int) -> None:
    """Merged ranges are copied cell by cell: their number and the cells they cover are bounded."""
    merged = merged or []
    if len(merged) > limits.MAX_MERGED_RANGES:
        raise UnreadableFile(_limit_problem("sheet_too_many_merges", title, len(merged), limits.MAX_MERGED_RANGES))
    covered = 0
    for (top, left), (bottom, right) in merged:
        if top < rows:
            covered += (min(bottom, rows - 1) - top + 1) * max(0, right - left + 1)
    if covered > limits.MAX_MERGED_CELLS:
        raise UnreadableFile(_limit_problem("sheet_merges_too_big", title, covered, limits.MAX_MERGED_CELLS))


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


def out_of_time(deadline: sheetscan.Deadline) -> UnreadableFile:
    """The refusal of a file whose reading and checking took longer than its budget."""
    return UnreadableFile(Problem("file_read_too_long", params={"limit": format_number(deadline.seconds)}))


def read_workbook(
    source: bytes | str | Path, mapper: Mapper | None = None, seconds: float = limits.READ_SECONDS
) -> RawWorkbook:
    """Finds the template's sheets in the file. Raises UnreadableFile when it is no workbook.

    `mapper` (plantrack.mapping) is asked about every sheet that is not a template sheet other than
    Báo chí: a monitoring export of any name becomes the Báo chí sheet through its column mapping.
    Every limit of `plantrack.limits` is checked before the work it bounds; the whole read gets
    `seconds` of wall-clock time.
    """
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    deadline = sheetscan.Deadline(seconds)
    try:
        return _read(data, deadline, mapper)
    except sheetscan.OutOfTime:
        raise out_of_time(deadline) from None
    except sheetscan.TooBig as too_big:
        raise UnreadableFile(
            _limit_problem("file_part_too_big", None, too_big.size, limits.MAX_PART_BYTES, limits.MIB)
        ) from None
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as error:
        raise UnreadableFile(Problem("file_corrupt", params={"detail": str(error)[:200]})) from None


def _read(data: bytes, deadline: sheetscan.Deadline, mapper: Mapper | None) -> RawWorkbook:
    archive = _open_zip(data)
    parts = _sheet_parts(archive)
    lookup = sheet_lookup()
    # With a mapper every sheet may be read (an export of any name), so every sheet is measured.
    _measure(
        archive, parts, [title for title in parts if mapper is not None or lookup.get(title) is not None], deadline
    )
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as error:  # calamine raises its own error types for damaged parts
        raise UnreadableFile(Problem("file_corrupt", params={"detail": str(error)[:200]})) from None

    sheets: dict[str, RawSheet] = {}
    problems = Problems()
    skipped = False
    for title in book.sheet_names:
        name = lookup.get(title)
        if name is None and mapper is None:
            continue
        if name in sheets:
            problems.append(Problem("duplicate_sheet", title, params={"sheet": title}))
            continue
        deadline.check()
        try:
            calamine_sheet = book.get_sheet_by_name(title)
            # The grid read below starts at A1, wherever the data starts.
            end = calamine_sheet.end or (-1, -1)
            rows, area = end[0] + 1, (end[0] + 1) * (end[1] + 1)
            if area > limits.MAX_SHEET_CELLS:
                # The scan missed a part calamine found (an unusual layout): still no dense grid.
                raise UnreadableFile(_limit_problem("sheet_too_many_cells_short", title, area, limits.MAX_SHEET_CELLS))
            merged = calamine_sheet.merged_cell_ranges
            _check_merges(title, merged, rows)
            grid = calamine_sheet.to_python(skip_empty_area=False)
        except UnreadableFile:
            raise
        except Exception as error:
            raise UnreadableFile(Problem("file_corrupt", title, params={"detail": str(error)[:200]})) from None
        deadline.check()
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
        deadline.check()
        sheets[name] = _locate(spec, title, grid, copied, uncalculated, data, problems, mapped)
        del grid, copied
        deadline.check()
    if not sheets and not problems and not skipped:
        expected = ", ".join(f"{s.vi} ({s.en})" for s in SHEETS)
        problems.append(Problem("no_known_sheet", params={"expected": expected}))
    return RawWorkbook(sheets, problems, deadline)


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
