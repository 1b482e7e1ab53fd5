"""Shares written exactly, and the Government's completion rate: two decimals, truncated, at any scale."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from plantrack.rates import completion_rate, percent_decimal, percent_text, points_text, share_text
from plantrack.status import GROUPS, group_counts


def groups(on_time: int, late: int, in_time: int, overdue: int) -> dict[str, int]:
    return dict(zip(GROUPS, (on_time, late, in_time, overdue), strict=True))


# (case, groups, rate vi, overdue vi, rate en)
RATES = [
    # 11 254 / 12 253 = 91,8468…%: truncated, not rounded to 91,85.
    ("truncated, not rounded", groups(10_000, 1_254, 500, 999), "91,84%", "8,16%", "91.84%"),
    ("all done", groups(7, 1, 0, 0), "100,00%", "0,00%", "100.00%"),
    ("none done", groups(0, 0, 3, 5), "0,00%", "100,00%", "0.00%"),
    ("two thirds: 66,666…", groups(2, 0, 9, 1), "66,66%", "33,34%", "66.66%"),
    ("just under a whole: 99,999…", groups(99_999, 0, 0, 1), "99,99%", "0,01%", "99.99%"),
    # 1/3 in binary floating point is 33.33333333333333(1…): the integer rule cannot drift.
    ("one third", groups(1, 0, 0, 2), "33,33%", "66,67%", "33.33%"),
    # 2.9 * 100 / 100 is 2.8999999999999995 in floats: truncating a float would write 2,89.
    ("a share a float truncates wrongly", groups(29, 0, 0, 971), "2,90%", "97,10%", "2.90%"),
    ("tasks not yet due are left out", groups(1, 0, 1_000_000, 1), "50,00%", "50,00%", "50.00%"),
    # 1 234 574 / 1 246 919 = 99,0099…%: rounding would write 99,01.
    ("national scale", groups(1_234_567, 7, 3, 12_345), "99,00%", "1,00%", "99.00%"),
]


@pytest.mark.parametrize(("counts", "vi", "overdue_vi", "en"), [r[1:] for r in RATES], ids=[r[0] for r in RATES])
def test_the_official_completion_rate(counts, vi, overdue_vi, en):
    rate = completion_rate(counts)
    assert rate.text("vi") == vi
    assert rate.overdue_text("vi") == overdue_vi
    assert rate.text("en") == en
    assert rate.percent + rate.overdue_percent == Decimal(100)


def test_no_task_due_yet_has_no_rate():
    rate = completion_rate(groups(0, 0, 12, 0))
    assert rate.percent is None
    assert rate.text("vi") == "—"


def test_the_basis_names_both_counts():
    rate = completion_rate(groups(10_000, 1_254, 500, 999))
    assert rate.basis("vi").startswith(
        "11.254 nhiệm vụ đã hoàn thành (đúng hạn và quá hạn) ÷ 12.253 nhiệm vụ đã đến hạn"
    )
    assert "999 not done and overdue" in rate.basis("en")


def test_the_four_groups_add_up_for_tens_of_thousands_of_tasks():
    frame = pd.DataFrame({"group": [GROUPS[i % 4] for i in range(23_457)]})
    counts = group_counts(frame)
    assert sum(counts.values()) == 23_457
    assert counts == groups(5_865, 5_864, 5_864, 5_864)


@pytest.mark.parametrize(
    ("numerator", "denominator", "digits", "truncate", "expected"),
    [
        (1, 3, 1, False, Decimal("33.3")),
        (2, 3, 1, False, Decimal("66.7")),
        (1, 8, 1, False, Decimal("12.5")),  # half up: 12,5 exactly stays
        (1, 16, 1, False, Decimal("6.3")),  # 6,25 rounds half up
        (1, 16, 1, True, Decimal("6.2")),
        (5, 5, 2, True, Decimal("100.00")),
        (0, 7, 1, False, Decimal("0.0")),
        (3, 0, 1, False, None),
    ],
)
def test_a_percentage_rounds_half_up_or_truncates_and_is_none_without_a_base(
    numerator, denominator, digits, truncate, expected
):
    assert percent_decimal(numerator, denominator, digits, truncate) == expected


@pytest.mark.parametrize(
    ("value", "lang", "digits", "text"),
    [
        (Decimal("1234.5"), "vi", 1, "1.234,5%"),
        (Decimal("1234.5"), "en", 1, "1,234.5%"),
        (Decimal("7.0"), "vi", 1, "7,0%"),
        (Decimal("7"), "vi", 0, "7%"),
        (None, "vi", 1, "—"),
    ],
)
def test_a_percentage_is_written_with_the_language_separators(value, lang, digits, text):
    assert percent_text(value, lang, digits) == text


def test_shares_and_point_changes_are_written_with_their_sign_and_unit():
    assert share_text(1, 3, "vi") == "33,3%"
    assert share_text(1, 3, "en", 2) == "33.33%"
    assert points_text(Decimal("2.5"), "vi") == "+2,5 điểm %"
    assert points_text(Decimal("-0.8"), "en") == "−0.8 pp"
    assert points_text(Decimal("0.0"), "vi") == "±0,0 điểm %"
    assert points_text(None, "vi") == "—"


def test_card_sums_switch_to_billions_for_a_national_plan():
    from plantrack import measures

    assert measures.large_money(657_700_000, "vi") == "657,7 triệu ₫"
    assert measures.large_money(20_061_671_000_000, "vi") == "20.061,7 tỷ ₫"
    # Read against a national plan, a smaller sum is written in the same unit.
    assert measures.large_money(1_424_193_909_000, "vi", unit=False, scale_of=20_061_671_000_000) == "1.424,2"
    assert measures.large_money(20_061_671_000_000, "en") == "20,061.7 bn ₫"
