"""Ngân sách: planned against disbursed by source, unit and task; cumulative by month; spending against progress."""

import streamlit as st

from pages.common import figures, ui
from plantrack import charts, measures, rates, shortlist

view = ui.page("page_budget")
ui.require_plan(view)
ui.header(view, "page_budget")
lang = view.lang

totals = view.query("budget_totals").iloc[0]
if not totals["planned"]:
    st.info(view.t("no_budget"))
    st.stop()
planned, disbursed = int(totals["planned"]), int(totals["disbursed"])
quarter = ui.QUARTER_NAMES[view.quarter]
if view.quarter:
    # Budget lines are planned for the year: a quarter filters the payments, not the plan.
    st.caption(view.t("budget_quarter_note", quarter=quarter))
columns = st.columns(3)
# Millions on the card, the exact amount under it: "923.000.000 ₫" is cut to "923.00…" at 1024 px,
# and so is "923 triệu ₫": the unit goes in the label.
for column, label, amount in (
    (columns[0], view.t("legend_planned"), planned),
    (
        columns[1],
        view.t("legend_disbursed_quarter", quarter=quarter) if view.quarter else view.t("legend_disbursed"),
        disbursed,
    ),
):
    column.metric(
        f"{label} ({view.t('unit_million')})",
        measures.millions(amount, lang, unit=False),
        delta=measures.money(amount, lang),
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
columns[2].metric(
    view.t("kpi_disbursed_share"),
    rates.share_text(disbursed, planned, lang),
    border=True,
    help=view.t("kpi_disbursed_quarter_help") if view.quarter else view.t("kpi_disbursed_share_help"),
)

by_source = view.query("budget_by_source")
by_source["source_label"] = by_source["source"].map(lambda code: measures.category(code).label(lang))
# One under the other: side by side at 1024 px, unit names and amounts have no room.
st.subheader(view.t("budget_by_source_title"))
figures.chart(view, charts.planned_vs_disbursed, by_source, "source_label", lang)
st.subheader(view.t("budget_by_unit_title"))
figures.chart(view, charts.planned_vs_disbursed, view.query("budget_by_unit"), "unit_name", lang)

st.subheader(view.t("budget_by_month_title"))
figures.chart(view, charts.cumulative_disbursement, view.query("disbursement_by_month"), lang)

by_task = view.query("budget_by_task")
largest = shortlist.largest_budgets(by_task)
left, right = st.columns(2)
with left:
    st.subheader(view.t("budget_by_task_title"))
    if largest.cut:
        st.caption(view.t("budget_top_tasks", shown=len(largest.rows), total=measures.count(largest.total, lang)))
    figures.chart(view, charts.planned_vs_disbursed, largest.rows, "task_code", lang)
with right:
    st.subheader(view.t("spend_vs_progress_title"))
    if largest.cut:
        st.caption(view.t("spend_grid_caption", total=measures.count(len(by_task), lang)))
        figures.chart(view, charts.spend_vs_progress_grid, by_task, lang)
    else:
        st.caption(view.t("spend_vs_progress_caption"))
        figures.chart(view, charts.spend_vs_progress, by_task, lang)

ui.table(
    by_task.assign(
        planned_text=[measures.money(v, lang) for v in by_task["planned"]],
        disbursed_text=[measures.money(v, lang) for v in by_task["disbursed"]],
    ),
    view,
    {
        "task_code": view.t("col_task"),
        "content": st.column_config.TextColumn(view.t("col_content"), width="large"),
        "planned_text": view.t("legend_planned"),
        "disbursed_text": view.t("legend_disbursed"),
        "disbursed_pct": st.column_config.ProgressColumn(
            view.t("axis_disbursed_pct"), format="%.0f%%", min_value=0, max_value=100
        ),
        "progress": st.column_config.ProgressColumn(
            view.t("axis_progress"), format="%.0f%%", min_value=0, max_value=100
        ),
    },
)
