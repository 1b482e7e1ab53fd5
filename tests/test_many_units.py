"""A plan with more units than a chart of bars per unit draws: the chart shows the largest, a table all of them."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pandas as pd
import pytest
from conftest import open_app, small_plan

from plantrack import explore, importer, measures, shortlist
from plantrack.db import connect
from plantrack.excel import workbook_bytes

PAGE = "pages/3_Ngan_sach.py"
UNITS_PAGE = "pages/1_Tien_do_theo_don_vi.py"
UNITS = shortlist.UNIT_ITEMS + 5


@pytest.fixture(scope="module")
def many_units_db(tmp_path_factory):
    """Besides VP's line of 10 million ₫, units DV01…DV25 each plan one line of 1, 2, … 25 million ₫.

    Each DVnn leads one task; DV01…DV05 also support NV1 (as VP does, which leads NV2)."""
    frames = small_plan()
    tasks = frames["tasks"]
    tasks.at[0, "support_units"] = ["VP", *(f"DV{n:02d}" for n in range(1, 6))]
    led = pd.DataFrame([tasks.iloc[1].to_dict()] * UNITS).assign(
        task_code=[f"NV{n + 2}" for n in range(1, UNITS + 1)], lead_unit=[f"DV{n:02d}" for n in range(1, UNITS + 1)]
    )
    frames["tasks"] = pd.concat([tasks, led], ignore_index=True)
    extra = pd.DataFrame(
        {
            "unit_code": [f"DV{n:02d}" for n in range(1, UNITS + 1)],
            "unit_name": [f"Ban điều phối số {n}" for n in range(1, UNITS + 1)],
            "unit_kind": "internal",
        }
    )
    frames["units"] = pd.concat([frames["units"], extra], ignore_index=True)
    lines = frames["budget_lines"]
    frames["budget_lines"] = pd.concat(
        [
            lines,
            pd.DataFrame(
                {
                    "line_code": [f"NS{n + 1:02d}" for n in range(1, UNITS + 1)],
                    "task_code": "NV1",
                    "content": "Kinh phí điều phối",
                    "source": "state",
                    "unit_code": list(extra["unit_code"]),
                    "planned": [n * 1_000_000 for n in range(1, UNITS + 1)],
                    "note": None,
                }
            ),
        ],
        ignore_index=True,
    )
    db = tmp_path_factory.mktemp("units") / "units.duckdb"
    con = connect(db)
    importer.commit(con, importer.prepare(con, workbook_bytes(frames), "plan.xlsx"), "tester")
    con.close()
    return db


def _unit_chart(app) -> dict:
    charts = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    return next(c for c in charts if any("Ban điều phối" in str(y) for t in c["data"] for y in t.get("y", [])))


@pytest.mark.parametrize(
    ("lang", "caption"),
    [
        ("vi", f"Biểu đồ có 20 trong {UNITS + 1} đơn vị, dự toán lớn nhất trước; các đơn vị còn lại ở bảng dưới"),
        ("en", f"The chart shows 20 of {UNITS + 1} units, the largest budgets first; the rest are in the table"),
    ],
)
def test_a_plan_with_many_units_charts_the_largest_and_tables_them_all(lang, caption, many_units_db, monkeypatch):
    app = open_app(many_units_db, monkeypatch, PAGE, lang=lang, tab="budget_units")
    captions = [c.value for c in app.caption]
    assert any(c.startswith(caption) for c in captions), captions
    drawn = _unit_chart(app)["data"][0]["y"]
    # VP's 10 million ties with DV10's and comes after it, by code.
    largest = [f"Ban điều phối số {n}" for n in range(UNITS, 9, -1)] + ["Văn phòng Sở"]
    assert drawn == largest + [f"Ban điều phối số {n}" for n in (9, 8, 7)]
    every_unit = next(t.value for t in app.dataframe if "DV01" in set(t.value.iloc[:, 0]))
    assert len(every_unit) == UNITS + 1  # and VP, the first plan's unit
    link = next(p for p in app.get("page_link") if "explore" in p.proto.icon)
    # Khám phá opens on the budget lines summed by unit, for the same language.
    wanted, ignored = explore.from_query(parse_qs(link.proto.query_string))
    assert (wanted.dataset, wanted.group1, wanted.measure, wanted.column) == (
        "budget_lines",
        "unit_code",
        "sum",
        "planned",
    )
    assert ignored == [] and f"lang={lang}" in link.proto.query_string


def test_a_plan_with_few_units_charts_them_all_without_a_caption(tmp_path, monkeypatch):
    db = tmp_path / "few.duckdb"
    con = connect(db)
    importer.commit(con, importer.prepare(con, workbook_bytes(small_plan()), "plan.xlsx"), "tester")
    con.close()
    app = open_app(db, monkeypatch, PAGE, tab="budget_units")
    assert not any("đơn vị, dự toán lớn nhất" in c.value for c in app.caption)
    assert not any("Bảng đủ" in str(e.proto) for e in app.get("expander"))


def test_budget_lines_of_no_task_stay_out_of_the_task_charts_and_the_page_says_so(tmp_path, monkeypatch):
    frames = small_plan()
    no_task = frames["budget_lines"].assign(line_code="NS02", task_code=None, planned=500_000_000)
    frames["budget_lines"] = pd.concat([frames["budget_lines"], no_task], ignore_index=True)
    db = tmp_path / "no-task.duckdb"
    con = connect(db)
    importer.commit(con, importer.prepare(con, workbook_bytes(frames), "plan.xlsx"), "tester")
    con.close()
    app = open_app(db, monkeypatch, PAGE, tab="budget_tasks")
    assert any(
        c.value.startswith("Các dòng kinh phí không gắn với nhiệm vụ nào (dự toán 500 triệu ₫) không có trong biểu đồ")
        for c in app.caption
    ), [c.value for c in app.caption]
    charts = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    by_task = [c for c in charts if any("NV1" in str(y) for t in c["data"] for y in t.get("y", []))]
    assert by_task and all("—" not in t["y"] for c in by_task for t in c["data"])
    table = next(t.value for t in app.dataframe if "task_code" in t.value.columns)
    assert list(table["task_code"]) == ["NV1", "—"]


def test_a_plan_with_many_units_charts_the_busiest_by_status(many_units_db, monkeypatch):
    app = open_app(many_units_db, monkeypatch, UNITS_PAGE)
    captions = [c.value for c in app.caption]
    assert (
        f"Biểu đồ có 20 trong {UNITS + 2} đơn vị: các đơn vị có nhiều nhiệm vụ (chủ trì và phối hợp) nhất"
        in " ".join(captions)
    )
    charts = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    chart = next(c for c in charts if any("Văn phòng Sở" in trace.get("y", []) for trace in c["data"]))
    drawn = {y for trace in chart["data"] for y in trace["y"]}
    # Two tasks each: VP and DV01…DV05; one each, by name: "số 10" … "số 19", "số 20" … "số 23".
    busiest = {"Văn phòng Sở", *(f"Ban điều phối số {n}" for n in (*range(1, 6), *range(10, 24)))}
    assert drawn == busiest
    rollup = next(t.value for t in app.dataframe if "tasks_led" in t.value.columns)
    assert len(rollup) == UNITS + 2


@pytest.mark.parametrize(
    ("planned", "label", "value"),
    [(923_000_000, "Dự toán (triệu ₫)", "923"), (123_456_789_000, "Dự toán (tỷ ₫)", "123,5")],
)
def test_the_budget_cards_read_in_billions_for_a_national_plan(planned, label, value, tmp_path, monkeypatch):
    frames = small_plan()
    frames["budget_lines"].loc[0, "planned"] = planned
    db = tmp_path / "budget.duckdb"
    con = connect(db)
    importer.commit(con, importer.prepare(con, workbook_bytes(frames), "plan.xlsx"), "tester")
    con.close()
    app = open_app(db, monkeypatch, PAGE)
    card = next(m for m in app.metric if m.label == label)
    assert card.value == value


@pytest.mark.parametrize(
    "counts, per_row",
    [
        ({"done": 4, "on_track": 369, "behind": 8_166, "overdue": 9_999}, 4),
        ({"done": 4, "on_track": 369, "behind": 8_166, "overdue": 11_461}, 2),
    ],
)
def test_status_cards_go_two_in_a_row_once_a_count_is_too_long_for_a_quarter_of_the_page(
    counts, per_row, demo_db, monkeypatch
):
    from plantrack import status

    monkeypatch.setattr(status, "status_counts", lambda statuses: counts)
    app = open_app(demo_db, monkeypatch)
    cards = [m for m in app.metric if m.value in {measures.count(v, "vi") for v in counts.values()}]
    assert [m.value for m in cards] == ["4", "369", "8.166", measures.count(counts["overdue"], "vi")]
    # The cards' row: st.columns(per_row) gives each column 1/per_row of the width.
    weights = {round(c.weight, 3) for c in app.columns if any(m in cards for m in c.metric)}
    assert weights == {round(1 / per_row, 3)}
