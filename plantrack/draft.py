"""Reading a plan document into a draft workbook that staff check in Excel, then import (DESIGN §10).

The reader works on the shapes Vietnamese plans share, not on particular files:

- the header block: issuing body, "Số: …", "<place>, ngày … tháng … năm …", the title after "KẾ
  HOẠCH", the legal bases ("Căn cứ …", "Thực hiện …", "Triển khai thực hiện …");
- sections headed I., II., …: Mục đích / Yêu cầu / Mục tiêu / Quan điểm hold no tasks; KINH PHÍ
  names funding sources; TỔ CHỨC THỰC HIỆN names units and what each leads; the others hold tasks;
- tasks as numbered items at any depth (1., 1.1., a), -, +), in prose or followed by labelled lines
  (lead, supporting units, timing, product); labels attach to the item they follow, so a group of
  "-" items closed by one set of labels is one task, and several label sets make several tasks;
- task tables (often a Phụ lục), found by their header words, with group rows kept as groups; when
  a plan has such a table, its rows are the tasks and the prose only describes them.

What the reader is unsure of, or could not find, is marked on the cell with the reason.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from plantrack.agencies import Registry, is_division, measure_words, split_units, starts_unit, unit_name
from plantrack.contract import SHEETS_BY_NAME
from plantrack.document import Block, Paragraph, Table, read_document
from plantrack.excel import workbook_bytes, write_workbook
from plantrack.i18n import t
from plantrack.text import clean, strip_accents
from plantrack.timing import Timing, read_timing

ROMAN_HEADING = re.compile(r"^(?:PHẦN\s+)?([IVXL]+)\s*[.:/)-]\s*(.*)$")
LETTER_HEADING = re.compile(r"^([A-H])\.\s+(.*)$")  # "A. MỤC ĐÍCH, YÊU CẦU", "B. NỘI DUNG"
_MARKER = re.compile(
    r"^(?:(?P<decimal>\d+(?:\.\d+)*)(?:\.|\))\s*|(?P<decimal_bare>\d+(?:\.\d+)+)\s+|"
    r"(?P<letter>[a-zđ])[.)]\s+|(?P<dash>[-–—•*])\s*|(?P<plus>\+)\s*)(?=\S)"
)
_LABELS = (
    ("support", r"(?:(?:cơ quan|đơn vị)(?:\s*[/,]\s*(?:cơ quan|đơn vị))?\s+)?phối hợp[^:]{0,30}"),
    (
        "lead",
        r"(?:cơ quan|đơn vị)(?:\s*[/,]\s*(?:cơ quan|đơn vị))?\s+(?:chủ trì|thực hiện|đầu mối|làm đầu mối)[^:]{0,40}"
        r"|[^:]{0,40}làm đầu mối|chủ trì(?:\s+thực hiện)?|trách nhiệm thực hiện",
    ),
    ("timing", r"(?:thời gian|thời hạn|tiến độ)[^:]{0,40}"),
    ("product", r"(?:sản phẩm|kết quả)[^:]{0,30}"),
    ("content", r"nội dung[^:]{0,30}"),
)
_LABEL = re.compile(r"^(?:" + "|".join(f"(?P<{k}>{p})" for k, p in _LABELS) + r")\s*:\s*(?P<value>.*)$", re.I)
_NOT_TASK_SECTIONS = (
    "muc dich",
    "yeu cau",
    "muc tieu",
    "quan diem",
    "can cu",
    "su can thiet",
    "thuc trang",
    "danh gia",
    "ket qua thuc hien",
    "tinh hinh",
    "pham vi",
    "doi tuong",
    "theo doi",
)
_REPORTING_SECTIONS = ("che do bao cao", "theo doi, kiem tra", "kiem tra, giam sat", "so ket, tong ket")
_BUDGET_SECTIONS = ("kinh phi", "nguon luc", "ngan sach", "nguon von")
_ORGANISATION_SECTIONS = ("to chuc thuc hien", "phan cong", "trach nhiem")
_BASIS = re.compile(
    r"^(?:Căn cứ|Thực hiện|Triển khai thực hiện|Thi hành)\s+(?:các\s+)?(?:Luật|Bộ luật|Nghị quyết|"
    r"Nghị định|Quyết định|Chỉ thị|Thông tư|Kế hoạch|Công văn|Văn bản|Kết luận|Chương trình|Hướng dẫn|"
    r"Thông báo|Đề án|Chiến lược|ý kiến)",
    re.I,
)
_DOC_KIND = (
    r"(?:Luật|Nghị quyết|Nghị định|Quyết định|Chỉ thị|Thông tư|Kế hoạch|Công văn|Văn bản|Kết luận|Hướng dẫn|Thông báo)"
)
_ISSUED = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_NUMBER = re.compile(r"\bSố\s*:\s*(\d+[\w.-]*\s*/\s*[^\s,;]+|\d[^\s,;]*)", re.I)
_INTRO = re.compile(
    r"([^,;:]+?)\s+(?:xây dựng|ban hành|triển khai)\s+(?:Kế hoạch|kế hoạch)\b[^:]*(?:như sau|sau đây)\s*:?\s*$"
)
_TABLE_WORDS = {
    "number": ("stt", "tt", "so tt", "so thu tu"),
    "content": ("nhiem vu", "noi dung", "cong viec", "hoat dong", "giai phap", "ten nhiem vu"),
    "lead": ("chu tri", "don vi chu tri", "co quan chu tri", "don vi thuc hien", "co quan thuc hien", "dau moi"),
    "support": ("phoi hop", "don vi phoi hop", "co quan phoi hop"),
    "timing": ("thoi gian", "thoi han", "tien do", "thoi gian thuc hien", "thoi gian hoan thanh"),
    "product": ("san pham", "ket qua", "san pham dau ra"),
    "note": ("ghi chu",),
}
_MONEY = re.compile(r"(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(tỷ|triệu|nghìn|ngàn)?\s*(?:đồng|đ\b|VNĐ|VND)", re.I)
_SCALE = {"tỷ": 10**9, "triệu": 10**6, "nghìn": 1000, "ngàn": 1000, None: 1}


@cache
def _measures() -> re.Pattern:
    words = sorted(measure_words(), key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(r"(?<![\d/.,\-])(\d{1,3}(?:\.\d{3})*|\d+)\s+(" + alternatives + r")(?=[\s,.;:)]|$)", re.I)


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s,]", " ", strip_accents(text).lower()).split())


@dataclass
class Item:
    """A numbered or bulleted item of a task section, with what follows it."""

    kind: str  # decimal, letter, dash, plus, root
    rank: int
    number: str
    text: str
    line: str  # as written, with its marker
    body: list[str] = field(default_factory=list)
    labels: dict[str, list[str]] = field(default_factory=dict)
    label_lines: list[str] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    parent: Item | None = None

    @property
    def numbered(self) -> bool:
        return self.kind in ("decimal", "letter")

    def labelled(self) -> bool:
        return bool(self.labels) or any(child.labelled() for child in self.children)

    def all_text(self) -> list[str]:
        lines = [self.text, *self.body]
        for child in self.children:
            lines.extend(child.all_text())
        return lines


@dataclass
class DraftTask:
    code: str
    title: str
    content: str
    source: str
    group: str = ""
    lead_text: str = ""
    support_text: str = ""
    timing_text: str = ""
    product: str = ""
    steps: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    lead_from: str = ""  # the TCTH duty a lead was read from
    support_from_title: bool = False  # "Phối hợp với … " at the start of the task's words


@dataclass
class Draft:
    plan: dict
    tasks: list[DraftTask]
    units: Registry
    budget: list[dict]
    marks: dict[tuple[str, int, str], tuple[str, dict]]
    frames: dict[str, pd.DataFrame]

    def workbook(self, target=None, lang: str = "vi") -> bytes | None:
        """The draft in the template's format, the cells to check highlighted; bytes when no target."""
        options = {"lang": lang, "marks": self.mark_texts(lang), "sheets": list(self.frames)}
        if target is None:
            return workbook_bytes(self.frames, **options)
        write_workbook(target, self.frames, **options)
        return None

    def check_lines(self, lang: str = "vi") -> list[str]:
        """Each cell to check as 'sheet · row N · column: why', rows as Excel shows them."""
        lines = []
        for (sheet, index, name), text in self.mark_texts(lang).items():
            spec = SHEETS_BY_NAME[sheet]
            if spec.layout == "fields":
                row = [c.field for c in spec.columns].index(name) + 2
            else:
                row = index + 2
            lines.append(f"{spec.title(lang)} · {t('row', lang)} {row} · {spec.column(name).header(lang)}: {text}")
        return lines

    def cells_to_check(self) -> int:
        return len(self.marks)

    def mark_texts(self, lang: str = "vi") -> dict[tuple[str, int, str], str]:
        return {place: t(code, lang, **params) for place, (code, params) in self.marks.items()}

    def summary(self, lang: str = "vi") -> list[str]:
        tasks = self.frames["tasks"]
        timed = int(tasks["timing_text"].map(bool).sum()) if not tasks.empty else 0
        no_lead = int(tasks["lead_unit"].isna().sum()) if not tasks.empty else 0
        return [
            t("draft_found", lang, tasks=len(tasks), timed=timed, no_lead=no_lead, cells=self.cells_to_check()),
            t(
                "draft_found_more",
                lang,
                units=len(self.frames["units"]),
                indicators=len(self.frames["indicators"]),
                milestones=len(self.frames["milestones"]),
                budget=len(self.frames["budget_lines"]),
            ),
        ]


