"""The datasets Khám phá can explore: their allowed columns (the allow-list every identifier in the
SQL comes from) and where each dataset's rows come from."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import duckdb
import pandas as pd

from plantrack import measures, queries, status
from plantrack.contract import BUDGET, CLOSED_LISTS, DISBURSEMENTS, INDICATORS, MEDIA, MILESTONES, TASKS, Sheet
from plantrack.db import quote
from plantrack.i18n import quarter_numeral, t

# A filter value that selects empty cells; it travels in the URL like any other value.
BLANK = "∅"

# Categories drawn with the colours and symbols every other page uses.
_CATEGORY_SETS = {
    "status": measures.STATUSES,
    "group": measures.GROUPS,
    "ms_state": measures.MILESTONE_STATES,
    "sentiment": measures.SENTIMENTS,
    "scope": measures.SCOPES,
    "funding_source": measures.SOURCES,
}


@dataclass(frozen=True)
class Field:
    """One allowed column of a dataset.

    kind: category (pick values), bool (Có/Không), list (a list of codes: pick values, not grouped),
    date (a range; grouped by day/week/month/quarter/year), number (a range; summed or averaged),
    text (searched, case and diacritics ignored)."""

    name: str
    kind: str
    header: tuple[str, str] | None = None  # (vi, en) from the contract
    key: str | None = None  # catalogue key, for computed columns
    fmt: str = ""  # numbers: money | percent | int | number
    labels: str = ""  # categories: a closed list, a measures category set, or "quarter"
    order: str = "value"  # categories: list (the closed order) | natural (NV2 before NV10) | value (biggest first)

    def label(self, lang: str = "vi") -> str:
        if self.key:
            return t(self.key, lang)
        return self.header[0] if lang == "vi" else self.header[1]

    @property
    def groupable(self) -> bool:
        return self.kind in ("category", "bool", "date")

    @property
    def codes(self) -> tuple | None:
        """The closed set of values in display order, when there is one."""
        if self.labels in _CATEGORY_SETS:
            return tuple(c.code for c in _CATEGORY_SETS[self.labels])
        if self.labels in CLOSED_LISTS:
            return tuple(c.code for c in CLOSED_LISTS[self.labels].choices)
        if self.labels == "quarter":
            return (1, 2, 3, 4)
        return None

    def colours(self, lang: str) -> dict[str, str] | None:
        categories = _CATEGORY_SETS.get(self.labels)
        return None if categories is None else {c.tagged(lang): c.colour for c in categories}

    def value_label(self, value: object, lang: str = "vi") -> str:
        """A stored value as the pages show it: 'Tích cực' for positive, 'Quý III' for 3, 'Có' for True."""
        if value is None or value == BLANK or (not isinstance(value, (list, tuple)) and pd.isna(value)):
            return t("ex_blank", lang)
        if self.kind == "bool":
            truth = value == "yes" if isinstance(value, str) else bool(value)
            return CLOSED_LISTS["yes_no"].label("yes" if truth else "no", lang)
        if self.labels in _CATEGORY_SETS:
            return measures.category(str(value)).tagged(lang) if str(value) in measures.BY_CODE else str(value)
        if self.labels in CLOSED_LISTS:
            return CLOSED_LISTS[self.labels].label(str(value), lang)
        if self.labels == "quarter":
            return t("quarter_label", lang, quarter=quarter_numeral(int(value))) if 1 <= int(value) <= 4 else str(value)
        return str(value)

    def parse(self, text: str) -> object:
        """A filter value from the URL, typed as the column holds it; ValueError if it cannot be."""
        if text == BLANK:
            return BLANK
        if self.kind == "bool":
            if text not in ("yes", "no"):
                raise ValueError(text)
            return text
        if self.labels == "quarter":
            return int(text)
        if self.codes is not None and text not in self.codes:
            raise ValueError(text)
        return text


_KINDS = {
    "text": ("text", ""),
    "choice": ("category", ""),
    "bool": ("bool", ""),
    "date": ("date", ""),
    "money": ("number", "money"),
    "int": ("number", "int"),
    "number": ("number", "number"),
    "percent": ("number", "percent"),
    "unit_list": ("list", ""),
    "quarter": ("category", ""),
}


def _contract(
    sheet: Sheet, name: str, kind: str | None = None, order: str | None = None, rename: str | None = None
) -> Field:
    """A field whose label and kind come from the workbook contract."""
    column = sheet.column(name)
    default_kind, fmt = _KINDS[column.kind]
    labels = column.choices or ("quarter" if column.kind == "quarter" else "")
    chosen_order = order or ("list" if labels else "value")
    return Field(
        rename or name, kind or default_kind, header=(column.vi, column.en), fmt=fmt, labels=labels, order=chosen_order
    )


def _computed(name: str, kind: str, key: str, fmt: str = "", labels: str = "", order: str = "value") -> Field:
    return Field(name, kind, key=key, fmt=fmt, labels=labels, order=order)


@dataclass(frozen=True)
class Dataset:
    name: str
    query: str  # the named query giving its rows
    fields: tuple[Field, ...]
    order_by: tuple[str, ...]  # how the rows are listed
    default: tuple[str | None, str | None, str, str | None]  # group1, group2, measure, column
    with_status: bool = False  # tasks: status computed in Python (status.py)

    def field(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise ValueError(f"column {name!r} is not in the {self.name} dataset")

    def has(self, name: str | None) -> bool:
        return any(candidate.name == name for candidate in self.fields)

    @property
    def numeric(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.kind == "number")

    @property
    def groupable(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.groupable)


DATASETS: dict[str, Dataset] = {
    ds.name: ds
    for ds in (
        Dataset(
            "tasks",
            "tasks_at_version",
            (
                _contract(TASKS, "task_code", "category", "natural"),
                _contract(TASKS, "content"),
                _contract(TASKS, "lead_unit", "category"),
                _contract(TASKS, "support_units"),
                _contract(TASKS, "timing_text"),
                _contract(TASKS, "is_ongoing"),
                _contract(TASKS, "start_on"),
                _contract(TASKS, "due_on"),
                _contract(TASKS, "progress"),
                _contract(TASKS, "state"),
                _contract(TASKS, "completed_on"),
                _contract(TASKS, "updated_on"),
                _contract(TASKS, "note"),
                _computed("status", "category", "col_status", labels="status", order="list"),
                _computed("group", "category", "ex_col_group", labels="group", order="list"),
                _computed("expected", "number", "ex_col_expected", fmt="percent"),
                _computed("days_overdue", "number", "ex_col_days_overdue", fmt="int"),
                _computed("reason", "text", "col_reason"),
            ),
            order_by=("task_code",),
            default=("status", None, "count", None),
            with_status=True,
        ),
        Dataset(
            "milestones",
            "milestones_at_version",
            (
                _contract(MILESTONES, "milestone_code", "category", "natural"),
                _contract(MILESTONES, "task_code", "category", "natural"),
                _contract(MILESTONES, "content"),
                _contract(MILESTONES, "due_on"),
                _contract(MILESTONES, "quarter"),
                _contract(MILESTONES, "completed_on"),
                _contract(MILESTONES, "unit_code", "category"),
                _contract(MILESTONES, "note"),
                _computed("state", "category", "col_status", labels="ms_state", order="list"),
                _computed("days_late", "number", "ex_col_days_late", fmt="int"),
            ),
            order_by=("due_on", "milestone_code"),
            default=("quarter", "state", "count", None),
        ),
        Dataset(
            "indicators",
            "indicators_at_version",
            (
                _contract(INDICATORS, "task_code", "category", "natural"),
                _contract(TASKS, "content", rename="task_content"),
                _contract(INDICATORS, "indicator", "category"),
                _contract(INDICATORS, "measure_unit", "category"),
                _contract(INDICATORS, "target"),
                _contract(INDICATORS, "actual"),
                _computed("achieved_pct", "number", "ex_col_achieved", fmt="percent"),
                _contract(INDICATORS, "note"),
            ),
            order_by=("task_code", "indicator"),
            default=("task_code", None, "avg", "achieved_pct"),
        ),
        Dataset(
            "budget_lines",
            "explore_budget_lines",
            (
                _contract(BUDGET, "line_code", "category", "natural"),
                _contract(BUDGET, "task_code", "category", "natural"),
                _contract(BUDGET, "content"),
                _contract(BUDGET, "source"),
                _contract(BUDGET, "unit_code", "category"),
                _contract(BUDGET, "planned"),
                _computed("disbursed", "number", "ex_col_disbursed", fmt="money"),
                _computed("remaining", "number", "ex_col_remaining", fmt="money"),
                _computed("disbursed_pct", "number", "ex_col_disbursed_pct", fmt="percent"),
                _contract(BUDGET, "note"),
            ),
            order_by=("line_code",),
            default=("source", None, "sum", "disbursed"),
        ),
        Dataset(
            "disbursements",
            "explore_disbursements",
            (
                _contract(DISBURSEMENTS, "line_code", "category", "natural"),
                _contract(DISBURSEMENTS, "paid_on"),
                _contract(DISBURSEMENTS, "amount"),
                _contract(DISBURSEMENTS, "voucher"),
                _contract(DISBURSEMENTS, "note"),
                _contract(BUDGET, "task_code", "category", "natural"),
                _contract(BUDGET, "source"),
                _contract(BUDGET, "unit_code", "category"),
            ),
            order_by=("paid_on", "line_code"),
            default=("paid_on", None, "sum", "amount"),
        ),
        Dataset(
            "media",
            "explore_media",
            (
                _contract(MEDIA, "published_on"),
                _contract(MEDIA, "outlet", "category"),
                _contract(MEDIA, "scope"),
                _contract(MEDIA, "medium"),
                _contract(MEDIA, "language", "category"),
                _contract(MEDIA, "title"),
                _contract(MEDIA, "summary"),
                _contract(MEDIA, "url"),
                _contract(MEDIA, "topic", "category"),
                _contract(MEDIA, "sentiment"),
                _contract(MEDIA, "is_false"),
                _contract(MEDIA, "task_code", "category", "natural"),
                _contract(MEDIA, "response"),
                _contract(MEDIA, "responded_on"),
                _contract(MEDIA, "reach"),
                _computed("days_to_respond", "number", "col_days_to_respond", fmt="int"),
            ),
            order_by=("published_on", "outlet", "title"),
            default=("published_on", "sentiment", "count", None),
        ),
    )
}
DEFAULT_DATASET = "tasks"


def dataset(name: str) -> Dataset:
    if name not in DATASETS:
        raise ValueError(f"no dataset named {name!r}")
    return DATASETS[name]


def with_status(
    tasks: pd.DataFrame, as_of: dt.date, lang: str = "vi", year: int | None = None, grace_days: int | None = None
) -> pd.DataFrame:
    """tasks_at_version's rows with status, report group, expected progress, days overdue and reason."""
    grace = status.DEFAULT_GRACE_DAYS if grace_days is None else grace_days
    computed = status.statuses(tasks, as_of, lang=lang, plan_year=year, grace_days=grace)
    return tasks.assign(
        status=computed["status"].to_numpy(),
        group=computed["group"].to_numpy(),
        expected=computed["expected"].to_numpy(),
        days_overdue=computed["days_overdue"].to_numpy(),
        reason=computed["reason"].to_numpy(),
    )


@contextlib.contextmanager
def base_rows(
    cur: duckdb.DuckDBPyConnection, spec: Dataset, params: Mapping[str, object], lang: str
) -> Iterator[tuple[str, dict[str, object]]]:
    """The dataset's rows as SQL text for a `base` CTE, with the parameters that text uses."""
    if not spec.with_status:
        yield queries.sql(spec.query), {**queries.SETTING_DEFAULTS, **params}
        return
    wanted = queries.parameters(spec.query)
    tasks = queries.run(cur, spec.query, **{key: params[key] for key in wanted})
    frame = with_status(tasks, params["until"], lang, params.get("year"), params.get("grace_days"))
    # Status is computed in Python; the frame is registered on this cursor only for this statement.
    view = f"explore_tasks_{uuid.uuid4().hex}"
    cur.register(view, frame)
    try:
        yield f"select * from {quote(view)}", {}
    finally:
        cur.unregister(view)
