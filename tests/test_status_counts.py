"""Counts, rates and roll-ups of a status frame: a tiny plan whose every figure is known, and many
random tasks whose roll-up must add up to the frame."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from status_tasks import D, random_tasks, task

from plantrack.status import (
    BEHIND,
    DONE,
    DONE_LATE,
    DONE_ON_TIME,
    NOT_STARTED,
    ON_TRACK,
    OPEN_IN_TIME,
    OPEN_OVERDUE,
    OVERDUE,
    STATUSES,
    group_counts,
    rates,
    statuses,
    tasks_by_unit_status,
    unit_rollup,
)

AS_OF = D(2019, 9, 30)


def tiny_plan() -> pd.DataFrame:
    rows = [
        # on track: ongoing, updated this quarter
        task(
            "ongoing",
            task_code="NV1",
            lead_unit="P.TTBCXB",
            support_units=["VP"],
            progress=60.0,
            updated_on=D(2019, 8, 15),
        ),
        # done on time
        task(
            "fixed",
            task_code="NV2",
            lead_unit="VP",
            state="done",
            progress=100.0,
            completed_on=D(2019, 3, 29),
            updated_on=D(2019, 3, 29),
        ),
        # done late (DuckDB hands support lists over as numpy arrays)
        task(
            "quarter",
            task_code="NV3",
            lead_unit="P.TTBCXB",
            support_units=np.array(["SVHTTDL", "BĐBP"], dtype=object),
            due_on=D(2019, 6, 30),
            state="done",
            progress=100.0,
            completed_on=D(2019, 7, 15),
            updated_on=D(2019, 7, 15),
        ),
        # overdue; the lead unit's newest update; VP named twice supports it once
        task(
            "month",
            task_code="NV4",
            lead_unit="P.TTBCXB",
            support_units=["VP", "VP"],
            progress=50.0,
            updated_on=D(2019, 9, 20),
        ),
        # not started yet
        task(
            "month",
            task_code="NV5",
            lead_unit="VP",
            support_units=["P.TTBCXB"],
            start_on=D(2019, 10, 1),
            due_on=D(2019, 10, 31),
        ),
        # behind: the whole year, 74.8 % of it gone, 10 % done; no supporting units at all
        task(
            task_code="NV6",
            lead_unit="P.TTBCXB",
            support_units=None,
            start_on=D(2019, 1, 1),
            due_on=D(2019, 12, 31),
            progress=10.0,
        ),
    ]
    return pd.DataFrame(rows)


def test_a_tiny_plan_gets_one_task_per_status_and_group():
    frame = statuses(tiny_plan(), AS_OF)
    assert list(frame["status"]) == [ON_TRACK, DONE, DONE, OVERDUE, NOT_STARTED, BEHIND]
    assert list(frame["group"]) == [OPEN_IN_TIME, DONE_ON_TIME, DONE_LATE, OPEN_OVERDUE, OPEN_IN_TIME, OPEN_IN_TIME]
    assert group_counts(frame) == {DONE_ON_TIME: 1, DONE_LATE: 1, OPEN_IN_TIME: 3, OPEN_OVERDUE: 1}


def test_rates_say_what_they_divide_by():
    frame = statuses(tiny_plan(), AS_OF)
    vi = rates(frame, "vi")
    assert [(r.key, r.numerator, r.denominator) for r in vi.values()] == [
        ("on_time", 1, 3),
        ("done", 2, 6),
        ("overdue", 1, 4),
    ]
    assert vi["on_time"].percent == pytest.approx(100 / 3)
    assert vi["on_time"].title == "Tỷ lệ hoàn thành đúng hạn"
    assert vi["on_time"].basis == "đã hoàn thành đúng hạn ÷ số nhiệm vụ đã hoàn thành hoặc đã quá hạn"
    en = rates(frame, "en")
    assert en["on_time"].basis == "done on time ÷ tasks that are done or past their due date"
    for rate in [*vi.values(), *en.values()]:
        assert "÷" in rate.basis and rate.title


def test_unit_rollup_of_a_tiny_plan():
    tasks = tiny_plan()
    expected = pd.DataFrame(
        {
            "unit_code": pd.array(["BĐBP", "P.TTBCXB", "SVHTTDL", "VP"], dtype="str"),
            "tasks_led": [0, 4, 0, 2],
            "tasks_supported": [1, 1, 1, 2],
            "done": [0, 1, 0, 1],
            "not_started": [0, 0, 0, 1],
            "on_track": [0, 1, 0, 0],
            "behind": [0, 1, 0, 0],
            "overdue": [0, 1, 0, 0],
            "on_time": [0, 0, 0, 1],
            "on_time_base": [0, 2, 0, 1],
            "on_time_rate": [np.nan, 0.0, np.nan, 100.0],
            "last_update": pd.to_datetime([None, "2019-09-20", None, "2019-03-29"]).astype("datetime64[us]"),
        }
    )
    pd.testing.assert_frame_equal(unit_rollup(tasks, statuses(tasks, AS_OF)), expected)


@pytest.fixture(scope="module")
def many() -> pd.DataFrame:
    return random_tasks(20_000, seed=20190331)


def test_rollup_counts_match_the_status_frame(many):
    frame = statuses(many, D(2019, 9, 30), plan_year=2019)
    rollup = unit_rollup(many, frame)
    assert rollup["tasks_led"].sum() == len(many)
    assert rollup[list(STATUSES)].to_numpy().sum() == len(many)
    assert rollup["tasks_supported"].sum() == many["support_units"].map(len).sum()


def test_a_chosen_unit_is_the_only_unit_charted_and_rolled_up():
    tasks = tiny_plan()
    frame = statuses(tasks, D(2019, 9, 30), plan_year=2019)
    everyone = tasks_by_unit_status(tasks, frame, {})
    assert everyone["unit_name"].nunique() > 1
    charted = tasks_by_unit_status(tasks, frame, {}, ["VP"])
    assert set(charted["unit_name"]) == {"VP"}
    assert charted["tasks"].sum() == everyone.loc[everyone["unit_name"] == "VP", "tasks"].sum()
    assert unit_rollup(tasks, frame, ["VP"])["unit_code"].tolist() == ["VP"]
