"""The building blocks in queries/macros.sql: one version macro per contract sheet, each fragment by cases."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from plantrack import status
from plantrack.contract import SHEETS
from plantrack.db import MACROS, connect, quote

_VERSION_MACRO = re.compile(
    r"create or replace macro (\w+)_at\(p, v\) as table\n"
    r"    select \* from (\w+) where plan_id = p and valid_at\(valid_from, valid_to, v\);"
)


@pytest.fixture()
def con(tmp_path):
    connection = connect(tmp_path / "m.duckdb")
    yield connection
    connection.close()


def test_the_macro_file_has_one_version_macro_per_contract_sheet_reading_that_sheet():
    text = MACROS.read_text(encoding="utf-8")
    found = _VERSION_MACRO.findall(text)
    assert [macro for macro, _ in found] == [spec.name for spec in SHEETS]
    assert all(macro == table for macro, table in found)
    assert len(re.findall(r"macro \w+_at\(p, v\)", text)) == len(SHEETS), "a version macro written another way"


def test_every_version_macro_returns_the_plans_rows_open_at_that_version(con):
    # Per sheet: rows of plan 1 closed before, open at, and opened after version 3, and plan 2's row.
    rows = [
        (1, "closed", 1, 3),
        (1, "open", 2, None),
        (1, "ends_later", 3, 4),
        (1, "later", 4, None),
        (2, "other", 1, None),
    ]
    for spec in SHEETS:
        con.executemany(
            f"insert into {quote(spec.name)} (plan_id, row_key, valid_from, valid_to) values (?, ?, ?, ?)", rows
        )
        at = con.execute(f"select row_key from {spec.name}_at(1, 3) order by row_key").fetchall()
        assert [key for (key,) in at] == ["ends_later", "open"], spec.name


def test_a_row_is_valid_from_its_first_version_up_to_but_not_at_its_closing_one(con):
    cases = [(2, None, 1, False), (2, None, 2, True), (2, None, 2**31 - 2, True), (2, 5, 4, True), (2, 5, 5, False)]
    for valid_from, valid_to, version, expected in cases:
        got = con.execute("select valid_at($f, $t, $v)", {"f": valid_from, "t": valid_to, "v": version}).fetchone()[0]
        assert got is expected, (valid_from, valid_to, version)


def test_done_means_state_done_or_progress_of_100_in_sql_as_in_plantrack_status(con):
    as_of = dt.date(2019, 6, 30)
    states = ["done", "in_progress", "paused", "not_started", None]
    progresses = [None, 0, 99.9, 100, 120]
    pairs = [(state, progress) for state in states for progress in progresses]
    cases = pd.DataFrame(
        [
            {
                "task_code": f"NV{n}",
                "is_ongoing": False,
                "start_on": dt.date(2019, 1, 1),
                "due_on": dt.date(2019, 12, 31),
                "progress": progress,
                "state": state,
                "completed_on": None,
                "updated_on": None,
            }
            for n, (state, progress) in enumerate(pairs)
        ]
    )
    in_python = status.statuses(cases, as_of)["status"].eq(status.DONE).tolist()
    in_sql = [
        con.execute("select is_done($s::varchar, $p::double)", {"s": state, "p": progress}).fetchone()[0]
        for state, progress in pairs
    ]
    assert in_sql == in_python
    assert in_sql.count(True) == len(progresses) + 2 * (len(states) - 1)


def test_a_task_is_in_view_by_its_lead_unit_or_a_supporting_unit(con):
    cases = [
        ("VP", [], [], True),
        ("VP", ["SNV"], ["VP"], True),
        ("P.TTBCXB", ["VP", "SNV"], ["SNV"], True),
        ("P.TTBCXB", ["VP"], ["SNV"], False),
        ("P.TTBCXB", [], ["SNV", "VP"], False),
    ]
    for lead, support, units, expected in cases:
        got = con.execute(
            "select task_in_view($lead, $support::varchar[], $units::varchar[]), unit_in_view($lead, $units::varchar[])",
            {"lead": lead, "support": support, "units": units},
        ).fetchone()
        assert got == (expected, not units or lead in units), (lead, support, units)


def test_a_list_of_units_names_a_unit_when_it_shares_one_with_the_given_units(con):
    cases = [
        (["VP", "SNV"], ["SNV"], True),
        (["VP"], ["SNV", "STP"], False),
        ([], ["VP"], False),
        (["VP"], [], False),
        (None, ["VP"], None),  # a missing list: no row is kept by it in a where clause
    ]
    for unit_list, units, expected in cases:
        got = con.execute(
            "select names_a_unit($list::varchar[], $units::varchar[])", {"list": unit_list, "units": units}
        ).fetchone()[0]
        assert got == expected, (unit_list, units)


def test_tasks_are_ordered_by_the_number_in_their_code_then_by_code_unnumbered_last(con):
    codes = ["NV10", "NV2", None, "Khác", "NV2b", "NV1", "B3", "NV2a", "A"]
    con.execute("create temp table codes (task_code varchar)")
    con.executemany("insert into codes values (?)", [[code] for code in codes])
    ordered = [code for (code,) in con.execute("select task_code from codes order by task_order(task_code)").fetchall()]
    assert ordered == ["NV1", "NV2", "NV2a", "NV2b", "B3", "NV10", "A", "Khác", None]


@pytest.mark.parametrize(
    ("completed", "due", "state"),
    [
        (dt.date(2019, 6, 1), dt.date(2019, 5, 1), "ms_done"),
        (dt.date(2019, 7, 1), dt.date(2019, 5, 1), "ms_late"),
        (None, dt.date(2019, 6, 29), "ms_late"),
        (None, dt.date(2019, 6, 30), "ms_due"),
        (None, dt.date(2019, 7, 7), "ms_due"),
        (None, dt.date(2019, 7, 8), "ms_ahead"),
        (dt.date(2019, 7, 1), dt.date(2019, 8, 1), "ms_ahead"),
    ],
)
def test_a_milestone_state_at_the_as_of_date(con, completed, due, state):
    got = con.execute(
        "select milestone_state($completed::date, $due::date, $until::date, 7)",
        {"completed": completed, "due": due, "until": dt.date(2019, 6, 30)},
    ).fetchone()[0]
    assert got == state


def test_a_day_is_in_a_quarter_of_one_year_and_every_day_is_in_quarter_zero(con):
    cases = [(dt.date(2019, 5, 10), 2, 2019, True), (dt.date(2020, 5, 10), 2, 2019, False)]
    cases += [(dt.date(2019, 7, 1), 2, 2019, False), (dt.date(2020, 7, 1), 0, 2019, True)]
    for day, quarter, year, expected in cases:
        got = con.execute("select in_quarter($d::date, $q, $y)", {"d": day, "q": quarter, "y": year}).fetchone()[0]
        assert got is expected, (day, quarter, year)


def test_a_text_key_sets_case_diacritics_and_punctuation_aside(con):
    cases = [("Khai mạc Lễ hội!", "khai mac le hoi"), ("  Đường  ĐI, tới… ", "duong di toi"), (None, "")]
    for text, key in cases:
        assert con.execute("select text_key($t::varchar)", {"t": text}).fetchone()[0] == key, text
