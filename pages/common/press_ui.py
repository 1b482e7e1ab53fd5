"""Dư luận báo chí's own controls and parts: the charts' grain, and the syndicated stories (how many stories the
mentions tell, and who carried each one)."""

from __future__ import annotations

import streamlit as st

from pages.common import ui
from plantrack import measures, stories
from plantrack.i18n import format_number


def grain(view: ui.View) -> str:
    """Weeks or months for the press charts over time, kept in the URL (?grain=)."""
    chosen = (
        st.segmented_control(
            view.t("grain"),
            ["week", "month"],
            default=st.query_params.get("grain", "month"),
            format_func=lambda g: view.t(f"grain_{g}"),
            key=f"grain_choice_{view.lang}",
        )
        or "month"
    )
    st.query_params["grain"] = chosen
    return chosen


def stories_section(view: ui.View) -> None:
    st.subheader(view.t("stories_title"))
    # Grouping a year of mentions into stories takes a moment: computed once per data stamp.
    found = view.computed(stories.told, "media_story_mentions")
    mentions, told = int(found["mentions"].sum()), len(found)
    left, right = st.columns(2)
    left.metric(view.t("rows_media"), format_number(mentions, view.lang))
    right.metric(view.t("stories_metric"), format_number(told, view.lang))
    st.caption(view.t("stories_rule"))
    ui.table(
        found[found["outlets"] >= 2],
        view,
        (
            measures.column("title", label="col_story", width="medium"),
            *measures.columns("first_published", "mentions", "outlets", "outlet_list"),
        ),
        empty_key="no_syndicated",
        title=view.t("stories_title"),
    )
