"""Reading a plan document (.docx, .pdf with a text layer, .txt, .md) into paragraphs and tables, in order.

The reader of plans (`plantrack.draft`) works on what this returns, whatever the file was: a list
of `Paragraph` (one line of text each, with whether it was bold) and `Table` (rows of cell texts,
merged cells repeated in each column they span, as Word shows them).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from plantrack.text import clean

MAX_DOCUMENT_BYTES = 50 * 2**20
FORMATS = (".docx", ".pdf", ".txt", ".md")


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False


@dataclass
class Table:
    rows: list[list[str]] = field(default_factory=list)


Block = Paragraph | Table


class UnreadableDocument(Exception):
    """The file cannot be read as a plan; `code` is the message key saying why and what to do."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code = code
        self.params = params


# A line beginning like this starts a new paragraph, even when the previous line ran on.
_STARTS_ITEM = re.compile(
    r"^(?:[IVXLC]+[.)]\s|\d+(?:\.\d+)*[.)]\s|\d+(?:\.\d+)+\s|[a-zđ][.)]\s|[-–+•*]\s|"
    r"(?:Thời gian|Thời hạn|Đơn vị|Cơ quan|Sản phẩm|Kết quả|Căn cứ|Nơi nhận)\b)"
)
_ENDS_SENTENCE = re.compile(r"[.:;!?]\s*$")
_MARKDOWN = re.compile(r"\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)|^#{1,6}\s+|^>\s+")


