"""Khám phá's SQL: each dataset × each kind of filter compared as whole frames, the rows listing, the
filter choices, and crafted input that stays data."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from explore_plan import AS_OF, CRAFTED, PARAMS

from plantrack import explore
from plantrack.explore import BLANK, Exploration, Filter


def _aggregate(explore_cur, exploration: Exploration) -> pd.DataFrame:
    return explore.aggregate(explore_cur, exploration, PARAMS)


def _expect(rows: list[tuple], columns: tuple[str, ...]) -> pd.DataFrame:
    """Dates group into DuckDB dates, which pandas reads as timestamps."""
    timestamped = [tuple(pd.Timestamp(v) if isinstance(v, dt.date) else v for v in row) for row in rows]
    return pd.DataFrame(timestamped, columns=list(columns))


def _same(actual: pd.DataFrame, rows: list[tuple], columns: tuple[str, ...]) -> None:
    expected = _expect(rows, columns)
    actual = actual.astype({c: "object" for c in columns if c.startswith("g")})
    pd.testing.assert_frame_equal(actual.reset_index(drop=True), expected, check_dtype=False, atol=1e-9)


ONE = ("g1", "n_rows", "value")
TWO = ("g1", "g2", "n_rows", "value")
TOTAL = ("n_rows", "value")


CASES = {
    # tasks: NV1 ongoing on track, NV2 done on time, NV3 overdue (due 28/02, 40%)
    "tasks-category": (
        Exploration("tasks", (Filter("lead_unit", values=("P.TTBCXB",)),), "status"),
        [("on_track", 1, 1), ("overdue", 1, 1)],
        ONE,
    ),
    "tasks-list": (
        Exploration("tasks", (Filter("support_units", values=("VP",)),), "lead_unit"),
        [("P.TTBCXB", 1, 1)],
        ONE,
    ),
    "tasks-date": (
        Exploration("tasks", (Filter("due_on", low=dt.date(2019, 3, 1), high=dt.date(2019, 12, 31)),), "group"),
        [("done_on_time", 1, 1), ("open_in_time", 1, 1)],
        ONE,
    ),
    "tasks-number": (
        Exploration("tasks", (Filter("progress", low=40.0, high=60.0),), "status", measure="avg", column="progress"),
        [("on_track", 1, 50.0), ("overdue", 1, 40.0)],
        ONE,
    ),
    "tasks-text": (Exploration("tasks", (Filter("content", text="DANH SACH"),)), [(1, 1)], TOTAL),
    "tasks-bool": (
        Exploration("tasks", (Filter("is_ongoing", values=("no",)),), "status", "lead_unit"),
        [("done", "VP", 1, 1), ("overdue", "P.TTBCXB", 1, 1)],
        TWO,
    ),
    # milestones at 31/03: M1 done, M2 late (VP), M3 due in Q2, M4 done 5 days late
    "milestones-category": (
        Exploration("milestones", (Filter("unit_code", values=("VP",)),), "state"),
        [("ms_done", 1, 1), ("ms_late", 1, 1)],
        ONE,
    ),
    "milestones-date": (
        Exploration("milestones", (Filter("due_on", high=dt.date(2019, 3, 31)),), "quarter", "state"),
        [(1, "ms_done", 2, 2), (1, "ms_late", 1, 1)],
        TWO,
    ),
    "milestones-number": (
        Exploration("milestones", (Filter("days_late", low=1.0),), "task_code", measure="sum", column="days_late"),
        [("NV3", 1, 5.0)],
        ONE,
    ),
    "milestones-text": (
        Exploration("milestones", (Filter("content", text="báo cáo"),), "quarter"),
        [(1, 1, 1), (2, 1, 1)],
        ONE,
    ),
    "milestones-blank": (Exploration("milestones", (Filter("note", text="ký"),), "task_code"), [("NV2", 1, 1)], ONE),
    # indicators: NV1 2/3, NV2 37/37, NV3 -/2
    "indicators-category": (
        Exploration(
            "indicators",
            (Filter("measure_unit", values=("văn bản", "cụm")),),
            "task_code",
            measure="avg",
            column="achieved_pct",
        ),
        [("NV1", 1, 200 / 3), ("NV3", 1, 0.0)],
        ONE,
    ),
    "indicators-number": (
        Exploration("indicators", (Filter("target", low=3.0),), "task_code", measure="sum", column="actual"),
        [("NV1", 1, 2.0), ("NV2", 1, 37.0)],
        ONE,
    ),
    "indicators-text": (
        Exploration("indicators", (Filter("task_content", text="pa no"),), "indicator"),
        [("Cụm pa nô", 1, 1)],
        ONE,
    ),
    # budget lines at 31/03: NS01 state 10 000 000 (2 500 000 paid), NS02 social 5 000 000 (1 000 000 paid)
    "budget-category": (
        Exploration(
            "budget_lines", (Filter("source", values=("state", "social")),), "source", measure="sum", column="disbursed"
        ),
        [("state", 1, 2_500_000.0), ("social", 1, 1_000_000.0)],
        ONE,
    ),
    "budget-number": (
        Exploration(
            "budget_lines", (Filter("planned", high=6_000_000),), "unit_code", measure="sum", column="remaining"
        ),
        [("P.TTBCXB", 1, 4_000_000.0)],
        ONE,
    ),
    "budget-text": (
        Exploration("budget_lines", (Filter("content", text="theo doi"),), measure="avg", column="disbursed_pct"),
        [(1, 25.0)],
        TOTAL,
    ),
    # disbursements: NS01 01/03 2 000 000 and 20/03 500 000; NS02 15/02 1 000 000
    "disbursements-date": (
        Exploration(
            "disbursements",
            (Filter("paid_on", low=dt.date(2019, 2, 1), high=dt.date(2019, 3, 10)),),
            "paid_on",
            measure="sum",
            column="amount",
        ),
        [(dt.date(2019, 2, 1), 1, 1_000_000.0), (dt.date(2019, 3, 1), 1, 2_000_000.0)],
        ONE,
    ),
    "disbursements-category": (
        Exploration(
            "disbursements", (Filter("source", values=("state",)),), "line_code", measure="sum", column="amount"
        ),
        [("NS01", 2, 2_500_000.0)],
        ONE,
    ),
    "disbursements-number": (
        Exploration("disbursements", (Filter("amount", low=600_000, high=1_500_000),), "task_code"),
        [("NV3", 1, 1)],
        ONE,
    ),
    "disbursements-text": (
        Exploration("disbursements", (Filter("voucher", text="unc"),), "paid_on", grain="week"),
        [
            (dt.date(2019, 2, 25), 1, 1),
            (dt.date(2019, 3, 4), 0, 0),
            (dt.date(2019, 3, 11), 0, 0),
            (dt.date(2019, 3, 18), 1, 1),
        ],
        ONE,
    ),  # weeks without a payment count 0: the line does not jump them
    "disbursements-filled": (
        Exploration("disbursements", (Filter("amount", low=1.0),), "paid_on", "source", measure="sum", column="amount"),
        [
            (dt.date(2019, 2, 1), "state", 0, 0.0),
            (dt.date(2019, 2, 1), "social", 1, 1_000_000.0),
            (dt.date(2019, 3, 1), "state", 2, 2_500_000.0),
            (dt.date(2019, 3, 1), "social", 0, 0.0),
        ],
        TWO,
    ),
    # media: Báo Gia Lai ×2 (positive, neutral), RFA negative false refuted, VOA negative false unanswered
    "media-category": (
        Exploration("media", (Filter("scope", values=("foreign",)),), "outlet", "sentiment"),
        [("RFA", "negative", 1, 1), ("VOA", "negative", 1, 1)],
        TWO,
    ),
    "media-bool": (
        Exploration("media", (Filter("is_false", values=("yes",)),), "response"),
        [("refuted", 1, 1), (None, 1, 1)],
        ONE,
    ),
    "media-blank": (
        Exploration("media", (Filter("response", values=(BLANK,)), Filter("task_code", values=(BLANK,))), "outlet"),
        [("Báo Gia Lai", 1, 1)],
        ONE,
    ),
    "media-date": (
        Exploration(
            "media",
            (Filter("published_on", low=dt.date(2019, 3, 10)),),
            "published_on",
            "scope",
            measure="share",
            grain="month",
        ),
        [(dt.date(2019, 3, 1), "domestic", 1, 100 / 3), (dt.date(2019, 3, 1), "foreign", 2, 200 / 3)],
        TWO,
    ),
    "media-number": (
        Exploration("media", (Filter("reach", low=500),), "scope", measure="sum", column="reach"),
        [("foreign", 2, 5800.0)],
        ONE,
    ),
    "media-text": (Exploration("media", (Filter("title", text="duc co"),), "sentiment"), [("negative", 1, 1)], ONE),
    "media-share": (
        Exploration("media", (), "sentiment", measure="share"),
        [("positive", 1, 25.0), ("neutral", 1, 25.0), ("negative", 2, 50.0)],
        ONE,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_dataset_and_filter_kind_gives_the_expected_frame(explore_cur, case) -> None:
    exploration, rows, columns = CASES[case]
    _same(_aggregate(explore_cur, exploration), rows, columns)


def test_every_dataset_is_covered_by_the_cases() -> None:
    covered = {exploration.dataset for exploration, _, _ in CASES.values()}
    assert covered == set(explore.DATASETS)
    kinds = {(e.dataset, e.spec.field(f.column).kind) for e, _, _ in CASES.values() for f in e.filters}
    for name, spec in explore.DATASETS.items():
        for kind in {f.kind for f in spec.fields} & {"category", "date", "number", "text"}:
            assert (name, kind) in kinds or (name == "indicators" and kind == "date"), (name, kind)


def test_the_rows_listing_is_the_filtered_rows_in_the_dataset_order(explore_cur) -> None:
    exploration = Exploration("media", (Filter("scope", values=("domestic",)),))
    rows = explore.rows(explore_cur, exploration, PARAMS)
    assert list(rows.columns) == [f.name for f in explore.dataset("media").fields]
    assert list(rows["title"]) == ["Gia Lai quảng bá du lịch", "Hội nghị thông tin đối ngoại"]
    assert explore.count(explore_cur, exploration, PARAMS) == 2


def test_tasks_carry_the_status_and_reason_of_status_py(explore_cur) -> None:
    rows = explore.rows(explore_cur, Exploration("tasks"), PARAMS)
    assert list(rows["status"]) == ["on_track", "done", "overdue"]
    assert list(rows["group"]) == ["open_in_time", "done_on_time", "open_overdue"]
    assert rows["reason"].iloc[2] == "Quá hạn 31 ngày (hạn 28/02/2019), tiến độ 40%"


def test_the_filter_choices_are_the_column_values_in_order(explore_cur) -> None:
    media = explore.dataset("media")
    assert explore.options(explore_cur, media, "sentiment", PARAMS) == ["positive", "neutral", "negative"]
    assert explore.options(explore_cur, media, "response", PARAMS) == ["refuted", BLANK]
    assert explore.options(explore_cur, media, "is_false", PARAMS) == ["yes", "no"]
    assert explore.options(explore_cur, explore.dataset("tasks"), "support_units", PARAMS) == ["VP", BLANK]
    assert explore.options(explore_cur, explore.dataset("milestones"), "quarter", PARAMS) == [1, 2]


def test_the_sidebar_filters_apply_as_on_the_pages(explore_cur) -> None:
    only_vp = {**PARAMS, "units": ["VP"]}
    _same(
        explore.aggregate(explore_cur, Exploration("tasks", (), "lead_unit"), only_vp),
        [("P.TTBCXB", 1, 1), ("VP", 1, 1)],
        ONE,
    )
    second_quarter = {**PARAMS, "quarter": 2}
    _same(explore.aggregate(explore_cur, Exploration("milestones", (), "quarter"), second_quarter), [(2, 1, 1)], ONE)
    earlier = {**PARAMS, "until": dt.date(2019, 3, 15)}
    _same(explore.aggregate(explore_cur, Exploration("media"), earlier), [(2, 2)], TOTAL)


def test_a_crafted_value_is_only_data(explore_cur) -> None:
    crafted = Exploration("media", (Filter("title", text=CRAFTED), Filter("outlet", values=(CRAFTED, "VOA"))), "outlet")
    _same(_aggregate(explore_cur, crafted), [("VOA", 1, 1)], ONE)
    as_category = Exploration("tasks", (Filter("lead_unit", values=(CRAFTED,)),))
    _same(_aggregate(explore_cur, as_category), [(0, 0)], TOTAL)
    sql, params = explore.aggregate_sql(crafted)
    assert CRAFTED not in sql and "drop" not in sql.lower()
    assert CRAFTED in params.values() or any(CRAFTED in v for v in params.values() if isinstance(v, list))
    assert explore_cur.execute("select count(*) from tasks").fetchone()[0] == 3


def test_a_crafted_value_from_the_url_is_only_data(explore_cur) -> None:
    exploration, ignored = explore.from_query({"x_ds": "media", "x_f_title": CRAFTED, "x_g1": "sentiment"})
    assert ignored == []
    _same(_aggregate(explore_cur, exploration), [("negative", 1, 1)], ONE)


@pytest.mark.parametrize(
    "exploration",
    [
        Exploration("tasks", (Filter("evil", values=("x",)),)),
        Exploration("tasks", (Filter('status" from tasks; drop table tasks; --', values=("x",)),)),
        Exploration("tasks", (), "content"),  # free text is searched, not grouped
        Exploration("tasks", (), "status", "due_on"),  # a date can only be the first grouping
        Exploration("tasks", (), "status", "status"),
        Exploration("tasks", (), "row_key"),  # a stored column outside the allow-list
        Exploration("tasks", (), "status", measure="sum", column="content"),
        Exploration("tasks", (), "status", measure="sum", column="plan_id"),
        Exploration("tasks", (), "status", measure="median", column="progress"),
        Exploration("tasks", (), "due_on", grain="decade"),
        Exploration("media", (), "status"),  # a tasks column in another dataset
    ],
)
def test_a_column_or_choice_outside_the_allow_list_is_refused(exploration) -> None:
    with pytest.raises(ValueError):
        explore.aggregate_sql(exploration)


def test_an_unknown_dataset_or_option_column_is_refused() -> None:
    with pytest.raises(ValueError):
        explore.dataset("tasks; drop table tasks")
    with pytest.raises(ValueError):
        explore.options_sql(explore.dataset("tasks"), "progress")
    with pytest.raises(ValueError):
        explore.rows_sql(Exploration("tasks", (Filter("evil", text="x"),)))


def test_identifiers_in_the_sql_come_from_the_allow_list_only() -> None:
    exploration = Exploration(
        "media",
        (
            Filter("outlet", values=("RFA",)),
            Filter("reach", low=1.0),
            Filter("title", text="x"),
            Filter("published_on", high=AS_OF),
        ),
        "published_on",
        "sentiment",
        "sum",
        "reach",
        "week",
    )
    sql, _ = explore.aggregate_sql(exploration)
    quoted = set(re.findall(r'"([^"]+)"', sql))
    assert quoted <= {f.name for f in explore.dataset("media").fields}
