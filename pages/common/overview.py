"""Tổng quan's leadership figures: status cards that fit, the Government's completion rate, and the
budget and press cards for the chosen quarter."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages.common import ui
from plantrack import measures, rates, status
from plantrack.i18n import quarter_numeral

# The longest count a status card shows whole when four share a row of the 1024 px page.
CARD_CHARS = 5


def status_cards(view: ui.View, statuses: pd.DataFrame) -> None:
    """Four cards: the count large, its share of all tasks beside it (a "12.345 / 20.000" value is cut off).

    `statuses` is `view.statuses()`: the rules of plantrack/status/rules.py over
    queries/tasks_at_version.sql; the cards count its `status` column."""
    counts, total = status.status_counts(statuses), len(statuses)
    # The total once, above the cards: "33,1% của 20.000 nhiệm vụ" in each is cut at 1024 px.
    st.caption(view.t("kpi_of_tasks", total=measures.count(total, view.lang)))
    codes = ("done", "on_track", "behind", "overdue")
    shown = {code: measures.count(counts[code], view.lang) for code in codes}
    # Four in a row hold five characters each at 1024 px ("8.166"); "11.461" is cut to "11.4…" there,
    # so a plan with such counts gets two rows of two.
    per_row = 4 if max(len(text) for text in shown.values()) <= CARD_CHARS else 2
    columns = [column for _ in range(len(codes) // per_row) for column in st.columns(per_row)]
    for column, code in zip(columns, codes):
        ui.card(
            column,
            measures.category(code).tagged(view.lang),
            shown[code],
            rates.share_text(counts[code], total, view.lang),
        )


def budget_card(view: ui.View, column) -> None:
    """Disbursed against the year's plan; with a quarter chosen, what was paid in that quarter."""
    budget = view.query("budget_totals").iloc[0]
    planned, disbursed = int(budget["planned"]), int(budget["disbursed"])
    label = (
        view.t("kpi_disbursed_quarter", quarter=quarter_numeral(view.quarter))
        if view.quarter
        else view.t("kpi_disbursed")
    )
    ui.card(
        column,
        label,
        measures.disbursed_share(disbursed, planned, view.lang),
        # Billions for a national plan: "1.424.193,9/20.061.671 triệu ₫" is cut at 1024 px.
        view.t(
            "kpi_of_planned",
            disbursed=measures.large_money(disbursed, view.lang, unit=False, scale_of=planned),
            planned=measures.large_money(planned, view.lang),
        ),
        help=view.t("kpi_disbursed_quarter_help") if view.quarter else view.t("kpi_disbursed_share_help"),
    )


def media_card(view: ui.View, column, media: pd.Series) -> None:
    """Mentions of the as-of month, or of the chosen quarter (up to the as-of date)."""
    if view.quarter:
        label = view.t("kpi_quarter_mentions", quarter=quarter_numeral(view.quarter), year=view.year)
        mentions, negative = int(media["quarter_mentions"]), int(media["quarter_negative"])
    else:
        label = view.t("kpi_month_mentions", month=view.as_of.strftime("%m/%Y"))
        mentions, negative = int(media["month_mentions"]), int(media["month_negative"])
    ui.card(
        column,
        label,
        measures.count(mentions, view.lang),
        view.t("kpi_negative_share", share=rates.share_text(negative, mentions, view.lang) if mentions else "—"),
    )


def official_rate(view: ui.View, groups: dict[str, int]) -> None:
    """The Government's "tỷ lệ hoàn thành" (two decimals, truncated) and the overdue share beside it."""
    rate = rates.completion_rate(groups)
    lang = view.lang
    if rate.percent is None:
        st.info(view.t("rate_official_none"))
        return
    left, right = st.columns(2)
    with left:
        ui.card(st, view.t("rate_official"), rate.text(lang))
        st.caption(view.t("rate_official_method", basis=rate.basis(lang)))
    with right:
        ui.card(st, view.t("rate_official_overdue"), rate.overdue_text(lang))
        st.caption(
            view.t(
                "rate_official_overdue_basis",
                overdue=measures.count(rate.overdue, lang),
                reached=measures.count(rate.reached, lang),
            )
        )


def other_rates(view: ui.View, statuses: pd.DataFrame) -> None:
    """The on-time and overdue rates, each to one decimal and with what it divides by."""
    lang = view.lang
    shown = {key: rate for key, rate in status.rates(statuses, lang).items() if key != "done"}
    for column, rate in zip(st.columns(len(shown)), shown.values()):
        with column:
            st.metric(rate.title, rates.share_text(rate.numerator, rate.denominator, lang))
            st.caption(f"{measures.count(rate.numerator, lang)}/{measures.count(rate.denominator, lang)}: {rate.basis}")


def version_changes(view: ui.View) -> None:
    """What the version shown changed against the one before: counts per sheet, then the tasks' changes."""
    changed = view.query("version_changes")
    if changed.empty:
        st.info(view.t("no_changes"))
        return
    st.markdown(
        " · ".join(
            view.t(
                "changes_line",
                sheet=view.t(f"sheet_{r.sheet}"),
                added=measures.count(r.added, view.lang),
                changed=measures.count(r.changed, view.lang),
                removed=measures.count(r.removed, view.lang),
            )
            for r in changed.itertuples()
        )
    )
    ui.table(
        view.query("task_changes"),
        view,
        # The changes first, the long content last: at 1024 px the last columns scroll out of sight.
        measures.columns("task_code", "old_progress", "new_progress", "old_state", "new_state", "content"),
        empty_key="no_task_changes",
    )
