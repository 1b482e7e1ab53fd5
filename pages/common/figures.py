"""Charts drawn from a builder of plantrack.charts and its inputs; the built figure is cached (issue 15).

Plotly takes 20–300 ms to build one figure (plotly.express most of it), and every page switch or
filter change built each figure on the page again from the same cached query results. Here a figure
is built once per builder, inputs (frames hashed by content) and data stamp, escaped for Plotly's
HTML once, and shared by every session: st.plotly_chart only reads it (it serialises a copy).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from plantrack import charts, exports, markup, plotly_locale

CHART_CONFIG = {"displaylogo": False}
MEETING_FONT = 20
MEETING_HEIGHT = 1.3


def _frame_key(frame: pd.DataFrame) -> bytes:
    """A frame's whole content. A column of lists (a task's support units) is hashed as its text:
    Streamlit's own hash refuses it and falls back to pickling, with a warning in the log at every run."""
    lists = [name for name, dtype in frame.dtypes.items() if pd.api.types.is_object_dtype(dtype)]
    text = frame.astype(dict.fromkeys(lists, str))
    return repr(list(frame.columns)).encode() + pd.util.hash_pandas_object(text, index=True).to_numpy().tobytes()


@st.cache_resource(max_entries=512, show_spinner=False, hash_funcs={pd.DataFrame: _frame_key})
def built(stamp: tuple, builder: str, args: tuple, kwargs: tuple, meeting: bool) -> go.Figure | None:
    """charts.<builder>(*args, **kwargs), made for the projector in meeting mode and escaped; None if nothing to draw.

    `stamp` moves with every write, so new data builds anew whatever the inputs look like."""
    figure = getattr(charts, builder)(*args, **dict(kwargs))
    if figure is None:
        return None
    if meeting:
        _projector(figure)
    # Workbook text in labels, legends and hovers is shown as typed, never as Plotly's HTML.
    return markup.figure(figure)


def chart(view, builder, *args, empty_key: str = "no_data_chart", **kwargs) -> None:
    """Draws builder(*args, **kwargs), a chart builder of plantrack.charts, or says in a sentence why there
    is no chart (never an empty axis)."""
    if getattr(charts, builder.__name__, None) is not builder:
        raise ValueError(f"{builder!r} is not a chart builder of plantrack.charts")
    figure = built(view.stamp, builder.__name__, args, tuple(sorted(kwargs.items())), view.meeting)
    if figure is None:
        st.info(view.t(empty_key))
        return
    view.charts += 1
    # The toolbar's PNG is named for the page and the chart's place on it, not "plot-image.png".
    name = f"{exports.slug(view.t(view.title_key or 'app_title'))}-{view.charts}"
    config = {
        **CHART_CONFIG,
        **plotly_locale.config(view.lang),
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": name},
    }
    st.plotly_chart(figure, config=config, width="stretch")


def _projector(figure: go.Figure) -> None:
    """Bigger text and taller charts, to be read from the back of a meeting room."""
    figure.update_layout(
        font_size=MEETING_FONT,
        hoverlabel_font_size=MEETING_FONT - 2,
        height=round((figure.layout.height or 360) * MEETING_HEIGHT),
    )
    for annotation in figure.layout.annotations or ():
        annotation.font.size = (annotation.font.size or 14) + 4
