"""What a chart of one bar per task shows when a plan has more tasks than it can draw."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from plantrack import shortlist

D = dt.date


def _tasks(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["task_code", "progress", "expected", "status", "due_on"])


def test_a_small_plan_is_drawn_whole_in_its_own_order():
    tasks = _tasks([("NV2", 10.0, 90.0, "behind", D(2019, 6, 30)), ("NV1", 100.0, 100.0, "done", D(2019, 3, 31))])
    for chosen in (shortlist.most_behind(tasks), shortlist.due_soonest(tasks)):
        assert not chosen.cut and chosen.total == 2
        pd.testing.assert_frame_equal(chosen.rows, tasks)


def test_the_tasks_furthest_behind_come_first_and_ties_go_by_code():
    tasks = _tasks(
        [
            ("NV1", 50.0, 60.0, "on_track", None),  # 10 behind
            ("NV4", 20.0, 80.0, "behind", None),  # 60 behind
            ("NV3", 0.0, 60.0, "behind", None),  # 60 behind
            ("NV2", 100.0, 50.0, "done", None),  # ahead
        ]
    )
    chosen = shortlist.most_behind(tasks, limit=3)
    assert chosen.cut and chosen.total == 4
    assert list(chosen.rows["task_code"]) == ["NV3", "NV4", "NV1"]
    assert list(chosen.rows.columns) == list(tasks.columns)


def test_the_gantt_shows_open_tasks_by_due_date_then_the_latest_done():
    tasks = _tasks(
        [
            ("NV1", 100.0, 100.0, "done", D(2019, 3, 31)),
            ("NV2", 100.0, 100.0, "done", D(2019, 9, 30)),
            ("NV3", 20.0, 80.0, "overdue", D(2019, 5, 31)),
            ("NV4", 20.0, 30.0, "on_track", D(2019, 12, 31)),
            ("NV5", 0.0, 0.0, "not_started", D(2019, 11, 30)),
        ]
    )
    assert list(shortlist.due_soonest(tasks, limit=2).rows["task_code"]) == ["NV3", "NV5"]
    assert list(shortlist.due_soonest(tasks, limit=4).rows["task_code"]) == ["NV3", "NV5", "NV4", "NV2"]


def test_a_large_plan_all_done_still_has_a_gantt():
    tasks = _tasks([(f"NV{n}", 100.0, 100.0, "done", D(2019, 1, 1) + dt.timedelta(days=n)) for n in range(1, 61)])
    chosen = shortlist.due_soonest(tasks)
    assert chosen.cut and len(chosen.rows) == shortlist.CHART_ITEMS
    assert chosen.rows["task_code"].iloc[0] == "NV60"


@pytest.mark.parametrize(
    ("rule", "frame", "expected"),
    [
        (
            shortlist.lowest_indicators,
            pd.DataFrame(
                {"task_code": ["NV1", "NV2", "NV1"], "indicator": ["b", "a", "a"], "achieved_pct": [50.0, 10.0, 50.0]}
            ),
            [("NV2", "a"), ("NV1", "a")],
        ),
        (
            shortlist.largest_budgets,
            pd.DataFrame({"task_code": ["NV1", "NV2", "NV3"], "indicator": ["", "", ""], "planned": [5e6, 9e6, 9e6]}),
            [("NV2", ""), ("NV3", "")],
        ),
    ],
)
def test_the_shortlist_keeps_the_lowest_indicators_and_the_largest_budgets(rule, frame, expected):
    chosen = rule(frame, limit=2)
    assert chosen.cut and chosen.total == 3
    assert list(zip(chosen.rows["task_code"], chosen.rows["indicator"])) == expected


def _units(rows: list[tuple[str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["unit_code", "planned"]).assign(unit_name=lambda f: "Đơn vị " + f["unit_code"])


@pytest.mark.parametrize(
    ("units", "limit", "expected", "cut"),
    [
        # They fit: drawn whole, in the query's order.
        ([("B", 1e6), ("A", 5e6)], 2, ["B", "A"], False),
        # Too many: the largest planned first, equal amounts by unit code.
        ([("D", 1e6), ("C", 9e6), ("A", 3e6), ("B", 9e6), ("E", 3e6)], 3, ["B", "C", "A"], True),
        # A unit with nothing planned is drawn last if at all.
        ([("A", 0.0), ("B", 2e6), ("C", 1e6)], 2, ["B", "C"], True),
    ],
)
def test_the_budget_by_unit_chart_shows_the_largest_planned_units(units, limit, expected, cut):
    chosen = shortlist.largest_unit_budgets(_units(units), limit=limit)
    assert list(chosen.rows["unit_code"]) == expected
    assert chosen.cut is cut and chosen.total == len(units)
    assert list(chosen.rows.columns) == ["unit_code", "planned", "unit_name"]


@pytest.mark.parametrize(
    ("counts", "limit", "expected", "cut"),
    [
        ([("B", "lead", "done", 1), ("A", "lead", "done", 2)], 2, ["B", "A"], False),
        # Led and supported tasks of every status add up; equal totals go by name.
        (
            [
                ("C", "lead", "done", 1),
                ("C", "support", "overdue", 2),
                ("A", "lead", "behind", 3),
                ("B", "lead", "done", 3),
                ("D", "support", "done", 1),
            ],
            2,
            ["A", "B"],
            True,
        ),
    ],
)
def test_the_tasks_by_unit_chart_shows_the_units_with_the_most_tasks(counts, limit, expected, cut):
    frame = pd.DataFrame(counts, columns=["unit_name", "role", "status", "tasks"])
    chosen = shortlist.busiest_units(frame, limit=limit)
    assert list(chosen.rows["unit_name"]) == expected
    assert chosen.cut is cut and chosen.total == frame["unit_name"].nunique()
