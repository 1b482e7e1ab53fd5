"""One place for the label, colour, symbol and number format of every status, sentiment and measure.

Every chart and table reads these, so "behind" is the same orange with the same ▲ everywhere, and
no status is told by colour alone. Each displayed column is defined once here (`COLUMNS`: the query's
column, its header, its kind), the way Rill defines a measure: a table and its downloads are built
from the definition, never from text a page formatted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from plantrack.i18n import format_date, format_money, format_number, quarter_numeral, t
from plantrack.rates import percent_decimal, share_text


@dataclass(frozen=True)
class Category:
    code: str
    colour: str
    symbol: str
    # Catalogue key prefix of the label: statuses and report groups share status.py's wording.
    prefix: str = "cat_"

    def label(self, lang: str) -> str:
        return t(f"{self.prefix}{self.code}", lang)

    def tagged(self, lang: str) -> str:
        return f"{self.symbol} {self.label(lang)}"


# Okabe–Ito colours: told apart by colour-blind readers and on a washed-out projector.
STATUSES = (
    Category("done", "#009E73", "✔", "status_"),
    Category("on_track", "#0072B2", "●", "status_"),
    Category("behind", "#E69F00", "▲", "status_"),
    Category("overdue", "#D55E00", "✖", "status_"),
    Category("not_started", "#999999", "○", "status_"),
)
GROUPS = (
    Category("done_on_time", "#009E73", "✔", "status_group_"),
    Category("done_late", "#56B4E9", "◆", "status_group_"),
    Category("open_in_time", "#0072B2", "●", "status_group_"),
    Category("open_overdue", "#D55E00", "✖", "status_group_"),
)
SENTIMENTS = (
    Category("positive", "#009E73", "▲"),
    Category("neutral", "#999999", "■"),
    Category("negative", "#D55E00", "▼"),
    Category("unknown", "#CCCCCC", "?"),
)
MILESTONE_STATES = (
    Category("ms_done", "#009E73", "✔"),
    Category("ms_due", "#E69F00", "●"),
    Category("ms_ahead", "#0072B2", "○"),
    Category("ms_late", "#D55E00", "✖"),
)
SCOPES = (
    Category("domestic", "#0072B2", "●"),
    Category("foreign", "#CC79A7", "◆"),
)
SOURCES = (
    Category("state", "#0072B2", "■"),
    Category("integrated", "#56B4E9", "■"),
    Category("social", "#CC79A7", "■"),
)
SERIES = {
    "planned": "#BBBBBB",
    "disbursed": "#0072B2",
    "target": "#BBBBBB",
    "actual": "#009E73",
    "net": "#0072B2",
    "spike": "#D55E00",
}

BY_CODE = {c.code: c for group in (STATUSES, GROUPS, SENTIMENTS, MILESTONE_STATES, SCOPES, SOURCES) for c in group}


def category(code: str) -> Category:
    return BY_CODE[code]


def colour_map(categories: tuple[Category, ...], lang: str) -> dict[str, str]:
    """Plotly colour_discrete_map keyed by the tagged label the chart shows."""
    return {c.tagged(lang): c.colour for c in categories}


def order(categories: tuple[Category, ...], lang: str) -> list[str]:
    return [c.tagged(lang) for c in categories]


def money(value: float | int | None, lang: str) -> str:
    return "—" if value is None else format_money(value, lang)


def millions(value: float | int | None, lang: str, unit: bool = True) -> str:
    """Large sums as leadership reads them on a card: 657,7 triệu ₫ (or just 657,7)."""
    if value is None:
        return "—"
    # Half up, as people round money by hand (312.650.000 is 312,7 triệu, not 312,6).
    tenths = Decimal(int(value)) / Decimal(100_000)
    amount = format_number(float(tenths.quantize(Decimal(1), ROUND_HALF_UP)) / 10, lang, 1)
    return t("money_millions", lang, amount=amount) if unit else amount


def billions(value: float | int | None, lang: str, unit: bool = True) -> str:
    """Sums of a national plan on a card: 20.061,7 tỷ ₫ (or just 20.061,7), rounded half up."""
    if value is None:
        return "—"
    tenths = Decimal(int(value)) / Decimal(100_000_000)
    amount = format_number(float(tenths.quantize(Decimal(1), ROUND_HALF_UP)) / 10, lang, 1)
    return t("money_billions", lang, amount=amount) if unit else amount


# From 100 tỷ ₫ a card reads in billions: a national plan's "20.061.671 triệu" is cut at 1024 px.
BILLIONS_FROM = 100_000_000_000


def large_money(value: float | int | None, lang: str, unit: bool = True, scale_of: float | int | None = None) -> str:
    """Millions, or billions once the sum it is read against (`scale_of`, else itself) reaches 100 tỷ."""
    reference = value if scale_of is None else scale_of
    if reference is not None and reference >= BILLIONS_FROM:
        return billions(value, lang, unit)
    return millions(value, lang, unit)


def count(value: float | int | None, lang: str) -> str:
    return "—" if value is None else format_number(value, lang)


def signed(value: float | None, lang: str) -> str:
    """Points gained or lost: +12,5 / −3 (whole numbers without decimals)."""
    if value is None or value != value:
        return "—"
    number = float(value)
    text = format_number(abs(number), lang, 0 if number.is_integer() else 1)
    return ("+" if number > 0 else "−" if number < 0 else "") + text


def percent(value: float | None, lang: str, digits: int = 0) -> str:
    return "—" if value is None else f"{format_number(value, lang, digits)}%"


# d3-format specifiers for Plotly ticks, labels and hovers. "," is the thousands mark and "." the
# decimal point in the specifier whatever the language: the layout's `separators` prints them as
# "." and "," in Vietnamese (12.345; 0,25) and as "," and "." in English.
COUNT_FORMAT = ",d"
MILLIONS_FORMAT = ",.1~f"  # 923,5 (triệu ₫); 200, not 200,0
NUMBER_FORMAT = ",.2~f"  # an average: 1.234,5
SHARE_FORMAT = ".1f"
INDEX_FORMAT = ".2f"  # net sentiment, −1…1


def plotly_separators(lang: str) -> str:
    """Plotly's decimal then thousands separator: 1.234.567,5 in Vietnamese, 1,234,567.5 in English."""
    return ",." if lang == "vi" else ".,"