def read_document(data: bytes, file_name: str) -> list[Block]:
    suffix = Path(file_name).suffix.lower()
    if not data:
        raise UnreadableDocument("doc_empty")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise UnreadableDocument("doc_too_large", size=len(data) // 2**20, limit=MAX_DOCUMENT_BYTES // 2**20)
    if suffix == ".docx":
        return _read_docx(data)
    if suffix == ".pdf":
        return _read_pdf(data)
    if suffix in (".txt", ".md"):
        return _read_text(_decode(data))
    raise UnreadableDocument("doc_format", name=file_name, formats=", ".join(FORMATS))


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise UnreadableDocument("doc_encoding")


def _read_docx(data: bytes) -> list[Block]:
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableDocument("doc_corrupt", detail=type(error).__name__) from None
    blocks: list[Block] = []
    numbering = _Numbering(document)
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = DocxParagraph(child, document)
            label = numbering.label(paragraph)
            for index, line in enumerate(paragraph.text.splitlines() or [""]):
                text = clean(line)
                if label and index == 0 and text:
                    text = f"{label} {text}"
                if text:
                    runs = [r for r in paragraph.runs if r.text.strip()]
                    bold = bool(runs) and all(r.bold for r in runs)
                    blocks.append(Paragraph(text, bold))
        elif tag == "tbl":
            table = DocxTable(child, document)
            blocks.append(Table([[clean(cell.text) for cell in row.cells] for row in table.rows]))
    return blocks


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = (
    ("M", 1000),
    ("CM", 900),
    ("D", 500),
    ("CD", 400),
    ("C", 100),
    ("XC", 90),
    ("L", 50),
    ("XL", 40),
    ("X", 10),
    ("IX", 9),
    ("V", 5),
    ("IV", 4),
    ("I", 1),
)


def _roman(n: int) -> str:
    out = ""
    for letters, value in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


class _Numbering:
    """The numbers Word draws before list paragraphs ("1.", "a)", "-"), which are not in their text.

    Read from the document's numbering definitions, for a numbering set on the paragraph or on its
    style, counted the way Word counts them (a level restarts when a higher one advances).
    """

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        # Looking a paragraph's style up through python-docx is slow; the styles' numbering, once.
        self.style_numbering = {}
        for style in document.styles.element.iter(f"{_W}style"):
            ppr = style.pPr
            if ppr is not None and ppr.numPr is not None:
                self.style_numbering[style.get(f"{_W}styleId")] = ppr.numPr
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for definition in root.iter(f"{_W}abstractNum"):
            levels = {}
            for level in definition.iter(f"{_W}lvl"):
                fmt, text, start = level.find(f"{_W}numFmt"), level.find(f"{_W}lvlText"), level.find(f"{_W}start")
                levels[int(level.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "",
                    int(start.get(f"{_W}val")) if start is not None else 1,
                )
            abstract[definition.get(f"{_W}abstractNumId")] = levels
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{_W}numId")] = abstract.get(ref.get(f"{_W}val"), {})

    def _num_pr(self, paragraph):
        ppr = paragraph._p.pPr
        if ppr is None:
            return None
        if ppr.numPr is not None:
            return ppr.numPr
        return self.style_numbering.get(ppr.pStyle.val) if ppr.pStyle is not None else None

    def label(self, paragraph) -> str:
        num_pr = self._num_pr(paragraph) if self.levels else None
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = str(num_pr.numId.val)
        levels = self.levels.get(num_id)
        if not levels:
            return ""
        level = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
        counters = self.counters.setdefault(num_id, [0] * 9)
        fmt, text, start = levels.get(level, ("decimal", f"%{level + 1}.", 1))
        counters[level] = max(counters[level], start - 1) + 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        if fmt == "bullet" or fmt == "none":
            return "-" if fmt == "bullet" else ""

        def number(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            value = counters[k] or levels.get(k, ("decimal", "", 1))[2]
            kind = levels.get(k, ("decimal", "", 1))[0]
            if kind in ("lowerLetter", "upperLetter"):
                letter = "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26]
                return letter if kind == "lowerLetter" else letter.upper()
            if kind in ("upperRoman", "lowerRoman"):
                return _roman(value) if kind == "upperRoman" else _roman(value).lower()
            return str(value)

        return re.sub(r"%(\d)", number, text).strip()


def _read_pdf(data: bytes) -> list[Block]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFSyntaxError, ValueError, TypeError) as error:
        raise UnreadableDocument("doc_corrupt", detail=type(error).__name__) from None
    lines: list[str | Table] = []
    characters = 0
    with pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            boxes = [table.bbox for table in tables]
            outside = page
            for box in boxes:
                outside = outside.outside_bbox(box)
            placed: list[tuple[float, str | Table]] = []
            for line in outside.extract_text_lines():
                placed.append((line["top"], line["text"]))
            for table in tables:
                # A line break inside a PDF cell is where the text wrapped, not a new item.
                rows = [[clean((cell or "").replace("\n", " ")) for cell in row] for row in table.extract()]
                placed.append((table.bbox[1], Table(rows)))
            placed.sort(key=lambda item: item[0])
            for _, item in placed:
                characters += len(item) if isinstance(item, str) else sum(map(len, sum(item.rows, [])))
                lines.append(item)
    if characters < 20:
        raise UnreadableDocument("doc_scanned")
    return _paragraphs(lines, soft_blank=False)


def _read_text(text: str) -> list[Block]:
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[str | Table] = []
    table: Table | None = None
    index = 0
    while index < len(raw_lines):
        raw = raw_lines[index]
        stripped = raw.strip()
        index += 1
        if stripped == "|":
            # A table copied from a web page as one cell per line block, "|" between cells, "|" "|" between rows.
            end = index
            while end < len(raw_lines) and not (raw_lines[end - 1].strip() == "|" and not raw_lines[end].strip()):
                end += 1
            lines.append(_lone_bar_table(raw_lines[index - 1 : end]))
            index = end
            table = None
            continue
        if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
            cells = [clean(_MARKDOWN.sub("", cell)) for cell in stripped[1:-1].split("|")]
            if all(re.fullmatch(r":?-{2,}:?", cell) for cell in cells if cell):
                continue  # the |---|---| line under a markdown header
            if table is None:
                table = Table()
                lines.append(table)
            table.rows.append(cells)
            continue
        table = None
        lines.append(_MARKDOWN.sub("", raw))
    # Text copied from a PDF often has a blank line after every wrapped line: then only two or
    # more blank lines in a row end a paragraph.
    filled = [i for i, line in enumerate(lines) if isinstance(line, str) and line.strip()]
    single_gaps = sum(
        1
        for i in filled[:-1]
        if i + 2 < len(lines) and isinstance(lines[i + 1], str) and not lines[i + 1].strip() and lines[i + 2] != ""
    )
    soft_blank = bool(filled) and single_gaps > 0.6 * len(filled)
    return _paragraphs(lines, soft_blank)


def _lone_bar_table(block: list[str]) -> Table:
    rows: list[list[str]] = [[]]
    cell: list[str] = []
    previous_bar = False
    for line in block:
        if line.strip() == "|":
            if cell:
                rows[-1].append(clean(_MARKDOWN.sub("", " ".join(cell))))
                cell = []
            elif previous_bar and rows[-1]:
                rows.append([])
            previous_bar = True
            continue
        previous_bar = False
        cell.append(line)
    if cell:
        rows[-1].append(clean(_MARKDOWN.sub("", " ".join(cell))))
    return Table([row for row in rows if row])


def _is_heading(text: str) -> bool:
    """A line in capitals ("KẾ HOẠCH"); "III/2019." at the start of a wrapped line is not one."""
    letters = [ch for ch in text if ch.isalpha()]
    words = re.findall(r"[^\W\d_]+", text)
    return (
        len(letters) >= 3
        and all(ch.isupper() for ch in letters)
        and any(len(w) >= 2 and not re.fullmatch(r"[IVXLC]+", w) for w in words)
    )


def _paragraphs(lines: list[str | Table], soft_blank: bool) -> list[Block]:
    """Lines wrapped by a page or a web copy, joined back into the paragraphs they were."""
    blocks: list[Block] = []
    current: list[str] = []
    blanks = 0

    def flush() -> None:
        if current:
            blocks.append(Paragraph(clean(" ".join(current))))
            current.clear()

    for line in lines:
        if isinstance(line, Table):
            flush()
            blocks.append(line)
            blanks = 0
            continue
        text = clean(line)
        if not text:
            blanks += 1
            if blanks >= (2 if soft_blank else 1):
                flush()
            continue
        blanks = 0
        if current:
            previous = current[-1]
            new = (
                _STARTS_ITEM.match(text)
                or _ENDS_SENTENCE.search(previous)
                or (_is_heading(previous) != _is_heading(text) and not previous.endswith(","))
            )
            if new:
                flush()
        current.append(text)
    flush()
    return blocks
