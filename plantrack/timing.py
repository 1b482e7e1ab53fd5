"""What a plan's timing phrase means in dates: one reading for the plan reader and for the import.

A phrase is kept exactly as written; the dates are what it says and nothing more. A phrase with no
date in it ("Theo tiến độ …", "Sau khi … ban hành") gives no dates and is flagged for staff: it is
never guessed. A date or period written without a year ("trước ngày 30/11", "Quý I") takes the
plan's year. Decisions where plans are vague:

- a single period ("tháng 7 năm 2019", "Quý IV năm 2025", "2026") is a deadline at its end; it gives
  no start, because the plan does not say when the work begins;
- a span ("Quý IV/2025 và Quý I/2026", "Từ tháng 12/2025 đến quý I/2026", "2026 - 2030") starts at
  the beginning of its first period and ends at the end of its last;
- "thường xuyên" / "hằng năm" / "… và các năm tiếp theo" is ongoing; "Thường xuyên trong năm 2019"
  is ongoing over that year (both dates); "… và các năm tiếp theo" has a start and no end;
- "Từ 01/7/2025" with no end is ongoing from that day, flagged so staff confirm it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from plantrack.i18n import QUARTER_NUMERALS, format_date
from plantrack.text import clean
from plantrack.workbook import Problem

ROMAN = {numeral.lower(): n for n, numeral in enumerate(QUARTER_NUMERALS, start=1)}
_YEAR = r"((?:19|20)\d{2})"
_SEP = r"\s*[/.\-]\s*"
_Q = r"(?:iv|iii|ii|i|[1-4])\b"

# Alternatives are tried in this order at each position, so a full date wins over the year in it.
_PATTERNS = (
    ("half", rf"6\s+tháng\s+(đầu|cuối)\s+năm(?:\s+{_YEAR})?"),
    ("date_words", rf"(\d{{1,2}})\s+tháng\s+(\d{{1,2}})(?:\s+năm\s+{_YEAR})?"),
    ("date", rf"(\d{{1,2}}){_SEP}(\d{{1,2}})(?:{_SEP}{_YEAR})?(?!\d)"),
    ("month_words", rf"tháng\s+(\d{{1,2}})(?:(?:\s+năm\s+|{_SEP}){_YEAR})?"),
    # "Quý II", "quý II, III năm 2020", "Quý I và quý II/2024": one period from the first to the last.
    ("quarter", rf"quý\s+({_Q}(?:\s*(?:,|và|-|–|đến)\s*(?:quý\s+)?{_Q})*)\b(?:(?:\s+năm\s+|{_SEP}){_YEAR})?"),
    ("year_range", rf"{_YEAR}\s*[-–—]\s*{_YEAR}"),
    ("year", _YEAR),
)
_SCANNER = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS), re.IGNORECASE)
_GROUP_COUNTS = {name: re.compile(pattern).groups for name, pattern in _PATTERNS}
_GROUP_OFFSETS: dict[str, int] = {}
_offset = 1
for _name, _ in _PATTERNS:
    _GROUP_OFFSETS[_name] = _offset + 1
    _offset += 1 + _GROUP_COUNTS[_name]
_MONTH_YEAR = re.compile(rf"(?<![\d/.\-])(\d{{1,2}})\s*/\s*{_YEAR}(?![\d/])")
_DAY_MONTH = re.compile(r"ngày\s+(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?![\d/.\-])", re.IGNORECASE)

# A phrase starting like these depends on something outside the plan: no date may be read from it.
_UNDATED_START = re.compile(
    r"^(?:theo\s|sau\s+khi|khi\s|ngay\s+sau|căn\s+cứ|tùy\s+theo|tuỳ\s+theo|định\s+kỳ\s+theo)", re.IGNORECASE
)
_ONGOING = re.compile(
    r"thường\s+xuyên|h[ằà]ng\s+(?:năm|quý|tháng|tuần)|định\s+kỳ|liên\s+tục|(?:các|những)\s+năm\s+tiếp\s+theo",
    re.IGNORECASE,
)
_OPEN_ENDED = re.compile(r"(?:các|những)\s+năm\s+tiếp\s+theo|trở\s+đi", re.IGNORECASE)
_FROM = re.compile(r"(?:^|\s)(?:từ|bắt\s+đầu)\s*$", re.IGNORECASE)
_DURING_YEAR = re.compile(r"trong\s+năm\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Timing:
    text: str
    ongoing: bool
    start: dt.date | None
    due: dt.date | None
    # Why staff should look at this phrase's dates, as a message key (None: read for sure).
    doubt: str | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.due is not None


@dataclass(frozen=True)
class _Period:
    start: dt.date
    end: dt.date
    kind: str
    at: int  # where it begins in the phrase


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _period(kind: str, groups: tuple, year: int | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a match means, or None when it has no year and the plan gives none."""
    if kind == "year_range":
        first, last = int(groups[0]), int(groups[1])
        return (dt.date(first, 1, 1), dt.date(last, 12, 31)) if first <= last else None
    if kind == "year":
        y = int(groups[0])
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    written = groups[-1]
    y = int(written) if written else year
    if y is None:
        return None
    if kind == "half":
        first = groups[0].lower() == "đầu"
        return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if first else (dt.date(y, 7, 1), dt.date(y, 12, 31))
    if kind in ("date", "date_words"):
        day, month = int(groups[0]), int(groups[1])
        try:
            day_date = dt.date(y, month, day)
        except ValueError:
            return None
        return day_date, day_date
    if kind == "month_words":
        month = int(groups[0])
        return (dt.date(y, month, 1), _month_end(y, month)) if 1 <= month <= 12 else None
    if kind == "quarter":
        quarters = [ROMAN.get(q) or int(q) for q in re.findall(r"iv|iii|ii|i|[1-4]", groups[0].lower())]
        first, last = quarters[0], quarters[-1]
        return (dt.date(y, 3 * first - 2, 1), _month_end(y, 3 * last)) if first <= last else None
    return None


