"""Named queries: for given rows, the whole expected frame (grain and parameters in each file's header)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from plantrack import importer, queries
from plantrack.excel import workbook_bytes

D = dt.date
Q1, Q2 = D(2019, 3, 31), D(2019, 6, 30)
M = 1_000_000


def _task(code, lead, support, ongoing, start, due, progress, state, completed=None, updated=None):
    return {
        "task_code": code,
        "content": f"Nhiệm vụ {code}",
        "lead_unit": lead,
        "support_units": support,
        "timing_text": "Thường xuyên trong năm 2019" if ongoing else f"Hoàn thành ngày {due:%d/%m/%Y}",
        "is_ongoing": ongoing,
        "start_on": start,
        "due_on": due,
        "progress": progress,
        "state": state,
        "completed_on": completed,
        "updated_on": updated,
        "note": None,
    }


def _mention(day, outlet, scope, sentiment, is_false=False, response=None, responded=None, topic="du lịch"):
    return {
        "published_on": day,
        "outlet": outlet,
        "scope": scope,
        "medium": "online",
        "language": "Tiếng Việt",
        "title": f"{outlet} {day:%d/%m}",
        "summary": None,
        "url": f"https://tin.vn/{outlet}/{day:%m%d}".replace(" ", "-"),
        "topic": topic,
        "sentiment": sentiment,
        "is_false": is_false,
        "task_code": "NV1",
        "response": response,
        "responded_on": responded,
        "reach": None,
    }


def _plan(quarter: int) -> dict[str, pd.DataFrame]:
    first = quarter == 1
    payments = [("NS01", D(2019, 2, 15), 30 * M, "UNC 1"), ("NS02", D(2019, 3, 1), 5 * M, "UNC 2")]
    if not first:
        payments.append(("NS01", D(2019, 5, 10), 20 * M, "UNC 3"))
    mentions = (
        []
        if first
        else [
            _mention(D(2019, 3, 5), "Báo Gia Lai", "domestic", "positive"),
            _mention(D(2019, 3, 20), "RFA", "foreign", "negative", True, "refuted", D(2019, 3, 25), "biên giới"),
            _mention(D(2019, 4, 2), "Báo Gia Lai", "domestic", "neutral"),
            _mention(D(2019, 4, 3), "VnExpress", "domestic", "negative", topic="đầu tư"),
            _mention(D(2019, 6, 10), "RFA", "foreign", "negative", True, topic="biên giới"),
            _mention(D(2019, 6, 28), "BBC Tiếng Việt", "foreign", "negative", True, "reported", topic="tôn giáo"),
        ]
    )
    return {
        "plan_info": pd.DataFrame([{"title": "Kế hoạch kiểm thử", "doc_number": "9/KH", "year": 2019}]),
        "units": pd.DataFrame(
            [
                {"unit_code": "P.TTBCXB", "unit_name": "Phòng TTBCXB", "unit_kind": "internal"},
                {"unit_code": "VP", "unit_name": "Văn phòng Sở", "unit_kind": "internal"},
                {"unit_code": "SNV", "unit_name": "Sở Ngoại vụ", "unit_kind": "external"},
            ]
        ),
        "tasks": pd.DataFrame(
            [
                _task(
                    "NV1",
                    "P.TTBCXB",
                    ["VP"],
                    True,
                    D(2019, 1, 1),
                    D(2019, 12, 31),
                    25 if first else 50,
                    "in_progress",
                    updated=D(2019, 3, 15) if first else D(2019, 6, 20),
                ),
                _task("NV2", "VP", [], False, None, D(2019, 3, 31), 100, "done", D(2019, 3, 29), D(2019, 3, 29)),
                _task(
                    "NV3",
                    "P.TTBCXB",
                    ["VP", "SNV"],
                    False,
                    D(2019, 1, 1),
                    D(2019, 9, 30),
                    10 if first else 40,
                    "in_progress",
                    updated=D(2019, 3, 30),
                ),
            ]
        ),
        "indicators": pd.DataFrame(
            [
                {
                    "task_code": "NV3",
                    "indicator": "Cụm pa nô",
                    "measure_unit": "cụm",
                    "target": 2,
                    "actual": 0 if first else 1,
                    "note": None,
                }
            ]
        ),
        "milestones": pd.DataFrame(
            [
                {
                    "milestone_code": "M1",
                    "task_code": "NV3",
                    "content": "Khảo sát",
                    "due_on": D(2019, 3, 31),
                    "quarter": None,
                    "completed_on": D(2019, 3, 25),
                    "unit_code": "P.TTBCXB",
                    "note": None,
                },
                {
                    "milestone_code": "M2",
                    "task_code": "NV3",
                    "content": "Chọn nhà thầu",
                    "due_on": D(2019, 6, 30),
                    "quarter": None,
                    "completed_on": None,
                    "unit_code": "VP",
                    "note": None,
                },
                {
                    "milestone_code": "M3",
                    "task_code": "NV2",
                    "content": "Danh sách",
                    "due_on": D(2019, 3, 31),
                    "quarter": None,
                    "completed_on": D(2019, 3, 29),
                    "unit_code": "VP",
                    "note": None,
                },
                {
                    "milestone_code": "M4",
                    "task_code": "NV1",
                    "content": "Tổng kết",
                    "due_on": D(2019, 12, 31),
                    "quarter": None,
                    "completed_on": None,
                    "unit_code": "P.TTBCXB",
                    "note": None,
                },
            ]
        ),
        "budget_lines": pd.DataFrame(
            [
                {
                    "line_code": "NS01",
                    "task_code": "NV3",
                    "content": "Pa nô",
                    "source": "state",
                    "unit_code": "VP",
                    "planned": 100 * M,
                    "note": None,
                },
                {
                    "line_code": "NS02",
                    "task_code": "NV1",
                    "content": "Theo dõi báo chí",
                    "source": "integrated",
                    "unit_code": "P.TTBCXB",
                    "planned": 20 * M,
                    "note": None,
                },
                {
                    "line_code": "NS03",
                    "task_code": None,
                    "content": "Tài trợ",
                    "source": "social",
                    "unit_code": "VP",
                    "planned": 5 * M,
                    "note": None,
                },
            ]
        ),
        "disbursements": pd.DataFrame(
            [{"line_code": c, "paid_on": d, "amount": a, "voucher": v, "note": None} for c, d, a, v in payments]
        ),
        "media": pd.DataFrame(mentions, columns=list(_mention(D(2019, 1, 1), "x", "domestic", "neutral"))),
    }


@pytest.fixture(scope="module")
def cur(tmp_path_factory):
    from plantrack.db import connect

    con = connect(tmp_path_factory.mktemp("q") / "q.duckdb")
    for quarter, as_of in ((1, Q1), (2, Q2)):
        preview = importer.prepare(con, workbook_bytes(_plan(quarter)), f"q{quarter}.xlsx", as_of=as_of)
        assert not preview.errors, [p.line("en") for p in preview.errors]
        importer.commit(con, preview, "tester")
    yield con.cursor()
    con.close()


BASE = {"plan_id": 1, "version_id": 2, "units": [], "quarter": 0, "year": 2019, "until": Q2}


def _run(cur, name, **params):
    return queries.run(cur, name, **{**BASE, **params})


def _expect(actual: pd.DataFrame, rows: list[tuple], columns: list[str]) -> None:
    expected = pd.DataFrame(rows, columns=columns)
    got = actual[columns].reset_index(drop=True)
    for column in columns:
        if pd.api.types.is_datetime64_any_dtype(got[column]):
            got[column] = [None if pd.isna(v) else v.date() for v in got[column]]
    got = got.astype(object).where(got.notna(), None)
    pd.testing.assert_frame_equal(got, expected.astype(object).where(expected.notna(), None), check_dtype=False)


def test_every_query_file_states_its_grain_and_parameters():
    for name in queries.names():
        header = queries.sql(name).splitlines()[:3]
        assert header[0].startswith("-- one row"), name
        assert any(line.startswith("-- parameters:") for line in header), name
        declared = set(re.findall(r"\$([a-z_]+)", next(line for line in header if "parameters" in line)))
        assert declared == queries.parameters(name), name


def test_budget_by_source_sums_planned_and_disbursed_per_funding_source(cur):
    _expect(
        _run(cur, "budget_by_source"),
        [("state", 100 * M, 50 * M), ("integrated", 20 * M, 5 * M), ("social", 5 * M, 0)],
        ["source", "planned", "disbursed"],
    )


def test_budget_as_of_the_first_quarter_leaves_out_later_payments(cur):
    _expect(_run(cur, "budget_totals", version_id=1, until=Q1), [(125 * M, 35 * M)], ["planned", "disbursed"])


def test_budget_by_unit_with_a_unit_filter(cur):
    _expect(
        _run(cur, "budget_by_unit"),
        [("VP", "Văn phòng Sở", 105 * M, 50 * M), ("P.TTBCXB", "Phòng TTBCXB", 20 * M, 5 * M)],
        ["unit_code", "unit_name", "planned", "disbursed"],
    )
    _expect(
        _run(cur, "budget_by_unit", units=["P.TTBCXB"]),
        [("P.TTBCXB", "Phòng TTBCXB", 20 * M, 5 * M)],
        ["unit_code", "unit_name", "planned", "disbursed"],
    )


def test_budget_by_task_gives_each_task_its_money_share_and_progress(cur):
    _expect(
        _run(cur, "budget_by_task"),
        [("NV1", 20 * M, 5 * M, 25.0, 50.0), ("NV3", 100 * M, 50 * M, 50.0, 40.0), ("—", 5 * M, 0, 0.0, None)],
        ["task_code", "planned", "disbursed", "disbursed_pct", "progress"],
    )


def test_cumulative_disbursement_by_month(cur):
    frame = _run(cur, "disbursement_by_month")
    assert len(frame) == 12
    _expect(
        frame.iloc[:7],
        [
            (D(2019, 1, 1), 0, 0),
            (D(2019, 2, 1), 30 * M, 30 * M),
            (D(2019, 3, 1), 5 * M, 35 * M),
            (D(2019, 4, 1), 0, 35 * M),
            (D(2019, 5, 1), 20 * M, 55 * M),
            (D(2019, 6, 1), 0, 55 * M),
            (D(2019, 7, 1), 0, None),
        ],
        ["month_start", "disbursed", "cumulative"],
    )
    assert set(frame["planned_total"]) == {125 * M}


def test_media_by_scope_counts_mentions_per_scope_and_sentiment(cur):
    _expect(
        _run(cur, "media_by_scope"),
        [
            ("domestic", "negative", 1),
            ("domestic", "neutral", 1),
            ("domestic", "positive", 1),
            ("foreign", "negative", 3),
        ],
        ["scope", "sentiment", "mentions"],
    )


def test_media_volume_by_month_and_quarter(cur):
    _expect(
        _run(cur, "media_volume", grain="month"),
        [
            (D(2019, 3, 1), "negative", 1),
            (D(2019, 3, 1), "positive", 1),
            (D(2019, 4, 1), "negative", 1),
            (D(2019, 4, 1), "neutral", 1),
            (D(2019, 6, 1), "negative", 2),
        ],
        ["period_start", "sentiment", "mentions"],
    )
    _expect(
        _run(cur, "media_volume", grain="month", quarter=1),
        [(D(2019, 3, 1), "negative", 1), (D(2019, 3, 1), "positive", 1)],
        ["period_start", "sentiment", "mentions"],
    )


def test_net_sentiment_is_positive_minus_negative_over_mentions_per_period(cur):
    _expect(
        _run(cur, "media_net_sentiment", grain="month"),
        [
            (D(2019, 3, 1), 1, 1, 2, 0.0),
            (D(2019, 4, 1), 0, 1, 2, -1.0),
            (D(2019, 6, 1), 0, 2, 2, -1.0),
        ],
        ["period_start", "positive", "negative", "mentions", "net_sentiment"],
    )


def test_top_outlets_are_ranked_by_mentions_with_their_sentiments(cur):
    _expect(
        _run(cur, "media_top_outlets"),
        [
            ("Báo Gia Lai", "domestic", 2, 1, 1, 0),
            ("RFA", "foreign", 2, 0, 0, 2),
            ("BBC Tiếng Việt", "foreign", 1, 0, 0, 1),
            ("VnExpress", "domestic", 1, 0, 0, 1),
        ],
        ["outlet", "scope", "mentions", "positive", "neutral", "negative"],
    )


def test_false_information_cases_with_days_to_respond(cur):
    _expect(
        _run(cur, "false_info_cases"),
        [
            (D(2019, 6, 28), "BBC Tiếng Việt", "reported", None, None, 2),
            (D(2019, 6, 10), "RFA", None, None, None, 20),
            (D(2019, 3, 20), "RFA", "refuted", D(2019, 3, 25), 5, None),
        ],
        ["published_on", "outlet", "response", "responded_on", "days_to_respond", "days_open"],
    )


def test_media_kpis_count_this_and_last_month_and_the_open_false_cases(cur):
    _expect(
        _run(cur, "media_kpis"),
        [(2, 2, 0, 3, 2, 6)],
        ["month_mentions", "month_negative", "previous_month_mentions", "false_cases", "false_open", "mentions"],
    )


def test_milestone_quarter_grid_counts_each_state_per_quarter_at_the_as_of_date(cur):
    # On 30/06 M2 is due that day (soon), M4 on 31/12 is months away: not yet due, not "coming due".
    _expect(
        _run(cur, "milestone_quarter_grid"),
        [(1, 2, 0, 0, 0, 2), (2, 0, 1, 0, 0, 1), (3, 0, 0, 0, 0, 0), (4, 0, 0, 0, 1, 1)],
        ["quarter", "ms_done", "ms_due", "ms_late", "ms_ahead", "milestones"],
    )
    _expect(
        _run(cur, "milestone_quarter_grid", until=D(2019, 7, 1)),
        [(1, 2, 0, 0, 0, 2), (2, 0, 0, 1, 0, 1), (3, 0, 0, 0, 0, 0), (4, 0, 0, 0, 1, 1)],
        ["quarter", "ms_done", "ms_due", "ms_late", "ms_ahead", "milestones"],
    )


@pytest.mark.parametrize(
    ("until", "due_soon_days", "state"),
    [
        (D(2019, 12, 17), 14, "ms_due"),  # M4 due 31/12: 14 days ahead, inside the window
        (D(2019, 12, 16), 14, "ms_ahead"),  # 15 days ahead
        (D(2019, 12, 16), 15, "ms_due"),
        (D(2019, 12, 31), 0, "ms_due"),  # due today
        (D(2019, 12, 30), 0, "ms_ahead"),
        (D(2020, 1, 1), 14, "ms_late"),
        (D(2019, 7, 1), 14, "ms_ahead"),  # months away
    ],
)
def test_a_milestone_is_coming_due_only_within_the_window(cur, until, due_soon_days, state):
    params = {"until": until, "due_soon_days": due_soon_days}
    assert _run(cur, "task_milestones", task_code="NV1", **params)["state"].tolist() == [state]
    listed = _run(cur, "milestones_at_version", **params)
    assert listed.loc[listed["milestone_code"] == "M4", "state"].tolist() == [state]
    assert _run(cur, "milestone_quarter_grid", **params).loc[3, state] == 1


def test_a_change_of_progress_dates_the_task_by_its_upload(cur):
    # NV1 and NV3 moved in the upload of 30/06; NV2 stayed at 100%; nothing had changed in the first upload.
    _expect(
        _run(cur, "tasks_at_version"),
        [("NV1", Q2), ("NV2", None), ("NV3", Q2)],
        ["task_code", "progress_changed_on"],
    )
    _expect(
        _run(cur, "tasks_at_version", version_id=1, until=Q1),
        [("NV1", None), ("NV2", None), ("NV3", None)],
        ["task_code", "progress_changed_on"],
    )


@pytest.mark.parametrize(
    ("quarter", "totals", "months"),
    [
        (0, (125 * M, 55 * M), [D(2019, m, 1) for m in range(1, 13)]),
        (1, (125 * M, 35 * M), [D(2019, 1, 1), D(2019, 2, 1), D(2019, 3, 1)]),
        (2, (125 * M, 20 * M), [D(2019, 4, 1), D(2019, 5, 1), D(2019, 6, 1)]),
        (3, (125 * M, 0), [D(2019, 7, 1), D(2019, 8, 1), D(2019, 9, 1)]),
        (4, (125 * M, 0), [D(2019, 10, 1), D(2019, 11, 1), D(2019, 12, 1)]),
    ],
)
def test_the_budget_honours_the_quarter(cur, quarter, totals, months):
    _expect(_run(cur, "budget_totals", quarter=quarter), [totals], ["planned", "disbursed"])
    assert _run(cur, "budget_by_source", quarter=quarter)["disbursed"].sum() == totals[1]
    assert _run(cur, "budget_by_unit", quarter=quarter)["disbursed"].sum() == totals[1]
    assert _run(cur, "budget_by_task", quarter=quarter)["disbursed"].sum() == totals[1]
    by_month = _run(cur, "disbursement_by_month", quarter=quarter)
    assert [d.date() for d in by_month["month_start"]] == months
    # The cumulative line carries the earlier quarters: Q2 starts from the 35 million paid in Q1.
    if quarter == 2:
        assert list(by_month["cumulative"]) == [35 * M, 55 * M, 55 * M]


@pytest.mark.parametrize(("quarter", "mentions", "negative"), [(0, 0, 0), (1, 2, 1), (2, 4, 3), (3, 0, 0)])
def test_mentions_of_the_chosen_quarter(cur, quarter, mentions, negative):
    _expect(_run(cur, "media_kpis", quarter=quarter), [(mentions, negative)], ["quarter_mentions", "quarter_negative"])


def test_press_of_a_quarter_against_the_one_before_and_a_year_earlier(cur):
    from plantrack import press

    comparison = press.compare(cur, 1, 2, Q2, D(2019, 4, 1), D(2019, 6, 30))
    assert (comparison.current.mentions, comparison.current.outlets) == (4, 4)
    assert (comparison.previous.mentions, comparison.previous.outlets) == (2, 2)
    assert (comparison.year_before.mentions, comparison.year_before.outlets) == (0, 0)
    assert comparison.current.share("negative") == 75
    assert comparison.change("negative", "previous") == 25
    assert comparison.change("positive", "previous") == -50
    assert comparison.change("foreign", "previous") == 0
    assert comparison.change("negative", "year_before") is None
    # Up to the as-of date only: on 05/06 the BBC and second RFA mentions are not yet published.
    early = press.compare(cur, 1, 2, D(2019, 6, 5), D(2019, 4, 1), D(2019, 6, 30))
    assert (early.current.mentions, early.current.ends_on) == (2, D(2019, 6, 5))


@pytest.mark.parametrize(("quarter", "cases"), [(0, 3), (1, 1), (2, 2), (3, 0)])
def test_false_cases_of_the_chosen_quarter(cur, quarter, cases):
    assert len(_run(cur, "false_info_cases", quarter=quarter)) == cases


@pytest.mark.parametrize("quarter", [0, 1, 2, 3, 4])
def test_spike_weeks_of_the_chosen_quarter(cur, quarter):
    weeks = _run(cur, "media_negative_spikes", quarter=quarter)["week_start"]
    everything = _run(cur, "media_negative_spikes")["week_start"]
    assert list(weeks) == [w for w in everything if quarter == 0 or (w.month - 1) // 3 + 1 == quarter]


def test_tasks_filtered_by_unit_and_quarter(cur):
    _expect(_run(cur, "tasks_at_version"), [("NV1",), ("NV2",), ("NV3",)], ["task_code"])
    _expect(_run(cur, "tasks_at_version", units=["SNV"]), [("NV3", "Phòng TTBCXB")], ["task_code", "lead_unit_name"])
    _expect(_run(cur, "tasks_at_version", quarter=4), [("NV1",)], ["task_code"])
    _expect(_run(cur, "tasks_at_version", units=["VP"], quarter=1), [("NV1",), ("NV2",), ("NV3",)], ["task_code"])


def test_upcoming_deadlines_list_milestones_and_tasks_by_days_left(cur):
    _expect(
        _run(cur, "upcoming_deadlines"),
        [
            ("milestone", "NV3", D(2019, 6, 30), 0),
            ("task", "NV3", D(2019, 9, 30), 92),
            ("milestone", "NV1", D(2019, 12, 31), 184),
        ],
        ["kind", "task_code", "due_on", "days_left"],
    )


def test_what_changed_since_the_previous_version(cur):
    _expect(
        _run(cur, "version_changes"),
        [("tasks", 0, 2, 0), ("indicators", 0, 1, 0), ("disbursements", 1, 0, 0), ("media", 6, 0, 0)],
        ["sheet", "added", "changed", "removed"],
    )
    _expect(
        _run(cur, "task_changes"),
        [("NV1", 25.0, 50.0), ("NV3", 10.0, 40.0)],
        ["task_code", "old_progress", "new_progress"],
    )


def test_the_changes_count_the_plan_sheet_and_the_outlet_directory_too(tmp_path):
    from plantrack.db import connect

    con = connect(tmp_path / "changes.duckdb")
    again = _plan(1)
    again["plan_info"] = again["plan_info"].assign(title="Kế hoạch kiểm thử (sửa đổi)")
    again["outlets"] = pd.DataFrame([{"outlet": "Báo Gia Lai", "scope": "domestic"}])
    for plan, as_of in ((_plan(1), Q1), (again, Q2)):
        preview = importer.prepare(con, workbook_bytes(plan), "plan.xlsx", as_of=as_of)
        assert not preview.errors, [p.line("en") for p in preview.errors]
        importer.commit(con, preview, "tester")
    _expect(
        _run(con.cursor(), "version_changes"),
        [("plan_info", 0, 1, 0), ("outlets", 1, 0, 0)],
        ["sheet", "added", "changed", "removed"],
    )
    con.close()


def test_progress_history_across_versions(cur):
    _expect(
        _run(cur, "progress_history"),
        [
            (D(2019, 3, 31), "NV1", 25.0),
            (D(2019, 3, 31), "NV2", 100.0),
            (D(2019, 3, 31), "NV3", 10.0),
            (D(2019, 6, 30), "NV1", 50.0),
            (D(2019, 6, 30), "NV2", 100.0),
            (D(2019, 6, 30), "NV3", 40.0),
        ],
        ["as_of", "task_code", "progress"],
    )


def test_progress_history_of_the_plan_as_a_whole(cur):
    """The summary a large plan shows instead of a line per task: the same rows, aggregated per date."""
    _expect(
        _run(cur, "progress_history_summary"),
        [(D(2019, 3, 31), 3, 45.0, 1), (D(2019, 6, 30), 3, 190 / 3, 1)],
        ["as_of", "tasks", "avg_progress", "done"],
    )
    _expect(
        _run(cur, "progress_history_summary", version_id=1),
        [(D(2019, 3, 31), 3, 45.0, 1)],
        ["as_of", "tasks", "avg_progress", "done"],
    )
    _expect(
        _run(cur, "progress_history_summary", units=["SNV"]),  # supports NV3 only
        [(D(2019, 3, 31), 1, 10.0, 0), (D(2019, 6, 30), 1, 40.0, 0)],
        ["as_of", "tasks", "avg_progress", "done"],
    )


def test_indicators_give_the_achieved_share_at_each_version(cur):
    _expect(
        _run(cur, "indicators_at_version"),
        [("NV3", "Cụm pa nô", 2.0, 1.0, 50.0)],
        ["task_code", "indicator", "target", "actual", "achieved_pct"],
    )
    _expect(
        _run(cur, "indicators_at_version", version_id=1),
        [("NV3", "Cụm pa nô", 2.0, 0.0, 0.0)],
        ["task_code", "indicator", "target", "actual", "achieved_pct"],
    )


def test_negative_spikes_need_a_history_before_they_fire(cur):
    frame = _run(cur, "media_negative_spikes")
    assert frame["negative"].sum() == 4
    assert not frame["is_spike"].any()
