"""Scale (issue 6): what a page sends must not grow with the data, and versions must not copy the data.

Timings live in bench/national.py; these tests guard the mechanisms that keep the timings, with
the generator of that benchmark at a small size and at ten times that size (same units, versions
and year, so every chart has the same categories). Each page runs in AppTest, in-process, and the
test weighs what it would send a browser:

- chart data: the Plotly JSON of every chart on the page;
- tables: every st.dataframe call, with its rows and whether it loads them lazily (a table sent
  whole must stay short; a long one must go lazily, a screen at a time);
- everything else (options of select boxes, metrics, text), serialised as Streamlit sends it.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
import streamlit as st
from conftest import open_app
from streamlit.delta_generator import DeltaGenerator

from bench.national import db_size, one_state_size, stored_rows
from bench.national_data import Scale, deliveries
from pages.common.ui import PAGES
from plantrack import importer
from plantrack.db import connect

SMALL = Scale(
    "small",
    tasks=120,
    units=12,
    milestones_per_task=3,
    indicators=60,
    budget_lines=120,
    disbursements=600,
    media=2_000,
    versions=4,
)
LARGE = SMALL.scaled("large", tasks=1_200, indicators=600, budget_lines=1_200, disbursements=6_000, media=20_000)
# Ten times the data may add a little (longer labels, more digits), never ten times the bytes.
GROWTH = 1.5
SLACK_BYTES = 4_000
# A table sent whole (not lazily) holds at most this many rows.
WHOLE_TABLE_ROWS = 1_000


def build(scale: Scale, folder: Path) -> Path:
    """The generated plan imported as its weekly versions, through the product's import path."""
    db = folder / f"{scale.name}.duckdb"
    con = connect(db)
    plan_id = None
    for delivery in deliveries(scale, folder / "files"):
        preview = importer.prepare(
            con, delivery.path.read_bytes(), delivery.path.name, as_of=delivery.as_of, plan=plan_id
        )
        assert not preview.errors, [p.line("en") for p in preview.errors[:3]]
        importer.commit(con, preview, "test")
        plan_id = plan_id or preview.plan_id or importer.resolve_plan(con, None)
    con.close()
    return db


@pytest.fixture(scope="module")
def databases(tmp_path_factory) -> dict[str, Path]:
    return {scale.name: build(scale, tmp_path_factory.mktemp(scale.name)) for scale in (SMALL, LARGE)}


@dataclass
class Payload:
    charts: int = 0
    specs: list[dict] = field(default_factory=list)  # every chart's Plotly JSON, parsed
    other: int = 0
    tables: list[tuple[int, bool]] = field(default_factory=list)  # (rows, lazy) per st.dataframe call

    @property
    def whole_rows(self) -> list[int]:
        return [rows for rows, lazy in self.tables if not lazy]


DATAFRAME_METHOD, DATAFRAME_FUNCTION = DeltaGenerator.dataframe, st.dataframe


def _elements(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _elements(child)


def payload(path: str, db: Path, monkeypatch) -> Payload:
    """Runs one page on `db` the way a browser reaches it and weighs what it sends."""
    found = Payload()

    def record(data, kwargs) -> None:
        found.tables.append((len(data) if data is not None else 0, bool(kwargs.get("lazy"))))

    def recording_method(self, data=None, *args, **kwargs):
        record(data, kwargs)
        return DATAFRAME_METHOD(self, data, *args, **kwargs)

    def recording_function(data=None, *args, **kwargs):
        record(data, kwargs)
        return DATAFRAME_FUNCTION(data, *args, **kwargs)

    # `st.dataframe` is bound when streamlit is imported; `column.dataframe` goes through the class.
    monkeypatch.setattr(DeltaGenerator, "dataframe", recording_method)
    monkeypatch.setattr(st, "dataframe", recording_function)
    app = open_app(db, monkeypatch, path, timeout=300)
    for element in _elements(app._tree):
        proto = getattr(element, "proto", None)
        if proto is None or not hasattr(proto, "SerializeToString"):
            continue
        kind = type(element).__name__
        if kind == "Dataframe":
            continue
        if proto.DESCRIPTOR.name == "PlotlyChart":
            found.charts += len(proto.spec)
            found.specs.append(json.loads(proto.spec))
        elif not getattr(element, "children", None):
            found.other += len(proto.SerializeToString())
    return found


@pytest.mark.parametrize("path", [path for path, _, _ in PAGES])
def test_a_page_sends_as_much_for_ten_times_the_data(path, databases, monkeypatch):
    small = payload(path, databases["small"], monkeypatch)
    large = payload(path, databases["large"], monkeypatch)
    assert large.charts <= GROWTH * small.charts + SLACK_BYTES, (small.charts, large.charts)
    assert large.other <= GROWTH * small.other + SLACK_BYTES, (small.other, large.other)
    assert all(rows <= WHOLE_TABLE_ROWS for rows in large.whole_rows), large.tables


# A chart that asks for a tick at every unit of a count draws one per task: on the national plan
# (1.600 tasks led by one unit) the browser redrew thousands of ticks and grid lines at every resize
# and the units page froze chromium for minutes, though it sent only a few kilobytes.
MAX_TICKS = 100


def _numbers(values: object) -> list[float]:
    """A trace's numbers, as Plotly 7 writes them: a list, or a typed array in base64."""
    if isinstance(values, dict) and "bdata" in values:
        return [abs(float(v)) for v in np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])]
    return [abs(v) for v in values or [] if isinstance(v, (int, float)) and not isinstance(v, bool)]