def periods(text: str, year: int | None = None) -> list[_Period]:
    """Every date, month, quarter, half-year, year or year range written in the phrase, in order."""
    found: list[tuple[int, int, _Period]] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e, _ in found)

    for match in _SCANNER.finditer(text):
        kind = match.lastgroup
        first = _GROUP_OFFSETS[kind]
        groups = match.groups()[first - 1 : first - 1 + _GROUP_COUNTS[kind]]
        if kind == "date" and groups[2] is None:
            continue  # "6/2025" is a month, "30/11" a day: both read below
        span = _period(kind, groups, year)
        if span is not None:
            if kind == "quarter" and span[0].month != span[1].month - 2:
                kind = "quarter_range"
            found.append((match.start(), match.end(), _Period(span[0], span[1], kind, match.start())))
    for match in _MONTH_YEAR.finditer(text):
        month, y = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            continue
        # The year of "6/2025" was read alone above; the month replaces it.
        found = [f for f in found if not (f[2].kind == "year" and match.start() <= f[0] < match.end())]
        if free(match.start(), match.end()):
            period = _Period(dt.date(y, month, 1), _month_end(y, month), "month", match.start())
            found.append((match.start(), match.end(), period))
    for match in _DAY_MONTH.finditer(text):
        span = _period("date", (match.group(1), match.group(2), None), year)
        if span is not None and free(match.start(1), match.end()):
            found.append((match.start(1), match.end(), _Period(span[0], span[1], "date", match.start(1))))
    return sorted((period for _, _, period in found), key=lambda p: p.at)


def read_timing(text: str | None, year: int | None = None) -> Timing:
    """The dates a timing phrase means; `year` is the plan's, for dates written without one."""
    phrase = clean(text or "")
    if not phrase:
        return Timing("", False, None, None, "timing_missing")
    body = phrase.rstrip(" .;")
    ongoing = bool(_ONGOING.search(body))
    if _UNDATED_START.match(body):
        return Timing(phrase, False, None, None, "timing_undated")
    found = periods(body, year)
    if not found:
        if ongoing:
            return Timing(phrase, True, None, None)
        year_less = year is None and re.search(r"tháng\s+\d|quý\s+[ivx1-4]|\d{1,2}\s*/\s*\d{1,2}", body, re.I)
        return Timing(phrase, False, None, None, "timing_no_year" if year_less else "timing_undated")
    first, last = found[0], found[-1]
    before_first = body[: first.at]
    if _OPEN_ENDED.search(body):
        return Timing(phrase, True, first.start, None)
    if len(found) == 1:
        if _FROM.search(before_first):
            return Timing(phrase, True, first.start, None, "timing_open_end")
        if first.kind in ("year_range", "quarter_range") or (ongoing and _DURING_YEAR.search(before_first)):
            return Timing(phrase, ongoing, first.start, first.end)
        if ongoing and first.kind in ("year", "year_range"):
            return Timing(phrase, True, first.start, first.end)
        if ongoing:
            return Timing(phrase, True, None, first.end)
        return Timing(phrase, False, None, first.end)
    if last.end < first.start:
        return Timing(phrase, ongoing, None, None, "timing_order")
    return Timing(phrase, ongoing, first.start, last.end)


def plan_year(frames: dict) -> int | None:
    plan = frames.get("plan_info")
    if plan is None or plan.empty:
        return None
    year = plan.iloc[0]["year"]
    return None if year is None else int(year)


def derive_task_dates(raws: dict, frames: dict, problems: list) -> None:
    """The import's hook: a task with Thời gian thực hiện but no dates gets the dates it means.

    Only rows with both dates blank are touched, each with a warning naming the dates read, so a
    date staff typed always wins and nothing is filled silently. Thường xuyên is set from the
    phrase only when its cell is blank.
    """
    frame = frames.get("tasks")
    if frame is None or frame.empty or "tasks" not in raws:
        return
    raw, year = raws["tasks"], plan_year(frames)
    # Only the few rows without dates are looked at: a national plan has tens of thousands of tasks.
    undated = frame["timing_text"].notna() & frame["start_on"].isna() & frame["due_on"].isna()
    for index, rec in zip(frame.index[undated], frame[undated].to_dict("records")):
        if not rec["timing_text"]:
            continue
        timing = read_timing(rec["timing_text"], year)
        if not timing.dated:
            continue
        frame.at[index, "start_on"] = timing.start
        frame.at[index, "due_on"] = timing.due
        if rec["is_ongoing"] is None:
            frame.at[index, "is_ongoing"] = timing.ongoing
        problems.append(
            Problem(
                "warn_dates_from_timing",
                raw.title,
                int(rec["_row"]),
                raw.header("due_on"),
                {
                    "timing": timing.text,
                    "start": format_date(timing.start) if timing.start else "—",
                    "due": format_date(timing.due) if timing.due else "—",
                },
                "warning",
            )
        )
