"""Dư luận báo chí's comparison table: the period against the one before and the same one a year earlier."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pages.common.ui import View, table
from plantrack import measures, press, rates
from plantrack.i18n import quarter_numeral
from plantrack.measures import Column


def _window_label(view: View, starts_on: dt.date, ends_on: dt.date) -> str:
    if starts_on.month == 1 and ends_on.month == 12:
        return view.t("press_window_year", year=starts_on.year)
    return view.t("press_window_quarter", roman=quarter_numeral((starts_on.month - 1) // 3 + 1), year=starts_on.year)


def _count_change(value: int, lang: str) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "±") + measures.count(abs(value), lang)


def draw(view: View) -> None:
    """The chosen quarter of the plan year, or the whole year, with its comparisons."""
    lang = view.lang
    if view.quarter:
        starts_on = dt.date(view.year, 3 * view.quarter - 2, 1)
        ends_on = (pd.Timestamp(starts_on) + pd.DateOffset(months=3) - pd.Timedelta(days=1)).date()
    else:
        starts_on, ends_on = dt.date(view.year, 1, 1), dt.date(view.year, 12, 31)
    found = press.comparison(view.query("media_period_comparison", **press.window_params(starts_on, ends_on)))
    spans = press.windows(starts_on, ends_on)
    labels = {name: _window_label(view, *spans[name]) for name in press.WINDOWS}
    # A year's previous period is the year before: one comparison, not the same one twice.
    others = ["previous"] if not view.quarter else ["previous", "year_before"]
    rows = []
    for key in ("mentions", "outlets", *(name for name, _ in press.SHARES)):
        row = {"measure": view.t(f"press_row_{key}")}
        for name in ("current", *others):
            window = getattr(found, name)
            if key in ("mentions", "outlets"):
                row[name] = measures.count(getattr(window, key), lang)
                if name != "current":
                    change = getattr(found, f"{key}_change")(name)
                    row[f"{name}_change"] = _count_change(change, lang)
            else:
                row[name] = rates.percent_text(window.share(key), lang, press.DIGITS)
                if name != "current":
                    row[f"{name}_change"] = rates.points_text(found.change(key, name), lang)
        rows.append(row)
    # Each row is another measure (counts, shares, points): the columns hold the words the rows are written in.
    columns = [Column("measure", "press_col_measure"), Column("current", heading=labels["current"])]
    for name in others:
        columns.append(Column(name, heading=labels[name]))
        # Mid-sentence the period is lower case: "Thay đổi so với năm 2018", not "… Năm 2018".
        against = labels[name][:1].lower() + labels[name][1:]
        columns.append(Column(f"{name}_change", heading=view.t("press_col_change", against=against)))
    st.subheader(view.t("press_compare_title"))
    st.caption(view.t("press_compare_caption"))
    if found.current.ends_on < ends_on:
        st.caption(view.t("press_partial", label=labels["current"], until=view.date(found.current.ends_on)))
    table(pd.DataFrame(rows), view, tuple(columns), title=view.t("press_compare_title"))
