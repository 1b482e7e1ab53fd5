"""Ngân sách's budget by managing unit: every unit when they fit, else the largest and the whole list beside.

A province has five units; a ministry's plan a hundred, and two bars each would make a chart of
5.600 px. The chart then shows the shortlist, the caption says how many of how many, and every unit
stays in a table (with its downloads) and in Khám phá.
"""

from __future__ import annotations

import streamlit as st

from pages.common import figures
from pages.common.ui import View, table
from plantrack import charts, explore, measures, shortlist
from plantrack.i18n import quarter_numeral

# Khám phá's view of the same question: budget lines summed by unit.
EXPLORE_BY_UNIT = explore.Exploration("budget_lines", group1="unit_code", measure="sum", column="planned")


def draw(view: View) -> None:
    lang = view.lang
    by_unit = view.query("budget_by_unit")
    largest = shortlist.largest_unit_budgets(by_unit)
    st.subheader(view.t("budget_by_unit_title"))
    if largest.cut:
        st.caption(
            view.t(
                "budget_top_units",
                shown=measures.count(len(largest.rows), lang),
                total=measures.count(largest.total, lang),
                explore=view.t("page_explore"),
            )
        )
    figures.chart(view, charts.planned_vs_disbursed, largest.rows, "unit_name", lang)
    if not largest.cut:
        return
    disbursed = (
        view.t("legend_disbursed_quarter", quarter=quarter_numeral(view.quarter))
        if view.quarter
        else view.t("legend_disbursed")
    )
    with st.expander(view.t("budget_all_units", total=measures.count(largest.total, lang))):
        table(
            by_unit,
            view,
            measures.columns(
                measures.COLUMNS["unit_code"].but(label="col_code"),
                measures.COLUMNS["unit_name"].but(width="large"),
                "planned",
                measures.COLUMNS["disbursed"].but(heading=disbursed),
            ),
            title=view.t("budget_by_unit_title"),
        )
        st.page_link(
            "pages/5_Kham_pha.py",
            label=view.t("budget_units_explore", explore=view.t("page_explore")),
            icon=":material/explore:",
            query_params={**view.link_params(), **explore.to_query(EXPLORE_BY_UNIT)},
        )
