"""The bundled demo plan: the seed's 2019 plan as three quarterly versions of committed workbooks."""

from __future__ import annotations

import datetime as dt

import duckdb

from plantrack import importer
from plantrack.contract import SHEETS
from plantrack.db import ROOT, quote

DEMO_DIR = ROOT / "data" / "demo"
DEMO_USER = "demo"
# (file, data as of): the state of the plan at the end of each of the first three quarters.
DEMO_VERSIONS = (
    ("ke-hoach-ttdn-2019-quy-1.xlsx", dt.date(2019, 3, 31)),
    ("ke-hoach-ttdn-2019-quy-2.xlsx", dt.date(2019, 6, 30)),
    ("ke-hoach-ttdn-2019-quy-3.xlsx", dt.date(2019, 9, 30)),
)


def demo_plan(con: duckdb.DuckDBPyConnection) -> int | None:
    rows = con.cursor().execute("select plan_id from plans where is_demo order by plan_id limit 1").fetchall()
    return rows[0][0] if rows else None


def load(con: duckdb.DuckDBPyConnection) -> tuple[int, int | None]:
    """Imports the demo versions unless the demo plan is there; returns (versions written, plan id)."""
    existing = demo_plan(con)
    if existing is not None:
        return 0, existing
    written = 0
    for file_name, as_of in DEMO_VERSIONS:
        data = (DEMO_DIR / file_name).read_bytes()
        preview = importer.prepare(con, data, file_name, as_of=as_of, plan=demo_plan(con))
        # The demo is what people learn the product from: it must import cleanly, without warnings.
        if preview.problems:
            raise ValueError(f"{file_name}: " + "; ".join(p.line("en") for p in preview.problems))
        if importer.commit(con, preview, DEMO_USER, kind="demo", is_demo=True) is not None:
            written += 1
    return written, demo_plan(con)


def load_if_fresh(con: duckdb.DuckDBPyConnection) -> None:
    """On a database that never held data, load the demo; once the demo was cleared, leave it empty."""
    cur = con.cursor()
    if cur.execute("select count(*) from plans").fetchall()[0][0]:
        return
    if cur.execute("select count(*) from audit_log where action = 'demo_clear'").fetchall()[0][0]:
        return
    load(con)


def clear(con: duckdb.DuckDBPyConnection, user: str | None = None) -> bool:
    """Removes the demo plan and its whole history; real plans are untouched."""
    plan_id = demo_plan(con)
    if plan_id is None:
        return False
    cur = con.cursor()
    cur.execute("begin transaction")
    try:
        for spec in SHEETS:
            cur.execute(f"delete from {quote(spec.name)} where plan_id = $p", {"p": plan_id})
        cur.execute("delete from versions where plan_id = $p", {"p": plan_id})
        cur.execute("delete from plans where plan_id = $p", {"p": plan_id})
        importer.log_event(cur, user, "demo_clear", "cleared", plan_id=plan_id)
        cur.execute("commit")
    except BaseException:
        cur.execute("rollback")
        raise
    return True
