"""Named queries of the sidebar, the update page and the meeting view: the whole expected frame for given rows.

The plan is tests/test_queries.py's (two uploads, the first and second quarter of 2019); `history` adds
a rollback, an outlet directory and a login, for the questions about versions and the audit log.
"""

from __future__ import annotations

import pandas as pd
import pytest
import test_queries
from test_queries import Q1, Q2, D, M, _expect, _plan, _run

from plantrack import importer, queries
from plantrack.db import connect
from plantrack.excel import workbook_bytes

# test_queries' plan of two uploads, built again for this module.
cur = test_queries.cur
OUTLETS = pd.DataFrame(
    [
        {"outlet": "RFA", "scope": "foreign", "medium": "radio", "language": "Tiếng Việt", "tier": None, "note": "Đài"},
        {"outlet": "Báo Nhân Dân", "scope": "domestic", "medium": "print", "language": None, "tier": "A", "note": None},
    ]
)


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """Versions 1 and 2 as in test_queries (the second with an outlet directory), then a rollback to 1."""
    con = connect(tmp_path_factory.mktemp("h") / "h.duckdb")
    for quarter, as_of in ((1, Q1), (2, Q2)):
        frames = _plan(quarter) if quarter == 1 else {**_plan(quarter), "outlets": OUTLETS}
        preview = importer.prepare(con, workbook_bytes(frames), f"q{quarter}.xlsx", as_of=as_of)
        assert not preview.errors, [p.line("en") for p in preview.errors]
        importer.commit(con, preview, "tester")
    assert importer.rollback(con, 1, 1, "lan") == 3
    importer.log_event(con, "khách", "login", "refused")
    yield con.cursor()
    con.close()


def test_the_newest_data_date_of_a_plan_is_its_last_versions_even_after_a_rollback(history):
    _expect(queries.run(history, "latest_as_of", plan_id=1), [(Q1,)], ["as_of"])
    assert queries.run(history, "latest_as_of", plan_id=2).empty


def test_a_version_names_its_plan_and_an_unknown_one_none(history):
    _expect(queries.run(history, "version_plan", version_id=3), [(1,)], ["plan_id"])
    assert queries.run(history, "version_plan", version_id=9).empty


def test_the_audit_log_newest_first_up_to_the_rows_asked_for(history):
    _expect(
        queries.run(history, "audit_events", max_rows=3),
        [
            ("khách", "login", "refused", None, None),
            ("lan", "rollback", "committed", None, 3),
            ("tester", "import", "committed", "q2.xlsx", 2),
        ],
        ["user_name", "action", "outcome", "file_name", "version_id"],
    )


def test_the_data_stamp_moves_with_versions_and_writes_but_not_with_logins(history):
    _expect(queries.run(history, "data_stamp"), [(3, 3, 3)], ["versions", "last_version", "events"])


def test_the_versions_newest_first_with_those_a_rollback_undid(history):
    _expect(
        queries.run(history, "plan_versions", plan_id=1),
        [(3, "rollback", 1, Q1, False), (2, "import", None, Q2, True), (1, "import", None, Q1, False)],
        ["version_id", "kind", "rollback_of", "as_of", "is_undone"],
    )


def test_a_tasks_history_skips_the_versions_a_rollback_undid(history):
    _expect(
        queries.run(history, "task_history", plan_id=1, version_id=3, task_code="NV1"),
        [(3, Q1, "lan", 25.0, "in_progress"), (1, Q1, "tester", 25.0, "in_progress")],
        ["version_id", "as_of", "user_name", "progress", "state"],
    )
    _expect(
        queries.run(history, "task_history", plan_id=1, version_id=2, task_code="NV1"),
        [(2, Q2, "tester", 50.0, "in_progress"), (1, Q1, "tester", 25.0, "in_progress")],
        ["version_id", "as_of", "user_name", "progress", "state"],
    )


def test_the_outlet_directory_lists_its_outlets_then_those_only_seen_in_mentions(history):
    _expect(
        queries.run(history, "outlet_directory", plan_id=1, version_id=2),
        [
            ("RFA", "foreign", "radio", None, "Đài", 2, True),
            ("Báo Nhân Dân", "domestic", "print", "A", None, 0, True),
            ("Báo Gia Lai", "domestic", "online", None, None, 2, False),
            ("BBC Tiếng Việt", "foreign", "online", None, None, 1, False),
            ("VnExpress", "domestic", "online", None, None, 1, False),
        ],
        ["outlet", "scope", "medium", "tier", "note", "mentions", "is_listed"],
    )


