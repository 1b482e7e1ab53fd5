"""Task status for an as-of date (DESIGN §5): one code, one official report group and one reason each.

Two readings of the same rules live here. `task_status` classifies one task with plain Python and
is the readable statement of the rules; `statuses` classifies a whole frame with numpy, fast enough
for tens of thousands of tasks. Tests hold them equal row by row. Both build their reason sentences
with the same `_reason`, from the same facts.

The rules, in the order they are applied:
1. done — state "done" or progress ≥ 100. Group: done on time if completed on or before the due
   date, done late if after. Without a completion date the as-of date stands in for it: on time
   while the as-of date is not past the due date, late once it is (the reason says so).
2. overdue — the as-of date is after the due date.
3. not started yet — the as-of date is before the start date.
4. ongoing tasks (and the rare task with no due date): behind when the last update is before the
   start of the as-of date's quarter (or there is none), else on track. For the first `grace_days`
   of a quarter (default 30) an update in the quarter before still counts: nobody reports on the
   first of the month. The last update is the later of Cập nhật ngày and the data date of the
   upload in which the task's progress last changed (`progress_changed_on`, when the frame has it):
   a new figure is an update even when the editor left the date alone.
5. other tasks: behind when the actual progress is more than `margin` points under the expected
   progress, else on track.
Paused tasks follow the same rules; their reason adds that they are paused.

Dates the rules need but a task may lack:
- an ongoing task is due on 31/12 of its year, whatever its due date says, so it is never overdue
  before the year ends;
- a task's year is the year of its due date, else of its start date, else `plan_year`, else the
  as-of date's;
- a missing start date is 1 January of that year; a start after the due date (refused at import)
  is read as the due date.
Expected progress counts whole days, both ends included, so it is 100 % on the due date itself and
1/n on the first day of an n-day window: the data of an as-of date describe the end of that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from plantrack.i18n import format_date, format_number, quarter_numeral, t

# Status codes, in display order.
DONE = "done"
NOT_STARTED = "not_started"
ON_TRACK = "on_track"
BEHIND = "behind"
OVERDUE = "overdue"
STATUSES = (DONE, NOT_STARTED, ON_TRACK, BEHIND, OVERDUE)

# The four groups of Vietnamese government reports; every task is in exactly one.
DONE_ON_TIME = "done_on_time"  # đã hoàn thành đúng hạn
DONE_LATE = "done_late"  # đã hoàn thành quá hạn
OPEN_IN_TIME = "open_in_time"  # chưa hoàn thành, trong hạn
OPEN_OVERDUE = "open_overdue"  # chưa hoàn thành, quá hạn
GROUPS = (DONE_ON_TIME, DONE_LATE, OPEN_IN_TIME, OPEN_OVERDUE)

# How long an overdue task has been overdue, in days; labels are the same in both languages.
OVERDUE_AGES = ("≤ 30", "31–90", "91–120", "> 120")
_AGE_LIMITS = (30, 90, 120)

DEFAULT_MARGIN = 20.0
DEFAULT_GRACE_DAYS = 30

# Timing kinds as the rules see them.
_WINDOW = "window"  # a due date, and a start date or 1 January: progress is measured against time
_ONGOING = "ongoing"  # thường xuyên: judged by its updates, due at year end
_NO_DUE = "no_due"  # not ongoing but no due date (refused at import): judged like an ongoing task


@dataclass(frozen=True)
class TaskStatus:
    code: str
    group: str
    expected: float | None  # percent of the time window elapsed; None for ongoing tasks
    actual: float
    days_overdue: int | None  # only for status overdue
    reason: str

    @property
    def overdue_age(self) -> str | None:
        return overdue_age(self.days_overdue)


@dataclass(frozen=True)
class Rate:
    key: str
    title: str
    numerator: int
    denominator: int
    basis: str  # what is divided by what, in words

    @property
    def percent(self) -> float | None:
        return None if self.denominator == 0 else 100.0 * self.numerator / self.denominator


class _Facts(NamedTuple):
    """What the rules read from one task, with the missing dates already filled in."""

    kind: str
    start: dt.date
    due: dt.date
    completed: dt.date | None
    updated: dt.date | None
    expected: float | None
    actual: float
    done: bool
    paused: bool


def status_label(code: str, lang: str = "vi") -> str:
    return t(f"status_{code}", lang)


def group_label(code: str, lang: str = "vi") -> str:
    return t(f"status_group_{code}", lang)


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_label(day: dt.date, lang: str = "vi") -> str:
    """'quý III/2019' / 'quarter III/2019': quarters are written in Roman numerals."""
    return t("status_quarter", lang, roman=quarter_numeral((day.month - 1) // 3 + 1), year=day.year)


def overdue_age(days: int | None) -> str | None:
    if days is None:
        return None
    for limit, label in zip(_AGE_LIMITS, OVERDUE_AGES, strict=False):
        if days <= limit:
            return label
    return OVERDUE_AGES[-1]


def task_status(
    task: Mapping,
    as_of: dt.date,
    margin: float = DEFAULT_MARGIN,
    lang: str = "vi",
    *,
    plan_year: int | None = None,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> TaskStatus:
    """The status of one task (a row of the TASKS sheet, as a mapping) on `as_of`."""
    facts = _task_facts(task, as_of, plan_year)
    since = update_window(as_of, grace_days)
    code = _classify(facts, as_of, margin, since)
    group = _group(code, facts, as_of)
    days = (as_of - facts.due).days if code == OVERDUE else None
    reason = _reason(code, group, facts, as_of, margin, lang, since)
    return TaskStatus(code, group, facts.expected, facts.actual, days, reason)


def _missing(value: object) -> bool:
    return value is None or bool(pd.isna(value))


def _day(value: object) -> dt.date | None:
    """A date cell as DuckDB or a writer frame holds it (date, Timestamp, NaT, None)."""
    if _missing(value):
        return None
    return pd.Timestamp(value).date()


def _task_facts(task: Mapping, as_of: dt.date, plan_year: int | None) -> _Facts:
    start_on, due_on = _day(task["start_on"]), _day(task["due_on"])
    ongoing = not _missing(task["is_ongoing"]) and bool(task["is_ongoing"])
    kind = _ONGOING if ongoing else _NO_DUE if due_on is None else _WINDOW
    dated = due_on or start_on
    year = dated.year if dated else plan_year or as_of.year
    due = due_on if kind == _WINDOW else dt.date(year, 12, 31)
    start = min(start_on or dt.date(year, 1, 1), due)
    expected = None
    if kind == _WINDOW:
        elapsed, total = (as_of - start).days + 1, (due - start).days + 1
        expected = min(max(100.0 * elapsed / total, 0.0), 100.0)
    actual = 0.0 if _missing(task["progress"]) else float(task["progress"])
    state = None if _missing(task["state"]) else str(task["state"])
    return _Facts(
        kind=kind,
        start=start,
        due=due,
        completed=_day(task["completed_on"]),
        updated=_last_update(_day(task["updated_on"]), _day(task.get("progress_changed_on"))),
        expected=expected,
        actual=actual,
        done=state == "done" or actual >= 100,
        paused=state == "paused",
    )


def _last_update(updated: dt.date | None, progress_changed: dt.date | None) -> dt.date | None:
    known = [day for day in (updated, progress_changed) if day is not None]
    return max(known) if known else None


class UpdateWindow(NamedTuple):
    """Since when an ongoing task's last update counts, and till when the quarter before still counts."""

    since: dt.date
    grace_ends: dt.date | None  # the last day of the grace period, when `as_of` is inside it


