"""Mốc theo quý: a timeline of tasks and milestones over the plan year with a quarter grid of milestones, and the
list of every milestone."""

import streamlit as st

from pages.common import figures, ui
from plantrack import charts, measures, shortlist
from plantrack.i18n import quarter_numeral

view = ui.page("page_milestones")
ui.require_plan(view)
ui.header(view, "page_milestones")
lang = view.lang

milestones = view.query("milestones_at_version")

# The list of every milestone is a part of its own: on the national plan it is 60.000 rows (168 KiB sent
# at every page switch), below the fold of the timeline and the quarters (issue 15).
part, inside = ui.sections(view, ("ms_timeline", "ms_list"))
with inside:
    if part == "ms_timeline":
        st.subheader(view.t("gantt_title"))
        st.caption(view.t("gantt_caption"))
        timeline = shortlist.due_soonest(view.query("tasks_at_version").merge(view.statuses(), on="task_code"))
        if timeline.cut:
            st.caption(view.t("gantt_nearest", shown=len(timeline.rows), total=measures.count(timeline.total, lang)))
        shown = milestones[milestones["task_code"].isin(timeline.rows["task_code"])]
        figures.chart(view, charts.gantt, timeline.rows, shown, view.year, view.as_of, lang)

        st.subheader(view.t("quarter_grid_title"))
        grid = view.query("milestone_quarter_grid")
        columns = st.columns(4)
        for column, row in zip(columns, grid.itertuples()):
            with column.container(border=True):
                st.markdown(f"**{view.t('quarter_label', quarter=quarter_numeral(row.quarter))}/{view.year}**")
                for code in ("ms_done", "ms_due", "ms_ahead", "ms_late"):
                    st.markdown(
                        f"{measures.category(code).tagged(lang)}: **{measures.count(getattr(row, code), lang)}**"
                    )
    else:
        ui.table(
            milestones,
            view,
            # The state first, beside the code: after the long content it scrolls out of sight.
            measures.columns(
                "milestone_code",
                "milestone_state",
                "due_on",
                "task_code",
                "content",
                "quarter",
                "completed_on",
                "unit_code",
            ),
        )
