"""Press comparisons: which windows a period is compared with, and shares and changes written exactly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from plantrack.press import Comparison, Window, windows

D = dt.date


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "previous", "year_before"),
    [
        (D(2019, 7, 1), D(2019, 9, 30), (D(2019, 4, 1), D(2019, 6, 30)), (D(2018, 7, 1), D(2018, 9, 30))),
        (D(2019, 1, 1), D(2019, 3, 31), (D(2018, 10, 1), D(2018, 12, 31)), (D(2018, 1, 1), D(2018, 3, 31))),
        (D(2019, 1, 1), D(2019, 6, 30), (D(2018, 7, 1), D(2018, 12, 31)), (D(2018, 1, 1), D(2018, 6, 30))),
        (D(2019, 1, 1), D(2019, 12, 31), (D(2018, 1, 1), D(2018, 12, 31)), (D(2018, 1, 1), D(2018, 12, 31))),
        # A leap year's quarter: a year earlier, February has 28 days.
        (D(2020, 1, 1), D(2020, 2, 29), (D(2019, 11, 1), D(2019, 12, 31)), (D(2019, 1, 1), D(2019, 2, 28))),
    ],
)
def test_the_windows_a_period_is_compared_with(starts_on, ends_on, previous, year_before):
    found = windows(starts_on, ends_on)
    assert found == {"current": (starts_on, ends_on), "previous": previous, "year_before": year_before}


def _window(name: str, mentions: int, negative: int, outlets: int = 1) -> Window:
    counts = {"positive": 0, "neutral": mentions - negative, "negative": negative, "foreign": 0}
    return Window(name, D(2019, 1, 1), D(2019, 3, 31), mentions, outlets, counts)


def test_changes_are_the_difference_of_the_written_shares():
    # 1/3 = 33,3% and 2/3 = 66,7%: the change is 33,4 points, what the reader gets by subtracting.
    comparison = Comparison(_window("current", 3, 2, 5), _window("previous", 3, 1, 2), _window("year_before", 0, 0, 0))
    assert comparison.current.share("negative") == Decimal("66.7")
    assert comparison.change("negative", "previous") == Decimal("33.4")
    assert comparison.change("negative", "year_before") is None
    assert comparison.outlets_change("previous") == 3
    assert comparison.mentions_change("year_before") == 3