_PROPER = (
    "Chính phủ",
    "Thủ tướng",
    "Quốc hội",
    "Việt Nam",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Đảng",
    "Trung ương",
)
_COMMON = {"giai", "năm", "đến", "trong", "và", "về", "theo", "để", "với", "đối", "trên", "tại", "cho", "các", "nhằm"}


def _sentence_case(text: str) -> str:
    """A title written in capitals, as a sentence; place names after 'tỉnh'/'huyện' keep capitals."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or not all(ch.isupper() for ch in letters):
        return text
    words = text.lower().split()
    out = []
    capital_next = 0
    for i, word in enumerate(words):
        if capital_next:
            word = word[:1].upper() + word[1:]
            capital_next -= 1
        if word in ("tỉnh", "huyện", "xã", "quận") and i + 1 < len(words) and words[i + 1] not in _COMMON:
            capital_next = 2
        out.append(word)
    sentence = " ".join(out)
    for proper in _PROPER:
        sentence = re.sub(rf"\b{proper.lower()}\b", proper, sentence)
    return sentence[:1].upper() + sentence[1:]


def _marker(text: str) -> tuple[str, str, str] | None:
    match = _MARKER.match(text)
    if not match:
        return None
    kind = match.lastgroup
    number = match.group(kind)
    if kind == "decimal_bare":
        kind = "decimal"
    if kind == "decimal" and re.match(r"^\d+\.\d", text) is None and re.match(r"^\d{4}\b", text):
        return None  # "2026 - 2030 ..." is a year, not an item number
    return kind, number, text[match.end() :].strip()


def _rank(kind: str, number: str) -> int:
    if kind == "decimal":
        return number.count(".") + 1
    return {"letter": 10, "dash": 20, "plus": 30}[kind]


def _label(text: str) -> tuple[str, str] | None:
    match = _LABEL.match(text)
    if not match:
        return None
    for name, _ in _LABELS:
        if match.group(name) is not None:
            return name, clean(match.group("value"))
    return None


def _join_wrapped(blocks: list[Block]) -> list[Block]:
    """A paragraph starting in lower case continues the one before it (a value wrapped by Word)."""
    joined: list[Block] = []
    for block in blocks:
        if (
            isinstance(block, Paragraph)
            and joined
            and isinstance(joined[-1], Paragraph)
            and block.text[:1].islower()
            and not _marker(block.text)
            and not ROMAN_HEADING.match(joined[-1].text)
        ):
            previous = joined[-1]
            joined[-1] = Paragraph(f"{previous.text} {block.text}", previous.bold)
        else:
            joined.append(block)
    return joined


def _table_columns(row: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = _key(cell).replace(",", "")
        for name, words in _TABLE_WORDS.items():
            if name in columns:
                continue
            if any(f" {w}" in f" {key}" for w in words):
                columns[name] = index
                break
    return columns


def _task_table(table: Table) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(table.rows[:3]):
        columns = _table_columns(row)
        # Who does it is what makes a table a task table: a schedule (Nội dung | Thời gian | Địa điểm) is not one.
        if "content" in columns and ({"lead", "support"} & set(columns) or {"timing", "product"} <= set(columns)):
            # A header over two rows ("Đơn vị thực hiện" above "Chủ trì | Phối hợp"): the lower row refines it.
            below = table.rows[index + 1] if index + 1 < len(table.rows) else []
            refined = _table_columns(below)
            if {"lead", "support"} & set(refined) and "content" not in refined:
                return index + 1, {**columns, **refined}
            return index, columns
    return None


def _flatten(table: Table) -> list[Paragraph]:
    lines = []
    for row in table.rows:
        seen = set()
        for cell in row:
            if cell and cell not in seen:
                seen.add(cell)
                lines.extend(Paragraph(part) for part in cell.split("\n") if part)
    return lines


class Reader:
    def __init__(self, blocks: list[Block]):
        self.blocks = _join_wrapped(blocks)
        self.units = Registry()
        self.tasks: list[DraftTask] = []
        self.marks: dict[tuple[str, int, str], tuple[str, dict]] = {}
        self.plan: dict = {}
        self.budget: list[dict] = []
        # (unit, its duties, whether the section names it as a heading of its own)
        self.divisions: list[tuple[str, list[str], bool]] = []

    def read(self) -> Draft:
        header, sections, tables = self._split()
        self._header(header)
        table_tasks = [task for table in tables for task in self._table_tasks(table)]
        if table_tasks:
            self.tasks = table_tasks
        for title, lines in sections:
            kind = self._section_kind(title)
            if kind == "tasks" and not table_tasks:
                self.tasks.extend(self._prose_tasks(title, lines))
            elif kind == "budget":
                self._budget(lines)
            elif kind == "organisation":
                self._organisation(lines)
        self._unique_codes()
        self._year_fallback()
        return self._draft()

    def _split(self) -> tuple[list[str], list[tuple[str, list[str]]], list[Table]]:
        """The header block, the body's sections (heading, lines) and the task tables, in order."""
        header: list[str] = []
        sections: list[tuple[str, list[str]]] = []
        tables: list[Table] = []
        in_tail = False
        for block in self.blocks:
            if isinstance(block, Table):
                if _task_table(block):
                    tables.append(block)
                    continue
                lines = [p.text for p in _flatten(block)]
            else:
                lines = [block.text]
            for text in lines:
                if re.match(r"^Nơi nhận\s*:", text, re.I):
                    in_tail = True
                    continue
                if re.match(r"^PHỤ LỤC\b", text):
                    in_tail = True
                    continue
                if in_tail and re.fullmatch(r"KẾ HOẠCH", text):
                    in_tail = False  # a decision's signature, then the plan it issues
                if in_tail:
                    continue
                heading = ROMAN_HEADING.match(text) or (LETTER_HEADING.match(text) if _is_caps(text) else None)
                bold = isinstance(block, Paragraph) and block.bold
                if heading and (_is_caps(heading.group(2)) or bold or len(heading.group(2).split()) <= 10):
                    sections.append((heading.group(2), []))
                elif sections:
                    sections[-1][1].append(text)
                else:
                    header.append(text)
        if not sections:
            # A plan without roman headings: everything after the header is one task section.
            body_start = next((i for i, line in enumerate(header) if _marker(line)), len(header))
            sections = [("", header[body_start:])]
            header = header[:body_start]
        return header, sections, tables

    def _section_kind(self, title: str) -> str:
        key = _key(title)
        if any(word in key for word in _ORGANISATION_SECTIONS):
            return "organisation"
        if any(key.startswith(word) or f" {word}" in key for word in _BUDGET_SECTIONS):
            return "budget"
        if re.search(r"\b(?:nhiem vu|giai phap|noi dung|hoat dong)\b", key):
            return "tasks"  # "MỤC TIÊU, NHIỆM VỤ": the tasks are there
        if any(key.startswith(word) for word in _NOT_TASK_SECTIONS) or any(w in key for w in _REPORTING_SECTIONS):
            return "none"
        return "tasks"

    def _header(self, lines: list[str]) -> None:
        plan = {"title": None, "doc_number": None, "year": None, "issuer": None, "issued_on": None, "legal_bases": None}
        bases: list[str] = []
        caps_issuer = None
        title_parts: list[str] = []
        after_title = False
        for line in lines:
            number = _NUMBER.search(line)
            if number and plan["doc_number"] is None and "/" in number.group(1):
                plan["doc_number"] = re.sub(r"\s+", "", number.group(1)).strip(".")
            issued = _ISSUED.search(line)
            if issued and plan["issued_on"] is None and re.match(r"^[^,]{2,40},\s*ngày", line):
                try:
                    plan["issued_on"] = dt.date(int(issued.group(3)), int(issued.group(2)), int(issued.group(1)))
                except ValueError:
                    pass
            if (
                caps_issuer is None
                and _is_caps(line)
                and re.match(r"^(?:ỦY|UỶ|SỞ|BỘ|BAN|THỦ|UBND|CHÍNH|HỘI|TỈNH|CỤC)", line)
            ):
                caps_issuer = re.sub(r"[-–—_]{2,}.*$", "", line).strip()
            if re.match(r"^KẾ HOẠCH\b", line):
                rest = line[len("KẾ HOẠCH") :].strip()
                title_parts, after_title = ([rest] if rest else []), True
                continue
            if after_title and line and not line.startswith("(") and not _BASIS.match(line):
                # A title in capitals may run over several paragraphs; one in sentence case is one.
                if not title_parts or (_is_caps(title_parts[-1]) and _is_caps(line)):
                    title_parts.append(line)
                    continue
            after_title = False
            if _BASIS.match(line) or (title_parts and _BASIS.search(line)):
                bases.append(line)
            intro = _INTRO.search(line)
            if intro and plan["issuer"] is None:
                plan["issuer"] = unit_name(intro.group(1))
        # "KẾ HOẠCH <title> Triển khai thực hiện Kế hoạch số …": a title and the bases in one line.
        if title_parts:
            title = " ".join(title_parts)
            cut = re.search(r"\s(?:Căn cứ|Thực hiện|Triển khai thực hiện)\s+" + _DOC_KIND, title)
            if cut:
                bases.insert(0, title[cut.start() :].strip())
                title = title[: cut.start()]
            title = title.strip(" .")
            if _is_caps(title):
                self._mark("plan_info", 0, "title", "mark_title_caps", {})
            plan["title"] = "Kế hoạch " + _sentence_case(title)
        else:
            self._mark("plan_info", 0, "title", "mark_no_title", {})
        if plan["issuer"] and caps_issuer:
            place = re.search(r"\b(TỈNH|HUYỆN|THÀNH PHỐ|QUẬN|XÃ)\s+(.+)$", caps_issuer)
            if place and re.search(rf"\b{place.group(1).lower()}$", plan["issuer"], re.I):
                plan["issuer"] = f"{plan['issuer']} {place.group(2).title()}"
        if plan["issuer"] is None and caps_issuer:
            plan["issuer"] = _sentence_case(caps_issuer)
            self._mark("plan_info", 0, "issuer", "mark_issuer_caps", {})
        if plan["issuer"] is None:
            self._mark("plan_info", 0, "issuer", "mark_no_issuer", {})
        if plan["doc_number"] is None:
            self._mark("plan_info", 0, "doc_number", "mark_no_number", {})
        if plan["issued_on"] is None:
            self._mark("plan_info", 0, "issued_on", "mark_no_issue_date", {})
        plan["legal_bases"] = "\n".join(_split_bases(bases)) or None
        year = re.search(r"(?<!đến )\bnăm\s+((?:19|20)\d{2})\b", plan["title"] or "")
        period = re.search(r"giai đoạn\s+((?:19|20)\d{2})\s*[-–]", plan["title"] or "", re.I)
        if year:
            plan["year"] = int(year.group(1))
        elif period:
            plan["year"] = int(period.group(1))
        elif plan["issued_on"]:
            plan["year"] = plan["issued_on"].year
            self._mark("plan_info", 0, "year", "mark_year_from_issue", {})
        self.plan = plan

    def _year_fallback(self) -> None:
        if self.plan.get("year") is not None:
            return
        years = Counter(int(y) for task in self.tasks for y in re.findall(r"\b((?:19|20)\d{2})\b", task.timing_text))
        if years:
            self.plan["year"] = years.most_common(1)[0][0]
        self._mark("plan_info", 0, "year", "mark_year_guess" if years else "mark_no_year", {})

    def _items(self, lines: list[str]) -> Item:
        root = Item("root", 0, "", "", "")
        stack = [root]
        steps_for: Item | None = None
        # A label alone on its line ("Đơn vị chủ trì:") whose value is the next paragraph.
        waiting: tuple[Item, str] | None = None
        for line in _split_label_lines(lines):
            marked = _marker(line)
            kind, number, text = marked if marked else (None, "", line)
            label = _label(text)
            if steps_for is not None and kind == "plus" and not label:
                steps_for.labels.setdefault("steps", []).append(text)
                steps_for.label_lines.append(line)
                waiting = None
                continue
            steps_for = None
            if waiting is not None and kind is None and not label:
                owner, name = waiting
                owner.labels[name][-1] = text
                owner.label_lines.append(line)
                waiting = None
                continue
            waiting = None
            if label and label[0] != "content":
                name, value = label
                if kind is None:
                    owner = stack[-1]
                else:
                    rank = _rank(kind, number)
                    owner = next(item for item in reversed(stack) if item.rank < rank)
                owner.labels.setdefault(name, []).append(value)
                owner.label_lines.append(line)
                if not value:
                    waiting = (owner, name)
                    if name == "timing":
                        steps_for = owner
                continue
            if kind is None:
                stack[-1].body.append(text)
                continue
            rank = _rank(kind, number)
            while stack[-1].rank >= rank:
                stack.pop()
            item = Item(kind, rank, number, text.rstrip(" :;"), line, parent=stack[-1])
            stack[-1].children.append(item)
            stack.append(item)
        return root

    def _prose_tasks(self, title: str, lines: list[str]) -> list[DraftTask]:
        root = self._items(lines)
        tasks: list[DraftTask] = []
        numbered = [c for c in root.children if c.numbered]
        top = numbered if numbered else [c for c in root.children if c.kind == "dash"]
        for item in top:
            tasks.extend(self._tasks_of(item, group=""))
        return tasks

    def _code(self, item: Item) -> str:
        if item.kind == "decimal":
            number = item.number
            parent = item.parent
            if "." not in number and parent is not None and parent.numbered:
                return f"{self._code(parent)}.{number}"
            return number
        if item.kind == "letter":
            return f"{self._code(item.parent)}.{item.number}" if item.parent and item.parent.numbered else item.number
        siblings = [c for c in item.parent.children if c.kind == item.kind] if item.parent else [item]
        index = siblings.index(item) + 1
        prefix = self._code(item.parent) if item.parent and item.parent.kind != "root" else ""
        return f"{prefix}.{index}" if prefix else str(index)

    def _tasks_of(self, item: Item, group: str) -> list[DraftTask]:
        labelled = [c for c in item.children if c.labelled()]
        numbered = [c for c in item.children if c.numbered]
        if item.labels and not labelled:
            return [self._task(item, item.labels, item.children, group)]
        if labelled:
            if not item.labels and len(labelled) == 1 and not labelled[0].numbered and not numbered:
                return [self._task(item, labelled[0].labels, item.children, group)]
            tasks: list[DraftTask] = []
            pending: list[Item] = []
            count = 0
            for child in item.children:
                if child.numbered:
                    tasks.extend(self._tasks_of(child, group or item.text))
                    continue
                pending.append(child)
                if child.labels:
                    count += 1
                    labels = {**item.labels, **child.labels}
                    task = self._task(pending[0], labels, pending[1:], group or item.text)
                    task.code = f"{self._code(item)}.{count}"
                    tasks.append(task)
                    pending = []
            return tasks
        if numbered:
            tasks = []
            for child in numbered:
                tasks.extend(self._tasks_of(child, group or item.text))
            return tasks
        return [self._task(item, item.labels, item.children, group)]

    def _task(self, item: Item, labels: dict[str, list[str]], details: list[Item], group: str) -> DraftTask:
        detail_lines = [*item.body]
        for child in details:
            detail_lines.extend(child.all_text())
        content = item.text
        if detail_lines and item.line.rstrip().endswith(":"):
            content = f"{item.text}: {detail_lines[0]}"
            detail_lines = detail_lines[1:]
        if detail_lines:
            content = "\n".join([content, *detail_lines])
        source = "\n".join([item.line, *item.label_lines, *(c.line for c in details if c.label_lines)])
        task = DraftTask(
            code=self._code(item),
            title=item.text,
            content=content,
            source=source,
            group=group,
            lead_text="; ".join(v for v in labels.get("lead", []) if v),
            support_text="; ".join(v for v in labels.get("support", []) if v),
            timing_text="; ".join(_timing_value(v) for v in labels.get("timing", []) if v),
            product="; ".join(v for v in labels.get("product", []) if v),
            steps=list(labels.get("steps", [])),
            details=[item.text, *detail_lines],
        )
        if not task.timing_text and task.steps:
            task.timing_text = "\n".join(task.steps)
        if not task.timing_text:
            task.timing_text = _timing_in_details(task.details)
        if not task.lead_text:
            task.lead_text, support = _roles_in_prose(task.details)
            task.support_text = task.support_text or support
        if not task.support_text:
            task.support_text = _partners_in_title(item.text)
            task.support_from_title = bool(task.support_text)
        return task

    def _table_tasks(self, table: Table) -> list[DraftTask]:
        found = _task_table(table)
        if found is None:
            return []
        header_row, columns = found
        tasks: list[DraftTask] = []
        group = ""
        group_code = ""
        for row in table.rows[header_row + 1 :]:

            def cell(name: str, row: list[str] = row) -> str:
                index = columns.get(name)
                return row[index] if index is not None and index < len(row) else ""

            number, content = cell("number").strip(" ."), cell("content")
            others = [c for i, c in enumerate(row) if i != columns.get("number") and c]
            if not content:
                continue
            # A group row: one text merged across the table, or a roman/letter number with nothing beside it.
            merged = len(others) >= 2 and len(set(others)) == 1
            if merged or (re.fullmatch(r"[IVXL]+|[A-ZĐ]", number) and len(set(others)) <= 1):
                group, group_code = (f"{number}. {content}" if number else content), number
                continue
            if re.fullmatch(r"\d+|[a-z]|\d+(?:\.\d+)+", number) is None and tasks and not cell("lead"):
                tasks[-1].content += "\n" + content
                continue
            if group_code and number and not number.startswith(f"{group_code}."):
                code = f"{group_code}.{number}"
            else:
                code = number or str(len(tasks) + 1)
            line = " | ".join(dict.fromkeys(c for c in row if c))
            tasks.append(
                DraftTask(
                    code=code,
                    title=content.split("\n")[0],
                    content=content,
                    source=line,
                    group=group,
                    lead_text=cell("lead"),
                    support_text=cell("support"),
                    timing_text=_timing_value(cell("timing")),
                    product=cell("product"),
                    details=[content],
                )
            )
        return tasks

    def _budget(self, lines: list[str]) -> None:
        sources = {
            "state": re.compile(r"ngân sách|kinh phí (?:thực hiện|hoạt động|chi thường xuyên)|dự toán", re.I),
            "integrated": re.compile(r"lồng ghép", re.I),
            "social": re.compile(r"xã hội hóa|xã hội hoá|đóng góp|tài trợ|hợp tác công tư|huy động", re.I),
        }
        seen: set[str] = set()
        for line in lines:
            text = _strip_marker(line)
            found = [name for name, pattern in sources.items() if pattern.search(text)]
            if not found and re.search(r"nguồn (?:kinh phí|vốn)[^.]*(?:hợp pháp|khác)", text, re.I):
                found = [None]
            for source in found:
                if source in seen:
                    continue
                seen.add(source)
                money = _MONEY.search(text)
                planned = None
                if money:
                    digits = int(re.sub(r"[.,]", "", money.group(1)))
                    planned = digits * _SCALE[money.group(2).lower() if money.group(2) else None]
                self.budget.append({"content": text.rstrip(" ."), "source": source, "planned": planned})

    def _organisation(self, lines: list[str]) -> None:
        root = self._items(lines)
        for item in root.children:
            heading = item.text.rstrip(" :")
            duties = [*item.body, *(line for child in item.children for line in child.all_text())]
            if not starts_unit(heading):
                continue
            named = re.match(r"^([^:]{3,120}):\s*(.+)$", heading)
            if named and starts_unit(named.group(1)) and len(named.group(1).split()) <= 12:
                # "1. Sở Văn hóa, Thể thao và Du lịch: chủ trì, …": the unit, then its duties.
                self.divisions.append((unit_name(named.group(1)), [named.group(2), *duties], True))
                continue
            name = unit_name(heading)
            short = len(heading.split()) <= 12 and name == heading
            if short or item.line.rstrip().endswith(":"):
                self.divisions.append((name, duties or [heading], True))
            else:
                self.divisions.append((name, [heading, *duties], False))

    def _unique_codes(self) -> None:
        counts = Counter(task.code for task in self.tasks)
        seen: Counter = Counter()
        for task in self.tasks:
            if counts[task.code] > 1:
                seen[task.code] += 1
                task.code = f"{task.code}.{chr(96 + seen[task.code])}" if seen[task.code] > 1 else task.code

    def _mark(self, sheet: str, row: int, column: str, code: str, params: dict) -> None:
        self.marks.setdefault((sheet, row, column), (code, params))

    def _draft(self) -> Draft:
        issuer = self.plan.get("issuer") or ""
        department = bool(re.match(r"^(?:Sở|Ban|Cục|Chi cục|Trung tâm|Văn phòng)\b", issuer))
        for name, _, heading in self.divisions:
            if heading and not name.lower().startswith("các "):
                self.units.add(name, internal=department and is_division(name))
        self._leads_from_divisions()
        task_rows, indicator_rows, milestone_rows = [], [], []
        year = self.plan.get("year")
        for index, task in enumerate(self.tasks):
            leads = [n for n in split_units(task.lead_text)]
            supports = [n for n in split_units(task.support_text)]
            lead_code = None
            if leads:
                lead_code = self._unit(leads[0], department).code
                if len(leads) > 1:
                    self._mark("tasks", index, "lead_unit", "mark_several_leads", {"units": "; ".join(leads)})
            elif task.lead_from:
                lead_code = self._unit(task.lead_from.split("\x1f")[0], department).code
                self._mark(
                    "tasks", index, "lead_unit", "mark_lead_from_duties", {"duty": task.lead_from.split("\x1f")[1]}
                )
            else:
                self._mark("tasks", index, "lead_unit", "mark_no_lead", {})
            support_codes = list(dict.fromkeys(self._unit(n, department).code for n in [*leads[1:], *supports]))
            support_codes = [c for c in support_codes if c != lead_code]
            if task.support_from_title and support_codes:
                self._mark("tasks", index, "support_units", "mark_support_from_title", {})
            timing = self._timing(task, year)
            if not task.timing_text:
                self._mark("tasks", index, "timing_text", "mark_no_timing", {})
            elif timing.doubt:
                self._mark("tasks", index, "timing_text", "mark_" + timing.doubt, {})
            if timing.due is None and not timing.ongoing:
                self._mark("tasks", index, "due_on", "mark_no_due", {})
            note = "; ".join(x for x in (task.product and f"Sản phẩm: {task.product}",) if x) or None
            task_rows.append(
                {
                    "task_code": task.code,
                    "content": task.content,
                    "lead_unit": lead_code,
                    "support_units": support_codes,
                    "timing_text": task.timing_text or None,
                    "is_ongoing": timing.ongoing,
                    "start_on": timing.start,
                    "due_on": timing.due,
                    "progress": 0.0,
                    "state": None,
                    "completed_on": None,
                    "updated_on": None,
                    "note": note,
                }
            )
            for indicator in _indicators(task.details):
                indicator_rows.append({"task_code": task.code, **indicator, "actual": None, "note": None})
            for step, due in _dated_steps(task, year):
                milestone_rows.append(
                    {
                        "milestone_code": f"M{len(milestone_rows) + 1:02d}",
                        "task_code": task.code,
                        "content": step.rstrip(" .;"),
                        "due_on": due,
                        "quarter": (due.month - 1) // 3 + 1,
                        "completed_on": None,
                        "unit_code": lead_code,
                        "note": None,
                    }
                )
        budget_rows = []
        for index, line in enumerate(self.budget):
            budget_rows.append(
                {
                    "line_code": f"NS{index + 1:02d}",
                    "task_code": None,
                    "content": line["content"],
                    "source": line["source"],
                    "unit_code": None,
                    "planned": line["planned"],
                    "note": None,
                }
            )
            if line["planned"] is None:
                self._mark("budget_lines", index, "planned", "mark_no_amount", {})
            if line["source"] is None:
                self._mark("budget_lines", index, "source", "mark_other_source", {})
        units = [
            {"unit_code": u.code, "unit_name": u.name, "unit_kind": "internal" if u.internal else "external"}
            for u in self.units.units
        ]

        def frame(name: str, rows: list[dict]) -> pd.DataFrame:
            return pd.DataFrame(rows, columns=SHEETS_BY_NAME[name].fields, dtype=object)

        frames = {
            "plan_info": frame("plan_info", [self.plan]),
            "units": frame("units", units),
            "tasks": frame("tasks", task_rows),
            "indicators": frame("indicators", indicator_rows),
            "milestones": frame("milestones", milestone_rows),
            "budget_lines": frame("budget_lines", budget_rows),
        }
        return Draft(self.plan, self.tasks, self.units, self.budget, self.marks, frames)

    def _unit(self, name: str, department: bool):
        return self.units.add(name, internal=department and is_division(name))

    def _timing(self, task: DraftTask, year: int | None) -> Timing:
        if task.steps:
            dues = [d for d in (read_timing(step, year).due for step in task.steps) if d]
            if dues:
                return Timing(task.timing_text, False, None, max(dues))
        return read_timing(task.timing_text, year)

    def _leads_from_divisions(self) -> None:
        """A division whose duties say 'Chủ trì …' a task's work leads that task, when no lead is written."""
        open_tasks = [task for task in self.tasks if not task.lead_text]
        if not open_tasks:
            return
        bags = [_bigrams(" ".join(task.details)) for task in self.tasks]
        frequency = Counter(b for bag in bags for b in bag)
        total = len(self.tasks)

        def weight(bigram: str) -> float:
            return math.log((total + 1) / (frequency[bigram] + 0.5))

        fallback = None
        for name, duties, _ in self.divisions:
            for duty in duties:
                if not re.match(r"^(?:là cơ quan thường trực,\s*)?chủ trì\b", duty, re.I):
                    continue
                if re.search(r"tất cả|toàn bộ|các nội dung (?:của|thuộc) kế hoạch", duty, re.I):
                    fallback = fallback or (name, duty)
                    continue
                named = _task_numbers(duty)
                if named:
                    # "Chủ trì thực hiện các nhiệm vụ 2, 3 và 5": the tasks by their numbers.
                    for task in self.tasks:
                        if task.code in named and not task.lead_text and not task.lead_from:
                            task.lead_from = f"{name}\x1f{duty}"
                    continue
                bag = _bigrams(duty)
                scores = [(sum(weight(b) for b in bag & bags[i]), i) for i in range(total)]
                score, best = max(scores)
                if score >= 4.0 and not self.tasks[best].lead_text and not self.tasks[best].lead_from:
                    self.tasks[best].lead_from = f"{name}\x1f{duty}"
        if fallback:
            for task in open_tasks:
                if not task.lead_from:
                    task.lead_from = f"{fallback[0]}\x1f{fallback[1]}"


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def _strip_marker(line: str) -> str:
    marked = _marker(line)
    return marked[2] if marked else line


