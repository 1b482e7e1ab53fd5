"""Tiến độ theo đơn vị: tasks per unit by status, progress with reasons, indicators, history, one task."""

import streamlit as st

from pages.common import figures, task_detail, ui
from plantrack import charts, measures, shortlist, status

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

if ui.url_value("task") and not ui.url_value("tab"):
    ui.set_url("tab", "task_detail")  # a link naming a task opens it
part, inside = ui.sections(view, ("unit_status", "task_progress", "indicators", "progress_history", "task_detail"))

with inside:
    if part == "unit_status":
        st.subheader(view.t("units_by_status_title"))
        by_unit = view.by_status(status.tasks_by_unit_status, unit_names, view.units)
        busiest = shortlist.busiest_units(by_unit)
        if busiest.cut:
            st.caption(
                view.t("chart_busiest_units", shown=len(busiest.rows), total=measures.count(busiest.total, lang))
            )
        figures.chart(view, charts.status_by_unit, by_unit[by_unit["unit_name"].isin(busiest.rows["unit_name"])], lang)
        rollup = view.by_status(status.unit_rollup, view.units)
        ui.table(
            # Every unit a task names is in the units sheet: the import refuses any other.
            rollup.merge(units[["unit_code", "unit_name"]], on="unit_code", how="left"),
            view,
            measures.columns(
                "unit_name",
                "tasks_led",
                "tasks_supported",
                "done",
                "on_track",
                "behind",
                "overdue",
                "on_time",
                "last_update",
            ),
        )

    elif part == "task_progress":
        with_status = tasks.merge(statuses, on="task_code")
        st.subheader(view.t("progress_title"))
        st.caption(view.t("progress_caption"))
        bars = shortlist.most_behind(with_status)
        if bars.cut:
            st.caption(view.t("chart_most_behind", shown=len(bars.rows), total=measures.count(bars.total, lang)))
        figures.chart(view, charts.progress_bars, bars.rows, lang)

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

    elif part == "indicators":
        st.subheader(view.t("indicators_title"))
        lowest = shortlist.lowest_indicators(view.query("indicators_at_version"))
        if lowest.cut:
            st.caption(
                view.t("chart_lowest_indicators", shown=len(lowest.rows), total=measures.count(lowest.total, lang))
            )
        figures.chart(view, charts.indicators, lowest.rows, lang, empty_key="no_indicators")

    elif part == "progress_history":
        st.subheader(view.t("history_title"))
        if len(tasks) > 12:
            # A line per task stops being readable (and 20.000 lines weigh megabytes): the tasks as a whole.
            st.caption(view.t("history_summary_caption", total=measures.count(len(tasks), lang)))
            figures.chart(
                view, charts.progress_summary, view.query("progress_history_summary"), lang, empty_key="no_history"
            )
        else:
            figures.chart(view, charts.progress_history, view.query("progress_history"), lang, empty_key="no_history")

    elif part == "task_detail":
        with_status = tasks.merge(statuses, on="task_code")
        task_detail.draw(view, with_status, unit_names)