def test_plans_with_their_title_year_and_newest_version(cur):
    _expect(
        queries.run(cur, "plans"),
        [(1, False, "Kế hoạch kiểm thử", 2019, "9/KH", 2, Q2)],
        ["plan_id", "is_demo", "title", "year", "doc_number", "version_id", "as_of"],
    )


def test_units_the_departments_own_divisions_first(cur):
    _expect(
        _run(cur, "units_at_version"),
        [
            ("P.TTBCXB", "Phòng TTBCXB", "internal"),
            ("VP", "Văn phòng Sở", "internal"),
            ("SNV", "Sở Ngoại vụ", "external"),
        ],
        ["unit_code", "unit_name", "unit_kind"],
    )


def test_explored_budget_lines_of_a_unit_with_what_remains(cur):
    _expect(
        _run(cur, "explore_budget_lines", units=["VP"]),
        [("NS01", "NV3", "state", 100 * M, 50 * M, 50 * M, 50.0), ("NS03", None, "social", 5 * M, 0, 5 * M, 0.0)],
        ["line_code", "task_code", "source", "planned", "disbursed", "remaining", "disbursed_pct"],
    )


@pytest.mark.parametrize(
    ("quarter", "until", "paid"),
    [
        (0, Q2, [(D(2019, 2, 15), "NS01", 30 * M), (D(2019, 3, 1), "NS02", 5 * M), (D(2019, 5, 10), "NS01", 20 * M)]),
        (0, Q1, [(D(2019, 2, 15), "NS01", 30 * M), (D(2019, 3, 1), "NS02", 5 * M)]),
        (2, Q2, [(D(2019, 5, 10), "NS01", 20 * M)]),
    ],
)
def test_explored_disbursements_up_to_the_date_in_the_quarter(cur, quarter, until, paid):
    found = _run(cur, "explore_disbursements", quarter=quarter, until=until).sort_values("paid_on")
    _expect(found, paid, ["paid_on", "line_code", "amount"])
    assert set(found["unit_code"]) <= {"VP", "P.TTBCXB"} and found["task_code"].notna().all()


def test_explored_mentions_of_the_first_quarter_with_days_to_respond(cur):
    _expect(
        _run(cur, "explore_media", quarter=1),
        [(D(2019, 3, 5), "Báo Gia Lai", "positive", False, None), (D(2019, 3, 20), "RFA", "negative", True, 5)],
        ["published_on", "outlet", "sentiment", "is_false", "days_to_respond"],
    )


def test_the_ten_topics_with_most_mentions_by_sentiment(cur):
    _expect(
        _run(cur, "media_top_topics"),
        [("biên giới", 2, 0, 0, 2), ("du lịch", 2, 1, 1, 0), ("tôn giáo", 1, 0, 0, 1), ("đầu tư", 1, 0, 0, 1)],
        ["topic", "mentions", "positive", "neutral", "negative"],
    )


def test_mentions_with_their_run_of_same_titles_and_no_note_key_for_a_label(cur):
    _expect(
        _run(cur, "media_story_mentions"),
        [
            (D(2019, 3, 5), "Báo Gia Lai", 2, None),
            (D(2019, 3, 20), "RFA", 5, None),
            (D(2019, 4, 2), "Báo Gia Lai", 1, None),
            (D(2019, 4, 3), "VnExpress", 6, None),
            (D(2019, 6, 10), "RFA", 4, None),
            (D(2019, 6, 28), "BBC Tiếng Việt", 3, None),
        ],
        ["published_on", "outlet", "title_run", "note_key"],
    )


def test_the_press_of_a_window_beside_the_one_before_and_a_year_earlier(cur):
    found = queries.run(
        cur,
        "media_period_comparison",
        plan_id=1,
        version_id=2,
        until=D(2019, 6, 15),
        current_from=D(2019, 4, 1),
        current_to=Q2,
        previous_from=D(2019, 1, 1),
        previous_to=Q1,
        year_before_from=D(2018, 4, 1),
        year_before_to=D(2018, 6, 30),
    )
    _expect(
        found,
        [
            ("current", D(2019, 4, 1), D(2019, 6, 15), 3, 3, 0, 1, 2, 2, 1),
            ("previous", D(2019, 1, 1), Q1, 2, 2, 1, 0, 1, 1, 1),
            ("year_before", D(2018, 4, 1), D(2018, 6, 30), 0, 0, 0, 0, 0, 0, 0),
        ],
        ["window_name", "starts_on", "ends_on", "mentions", "outlets", "positive", "neutral", "negative", "domestic"]
        + ["foreign_mentions"],
    )


SINCE = D(2019, 3, 21)


