"""Khám phá: each dataset × each kind of filter compared as whole frames, crafted input, the URL round trip."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from conftest import open_app, small_plan

from plantrack import explore, importer
from plantrack.db import connect
from plantrack.excel import workbook_bytes
from plantrack.explore import BLANK, Exploration, Filter

AS_OF = dt.date(2019, 3, 31)
CRAFTED = "'; drop table tasks; --"


def _media(
    day: dt.date,
    outlet: str,
    scope: str,
    medium: str,
    title: str,
    sentiment: str,
    is_false: bool,
    response: str | None = None,
    responded: dt.date | None = None,
    reach: int | None = None,
    task: str | None = "NV1",
) -> dict:
    return {
        "published_on": day,
        "outlet": outlet,
        "scope": scope,
        "medium": medium,
        "language": "Tiếng Việt",
        "title": title,
        "summary": None,
        "url": f"https://example.vn/{len(title)}-{day.isoformat()}",
        "topic": "du lịch",
        "sentiment": sentiment,
        "is_false": is_false,
        "task_code": task,
        "response": response,
        "responded_on": responded,
        "reach": reach,
    }


def explore_plan() -> dict[str, pd.DataFrame]:
    """small_plan with a third (overdue) task, milestones, indicators, two budget lines and four mentions."""
    plan = small_plan()
    overdue = {
        **plan["tasks"].iloc[1].to_dict(),
        "task_code": "NV3",
        "content": "Xây dựng cụm pa nô tại Đức Cơ",
        "lead_unit": "P.TTBCXB",
        "support_units": [],
        "timing_text": "Hoàn thành ngày 28/02/2019",
        "due_on": dt.date(2019, 2, 28),
        "progress": 40.0,
        "state": "in_progress",
        "completed_on": None,
        "updated_on": dt.date(2019, 2, 20),
    }
    plan["tasks"] = pd.DataFrame([*plan["tasks"].to_dict("records"), overdue])
    plan["milestones"] = pd.DataFrame(
        [
            {
                "milestone_code": "M1",
                "task_code": "NV1",
                "content": "Báo cáo tháng 1",
                "due_on": dt.date(2019, 2, 15),
                "quarter": None,
                "completed_on": dt.date(2019, 2, 10),
                "unit_code": "VP",
                "note": None,
            },
            {
                "milestone_code": "M2",
                "task_code": "NV2",
                "content": "Gửi danh sách cán bộ",
                "due_on": dt.date(2019, 3, 20),
                "quarter": None,
                "completed_on": None,
                "unit_code": "VP",
                "note": "Chờ ký",
            },
            {
                "milestone_code": "M3",
                "task_code": "NV1",
                "content": "Báo cáo quý II",
                "due_on": dt.date(2019, 6, 30),
                "quarter": None,
                "completed_on": None,
                "unit_code": "P.TTBCXB",
                "note": None,
            },
            {
                "milestone_code": "M4",
                "task_code": "NV3",
                "content": "Khảo sát vị trí pa nô",
                "due_on": dt.date(2019, 2, 20),
                "quarter": None,
                "completed_on": dt.date(2019, 2, 25),
                "unit_code": "P.TTBCXB",
                "note": None,
            },
        ]
    )
    plan["indicators"] = pd.DataFrame(
        [
            {
                "task_code": "NV1",
                "indicator": "Văn bản hướng dẫn",
                "measure_unit": "văn bản",
                "target": 3.0,
                "actual": 2.0,
                "note": None,
            },
            {
                "task_code": "NV2",
                "indicator": "Danh sách cán bộ",
                "measure_unit": "cơ quan",
                "target": 37.0,
                "actual": 37.0,
                "note": "Đủ 37 cơ quan",
            },
            {
                "task_code": "NV3",
                "indicator": "Cụm pa nô",
                "measure_unit": "cụm",
                "target": 2.0,
                "actual": None,
                "note": None,
            },
        ]
    )
    plan["budget_lines"] = pd.DataFrame(
        [
            plan["budget_lines"].iloc[0].to_dict(),
            {
                "line_code": "NS02",
                "task_code": "NV3",
                "content": "Tài trợ in pa nô",
                "source": "social",
                "unit_code": "P.TTBCXB",
                "planned": 5_000_000,
                "note": None,
            },
        ]
    )
    plan["disbursements"] = pd.DataFrame(
        [
            plan["disbursements"].iloc[0].to_dict(),
            {
                "line_code": "NS01",
                "paid_on": dt.date(2019, 3, 20),
                "amount": 500_000,
                "voucher": "UNC 02",
                "note": None,
            },
            {
                "line_code": "NS02",
                "paid_on": dt.date(2019, 2, 15),
                "amount": 1_000_000,
                "voucher": "PC 01",
                "note": "Tạm ứng",
            },
        ]
    )
    plan["media"] = pd.DataFrame(
        [
            _media(
                dt.date(2019, 3, 5),
                "Báo Gia Lai",
                "domestic",
                "online",
                "Gia Lai quảng bá du lịch",
                "positive",
                False,
                reach=100,
            ),
            _media(
                dt.date(2019, 3, 10),
                "RFA",
                "foreign",
                "online",
                "Tin sai về Đức Cơ",
                "negative",
                True,
                "refuted",
                dt.date(2019, 3, 12),
                reach=5000,
            ),
            _media(
                dt.date(2019, 3, 20),
                "Báo Gia Lai",
                "domestic",
                "print",
                "Hội nghị thông tin đối ngoại",
                "neutral",
                False,
                task=None,
            ),
            _media(dt.date(2019, 3, 25), "VOA", "foreign", "radio", CRAFTED, "negative", True, reach=800),
        ]
    )
    return plan


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("explore") / "explore.duckdb"
    con = connect(path)
    preview = importer.prepare(con, workbook_bytes(explore_plan()), "plan.xlsx", as_of=AS_OF)
    assert not preview.problems, [p.line("en") for p in preview.problems]
    importer.commit(con, preview, "tester")
    con.close()
    return path


@pytest.fixture
def cur(db):
    con = connect(db)
    yield con.cursor()
    con.close()


PARAMS = {"plan_id": 1, "version_id": 1, "units": [], "quarter": 0, "year": 2019, "until": AS_OF}


def _aggregate(cur, exploration: Exploration) -> pd.DataFrame:
    return explore.aggregate(cur, exploration, PARAMS)


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


# --- each dataset × each kind of filter ------------------------------------------------------------------

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
def test_each_dataset_and_filter_kind_gives_the_expected_frame(cur, case) -> None:
    exploration, rows, columns = CASES[case]
    _same(_aggregate(cur, exploration), rows, columns)


def test_every_dataset_is_covered_by_the_cases() -> None:
    covered = {exploration.dataset for exploration, _, _ in CASES.values()}
    assert covered == set(explore.DATASETS)
    kinds = {(e.dataset, e.spec.field(f.column).kind) for e, _, _ in CASES.values() for f in e.filters}
    for name, spec in explore.DATASETS.items():
        for kind in {f.kind for f in spec.fields} & {"category", "date", "number", "text"}:
            assert (name, kind) in kinds or (name == "indicators" and kind == "date"), (name, kind)


def test_the_rows_listing_is_the_filtered_rows_in_the_dataset_order(cur) -> None:
    exploration = Exploration("media", (Filter("scope", values=("domestic",)),))
    rows = explore.rows(cur, exploration, PARAMS)
    assert list(rows.columns) == [f.name for f in explore.dataset("media").fields]
    assert list(rows["title"]) == ["Gia Lai quảng bá du lịch", "Hội nghị thông tin đối ngoại"]
    assert explore.count(cur, exploration, PARAMS) == 2


def test_tasks_carry_the_status_and_reason_of_status_py(cur) -> None:
    rows = explore.rows(cur, Exploration("tasks"), PARAMS)
    assert list(rows["status"]) == ["on_track", "done", "overdue"]
    assert list(rows["group"]) == ["open_in_time", "done_on_time", "open_overdue"]
    assert rows["reason"].iloc[2] == "Quá hạn 31 ngày (hạn 28/02/2019), tiến độ 40%"


def test_the_filter_choices_are_the_column_values_in_order(cur) -> None:
    media = explore.dataset("media")
    assert explore.options(cur, media, "sentiment", PARAMS) == ["positive", "neutral", "negative"]
    assert explore.options(cur, media, "response", PARAMS) == ["refuted", BLANK]
    assert explore.options(cur, media, "is_false", PARAMS) == ["yes", "no"]
    assert explore.options(cur, explore.dataset("tasks"), "support_units", PARAMS) == ["VP", BLANK]
    assert explore.options(cur, explore.dataset("milestones"), "quarter", PARAMS) == [1, 2]


def test_the_sidebar_filters_apply_as_on_the_pages(cur) -> None:
    only_vp = {**PARAMS, "units": ["VP"]}
    _same(
        explore.aggregate(cur, Exploration("tasks", (), "lead_unit"), only_vp), [("P.TTBCXB", 1, 1), ("VP", 1, 1)], ONE
    )
    second_quarter = {**PARAMS, "quarter": 2}
    _same(explore.aggregate(cur, Exploration("milestones", (), "quarter"), second_quarter), [(2, 1, 1)], ONE)
    earlier = {**PARAMS, "until": dt.date(2019, 3, 15)}
    _same(explore.aggregate(cur, Exploration("media"), earlier), [(2, 2)], TOTAL)


# --- crafted input --------------------------------------------------------------------------------------


def test_a_crafted_value_is_only_data(cur, db) -> None:
    crafted = Exploration("media", (Filter("title", text=CRAFTED), Filter("outlet", values=(CRAFTED, "VOA"))), "outlet")
    _same(_aggregate(cur, crafted), [("VOA", 1, 1)], ONE)
    as_category = Exploration("tasks", (Filter("lead_unit", values=(CRAFTED,)),))
    _same(_aggregate(cur, as_category), [(0, 0)], TOTAL)
    sql, params = explore.aggregate_sql(crafted)
    assert CRAFTED not in sql and "drop" not in sql.lower()
    assert CRAFTED in params.values() or any(CRAFTED in v for v in params.values() if isinstance(v, list))
    assert cur.execute("select count(*) from tasks").fetchone()[0] == 3


def test_a_crafted_value_from_the_url_is_only_data(cur) -> None:
    exploration, ignored = explore.from_query({"x_ds": "media", "x_f_title": CRAFTED, "x_g1": "sentiment"})
    assert ignored == []
    _same(_aggregate(cur, exploration), [("negative", 1, 1)], ONE)


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


# --- the URL --------------------------------------------------------------------------------------------

FULL = {
    "tasks": Exploration(
        "tasks",
        (
            Filter("lead_unit", values=("VP", BLANK)),
            Filter("support_units", values=("VP",)),
            Filter("due_on", low=dt.date(2019, 1, 1), high=dt.date(2019, 6, 30)),
            Filter("progress", low=12.5),
            Filter("content", text="pa nô; ~ & = ?"),
            Filter("is_ongoing", values=("yes",)),
        ),
        "status",
        "lead_unit",
        "share",
        "progress",
    ),
    "milestones": Exploration(
        "milestones", (Filter("quarter", values=(1, 3)),), "due_on", "state", "count", grain="quarter"
    ),
    "indicators": Exploration("indicators", (Filter("target", high=100.0),), "task_code", None, "avg", "achieved_pct"),
    "budget_lines": Exploration(
        "budget_lines", (Filter("source", values=("state",)),), "unit_code", "source", "sum", "planned"
    ),
    "disbursements": Exploration(
        "disbursements", (Filter("paid_on", low=dt.date(2019, 3, 1)),), "paid_on", "source", "sum", "amount", "day"
    ),
    "media": Exploration(
        "media",
        (
            Filter("sentiment", values=("negative",)),
            Filter("is_false", values=("no", "yes")),
            Filter("reach", low=10.0, high=2000.5),
        ),
        None,
        None,
        "count",
    ),
}


@pytest.mark.parametrize("name", list(FULL))
def test_every_choice_survives_the_url(name) -> None:
    exploration = FULL[name]
    query = explore.to_query(exploration)
    back, ignored = explore.from_query(query)
    assert ignored == []
    assert back == exploration
    assert explore.to_query(back) == query


def test_a_url_without_an_exploration_opens_the_default() -> None:
    assert explore.from_query({}) == (explore.default(), [])
    assert explore.from_query({"x_ds": "media"})[0] == Exploration("media")


def test_what_a_url_gets_wrong_is_ignored_and_named() -> None:
    exploration, ignored = explore.from_query(
        {
            "x_ds": "media",
            "x_g1": "evil",
            "x_g2": "sentiment",
            "x_m": "median",
            "x_c": "title",
            "x_grain": "decade",
            "x_f_evil": "1",
            "x_f_sentiment": ["negative", "very bad"],
            "x_f_reach": "a~b",
            "x_f_published_on": "~",
            "x_f_scope": "foreign",
        }
    )
    assert exploration == Exploration("media", (Filter("scope", values=("foreign",)),))
    assert sorted(ignored) == sorted(
        ["x_g1", "x_g2", "x_m", "x_c", "x_grain", "x_f_evil", "x_f_sentiment", "x_f_reach", "x_f_published_on"]
    )


# --- labels ---------------------------------------------------------------------------------------------


def test_results_read_as_the_pages_read() -> None:
    exploration = Exploration("budget_lines", (), "source", measure="sum", column="planned")
    result = pd.DataFrame({"g1": ["state", None], "n_rows": [2, 1], "value": [1_234_567.0, 0.0]})
    frame, headers = explore.table_frame(result, exploration, "vi")
    assert headers == {"g1": "Nguồn kinh phí", "n_rows": "Số dòng kinh phí", "value": "Tổng dự toán (đồng)"}
    assert frame.to_dict("list") == {
        "g1": ["■ Ngân sách nhà nước", "(trống)"],
        "n_rows": [2, 1],
        "value": ["1.234.567 ₫", "0 ₫"],
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


# --- the page, through Streamlit -------------------------------------------------------------------------


EXPLORE_PAGE = "pages/5_Kham_pha.py"
URL = {
    "x_ds": "media",
    "x_g1": "published_on",
    "x_g2": "sentiment",
    "x_m": "share",
    "x_c": "reach",
    "x_grain": "week",
    "x_f_scope": ["foreign", "domestic"],
    "x_f_published_on": "2019-03-01~2019-03-31",
    "x_f_reach": "50~",
    "x_f_title": "gia lai",
}


def test_the_page_restores_every_choice_from_the_url(db, monkeypatch) -> None:
    app = open_app(db, monkeypatch, EXPLORE_PAGE, **URL)
    assert app.selectbox(key="x_dataset").value == "media"
    assert app.selectbox(key="x_media_g1").value == "published_on"
    assert app.selectbox(key="x_media_g2").value == "sentiment"
    assert app.selectbox(key="x_media_m").value == "share"
    assert app.selectbox(key="x_media_c_share").value == "reach"
    assert app.selectbox(key="x_media_grain").value == "week"
    assert app.multiselect(key="x_media_filters").value == ["scope", "published_on", "reach", "title"]
    assert app.multiselect(key="x_media_f_scope").value == ["foreign", "domestic"]
    assert app.text_input(key="x_media_f_published_on_low").value == "01/03/2019"
    assert app.text_input(key="x_media_f_published_on_high").value == "31/03/2019"
    assert app.number_input(key="x_media_f_reach_low").value == 50
    assert app.number_input(key="x_media_f_reach_high").value is None
    assert app.text_input(key="x_media_f_title").value == "gia lai"
    assert dict(app.query_params) == URL
    assert any(caption.value == "1 dòng khớp bộ lọc" for caption in app.caption)


def test_a_changed_choice_is_written_back_to_the_url(db, monkeypatch) -> None:
    app = open_app(db, monkeypatch, EXPLORE_PAGE, x_ds="media", x_g1="outlet")
    app.selectbox(key="x_media_g1").set_value("sentiment").run()
    app.selectbox(key="x_media_m").set_value("sum").run()
    assert app.query_params["x_g1"] == "sentiment"
    assert (app.query_params["x_m"], app.query_params["x_c"]) == ("sum", "reach")
    app.selectbox(key="x_dataset").set_value("tasks").run()
    assert not app.exception
    assert dict(app.query_params) == {"x_ds": "tasks", "x_m": "count", "x_g1": "status"}


def test_a_bad_link_still_opens_and_says_what_was_ignored(db, monkeypatch) -> None:
    app = open_app(
        db,
        monkeypatch,
        EXPLORE_PAGE,
        x_ds="tasks",
        x_g1="status",
        x_f_evil="1",
        x_f_content=CRAFTED,
        **{"x_f_[a](http://example.com)": "1"},
    )
    warnings = [w.value for w in app.warning if "bỏ qua" in w.value]
    assert warnings == ["Một phần đường dẫn không dùng được nên đã bỏ qua: x_f_evil, …"]
    assert app.text_input(key="x_tasks_f_content").value == CRAFTED
    assert "x_f_evil" not in app.query_params


def test_every_table_on_the_page_can_be_downloaded(db, monkeypatch) -> None:
    app = open_app(db, monkeypatch, EXPLORE_PAGE, x_ds="media", x_g1="outlet")
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels == ["Excel", "CSV (;)", "CSV (,)"] * 2


# --- in a real browser ----------------------------------------------------------------------------------

BROWSER_URL = {
    "x_ds": ["media"],
    "x_m": ["share"],
    "x_g1": ["outlet"],
    "x_g2": ["sentiment"],
    "x_f_scope": ["foreign"],
    "x_f_published_on": ["2019-07-01~2019-09-30"],
    "x_f_title": ["gia lai"],
}


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    from browser import streamlit_server

    from plantrack import demo

    folder = tmp_path_factory.mktemp("explore-browser")
    path = folder / "demo.duckdb"
    with connect(path) as con:
        demo.load(con)
    # The server holds the file's lock: the test reads its own copy.
    copy = folder / "copy.duckdb"
    shutil.copy(path, copy)
    with streamlit_server(path) as url:
        yield url, copy


def _query(url: str) -> dict[str, list[str]]:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(url).query, keep_blank_values=True)


@pytest.mark.browser
def test_a_copied_link_reopens_the_same_exploration_in_chromium(demo_server, tmp_path) -> None:
    from urllib.parse import urlencode

    from browser import CHROMIUM, chromium, download, open_page, wait_idle

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    url, path = demo_server
    link = f"{url}/Kham_pha?{urlencode(BROWSER_URL, doseq=True)}"
    with chromium(width=1440, height=2400) as context:
        for _ in range(2):  # the link as sent, then the link as the browser shows it after the first visit
            page, _errors = open_page(context, link)
            try:
                assert _query(page.url) == BROWSER_URL
                main = page.get_by_test_id("stMain")
                choices = main.get_by_test_id("stSelectbox")
                assert [choices.nth(n).locator("input").input_value() for n in range(choices.count())] == [
                    "Tin bài báo chí",
                    "Tỷ lệ (%)",
                    "(số dòng)",
                    "Cơ quan báo chí",
                    "Sắc thái",
                ]
                body = main.inner_text()
                for shown in ("◆ Nước ngoài", "Bộ lọc (3 đang áp dụng)", "khớp bộ lọc"):
                    assert shown in body, shown
                # Dates are typed dd/mm/yyyy (no English calendar), day first whatever the browser's locale.
                boxes = page.get_by_test_id("stTextInput").locator("input")
                typed = [boxes.nth(n).input_value() for n in range(boxes.count())]
                assert sorted(typed) == ["01/07/2019", "30/09/2019", "gia lai"], typed
                link = page.url
            finally:
                page.close()

        page, _errors = open_page(context, link)
        try:
            file = download(page, page.get_by_role("button", name="Excel").first)
            saved = tmp_path / file.suggested_filename
            file.save_as(saved)
            assert saved.name == "kham-pha-tin-bai-bao-chi.xlsx"
            import openpyxl

            sheet = openpyxl.load_workbook(saved).active
            assert sheet["A1"].value == "Khám phá - Tin bài báo chí"
            assert (
                sheet["A4"].value
                == "Bộ lọc: Phạm vi: ◆ Nước ngoài; Ngày đăng: 01/07/2019 – 30/09/2019; Tiêu đề: «gia lai»"
            )
            header_row = int(sheet.freeze_panes[1:]) - 1
            assert [c.value for c in sheet[header_row]] == ["Cơ quan báo chí", "Sắc thái", "Số tin bài", "Tỷ lệ (%)"]
            con = connect(path, read_only=True)
            try:
                exploration, _ = explore.from_query(BROWSER_URL)
                params = {**PARAMS, "version_id": 3, "until": dt.date(2019, 9, 30)}
                expected = explore.aggregate(con.cursor(), exploration, params)
            finally:
                con.close()
            rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=header_row + 1)]
            assert [r[2] for r in rows] == list(expected["n_rows"])
            assert [r[3] for r in rows] == pytest.approx([v / 100 for v in expected["value"]], abs=5e-4)

            page.get_by_test_id("stMain").get_by_test_id("stSelectbox").nth(1).click()  # Số đo
            page.get_by_role("option", name="Đếm").click()
            page.wait_for_function("() => window.location.search.includes('x_m=count')", timeout=20_000)
            wait_idle(page)
            assert _query(page.url) == {**BROWSER_URL, "x_m": ["count"]}
        finally:
            page.close()