def _split_bases(lines: list[str]) -> list[str]:
    """One legal basis per line: a run of them joined by ';' is cut where the next document begins."""
    bases = []
    for line in lines:
        line = re.sub(r",\s*[^,]+?\s+(?:ban hành|xây dựng)\s+Kế hoạch.*$", "", line).strip(" ;.")
        for part in re.split(r";\s*(?=" + _DOC_KIND + r"\b|Căn cứ|Thực hiện)", line):
            part = part.strip(" ;.")
            if part:
                bases.append(part)
    return list(dict.fromkeys(bases))


_INLINE_LABEL = re.compile(
    r"(?<=[;.])\s+(?=(?:[Tt]hời gian|[Tt]hời hạn|[Tt]iến độ|[Cc]ơ quan|[Đđ]ơn vị|[Ss]ản phẩm|[Kk]ết quả|[Pp]hối hợp)[^:;]{0,40}:)"
)


def _split_label_lines(lines: list[str]) -> list[str]:
    """'Đơn vị chủ trì: Sở Tư pháp; thời gian thực hiện: Quý II/2025' is two labelled lines."""
    out = []
    for line in lines:
        marked = _marker(line)
        text = marked[2] if marked else line
        if _label(text) is None:
            out.append(line)
            continue
        parts = _INLINE_LABEL.split(line)
        out.append(parts[0].rstrip(" ;"))
        out.extend(part.rstrip(" ;") for part in parts[1:])
    return out


