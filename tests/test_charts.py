"""Every chart builder writes numbers the Vietnamese way (and the English way in English), and every
hover says what its mark is and its value, formatted."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from plantrack import charts, measures

D = dt.date
M = 1_000_000


def _status_by_unit(lang):
    frame = pd.DataFrame(
        {
            "unit_name": ["Phòng Thông tin - Báo chí - Xuất bản", "Văn phòng Sở"],
            "role": ["lead", "support"],
            "status": ["on_track", "behind"],
            "tasks": [12_345, 2],
        }
    )
    return charts.status_by_unit(frame, lang)


def _progress_bars(lang):
    frame = pd.DataFrame(
        {
            "task_code": ["NV1", "NV2"],
            "content": ["Tuyên truyền", "Pa nô"],
            "progress": [40.5, 100.0],
            "expected": [75.0, None],
            "status": ["behind", "done"],
            "reason": ["chậm", "xong"],
        }
    )
    return charts.progress_bars(frame, lang)


def _indicators(lang):
    frame = pd.DataFrame(
        {
            "task_code": ["NV1"],
            "indicator": ["Tin bài"],
            "measure_unit": ["tin"],
            "target": [13_456],
            "actual": [12_345],
            "achieved_pct": [100 * 12_345 / 13_456],
        }
    )
    return charts.indicators(frame, lang)


def _progress_history(lang):
    frame = pd.DataFrame(
        {
            "as_of": pd.to_datetime(["2019-03-31", "2019-06-30"] * 2),
            "task_code": ["NV1", "NV1", "NV2", "NV2"],
            "progress": [10.0, 40.0, 0.0, 100.0],
        }
    )
    return charts.progress_history(frame, lang)


def _progress_summary(lang):
    frame = pd.DataFrame(
        {
            "as_of": pd.to_datetime(["2019-03-31", "2019-06-30", "2019-09-30"]),
            "tasks": [20_000, 20_000, 20_000],
            "avg_progress": [10.25, 40.5, 61.0],
            "done": [1_000, 12_345, 15_000],
        }
    )
    return charts.progress_summary(frame, lang)


def _gantt(lang):
    tasks = pd.DataFrame(
        {
            "task_code": ["NV1"],
            "content": ["Tuyên truyền"],
            "start_on": [D(2019, 1, 1)],
            "due_on": [D(2019, 6, 30)],
            "status": ["on_track"],
            "timing_text": ["Quý I–II"],
        }
    )
    milestones = pd.DataFrame(
        {"task_code": ["NV1"], "content": ["Khảo sát"], "due_on": [D(2019, 3, 31)], "state": ["ms_due"]}
    )
    return charts.gantt(tasks, milestones, 2019, D(2019, 3, 15), lang)


def _planned_vs_disbursed(lang):
    frame = pd.DataFrame(
        {
            "unit_name": ["Văn phòng Sở", "Phòng TTBCXB"],
            "planned": [923_000_000, 400_000_000],
            "disbursed": [12_345_678, 0],
        }
    )
    return charts.planned_vs_disbursed(frame, "unit_name", lang)


def _budget_by_source(lang):
    frame = pd.DataFrame({"source": ["state", "social"], "planned": [555 * M, 50 * M], "disbursed": [417 * M, 0]})
    return charts.budget_by_source(frame, lang)


def _cumulative_disbursement(lang):
    months = pd.to_datetime([f"2019-{m:02d}-01" for m in (7, 8, 9)])
    frame = pd.DataFrame(
        {
            "month_start": months,
            "disbursed": [5 * M, 0, 7 * M],
            "cumulative": [40 * M, 40 * M, 47 * M],
            "planned_total": [923 * M] * 3,
        }
    )
    return charts.cumulative_disbursement(frame, lang)


def _spend_vs_progress(lang):
    frame = pd.DataFrame({"task_code": ["NV1"], "content": ["Pa nô"], "disbursed_pct": [55.5], "progress": [40.0]})
    return charts.spend_vs_progress(frame, lang)


def _spend_vs_progress_grid(lang):
    frame = pd.DataFrame(
        {
            "task_code": [f"NV{i}" for i in range(1_500)],
            "content": "x",
            "disbursed_pct": [55.0] * 1_500,
            "progress": [40.0] * 1_500,
        }
    )
    return charts.spend_vs_progress_grid(frame, lang)


def _media_volume(lang):
    frame = pd.DataFrame(
        {
            "period_start": pd.to_datetime(["2019-07-01", "2019-08-01"]),
            "sentiment": ["positive", "negative"],
            "mentions": [1_000, 12_345],
        }
    )
    return charts.media_volume(frame, "month", lang)


def _net_sentiment(lang):
    frame = pd.DataFrame(
        {
            "period_start": pd.to_datetime(["2019-07-01", "2019-08-01"]),
            "positive": [1_000, 3],
            "negative": [12_345, 1],
            "mentions": [13_345, 4],
            "net_sentiment": [-0.85, 0.5],
        }
    )
    return charts.net_sentiment(frame, "month", lang)


def _mentions_by(lang):
    frame = pd.DataFrame(
        {"outlet": ["Báo Gia Lai", "VnExpress"], "sentiment": ["positive", "negative"], "mentions": [12_345, 1_000]}
    )
    return charts.mentions_by(frame, "outlet", lang)


def _negative_spikes(lang):
    weeks = pd.to_datetime(["2019-07-01", "2019-07-08", "2019-07-15"])
    frame = pd.DataFrame(
        {
            "week_start": weeks,
            "negative": [1_000, 1_200, 12_345],
            "norm": [900.0, 1_000.0, 1_100.0],
            "spread": [10.0, 10.0, 10.0],
            "is_spike": [False, False, True],
        }
    )
    return charts.negative_spikes(frame, lang)


def _group_counts(lang):
    return charts.group_counts(
        {"done_on_time": 12_345, "done_late": 13, "open_in_time": 7_000, "open_overdue": 642}, lang
    )


def _explore(lang):
    frame = pd.DataFrame(
        {
            "x": ["Văn phòng Sở", "Phòng TTBCXB"],
            "series": [None, None],
            "value": [1_188.0, 12_345.0],
            "text": ["1.188", "12.345"],
        }
    )
    return charts.explore(frame, "bar", "Số nhiệm vụ", "int", lang)


BUILDERS = {
    "status_by_unit": _status_by_unit,
    "progress_bars": _progress_bars,
    "indicators": _indicators,
    "progress_history": _progress_history,
    "progress_summary": _progress_summary,
    "gantt": _gantt,
    "planned_vs_disbursed": _planned_vs_disbursed,
    "budget_by_source": _budget_by_source,
    "cumulative_disbursement": _cumulative_disbursement,
    "spend_vs_progress": _spend_vs_progress,
    "spend_vs_progress_grid": _spend_vs_progress_grid,
    "media_volume": _media_volume,
    "net_sentiment": _net_sentiment,
    "mentions_by": _mentions_by,
    "negative_spikes": _negative_spikes,
    "group_counts": _group_counts,
    "explore": _explore,
}
# Number axes take their format from measures: thousands grouped, except the −1…1 index.
AXIS_FORMATS = {measures.COUNT_FORMAT, measures.MILLIONS_FORMAT, measures.NUMBER_FORMAT, measures.INDEX_FORMAT}
# A value printed as Plotly has it (12345), or as a whole number without the thousands mark.
BARE = re.compile(r"%\{([xyz])\}")
UNGROUPED_WHOLE = re.compile(r"%\{[xyz]:\.?0?[df]\}(?!%)")


def test_every_chart_builder_is_tested():
    returns_figures = {
        name
        for name, value in vars(charts).items()
        if callable(value) and not name.startswith("_") and "Figure" in str(value.__annotations__.get("return", ""))
    }
    assert set(BUILDERS) == returns_figures


def _number_formats(fig: go.Figure) -> list[str]:
    axes = [fig.layout[key] for key in fig.layout if key.startswith(("xaxis", "yaxis"))]
    return [a.tickformat for a in axes if a.tickformat and not a.tickformat.startswith("%") and a.type != "date"]


@pytest.mark.parametrize("name", sorted(BUILDERS))
@pytest.mark.parametrize(("lang", "separators"), [("vi", ",."), ("en", ".,")])
def test_chart_numbers_follow_the_language(name, lang, separators):
    fig = BUILDERS[name](lang)
    assert fig is not None
    # Plotly's `separators`: the decimal mark first, then the thousands mark.
    assert fig.layout.separators == separators
    for fmt in _number_formats(fig):
        assert fmt in AXIS_FORMATS, (name, fmt)
    for trace in fig.data:
        template = trace.hovertemplate or ""
        assert trace.hoverinfo == "skip" or template, (name, trace.name)
        # px's defaults read "unit_name=…<br>tasks=2"; a bare %{y} prints 12345.
        assert "=%{" not in template, (name, template)
        assert not UNGROUPED_WHOLE.search(template), (name, template)
        for axis in BARE.findall(template):
            # %{y} alone is fine where y holds labels (unit names, task codes), not numbers.
            values = getattr(trace, axis)
            assert values is not None and all(isinstance(v, str) for v in values), (name, template)


def _texts(fig: go.Figure) -> str:
    """Every label drawn on the bars, cells and points, as one text to search."""
    return " | ".join(str(trace.text) for trace in fig.data if trace.text is not None)


@pytest.mark.parametrize(
    ("name", "vi", "en"),
    [
        ("group_counts", "12.345", "12,345"),
        ("indicators", "12.345 / 13.456 tin", "12,345 / 13,456 tin"),
        ("planned_vs_disbursed", "12,3 triệu ₫", "12.3 million ₫"),
        ("spend_vs_progress_grid", "1.500", "1,500"),
    ],
)
def test_labels_inside_charts_are_formatted(name, vi, en):
    assert f"'{vi}'" in _texts(BUILDERS[name]("vi"))
    assert f"'{en}'" in _texts(BUILDERS[name]("en"))


def test_the_smallest_group_is_named_in_the_legend_not_cut_in_its_bar():
    fig = _group_counts("vi")
    late = next(trace for trace in fig.data if "quá hạn" in trace.name and trace.x[0] == 13)
    assert late.name.endswith(": 13")
    assert list(late.text) == [""]  # 13 of 20.000 is too thin for a label


@pytest.mark.parametrize(
    ("lang", "names"), [("vi", ["Ngân sách nhà nước", "Xã hội hóa"]), ("en", ["State budget", "Private contributions"])]
)
def test_funding_sources_are_named_in_the_readers_language(lang, names):
    assert list(_budget_by_source(lang).data[0].y) == names


def test_money_axes_are_in_millions():
    fig = _planned_vs_disbursed("vi")
    assert fig.layout.xaxis.tickformat == measures.MILLIONS_FORMAT
    assert fig.layout.xaxis.title.text == "Triệu đồng"
    assert max(fig.data[0].x) == 923.0


@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
def test_a_quarter_of_months_has_each_month_once(quarter):
    months = pd.to_datetime([f"2019-{3 * quarter - 2 + i:02d}-01" for i in range(3)])
    frame = pd.DataFrame({"period_start": months, "sentiment": "neutral", "mentions": [1, 2, 3]})
    fig = charts.media_volume(frame, "month", "vi")
    assert list(pd.to_datetime(fig.layout.xaxis.tickvals)) == list(months)
    assert fig.layout.xaxis.tickformat == "%m/%Y"


def test_weekly_ticks_are_dated_weeks_not_months():
    weeks = pd.date_range("2019-07-01", periods=13, freq="7D")
    frame = pd.DataFrame({"period_start": weeks, "sentiment": "neutral", "mentions": 1})
    fig = charts.media_volume(frame, "week", "vi")
    assert fig.layout.xaxis.tickformat == "%d/%m/%Y"
    ticks = pd.to_datetime(fig.layout.xaxis.tickvals)
    assert set(ticks) <= set(weeks) and len(ticks) <= 13


@pytest.mark.parametrize(
    ("names", "shown"),
    [
        (["Báo Phát thanh - Truyền hình Thanh Hóa điện tử"], ["Báo Phát thanh…điện tử"]),
        # Stations of one kind differ at the end: the axis keeps the province.
        (
            ["Đài Phát thanh - Truyền hình Hà Nội", "Đài Phát thanh - Truyền hình TP. Hồ Chí Minh"],
            ["Đài Phát thanh…Hà Nội", "Đài Phát thanh…Chí Minh"],
        ),
        # Two names that would shorten alike keep their whole names.
        (
            ["Đài Phát thanh - Truyền hình tỉnh Bắc Ninh", "Đài Phát thanh - Truyền hình thị xã Bắc Ninh"],
            ["Đài Phát thanh - Truyền hình tỉnh Bắc Ninh", "Đài Phát thanh - Truyền hình thị xã Bắc Ninh"],
        ),
        (
            ["Báo Gia Lai", "Pneumonoultramicroscopicsilicovolcanoconiosis"],
            ["Báo Gia Lai", "Pneumonoultr…lcanoconiosis"],
        ),
    ],
)
def test_long_outlet_names_are_shortened_on_the_axis_and_whole_in_the_hover(names, shown):
    frame = pd.DataFrame({"outlet": names, "sentiment": "positive", "mentions": range(len(names), 0, -1)})
    fig = charts.mentions_by(frame, "outlet", "vi")
    assert dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext)) == dict(zip(names, shown))
    assert set(fig.data[0].y) == set(names)


@pytest.mark.parametrize(("tasks", "size"), [(999, 12), (1_500, 9)])
def test_the_spend_grid_writes_counts_of_a_thousand_smaller_so_neighbours_do_not_run_together(tasks, size):
    frame = pd.DataFrame({"disbursed_pct": [95.0] * tasks + [5.0], "progress": [95.0] * tasks + [5.0]})
    assert charts.spend_vs_progress_grid(frame, "vi").data[0].textfont.size == size
