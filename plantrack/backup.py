"""Backups: a consistent copy of every table, and putting one back.

`backup` writes one Parquet file per table and a `manifest.json` (tables, row counts, when) into a
new folder named for the UTC time, all read in one transaction: a copy taken while the dashboard
writes holds the state before or after that write, never half of it. `restore` checks the
manifest and the row counts first, then replaces every table's rows in one transaction and audits
it, so the database is either the backup's (plus the restore's own audit row) or unchanged.
Both run on whichever connection owns the file, so they work while the dashboard serves.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from plantrack import clock, importer
from plantrack.contract import SHEETS
from plantrack.db import quote

MANIFEST = "manifest.json"
FORMAT = "plantrack-backup-1"
TABLES = ("plans", "versions", "audit_log", "editors", *(spec.name for spec in SHEETS))


class BadBackup(ValueError):
    """A folder that is not a complete backup; `code` is an i18n key."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code = code
        self.params = params


def _literal(path: Path) -> str:
    """A path as an SQL string literal (COPY takes no parameters for its file name)."""
    return "'" + str(path).replace("'", "''") + "'"


def backup(con: duckdb.DuckDBPyConnection, out_dir: Path) -> tuple[Path, dict[str, int]]:
    """Writes a backup folder inside `out_dir`; returns it and the rows per table."""
    taken = clock.now()
    target = Path(out_dir) / f"plantrack-{taken:%Y%m%d-%H%M%S}Z"
    suffix = 1
    while target.exists():
        suffix += 1
        target = Path(out_dir) / f"plantrack-{taken:%Y%m%d-%H%M%S}Z-{suffix}"
    target.mkdir(parents=True)
    cur = con.cursor()
    counts = {}
    cur.execute("begin transaction")
    try:
        for table in TABLES:
            counts[table] = cur.execute(f"select count(*) from {quote(table)}").fetchall()[0][0]
            cur.execute(
                f"copy (select * from {quote(table)}) to {_literal(target / (table + '.parquet'))} (format parquet)"
            )
    finally:
        cur.execute("rollback")
    manifest = {"format": FORMAT, "taken_at": taken.isoformat() + "Z", "tables": counts}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return target, counts


def _manifest(folder: Path) -> dict[str, int]:
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BadBackup("backup_not_found", path=folder) from None
    tables = manifest.get("tables") if isinstance(manifest, dict) else None
    if manifest.get("format") != FORMAT or not isinstance(tables, dict) or set(tables) != set(TABLES):
        raise BadBackup("backup_not_found", path=folder)
    return {name: int(count) for name, count in tables.items()}


def restore(con: duckdb.DuckDBPyConnection, folder: Path, user: str | None = None) -> dict[str, int]:
    """Replaces the whole database with a backup's tables; returns the rows per table."""
    folder = Path(folder)
    expected = _manifest(folder)
    cur = con.cursor()
    for table, count in expected.items():
        try:
            found = cur.execute(f"select count(*) from read_parquet({_literal(folder / (table + '.parquet'))})")
            rows = found.fetchall()[0][0]
        except duckdb.Error:
            raise BadBackup("backup_incomplete", path=folder, table=table) from None
        if rows != count:
            raise BadBackup("backup_incomplete", path=folder, table=table)
    cur.execute("begin transaction")
    try:
        for table in TABLES:
            cur.execute(f"delete from {quote(table)}")
            cur.execute(
                f"insert into {quote(table)} by name select * from read_parquet({_literal(folder / (table + '.parquet'))})"
            )
        # The restored audit rows keep their ids; new ones continue after them.
        next_id = cur.execute("select coalesce(max(event_id), 0) + 1 from audit_log").fetchall()[0][0]
        cur.execute(f"create or replace sequence audit_event_seq start with {int(next_id)}")
        importer.log_event(cur, user, "restore", "ok", detail=folder.name)
        cur.execute("commit")
    except BaseException:
        cur.execute("rollback")
        raise
    return expected
