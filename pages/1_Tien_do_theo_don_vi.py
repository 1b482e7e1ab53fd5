"""Tiến độ theo đơn vị: tasks per unit by status, progress with reasons, indicators, history, one task."""

import streamlit as st

from pages.common import figures, ui
from plantrack import charts, measures, shortlist, status

view = ui.page("page_units")
ui.require_plan(view)
ui.header(view, "page_units")
lang = view.lang

tasks = view.query("tasks_at_version")
if tasks.empty:
    st.info(view.t("no_data_table"))
    st.stop()
statuses = view.computed(status.statuses, "tasks_at_version")
units = view.query("units_at_version")
unit_names = dict(zip(units["unit_code"], units["unit_name"]))

st.subheader(view.t("units_by_status_title"))
by_unit = status.tasks_by_unit_status(tasks, statuses, unit_names, view.units)
busiest = shortlist.busiest_units(by_unit)
if busiest.cut:
    st.caption(view.t("chart_busiest_units", shown=len(busiest.rows), total=measures.count(busiest.total, lang)))
figures.chart(view, charts.status_by_unit, by_unit[by_unit["unit_name"].isin(busiest.rows["unit_name"])], lang)
rollup = status.unit_rollup(tasks, statuses, view.units)
ui.table(
    # Every unit a task names is in the units sheet: the import refuses any other.
    rollup.merge(units[["unit_code", "unit_name"]], on="unit_code", how="left"),
    view,
    measures.columns(
        "unit_name", "tasks_led", "tasks_supported", "done", "on_track", "behind", "overdue", "on_time", "last_update"
    ),
)

st.subheader(view.t("progress_title"))
st.caption(view.t("progress_caption"))
with_status = tasks.merge(statuses, on="task_code")
bars = shortlist.most_behind(with_status)
if bars.cut:
    st.caption(view.t("chart_most_behind", shown=len(bars.rows), total=measures.count(bars.total, lang)))
figures.chart(view, charts.progress_bars, bars.rows, lang)

st.subheader(view.t("indicators_title"))
lowest = shortlist.lowest_indicators(view.query("indicators_at_version"))
if lowest.cut:
    st.caption(view.t("chart_lowest_indicators", shown=len(lowest.rows), total=measures.count(lowest.total, lang)))
figures.chart(view, charts.indicators, lowest.rows, lang, empty_key="no_indicators")

st.subheader(view.t("history_title"))
if len(tasks) > 12:
    # A line per task stops being readable (and 20.000 lines weigh megabytes): the tasks as a whole.
    st.caption(view.t("history_summary_caption", total=measures.count(len(tasks), lang)))
    figures.chart(view, charts.progress_summary, view.query("progress_history_summary"), lang, empty_key="no_history")
else:
    figures.chart(view, charts.progress_history, view.query("progress_history"), lang, empty_key="no_history")

st.subheader(view.t("task_table_title"))
ui.table(
    with_status,
    view,
    # What leadership reads first comes first: at 1440 px the columns after the content scroll off.
    (
        measures.column("task_code", width="small"),
        measures.column("status"),
        measures.column("progress", width="small"),
        *measures.columns("reason", "content", "lead_unit", "support_units", "timing_text"),
    ),
)

contents = dict(zip(with_status["task_code"], with_status["content"]))
wanted = st.query_params.get("task")
# A list short enough to scroll, those furthest behind first; the URL may name any task.
codes = list(shortlist.most_behind(with_status, shortlist.TASK_CHOICES).rows["task_code"])
if len(codes) < len(contents):
    st.caption(view.t("task_choice_limited", shown=len(codes), total=measures.count(len(contents), lang)))
if wanted in contents and wanted not in codes:
    codes.insert(0, wanted)
chosen = st.selectbox(
    view.t("task_detail_choose"),
    codes,
    index=codes.index(wanted) if wanted in codes else 0,
    format_func=lambda code: f"{code} — {contents[code][:90]}",
    key="task_choice",
)
st.query_params["task"] = chosen
task = with_status.set_index("task_code").loc[chosen]

st.markdown(f"#### {ui.plain(chosen)}")
st.text(task["content"])
# Label above value, wrapping: metric cards cut "Phòng Thông tin - Báo chí - Xuất bản" to "Phòng Thôn…".
facts = (
    (view.t("col_status"), measures.category(task["status"]).tagged(lang)),
    (view.t("axis_progress"), measures.percent(task["progress"], lang)),
    (view.t("col_due"), view.date(task["due_on"]) or "—"),
    (view.t("role_lead"), unit_names.get(task["lead_unit"], task["lead_unit"])),
)
# Two by two: four in a row leave "31/12/2019" a column too narrow for it at 1024 px.
for column, (label, value) in zip([*st.columns(2), *st.columns(2)], facts):
    with column.container(border=True):
        st.caption(label)
        st.markdown(f"**{ui.plain(value)}**")
st.markdown(f"**{view.t('col_timing')}:** ")
st.text(task["timing_text"] or "—")
st.markdown(f"**{view.t('col_reason')}:** ")
st.text(task["reason"])

detail = st.tabs(
    [
        view.t("tab_milestones"),
        view.t("tab_indicators"),
        view.t("tab_budget"),
        view.t("tab_mentions"),
        view.t("tab_history"),
    ]
)
with detail[0]:
    milestones = view.query("task_milestones", task_code=chosen)
    ui.table(
        milestones, view, measures.columns("milestone_code", "content", "due_on", "completed_on", "milestone_state")
    )
with detail[1]:
    ui.table(
        view.query("task_indicators", task_code=chosen),
        view,
        measures.columns("indicator", "measure_unit", "target", "actual"),
    )
with detail[2]:
    ui.table(
        view.query("task_budget", task_code=chosen),
        view,
        measures.columns("line_code", "content", "source", "planned", "disbursed"),
    )
with detail[3]:
    ui.table(
        view.query("task_mentions", task_code=chosen),
        view,
        measures.columns("published_on", "outlet", "title", "sentiment", "url"),
    )
with detail[4]:
    ui.table(
        view.query("task_history", task_code=chosen),
        view,
        (
            *measures.columns("version_id", "as_of"),
            measures.column("progress", bar=False),
            *measures.columns("task_state", "updated_on", "user_name"),
        ),
    )
