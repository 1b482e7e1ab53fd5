"""Khám phá: any dataset, filtered by any column, grouped by one or two, measured in SQL.

An exploration is a plain value (`Exploration`) that round-trips through the URL query string
(`to_query` / `from_query`), so a copied link reopens the same view. It is answered by one SQL
statement over the dataset's rows: the rows come from a named query (for tasks, from
tasks_at_version with the status computed in Python and registered as a view), the filters,
grouping and measure are composed around them.

Every identifier in that SQL comes from the allow-list below — the workbook contract's columns
plus the columns each dataset computes — and is quoted by `db.quote`; a name outside it raises
ValueError. Every value the user chose (filter values, dates, numbers, search text, the date
grain, category orders) is a bound parameter, so `'; drop table tasks; --` is only ever data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from plantrack import measures, queries, status
from plantrack.contract import BUDGET, CLOSED_LISTS, DISBURSEMENTS, INDICATORS, MEDIA, MILESTONES, TASKS, Sheet
from plantrack.db import quote
from plantrack.i18n import format_date, format_number, t

PREFIX = "x_"
FILTER_PREFIX = "x_f_"
# A filter value that selects empty cells; it travels in the URL like any other value.
BLANK = "∅"
RANGE_SEPARATOR = "~"
# What a range filter in the URL may hold: the page's date inputs span these years, and a number
# input holds what a JavaScript number holds exactly. Anything else is an ignored key, not a crash.
URL_FIRST_DATE = dt.date(2000, 1, 1)
URL_LAST_DATE = dt.date(2100, 12, 31)
URL_LARGEST_NUMBER = 2**53 - 1
GRAINS = ("day", "week", "month", "quarter", "year")
MEASURES = ("count", "sum", "avg", "share")
# One period after another, per grain: constants, never text from the user.
_STEPS = {"day": "1 day", "week": "7 days", "month": "1 month", "quarter": "3 months", "year": "1 year"}
ROW_LIMIT = 5000
ROMAN = ("I", "II", "III", "IV")
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")

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
            return t("quarter_label", lang, quarter=ROMAN[int(value) - 1]) if 1 <= int(value) <= 4 else str(value)
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


# --- an exploration, and its URL -----------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    """values for category, bool and list columns (BLANK = empty cells); low/high for dates and
    numbers (either may be None); text for text columns."""

    column: str
    values: tuple = ()
    low: object = None
    high: object = None
    text: str = ""

    @property
    def active(self) -> bool:
        return bool(self.values) or self.low is not None or self.high is not None or bool(self.text.strip())


@dataclass(frozen=True)
class Exploration:
    dataset: str = DEFAULT_DATASET
    filters: tuple[Filter, ...] = ()
    group1: str | None = None
    group2: str | None = None
    measure: str = "count"
    column: str | None = None
    grain: str = "month"

    @property
    def spec(self) -> Dataset:
        return dataset(self.dataset)

    def filter(self, column: str) -> Filter | None:
        return next((f for f in self.filters if f.column == column), None)

    @property
    def groups(self) -> tuple[Field, ...]:
        return tuple(self.spec.field(name) for name in (self.group1, self.group2) if name)

    @property
    def value_field(self) -> Field | None:
        return self.spec.field(self.column) if self.column and self.measure != "count" else None


def default(name: str = DEFAULT_DATASET) -> Exploration:
    group1, group2, measure, column = dataset(name).default
    return Exploration(name, (), group1, group2, measure, column)


def _number_text(value: float) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def _range_text(low: object, high: object) -> str:
    def one(v: object) -> str:
        if v is None:
            return ""
        return v.isoformat() if isinstance(v, dt.date) else _number_text(v)

    return f"{one(low)}{RANGE_SEPARATOR}{one(high)}"


def to_query(exploration: Exploration) -> dict[str, list[str]]:
    """The URL query parameters of an exploration: every choice, nothing else."""
    spec = exploration.spec
    query: dict[str, list[str]] = {"x_ds": [exploration.dataset], "x_m": [exploration.measure]}
    if exploration.group1:
        query["x_g1"] = [exploration.group1]
    if exploration.group2:
        query["x_g2"] = [exploration.group2]
    if exploration.column and exploration.measure != "count":
        query["x_c"] = [exploration.column]
    if any(f.kind == "date" for f in exploration.groups):
        query["x_grain"] = [exploration.grain]
    for flt in exploration.filters:
        if not flt.active:
            continue
        kind = spec.field(flt.column).kind
        if kind in ("category", "bool", "list"):
            value = [str(v) for v in flt.values]
        elif kind in ("date", "number"):
            value = [_range_text(flt.low, flt.high)]
        else:
            value = [flt.text]
        query[FILTER_PREFIX + flt.column] = value
    return query


def _values(mapping: Mapping[str, object], key: str) -> list[str]:
    value = mapping.get(key)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def _one(mapping: Mapping[str, object], key: str) -> str | None:
    values = _values(mapping, key)
    return values[-1] if values and values[-1] != "" else None


def _parse_range(field_: Field, text: str) -> tuple[object, object]:
    if RANGE_SEPARATOR not in text:
        raise ValueError(text)
    low_text, high_text = (part.strip() for part in text.split(RANGE_SEPARATOR, 1))

    def one(part: str) -> object:
        if not part:
            return None
        if field_.kind == "date":
            day = dt.date.fromisoformat(part)
            if not URL_FIRST_DATE <= day <= URL_LAST_DATE:
                raise ValueError(part)
            return day
        number = float(part)
        # The page's number inputs (JavaScript numbers) refuse 1e309 and anything past ±2^53.
        if not math.isfinite(number) or abs(number) > URL_LARGEST_NUMBER:
            raise ValueError(part)
        return number

    low, high = one(low_text), one(high_text)
    if low is None and high is None:
        raise ValueError(text)
    return low, high


def from_query(mapping: Mapping[str, object]) -> tuple[Exploration, list[str]]:
    """The exploration a URL describes, and the URL keys that were not understood (and are ignored).

    Without x_ds the URL holds no exploration and the default one is returned. With x_ds, what is
    absent is absent: no x_g1 means no grouping, no filters means all rows."""
    name = _one(mapping, "x_ds")
    if name is None:
        return default(), []
    if name not in DATASETS:
        return default(), ["x_ds"]
    spec = dataset(name)
    ignored: list[str] = []

    def groupable(key: str, allow_date: bool) -> str | None:
        value = _one(mapping, key)
        if value is None:
            return None
        if spec.has(value) and spec.field(value).groupable and (allow_date or spec.field(value).kind != "date"):
            return value
        ignored.append(key)
        return None

    group1 = groupable("x_g1", allow_date=True)
    group2 = groupable("x_g2", allow_date=False)
    if group2 is not None and (group1 is None or group2 == group1):
        ignored.append("x_g2")
        group2 = None
    measure = _one(mapping, "x_m") or "count"
    if measure not in MEASURES:
        ignored.append("x_m")
        measure = "count"
    column = _one(mapping, "x_c")
    if column is not None and not (spec.has(column) and spec.field(column).kind == "number"):
        ignored.append("x_c")
        column = None
    if measure in ("sum", "avg") and column is None:
        column = spec.default[3] or (spec.numeric[0].name if spec.numeric else None)
        if column is None:
            measure = "count"
    if measure == "count":
        column = None
    grain = _one(mapping, "x_grain") or "month"
    if grain not in GRAINS:
        ignored.append("x_grain")
        grain = "month"
    filters = []
    for key in mapping:
        if not key.startswith(FILTER_PREFIX):
            continue
        name_ = key[len(FILTER_PREFIX) :]
        if not spec.has(name_):
            ignored.append(key)
            continue
        field_ = spec.field(name_)
        texts = [v for v in _values(mapping, key) if v != ""]
        try:
            if field_.kind in ("category", "bool", "list"):
                flt = Filter(name_, values=tuple(dict.fromkeys(field_.parse(v) for v in texts)))
            elif field_.kind in ("date", "number"):
                low, high = _parse_range(field_, texts[-1])
                flt = Filter(name_, low=low, high=high)
            else:
                flt = Filter(name_, text=texts[-1])
        except (ValueError, IndexError):
            ignored.append(key)
            continue
        if flt.active:
            filters.append(flt)
    exploration = Exploration(name, tuple(filters), group1, group2, measure, column, grain)
    return exploration, ignored


# --- SQL -----------------------------------------------------------------------------------------


def _fold(expression: str) -> str:
    """Lower case without diacritics, so 'duc co' finds 'Đức Cơ' (đ has no decomposition of its own)."""
    return f"replace(strip_accents(lower({expression})), 'đ', 'd')"


def _bound(field_: Field, value: object) -> object:
    if field_.kind == "bool":
        return value == "yes"
    return value


def _condition(field_: Field, flt: Filter, n: int) -> tuple[str, dict[str, object]]:
    column = quote(field_.name)
    name = f"x_f{n}"
    params: dict[str, object] = {}
    if field_.kind in ("category", "bool", "list"):
        chosen = [_bound(field_, v) for v in flt.values if v != BLANK]
        parts = []
        if chosen:
            params[name] = chosen
            parts.append(
                f"len(list_intersect({column}, ${name})) > 0"
                if field_.kind == "list"
                else f"list_contains(${name}, {column})"
            )
        if BLANK in flt.values:
            parts.append(f"len(coalesce({column}, [])) = 0" if field_.kind == "list" else f"{column} is null")
        return "(" + " or ".join(parts) + ")", params
    if field_.kind in ("date", "number"):
        parts = []
        if flt.low is not None:
            params[f"{name}_low"] = flt.low
            parts.append(f"{column} >= ${name}_low")
        if flt.high is not None:
            params[f"{name}_high"] = flt.high
            parts.append(f"{column} <= ${name}_high")
        return "(" + " and ".join(parts) + ")", params
    if field_.kind == "text":
        params[name] = flt.text.strip()
        return f"contains({_fold(column)}, {_fold('$' + name)})", params
    raise ValueError(f"cannot filter {field_.name}")


def where_sql(spec: Dataset, filters: tuple[Filter, ...]) -> tuple[str, dict[str, object]]:
    """The conditions of the filters, joined by and; every column checked against the allow-list."""
    parts, params = [], {}
    for n, flt in enumerate(filters):
        field_ = spec.field(flt.column)
        if not flt.active:
            continue
        condition, values = _condition(field_, flt, n)
        parts.append(condition)
        params.update(values)
    return (" and ".join(parts) or "true"), params


def _group_expression(field_: Field) -> str:
    if field_.kind == "date":
        return f"cast(date_trunc($x_grain, {quote(field_.name)}) as date)"
    if field_.kind in ("category", "bool"):
        return quote(field_.name)
    raise ValueError(f"cannot group by {field_.name}")


def _order(field_: Field, alias: str, n: int, params: dict[str, object]) -> str:
    if field_.kind == "date":
        return f"{alias} nulls last"
    if field_.kind == "bool":
        return f"{alias} desc nulls last"
    if field_.order == "list" and field_.codes is not None:
        params[f"x_order{n}"] = list(field_.codes)
        return f"list_position($x_order{n}, {alias}) nulls last, {alias}"
    if field_.order == "natural":
        return f"try_cast(regexp_extract(cast({alias} as varchar), '\\d+') as integer) nulls last, {alias}"
    return f"{alias}_total desc, {alias} nulls last"


def _aggregate(exploration: Exploration) -> str:
    value_field = exploration.value_field
    if exploration.measure in ("sum", "avg", "share") and value_field is not None and value_field.kind != "number":
        raise ValueError(f"{value_field.name} is not a number")
    if exploration.measure == "count" or (exploration.measure == "share" and value_field is None):
        return "count(*)"
    if value_field is None:
        raise ValueError(f"measure {exploration.measure} needs a numeric column")
    column = quote(value_field.name)
    if exploration.measure == "avg":
        return f"avg({column})"
    return f"cast(coalesce(sum({column}), 0) as double)"


def aggregate_sql(exploration: Exploration) -> tuple[str, dict[str, object]]:
    """The statement over a relation named `base`: columns g1, g2 (when grouped), n_rows, value."""
    spec = exploration.spec
    if exploration.measure not in MEASURES:
        raise ValueError(f"no measure named {exploration.measure!r}")
    if exploration.grain not in GRAINS:
        raise ValueError(f"no grain named {exploration.grain!r}")
    where, params = where_sql(spec, exploration.filters)
    aggregate = _aggregate(exploration)
    groups = exploration.groups
    if len(groups) == 2 and groups[1].kind == "date":
        raise ValueError("a date can only be the first grouping")
    if len(groups) == 2 and groups[0].name == groups[1].name:
        raise ValueError("the two groupings must differ")
    filtered = f"filtered as (\n    select * from base\n    where {where}\n)"
    if not groups:
        value = "case when count(*) > 0 then 100.0 end" if exploration.measure == "share" else aggregate
        return f"{filtered}\nselect count(*) as n_rows, {value} as value,\nfrom filtered", params
    if any(g.kind == "date" for g in groups):
        params["x_grain"] = exploration.grain
    aliases = ("g1", "g2")[: len(groups)]
    selected = ", ".join(f"{_group_expression(g)} as {a}" for g, a in zip(groups, aliases))
    totals = ", ".join(f"sum(value) over (partition by {a}) as {a}_total" for a in aliases)
    if exploration.measure == "share":
        within = "partition by g1" if len(groups) == 2 else ""
        value = f"100.0 * value / nullif(sum(value) over ({within}), 0)"
    else:
        value = "value"
    order = ", ".join(_order(g, a, n + 1, params) for n, (g, a) in enumerate(zip(groups, aliases)))
    sql = (
        f"{filtered},\n"
        f"grouped as (\n    select {selected}, count(*) as n_rows, {aggregate} as value,\n"
        f"    from filtered\n    group by all\n),\n"
        f"{_filled(exploration, aliases)}"
        f"totals as (\n    select *, {totals},\n    from filled\n)\n"
        f"select {', '.join(aliases)}, n_rows, {value} as value,\nfrom totals\norder by {order}"
    )
    return sql, params


def _filled(exploration: Exploration, aliases: tuple[str, ...]) -> str:
    """Over dates, a period without rows counts 0 (and sums 0), so a line does not jump over it.
    Averages of nothing stay missing. The step is a constant chosen by the grain, itself allow-listed."""
    if exploration.groups[0].kind != "date" or exploration.measure == "avg":
        return "filled as (\n    select * from grouped\n),\n"
    step = _STEPS[exploration.grain]
    periods = (
        f"periods as (\n    select cast(unnest(generate_series(min(g1), max(g1), interval {step})) as date)"
        f" as g1\n    from grouped\n),\n"
    )
    if len(aliases) == 1:
        return (
            periods + "filled as (\n    select p.g1, coalesce(g.n_rows, 0) as n_rows, coalesce(g.value, 0) as value,"
            "\n    from periods as p\n    left join grouped as g on g.g1 = p.g1\n"
            "    union all\n    select * from grouped where g1 is null\n),\n"
        )
    return (
        periods + "series as (\n    select distinct g2 from grouped\n),\n"
        "filled as (\n    select p.g1, s.g2, coalesce(g.n_rows, 0) as n_rows, coalesce(g.value, 0) as value,"
        "\n    from periods as p\n    cross join series as s\n"
        "    left join grouped as g on g.g1 = p.g1 and g.g2 is not distinct from s.g2\n"
        "    union all\n    select * from grouped where g1 is null\n),\n"
    )


def rows_sql(exploration: Exploration, limit: int = ROW_LIMIT) -> tuple[str, dict[str, object]]:
    """The rows the filters keep, every allowed column, in the dataset's listing order."""
    spec = exploration.spec
    where, params = where_sql(spec, exploration.filters)
    columns = ", ".join(quote(f.name) for f in spec.fields)
    order = ", ".join(
        f"try_cast(regexp_extract({quote(name)}, '\\d+') as integer) nulls last, {quote(name)}"
        if spec.field(name).order == "natural"
        else f"{quote(name)} nulls last"
        for name in spec.order_by
    )
    params["x_limit"] = int(limit)
    return f"select {columns},\nfrom base\nwhere {where}\norder by {order}\nlimit $x_limit", params


