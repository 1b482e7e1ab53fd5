"""Workbook text is shown as text on every page: no link, bold or HTML made from data (DESIGN §7).

A plan whose every text cell — codes and names included — holds Markdown and Plotly's HTML is
imported, then each page is rendered (AppTest) and every element that renders Markdown, and every
chart's spec, is searched for markup that came from the data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from conftest import open_app, small_plan

from plantrack import importer, markup
from plantrack.db import connect
from plantrack.excel import workbook_bytes

ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = ["dashboard.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))]
EVIL = '<a href="https://evil.example/">A</a><b>BOLD</b><br>[p](https://evil.example/)'
# Markup from data, as Markdown or Plotly would act on it: an unescaped tag, or a link's "](".
UNESCAPED_TAG = re.compile(r"(?<!\\)<(?:a|b|br)\b")
UNESCAPED_LINK = re.compile(r"(?<!\\)\]\((?:https?|\\?)")
# The hostile values' own tags (the chart builders' hover templates use <b> and <br> on purpose).
FROM_DATA = re.compile(r"<a href|<b>(?:BOLD|NV2|U1|NS01)|<br>\[p\]")
TEXT_FIELDS = {
    "plan_info": ("title", "doc_number", "issuer", "legal_bases"),
    "units": ("unit_name",),
    "tasks": ("content", "timing_text", "note"),
    "budget_lines": ("content", "note"),
    "disbursements": ("voucher", "note"),
    "media": ("outlet", "language", "title", "summary", "topic"),
}


def hostile_plan() -> dict[str, pd.DataFrame]:
    """small_plan with markup in every text column, codes and references included."""
    frames = small_plan()
    units = {"P.TTBCXB": "[u](https://evil.example/)<b>U1</b>", "VP": '<a href="https://evil.example/">VP</a>'}
    tasks = {"NV1": "[p](https://evil.example/)T5", "NV2": "<b>NV2</b>"}
    frames["units"]["unit_code"] = frames["units"]["unit_code"].map(units)
    frames["tasks"]["task_code"] = frames["tasks"]["task_code"].map(tasks)
    frames["tasks"]["lead_unit"] = frames["tasks"]["lead_unit"].map(units)
    frames["tasks"]["support_units"] = [[units[u] for u in codes] for codes in frames["tasks"]["support_units"]]
    for name in ("budget_lines", "media"):
        frames[name]["task_code"] = frames[name]["task_code"].map(tasks)
    frames["budget_lines"]["unit_code"] = frames["budget_lines"]["unit_code"].map(units)
    frames["budget_lines"]["line_code"] = "<b>NS01</b>"
    frames["disbursements"]["line_code"] = "<b>NS01</b>"
    for name, columns in TEXT_FIELDS.items():
        for column in columns:
            frames[name][column] = [f"{EVIL} {value or ''}".strip() for value in frames[name][column]]
    return frames


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("escaping") / "hostile.duckdb"
    con = connect(db)
    preview = importer.prepare(con, workbook_bytes(hostile_plan()), "hostile.xlsx")
    assert not preview.errors, [p.line() for p in preview.errors]
    importer.commit(con, preview, "tester")
    con.close()
    return db


def _nodes(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def _markdown_texts(app) -> list[str]:
    """The source of everything the page renders as Markdown: headings, text, captions, alerts,
    metrics, expander and tab labels."""
    texts = []
    for root in (app.main, app.sidebar):
        for node in _nodes(root):
            proto = getattr(node, "proto", None)
            if proto is None:
                continue
            kind = node.type
            if kind in ("markdown", "title", "header", "subheader", "caption", "heading"):
                texts.append(proto.body)
            elif kind in ("alert", "info", "warning", "error", "success"):
                texts.append(proto.body)
            elif kind == "metric":
                texts += [proto.label, proto.body, proto.delta]
            elif kind in ("expandable", "expander", "tab"):
                texts.append(getattr(proto, "label", "") or getattr(getattr(proto, "expandable", None), "label", ""))
    return texts


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _chart_texts(app) -> list[str]:
    """Every string in every chart's spec, as Plotly receives it."""
    return [
        text
        for node in _nodes(app.main)
        if node.type == "plotly_chart"
        for text in _strings(json.loads(node.proto.spec))
    ]


@pytest.mark.parametrize("path", PAGE_FILES)
def test_no_page_renders_markup_from_the_workbook(path, hostile_db, monkeypatch):
    # The unit filter too: its codes are shown in every page's header caption.
    app = open_app(hostile_db, monkeypatch, path, units='<a href="https://evil.example/">VP</a>')
    texts = _markdown_texts(app)
    assert texts
    for text in texts:
        assert not UNESCAPED_TAG.search(text), (path, text)
        assert not UNESCAPED_LINK.search(text), (path, text)
    for text in _chart_texts(app):
        assert not FROM_DATA.search(text), (path, text)


def test_the_pages_show_the_hostile_codes_as_typed(hostile_db, monkeypatch):
    app = open_app(hostile_db, monkeypatch, "pages/1_Tien_do_theo_don_vi.py", task="[p](https://evil.example/)T5")
    headings = [m.value for m in app.markdown if m.value.startswith("####")]
    assert headings == ["#### \\[p\\]\\(https\\:\u2060//evil\\.example/\\)T5"]


def test_a_figure_escapes_data_in_values_names_and_categories() -> None:
    fig = go.Figure(go.Bar(x=[1, 2], y=["<b>U</b>", "ok"], name="<a href='x'>n</a>", customdata=[["<br>"], ["a"]]))
    fig.update_yaxes(categoryorder="array", categoryarray=["<b>U</b>", "ok"])
    markup.figure(fig)
    assert list(fig.data[0].y) == ["&lt;b&gt;U&lt;/b&gt;", "ok"]
    assert fig.data[0].name == "&lt;a href='x'&gt;n&lt;/a&gt;"
    assert [list(row) for row in fig.data[0].customdata] == [["&lt;br&gt;"], ["a"]]
    assert list(fig.layout.yaxis.categoryarray) == ["&lt;b&gt;U&lt;/b&gt;", "ok"]


def test_markdown_text_keeps_its_words_and_loses_its_powers() -> None:
    assert (
        markup.md("[p](https://evil.example/) *x* <b>")
        == "\\[p\\]\\(https\\:\u2060//evil\\.example/\\) \\*x\\* \\<b\\>"
    )
    # Bare addresses, which GitHub-flavoured Markdown would link, get an invisible word joiner.
    assert markup.md("www.evil.example a@evil.example") == "www\u2060\\.evil\\.example a\u2060@evil\\.example"
