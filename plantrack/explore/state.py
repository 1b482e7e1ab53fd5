"""An exploration as a plain value, and its round trip through the URL query string, so a copied
link reopens the same view. What a URL gets wrong is ignored and named, never a crash."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

from plantrack.explore.datasets import DATASETS, DEFAULT_DATASET, Dataset, Field, dataset

PREFIX = "x_"
FILTER_PREFIX = "x_f_"
RANGE_SEPARATOR = "~"
# What a range filter in the URL may hold: the page's date inputs span these years, and a number
# input holds what a JavaScript number holds exactly. Anything else is an ignored key, not a crash.
URL_FIRST_DATE = dt.date(2000, 1, 1)
URL_LAST_DATE = dt.date(2100, 12, 31)
URL_LARGEST_NUMBER = 2**53 - 1
GRAINS = ("day", "week", "month", "quarter", "year")
MEASURES = ("count", "sum", "avg", "share")


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


def with_filter(exploration: Exploration, flt: Filter) -> Exploration:
    others = tuple(f for f in exploration.filters if f.column != flt.column)
    return replace(exploration, filters=others + ((flt,) if flt.active else ()))
