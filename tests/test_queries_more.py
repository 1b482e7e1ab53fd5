"""Named queries of the sidebar, the update page and the meeting view: the whole expected frame for given rows.

The plan is tests/test_queries.py's (two uploads, the first and second quarter of 2019); `history` adds
a rollback, an outlet directory and a login, for the questions about versions and the audit log.
"""

from __future__ import annotations

import pandas as pd
import pytest
from test_queries import Q1, Q2, D, M, _expect, _plan, _run, cur  # noqa: F401 (cur: the module's database)

from plantrack import importer, queries
from plantrack.db import connect
from plantrack.excel import workbook_bytes

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
