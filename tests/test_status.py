"""Task status (DESIGN §5): the rules at every boundary, and the vectorised frame against the rules."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from status_tasks import D, random_tasks, task

from plantrack.i18n import MESSAGES
from plantrack.status import (
    BEHIND,
    DEFAULT_GRACE_DAYS,
    DONE,
    DONE_LATE,
    DONE_ON_TIME,
    GROUPS,
    NOT_STARTED,
    ON_TRACK,
    OPEN_IN_TIME,
    OPEN_OVERDUE,
    OVERDUE,
    STATUSES,
    TaskStatus,
    group_counts,
    group_label,
    overdue_age,
    rates,
    status_label,
    statuses,
    task_status,
    update_window,
)


def frame_of(status_list: list[TaskStatus], codes: pd.Series) -> pd.DataFrame:
    """What `statuses` must return, built from `task_status` results."""
    return pd.DataFrame(
        {
            "task_code": codes.to_numpy(),
            "status": pd.array([s.code for s in status_list], dtype="str"),
            "group": pd.array([s.group for s in status_list], dtype="str"),
            "expected": np.array([np.nan if s.expected is None else s.expected for s in status_list], dtype=float),
            "actual": np.array([s.actual for s in status_list], dtype=float),
            "days_overdue": pd.array([s.days_overdue for s in status_list], dtype="Int64"),
            "overdue_age": pd.array([s.overdue_age for s in status_list], dtype="str"),
            "reason": pd.array([s.reason for s in status_list], dtype="str"),
        },
        index=codes.index,
    )


def both(
    row: dict,
    as_of: dt.date,
    margin: float = 20,
    lang: str = "vi",
    plan_year: int | None = None,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> TaskStatus:
    """task_status of one task, after checking that the vectorised frame says exactly the same."""
    one = task_status(row, as_of, margin, lang, plan_year=plan_year, grace_days=grace_days)
    tasks = pd.DataFrame([row])
    frame = statuses(tasks, as_of, margin, lang, plan_year=plan_year, grace_days=grace_days)
    pd.testing.assert_frame_equal(frame, frame_of([one], tasks["task_code"]), check_exact=True)
    return one


# (case, timing, changes, as of, status, group)
CASES = [
    # Ongoing all year: judged by updates per quarter, due at year end.
    ("ongoing: day before start", "ongoing", {}, D(2018, 12, 31), NOT_STARTED, OPEN_IN_TIME),
    ("ongoing: start day, never updated", "ongoing", {}, D(2019, 1, 1), BEHIND, OPEN_IN_TIME),
    (
        "ongoing: start day, updated that day",
        "ongoing",
        {"updated_on": D(2019, 1, 1)},
        D(2019, 1, 1),
        ON_TRACK,
        OPEN_IN_TIME,
    ),
    (
        "ongoing: Q1 last day, updated in Q1",
        "ongoing",
        {"updated_on": D(2019, 1, 2)},
        D(2019, 3, 31),
        ON_TRACK,
        OPEN_IN_TIME,
    ),
    (
        "ongoing: Q2 first day, last update in Q1",
        "ongoing",
        {"updated_on": D(2019, 3, 31)},
        D(2019, 4, 1),
        BEHIND,
        OPEN_IN_TIME,
    ),
    (
        "ongoing: Q2 first day, updated that day",
        "ongoing",
        {"updated_on": D(2019, 4, 1)},
        D(2019, 4, 1),
        ON_TRACK,
        OPEN_IN_TIME,
    ),
    (
        "ongoing: Q2 last day, updated in Q2",
        "ongoing",
        {"updated_on": D(2019, 4, 1)},
        D(2019, 6, 30),
        ON_TRACK,
        OPEN_IN_TIME,
    ),
    (
        "ongoing: Q3 first day, last update in Q2",
        "ongoing",
        {"updated_on": D(2019, 6, 30)},
        D(2019, 7, 1),
        BEHIND,
        OPEN_IN_TIME,
    ),
    (
        "ongoing: Q3 last day, updated in Q3",
        "ongoing",
        {"updated_on": D(2019, 7, 1)},
        D(2019, 9, 30),
        ON_TRACK,
        OPEN_IN_TIME,
    ),
    (
        "ongoing: Q4 first day, last update in Q3",
        "ongoing",
        {"updated_on": D(2019, 9, 30)},
        D(2019, 10, 1),
        BEHIND,
        OPEN_IN_TIME,
    ),
    (
        "ongoing: low progress but updated",
        "ongoing",
        {"progress": 5.0, "updated_on": D(2019, 8, 1)},
        D(2019, 9, 30),
        ON_TRACK,
        OPEN_IN_TIME,
    ),
    (
        "ongoing: 31/12 updated in Q4",
        "ongoing",
        {"progress": 90.0, "updated_on": D(2019, 10, 1)},
        D(2019, 12, 31),
        ON_TRACK,
        OPEN_IN_TIME,
    ),
    (
        "ongoing: 31/12 not updated in Q4, not overdue",
        "ongoing",
        {"updated_on": D(2019, 9, 30)},
        D(2019, 12, 31),
        BEHIND,
        OPEN_IN_TIME,
    ),
    ("ongoing: 01/01 next year", "ongoing", {"updated_on": D(2019, 12, 31)}, D(2020, 1, 1), OVERDUE, OPEN_OVERDUE),
    (
        "ongoing: due 30/06 still runs to 31/12",
        "ongoing",
        {"due_on": D(2019, 6, 30), "updated_on": D(2019, 7, 1)},
        D(2019, 7, 1),
        ON_TRACK,
        OPEN_IN_TIME,
    ),
    (
        "ongoing: done on 31/12",
        "ongoing",
        {"state": "done", "progress": 100.0, "completed_on": D(2019, 12, 31)},
        D(2020, 1, 1),
        DONE,
        DONE_ON_TIME,
    ),
    (
        "ongoing: done on 01/01 next year",
        "ongoing",
        {"state": "done", "progress": 100.0, "completed_on": D(2020, 1, 1)},
        D(2020, 1, 2),
        DONE,
        DONE_LATE,
    ),
    ("ongoing: 100% undated on 31/12", "ongoing", {"progress": 100.0}, D(2019, 12, 31), DONE, DONE_ON_TIME),
    ("ongoing: 100% undated on 01/01", "ongoing", {"progress": 100.0}, D(2020, 1, 1), DONE, DONE_LATE),
    (
        "ongoing: paused, not updated",
        "ongoing",
        {"state": "paused", "updated_on": D(2019, 5, 1)},
        D(2019, 8, 1),
        BEHIND,
        OPEN_IN_TIME,
    ),
    # Fixed deadline 31/03/2019, no start date: window 01/01–31/03.
    ("fixed: day before the window", "fixed", {}, D(2018, 12, 31), NOT_STARTED, OPEN_IN_TIME),
    ("fixed: first day of the window", "fixed", {}, D(2019, 1, 1), ON_TRACK, OPEN_IN_TIME),
    ("fixed: half time, exactly 20 points under", "fixed", {"progress": 30.0}, D(2019, 2, 14), ON_TRACK, OPEN_IN_TIME),
    ("fixed: half time, 20.01 points under", "fixed", {"progress": 29.99}, D(2019, 2, 14), BEHIND, OPEN_IN_TIME),
    ("fixed: due day, exactly 20 points under", "fixed", {"progress": 80.0}, D(2019, 3, 31), ON_TRACK, OPEN_IN_TIME),
    ("fixed: due day, 20.01 points under", "fixed", {"progress": 79.99}, D(2019, 3, 31), BEHIND, OPEN_IN_TIME),
    ("fixed: day after due", "fixed", {"progress": 80.0}, D(2019, 4, 1), OVERDUE, OPEN_OVERDUE),
    ("fixed: day after due at 99.99%", "fixed", {"progress": 99.99}, D(2019, 4, 1), OVERDUE, OPEN_OVERDUE),
    (
        "fixed: done on the due day",
        "fixed",
        {"state": "done", "progress": 100.0, "completed_on": D(2019, 3, 31)},
        D(2019, 4, 1),
        DONE,
        DONE_ON_TIME,
    ),
    (
        "fixed: done the day after",
        "fixed",
        {"state": "done", "progress": 100.0, "completed_on": D(2019, 4, 1)},
        D(2019, 4, 1),
        DONE,
        DONE_LATE,
    ),
    (
        "fixed: state done below 100%",
        "fixed",
        {"state": "done", "progress": 60.0, "completed_on": D(2019, 3, 1)},
        D(2019, 6, 1),
        DONE,
        DONE_ON_TIME,
    ),
    ("fixed: 100% undated on the due day", "fixed", {"progress": 100.0}, D(2019, 3, 31), DONE, DONE_ON_TIME),
    ("fixed: 100% undated the day after", "fixed", {"progress": 100.0}, D(2019, 4, 1), DONE, DONE_LATE),
    (
        "fixed: paused within the margin",
        "fixed",
        {"state": "paused", "progress": 40.0},
        D(2019, 2, 14),
        ON_TRACK,
        OPEN_IN_TIME,
    ),
    ("fixed: paused after due", "fixed", {"state": "paused", "progress": 40.0}, D(2019, 4, 2), OVERDUE, OPEN_OVERDUE),
    ("fixed: not started state, time passing", "fixed", {"state": "not_started"}, D(2019, 3, 1), BEHIND, OPEN_IN_TIME),
    # A month: 01/07–31/07.
    ("month: day before start", "month", {}, D(2019, 6, 30), NOT_STARTED, OPEN_IN_TIME),
    (
        "month: day before start, already working",
        "month",
        {"progress": 10.0},
        D(2019, 6, 30),
        NOT_STARTED,
        OPEN_IN_TIME,
    ),
    ("month: start day", "month", {}, D(2019, 7, 1), ON_TRACK, OPEN_IN_TIME),
    ("month: due day, exactly 20 points under", "month", {"progress": 80.0}, D(2019, 7, 31), ON_TRACK, OPEN_IN_TIME),
    ("month: due day, 20.01 points under", "month", {"progress": 79.99}, D(2019, 7, 31), BEHIND, OPEN_IN_TIME),
    ("month: day after due", "month", {"progress": 80.0}, D(2019, 8, 1), OVERDUE, OPEN_OVERDUE),
    (
        "month: done on the due day",
        "month",
        {"state": "done", "progress": 100.0, "completed_on": D(2019, 7, 31)},
        D(2019, 9, 30),
        DONE,
        DONE_ON_TIME,
    ),
    (
        "month: done the day after",
        "month",
        {"state": "done", "progress": 100.0, "completed_on": D(2019, 8, 1)},
        D(2019, 9, 30),
        DONE,
        DONE_LATE,
    ),
    # A quarter window: from Q1 to the end of Q3.
    ("quarter: day before start", "quarter", {}, D(2018, 12, 31), NOT_STARTED, OPEN_IN_TIME),
    ("quarter: start day", "quarter", {}, D(2019, 1, 1), ON_TRACK, OPEN_IN_TIME),
    ("quarter: mid-window, far behind", "quarter", {"progress": 10.0}, D(2019, 6, 30), BEHIND, OPEN_IN_TIME),
    ("quarter: mid-window, ahead", "quarter", {"progress": 90.0}, D(2019, 6, 30), ON_TRACK, OPEN_IN_TIME),
    (
        "quarter: due day, exactly 20 points under",
        "quarter",
        {"progress": 80.0},
        D(2019, 9, 30),
        ON_TRACK,
        OPEN_IN_TIME,
    ),
    ("quarter: due day, 20.01 points under", "quarter", {"progress": 79.99}, D(2019, 9, 30), BEHIND, OPEN_IN_TIME),
    ("quarter: day after due", "quarter", {"progress": 80.0}, D(2019, 10, 1), OVERDUE, OPEN_OVERDUE),
    (
        "quarter: done on the due day",
        "quarter",
        {"state": "done", "progress": 100.0, "completed_on": D(2019, 9, 30)},
        D(2019, 10, 1),
        DONE,
        DONE_ON_TIME,
    ),
    (
        "quarter: done the day after",
        "quarter",
        {"state": "done", "progress": 100.0, "completed_on": D(2019, 10, 1)},
        D(2019, 10, 1),
        DONE,
        DONE_LATE,
    ),
]


@pytest.mark.parametrize(
    ("timing", "changes", "as_of", "code", "group"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_status_at_each_boundary(timing, changes, as_of, code, group, lang):
    # The quarter's own boundaries, without a grace period (test_grace_period has the default one).
    result = both(task(timing, **changes), as_of, lang=lang, grace_days=0)
    assert (result.code, result.group) == (code, group)
    assert result.reason and "{" not in result.reason


# (case, changes, as of, grace days, status): ongoing tasks early in a quarter.
GRACE_CASES = [
    ("ten days into Q4, updated in Q3", {"updated_on": D(2019, 9, 20)}, D(2019, 10, 10), 30, ON_TRACK),
    ("last grace day, updated in Q3", {"updated_on": D(2019, 9, 20)}, D(2019, 10, 30), 30, ON_TRACK),
    ("first day after the grace period, updated in Q3", {"updated_on": D(2019, 9, 20)}, D(2019, 10, 31), 30, BEHIND),
    ("in the grace period, last update in Q2", {"updated_on": D(2019, 6, 30)}, D(2019, 10, 10), 30, BEHIND),
    ("in the grace period, never updated", {}, D(2019, 10, 10), 30, BEHIND),
    ("a shorter grace period is over", {"updated_on": D(2019, 9, 20)}, D(2019, 10, 10), 7, BEHIND),
    ("no grace period", {"updated_on": D(2019, 9, 30)}, D(2019, 10, 1), 0, BEHIND),
    (
        "January counts an update of the previous December",
        {"updated_on": D(2019, 12, 5), "due_on": D(2020, 12, 31)},  # ongoing through 2020
        D(2020, 1, 20),
        30,
        ON_TRACK,
    ),
    (
        "progress changed in an upload on a Q4 date, Cập nhật ngày left in Q2",
        {"updated_on": D(2019, 6, 1), "progress_changed_on": D(2019, 11, 15)},
        D(2019, 11, 20),
        30,
        ON_TRACK,
    ),
    (
        "progress last changed in Q2, Cập nhật ngày in Q4",
        {"updated_on": D(2019, 11, 15), "progress_changed_on": D(2019, 6, 1)},
        D(2019, 11, 20),
        30,
        ON_TRACK,
    ),
    (
        "progress last changed in Q3, nothing since, past the grace period",
        {"updated_on": None, "progress_changed_on": D(2019, 8, 1)},
        D(2019, 11, 20),
        30,
        BEHIND,
    ),
]


@pytest.mark.parametrize(
    ("changes", "as_of", "grace_days", "code"), [c[1:] for c in GRACE_CASES], ids=[c[0] for c in GRACE_CASES]
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_update_of_the_quarter_before_counts_during_the_grace_period(changes, as_of, grace_days, code, lang):
    row = task("ongoing", **{"progress_changed_on": None, **changes})
    assert both(row, as_of, lang=lang, grace_days=grace_days).code == code


def test_the_grace_period_is_said_in_the_reason():
    reason = both(task("ongoing", updated_on=D(2019, 9, 20)), D(2019, 10, 10)).reason
    assert reason == (
        "Thường xuyên: đã cập nhật ngày 20/09/2019 (từ đầu quý III/2019), tiến độ 0%; "
        "quý IV/2019 mới bắt đầu, cập nhật của quý trước còn được tính đến hết 30/10/2019"
    )
    after = both(task("ongoing", updated_on=D(2019, 9, 20)), D(2019, 10, 31), lang="en").reason
    assert after == "Ongoing: no update in quarter IV/2019 (last update 20/09/2019)"


@pytest.mark.parametrize(
    ("as_of", "grace_days", "since", "grace_ends"),
    [
        (D(2019, 10, 1), 30, D(2019, 7, 1), D(2019, 10, 30)),
        (D(2019, 10, 31), 30, D(2019, 10, 1), None),
        (D(2020, 1, 1), 30, D(2019, 10, 1), D(2020, 1, 30)),
        (D(2019, 10, 1), 0, D(2019, 10, 1), None),
        (D(2019, 10, 1), 1, D(2019, 7, 1), D(2019, 10, 1)),
    ],
)
def test_the_update_window_starts_at_the_quarter_or_the_one_before_in_the_grace_period(
    as_of, grace_days, since, grace_ends
):
    assert update_window(as_of, grace_days) == (since, grace_ends)


def test_the_statuses_cover_every_code_and_group():
    assert {c[4] for c in CASES} == set(STATUSES)
    assert {c[5] for c in CASES} == set(GROUPS)


@pytest.mark.parametrize(
    ("timing", "as_of", "expected"),
    [
        ("fixed", D(2019, 1, 1), 100.0 * 1 / 90),  # the first day counts: data are as of its end
        ("fixed", D(2019, 2, 14), 50.0),
        ("fixed", D(2019, 3, 31), 100.0),
        ("fixed", D(2018, 12, 31), 0.0),
        ("fixed", D(2019, 5, 1), 100.0),
        ("month", D(2019, 7, 16), 100.0 * 16 / 31),
        ("quarter", D(2019, 6, 30), 100.0 * 181 / 273),
        ("ongoing", D(2019, 6, 30), None),
    ],
)
def test_expected_progress_is_the_share_of_days_elapsed(timing, as_of, expected):
    assert both(task(timing), as_of).expected == expected


def test_the_margin_is_a_parameter():
    assert both(task(progress=40.0), D(2019, 2, 14), margin=10).code == ON_TRACK
    assert both(task(progress=39.99), D(2019, 2, 14), margin=10).code == BEHIND
    assert both(task(progress=0.0), D(2019, 2, 14), margin=50).code == ON_TRACK


@pytest.mark.parametrize(
    ("days", "age"),
    [
        (1, "≤ 30"),
        (30, "≤ 30"),
        (31, "31–90"),
        (90, "31–90"),
        (91, "91–120"),
        (120, "91–120"),
        (121, "> 120"),
        (400, "> 120"),
    ],
)
def test_overdue_days_and_age(days, age):
    result = both(task(progress=50.0), D(2019, 3, 31) + dt.timedelta(days=days))
    assert (result.code, result.days_overdue, result.overdue_age) == (OVERDUE, days, age)


def test_only_overdue_tasks_have_days_overdue():
    for row, as_of in ((task(), D(2019, 2, 1)), (task(progress=100.0), D(2019, 6, 1)), (task(), D(2018, 6, 1))):
        result = both(row, as_of)
        assert (result.days_overdue, result.overdue_age) == (None, None)


@pytest.mark.parametrize(
    ("row", "as_of", "vi", "en"),
    [
        (
            task(start_on=D(2019, 1, 1), due_on=D(2019, 4, 10), progress=40.0),  # 100-day window, day 75
            D(2019, 3, 16),
            "Dự kiến 75% (đã qua 75% thời gian), thực tế 40%: chậm 35 điểm",
            "Expected 75% (75% of the time elapsed), actual 40%: 35 points behind",
        ),
        (
            task(progress=30.0),
            D(2019, 2, 14),
            "Dự kiến 50% (đã qua 50% thời gian), thực tế 30%: chậm 20 điểm, trong mức cho phép 20 điểm",
            "Expected 50% (50% of the time elapsed), actual 30%: 20 points behind, within the 20-point margin",
        ),
        (
            task(progress=29.99),
            D(2019, 2, 14),
            "Dự kiến 50% (đã qua 50% thời gian), thực tế 29,99%: chậm 20,01 điểm",
            "Expected 50% (50% of the time elapsed), actual 29.99%: 20.01 points behind",
        ),
        (
            task("quarter", progress=70.0),
            D(2019, 6, 30),
            "Dự kiến 66,3% (đã qua 66,3% thời gian), thực tế 70%: đạt hoặc vượt dự kiến",
            "Expected 66.3% (66.3% of the time elapsed), actual 70%: at or ahead of expected",
        ),
        (
            task(progress=80.0),
            D(2019, 4, 12),
            "Quá hạn 12 ngày (hạn 31/03/2019), tiến độ 80%",
            "Overdue by 12 days (due 31/03/2019), progress 80%",
        ),
        (
            task(progress=80.0),
            D(2019, 4, 1),
            "Quá hạn 1 ngày (hạn 31/03/2019), tiến độ 80%",
            "Overdue by 1 day (due 31/03/2019), progress 80%",
        ),
        (
            task(state="done", progress=100.0, completed_on=D(2019, 3, 29)),
            D(2019, 4, 12),
            "Hoàn thành ngày 29/03/2019, đúng hạn 31/03/2019",
            "Done on 29/03/2019, on time (due 31/03/2019)",
        ),
        (
            task(state="done", progress=100.0, completed_on=D(2019, 4, 5)),
            D(2019, 4, 12),
            "Hoàn thành ngày 05/04/2019, trễ 5 ngày so với hạn 31/03/2019",
            "Done on 05/04/2019, 5 days after the due date 31/03/2019",
        ),
        (
            task(state="done", progress=100.0),
            D(2019, 3, 20),
            "Hoàn thành nhưng chưa ghi ngày hoàn thành; tính là đúng hạn vì ngày số liệu 20/03/2019 chưa quá hạn 31/03/2019",
            "Done but no completion date recorded; counted on time because the as-of date 20/03/2019 is not past the due date 31/03/2019",
        ),
        (
            task(state="done", progress=100.0),
            D(2019, 4, 2),
            "Hoàn thành nhưng chưa ghi ngày hoàn thành; tính là quá hạn vì ngày số liệu 02/04/2019 đã quá hạn 31/03/2019",
            "Done but no completion date recorded; counted late because the as-of date 02/04/2019 is past the due date 31/03/2019",
        ),
        (
            task("ongoing", updated_on=D(2019, 5, 15)),
            D(2019, 8, 15),
            "Thường xuyên: chưa cập nhật trong quý III/2019 (lần cập nhật cuối 15/05/2019)",
            "Ongoing: no update in quarter III/2019 (last update 15/05/2019)",
        ),
        (
            task("ongoing"),
            D(2019, 11, 2),
            "Thường xuyên: chưa cập nhật trong quý IV/2019 (chưa có lần cập nhật nào)",
            "Ongoing: no update in quarter IV/2019 (never updated)",
        ),
        (
            task("ongoing", progress=60.0, updated_on=D(2019, 8, 15)),
            D(2019, 9, 30),
            "Thường xuyên: đã cập nhật ngày 15/08/2019 (từ đầu quý III/2019), tiến độ 60%",
            "Ongoing: updated on 15/08/2019 (since the start of quarter III/2019), progress 60%",
        ),
        (
            task(start_on=D(2019, 4, 1), due_on=D(2019, 6, 30)),
            D(2019, 3, 31),
            "Chưa đến ngày bắt đầu 01/04/2019",
            "Before its start date 01/04/2019",
        ),
        (
            task(start_on=D(2019, 4, 1), due_on=D(2019, 6, 30), progress=12.5),
            D(2019, 3, 31),
            "Chưa đến ngày bắt đầu 01/04/2019, đã đạt tiến độ 12,5%",
            "Before its start date 01/04/2019, already at 12.5%",
        ),
        (
            task(state="paused", progress=80.0),
            D(2019, 4, 12),
            "Quá hạn 12 ngày (hạn 31/03/2019), tiến độ 80%; đang tạm dừng",
            "Overdue by 12 days (due 31/03/2019), progress 80%; paused",
        ),
        (
            task(is_ongoing=False, start_on=None, due_on=None, updated_on=D(2019, 4, 2)),
            D(2019, 5, 15),
            "Không có hạn hoàn thành: đã cập nhật ngày 02/04/2019 (từ đầu quý II/2019), tiến độ 0%",
            "No due date: updated on 02/04/2019 (since the start of quarter II/2019), progress 0%",
        ),
    ],
)
def test_each_status_has_its_reason_sentence_in_both_languages(row, as_of, vi, en):
    assert both(row, as_of, lang="vi").reason == vi
    assert both(row, as_of, lang="en").reason == en


def test_a_task_year_comes_from_its_dates_then_the_plan_then_the_as_of_date():
    undated = task("ongoing", start_on=None, due_on=None, updated_on=D(2019, 12, 20))
    # The plan says 2019: on 01/01/2020 the year is over.
    assert both(undated, D(2020, 1, 1), plan_year=2019).code == OVERDUE
    # Nothing says which year: the as-of date's year, 2020, has just begun.
    assert both(undated, D(2020, 1, 1), grace_days=0).code == BEHIND
    # The task's own start date wins over the plan year.
    started = task("ongoing", start_on=D(2020, 2, 1), due_on=None)
    assert both(started, D(2020, 1, 15), plan_year=2019).code == NOT_STARTED


def test_a_task_without_a_due_date_is_judged_like_an_ongoing_task():
    no_due = task(is_ongoing=False, start_on=D(2019, 1, 1), due_on=None)
    assert both(no_due, D(2019, 5, 15)).code == BEHIND
    assert both({**no_due, "updated_on": D(2019, 4, 1)}, D(2019, 5, 15)).code == ON_TRACK
    assert both(no_due, D(2020, 1, 1)).code == OVERDUE


def test_a_start_after_the_due_date_never_hides_an_overdue_task():
    assert both(task(start_on=D(2019, 5, 1)), D(2019, 4, 15)).code == OVERDUE


def test_cells_as_duckdb_and_writer_frames_hold_them():
    row = task(
        is_ongoing=pd.NA,
        start_on=pd.NaT,
        due_on=pd.Timestamp("2019-03-31"),
        progress=np.nan,
        state=pd.NA,
        completed_on=np.datetime64("NaT"),
        updated_on=np.datetime64("2019-03-01"),
    )
    result = task_status(row, D(2019, 2, 14))
    assert (result.code, result.actual, result.expected) == (BEHIND, 0.0, 50.0)


@pytest.fixture(scope="module")
def many() -> pd.DataFrame:
    return random_tasks(20_000, seed=20190331)


@pytest.mark.parametrize(
    ("as_of", "margin", "lang", "plan_year"),
    [(D(2019, 9, 30), 20, "vi", 2019), (D(2020, 1, 1), 12.5, "en", None), (D(2019, 4, 1), 20, "en", 2019)],
)
def test_vectorised_frame_equals_task_status_row_by_row(many, as_of, margin, lang, plan_year):
    frame = statuses(many, as_of, margin, lang, plan_year=plan_year)
    one_by_one = [task_status(row, as_of, margin, lang, plan_year=plan_year) for row in many.to_dict("records")]
    pd.testing.assert_frame_equal(frame, frame_of(one_by_one, many["task_code"]), check_exact=True)
    # The random set reaches every status and group, so the comparison above means something.
    assert set(frame["status"]) == set(STATUSES)
    assert set(frame["group"]) == set(GROUPS)
    counts = group_counts(frame)
    assert list(counts) == list(GROUPS)
    assert sum(counts.values()) == 20_000


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_reasons_have_no_placeholders_left(many, lang):
    reasons = statuses(many, D(2019, 9, 30), lang=lang, plan_year=2019)["reason"]
    assert reasons.str.len().min() > 0
    assert not reasons.str.contains("{", regex=False).any()
    assert not reasons.str.contains("}", regex=False).any()


def test_writer_frames_with_python_dates_give_the_same_frame(many):
    sample = many.head(2_000)
    as_python = sample.copy()
    for column in ("start_on", "due_on", "completed_on", "updated_on"):
        as_python[column] = pd.Series(
            [None if pd.isna(v) else v.date() for v in sample[column]], dtype=object, index=sample.index
        )
    as_python["is_ongoing"] = pd.Series([None if pd.isna(v) else bool(v) for v in sample["is_ongoing"]], dtype=object)
    pd.testing.assert_frame_equal(
        statuses(as_python, D(2019, 9, 30)), statuses(sample, D(2019, 9, 30)), check_exact=True
    )


def test_statuses_keep_the_index_of_the_tasks(many):
    sample = many.head(50).set_axis(range(1000, 1050))
    assert list(statuses(sample, D(2019, 9, 30)).index) == list(range(1000, 1050))


def test_no_tasks_give_an_empty_frame_zero_counts_and_no_rates():
    empty = random_tasks(0, seed=1)
    frame = statuses(empty, D(2019, 9, 30))
    assert frame.empty and list(frame.columns) == [
        "task_code",
        "status",
        "group",
        "expected",
        "actual",
        "days_overdue",
        "overdue_age",
        "reason",
    ]
    assert group_counts(frame) == dict.fromkeys(GROUPS, 0)
    assert all(rate.percent is None for rate in rates(frame).values())


def test_every_status_and_group_has_a_distinct_label_in_both_languages():
    for lang in ("vi", "en"):
        assert len({status_label(code, lang) for code in STATUSES}) == len(STATUSES)
        assert len({group_label(code, lang) for code in GROUPS}) == len(GROUPS)
    assert group_label(DONE_LATE) == "Đã hoàn thành quá hạn"
    assert group_label(OPEN_IN_TIME) == "Chưa hoàn thành, trong hạn"
    status_keys = {lang: {k for k in MESSAGES[lang] if k.startswith("status_")} for lang in ("vi", "en")}
    assert status_keys["vi"] == status_keys["en"]


@pytest.mark.parametrize(
    ("days", "age"),
    [
        (None, None),
        (1, "≤ 30"),
        (30, "≤ 30"),
        (31, "31–90"),
        (90, "31–90"),
        (91, "91–120"),
        (120, "91–120"),
        (121, "> 120"),
    ],
)
def test_an_overdue_task_falls_in_the_age_band_of_its_days_overdue(days, age):
    assert overdue_age(days) == age
