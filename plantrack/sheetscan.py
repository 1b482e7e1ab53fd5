"""Measuring a sheet's XML before anyone builds it: last row and column, filled cells, text taken.

The scan streams each part out of the zip in chunks and reads only cell tags with a regular
expression, so it costs a fraction of a full read and never holds more than a chunk. Calamine sizes
its grid from the cells themselves (a declared `<dimension ref="A1:XFD1048576">` over one cell
reads as one cell, measured with python-calamine 0.9.1), so the scan judges the cells, not the
declaration.
"""

from __future__ import annotations

import re
import time
import zipfile
from array import array
from dataclasses import dataclass

CHUNK = 1 << 20
# A cell's opening tag (self-closing when empty), and the shared-string index that may follow it.
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(/?)>(?:<(?:\w+:)?v>(\d{1,10})</(?:\w+:)?v>)?")
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*?)/?>")
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d{1,7})"')
_ROW_NUMBER = re.compile(rb'\br="(\d{1,7})"')
_SHARED_TYPE = re.compile(rb'\bt="s"')
_SHARED_STRING = re.compile(rb"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", re.DOTALL)
_STRING_START = re.compile(rb"<(?:\w+:)?si\b[^>]*?(/?)>")
_STRING_END = re.compile(rb"</(?:\w+:)?si>")
_TAG = re.compile(rb"<(?:\w+:)?(?:c|row|si)\b")


class TooBig(Exception):
    """A part or a sheet over a limit: `what` names the limit, `size` what was found."""

    def __init__(self, what: str, size: int):
        super().__init__(what)
        self.what = what
        self.size = size


class OutOfTime(Exception):
    pass


@dataclass
class Deadline:
    """Wall-clock budget of one read; `check` raises OutOfTime once it is spent."""

    seconds: float
    started: float = 0.0

    def __post_init__(self) -> None:
        self.started = time.monotonic()

    def check(self) -> None:
        if time.monotonic() - self.started > self.seconds:
            raise OutOfTime()


@dataclass
class SheetSize:
    rows: int = 0
    columns: int = 0
    cells: int = 0
    text_bytes: int = 0

    @property
    def area(self) -> int:
        return self.rows * self.columns


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ch - 64)
    return index


def _chunks(archive: zipfile.ZipFile, name: str, limit: int, deadline: Deadline, strings: bool = False):
    """The part's bytes in pieces, each ending at a tag boundary (with `strings`, at a shared
    string's boundary); TooBig past `limit` bytes."""
    total = 0
    tail = b""
    with archive.open(name) as member:
        while chunk := member.read(CHUNK):
            total += len(chunk)
            if total > limit:
                raise TooBig("part", total)
            deadline.check()
            data = tail + chunk
            # Cut before the last tag that may be incomplete, so no match straddles two pieces.
            cut = data.rfind(b"<")
            last = data.rfind(b">")
            if cut > last:
                tail, data = data[cut:], data[:cut]
            else:
                tail = b""
            # A shared string spans several tags: keep an unfinished <si> for the next piece.
            opened = _last_string_start(data) if strings else None
            if opened is not None:
                tail, data = data[opened:] + tail, data[:opened]
            yield data
            if len(tail) > limit:
                raise TooBig("part", total)
    if tail:
        yield tail


def _last_string_start(data: bytes) -> int | None:
    """Where the last shared string of `data` starts, when it does not end in `data`."""
    starts = list(_STRING_START.finditer(data))
    if not starts:
        return None
    last = starts[-1]
    if last.group(1) or _STRING_END.search(data, last.end()):
        return None
    return last.start()


def shared_string_sizes(archive: zipfile.ZipFile, name: str | None, limit: int, deadline: Deadline) -> array:
    """Bytes of XML of each shared string, in order."""
    sizes = array("Q")
    if name is None:
        return sizes
    for data in _chunks(archive, name, limit, deadline, strings=True):
        for match in _SHARED_STRING.finditer(data):
            sizes.append(len(match.group(1) or b""))
    return sizes


_FILLED_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"[^>]*(?<!/)>')
_CELL_ROW = re.compile(rb'<c r="[A-Z]{1,3}(\d{1,7})"')
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})\d')
_EMPTY_CELL = re.compile(rb'<c r="[A-Z]{1,3}\d{1,7}"[^>]*/>')
_SHARED_CELL = re.compile(rb'<c\b[^>]*?\bt="s"[^>]*><v>(\d{1,10})</v>')


def _widest_columns(data: bytes) -> set[bytes]:
    return set(_CELL_COLUMN.findall(data))


def _fast(data: bytes, strings: array, size: SheetSize) -> bool:
    """The usual layout (every cell's tag starts with its position, no namespace prefix) measured by
    whole-chunk searches instead of a Python step per cell; False when the chunk needs the exact scan."""
    cells = data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>")
    if not cells:
        return b":c " not in data
    if b":c " in data or data.count(b'<c r="') != cells:
        return False
    if b"/>" in data and _EMPTY_CELL.search(data):
        refs = _FILLED_CELL.findall(data)
        rows = [row for _, row in refs]
        columns = {letters for letters, _ in refs}
    else:
        rows = _CELL_ROW.findall(data)
        columns = _widest_columns(data)
    if rows:
        size.cells += len(rows)
        size.rows = max(size.rows, max(map(int, rows)))
        widest = max(columns, key=lambda letters: (len(letters), letters))
        size.columns = max(size.columns, _column_index(widest))
    if b't="s"' in data:
        count = len(strings)
        for index in _SHARED_CELL.findall(data):
            position = int(index)
            if position < count:
                size.text_bytes += strings[position]
    return True


def scan_sheet(archive: zipfile.ZipFile, name: str, strings: array, part_limit: int, deadline: Deadline) -> SheetSize:
    """The used range (1-based last row and column of a filled cell), filled cells and text bytes."""
    size = SheetSize()
    row = 0
    column = 0
    count = len(strings)
    for data in _chunks(archive, name, part_limit, deadline):
        if _fast(data, strings, size):
            continue
        position = 0
        while True:
            tag = _TAG.search(data, position)
            if tag is None:
                break
            if data[tag.start() + 1 : tag.end()].endswith(b"row"):
                match = _ROW.match(data, tag.start())
                if match is None:
                    position = tag.end()
                    continue
                number = _ROW_NUMBER.search(match.group(1))
                row = int(number.group(1)) if number else row + 1
                column = 0
                position = match.end()
                continue
            match = _CELL.match(data, tag.start())
            if match is None:
                position = tag.end()
                continue
            attributes, empty, index = match.groups()
            ref = _REF.search(attributes)
            if ref:
                column = _column_index(ref.group(1))
                row = int(ref.group(2))
            else:
                column += 1
            position = match.end()
            if empty:
                continue
            size.cells += 1
            size.rows = max(size.rows, row)
            size.columns = max(size.columns, column)
            if index is not None and _SHARED_TYPE.search(attributes):
                position_in_table = int(index)
                if position_in_table < count:
                    size.text_bytes += strings[position_in_table]
    return size
