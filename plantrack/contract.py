"""The workbook contract (DESIGN §3) as data.

Everything that reads, checks, stores, diffs, exports or templates a workbook is driven by the
tables below: one `Sheet` per sheet, one `Column` per column, one `ClosedList` per dropdown. The
database schema is derived from them too, so a column is declared exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plantrack.text import Lookup

# Kinds of value a column holds, and the DuckDB type each is stored as.
SQL_TYPES = {
    "text": "varchar",
    "int": "bigint",
    "money": "bigint",
    "number": "double",
    "percent": "double",
    "date": "date",
    "bool": "boolean",
    "choice": "varchar",
    "unit_list": "varchar[]",
    "quarter": "integer",
}


@dataclass(frozen=True)
class Choice:
    code: str
    vi: str
    en: str
    # Other words people write for it (synonyms), read as this choice and stored as its code; listed
    # on the template's Hướng dẫn sheet.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClosedList:
    name: str
    choices: tuple[Choice, ...]

    def lookup(self) -> Lookup:
        spellings: dict[str, object] = {}
        for choice in self.choices:
            for spelling in (choice.vi, choice.en, choice.code, *choice.aliases):
                spellings[spelling] = choice.code
        return Lookup(spellings)

    def label(self, code: str | None, lang: str = "vi") -> str:
        for choice in self.choices:
            if choice.code == code:
                return choice.vi if lang == "vi" else choice.en
        return "" if code is None else str(code)

    def labels(self, lang: str = "vi") -> list[str]:
        return [choice.vi if lang == "vi" else choice.en for choice in self.choices]

    def synonyms(self) -> list[str]:
        """'Trung tính, Trung bình = Trung lập' for each choice that has other words (the Hướng dẫn sheet)."""
        return [f"{', '.join(choice.aliases)} = {choice.vi}" for choice in self.choices if choice.aliases]


CLOSED_LISTS = {
    cl.name: cl
    for cl in (
        ClosedList(
            "yes_no",
            (
                # A blank cell is Không: a tick column is left empty where the answer is no.
                Choice("yes", "Có", "Yes", ("x", "✓", "✔", "True")),
                Choice("no", "Không", "No", ("False",)),
            ),
        ),
        ClosedList(
            "unit_kind",
            (
                Choice("internal", "Trong Sở", "Internal", ("Nội bộ",)),
                Choice("external", "Bên ngoài", "External", ("Ngoài Sở",)),
            ),
        ),
        ClosedList(
            "task_state",
            (
                Choice("not_started", "Chưa triển khai", "Not started", ("Chưa thực hiện",)),
                Choice("in_progress", "Đang thực hiện", "In progress", ("Đang triển khai",)),
                Choice("done", "Hoàn thành", "Done", ("Đã hoàn thành", "Completed")),
                Choice("paused", "Tạm dừng", "Paused", ("On hold",)),
            ),
        ),
        ClosedList(
            "funding_source",
            (
                Choice("state", "Ngân sách nhà nước", "State budget", ("NSNN", "Ngân sách")),
                Choice("integrated", "Lồng ghép", "Integrated sources", ("Integrated",)),
                Choice("social", "Xã hội hóa", "Private contributions", ("XHH", "Socialised")),
            ),
        ),
        ClosedList(
            "scope",
            (
                Choice("domestic", "Trong nước", "Domestic"),
                Choice("foreign", "Nước ngoài", "Foreign", ("Quốc tế",)),
            ),
        ),
        ClosedList(
            "medium",
            (
                Choice("print", "Báo in", "Print", ("Báo giấy",)),
                Choice("online", "Báo điện tử", "Online", ("Báo mạng",)),
                Choice("radio", "Phát thanh", "Radio"),
                Choice("tv", "Truyền hình", "Television", ("TV",)),
                Choice("social", "Mạng xã hội", "Social media", ("Facebook", "YouTube", "TikTok", "Zalo")),
                Choice("other", "Khác", "Other"),
            ),
        ),
        ClosedList(
            "sentiment",
            (
                Choice("positive", "Tích cực", "Positive"),
                Choice("neutral", "Trung lập", "Neutral", ("Trung tính", "Trung bình")),
                Choice("negative", "Tiêu cực", "Negative"),
            ),
        ),
        ClosedList(
            "response",
            (
                Choice("not_handled", "Chưa xử lý", "Not handled"),
                Choice("reported", "Đã báo cáo", "Reported"),
                Choice(
                    "refuted",
                    "Đã phản bác/cải chính",
                    "Refuted/corrected",
                    ("Đã phản bác", "Đã cải chính", "Refuted", "Corrected"),
                ),
                Choice("closed", "Đã kết thúc", "Closed", ("Kết thúc",)),
                Choice("no_action", "Không cần xử lý", "No action needed"),
            ),
        ),
    )
}


@dataclass(frozen=True)
class Column:
    field: str
    vi: str
    en: str
    kind: str = "text"
    required: bool = False
    choices: str | None = None
    ref: str | None = None
    width: int = 16
    aliases: tuple[str, ...] = ()
    # A blank cell in this column is stored as this value (keys must never be NULL).
    blank: object = None
    # As part of a key, text is compared case-blind, except where case carries meaning (links).
    key_case_sensitive: bool = False

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.kind]

    def header(self, lang: str = "vi") -> str:
        return self.vi if lang == "vi" else self.en

    def closed_list(self) -> ClosedList | None:
        return CLOSED_LISTS[self.choices] if self.choices else None


@dataclass(frozen=True)
class Sheet:
    name: str
    vi: str
    en: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # Log sheets (media, disbursements) add and update rows by key; the others are statements of
    # the plan's whole current state, so a row missing from the file is removed.
    log: bool = False
    # "fields" sheets hold one record as label/value pairs down two columns (the plan sheet).
    layout: str = "table"
    # Used as the key when every column of `key` is blank (media without a link).
    fallback_key: tuple[str, ...] = ()
    aliases: tuple[str, ...] = field(default=())

    def title(self, lang: str = "vi") -> str:
        return self.vi if lang == "vi" else self.en

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.field == name:
                return column
        raise KeyError(name)

    @property
    def fields(self) -> list[str]:
        return [column.field for column in self.columns]

    def header_lookup(self) -> Lookup:
        spellings: dict[str, object] = {}
        for column in self.columns:
            for spelling in (column.vi, column.en, *column.aliases):
                spellings[spelling] = column.field
        return Lookup(spellings)


PLAN = Sheet(
    "plan_info",
    "Kế hoạch",
    "Plan",
    (
        Column("title", "Tên kế hoạch", "Title", required=True, width=60),
        Column("doc_number", "Số hiệu", "Document number", blank="", aliases=("Số",)),
        Column("year", "Năm", "Year", "int", required=True),
        Column("issuer", "Đơn vị ban hành", "Issued by", aliases=("Cơ quan ban hành",)),
        Column("issued_on", "Ngày ban hành", "Issue date", "date"),
        Column("legal_bases", "Căn cứ", "Legal bases", aliases=("Căn cứ pháp lý",)),
    ),
    key=("year", "doc_number"),
    layout="fields",
)

UNITS = Sheet(
    "units",
    "Đơn vị",
    "Units",
    (
        Column("unit_code", "Mã đơn vị", "Unit code", required=True, width=14),
        Column("unit_name", "Tên đơn vị", "Unit name", required=True, width=48),
        Column("unit_kind", "Loại", "Kind", "choice", choices="unit_kind", width=14),
    ),
    key=("unit_code",),
)

TASKS = Sheet(
    "tasks",
    "Nhiệm vụ",
    "Tasks",
    (
        Column("task_code", "Mã NV", "Task code", required=True, width=10, aliases=("Mã nhiệm vụ",)),
        Column("content", "Nội dung nhiệm vụ", "Task", required=True, width=60, aliases=("Nội dung",)),
        Column("lead_unit", "Đơn vị chủ trì", "Lead unit", required=True, ref="units", width=16),
        Column(
            "support_units",
            "Đơn vị phối hợp",
            "Supporting units",
            "unit_list",
            ref="units",
            width=24,
        ),
        Column("timing_text", "Thời gian thực hiện", "Timing", width=40),
        Column("is_ongoing", "Thường xuyên", "Ongoing", "bool", choices="yes_no", width=12),
        Column("start_on", "Ngày bắt đầu", "Start date", "date", width=14),
        Column("due_on", "Hạn hoàn thành", "Due date", "date", width=14, aliases=("Hạn",)),
        Column("progress", "Tiến độ (%)", "Progress (%)", "percent", required=True, width=12),
        Column("state", "Trạng thái", "State", "choice", choices="task_state", width=16),
        Column("completed_on", "Ngày hoàn thành", "Completion date", "date", width=14),
        Column("updated_on", "Cập nhật ngày", "Updated on", "date", width=14),
        Column("note", "Ghi chú", "Note", width=30),
    ),
    key=("task_code",),
)

INDICATORS = Sheet(
    "indicators",
    "Chỉ tiêu",
    "Indicators",
    (
        Column("task_code", "Mã NV", "Task code", required=True, ref="tasks", width=10, aliases=("Mã nhiệm vụ",)),
        Column("indicator", "Chỉ tiêu", "Indicator", required=True, width=40),
        Column("measure_unit", "Đơn vị tính", "Unit of measure", required=True, width=14),
        Column("target", "Kế hoạch", "Target", "number", required=True, width=12),
        Column("actual", "Thực hiện", "Actual", "number", width=12),
        Column("note", "Ghi chú", "Note", width=30),
    ),
    key=("task_code", "indicator"),
)

MILESTONES = Sheet(
    "milestones",
    "Mốc tiến độ",
    "Milestones",
    (
        Column("milestone_code", "Mã mốc", "Milestone code", required=True, width=10),
        Column("task_code", "Mã NV", "Task code", required=True, ref="tasks", width=10, aliases=("Mã nhiệm vụ",)),
        Column("content", "Nội dung mốc", "Milestone", required=True, width=48),
        Column("due_on", "Hạn", "Due date", "date", required=True, width=14),
        Column("quarter", "Quý", "Quarter", "quarter", width=8),
        Column("completed_on", "Ngày hoàn thành", "Completion date", "date", width=14),
        Column("unit_code", "Đơn vị thực hiện", "Unit", ref="units", width=16),
        Column("note", "Ghi chú", "Note", width=30),
    ),
    key=("milestone_code",),
)

BUDGET = Sheet(
    "budget_lines",
    "Ngân sách",
    "Budget",
    (
        Column("line_code", "Mã dòng", "Line code", required=True, width=10),
        Column("task_code", "Mã NV", "Task code", ref="tasks", width=10, aliases=("Mã nhiệm vụ",)),
        Column("content", "Nội dung chi", "Item", required=True, width=48),
        Column(
            "source",
            "Nguồn kinh phí",
            "Funding source",
            "choice",
            required=True,
            choices="funding_source",
            width=20,
        ),
        Column("unit_code", "Đơn vị quản lý", "Managing unit", ref="units", width=16),
        Column("planned", "Dự toán (đồng)", "Planned (VND)", "money", required=True, width=18),
        Column("note", "Ghi chú", "Note", width=30),
    ),
    key=("line_code",),
)

DISBURSEMENTS = Sheet(
    "disbursements",
    "Giải ngân",
    "Disbursements",
    (
        Column("line_code", "Mã dòng", "Line code", required=True, ref="budget_lines", width=10),
        Column("paid_on", "Ngày", "Date", "date", required=True, width=14),
        Column("amount", "Số tiền (đồng)", "Amount (VND)", "money", required=True, width=18),
        Column("voucher", "Chứng từ", "Voucher", width=18, blank=""),
        Column("note", "Ghi chú", "Note", width=30),
    ),
    key=("line_code", "paid_on", "amount", "voucher"),
    log=True,
)

MEDIA = Sheet(
    "media",
    "Báo chí",
    "Media",
    (
        Column("published_on", "Ngày đăng", "Published on", "date", required=True, width=14),
        Column("outlet", "Cơ quan báo chí", "Outlet", required=True, width=24),
        Column("scope", "Phạm vi", "Scope", "choice", required=True, choices="scope", width=12),
        Column("medium", "Loại hình", "Medium", "choice", choices="medium", width=14),
        Column("language", "Ngôn ngữ", "Language", width=12),
        Column("title", "Tiêu đề", "Title", required=True, width=50),
        Column("summary", "Tóm tắt", "Summary", width=40),
        Column("url", "Đường dẫn", "Link", width=36, blank="", aliases=("URL",), key_case_sensitive=True),
        Column("topic", "Chủ đề", "Topic", width=16),
        Column("sentiment", "Sắc thái", "Sentiment", "choice", choices="sentiment", width=12),
        Column("is_false", "Sai lệch", "False information", "bool", choices="yes_no", width=10),
        Column("task_code", "Mã NV", "Task code", ref="tasks", width=10, aliases=("Mã nhiệm vụ",)),
        Column("response", "Tình trạng xử lý", "Response status", "choice", choices="response", width=20),
        Column("responded_on", "Ngày xử lý", "Response date", "date", width=14),
        Column("reach", "Lượt tiếp cận", "Reach", "int", width=14),
    ),
    key=("url",),
    fallback_key=("published_on", "outlet", "title"),
    log=True,
)

SHEETS: tuple[Sheet, ...] = (PLAN, UNITS, TASKS, INDICATORS, MILESTONES, BUDGET, DISBURSEMENTS, MEDIA)
SHEETS_BY_NAME = {sheet.name: sheet for sheet in SHEETS}
# Sheets a user may empty on purpose (`--clear`, the page's checkbox); the plan itself is never emptied.
CLEARABLE = tuple(sheet.name for sheet in SHEETS if sheet.layout == "table")


def sheet_lookup() -> Lookup:
    spellings: dict[str, object] = {}
    for sheet in SHEETS:
        for spelling in (sheet.vi, sheet.en, *sheet.aliases):
            spellings[spelling] = sheet.name
    return Lookup(spellings)
