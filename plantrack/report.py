"""The periodic report ("chế độ báo cáo định kỳ"): a .docx in the shape of a Vietnamese administrative
report (Nghị định 30/2020/NĐ-CP: heading block, title, body, recipients and signature), and an .xlsx
appendix with its tables.

The report is a Vietnamese administrative document, so it is written in Vietnamese whatever the
interface language. Its numbers come from the same named queries and the same status rules as the
pages, for the same version and period, so they are equal to what the pages show:
- tasks, report groups and rates: tasks_at_version + status.py at the as-of date (Tổng quan);
- indicators: indicators_at_version (Tiến độ theo đơn vị);
- milestones of the period: milestones_at_version, by quarter (Mốc theo quý);
- budget: budget_totals and budget_by_source up to the as-of date, disbursed in the period from
  disbursement_by_month (Ngân sách);
- press: media_by_scope for each quarter of the period (Dư luận báo chí with that quarter chosen),
  false_info_cases published in the period, media_kpis for the cases still open;
- next steps: upcoming_deadlines.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb
import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from plantrack import exports, measures, press, queries, status
from plantrack.contract import CLOSED_LISTS
from plantrack.i18n import format_date, format_number
from plantrack.rates import CompletionRate, completion_rate, percent_text, points_text, share_text
from plantrack.settings import StatusSettings

LANG = "vi"
DEFAULT_RULES = StatusSettings()
ROMAN = ("I", "II", "III", "IV")
FONT = "Times New Roman"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PERIOD_KINDS = ("quarter", "half", "year")
PERIODS_PER_YEAR = {"quarter": 4, "half": 2, "year": 1}


@dataclass(frozen=True)
class Period:
    kind: str  # quarter | half | year
    year: int
    number: int = 1  # the quarter (1–4) or the half (1–2); 1 for a year

    def __post_init__(self) -> None:
        limit = PERIODS_PER_YEAR.get(self.kind)
        if limit is None or not 1 <= self.number <= limit:
            raise ValueError(f"no period {self.kind} {self.number}")

    @property
    def quarters(self) -> tuple[int, ...]:
        if self.kind == "quarter":
            return (self.number,)
        if self.kind == "half":
            return (1, 2) if self.number == 1 else (3, 4)
        return (1, 2, 3, 4)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.quarters[0] - 2, 1)

    @property
    def end(self) -> dt.date:
        last = self.quarters[-1]
        return dt.date(self.year, 12, 31) if last == 4 else dt.date(self.year, 3 * last + 1, 1) - dt.timedelta(days=1)

    def contains(self, day: object) -> bool:
        return day is not None and not pd.isna(day) and self.start <= pd.Timestamp(day).date() <= self.end

    @property
    def words(self) -> str:
        """As the report writes it: 'quý III năm 2019', '6 tháng đầu năm 2019', 'năm 2019'."""
        if self.kind == "quarter":
            return f"quý {ROMAN[self.number - 1]} năm {self.year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}"
        return f"năm {self.year}"

    @property
    def previous(self) -> Period:
        """The period of the same kind just before: quý II before quý III, quý IV of last year before quý I."""
        if self.number > 1:
            return Period(self.kind, self.year, self.number - 1)
        return Period(self.kind, self.year - 1, PERIODS_PER_YEAR[self.kind])

    @property
    def slug(self) -> str:
        return {
            "quarter": f"quy-{self.number}",
            "half": f"6-thang-{'dau' if self.number == 1 else 'cuoi'}",
            "year": "nam",
        }[self.kind] + f"-{self.year}"


def report_version(versions: pd.DataFrame, version_id: int, period: Period) -> tuple[int, dt.date]:
    """The version a report of `period` uses: the one chosen, unless its data is as of after the
    period's end, then the newest version whose data is as of the period's end or before."""
    rows = versions.assign(day=[pd.Timestamp(d).date() for d in versions["as_of"]])
    chosen = rows[rows["version_id"] == version_id].iloc[0]
    if chosen["day"] <= period.end:
        return int(chosen["version_id"]), chosen["day"]
    earlier = rows[(rows["version_id"] <= version_id) & (rows["day"] <= period.end)]
    if earlier.empty:
        return int(chosen["version_id"]), chosen["day"]
    row = earlier.sort_values("version_id").iloc[-1]
    return int(row["version_id"]), row["day"]


@dataclass
class ReportData:
    plan: Mapping[str, object]
    period: Period
    version_id: int
    as_of: dt.date
    units: dict[str, str]
    tasks: pd.DataFrame  # tasks_at_version + status, group, expected, reason
    groups: dict[str, int]
    rates: dict[str, status.Rate]
    completion: CompletionRate  # the Government's tỷ lệ hoàn thành
    press: press.Comparison  # the period against the previous one and a year earlier
    indicators: pd.DataFrame
    milestones: pd.DataFrame  # milestones_at_version in the period's quarters
    budget_totals: Mapping[str, float]
    budget_by_source: pd.DataFrame
    budget_by_task: pd.DataFrame
    disbursed_in_period: int
    media: pd.DataFrame  # media_by_scope summed over the period's quarters: scope, sentiment, mentions
    false_cases: pd.DataFrame  # false_info_cases published in the period
    false_open: int  # cases not yet refuted or closed at the as-of date (all published so far)
    upcoming: pd.DataFrame

    @property
    def mentions(self) -> int:
        return int(self.media["mentions"].sum())

    def mentions_by(self, column: str) -> dict[str, int]:
        return {str(k): int(v) for k, v in self.media.groupby(column)["mentions"].sum().items()}

    @property
    def difficulties(self) -> pd.DataFrame:
        """Tasks overdue or behind, in the plan's order."""
        return self.tasks[self.tasks["status"].isin([status.OVERDUE, status.BEHIND])]


