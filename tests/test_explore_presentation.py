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