def state_label(code: str | None, lang: str) -> str:
    """A task's reported state (Trạng thái) in the workbook's own words."""
    from plantrack.contract import CLOSED_LISTS

    return "" if code is None else CLOSED_LISTS["task_state"].label(code, lang)


def response_label(code: str | None, lang: str) -> str:
    """A false-information case's response status; none recorded reads as not handled."""
    from plantrack.contract import CLOSED_LISTS

    return CLOSED_LISTS["response"].label(code or "not_handled", lang)


def disbursed_share(disbursed: int, planned: int, lang: str) -> str:
    """The disbursed share of the plan, as every card shows it: 66,7% (half up, one decimal); "—" without a plan."""
    return share_text(disbursed, planned, lang) if planned else "—"


def disbursed_pct(disbursed: float, planned: float) -> float | None:
    """The same share as a number, percent, None without a plan: what the report writes in its own words
    and its appendix holds (the queries' disbursed_pct columns divide the same way)."""
    return 100.0 * disbursed / planned if planned else None


# What a displayed column holds, and so how a table shows it and an export writes it.
COLUMN_KINDS = (
    "text",  # as the query returned it
    "date",  # dd/mm/yyyy
    "money",  # 1.234.567 ₫; a number in the exports
    "count",  # 1.234; a whole number in the exports
    "number",  # whole: drawn by the table (days, a version); with `digits`: 1.234,5; `digits` decimals in the exports
    "percent",  # 0–100, "%.{digits}f%%" (a bar with `bar`); an Excel percentage in the exports
    "share",  # `of` = (part, whole) columns: "66,7% (2/3)" on screen, the percentage in the exports
    "change",  # signed points, +12,5 / −3
    "status",  # a category code (status, milestone state, sentiment), with its symbol: "▲ Chậm tiến độ"
    "category",  # a category code without symbol: a funding source, a scope
    "task_state",  # a task's reported Trạng thái, in the workbook's words
    "response",  # a false-information case's response status
    "word",  # a code whose catalogue key is `prefix` + code
    "quarter",  # 1–4 as I–IV
    "list",  # a list of codes, "VP; P.KHTC"
    "link",  # an address the table links to
)
# Kinds the exports write as text: the words the table shows.
_SHOWN_AS_TEXT = {"status", "category", "task_state", "response", "word", "quarter", "list", "change"}