def collect(
    cur: duckdb.DuckDBPyConnection,
    plan: Mapping[str, object],
    version_id: int,
    as_of: dt.date,
    period: Period,
    rules: StatusSettings = DEFAULT_RULES,
) -> ReportData:
    """Everything the report says, from the pages' own queries, for the whole plan (no unit filter)."""
    params = {
        "plan_id": int(plan["plan_id"]),
        "version_id": version_id,
        "units": [],
        "quarter": 0,
        "year": period.year,
        "until": as_of,
        "due_soon_days": rules.due_soon_days,
    }

    def run(name: str, **extra: object) -> pd.DataFrame:
        values = {**params, **extra}
        return queries.run(cur, name, **{key: values[key] for key in queries.parameters(name)})

    tasks = run("tasks_at_version")
    computed = status.statuses(tasks, as_of, lang=LANG, plan_year=period.year, grace_days=rules.grace_days)
    tasks = tasks.assign(**{c: computed[c].to_numpy() for c in ("status", "group", "expected", "reason")})
    milestones = pd.concat([run("milestones_at_version", quarter=q) for q in period.quarters], ignore_index=True)
    by_month = run("disbursement_by_month")
    in_period = [period.contains(m) for m in by_month["month_start"]]
    media = (
        run("media_by_scope", quarter=0)
        if period.kind == "year"
        else pd.concat([run("media_by_scope", quarter=q) for q in period.quarters], ignore_index=True)
    )
    media = media.groupby(["scope", "sentiment"], as_index=False)["mentions"].sum() if not media.empty else media
    cases = run("false_info_cases")
    cases = cases[[period.contains(d) for d in cases["published_on"]]].reset_index(drop=True)
    units = run("units_at_version")
    return ReportData(
        plan=plan,
        period=period,
        version_id=version_id,
        as_of=as_of,
        units=dict(zip(units["unit_code"], units["unit_name"])),
        tasks=tasks,
        groups=status.group_counts(computed),
        rates=status.rates(computed, LANG),
        completion=completion_rate(status.group_counts(computed)),
        press=press.compare(cur, int(plan["plan_id"]), version_id, as_of, period.start, period.end),
        indicators=run("indicators_at_version"),
        milestones=milestones,
        budget_totals={k: float(v) for k, v in run("budget_totals").iloc[0].items()},
        budget_by_source=run("budget_by_source"),
        budget_by_task=run("budget_by_task"),
        disbursed_in_period=int(by_month.loc[in_period, "disbursed"].sum()),
        media=media,
        false_cases=cases,
        false_open=int(run("media_kpis").iloc[0]["false_open"]),
        upcoming=run("upcoming_deadlines"),
    )


# --- words --------------------------------------------------------------------------------------------


def _date(value: object) -> str:
    return format_date(pd.Timestamp(value).date(), LANG) if value is not None and not pd.isna(value) else "—"


def _money(value: float) -> str:
    return f"{format_number(round(value), LANG)} đồng"


def _pct(value: float | None, digits: int = 1) -> str:
    if value is None or pd.isna(value):
        return "—"
    rounded = round(float(value), digits)
    return f"{format_number(rounded, LANG, 0 if float(rounded).is_integer() else digits)}%"


def _status_text(code: str, reason: str) -> str:
    """'Chậm tiến độ. Dự kiến 100% …' — or the reason alone when it starts with the status ('Hoàn thành ngày …')."""
    label = measures.category(code).label(LANG)
    if reason.lower().startswith(label.lower()):
        return _sentence(reason)
    return f"{label}. {_sentence(reason)}"


def _sentence(text: str) -> str:
    """A phrase as a sentence: capital first letter, one full stop at the end."""
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:] + "."


def _quoted(text: object) -> str:
    """Vietnamese administrative quotation marks: “…”, not «…»."""
    return f"“{str(text).strip().rstrip('.')}”"


