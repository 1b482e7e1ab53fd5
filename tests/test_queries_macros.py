"""The building blocks in queries/macros.sql: one version macro per contract sheet, each fragment by cases."""

from __future__ import annotations

import re

import pytest

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
