"""Dư luận báo chí: what the press says about the province, and whether false information was answered."""

import streamlit as st

from pages.common import figures, press_summary, press_ui, ui
from plantrack import charts, measures

view = ui.page("page_media")
ui.require_plan(view)
ui.header(view, "page_media")
lang = view.lang

kpis = view.query("media_kpis").iloc[0]
if not kpis["mentions"]:
    st.info(view.t("no_media"))
    st.stop()

press_summary.draw(view)

part, inside = ui.sections(view, ("press_volume", "press_sentiment", "press_sources", "press_stories", "press_false"))
with inside:
    if part == "press_volume":
        grain = press_ui.grain(view)
        st.subheader(view.t("volume_title"))
        figures.chart(view, charts.media_volume, view.query("media_volume", grain=grain), grain, lang)

    elif part == "press_sentiment":
        grain = press_ui.grain(view)
        st.subheader(view.t("net_sentiment_title"))
        st.caption(view.t("net_sentiment_caption"))
        figures.chart(view, charts.net_sentiment, view.query("media_net_sentiment", grain=grain), grain, lang)

        st.subheader(view.t("spikes_title"))
        st.caption(view.t("spikes_rule"))
        spikes = view.query("media_negative_spikes")
        figures.chart(view, charts.negative_spikes, spikes, lang)
        spike_weeks = spikes[spikes["is_spike"]]
        if spike_weeks.empty:
            st.success(view.t("no_spikes"))
        else:
            st.warning(view.t("spike_weeks", weeks=", ".join(view.date(w) for w in spike_weeks["week_start"])))

    elif part == "press_sources":
        st.subheader(view.t("scope_title"))
        figures.chart(view, charts.mentions_by, view.query("media_by_scope"), "scope", lang, translate=True)

        left, right = st.columns(2)
        with left:
            st.subheader(view.t("top_outlets_title"))
            figures.chart(
                view,
                charts.mentions_by,
                charts.sentiment_long(view.query("media_top_outlets"), "outlet"),
                "outlet",
                lang,
            )
        with right:
            st.subheader(view.t("top_topics_title"))
            figures.chart(
                view, charts.mentions_by, charts.sentiment_long(view.query("media_top_topics"), "topic"), "topic", lang
            )

    elif part == "press_stories":
        press_ui.stories_section(view)

    elif part == "press_false":
        st.subheader(view.t("false_cases_title"))
        cases = view.query("false_info_cases")
        ui.table(
            cases,
            view,
            measures.columns(
                "published_on",
                "outlet",
                "scope",
                "title",
                "response",
                "responded_on",
                "days_to_respond",
                "days_open",
                "url",
            ),
            empty_key="no_false_cases",
        )
