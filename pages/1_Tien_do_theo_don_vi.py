"""Tiến độ theo đơn vị: tasks per unit by status, progress with reasons, indicators, history, one task."""

import streamlit as st

from pages.common import figures, ui
from plantrack import charts, measures, rates, shortlist, status

view = ui.page("page_units")
ui.require_plan(view)
ui.header(view, "page_units")
lang = view.lang

tasks = view.query("tasks_at_version")
if tasks.empty:
    st.info(view.t("no_data_table"))
    st.stop()
statuses = view.statuses()
units = view.query("units_at_version")
unit_names = dict(zip(units["unit_code"], units["unit_name"]))

st.subheader(view.t("units_by_status_title"))
figures.chart(view, charts.status_by_unit, status.tasks_by_unit_status(tasks, statuses, unit_names, view.units), lang)
rollup = status.unit_rollup(tasks, statuses, view.units)
ui.table(
    rollup.assign(
        unit_name=rollup["unit_code"].map(lambda code: unit_names.get(code, code)),
        on_time_text=[
            f"{rates.share_text(on_time, base, lang)} ({measures.count(on_time, lang)}/{measures.count(base, lang)})"
            if base
            else "—"
            for rate, on_time, base in zip(rollup["on_time_rate"], rollup["on_time"], rollup["on_time_base"])
        ],
    ),
    view,
    {
        "unit_name": view.t("col_unit"),
        "tasks_led": view.t("col_tasks_led"),
        "tasks_supported": view.t("col_tasks_supported"),
        **{code: measures.category(code).tagged(lang) for code in ("done", "on_track", "behind", "overdue")},
        "on_time_text": st.column_config.TextColumn(
            view.t("col_on_time"), help=view.t("status_rate_on_time_basis"), width="medium"
        ),
        "last_update": view.t("col_last_update"),
    },
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
    with_status.assign(
        status_label=with_status["status"].map(lambda code: measures.category(code).tagged(lang)),
        support=with_status["support_units"].map(lambda units: "; ".join(units)),
    ),
    view,
    # What leadership reads first comes first: at 1440 px the columns after the content scroll off.
    {
        "task_code": st.column_config.TextColumn(view.t("col_task"), width="small"),
        "status_label": view.t("col_status"),
        "progress": st.column_config.ProgressColumn(
            view.t("axis_progress"), format="%.0f%%", min_value=0, max_value=100, width="small"
        ),
        "reason": st.column_config.TextColumn(view.t("col_reason"), width="large"),
        "content": st.column_config.TextColumn(view.t("col_content"), width="large"),
        "lead_unit": view.t("role_lead"),
        "support": view.t("role_support"),
        "timing_text": view.t("col_timing"),
    },
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
        milestones.assign(state=milestones["state"].map(lambda code: measures.category(code).tagged(lang))),
        view,
        {
            "milestone_code": view.t("col_code"),
            "content": st.column_config.TextColumn(view.t("col_content"), width="large"),
            "due_on": view.t("col_due"),
            "completed_on": view.t("col_completed"),
            "state": view.t("col_status"),
        },
    )
with detail[1]:
    ui.table(
        view.query("task_indicators", task_code=chosen).assign(
            target_text=lambda f: [measures.count(v, lang) for v in f["target"]],
            actual_text=lambda f: [measures.count(v, lang) if v == v else "—" for v in f["actual"]],
        ),
        view,
        {
            "indicator": view.t("col_indicator"),
            "measure_unit": view.t("col_measure_unit"),
            "target_text": view.t("legend_target"),
            "actual_text": view.t("legend_actual"),
        },
    )
with detail[2]:
    budget = view.query("task_budget", task_code=chosen)
    ui.table(
        budget.assign(
            source=budget["source"].map(lambda code: measures.category(code).label(lang)),
            planned_text=[measures.money(v, lang) for v in budget["planned"]],
            disbursed_text=[measures.money(v, lang) for v in budget["disbursed"]],
        ),
        view,
        {
            "line_code": view.t("col_code"),
            "content": st.column_config.TextColumn(view.t("col_content"), width="large"),
            "source": view.t("col_source"),
            "planned_text": view.t("legend_planned"),
            "disbursed_text": view.t("legend_disbursed"),
        },
    )
with detail[3]:
    mentions = view.query("task_mentions", task_code=chosen)
    ui.table(
        mentions.assign(sentiment=mentions["sentiment"].map(lambda c: measures.category(c or "unknown").tagged(lang))),
        view,
        {
            "published_on": view.t("col_published"),
            "outlet": view.t("col_outlet"),
            "title": st.column_config.TextColumn(view.t("col_title"), width="large"),
            "sentiment": view.t("col_sentiment"),
            "url": st.column_config.LinkColumn(view.t("col_link")),
        },
    )
with detail[4]:
    history = view.query("task_history", task_code=chosen)
    ui.table(
        history.assign(state=history["state"].map(lambda code: measures.state_label(code, lang))),
        view,
        {
            "version_id": view.t("col_version"),
            "as_of": view.t("filter_as_of"),
            "progress": st.column_config.NumberColumn(view.t("axis_progress"), format="%.0f%%"),
            "state": view.t("col_state"),
            "updated_on": view.t("col_updated"),
            "user_name": view.t("col_user"),
        },
    )