_PROSE_LEAD = re.compile(r"(?:^|\(|;\s*)([^();]{3,120}?)\s+chủ trì\b(?:[^();]*?phối hợp với\s+([^();]+))?", re.I)


def _roles_in_prose(lines: list[str]) -> tuple[str, str]:
    """'(Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ)' or 'Sở Tư pháp chủ trì, …' in the task's own words."""
    for line in lines:
        for match in _PROSE_LEAD.finditer(line):
            lead = match.group(1).strip(" ,")
            if not starts_unit(lead) or len(lead.split()) > 15:
                continue
            support = match.group(2) or ""
            support = re.split(r"\s+(?:tổ chức|triển khai|thực hiện|xây dựng|tham mưu|hướng dẫn)\b", support)[0]
            return unit_name(lead), support.strip(" .,")
    return "", ""


_PARTNERS = re.compile(r"^(?:Tiếp tục\s+)?phối hợp(?:\s+chặt chẽ)?\s+với\s+(.+)$", re.I)
_ACTION = re.compile(
    r"\s(?:chỉ đạo|triển khai|tổ chức|tăng cường|thực hiện|hướng dẫn|tuyên truyền|xây dựng|theo dõi|rà soát|"
    r"tham mưu|kiểm tra|đẩy mạnh|nâng cao|cung cấp|quảng bá|trong việc|để)\b"
)