def test_disbursements_since_the_last_meeting_of_a_unit(cur):
    _expect(
        _run(cur, "since_disbursements", since=Q1, units=["VP"]),
        [(D(2019, 5, 10), "NS01", "NV3", "Pa nô", "state", 20 * M, "UNC 3")],
        ["paid_on", "line_code", "task_code", "content", "source", "amount", "voucher"],
    )
    assert _run(cur, "since_disbursements", since=Q1, units=["P.TTBCXB"]).empty


def test_false_cases_published_or_answered_since_the_last_meeting(cur):
    _expect(
        _run(cur, "since_false_cases", since=SINCE),
        [
            (D(2019, 6, 28), "BBC Tiếng Việt", "reported", None, True, None),
            (D(2019, 6, 10), "RFA", None, None, True, None),
            (D(2019, 3, 20), "RFA", "refuted", D(2019, 3, 25), False, 5),
        ],
        ["published_on", "outlet", "response", "responded_on", "is_new", "days_to_respond"],
    )


def test_mentions_since_the_last_meeting_by_sentiment_and_scope(cur):
    _expect(
        _run(cur, "since_mentions", since=SINCE),
        [(4, 0, 1, 3, 2, 2, 1)],
        ["mentions", "positive", "neutral", "negative", "foreign_mentions", "false_new", "false_answered"],
    )


def test_one_tasks_budget_lines_indicators_and_mentions(cur):
    _expect(
        _run(cur, "task_budget", task_code="NV3"),
        [("NS01", "Pa nô", "state", "VP", 100 * M, 50 * M)],
        ["line_code", "content", "source", "unit_code", "planned", "disbursed"],
    )
    _expect(
        _run(cur, "task_indicators", task_code="NV3", version_id=1),
        [("Cụm pa nô", "cụm", 2, 0, None)],
        ["indicator", "measure_unit", "target", "actual", "note"],
    )
    _expect(
        _run(cur, "task_mentions", task_code="NV1", until=D(2019, 4, 30)),
        [
            (D(2019, 4, 3), "VnExpress", "negative", False),
            (D(2019, 4, 2), "Báo Gia Lai", "neutral", False),
            (D(2019, 3, 20), "RFA", "negative", True),
            (D(2019, 3, 5), "Báo Gia Lai", "positive", False),
        ],
        ["published_on", "outlet", "sentiment", "is_false"],
    )
    assert _run(cur, "task_mentions", task_code="NV3").empty


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    """test_queries' plan as of mid-2020: its second quarter of 2019 and, a year on, two mentions and two payments."""
    frames = _plan(2)
    frames["media"] = pd.concat(
        [
            frames["media"],
            pd.DataFrame(
                [
                    test_queries._mention(D(2020, 5, 4), "Báo Gia Lai", "domestic", "positive"),
                    test_queries._mention(D(2020, 5, 20), "RFA", "foreign", "negative"),
                ]
            ),
        ],
        ignore_index=True,
    )
    later = [("NS01", D(2020, 4, 15), 7 * M, "UNC 4"), ("NS02", D(2020, 5, 15), 3 * M, "UNC 5")]
    frames["disbursements"] = pd.concat(
        [
            frames["disbursements"],
            pd.DataFrame(
                [{"line_code": c, "paid_on": d, "amount": a, "voucher": v, "note": None} for c, d, a, v in later]
            ),
        ],
        ignore_index=True,
    )
    con = connect(tmp_path_factory.mktemp("y") / "y.duckdb")
    preview = importer.prepare(con, workbook_bytes(frames), "2020.xlsx", as_of=D(2020, 6, 30))
    assert not preview.errors, [p.line("en") for p in preview.errors]
    importer.commit(con, preview, "tester")
    yield con.cursor()
    con.close()


# Per query: how many mentions or payments its frame counts (None: one row each).
_COUNTED = {
    "media_by_scope": "mentions",
    "media_volume": "mentions",
    "media_net_sentiment": "mentions",
    "media_top_outlets": "mentions",
    "media_top_topics": "mentions",
    "media_story_mentions": None,
    "explore_media": None,
    "explore_disbursements": None,
}


@pytest.mark.parametrize("name", sorted(_COUNTED))
@pytest.mark.parametrize(("year", "mentions", "payments"), [(2019, 4, 1), (2020, 2, 2)])
def test_a_quarter_is_the_quarter_of_the_chosen_year_not_the_same_quarter_of_every_year(
    two_years, name, year, mentions, payments
):
    params = {
        **test_queries.BASE,
        "version_id": 1,
        "quarter": 2,
        "year": year,
        "until": D(2020, 6, 30),
        "grain": "month",
    }
    found = queries.run(two_years, name, **{key: params[key] for key in queries.parameters(name)})
    counted = len(found) if _COUNTED[name] is None else int(found[_COUNTED[name]].sum())
    assert counted == (payments if name == "explore_disbursements" else mentions)