@dataclass(frozen=True)
class Column:
    """One displayed column, defined once: the query's column that holds it, its header, its kind.

    Tables (pages/common/ui.table) and their downloads (exports.table) are both built from this, so a page
    hands over the frame as the query returned it."""

    sql: str
    label: str = ""  # catalogue key of the header
    kind: str = "text"
    digits: int = 0
    width: str | int | None = None  # Streamlit's "small", "medium", "large" or pixels
    help: str | None = None  # catalogue key
    bar: bool = False  # a percent drawn as a progress bar
    of: tuple[str, str] = ()  # a share's part and whole
    prefix: str = ""  # a word's catalogue prefix
    default: str | None = None  # a status code for a blank value (a mention without sentiment: unknown)
    blank: str | None = None  # catalogue key shown for a blank value (a task new since the meeting)
    suffix: str | None = None  # catalogue key after the value ("ngày")
    tag: str | None = None  # the header is this category's tagged label
    sheet: str | None = None  # the header is this workbook sheet's header of the column (contract)
    heading: str | None = None  # a header made at run time (a period, a sheet's title), already translated

    def __post_init__(self) -> None:
        if self.kind not in COLUMN_KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")
        if (self.kind == "share") != bool(self.of):
            raise ValueError("a share names its part and whole columns, and only a share does")

    def header(self, lang: str) -> str:
        if self.heading is not None:
            return self.heading
        if self.tag:
            return category(self.tag).tagged(lang)
        if self.sheet:
            from plantrack.contract import SHEETS_BY_NAME

            return SHEETS_BY_NAME[self.sheet].column(self.sql).header(lang)
        return t(self.label, lang)

    @property
    def export_kind(self) -> str:
        """exports.Column's kind for this column."""
        if self.kind in ("money", "date", "percent"):
            return self.kind
        if self.kind == "share":
            return "percent"
        if self.kind == "count" or (self.kind == "number" and not self.digits):
            return "int"
        if self.kind == "number":
            return "number"
        return "text"

    @property
    def shown_as_text(self) -> bool:
        """Values the table shows as text made here (Streamlit cannot write 1.234.567 ₫ or dd/mm/yyyy)."""
        # Streamlit writes decimals with a point: 66,7% and 1.234,5 are written here.
        decimals = self.kind in ("percent", "number") and self.digits > 0 and not self.bar
        return decimals or self.kind in _SHOWN_AS_TEXT or self.kind in ("money", "count", "date", "share")

    def word(self, value: object, lang: str) -> str:
        """A value as the table shows it (for the kinds written as words, and for money, counts and dates)."""
        if _blank(value):
            if self.blank:
                return t(self.blank, lang)
            if self.default is None:
                return "—" if self.kind in ("money", "count", "date", "change", "percent", "number") else ""
            value = self.default
        kind = self.kind
        if kind == "money":
            text = money(value, lang)
        elif kind == "count":
            text = count(value, lang)
        elif kind == "date":
            text = format_date(_day(value), lang)
        elif kind == "percent":
            text = percent(float(value), lang, self.digits)
        elif kind == "number":
            text = format_number(float(value), lang, self.digits)
        elif kind == "change":
            text = signed(value, lang)
        elif kind == "status":
            text = category(str(value)).tagged(lang)
        elif kind == "category":
            text = category(str(value)).label(lang)
        elif kind == "task_state":
            text = state_label(str(value), lang)
        elif kind == "response":
            text = response_label(str(value), lang)
        elif kind == "word":
            text = t(f"{self.prefix}{value}", lang)
        elif kind == "quarter":
            text = quarter_numeral(int(value))
        elif kind == "list":
            text = "; ".join(str(v) for v in value)
        else:
            text = str(value)
        return f"{text} {t(self.suffix, lang)}" if self.suffix else text

    def shown(self, frame: pd.DataFrame, lang: str) -> pd.Series:
        """The column as the table shows it."""
        if self.kind == "share":
            part, whole = self.of
            return pd.Series(
                [
                    f"{share_text(int(p), int(w), lang)} ({count(p, lang)}/{count(w, lang)})" if w else "—"
                    for p, w in zip(frame[part], frame[whole])
                ],
                index=frame.index,
            )
        if self.shown_as_text:
            return pd.Series(self._words(frame[self.sql], lang), index=frame.index, dtype="object")
        return frame[self.sql]

    def _words(self, values: pd.Series, lang: str) -> np.ndarray | list[str]:
        """`word` of each value, each distinct value written once: a national plan's 60.000 milestones
        have a few hundred dates, and Babel took 4 s to write every one of them at each page run."""
        try:
            codes, distinct = pd.factorize(values)
        except TypeError:  # lists (a task's support units) have no hash: written row by row
            return [self.word(value, lang) for value in values]
        # A blank value's code is -1: the last word, the blank's.
        words = np.array([*(self.word(value, lang) for value in distinct), self.word(None, lang)], dtype=object)
        return words[codes]

    def exported(self, frame: pd.DataFrame, lang: str) -> pd.Series:
        """The column's values for the downloads: real numbers and dates, words where the table shows words."""
        if self.kind == "share":
            part, whole = self.of
            return pd.Series(
                [float(percent_decimal(int(p), int(w), 1)) if w else None for p, w in zip(frame[part], frame[whole])],
                index=frame.index,
                dtype="object",
            )
        if self.kind in _SHOWN_AS_TEXT:
            return self.shown(frame, lang)
        return frame[self.sql]

    def display(self, lang: str) -> tuple[str, dict]:
        """Streamlit's column_config for it, as (type, arguments): pages/common/ui builds st.column_config from it."""
        options: dict = {"label": self.header(lang)}
        if self.width is not None:
            options["width"] = self.width
        if self.help:
            options["help"] = t(self.help, lang)
        if self.kind == "percent" and not self.shown_as_text:
            options["format"] = f"%.{self.digits}f%%"
            if self.bar:
                return "progress", {**options, "min_value": 0, "max_value": 100}
            return "number", options
        if self.kind == "number" and not self.shown_as_text:
            # Whole numbers the table draws: grouped as the reader's browser groups them.
            return "number", {**options, "format": "localized"}
        if self.kind == "link":
            return "link", options
        return "text", options

    def but(self, **changes: object) -> Column:
        """This column with a few things changed for one table (a width, a header)."""
        return replace(self, **changes)


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, (list, tuple)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _day(value: object) -> dt.date:
    return pd.Timestamp(value).date()