def _partners_in_title(title: str) -> str:
    """'Phối hợp với Sở Ngoại vụ và các địa phương triển khai …': the partners, up to the work they do."""
    match = _PARTNERS.match(title)
    if not match:
        return ""
    action = _ACTION.search(match.group(1))
    return match.group(1)[: action.start()] if action else ""


_STEP = re.compile(r"^((?:trước ngày|đến ngày|trong|quý|tháng|ngày)\s[^:]{1,30}):\s*(.+)$", re.I)


def _dated_steps(task: DraftTask, year: int | None) -> list[tuple[str, dt.date]]:
    """The dated steps of a task: '+' lines under an empty timing label, or its own lines led by a date
    ("- Quý I/2019: khảo sát vị trí", "- Trước ngày 30/6: lựa chọn nhà thầu")."""
    steps = []
    for step in task.steps:
        due = read_timing(step, year).due
        if due is not None:
            steps.append((step, due))
    for line in task.details[1:]:
        match = _STEP.match(line)
        if match:
            due = read_timing(match.group(1), year).due
            if due is not None:
                steps.append((match.group(2), due))
    return steps


def _timing_value(value: str) -> str:
    """The timing as written, without the sentence's full stop; '01 ngày (dự kiến tháng 7)' is its date part."""
    value = value.strip().rstrip(" .;")
    inner = re.fullmatch(r"\d+\s+(?:ngày|buổi|tuần)\s*\((.+)\)", value)
    return inner.group(1).strip() if inner else value