def short_name(content: object, limit: int = 90) -> str:
    """A task named by its content, shortened at a word: the plan's wording is often a whole paragraph."""
    text = " ".join(str(content or "").split()).rstrip(".;:")
    first = re.split(r"(?<=[.;:])\s", text)[0].rstrip(".;:,")
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:-–") + "…"


def _count(value: float) -> str:
    return format_number(int(value), LANG)


def _number(value: float) -> str:
    value = float(value)
    return format_number(value, LANG, 0 if value.is_integer() else 1)


def long_date(place: str, day: dt.date) -> str:
    """'Gia Lai, ngày 30 tháng 9 năm 2019': days below 10 and months 1–2 get a leading zero (NĐ 30/2020)."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place or '……'}, ngày {day_text} tháng {month_text} năm {day.year}"


@dataclass(frozen=True)
class Issuer:
    parent: str  # the governing body, as printed: "UBND TỈNH GIA LAI"
    agency: str  # "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    agency_name: str  # in running text: "Sở Thông tin và Truyền thông"
    place: str  # "Gia Lai"
    province_body: str  # the addressee: "Ủy ban nhân dân tỉnh Gia Lai"
    code: str  # the report number's suffix: "BC-STTTT"


def issuer(plan: Mapping[str, object]) -> Issuer:
    """The heading block's names from the plan's issuer ("Sở … tỉnh Gia Lai") and number ("45/KH-STTTT")."""
    text = str(plan.get("issuer") or "").strip()
    match = re.match(r"^(.*?)\s+(tỉnh|thành phố)\s+(.+)$", text, flags=re.IGNORECASE)
    if match:
        agency, level, place = match.group(1), match.group(2).lower(), match.group(3)
        parent = f"UBND {level.upper()} {place.upper()}"
        body = f"Ủy ban nhân dân {level} {place}"
    else:
        agency, place, parent, body = text, "", "", ""
    number = str(plan.get("doc_number") or "")
    suffix = number.split("/", 1)[1] if "/" in number else ""
    code = "BC-" + suffix.split("-", 1)[1] if "-" in suffix else "BC"
    return Issuer(parent, agency.upper(), agency, place, body, code)


def plan_reference(plan: Mapping[str, object]) -> str:
    """'Kế hoạch số 45/KH-STTTT ngày 15/03/2019 của Sở … về triển khai …', as a report cites its basis."""
    title = str(plan["title"])
    number, issued = plan.get("doc_number"), plan.get("issued_on")
    if not number:
        return title
    match = re.match(r"^(Kế hoạch|Chương trình|Đề án|Quyết định|Chỉ thị)\s+(.+)$", title, flags=re.IGNORECASE)
    if not match:
        return f"{title} (số {number})"
    kind, subject = match.group(1), match.group(2)
    reference = f"{kind[:1].upper()}{kind[1:]} số {number}"
    if issued is not None and not pd.isna(issued):
        reference += f" ngày {_date(issued)}"
    if plan.get("issuer"):
        reference += f" của {plan['issuer']}"
    return f"{reference} về {subject[:1].lower() + subject[1:]}" if subject else reference


def _units_text(codes: object, units: Mapping[str, str]) -> str:
    if codes is None or (not isinstance(codes, (list, tuple)) and not hasattr(codes, "__len__")):
        return ""
    return ", ".join(units.get(str(c), str(c)) for c in codes)


def _indicator_line(row: pd.Series) -> str:
    target, actual = float(row["target"]), row["actual"]
    if actual is None or pd.isna(actual):
        return f"{row['indicator']}: kế hoạch {_number(target)} {row['measure_unit']}, chưa có số liệu thực hiện."
    share = 100.0 * float(actual) / target if target else None
    return f"{row['indicator']}: thực hiện {_number(actual)}/{_number(target)} {row['measure_unit']}" + (
        f", đạt {_pct(share)} kế hoạch." if share is not None else "."
    )


def _milestone_line(row: pd.Series, as_of: dt.date) -> str:
    state = row["state"]
    if state == "ms_done":
        done = f"đã hoàn thành ngày {_date(row['completed_on'])}"
        if row["days_late"] is not None and not pd.isna(row["days_late"]):
            done += f" (trễ {int(row['days_late'])} ngày)"
    elif state == "ms_late":
        done = "chưa hoàn thành, đã quá hạn"
    elif state == "ms_due":
        done = "chưa hoàn thành, sắp đến hạn"
    else:
        done = "chưa đến hạn"
    return f"{row['content']} (hạn {_date(row['due_on'])}): {done}."


# --- .docx ----------------------------------------------------------------------------------------------


def _font(run, size: float, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _paragraph(
    container,
    text: str = "",
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
    after: float = 6,
    before: float = 0,
):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.space_before = Pt(after), Pt(before)
    fmt.line_spacing = 1.15
    if indent:
        fmt.first_line_indent = Cm(1)
    if text:
        _font(paragraph.add_run(text), size, bold, italic)
    return paragraph


def _rule(container, width_cm: float, cell_cm: float) -> None:
    """A short centred line (under the agency, the motto and the title): the bottom border of an
    empty paragraph of its own, whose indents set the line's length without squeezing any text."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(4)
    side = max((cell_cm - width_cm) / 2, 0)
    paragraph.paragraph_format.left_indent = Cm(side)
    paragraph.paragraph_format.right_indent = Cm(side)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _no_borders(table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _cell_text(
    cell, lines: list[tuple[str, float, bool, bool]], rule: tuple[int, float] | None = None, cell_cm: float = 0
) -> None:
    """Centred lines in a cell; `rule` = (after which line, its length in cm)."""
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for n, (text, size, bold, italic) in enumerate(lines):
        paragraph = _paragraph(cell, text, size, bold, italic, WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
        paragraph.paragraph_format.line_spacing = 1.0
        if rule and rule[0] == n:
            _rule(cell, rule[1], cell_cm)


def _page_number_header(section) -> None:
    """Page numbers centred at the top from page 2 on, as NĐ 30/2020 asks."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _font(run, 13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _blank_table(document, widths: tuple[float, ...]):
    """A one-row table without borders, its columns fixed (Word and LibreOffice read the grid)."""
    table = document.add_table(rows=1, cols=len(widths))
    _no_borders(table)
    table.autofit = False
    for n, width in enumerate(widths):
        table.columns[n].width = Cm(width)
        table.rows[0].cells[n].width = Cm(width)
    return table


def _grid(
    document, header: list[str], rows: list[list[str]], widths: list[float], numeric: set[int], bold_last: bool = False
) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for n, text in enumerate(header):
        cell = table.rows[0].cells[n]
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(cell.paragraphs[0].add_run(text), 12, bold=True)
    for r, row in enumerate(rows):
        cells = table.add_row().cells
        for n, text in enumerate(row):
            paragraph = cells[n].paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if n in numeric else WD_ALIGN_PARAGRAPH.LEFT
            _font(paragraph.add_run(text), 12, bold=bold_last and r == len(rows) - 1)
    table.autofit = False
    for n, width in enumerate(widths):
        table.columns[n].width = Cm(width)
        for cell in table.columns[n].cells:
            cell.width = Cm(width)
    _paragraph(document, after=0)


def _heading(document, text: str, level: int) -> None:
    heading = _paragraph(document, text, 14, bold=True, italic=level == 3, indent=True, before=6 if level == 1 else 3)
    heading.paragraph_format.keep_with_next = True  # never alone at the foot of a page


def _bullets(document, lines: list[str]) -> None:
    for line in lines:
        _paragraph(document, f"- {line}", after=3)


def docx_bytes(
    data: ReportData, report_date: dt.date | None = None, signer: str = "", signer_title: str = "GIÁM ĐỐC"
) -> bytes:
    """The report as a Word document; `signer` is the name printed under the signature (a dotted line if none)."""
    who = issuer(data.plan)
    report_date = report_date or data.as_of
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    _page_number_header(section)

    left_cm, right_cm = 6.3, 10.2
    heading = _blank_table(document, (left_cm, right_cm))
    left, right = heading.rows[0].cells
    left_lines = [(who.parent, 13, False, False)] if who.parent else []
    left_lines += [(who.agency, 13, True, False), (f"Số:        /{who.code}", 13, False, False)]
    _cell_text(left, left_lines, rule=(len(left_lines) - 2, 2.2), cell_cm=left_cm)
    left.paragraphs[-1].paragraph_format.space_before = Pt(6)
    _cell_text(
        right,
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, False),
            ("Độc lập - Tự do - Hạnh phúc", 14, True, False),
            (long_date(who.place, report_date), 14, False, True),
        ],
        rule=(1, 5.6),
        cell_cm=right_cm,
    )
    right.paragraphs[-1].paragraph_format.space_before = Pt(6)

    _paragraph(document, "BÁO CÁO", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=18, after=0)
    for line in (f"Kết quả thực hiện {data.plan['title']}", data.period.words[:1].upper() + data.period.words[1:]):
        title = _paragraph(document, line, 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0)
        title.paragraph_format.line_spacing = 1.0
    _rule(document, 3.5, 16.5)
    _paragraph(document, after=0)
    if who.province_body:
        _paragraph(document, f"Kính gửi: {who.province_body}.", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=12)

    reached = "" if data.as_of >= data.period.end else "; kỳ báo cáo chưa kết thúc"
    _paragraph(
        document,
        f"Thực hiện {plan_reference(data.plan)}, {who.agency_name or 'đơn vị'} báo cáo kết quả "
        f"thực hiện {data.period.words} như sau (số liệu tính đến ngày {_date(data.as_of)}{reached}):",
    )

    _heading(document, "I. KẾT QUẢ THỰC HIỆN", 1)
    _heading(document, "1. Kết quả chung", 2)
    total = len(data.tasks)
    g = data.groups
    _paragraph(
        document,
        (
            f"Kế hoạch có {_count(total)} nhiệm vụ. Tính đến ngày {_date(data.as_of)}: đã hoàn thành đúng hạn "
            f"{_count(g[status.DONE_ON_TIME])} nhiệm vụ; đã hoàn thành quá hạn {_count(g[status.DONE_LATE])} nhiệm vụ; "
            f"chưa hoàn thành, trong hạn {_count(g[status.OPEN_IN_TIME])} nhiệm vụ; chưa hoàn thành, quá hạn "
            f"{_count(g[status.OPEN_OVERDUE])} nhiệm vụ."
        ),
    )
    completion = data.completion
    official = (
        f"Tỷ lệ hoàn thành: {completion.text(LANG)} ({completion.basis(LANG)}); "
        f"tỷ lệ chưa hoàn thành, quá hạn: {completion.overdue_text(LANG)}."
        if completion.percent is not None
        else "Chưa có nhiệm vụ nào đến hạn, chưa tính tỷ lệ hoàn thành."
    )
    _bullets(
        document,
        [
            official,
            *(
                f"{rate.title}: {share_text(rate.numerator, rate.denominator, LANG) if rate.denominator else '—'} "
                f"({_count(rate.numerator)}/{_count(rate.denominator)}; {rate.basis})."
                for key, rate in data.rates.items()
                if key != "done"
            ),
        ],
    )

    _heading(document, "2. Kết quả thực hiện từng nhiệm vụ", 2)
    for n, task in enumerate(data.tasks.itertuples(index=False), start=1):
        # A task is named by its content, shortened to a line or two: only that line keeps with what
        # follows. The plan's whole wording, often a paragraph, may break across pages: kept with
        # the next paragraph it pushed the chain whole to the next page and left half a page blank.
        name = short_name(task.content)
        paragraph = _paragraph(document, f"2.{n}. {name} ({task.task_code})", bold=True, italic=True, before=3)
        paragraph.paragraph_format.keep_with_next = True
        full = " ".join(str(task.content).split())
        if full.rstrip(".") != name:
            _paragraph(document, f"Nội dung: {full.rstrip('.')}.")
        support = _units_text(task.support_units, data.units)
        lead = data.units.get(task.lead_unit, task.lead_unit)
        _paragraph(document, f"Đơn vị chủ trì: {lead}" + (f"; đơn vị phối hợp: {support}." if support else "."))
        if task.timing_text:
            _paragraph(document, f"Thời gian thực hiện: {task.timing_text}.")
        result = task.note if isinstance(task.note, str) and task.note.strip() else "chưa có báo cáo kết quả."
        _paragraph(document, f"Kết quả: {result.rstrip('.')}.")
        _paragraph(document, f"Tiến độ: {_pct(task.progress, 0)}. Tình trạng: {_status_text(task.status, task.reason)}")
        indicators = data.indicators[data.indicators["task_code"] == task.task_code]
        if not indicators.empty:
            _paragraph(document, "Chỉ tiêu:", after=3)
            _bullets(document, [_indicator_line(row) for _, row in indicators.iterrows()])
        steps = data.milestones[data.milestones["task_code"] == task.task_code]
        if not steps.empty:
            _paragraph(document, f"Các mốc trong {data.period.words}:", after=3)
            _bullets(document, [_milestone_line(row, data.as_of) for _, row in steps.iterrows()])

    _heading(document, "3. Kinh phí thực hiện", 2)
    planned, disbursed = data.budget_totals["planned"], data.budget_totals["disbursed"]
    share = 100.0 * disbursed / planned if planned else None
    _paragraph(
        document,
        (
            f"Tổng dự toán {_money(planned)}; lũy kế giải ngân đến ngày {_date(data.as_of)} là {_money(disbursed)}, "
            f"đạt {_pct(share)} dự toán; trong {data.period.words} đã giải ngân {_money(data.disbursed_in_period)}."
        ),
    )
    rows = [
        [
            measures.category(r.source).label(LANG),
            format_number(r.planned, LANG),
            format_number(r.disbursed, LANG),
            _pct(100.0 * r.disbursed / r.planned if r.planned else None),
        ]
        for r in data.budget_by_source.itertuples()
    ]
    rows.append(["Tổng cộng", format_number(planned, LANG), format_number(disbursed, LANG), _pct(share)])
    _grid(
        document,
        ["Nguồn kinh phí", "Dự toán (đồng)", "Đã giải ngân (đồng)", "Tỷ lệ"],
        rows,
        [5.5, 4.0, 4.0, 2.5],
        {1, 2, 3},
        bold_last=True,
    )

    _press(document, data)
    _difficulties(document, data)

    _heading(document, "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI", 1)
    names = dict(zip(data.tasks["task_code"], data.tasks["content"]))
    if data.upcoming.empty:
        _paragraph(document, "Tiếp tục thực hiện các nhiệm vụ thường xuyên theo Kế hoạch.")
    else:
        _bullets(
            document,
            [
                (
                    f"Mốc của nhiệm vụ {_quoted(short_name(names.get(r.task_code, r.task_code)))}: "
                    f"{r.content.rstrip('.')} (hạn {_date(r.due_on)})."
                    if r.kind == "milestone"
                    else f"Hoàn thành nhiệm vụ {_quoted(short_name(r.content))} (hạn {_date(r.due_on)})."
                )
                for r in data.upcoming.itertuples()
            ],
        )

    _paragraph(
        document,
        (
            f"Trên đây là báo cáo kết quả thực hiện {data.plan['title']} {data.period.words} "
            f"của {who.agency_name or 'đơn vị'}./."
        ),
        before=6,
    )
    _signature(document, who, signer, signer_title)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _press(document, data: ReportData) -> None:
    _heading(document, "4. Công tác theo dõi, tổng hợp dư luận báo chí", 2)
    total = data.mentions
    if total == 0:
        _paragraph(document, f"Trong {data.period.words} chưa ghi nhận tin, bài nào về tỉnh.")
    else:
        sentiments = data.mentions_by("sentiment")
        scopes = data.mentions_by("scope")
        parts = [
            f"{measures.category(c).label(LANG).lower()} {_count(sentiments.get(c, 0))} tin, bài "
            f"({share_text(sentiments.get(c, 0), total, LANG)})"
            for c in ("positive", "neutral", "negative")
        ]
        if sentiments.get("unknown"):
            parts.append(f"chưa phân loại {_count(sentiments['unknown'])} tin, bài")
        domestic, foreign = scopes.get("domestic", 0), scopes.get("foreign", 0)
        _paragraph(
            document,
            (
                f"Trong {data.period.words}, đã theo dõi {_count(total)} tin, bài về tỉnh của "
                f"{_count(data.press.current.outlets)} cơ quan báo chí: báo chí trong nước "
                f"{_count(domestic)} tin, bài ({share_text(domestic, total, LANG)}), "
                f"báo chí nước ngoài {_count(foreign)} tin, bài ({share_text(foreign, total, LANG)}). "
                f"Về sắc thái: {'; '.join(parts)}."
            ),
        )
        _paragraph(document, _press_changes(data))
        rows = []
        for scope in ("domestic", "foreign"):
            counts = data.media[data.media["scope"] == scope].set_index("sentiment")["mentions"]
            rows.append(
                [measures.category(scope).label(LANG)]
                + [str(int(counts.get(c, 0))) for c in ("positive", "neutral", "negative")]
                + [str(int(counts.sum()))]
            )
        by_sentiment = [str(sentiments.get(c, 0)) for c in ("positive", "neutral", "negative")]
        rows.append(["Tổng cộng", *by_sentiment, str(total)])
        _grid(
            document,
            ["Phạm vi", "Tích cực", "Trung lập", "Tiêu cực", "Tổng"],
            rows,
            [4.5, 2.8, 2.8, 2.8, 2.8],
            {1, 2, 3, 4},
            bold_last=True,
        )
    cases = data.false_cases
    if cases.empty:
        _paragraph(document, f"Trong {data.period.words} không phát hiện thông tin sai lệch về tỉnh.")
    else:
        responses = cases["response"].fillna("not_handled").value_counts()
        outcome = "; ".join(
            f"{choice.vi.lower()} {int(responses[choice.code])}"
            for choice in CLOSED_LISTS["response"].choices
            if choice.code in responses
        )
        days = cases["days_to_respond"].dropna()
        speed = (
            (
                f" Thời gian từ khi tin, bài được đăng đến khi xử lý trung bình {_number(round(float(days.mean()), 1))} "
                f"ngày."
            )
            if len(days)
            else ""
        )
        _paragraph(
            document,
            (
                f"Phát hiện {len(cases)} trường hợp thông tin sai lệch, xuyên tạc về tỉnh. Kết quả xử lý: {outcome}.{speed} "
                f"Đến ngày {_date(data.as_of)}, còn {data.false_open} trường hợp chưa xử lý xong (chưa xử lý hoặc mới "
                f"báo cáo, chưa phản bác/cải chính)."
            ),
        )
        rows = [
            [
                _date(r.published_on),
                str(r.outlet),
                str(r.title),
                CLOSED_LISTS["response"].label(r.response or "not_handled"),
                _date(r.responded_on) if r.responded_on is not None and not pd.isna(r.responded_on) else "—",
            ]
            for r in cases.itertuples()
        ]
        _grid(
            document,
            ["Ngày đăng", "Cơ quan báo chí", "Tiêu đề", "Xử lý", "Ngày xử lý"],
            rows,
            [2.4, 2.8, 5.6, 3.3, 2.4],
            set(),
        )


def _press_changes(data: ReportData) -> str:
    """The period against the one before and the same one a year earlier, shares in percentage points."""
    comparison, period = data.press, data.period
    against = [("previous", period.previous.words)]
    if period.kind != "year":  # a year's previous period is the year before
        against.append(("year_before", f"cùng kỳ năm {period.year - 1}"))
    sentences = []
    for name, words in against:
        window = getattr(comparison, name)
        if window.mentions == 0:
            sentences.append(f"{words[:1].upper() + words[1:]} chưa có tin, bài nào để so sánh.")
            continue
        mentions = comparison.mentions_change(name)
        outlets = comparison.outlets_change(name)
        shares = "; ".join(
            f"tỷ lệ {label} {percent_text(comparison.current.share(key), LANG, press.DIGITS)} "
            f"({points_text(comparison.change(key, name), LANG)})"
            for key, label in (("positive", "tích cực"), ("negative", "tiêu cực"), ("foreign", "báo chí nước ngoài"))
        )
        sentences.append(
            f"So với {words}: số tin, bài {_signed_count(mentions)} ({_count(window.mentions)} tin, bài), "
            f"số cơ quan báo chí đưa tin {_signed_count(outlets)} ({_count(window.outlets)} cơ quan); {shares}."
        )
    return " ".join(sentences)


def _signed_count(value: int) -> str:
    return ("tăng " if value > 0 else "giảm " if value < 0 else "không đổi") + (_count(abs(value)) if value else "")


def _difficulties(document, data: ReportData) -> None:
    _heading(document, "II. KHÓ KHĂN, VƯỚNG MẮC", 1)
    late = data.difficulties
    late_steps = data.milestones[data.milestones["state"] == "ms_late"]
    if late.empty and late_steps.empty and data.false_open == 0:
        _paragraph(document, "Các nhiệm vụ được triển khai đúng tiến độ; chưa phát sinh khó khăn, vướng mắc.")
        return
    lines = [
        f"Nhiệm vụ {_quoted(short_name(r.content))} ({r.task_code}) "
        f"{measures.category(r.status).label(LANG).lower()}: {_sentence(r.reason)}"
        + (f" Tình hình: {_sentence(r.note)}" if isinstance(r.note, str) and r.note.strip() else "")
        for r in late.itertuples()
    ]
    lines += [
        f"Mốc {r.milestone_code} (nhiệm vụ {r.task_code}) {_quoted(r.content)} đã quá hạn {_date(r.due_on)} "
        f"nhưng chưa hoàn thành."
        for r in late_steps.itertuples()
    ]
    if data.false_open:
        lines.append(f"Còn {data.false_open} trường hợp thông tin sai lệch chưa xử lý xong.")
    _bullets(document, lines)


def _signature(document, who: Issuer, signer: str, signer_title: str) -> None:
    table = _blank_table(document, (8.5, 8.0))
    left, right = table.rows[0].cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    first = _paragraph(
        left, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, after=0, before=6
    )
    first.paragraph_format.line_spacing = 1.0
    recipients = ["- Như trên;", "- Lãnh đạo Sở;", "- Lưu: VT."]
    for line in recipients:
        paragraph = _paragraph(left, line, 11, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, after=0)
        paragraph.paragraph_format.line_spacing = 1.0
    # The title, about 3 cm of room to sign and stamp, then the signer's name (a dotted line to
    # write it on when none was given).
    name = " ".join(signer.split()) or "……………………………"
    _cell_text(
        right,
        [(signer_title.upper(), 14, True, False), *[("", 14, False, False)] * 5, (name, 14, True, False)],
    )
    right.paragraphs[0].paragraph_format.space_before = Pt(6)
    # The block is one unit: the title never ends a page with the name on the next.
    for paragraph in right.paragraphs[:-1]:
        paragraph.paragraph_format.keep_with_next = True
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


# --- .xlsx appendix -----------------------------------------------------------------------------------


def appendix_bytes(data: ReportData) -> bytes:
    """The report's tables, one sheet each, with Vietnamese headers."""
    note = (
        f"Kèm theo Báo cáo kết quả thực hiện {data.plan['title']} {data.period.words}; "
        f"số liệu đến ngày {_date(data.as_of)} (phiên bản {data.version_id}).",
    )
    tasks = data.tasks.assign(
        status_label=[measures.category(c).label(LANG) for c in data.tasks["status"]],
        group_label=[status.group_label(c, LANG) for c in data.tasks["group"]],
        lead_name=[data.units.get(c, c) for c in data.tasks["lead_unit"]],
    )
    indicators = data.indicators
    milestones = data.milestones.assign(
        state_label=[measures.category(c).label(LANG) for c in data.milestones["state"]]
    )
    by_source = data.budget_by_source.assign(
        source_label=[measures.category(c).label(LANG) for c in data.budget_by_source["source"]],
        share=[
            100.0 * d / p if p else None
            for d, p in zip(data.budget_by_source["disbursed"], data.budget_by_source["planned"])
        ],
    )
    media = data.media.assign(
        scope_label=[measures.category(c).label(LANG) for c in data.media["scope"]],
        sentiment_label=[measures.category(c).label(LANG) for c in data.media["sentiment"]],
    )
    cases = data.false_cases.assign(
        scope_label=[measures.category(c).label(LANG) for c in data.false_cases["scope"]],
        response_label=[measures.response_label(c, LANG) for c in data.false_cases["response"]],
    )
    C = exports.Column
    tables = [
        exports.Table(
            tasks,
            (
                C("task_code", "Mã NV"),
                C("content", "Nội dung nhiệm vụ"),
                C("lead_name", "Đơn vị chủ trì"),
                C("timing_text", "Thời gian thực hiện"),
                C("progress", "Tiến độ", "percent"),
                C("status_label", "Tình trạng"),
                C("group_label", "Nhóm báo cáo"),
                C("reason", "Lý do"),
                C("note", "Kết quả (ghi chú)"),
            ),
            "Nhiệm vụ",
            "Phụ lục 1. Kết quả thực hiện các nhiệm vụ",
            note,
        ),
        exports.Table(
            indicators,
            (
                C("task_code", "Mã NV"),
                C("indicator", "Chỉ tiêu"),
                C("measure_unit", "Đơn vị tính"),
                C("target", "Kế hoạch", "number", 0),
                C("actual", "Thực hiện", "number", 0),
                C("achieved_pct", "Tỷ lệ đạt", "percent", 1),
            ),
            "Chỉ tiêu",
            "Phụ lục 2. Chỉ tiêu: thực hiện so với kế hoạch",
            note,
        ),
        exports.Table(
            milestones,
            (
                C("milestone_code", "Mã mốc"),
                C("task_code", "Mã NV"),
                C("content", "Nội dung mốc"),
                C("due_on", "Hạn", "date"),
                C("completed_on", "Ngày hoàn thành", "date"),
                C("state_label", "Tình trạng"),
            ),
            "Mốc trong kỳ",
            f"Phụ lục 3. Các mốc tiến độ trong {data.period.words}",
            note,
        ),
        exports.Table(
            by_source,
            (
                C("source_label", "Nguồn kinh phí"),
                C("planned", "Dự toán", "money"),
                C("disbursed", "Đã giải ngân", "money"),
                C("share", "Tỷ lệ giải ngân", "percent", 1),
            ),
            "Kinh phí theo nguồn",
            "Phụ lục 4. Kinh phí theo nguồn",
            note,
        ),
        exports.Table(
            data.budget_by_task,
            (
                C("task_code", "Mã NV"),
                C("content", "Nội dung nhiệm vụ"),
                C("planned", "Dự toán", "money"),
                C("disbursed", "Đã giải ngân", "money"),
                C("disbursed_pct", "Tỷ lệ giải ngân", "percent", 1),
                C("progress", "Tiến độ", "percent"),
            ),
            "Kinh phí theo nhiệm vụ",
            "Phụ lục 5. Kinh phí theo nhiệm vụ",
            note,
        ),
        exports.Table(
            media,
            (C("scope_label", "Phạm vi"), C("sentiment_label", "Sắc thái"), C("mentions", "Số tin bài", "int")),
            "Báo chí",
            f"Phụ lục 6. Tin, bài về tỉnh trong {data.period.words}",
            note,
        ),
        exports.Table(
            cases,
            (
                C("published_on", "Ngày đăng", "date"),
                C("outlet", "Cơ quan báo chí"),
                C("scope_label", "Phạm vi"),
                C("title", "Tiêu đề"),
                C("url", "Đường dẫn"),
                C("response_label", "Tình trạng xử lý"),
                C("responded_on", "Ngày xử lý", "date"),
                C("days_to_respond", "Số ngày đến khi xử lý", "int"),
            ),
            "Thông tin sai lệch",
            f"Phụ lục 7. Thông tin sai lệch trong {data.period.words}",
            note,
        ),
    ]
    return exports.xlsx_bytes(tables, LANG)