def update_window(as_of: dt.date, grace_days: int = DEFAULT_GRACE_DAYS) -> UpdateWindow:
    """The start of the as-of date's quarter, or of the quarter before during its first `grace_days` days."""
    begins = quarter_start(as_of)
    if (as_of - begins).days < grace_days:
        return UpdateWindow(quarter_start(begins - dt.timedelta(days=1)), begins + dt.timedelta(days=grace_days - 1))
    return UpdateWindow(begins, None)


def _classify(facts: _Facts, as_of: dt.date, margin: float, since: UpdateWindow) -> str:
    if facts.done:
        return DONE
    if as_of > facts.due:
        return OVERDUE
    if as_of < facts.start:
        return NOT_STARTED
    if facts.kind != _WINDOW:
        fresh = facts.updated is not None and facts.updated >= since.since
        return ON_TRACK if fresh else BEHIND
    return BEHIND if facts.expected - facts.actual > margin else ON_TRACK


def _group(code: str, facts: _Facts, as_of: dt.date) -> str:
    if code == DONE:
        finished = facts.completed or as_of
        return DONE_ON_TIME if finished <= facts.due else DONE_LATE
    return OPEN_OVERDUE if code == OVERDUE else OPEN_IN_TIME


@lru_cache(maxsize=8192)
def _date_text(day: dt.date, lang: str) -> str:
    # Cached: a plan has few distinct dates, and babel is slow for 20 000 rows.
    return format_date(day, lang)


@lru_cache(maxsize=65536)
def _number_text(value: float, lang: str) -> str:
    """Up to two decimals, none when whole: '75', '66,3', '20,01' (so 20.01 never reads as 20)."""
    rounded = round(value, 2)
    digits = 0 if rounded.is_integer() else 1 if round(rounded, 1) == rounded else 2
    return format_number(rounded, lang, digits)