def count_sql(exploration: Exploration) -> tuple[str, dict[str, object]]:
    where, params = where_sql(exploration.spec, exploration.filters)
    return f"select count(*) as n_rows from base where {where}", params


def options_sql(spec: Dataset, column: str) -> str:
    """The distinct values of one column, for its filter's choices."""
    field_ = spec.field(column)
    if field_.kind not in ("category", "bool", "list"):
        raise ValueError(f"{column} has no list of values")
    value = f"unnest({quote(column)})" if field_.kind == "list" else quote(column)
    empty = f"len(coalesce({quote(column)}, [])) = 0" if field_.kind == "list" else f"{quote(column)} is null"
    return (
        f"select distinct {value} as value, false as empty from base\n"
        f"union all\nselect null, true from base where {empty}"
    )


# --- running ---------------------------------------------------------------------------------------


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


def _plain(value: object) -> object:
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") and not isinstance(value, (list, tuple, str)) else value


@contextlib.contextmanager
def _base(
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


def _run(
    cur: duckdb.DuckDBPyConnection,
    spec: Dataset,
    params: Mapping[str, object],
    lang: str,
    sql: str,
    values: Mapping[str, object],
) -> pd.DataFrame:
    with _base(cur, spec, params, lang) as (base_sql, base_params):
        # The statement either goes on with more common table expressions or selects from base.
        joiner = ",\n" if sql.startswith("filtered as") else "\n"
        statement = f"with base as (\n{base_sql}\n){joiner}{sql}"
        given = {**base_params, **values}
        wanted = set(_PARAM.findall(statement))
        missing = wanted - given.keys()
        if missing:
            raise TypeError(f"explore needs {sorted(missing)}")
        return cur.execute(statement, {key: _plain(given[key]) for key in wanted}).df()


def aggregate(
    cur: duckdb.DuckDBPyConnection, exploration: Exploration, params: Mapping[str, object], lang: str = "vi"
) -> pd.DataFrame:
    """g1, g2 (as grouped), n_rows and value, aggregated by DuckDB."""
    sql, values = aggregate_sql(exploration)
    return _run(cur, exploration.spec, params, lang, sql, values)


def rows(
    cur: duckdb.DuckDBPyConnection,
    exploration: Exploration,
    params: Mapping[str, object],
    lang: str = "vi",
    limit: int = ROW_LIMIT,
) -> pd.DataFrame:
    sql, values = rows_sql(exploration, limit)
    return _run(cur, exploration.spec, params, lang, sql, values)


def count(
    cur: duckdb.DuckDBPyConnection, exploration: Exploration, params: Mapping[str, object], lang: str = "vi"
) -> int:
    sql, values = count_sql(exploration)
    return int(_run(cur, exploration.spec, params, lang, sql, values).iloc[0, 0])


def options(
    cur: duckdb.DuckDBPyConnection, spec: Dataset, column: str, params: Mapping[str, object], lang: str = "vi"
) -> list:
    """The values a filter offers, in the column's order, BLANK last when some cells are empty."""
    field_ = spec.field(column)
    frame = _run(cur, spec, params, lang, options_sql(spec, column), {})
    values = [v for v in frame.loc[~frame["empty"], "value"] if not pd.isna(v)]
    if field_.kind == "bool":
        values = ["yes" if v else "no" for v in values]
        values = [v for v in ("yes", "no") if v in values]
    elif field_.codes is not None:
        known = [c for c in field_.codes if c in set(values)]
        values = known + sorted(v for v in set(values) if v not in field_.codes)
    elif field_.order == "natural":
        values = sorted(set(values), key=_natural)
    else:
        values = sorted(set(values), key=lambda v: str(v).lower())
    if frame["empty"].any():
        values.append(BLANK)
    return values


def _natural(value: object) -> tuple:
    match = re.search(r"\d+", str(value))
    return (int(match.group()) if match else 10**9, str(value))


# --- showing the result -----------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if len(text) > 1 and not text[1:2].isupper() else text


def count_label(name: str, lang: str = "vi") -> str:
    return t(f"ex_count_{name}", lang)


def measure_label(exploration: Exploration, lang: str = "vi") -> str:
    """The heading of the measured value: 'Số tin bài', 'Tổng dự toán (đồng)', 'Tỷ lệ (%)'."""
    value_field = exploration.value_field
    if exploration.measure == "count":
        return count_label(exploration.dataset, lang)
    if exploration.measure == "share":
        return t("ex_value_share", lang)
    return t(f"ex_value_{exploration.measure}", lang, column=_lower_first(value_field.label(lang)))


def share_basis(exploration: Exploration, lang: str = "vi") -> str | None:
    """What a share divides by, in words; None for other measures."""
    if exploration.measure != "share":
        return None
    value_field = exploration.value_field
    what = (
        _lower_first(value_field.label(lang)) if value_field else _lower_first(count_label(exploration.dataset, lang))
    )
    groups = exploration.groups
    if len(groups) == 2:
        return t("ex_share_within", lang, what=what, group=_lower_first(groups[0].label(lang)))
    return t("ex_share_total", lang, what=what)


def value_kind(exploration: Exploration) -> str:
    """How the measured value reads: int (a count), money, percent or number."""
    if exploration.measure == "count":
        return "int"
    if exploration.measure == "share":
        return "percent"
    fmt = exploration.value_field.fmt
    if exploration.measure == "avg" and fmt == "int":
        return "number"
    return fmt or "number"


def format_value(value: object, kind: str, lang: str = "vi") -> str:
    if value is None or pd.isna(value):
        return "—"
    if kind == "int":
        return format_number(int(round(float(value))), lang)
    if kind == "money":
        return measures.money(round(float(value)), lang)
    if kind == "percent":
        return measures.percent(float(value), lang, 1)
    return format_number(float(value), lang, 1)


def period_label(day: object, grain: str, lang: str = "vi") -> str:
    """A date group as it reads: 09/2019, Quý III/2019, 2019, or dd/mm/yyyy for days and weeks."""
    if day is None or pd.isna(day):
        return t("ex_blank", lang)
    day = pd.Timestamp(day).date()
    if grain == "month":
        return f"{day.month:02d}/{day.year}"
    if grain == "quarter":
        return t("quarter_label", lang, quarter=ROMAN[(day.month - 1) // 3]) + f"/{day.year}"
    if grain == "year":
        return str(day.year)
    return format_date(day, lang)


def chart_kind(exploration: Exploration) -> str | None:
    """The chart that fits: a line over dates, bars for one grouping, stacked bars for two (grouped
    side by side for averages, which do not add up); None without grouping."""
    groups = exploration.groups
    if not groups:
        return None
    if groups[0].kind == "date":
        return "line"
    if len(groups) == 1:
        return "bar"
    return "group" if exploration.measure == "avg" else "stack"


def chart_frame(result: pd.DataFrame, exploration: Exploration, lang: str = "vi") -> pd.DataFrame:
    """x (a label, or a date for lines), series (a label or None), value, text — ready to draw."""
    groups = exploration.groups
    kind = value_kind(exploration)
    first = groups[0]
    if first.kind == "date":
        x = pd.to_datetime(result["g1"])
        keep = x.notna()
        result, x = result[keep], x[keep]
    else:
        x = result["g1"].map(lambda v: first.value_label(v, lang))
    series = result["g2"].map(lambda v: groups[1].value_label(v, lang)) if len(groups) == 2 else None
    return pd.DataFrame(
        {
            "x": x.to_numpy(),
            "series": None if series is None else series.to_numpy(),
            "value": result["value"].astype("float64").to_numpy(),
            "text": [format_value(v, kind, lang) for v in result["value"]],
        }
    )


def chart_colours(exploration: Exploration, lang: str = "vi") -> dict[str, str] | None:
    groups = exploration.groups
    if len(groups) == 2:
        return groups[1].colours(lang)
    return groups[0].colours(lang) if groups else None


def table_frame(
    result: pd.DataFrame, exploration: Exploration, lang: str = "vi"
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The aggregated result as shown: labelled groups, the row count and the value; and the headers."""
    frame = pd.DataFrame(index=result.index)
    headers: dict[str, str] = {}
    for alias, field_ in zip(("g1", "g2"), exploration.groups):
        if field_.kind == "date" and exploration.grain in ("day", "week"):
            frame[alias] = pd.to_datetime(result[alias])
        elif field_.kind == "date":
            frame[alias] = [period_label(v, exploration.grain, lang) for v in result[alias]]
        else:
            frame[alias] = [field_.value_label(v, lang) for v in result[alias]]
        headers[alias] = field_.label(lang)
        if field_.kind == "date" and exploration.grain != "day":
            grain = t(f"ex_grain_{exploration.grain}", lang).lower()
            headers[alias] = t("ex_period_header", lang, column=field_.label(lang), grain=grain)
    kind = value_kind(exploration)
    if exploration.measure != "count":
        frame["n_rows"] = result["n_rows"].astype("int64")
        headers["n_rows"] = count_label(exploration.dataset, lang)
    frame["value"] = (
        result["value"].astype("int64") if kind == "int" else [format_value(v, kind, lang) for v in result["value"]]
    )
    headers["value"] = measure_label(exploration, lang)
    return frame.reset_index(drop=True), headers


def rows_frame(found: pd.DataFrame, spec: Dataset, lang: str = "vi") -> tuple[pd.DataFrame, dict[str, str]]:
    """Matching rows as the pages show them: labels for codes, dd/mm/yyyy dates, 1.234.567 ₫."""
    frame = pd.DataFrame(index=found.index)
    headers = {}
    for field_ in spec.fields:
        values = found[field_.name]
        if field_.kind in ("category", "bool"):
            frame[field_.name] = [field_.value_label(v, lang) if not _missing(v) else "" for v in values]
        elif field_.kind == "list":
            frame[field_.name] = ["; ".join(str(x) for x in v) if not _missing(v) else "" for v in values]
        elif field_.kind == "date":
            frame[field_.name] = pd.to_datetime(values)
        elif field_.kind == "number":
            present = [float(v) for v in values if not _missing(v)]
            if field_.fmt == "money":
                frame[field_.name] = [measures.money(v, lang) if not _missing(v) else "—" for v in values]
            elif field_.fmt == "percent":
                digits = 0 if all(v.is_integer() for v in present) else 1
                frame[field_.name] = [
                    measures.percent(float(v), lang, digits) if not _missing(v) else "—" for v in values
                ]
            elif field_.fmt == "int":
                frame[field_.name] = [measures.count(int(v), lang) if not _missing(v) else "—" for v in values]
            else:
                digits = 0 if all(v.is_integer() for v in present) else 1
                frame[field_.name] = [format_number(float(v), lang, digits) if not _missing(v) else "—" for v in values]
        else:
            frame[field_.name] = ["" if _missing(v) else str(v) for v in values]
        headers[field_.name] = field_.label(lang)
    return frame.reset_index(drop=True), headers


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, (list, tuple)) or hasattr(value, "__len__") and not isinstance(value, str):
        return False
    return bool(pd.isna(value))


def describe_filter(field_: Field, flt: Filter, lang: str = "vi") -> str:
    """One filter in words, for the caption and the export's notes."""
    if flt.values:
        shown = ", ".join(field_.value_label(v, lang) if v != BLANK else t("ex_blank", lang) for v in flt.values)
        return f"{field_.label(lang)}: {shown}"
    if flt.text:
        return f"{field_.label(lang)}: «{flt.text}»"

    def one(v: object) -> str:
        if v is None:
            return "…"
        if isinstance(v, dt.date):
            return format_date(v, lang)
        return format_number(float(v), lang, 0 if float(v).is_integer() else 2)

    return f"{field_.label(lang)}: {one(flt.low)} – {one(flt.high)}"


def with_filter(exploration: Exploration, flt: Filter) -> Exploration:
    others = tuple(f for f in exploration.filters if f.column != flt.column)
    return replace(exploration, filters=others + ((flt,) if flt.active else ()))
