"""Every page with each quarter chosen: the figures that say they are for the quarter are for it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import open_app

from plantrack import measures, queries
from plantrack.db import connect
from plantrack.i18n import quarter_numeral

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["dashboard.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("[1-5]_*.py"))]
QUARTERS = (1, 2, 3, 4)


@pytest.fixture(scope="module")
def run(demo_db):
    """A named query with the parameters a page sets on the newest data (30/09/2019, version 3)."""
    con = connect(demo_db)
    cur = con.cursor()

    def query(name: str, **extra) -> pd.DataFrame:
        params = {"plan_id": 1, "version_id": 3, "units": [], "quarter": 0, "year": 2019, "until": dt.date(2019, 9, 30)}
        params.update(extra)
        return queries.run(cur, name, **{k: params[k] for k in queries.parameters(name) if k in params})

    yield query
    con.close()


def _elements(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _elements(child)


def _figures(app) -> list[dict]:
    return [
        json.loads(element.proto.spec)
        for element in _elements(app._tree)
        if getattr(getattr(element, "proto", None), "DESCRIPTOR", None) is not None
        and element.proto.DESCRIPTOR.name == "PlotlyChart"
    ]


def _dates(figure: dict) -> list[pd.Timestamp]:
    found = []
    for trace in figure["data"]:
        for value in trace.get("x") or []:
            if isinstance(value, str) and value[:4].isdigit() and value[4:5] == "-":
                found.append(pd.Timestamp(value))
    return found


def _in_quarter(day: pd.Timestamp, quarter: int) -> bool:
    return day.year == 2019 and (day.month - 1) // 3 + 1 == quarter


@pytest.mark.parametrize("quarter", QUARTERS)
@pytest.mark.parametrize("path", PAGES)
def test_every_page_says_which_quarter_it_shows_and_its_dates_are_in_it(path, quarter, demo_db, monkeypatch):
    app = open_app(demo_db, monkeypatch, path, q=str(quarter))
    text = " ".join(e.value for e in [*app.caption, *app.markdown] if isinstance(e.value, str))
    assert f"Quý: {quarter_numeral(quarter)}" in text, path
    # A time axis on a page filtered to a quarter shows that quarter's dates only (the Gantt and the
    # progress history are the year and the versions by design, and say so in their captions).
    for figure in _figures(app):
        title = json.dumps(figure["layout"].get("xaxis", {}).get("range", ""))
        if "2019-01-01" in title:  # the Gantt: the whole plan year, quarters marked
            continue
        dates = _dates(figure)
        if dates and path != "pages/1_Tien_do_theo_don_vi.py":
            assert all(_in_quarter(d, quarter) for d in dates), (path, sorted(set(dates)))


@pytest.mark.parametrize("quarter", QUARTERS)
def test_the_overview_cards_are_for_the_quarter(quarter, demo_db, run, monkeypatch):
    app = open_app(demo_db, monkeypatch, "dashboard.py", q=str(quarter))
    cards = {m.label: m for m in app.metric}
    budget = run("budget_totals", quarter=quarter).iloc[0]
    disbursed = cards[f"Giải ngân quý {quarter_numeral(quarter)} / dự toán năm"]
    assert measures.millions(budget["disbursed"], "vi", unit=False) in disbursed.proto.delta
    media = run("media_kpis", quarter=quarter).iloc[0]
    mentions = cards[f"Tin bài quý {quarter_numeral(quarter)}/2019"]
    assert mentions.value == measures.count(media["quarter_mentions"], "vi")


@pytest.mark.parametrize("quarter", QUARTERS)
def test_the_budget_page_is_for_the_quarter(quarter, demo_db, run, monkeypatch):
    app = open_app(demo_db, monkeypatch, "pages/3_Ngan_sach.py", q=str(quarter), tab="budget_months")
    cards = {m.label: m for m in app.metric}
    paid = int(run("budget_totals", quarter=quarter).iloc[0]["disbursed"])
    assert cards[f"Giải ngân quý {quarter_numeral(quarter)} (triệu ₫)"].proto.delta == measures.money(paid, "vi")
    monthly = [
        f
        for f in _figures(app)
        if any(t.get("type") == "scatter" and t.get("mode") == "lines+markers" for t in f["data"])
    ]
    months = sorted({d for f in monthly for d in _dates(f)})
    assert months == [pd.Timestamp(2019, 3 * quarter - 2 + i, 1) for i in range(3)]


def test_one_unit_chosen_charts_that_unit_only(demo_db, monkeypatch):
    app = open_app(demo_db, monkeypatch, "pages/1_Tien_do_theo_don_vi.py", units="P.TTBCXB")
    by_unit = _figures(app)[0]
    names = {name for trace in by_unit["data"] for name in trace["y"]}
    assert len(names) == 1, names