def _days_text(days: int, lang: str) -> str:
    return t("status_days_one" if days == 1 else "status_days_many", lang, count=format_number(days, lang))


def _reason(code: str, group: str, facts: _Facts, as_of: dt.date, margin: float, lang: str, since: UpdateWindow) -> str:
    text = _core_reason(code, group, facts, as_of, margin, lang, since)
    if facts.paused and code != DONE:
        return t("status_why_paused", lang, reason=text)
    return text


def _core_reason(
    code: str, group: str, facts: _Facts, as_of: dt.date, margin: float, lang: str, since: UpdateWindow
) -> str:
    if code == DONE:
        return _done_reason(group, facts, as_of, lang)
    actual = _number_text(facts.actual, lang)
    if code == OVERDUE:
        days = _days_text((as_of - facts.due).days, lang)
        return t("status_why_overdue", lang, days=days, due=_date_text(facts.due, lang), actual=actual)
    if code == NOT_STARTED:
        key = "status_why_not_started_early" if facts.actual > 0 else "status_why_not_started"
        return t(key, lang, start=_date_text(facts.start, lang), actual=actual)
    if facts.kind != _WINDOW:
        return _update_reason(code, facts, as_of, lang, since)
    gap = facts.expected - facts.actual
    key = "status_why_behind" if code == BEHIND else "status_why_lagging" if gap > 0 else "status_why_ahead"
    return t(
        key,
        lang,
        expected=_number_text(facts.expected, lang),
        actual=actual,
        gap=_number_text(gap, lang),
        margin=_number_text(float(margin), lang),
    )


def _done_reason(group: str, facts: _Facts, as_of: dt.date, lang: str) -> str:
    due = _date_text(facts.due, lang)
    if facts.completed is None:
        key = "status_why_done_undated_on_time" if group == DONE_ON_TIME else "status_why_done_undated_late"
        return t(key, lang, as_of=_date_text(as_of, lang), due=due)
    completed = _date_text(facts.completed, lang)
    if group == DONE_ON_TIME:
        return t("status_why_done_on_time", lang, completed=completed, due=due)
    days = _days_text((facts.completed - facts.due).days, lang)
    return t("status_why_done_late", lang, completed=completed, days=days, due=due)


def _update_reason(code: str, facts: _Facts, as_of: dt.date, lang: str, since: UpdateWindow) -> str:
    text = _update_core_reason(code, facts, lang, quarter_label(since.since, lang))
    if since.grace_ends is None:
        return text
    return t(
        "status_why_grace",
        lang,
        reason=text,
        quarter=quarter_label(as_of, lang),
        grace_ends=_date_text(since.grace_ends, lang),
    )


def _update_core_reason(code: str, facts: _Facts, lang: str, quarter: str) -> str:
    kind = t("status_kind_ongoing" if facts.kind == _ONGOING else "status_kind_no_due", lang)
    if code == ON_TRACK:
        updated = _date_text(facts.updated, lang)
        return t(
            "status_why_updated",
            lang,
            kind=kind,
            updated=updated,
            quarter=quarter,
            actual=_number_text(facts.actual, lang),
        )
    if facts.updated is None:
        return t("status_why_never_updated", lang, kind=kind, quarter=quarter)
    return t("status_why_stale", lang, kind=kind, quarter=quarter, updated=_date_text(facts.updated, lang))


class _Columns(NamedTuple):
    """The facts of every task as arrays; dates are datetime64[D] (NaT when missing)."""

    kind: np.ndarray
    start: np.ndarray
    due: np.ndarray
    completed: np.ndarray
    updated: np.ndarray
    expected: np.ndarray  # NaN for ongoing tasks
    actual: np.ndarray
    done: np.ndarray
    paused: np.ndarray


