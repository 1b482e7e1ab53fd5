"""Tổng quan: at a glance, what is on track, late or done, what was spent, and what the press says.

It is also the server: `streamlit run dashboard.py` finds `app` below, imports this module (not as
__main__) to build it, and runs the file as __main__ for every visit to the overview. The app owns
the database from the start, so the command line works through it at any time (plantrack.service),
and files under /media/ need the viewer password when one is set.
"""

import logging
from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from plantrack import proxies, service


def draw() -> None:
    # Imported here, not at the top: the server imports this module before Streamlit's runtime
    # exists, and the pages' caches must be made inside it.
    from pages.common import figures, meeting_mode, overview, report_panel, ui
    from plantrack import charts, measures, status

    view = ui.page("page_overview")
    ui.require_plan(view)
    lang = view.lang

    st.title(ui.plain(view.plan["title"]))
    st.caption(
        view.t(
            "plan_meta",
            number=ui.plain(view.plan["doc_number"] or "—"),
            issuer=ui.plain(view.plan["issuer"] or "—"),
            issued=view.date(view.plan["issued_on"]) or "—",
        )
        + " · "
        + view.t("data_as_of", as_of=view.date(view.as_of), version=view.version_id)
        + ui.filters_text(view)
    )
    meeting_mode.changes(view)

    statuses = view.statuses()
    overview.status_cards(view, statuses)

    media = view.query("media_kpis").iloc[0]
    columns = st.columns(3)
    overview.budget_card(view, columns[0])
    overview.media_card(view, columns[1], media)
    ui.card(
        columns[2],
        view.t("kpi_false_open"),
        measures.count(media["false_open"], lang),
        view.t("kpi_false_total", total=measures.count(media["false_cases"], lang)),
    )

    st.subheader(view.t("groups_title"))
    groups = status.group_counts(statuses)
    figures.chart(view, charts.group_counts, groups, lang)
    overview.official_rate(view, groups)
    overview.other_rates(view, statuses)

    # The lists below the figures are parts, one open at a time: drawn together, their three tables cost a
    # page switch ~0,2 s in the browser, and most of them were below the fold (issue 15).
    part, inside = ui.sections(view, ("deadlines", "ageing", "changes"))
    with inside:
        if part == "deadlines":
            ui.table(
                view.query("upcoming_deadlines"),
                view,
                measures.columns("due_on", "days_left", "kind", "task_code", "content", "unit_code"),
                empty_key="no_deadlines",
            )
        elif part == "ageing":
            ageing = status.overdue_ageing(statuses)
            if ageing["tasks"].sum() == 0:
                st.success(view.t("no_overdue"))
            else:
                ui.table(ageing, view, measures.columns("age", "tasks"))
        else:
            overview.version_changes(view)

    report_panel.downloads(view)


@asynccontextmanager
async def _own_database(_app):
    service.own()
    yield


if __name__ == "__main__":
    draw()
else:
    if warning := proxies.check_server():
        logging.getLogger("plantrack").warning(warning)
    app = st.App(__file__, lifespan=_own_database, middleware=[Middleware(service.MediaGuard)])
