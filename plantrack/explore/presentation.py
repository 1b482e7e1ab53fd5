"""An exploration's result as it reads: headings, labelled groups, formatted values, the chart that
fits and the words for each filter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from plantrack import measures, shortlist
from plantrack.explore.datasets import BLANK, Dataset, Field
from plantrack.explore.state import Exploration, Filter
from plantrack.i18n import format_date, format_number, quarter_numeral, t


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
        return t("quarter_label", lang, quarter=quarter_numeral((day.month - 1) // 3 + 1)) + f"/{day.year}"
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


# A chart draws at most as many groups (bars) as the other pages' charts of one bar per task, and at most
# this many series of a second grouping (a colour each). Grouped by task code, a national plan's 20.000
# groups made a chart 600.000 px tall that kept the browser busy 20-30 s; the table keeps every group.
CHART_GROUPS = shortlist.CHART_ITEMS
CHART_SERIES = 10


@dataclass(frozen=True)
class ChartCut:
    """What a chart frame keeps: `frame` to draw; how many groups (bars) and series there were and are drawn."""

    frame: pd.DataFrame
    groups: tuple[int, int]
    series: tuple[int, int]


def _largest(frame: pd.DataFrame, column: str, limit: int) -> list | None:
    """The `limit` values of `column` whose rows add up to the most (first seen first among equals), or None
    when there are no more than `limit`."""
    totals = frame.groupby(column, sort=False, dropna=False)["value"].sum(min_count=1)
    if len(totals) <= limit:
        return None
    order = totals.reset_index(drop=True).sort_values(ascending=False, kind="stable", na_position="last")
    return list(totals.index[order.index[:limit]])


def chart_cut(frame: pd.DataFrame, kind: str | None) -> ChartCut:
    """A chart_frame cut to what a chart can show: the CHART_GROUPS bars with the largest values, largest
    first (a line over dates keeps every date), and the CHART_SERIES series with the largest totals. A frame
    that fits is returned as it is, in its own order."""
    groups = frame["x"].nunique(dropna=False)
    named = frame["series"].notna()
    series = frame.loc[named, "series"].nunique()
    kept = frame
    top_series = _largest(kept[named], "series", CHART_SERIES)
    if top_series is not None:
        kept = kept[kept["series"].isin(top_series)]
    top_groups = _largest(kept, "x", CHART_GROUPS) if kind != "line" else None
    if top_groups is not None:
        rank = {label: n for n, label in enumerate(top_groups)}
        kept = kept[kept["x"].isin(rank)]
        kept = kept.iloc[kept["x"].map(rank).argsort(kind="stable")]
    kept = kept.reset_index(drop=True)
    return ChartCut(
        kept,
        (groups, kept["x"].nunique(dropna=False)),
        (series, kept.loc[kept["series"].notna(), "series"].nunique()),
    )


def chart_cut_notes(cut: ChartCut, exploration: Exploration, lang: str = "vi") -> tuple[str, ...]:
    """The sentences saying what a cut chart leaves out (the table below it has everything)."""
    group = _lower_first(exploration.groups[-1].label(lang)) if exploration.groups else ""
    return tuple(
        t(key, lang, shown=format_number(shown, lang), total=format_number(total, lang), group=group)
        for key, (total, shown) in (("ex_chart_top_groups", cut.groups), ("ex_chart_top_series", cut.series))
        if shown < total
    )


def chart_colours(exploration: Exploration, lang: str = "vi") -> dict[str, str] | None:
    groups = exploration.groups
    if len(groups) == 2:
        return groups[1].colours(lang)
    return groups[0].colours(lang) if groups else None


def table_frame(
    result: pd.DataFrame, exploration: Exploration, lang: str = "vi"
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The aggregated result as the table shows it: labelled groups, the row count and the value as the query
    returned it (its Column formats it and the exports write the number); and the headers."""
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
    if exploration.measure != "count":
        frame["n_rows"] = result["n_rows"].astype("int64")
        headers["n_rows"] = count_label(exploration.dataset, lang)
    frame["value"] = result["value"]
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
