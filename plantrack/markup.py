"""Text from a workbook shown as text: the one place that escapes it for Markdown and for Plotly.

Streamlit renders Markdown in titles, captions, metrics, alerts and tab labels, so a task code
`[p](https://evil.example/)T5` would become a link in a heading. Plotly renders a subset of HTML in
every text it draws (tick labels, legends, hovers, annotations): `<a href=…>` becomes a live link,
`<b>` bold. Pages pass workbook text through `md`; `figures.chart` passes every figure through
`figure`, so chart builders stay plain `DataFrame -> Figure` functions that need not know.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import plotly.graph_objects as go

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")
_HTML_SPECIAL = re.compile(r"[&<>]")
WORD_JOINER = "\u2060"
# Where remark-gfm finds a bare link: "://" of a scheme, "www." and the "@" of an address.
_AUTOLINK = re.compile(r":/|www\.|@", re.IGNORECASE)
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Trace properties that may hold workbook text (values, labels, hover texts, legend names).
_TRACE_TEXT = ("x", "y", "z", "text", "hovertext", "customdata", "labels", "parents", "ids", "name", "legendgroup")
_AXIS_TEXT = ("categoryarray", "tickvals", "ticktext")


def md(text: object) -> str:
    """Text for Streamlit Markdown that shows exactly as typed: no link, no emphasis, no heading,
    no HTML, on one line.

    GitHub-flavoured Markdown also turns bare addresses (https://…, www.…, name@host) into links
    after escapes are resolved, so a word joiner (U+2060, invisible) goes where that search looks.
    """
    text = _AUTOLINK.sub(
        lambda match: match.group()[:-1] + WORD_JOINER + match.group()[-1], " ".join(str(text).split())
    )
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def html(text: str) -> str:
    """Text for Plotly, whose labels read `&lt;` as `<`: the tags in data show as typed."""
    return _HTML_SPECIAL.sub(lambda match: _HTML_ENTITIES[match.group()], text)


def _needs(values: Iterable) -> bool:
    return any(isinstance(v, str) and _HTML_SPECIAL.search(v) for v in values)


def _escaped(value: object) -> object:
    """`value` with every string in it escaped, or the same object when nothing needed it."""
    if isinstance(value, str):
        return html(value) if _HTML_SPECIAL.search(value) else value
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in ("O", "U"):
            return value
        flat = value.ravel()
        if not _needs(flat if value.dtype.kind == "O" else flat.astype(object)):
            return value
        out = np.array([_escaped(v) for v in flat], dtype=object)
        return out.reshape(value.shape)
    if isinstance(value, (list, tuple)):
        items = [_escaped(v) for v in value]
        if all(new is old for new, old in zip(items, value)):
            return value
        return type(value)(items)
    return value


def figure(fig: go.Figure) -> go.Figure:
    """Escapes, in place, every text a figure draws that can come from data; returns the figure."""
    for trace in fig.data:
        for name in _TRACE_TEXT:
            if name not in trace:
                continue
            value = trace[name]
            new = _escaped(value)
            if new is not value:
                trace[name] = new
    for axis in [key for key in fig.layout if key.startswith(("xaxis", "yaxis"))]:
        for name in _AXIS_TEXT:
            value = fig.layout[axis][name]
            new = _escaped(value)
            if value is not None and new is not value:
                fig.layout[axis][name] = new
    for annotation in fig.layout.annotations or ():
        if annotation.text:
            annotation.text = html(annotation.text)
    return fig