def _ticks(spec: dict) -> list[tuple[str, float]]:
    """(axis, how many ticks its fixed dtick asks for over the data drawn on it) for every numeric dtick."""
    layout, found = spec.get("layout", {}), []
    for name, axis in layout.items():
        if not (name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict)):
            continue
        dtick = axis.get("dtick")
        if not isinstance(dtick, (int, float)) or dtick <= 0:
            continue
        letter, suffix = name[0], name[5:]
        drawn = [
            _numbers(trace.get(letter))
            for trace in spec.get("data", [])
            if trace.get(f"{letter}axis", letter) == letter + suffix
        ]
        # Stacked bars reach the sum of their parts: count the tallest stack the traces could make.
        span = max(max(map(max, filter(None, drawn)), default=0), sum(max(v, default=0) for v in drawn))
        span = max([span, *(abs(v) for v in axis.get("range") or [] if isinstance(v, (int, float)))])
        found.append((name, span / dtick))
    return found


@pytest.mark.parametrize("path", [path for path, _, _ in PAGES])
def test_no_chart_asks_for_a_tick_per_task(path, databases, monkeypatch):
    large = payload(path, databases["large"], monkeypatch)
    dense = [(name, round(count)) for spec in large.specs for name, count in _ticks(spec) if count > MAX_TICKS]
    assert not dense, dense


def test_the_generated_plans_differ_tenfold(databases):
    """The comparison above means something: the large plan holds ten times the rows."""
    counts = {}
    for name, db in databases.items():
        con = connect(db)  # the pages' cached connection is open read-write in this process
        counts[name] = {k: v["current"] for k, v in stored_rows(con).items()}
        con.close()
    for table in ("tasks", "milestones", "indicators", "budget_lines", "media"):
        assert counts["large"][table] == 10 * counts["small"][table], table
    assert counts["large"]["disbursements"] > 5 * counts["small"]["disbursements"]  # those paid by the last as-of date
    assert counts["large"]["units"] == counts["small"]["units"]


def test_ten_versions_with_one_percent_changes_stay_under_twice_one_state(tmp_path):
    """Versions store what changed: rows closed and re-added, never a copy of the plan per version."""
    scale = Scale(
        "storage",
        tasks=2_000,
        units=20,
        milestones_per_task=1,
        indicators=0,
        budget_lines=200,
        disbursements=1_000,
        media=0,
        versions=10,
    )
    db = build(scale, tmp_path)
    con = connect(db)
    rows = stored_rows(con)
    stored = sum(r["stored"] for r in rows.values())
    current = sum(r["current"] for r in rows.values())
    # 1 % of 2.000 tasks change in each of 9 weekly versions: 180 closed rows kept for history.
    assert rows["tasks"]["stored"] == rows["tasks"]["current"] + 9 * 20
    assert stored < 2 * current
    con.execute("checkpoint")
    versions = con.execute("select count(*) from versions").fetchall()[0][0]
    assert versions == 10
    size = db_size(db)
    alone = one_state_size(con, tmp_path / "one_state.duckdb")
    con.close()
    assert size < 2 * alone, (size, alone)


def test_the_year_is_fifty_two_weekly_versions_ending_on_new_years_eve():
    from bench.national_data import as_of_dates

    dates = as_of_dates(52)
    assert len(set(dates)) == 52 and dates[-1] == dt.date(2019, 12, 31)
    assert all(7 <= (b - a).days <= 8 for a, b in zip(dates, dates[1:]))
