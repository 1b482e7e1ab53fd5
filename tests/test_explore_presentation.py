"""Khám phá's results as the pages read them: labelled groups, formatted values, the chart that fits."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd

from plantrack import explore
from plantrack.explore import Exploration


def test_results_read_as_the_pages_read() -> None:
    exploration = Exploration("budget_lines", (), "source", measure="sum", column="planned")
    result = pd.DataFrame({"g1": ["state", None], "n_rows": [2, 1], "value": [1_234_567.0, 0.0]})
    frame, headers = explore.table_frame(result, exploration, "vi")
    assert headers == {"g1": "Nguồn kinh phí", "n_rows": "Số dòng kinh phí", "value": "Tổng dự toán (đồng)"}
    assert frame.to_dict("list") == {
        "g1": ["■ Ngân sách nhà nước", "(trống)"],
        "n_rows": [2, 1],
        "value": [1_234_567.0, 0.0],
    }
    shares = replace(exploration, measure="share", column=None, group2="unit_code")
    assert explore.share_basis(shares, "vi") == (
        "Tỷ lệ = số dòng kinh phí của mỗi phần ÷ tổng số dòng kinh phí trong cùng nhóm «nguồn kinh phí» "
        "(mỗi thanh cộng lại 100%)."
    )
    assert explore.period_label(dt.date(2019, 7, 1), "quarter", "vi") == "Quý III/2019"
    assert explore.period_label(dt.date(2019, 7, 1), "month", "en") == "07/2019"
    assert explore.chart_kind(Exploration("media", (), "published_on", "sentiment")) == "line"
    assert explore.chart_kind(Exploration("media", (), "outlet", "sentiment")) == "stack"
    assert explore.chart_kind(Exploration("media", (), "outlet", "sentiment", "avg", "reach")) == "group"
    assert explore.chart_kind(Exploration("media")) is None


def _chart_frame(labels: list[str], values: list[float], series: list[str] | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {"x": labels, "series": series or [None] * len(labels), "value": values, "text": [str(v) for v in values]}
    )


def test_a_chart_of_more_groups_than_it_can_show_draws_the_largest_first() -> None:
    labels = [f"NV{n}" for n in range(1, 20_001)]
    values = [float(n % 997) for n in range(1, 20_001)]
    values[5] = float("nan")  # no value: never among the largest
    cut = explore.chart_cut(_chart_frame(labels, values), "bar")
    assert cut.groups == (20_000, explore.CHART_GROUPS) and cut.series == (0, 0)
    assert list(cut.frame["value"]) == sorted(cut.frame["value"], reverse=True)
    assert cut.frame["value"].min() >= sorted(v for v in values if v == v)[-explore.CHART_GROUPS]
    # Among equal values the first seen comes first: the same data always draws the same chart.
    assert list(cut.frame["x"][:2]) == ["NV996", "NV1993"]
    exploration = Exploration("tasks", (), "task_code")
    assert explore.chart_cut_notes(cut, exploration, "vi") == (
        "Biểu đồ có 40 trong 20.000 nhóm, giá trị lớn nhất trước; bảng dưới biểu đồ có tất cả.",
    )
    assert explore.chart_cut_notes(cut, exploration, "en") == (
        "The chart shows 40 of 20,000 groups, the largest values first; the table under the chart has them all.",
    )


def test_a_chart_that_fits_is_drawn_as_the_result_orders_it() -> None:
    frame = _chart_frame(["b", "a", "c"], [1.0, 3.0, 2.0])
    cut = explore.chart_cut(frame, "bar")
    pd.testing.assert_frame_equal(cut.frame, frame)
    assert explore.chart_cut_notes(cut, Exploration("tasks", (), "status"), "vi") == ()


def test_a_second_grouping_keeps_the_series_with_the_largest_totals() -> None:
    series = [f"S{n:02d}" for n in range(30)]
    rows = [(group, name, float(n + 1)) for group in ("A", "B") for n, name in enumerate(series)]
    frame = _chart_frame([r[0] for r in rows], [r[2] for r in rows], [r[1] for r in rows])
    cut = explore.chart_cut(frame, "stack")
    assert cut.series == (30, explore.CHART_SERIES) and cut.groups == (2, 2)
    assert sorted(set(cut.frame["series"])) == series[-explore.CHART_SERIES :]
    exploration = Exploration("media", (), "outlet", "topic")
    (note,) = explore.chart_cut_notes(cut, exploration, "vi")
    assert note.startswith("Biểu đồ chia theo 10 trong 30 giá trị của «")


def test_a_line_over_dates_keeps_every_date() -> None:
    days = list(pd.date_range("2019-01-01", periods=365, freq="D"))
    cut = explore.chart_cut(_chart_frame(days, [1.0] * 365), "line")
    assert cut.groups == (365, 365) and len(cut.frame) == 365
