"""Meeting mode on the overview: what changed since the last meeting (a version or a date)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pages.common import ui
from plantrack import measures, meeting


def changes(view: ui.View) -> None:
    """In meeting mode, the overview opens with what changed since the last meeting (a version or a date)."""
    if not view.meeting or view.plan is None:
        return
    lang = view.lang
    st.header(view.t("mt_title"))
    default_since = meeting.default_since(view.versions, view.version_id)
    if default_since is None:
        st.info(view.t("mt_nothing_before"))
        st.divider()
        return
    earlier = meeting.earlier_days(view.versions, view.version_id, view.as_of)
    options = [d.isoformat() for d in earlier["day"]] + ["other"]
    labels = {
        d.isoformat(): view.t("mt_since_version", version=v, as_of=view.date(d))
        for d, v in zip(earlier["day"], earlier["version_id"])
    }
    wanted = ui.url_value("since")
    try:
        wanted_day = dt.date.fromisoformat(wanted) if wanted else default_since
    except ValueError:
        wanted_day = default_since
    index = options.index(wanted_day.isoformat()) if wanted_day.isoformat() in options else len(options) - 1
    left, right, _ = st.columns([2, 1, 2])
    chosen = left.selectbox(
        view.t("mt_since"),
        options,
        index=index,
        key=f"since_choice_{view.lang}",
        format_func=lambda o: labels.get(o, view.t("mt_since_date")),
    )
    if chosen == "other":
        since = ui.date_field(right, view, view.t("mt_since_pick"), wanted_day, "since_date", max_value=view.as_of)
        since = since or wanted_day
    else:
        since = dt.date.fromisoformat(chosen)
    ui.set_url("since", None if since == default_since else since.isoformat())
    changes = meeting.changes(view.cur, view.params(), since, view.versions, lang)
    st.caption(
        view.t("mt_period", since=view.date(since), until=view.date(view.as_of), version=view.version_id)
        + " "
        + (
            view.t("mt_baseline", version=changes.baseline.version_id, as_of=view.date(changes.baseline.as_of))
            if changes.baseline.version_id
            else view.t("mt_no_baseline", since=view.date(since))
        )
    )
    # Three cards then two: five in a row are cut short on a 1024 px projector.
    columns = [*st.columns(3), *st.columns(2)]
    gained = changes.progress_gained
    ui.card(
        columns[0],
        view.t("mt_kpi_status"),
        measures.count(changes.status_changed, lang),
        view.t("mt_kpi_status_delta", total=measures.count(len(changes.tasks), lang)),
    )
    ui.card(
        columns[1],
        view.t("mt_kpi_progress"),
        measures.signed(gained, lang),
        view.t("mt_kpi_progress_delta", count=measures.count(changes.tasks_gaining, lang)),
    )
    ui.card(
        columns[2],
        view.t("mt_kpi_disbursed"),
        measures.millions(changes.disbursed, lang, unit=False),
        view.t("mt_kpi_disbursed_delta", count=measures.count(len(changes.disbursements), lang)),
    )
    ui.card(
        columns[3],
        view.t("mt_kpi_mentions"),
        measures.count(changes.mentions["mentions"], lang),
        view.t("mt_kpi_mentions_delta", share=measures.percent(changes.negative_share, lang)),
    )
    ui.card(
        columns[4],
        view.t("mt_kpi_false"),
        measures.count(changes.mentions["false_new"], lang),
        view.t("mt_kpi_false_delta", answered=measures.count(changes.mentions["false_answered"], lang)),
    )
    st.subheader(view.t("mt_tasks_title"))
    ui.table(
        # A task new since the meeting has no old status (meeting.changes): "new" is shown for it.
        changes.changed_tasks,
        view,
        measures.columns(
            "task_code", "content", "old_status", "new_status", "old_progress", "new_progress", "gained", "reason"
        ),
        empty_key="mt_no_task_changes",
        title=view.t("mt_tasks_title"),
    )
    left, right = st.columns(2)
    with left:
        st.subheader(view.t("mt_disbursed_title"))
        ui.table(
            changes.disbursements,
            view,
            (*measures.columns("paid_on", "line_code", "content", "source", "amount"),),
            empty_key="mt_no_disbursed",
            title=view.t("mt_disbursed_title"),
        )
    with right:
        st.subheader(view.t("mt_false_title"))
        ui.table(
            changes.false_cases,
            view,
            measures.columns("published_on", "outlet", "title", "response", "responded_on"),
            empty_key="mt_no_false",
            title=view.t("mt_false_title"),
        )
    st.divider()