COLUMNS = {
    column.sql: column
    for column in (
        Column("task_code", "col_task"),
        Column("content", "col_content", width="large"),
        Column("reason", "col_reason", width="large"),
        Column("title", "col_title", width="large"),
        Column("status", "col_status", "status"),
        Column("progress", "axis_progress", "percent", bar=True),
        Column("old_progress", "col_old_progress", "percent"),
        Column("new_progress", "col_new_progress", "percent"),
        Column("old_state", "col_old_state", "task_state"),
        Column("new_state", "col_new_state", "task_state"),
        Column("lead_unit", "role_lead"),
        Column("support_units", "role_support", "list"),
        Column("timing_text", "col_timing"),
        Column("unit_code", "col_unit"),
        Column("unit_name", "col_unit"),
        Column("tasks_led", "col_tasks_led", "count"),
        Column("tasks_supported", "col_tasks_supported", "count"),
        Column("tasks", "col_tasks", "count"),
        *(Column(code, kind="count", tag=code) for code in ("done", "on_track", "behind", "overdue")),
        Column("last_update", "col_last_update", "date"),
        Column(
            "on_time",
            "col_on_time",
            "share",
            of=("on_time", "on_time_base"),
            help="status_rate_on_time_basis",
            width="medium",
        ),
        Column("due_on", "col_due", "date"),
        Column("completed_on", "col_completed", "date"),
        Column("updated_on", "col_updated", "date"),
        Column("as_of", "filter_as_of", "date"),
        Column("days_left", "col_days_left", "number"),
        Column("kind", "col_kind", "word", prefix="kind_"),
        Column("age", "col_overdue_age", suffix="days"),
        Column("old_status", "mt_col_old_status", "status", blank="mt_new_task"),
        Column("new_status", "mt_col_new_status", "status"),
        Column("gained", "mt_col_gained", "change"),
        Column("paid_on", kind="date", sheet="disbursements"),
        Column("first_published", "col_first_published", "date"),
        Column("mentions", "col_story_mentions", "number"),
        Column("outlets", "col_story_outlets", "number"),
        Column("outlet_list", "col_outlets_list", width="large"),
        Column("milestone_code", "col_code"),
        Column("line_code", "col_code"),
        Column("indicator", "col_indicator"),
        Column("measure_unit", "col_measure_unit"),
        Column("target", "legend_target", "count"),
        Column("actual", "legend_actual", "count"),
        Column("planned", "legend_planned", "money"),
        Column("disbursed", "legend_disbursed", "money"),
        Column("amount", "legend_disbursed", "money"),
        Column("disbursed_pct", "axis_disbursed_pct", "percent", bar=True),
        Column("source", "col_source", "category"),
        Column("scope", "col_scope", "category"),
        Column("published_on", "col_published", "date"),
        Column("responded_on", "col_responded", "date"),
        Column("outlet", "col_outlet"),
        Column("sentiment", "col_sentiment", "status", default="unknown"),
        # None recorded reads as not handled.
        Column("response", "col_response", "response", default="not_handled"),
        # Wide enough for the header: "Số ngày đến khi xử lý" was cut to "Số ngày đế…".
        Column("days_to_respond", "col_days_to_respond", "number", width="medium"),
        Column("days_open", "col_days_open", "number", width="medium"),
        Column("url", "col_link", "link"),
        Column("version_id", "col_version", "count"),
        Column("user_name", "col_user"),
        Column("quarter", "filter_quarter", "quarter"),
        # The update page's version history and audit log (their stamps are local times, written there).
        Column("created_at", "upd_col_created"),
        Column("file_name", "upd_col_file", width="small"),
        Column("changes", "upd_col_changes", width="large"),
        Column("logged_at", "upd_col_time"),
        Column("action", "upd_col_action"),
        Column("outcome", "upd_col_outcome", width="medium"),
        Column("detail", "upd_col_detail", width="large"),
    )
} | {
    # Two queries name their state "state": keyed by what it holds.
    "milestone_state": Column("state", "col_status", "status"),
    "task_state": Column("state", "col_state", "task_state"),
    "upd_user_name": Column("user_name", "upd_col_user"),
    "version_kind": Column("kind", "col_kind"),
    "version_as_of": Column("as_of", "upd_col_as_of"),
    # An upload's problems (their download): row as Excel shows it.
    "severity": Column("severity", "upd_col_severity"),
    "problem_sheet": Column("sheet", "upd_col_sheet"),
    "problem_row": Column("row", "upd_col_row", "number"),
    "problem_column": Column("column", "upd_col_column"),
    "message": Column("message", "upd_col_problem"),
}


def column(key: str, **changes: object) -> Column:
    """The definition of a displayed column (`changes` for one table: a width, a header)."""
    found = COLUMNS[key]
    return replace(found, **changes) if changes else found


def columns(*keys: str | Column) -> tuple[Column, ...]:
    """Definitions in the order a table shows them; a Column given as such is taken as it is."""
    return tuple(key if isinstance(key, Column) else COLUMNS[key] for key in keys)
