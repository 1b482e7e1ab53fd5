"""Ngân sách: planned against disbursed by source, unit and task; cumulative by month; spending against progress."""

import streamlit as st

from pages.common import budget_units, figures, ui
from plantrack import charts, measures, shortlist
from plantrack.i18n import quarter_numeral

view = ui.page("page_budget")
ui.require_plan(view)
ui.header(view, "page_budget")
lang = view.lang

totals = view.query("budget_totals").iloc[0]
if not totals["planned"]:
    st.info(view.t("no_budget"))
    st.stop()
planned, disbursed = int(totals["planned"]), int(totals["disbursed"])
if view.quarter:
    # Budget lines are planned for the year: a quarter filters the payments, not the plan.
    st.caption(view.t("budget_quarter_note", quarter=quarter_numeral(view.quarter)))
columns = st.columns(3)
# Millions (billions for a national plan) on the card, the exact amount under it: "923.000.000 ₫" is
# cut to "923.00…" at 1024 px, and so is "923 triệu ₫": the unit goes in the label.
money_unit = view.t("unit_billion" if planned >= measures.BILLIONS_FROM else "unit_million")
for column, label, amount in (
    (columns[0], view.t("legend_planned"), planned),
    (
        columns[1],
        view.t("legend_disbursed_quarter", quarter=quarter_numeral(view.quarter))
        if view.quarter
        else view.t("legend_disbursed"),
        disbursed,
    ),
):
    ui.card(
        column,
        f"{label} ({money_unit})",
        measures.large_money(amount, lang, unit=False, scale_of=planned),
        measures.money(amount, lang),
    )
ui.card(
    columns[2],
    view.t("kpi_disbursed_share"),
    measures.disbursed_share(disbursed, planned, lang),
    help=view.t("kpi_disbursed_quarter_help") if view.quarter else view.t("kpi_disbursed_share_help"),
)

part, inside = ui.sections(view, ("budget_sources", "budget_units", "budget_months", "budget_tasks"))
with inside:
    if part == "budget_sources":
        st.subheader(view.t("budget_by_source_title"))
        figures.chart(view, charts.budget_by_source, view.query("budget_by_source"), lang)

    elif part == "budget_units":
        budget_units.draw(view)

    elif part == "budget_months":
        st.subheader(view.t("budget_by_month_title"))
        figures.chart(view, charts.cumulative_disbursement, view.query("disbursement_by_month"), lang)

    elif part == "budget_tasks":
        by_task = view.query("budget_by_task")
        # Lines without a task come as one row "—" with no content: no task, and in a national plan its sum
        # flattened every task's bar to nothing. The charts leave it out and say so; the table keeps it.
        tasks = by_task[by_task["content"].notna()]
        largest = shortlist.largest_budgets(tasks)
        left, right = st.columns(2)
        with left:
            st.subheader(view.t("budget_by_task_title"))
            if len(tasks) < len(by_task):
                st.caption(
                    view.t(
                        "budget_no_task",
                        planned=measures.large_money(by_task["planned"].sum() - tasks["planned"].sum(), lang),
                    )
                )
            if largest.cut:
                st.caption(
                    view.t("budget_top_tasks", shown=len(largest.rows), total=measures.count(largest.total, lang))
                )
            figures.chart(view, charts.planned_vs_disbursed, largest.rows, "task_code", lang)
        with right:
            st.subheader(view.t("spend_vs_progress_title"))
            if largest.cut:
                st.caption(view.t("spend_grid_caption", total=measures.count(len(tasks), lang)))
                figures.chart(view, charts.spend_vs_progress_grid, tasks, lang)
            else:
                st.caption(view.t("spend_vs_progress_caption"))
                figures.chart(view, charts.spend_vs_progress, tasks, lang)

        ui.table(
            by_task, view, measures.columns("task_code", "content", "planned", "disbursed", "disbursed_pct", "progress")
        )