def _timing_in_details(lines: list[str]) -> str:
    """A timing written inside the task's own lines ('- Thời gian tổ chức: 01 ngày (dự kiến tháng 7 năm 2019)')."""
    for line in lines:
        match = re.match(r"^(?:thời gian|thời hạn)[^:]{0,30}:\s*(.+)$", line, re.I)
        if match:
            return _timing_value(match.group(1))
    for line in lines:
        # "(Sở Nội vụ chủ trì; thời gian thực hiện: Quý II/2026)": the timing inside the sentence.
        match = re.search(r"(?:thời gian|thời hạn|tiến độ)[^:;()]{0,30}:\s*([^;()]+)", line, re.I)
        if match:
            return _timing_value(match.group(1))
    return ""


def _indicators(lines: list[str]) -> list[dict]:
    """Counted targets: '01 lớp (80 học viên)', '02 cụm pa nô', each once per task."""
    found: dict[str, dict] = {}
    for line in lines:
        label = re.match(r"^(Số\s[^:]{2,40}):", line)
        for match in _measures().finditer(line):
            measure = match.group(2).lower()
            target = int(match.group(1).replace(".", ""))
            if target == 0 or measure in found:
                continue
            name = label.group(1) if label and not found else f"Số {measure}"
            found[measure] = {"indicator": name, "measure_unit": measure, "target": float(target)}
    return list(found.values())


_NUMBERS = re.compile(
    r"(?:nhiệm vụ|nội dung|mục|điểm)\s+(?:số\s+)?(\d+(?:\.\d+)*(?:\s*(?:,|và|;)\s*\d+(?:\.\d+)*)*)(?![\d/])", re.I
)


def _task_numbers(duty: str) -> set[str]:
    match = _NUMBERS.search(duty)
    return set(re.findall(r"\d+(?:\.\d+)*", match.group(1))) if match else set()


def _bigrams(text: str) -> set[str]:
    words = re.findall(r"\w+", strip_accents(text).lower())
    return {f"{a} {b}" for a, b in zip(words, words[1:])}


def read_plan(data: bytes, file_name: str) -> Draft:
    """The draft of a plan document; raises `document.UnreadableDocument` for a file it cannot read."""
    return Reader(read_document(data, file_name)).read()