def statuses(
    tasks: pd.DataFrame,
    as_of: dt.date,
    margin: float = DEFAULT_MARGIN,
    lang: str = "vi",
    *,
    plan_year: int | None = None,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> pd.DataFrame:
    """The status of every task, classified with array operations; same index as `tasks`.

    Columns: task_code, status, group, expected (NaN for ongoing tasks), actual, days_overdue
    (Int64, NA unless overdue), overdue_age (one of OVERDUE_AGES, NA unless overdue), reason.
    """
    day = np.datetime64(as_of, "D")
    cols = _task_columns(tasks, day, plan_year or as_of.year)
    since = update_window(as_of, grace_days)
    code = _classify_all(cols, day, np.datetime64(since.since, "D"), margin)
    group = _group_all(code, cols, day)
    overdue = code == OVERDUE
    days = (day - cols.due).astype(np.int64)
    return pd.DataFrame(
        {
            "task_code": tasks["task_code"].to_numpy(),
            "status": pd.array(code, dtype="str"),
            "group": pd.array(group, dtype="str"),
            "expected": cols.expected,
            "actual": cols.actual,
            "days_overdue": pd.arrays.IntegerArray(days, mask=~overdue),
            "overdue_age": pd.array(np.where(overdue, _ages(days), None), dtype="str"),
            "reason": pd.array(_reasons(code, group, cols, as_of, margin, lang, since), dtype="str"),
        },
        index=tasks.index,
    )


def _date_column(series: pd.Series) -> np.ndarray:
    return pd.to_datetime(series).to_numpy().astype("datetime64[D]")


def _latest_update_column(tasks: pd.DataFrame) -> np.ndarray:
    updated = _date_column(tasks["updated_on"])
    if "progress_changed_on" not in tasks:
        return updated
    changed = _date_column(tasks["progress_changed_on"])
    # fmax: a missing date on one side leaves the other (NaT only when both are missing).
    return np.fmax(updated, changed)


def _task_columns(tasks: pd.DataFrame, day: np.datetime64, fallback_year: int) -> _Columns:
    start_on, due_on = _date_column(tasks["start_on"]), _date_column(tasks["due_on"])
    ongoing = tasks["is_ongoing"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    no_due = np.isnat(due_on)
    kind = np.where(ongoing, _ONGOING, np.where(no_due, _NO_DUE, _WINDOW))
    year = np.where(
        no_due,
        np.where(np.isnat(start_on), np.datetime64(str(fallback_year), "Y"), start_on.astype("datetime64[Y]")),
        due_on.astype("datetime64[Y]"),
    )
    open_ended = kind != _WINDOW
    due = np.where(open_ended, (year + 1).astype("datetime64[D]") - 1, due_on)
    start = np.minimum(np.where(np.isnat(start_on), year.astype("datetime64[D]"), start_on), due)
    elapsed = (day - start).astype(np.int64) + 1
    total = (due - start).astype(np.int64) + 1
    expected = np.where(open_ended, np.nan, np.clip(100.0 * elapsed / total, 0.0, 100.0))
    actual = np.nan_to_num(tasks["progress"].to_numpy(dtype=float, na_value=np.nan), nan=0.0)
    state = tasks["state"].astype("string")
    return _Columns(
        kind=kind,
        start=start,
        due=due,
        completed=_date_column(tasks["completed_on"]),
        updated=_latest_update_column(tasks),
        expected=expected,
        actual=actual,
        done=state.eq("done").fillna(False).to_numpy(dtype=bool) | (actual >= 100),
        paused=state.eq("paused").fillna(False).to_numpy(dtype=bool),
    )


def _classify_all(cols: _Columns, day: np.datetime64, quarter_begins: np.datetime64, margin: float) -> np.ndarray:
    fresh = cols.updated >= quarter_begins  # NaT compares False: never updated is not fresh
    return np.select(
        [cols.done, day > cols.due, day < cols.start, cols.kind != _WINDOW],
        [DONE, OVERDUE, NOT_STARTED, np.where(fresh, ON_TRACK, BEHIND)],
        default=np.where(cols.expected - cols.actual > margin, BEHIND, ON_TRACK),
    )


def _group_all(code: np.ndarray, cols: _Columns, day: np.datetime64) -> np.ndarray:
    finished = np.where(np.isnat(cols.completed), day, cols.completed)
    done = code == DONE
    return np.select(
        [done & (finished <= cols.due), done, code == OVERDUE],
        [DONE_ON_TIME, DONE_LATE, OPEN_OVERDUE],
        default=OPEN_IN_TIME,
    )


def _ages(days: np.ndarray) -> np.ndarray:
    limits = [days <= limit for limit in _AGE_LIMITS]
    return np.select(limits, list(OVERDUE_AGES[: len(_AGE_LIMITS)]), default=OVERDUE_AGES[-1])


def _reasons(
    code: np.ndarray, group: np.ndarray, cols: _Columns, as_of: dt.date, margin: float, lang: str, since: UpdateWindow
) -> list[str]:
    # Sentences are written row by row (the classification above is not); tolist() turns
    # datetime64[D] into date/None and float64 into float, exactly what `_reason` reads.
    expected = [None if np.isnan(value) else value for value in cols.expected.tolist()]
    rows = zip(
        cols.kind.tolist(),
        cols.start.tolist(),
        cols.due.tolist(),
        cols.completed.tolist(),
        cols.updated.tolist(),
        expected,
        cols.actual.tolist(),
        cols.done.tolist(),
        cols.paused.tolist(),
        strict=True,
    )
    return [
        _reason(c, g, _Facts._make(row), as_of, margin, lang, since)
        for c, g, row in zip(code.tolist(), group.tolist(), rows, strict=True)
    ]
