"""Tiến độ theo đơn vị's one task: its facts and, one tab at a time, its milestones, indicators, budget,
press and history.

A fragment (issue 15): choosing another task or tab reruns this part only, not the page's charts."""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

import pandas as pd
import streamlit as st

from pages.common import ui
from plantrack import measures, shortlist


class DetailTab(NamedTuple):
    label: str  # catalogue key
    query: str  # queries/<query>.sql, for the chosen task
    columns: tuple[measures.Column, ...]


TABS = (
    DetailTab(
        "tab_milestones",
        "task_milestones",
        measures.columns("milestone_code", "content", "due_on", "completed_on", "milestone_state"),
    ),
    DetailTab("tab_indicators", "task_indicators", measures.columns("indicator", "measure_unit", "target", "actual")),
    DetailTab("tab_budget", "task_budget", measures.columns("line_code", "content", "source", "planned", "disbursed")),
    DetailTab("tab_mentions", "task_mentions", measures.columns("published_on", "outlet", "title", "sentiment", "url")),
    DetailTab(
        "tab_history",
        "task_history",
        (
            *measures.columns("version_id", "as_of"),
            measures.column("progress", bar=False),
            *measures.columns("task_state", "updated_on", "user_name"),
        ),
    ),
)


@st.fragment
def draw(view: ui.View, with_status: pd.DataFrame, unit_names: dict[str, str]) -> None:
    # A copy: a rerun of the fragment numbers its tables (download keys, file names) as the page did.
    view = dataclasses.replace(view)
    lang = view.lang
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

    # Only the open tab's table is asked for and drawn.
    tabs = st.tabs([view.t(tab.label) for tab in TABS], key=f"task_tab_{lang}", on_change="rerun")
    for tab, detail in zip(tabs, TABS):
        if tab.open:
            with tab:
                ui.table(view.query(detail.query, task_code=chosen), view, detail.columns)
