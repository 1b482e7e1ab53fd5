"""Meeting mode on the overview: what changed since the last meeting (a version or a date)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pages.common import ui
from plantrack import measures, meeting
from plantrack.contract import DISBURSEMENTS
from plantrack.i18n import format_number


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
    earlier = view.versions[view.versions["version_id"] < view.version_id].sort_values("version_id", ascending=False)
    earlier = earlier.assign(day=[pd.Timestamp(d).date() for d in earlier["as_of"]])
    earlier = earlier[earlier["day"] < view.as_of].drop_duplicates("day")
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
    columns[0].metric(
        view.t("mt_kpi_status"),
        measures.count(changes.status_changed, lang),
        border=True,
        delta=view.t("mt_kpi_status_delta", total=len(changes.tasks)),
        delta_color="off",
        delta_arrow="off",
    )
    columns[1].metric(
        view.t("mt_kpi_progress"),
        _signed(gained, lang),
        border=True,
        delta=view.t("mt_kpi_progress_delta", count=changes.tasks_gaining),
        delta_color="off",
        delta_arrow="off",
    )
    columns[2].metric(
        view.t("mt_kpi_disbursed"),
        measures.millions(changes.disbursed, lang, unit=False),
        border=True,
        delta=view.t("mt_kpi_disbursed_delta", count=len(changes.disbursements)),
        delta_color="off",
        delta_arrow="off",
    )
    columns[3].metric(
        view.t("mt_kpi_mentions"),
        measures.count(changes.mentions["mentions"], lang),
        border=True,
        delta=view.t("mt_kpi_mentions_delta", share=measures.percent(changes.negative_share, lang)),
        delta_color="off",
        delta_arrow="off",
    )
    columns[4].metric(
        view.t("mt_kpi_false"),
        measures.count(changes.mentions["false_new"], lang),
        border=True,
        delta=view.t("mt_kpi_false_delta", answered=changes.mentions["false_answered"]),
        delta_color="off",
        delta_arrow="off",
    )
    st.subheader(view.t("mt_tasks_title"))
    moved = changes.changed_tasks
    ui.table(
        moved.assign(
            old_label=[
                view.t("mt_new_task") if new else measures.category(code).tagged(lang)
                for code, new in zip(moved["old_status"], moved["is_new"])
            ],
            new_label=[measures.category(code).tagged(lang) for code in moved["new_status"]],
            gained_text=[_signed(v, lang) for v in moved["gained"]],
        ),
        view,
        {
            "task_code": view.t("col_task"),
            "content": st.column_config.TextColumn(view.t("col_content"), width="large"),
            "old_label": view.t("mt_col_old_status"),
            "new_label": view.t("mt_col_new_status"),
            "old_progress": st.column_config.NumberColumn(view.t("col_old_progress"), format="%.0f%%"),
            "new_progress": st.column_config.NumberColumn(view.t("col_new_progress"), format="%.0f%%"),
            "gained_text": view.t("mt_col_gained"),
            "reason": st.column_config.TextColumn(view.t("col_reason"), width="large"),
        },
        empty_key="mt_no_task_changes",
        title=view.t("mt_tasks_title"),
    )
    left, right = st.columns(2)
    with left:
        st.subheader(view.t("mt_disbursed_title"))
        paid = changes.disbursements
        ui.table(
            paid.assign(
                source=[measures.category(c).label(lang) for c in paid["source"]],
                amount_text=[measures.money(v, lang) for v in paid["amount"]],
            ),
            view,
            {
                "paid_on": DISBURSEMENTS.column("paid_on").header(lang),
                "line_code": view.t("col_code"),
                "content": st.column_config.TextColumn(view.t("col_content"), width="large"),
                "source": view.t("col_source"),
                "amount_text": view.t("legend_disbursed"),
            },
            empty_key="mt_no_disbursed",
            title=view.t("mt_disbursed_title"),
        )
    with right:
        st.subheader(view.t("mt_false_title"))
        cases = changes.false_cases
        ui.table(
            cases.assign(response=[measures.response_label(c, lang) for c in cases["response"]]),
            view,
            {
                "published_on": view.t("col_published"),
                "outlet": view.t("col_outlet"),
                "title": st.column_config.TextColumn(view.t("col_title"), width="large"),
                "response": view.t("col_response"),
                "responded_on": view.t("col_responded"),
            },
            empty_key="mt_no_false",
            title=view.t("mt_false_title"),
        )
    st.divider()


def _signed(value: float | None, lang: str) -> str:
    if value is None or pd.isna(value):
        return "—"
    text = format_number(abs(float(value)), lang, 0 if float(value).is_integer() else 1)
    return ("+" if value > 0 else "−" if value < 0 else "") + text
