"""Tổng quan: what is in the chosen plan, at a glance."""

import streamlit as st

from pages.common import ui

view = ui.page("page_overview")
if view.plan is None:
    st.title(view.t("app_title"))
    st.info(view.t("empty_database"))
    st.stop()

ui.demo_notice(view)
st.title(view.plan["title"])
st.caption(
    view.t(
        "plan_meta",
        number=view.plan["doc_number"] or "—",
        issuer=view.plan["issuer"] or "—",
        issued=view.date(view.plan["issued_on"]) or "—",
    )
    + " · "
    + view.t("data_as_of", as_of=view.date(view.as_of), version=view.version_id)
)

counts = view.query("plan_row_counts", plan_id=view.plan["plan_id"], version_id=view.version_id).iloc[0]
columns = st.columns(5)
for column, (field, key) in zip(
    columns,
    [("tasks", "rows_tasks"), ("milestones", "rows_milestones"), ("indicators", "rows_indicators"),
     ("budget_lines", "rows_budget"), ("media", "rows_media")],
):
    column.metric(view.t(key), f"{int(counts[field]):,}".replace(",", "."))

tasks = view.query("tasks_at_version", plan_id=view.plan["plan_id"], version_id=view.version_id)
st.dataframe(tasks[["task_code", "content", "lead_unit", "timing_text", "progress"]], hide_index=True)

st.subheader(view.t("versions_title"))
st.dataframe(view.query("plan_versions", plan_id=view.plan["plan_id"]), hide_index=True)
