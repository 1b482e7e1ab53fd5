"""One import path for the app and the command line: read → validate → preview → commit a version.

`prepare` writes nothing; it returns a `Preview` with every problem and, when the file can be
imported, what would change per sheet. `commit` writes the whole preview in one transaction, and
refuses when the plan gained a version since the preview was made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from plantrack import clock, mapping, press_import, queries, references
from plantrack.contract import PLAN, SHEETS, SHEETS_BY_NAME, Sheet
from plantrack.db import current_rows_sql, quote
from plantrack.i18n import format_date, format_number
from plantrack.sheetscan import OutOfTime
from plantrack.validate import KEY_SEPARATOR, Context, Validated, given, row_key, validate, warn_after_as_of
from plantrack.workbook import Problem, Problems, RawWorkbook, out_of_time, read_workbook

SAMPLE_CELLS = 200


class DataChanged(Exception):
    """The plan gained a version between preview and confirm."""

    def __init__(self, current: int | None, base: int | None):
        super().__init__(f"current version {current}, preview made on {base}")
        self.current = current
        self.base = base


@dataclass
class CellChange:
    key: str
    field: str
    old: object
    new: object


@dataclass
class SheetChange:
    sheet: str
    title: str
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    kept: int = 0
    cells: list[CellChange] = field(default_factory=list)
    removed_keys: list[str] = field(default_factory=list)

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed)


@dataclass
class Preview:
    file_name: str
    sha256: str
    as_of: dt.date
    plan_id: int | None
    plan_key: str | None
    base_version: int | None
    validated: Validated | None
    problems: list[Problem]
    changes: dict[str, SheetChange] = field(default_factory=dict)
    replace_logs: bool = False
    # Sheets read through a column mapping, and sheets waiting for one (plantrack.mapping).
    mappings: list[mapping.Applied] = field(default_factory=list)
    pending: list[mapping.Pending] = field(default_factory=list)
    # Outlets no row, file sheet or directory classifies, with what the file says of them: kept apart
    # from `validated` because the page drops a refused preview's frames (issue 16) and still asks.
    unknown_outlets: list[press_import.UnknownOutlet] = field(default_factory=list)
    as_of_source: str = "given"

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def importable(self) -> bool:
        return not self.errors

    @property
    def nothing_changed(self) -> bool:
        return self.importable and self.plan_id is not None and not any(c.touched for c in self.changes.values())


def plans(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per plan with its current title and year, newest first."""
    return con.execute(
        """
        select p.plan_id, p.is_demo, i.title, i.year, i.doc_number,
               (select max(version_id) from versions v where v.plan_id = p.plan_id) as version_id
        from plans p
        left join plan_info i on i.plan_id = p.plan_id and i.valid_to is null
        order by i.year desc nulls last, p.plan_id desc
        """
    ).df()


def resolve_plan(con: duckdb.DuckDBPyConnection, plan: int | str | None) -> int | None:
    """A plan by id, document number or year; by default the only plan, else the newest."""
    known = plans(con)
    if known.empty:
        return None
    if plan is None or plan == "":
        return int(known.iloc[0]["plan_id"])
    text = str(plan).strip()
    for column in ("plan_id", "doc_number", "year"):
        hits = known[known[column].astype(str).str.casefold() == text.casefold()]
        if not hits.empty:
            return int(hits.iloc[0]["plan_id"])
    return -1


def latest_version(con: duckdb.DuckDBPyConnection, plan_id: int | None) -> int | None:
    if plan_id is None:
        return None
    return con.execute("select max(version_id) from versions where plan_id = $p", {"p": plan_id}).fetchall()[0][0]


def _context(con: duckdb.DuckDBPyConnection, plan_id: int | None, with_outlets: bool = False) -> Context:
    context = Context()
    if plan_id is None:
        return context
    params = {"p": plan_id}
    for code, name in con.execute(
        "select unit_code, unit_name from units where plan_id = $p and valid_to is null", params
    ).fetchall():
        context.units[code] = code
        if name:
            context.units.setdefault(name, code)
    context.tasks = {
        r[0]
        for r in con.execute("select task_code from tasks where plan_id = $p and valid_to is null", params).fetchall()
    }
    context.budget_lines = {
        r[0]
        for r in con.execute(
            "select line_code from budget_lines where plan_id = $p and valid_to is null", params
        ).fetchall()
    }
    version = latest_version(con, plan_id)
    # The directory is read from every mention of the plan: only when the file has mentions to complete.
    if with_outlets and version is not None:
        context.outlets = queries.run(con, "outlet_directory", plan_id=plan_id, version_id=version).to_dict("records")
    return context


def _plan_target(
    con: duckdb.DuckDBPyConnection, book: RawWorkbook, plan: int | str | None, problems: list[Problem]
) -> tuple[int | None, str | None, bool]:
    """(plan id or None for a new plan, its key, whether the target could be decided)."""
    if "plan_info" in book.sheets:
        only_plan = RawWorkbook({"plan_info": book.sheets["plan_info"]}, [])
        checked = validate(only_plan, Context())
        frame = checked.frames.get("plan_info")
        if checked.errors or frame is None or frame.empty:
            return None, None, False
        key = row_key(PLAN, frame.iloc[0].to_dict())
        rows = con.execute("select plan_id from plans where plan_key = $k", {"k": key}).fetchall()
        return (rows[0][0] if rows else None), key, True
    plan_id = resolve_plan(con, plan)
    if plan_id is None:
        problems.append(Problem("no_plan"))
        return None, None, False
    if plan_id == -1:
        known = ", ".join(f"{r.plan_id} ({r.doc_number or ''} {r.year})" for r in plans(con).itertuples())
        problems.append(Problem("unknown_plan", params={"plan": plan, "known": known}))
        return None, None, False
    key = con.execute("select plan_key from plans where plan_id = $p", {"p": plan_id}).fetchall()[0][0]
    return plan_id, key, True


def prepare(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    file_name: str,
    *,
    plan: int | str | None = None,
    as_of: dt.date | None = None,
    replace_logs: bool = False,
    clear: set[str] | frozenset = frozenset(),
    mapping_name: str | None = None,
    accept_suggested_mapping: bool = False,
) -> Preview:
    """Reads and checks the file and works out what would change. Writes nothing.

    `as_of` None: the newest Cập nhật ngày in the file, else today, never past the plan year's end.
    `clear`: sheets (by contract name) to empty on purpose; an empty sheet of the file changes nothing.
    A sheet whose headers are not the template's is read through the saved mapping `mapping_name`, else
    the one saved for the same headers, else the suggested one if `accept_suggested_mapping`; else it
    waits for a mapping (`Preview.pending`, a blocking problem). Raises `UnreadableFile` when the file is
    not a workbook at all.
    """
    sha = hashlib.sha256(data).hexdigest()
    problems: list[Problem] = []
    cur = con.cursor()
    saved = mapping.saved_mappings(cur)
    chosen = mapping.saved_mapping(cur, mapping_name) if mapping_name else None
    if mapping_name and chosen is None:
        known = ", ".join(m.name for m in saved) or "—"
        problems.append(Problem("mapping_unknown", params={"name": mapping_name, "known": known}))
    resolver = mapping.Resolver(saved, chosen, accept_suggested_mapping)
    book, empty, cleared = given(read_workbook(data, resolver), set(clear))
    for waiting in resolver.pending:
        problems.append(Problem("mapping_needed", waiting.sheet, waiting.header_row))
    plan_id, plan_key, decided = _plan_target(cur, book, plan, problems)
    try:
        validated = validate(book, _context(cur, plan_id, with_outlets="media" in book.sheets))
    except OutOfTime:
        raise out_of_time(book.deadline) from None
    validated.empty, validated.cleared = empty, cleared
    year = _plan_year(cur, plan_id, validated)
    as_of, as_of_source = _as_of(as_of, validated, year)
    problems = Problems.joined(problems, validated.problems, warn_after_as_of(validated, as_of))
    if year is not None and as_of.year != year:
        problems.append(
            Problem("warn_as_of_outside_year", params={"as_of": format_date(as_of), "year": year}, severity="warning")
        )
    preview = Preview(
        file_name,
        sha,
        as_of,
        plan_id,
        plan_key,
        latest_version(cur, plan_id),
        validated,
        problems,
        replace_logs=replace_logs,
        as_of_source=as_of_source,
        mappings=resolver.applied,
        pending=resolver.pending,
        unknown_outlets=press_import.unknown_outlets(problems, validated.frames.get("media")),
    )
    if not decided:
        return preview
    # Staged even when some cells are refused: the rows left pointing at nothing are reported with
    # every other problem, at once.
    _stage(cur, validated, plan_id)
    try:
        statements = {
            name for name in validated.frames if _is_statement(SHEETS_BY_NAME[name], replace_logs, validated.cleared)
        }
        preview.problems.extend(references.dangling(cur, plan_id, validated, statements))
        if preview.errors:
            return preview
        for name in validated.frames:
            spec = SHEETS_BY_NAME[name]
            preview.changes[name] = _diff(cur, spec, plan_id, validated.titles[name], statement=name in statements)
        preview.problems.extend(_budget_warnings(cur, plan_id, validated, replace_logs))
    finally:
        _unstage(cur, validated)
    return preview


def _plan_year(cur: duckdb.DuckDBPyConnection, plan_id: int | None, validated: Validated) -> int | None:
    frame = validated.frames.get("plan_info")
    if frame is not None and not frame.empty and frame.iloc[0]["year"] is not None:
        return int(frame.iloc[0]["year"])
    if plan_id is None:
        return None
    rows = cur.execute("select year from plan_info where plan_id = $p and valid_to is null", {"p": plan_id}).fetchall()
    return int(rows[0][0]) if rows and rows[0][0] is not None else None


def _as_of(given_as_of: dt.date | None, validated: Validated, year: int | None) -> tuple[dt.date, str]:
    """The data's as-of date and where it came from: "given", "file" (newest Cập nhật ngày), "today",
    or "year_end" (today is past the plan year, whose data is then as of its last day)."""
    if given_as_of is not None:
        return given_as_of, "given"
    tasks = validated.frames.get("tasks")
    updated = [d for d in tasks["updated_on"] if d is not None] if tasks is not None else []
    if updated:
        return max(updated), "file"
    today = clock.today()
    if year is not None and today > dt.date(year, 12, 31):
        return dt.date(year, 12, 31), "year_end"
    return today, "today"


def _is_statement(spec: Sheet, replace_logs: bool, cleared: set[str] = frozenset()) -> bool:
    return not spec.log or replace_logs or spec.name in cleared


def _stage_name(name: str) -> str:
    return quote(f"stage_{name}")


def _stage(cur: duckdb.DuckDBPyConnection, validated: Validated, plan_id: int | None) -> None:
    for name, frame in validated.frames.items():
        _stage_frame(cur, SHEETS_BY_NAME[name], frame[["row_key", *SHEETS_BY_NAME[name].fields]])
    _keep_stored_classification(cur, validated, plan_id)


def _keep_stored_classification(cur: duckdb.DuckDBPyConnection, validated: Validated, plan_id: int | None) -> None:
    """A mention already stored keeps its scope, medium, language and tier where the file leaves them blank.

    The directory classifies new mentions. Were it to fill an old mention's blank, learned since from
    later mentions or a later directory, a version's own export would not re-import as "nothing changed".
    """
    frame = validated.frames.get("media")
    if plan_id is None or frame is None or press_import.FILLED not in frame:
        return
    stage, current = _stage_name("media"), _current(SHEETS_BY_NAME["media"])
    for name in press_import.FILLED_FROM_DIRECTORY:
        keys = frame.loc[[name in fields for fields in frame[press_import.FILLED]], ["row_key"]]
        if keys.empty:
            continue
        cur.register("filled_keys", keys)
        try:
            cur.execute(
                f"update {stage} s set {quote(name)} = c.{quote(name)} from {current} c "
                f"where c.row_key = s.row_key and s.row_key in (select cast(row_key as varchar) from filled_keys)",
                {"p": plan_id},
            )
        finally:
            cur.unregister("filled_keys")


def _stage_frame(cur: duckdb.DuckDBPyConnection, spec: Sheet, frame: pd.DataFrame) -> None:
    casts = ", ".join(f"cast({quote(c.field)} as {c.sql_type}) as {quote(c.field)}" for c in spec.columns)
    cur.register("incoming", frame)
    try:
        cur.execute(
            f"create or replace temp table {_stage_name(spec.name)} as "
            f"select cast(row_key as varchar) as row_key, {casts} from incoming"
        )
    finally:
        cur.unregister("incoming")


def _unstage(cur: duckdb.DuckDBPyConnection, validated: Validated) -> None:
    for name in validated.frames:
        cur.execute(f"drop table if exists {_stage_name(name)}")


def _differs(spec: Sheet) -> str:
    return " or ".join(f"s.{quote(c.field)} is distinct from c.{quote(c.field)}" for c in spec.columns)


def _current(spec: Sheet) -> str:
    return f"(select * from {quote(spec.name)} where plan_id = $p and valid_to is null)"


def _diff(
    cur: duckdb.DuckDBPyConnection, spec: Sheet, plan_id: int | None, title: str, statement: bool, samples: bool = True
) -> SheetChange:
    """What the staged sheet changes; `samples` adds the removed keys and changed cells a preview shows."""
    change = SheetChange(spec.name, title)
    params = {"p": plan_id if plan_id is not None else -1}
    stage, current, differs = _stage_name(spec.name), _current(spec), _differs(spec)
    change.added, change.changed, change.unchanged = cur.execute(
        f"""
        select count(*) filter (where c.row_key is null),
               count(*) filter (where c.row_key is not null and ({differs})),
               count(*) filter (where c.row_key is not null and not ({differs}))
        from {stage} s left join {current} c on c.row_key = s.row_key
        """,
        params,
    ).fetchall()[0]
    # Keys are unique on both sides (a repeated key is a blocking problem), so the current rows the
    # file does not name are all the others: a count, not an anti-join over a million logged rows.
    missing = (
        cur.execute(f"select count(*) from {current}", params).fetchall()[0][0] - change.changed - change.unchanged
    )
    if statement:
        change.removed = missing
    if statement and samples and missing:
        change.removed_keys = [
            _show_key(r[0])
            for r in cur.execute(
                f"select c.row_key from {current} c where not exists "
                f"(select 1 from {stage} s where s.row_key = c.row_key) order by c.row_key limit {SAMPLE_CELLS}",
                params,
            ).fetchall()
        ]
    if not statement:
        change.kept = missing
    if samples and change.changed:
        fields = spec.fields
        select_new = ", ".join(f"s.{quote(f)}" for f in fields)
        select_old = ", ".join(f"c.{quote(f)}" for f in fields)
        rows = cur.execute(
            f"""
            select s.row_key, {select_old}, {select_new}
            from {stage} s join {current} c on c.row_key = s.row_key
            where {differs} order by s.row_key limit {SAMPLE_CELLS}
            """,
            params,
        ).fetchall()
        n = len(fields)
        for row in rows:
            for i, name in enumerate(fields):
                old, new = row[1 + i], row[1 + n + i]
                if old != new and not (old is None and new is None):
                    change.cells.append(CellChange(_show_key(row[0]), name, old, new))
    return change


def _show_key(key: str) -> str:
    return " · ".join(part for part in key.split(KEY_SEPARATOR) if part)


def _budget_warnings(
    cur: duckdb.DuckDBPyConnection, plan_id: int | None, validated: Validated, replace_logs: bool
) -> list[Problem]:
    """Lines whose disbursements, after this import, add up to more than their plan."""
    frames = validated.frames
    if "disbursements" not in frames and "budget_lines" not in frames:
        return []
    params = {"p": plan_id if plan_id is not None else -1}
    lines = _stage_name("budget_lines") if "budget_lines" in frames else _current(SHEETS_BY_NAME["budget_lines"])
    if "disbursements" in frames:
        paid = f"select line_code, amount from {_stage_name('disbursements')}"
        if not replace_logs:
            paid += (
                f" union all select c.line_code, c.amount from {_current(SHEETS_BY_NAME['disbursements'])} c "
                f"where not exists (select 1 from {_stage_name('disbursements')} s where s.row_key = c.row_key)"
            )
    else:
        paid = f"select line_code, amount from {_current(SHEETS_BY_NAME['disbursements'])}"
    sql = f"""
        with paid as ({paid}),
        totals as (select line_code, sum(amount) as paid from paid group by line_code)
        select l.line_code, l.planned, t.paid
        from {lines} l join totals t on t.line_code = l.line_code
        where t.paid > l.planned order by l.line_code
        """
    rows = cur.execute(sql, params if "$p" in sql else {}).fetchall()
    problems = []
    sheet = "disbursements" if "disbursements" in frames else "budget_lines"
    frame = frames[sheet]
    title = validated.titles[sheet]
    column = SHEETS_BY_NAME[sheet].column("amount" if sheet == "disbursements" else "planned").vi
    for line, planned, total in rows:
        hits = frame.loc[frame["line_code"] == line, "_row"]
        row = int(hits.iloc[0]) if not hits.empty else None
        problems.append(
            Problem(
                "warn_over_budget",
                title,
                row,
                column,
                {"line": line, "paid": format_number(total), "planned": format_number(planned)},
                "warning",
            )
        )
    return problems


def _apply(
    cur: duckdb.DuckDBPyConnection,
    spec: Sheet,
    plan_id: int,
    version_id: int,
    statement: bool,
    known: SheetChange | None = None,
) -> SheetChange:
    """Closes changed (and, for statements, removed) rows and adds the new state of each.

    `known`: the change the preview counted against the same version (the caller has checked that no
    version came since, so the current rows are those the preview saw); otherwise it is counted here.
    """
    change = known if known is not None else _diff(cur, spec, plan_id, spec.vi, statement, samples=False)
    if not change.touched:
        return change
    table, stage, current, differs = quote(spec.name), _stage_name(spec.name), _current(spec), _differs(spec)
    params = {"p": plan_id, "v": version_id}
    removed = (
        f"union all select c.row_key from {current} c "
        f"where not exists (select 1 from {stage} s where s.row_key = c.row_key)"
        if statement
        else ""
    )
    cur.execute(
        f"""
        update {table} set valid_to = $v
        where plan_id = $p and valid_to is null and row_key in (
            select s.row_key from {stage} s join {current} c on c.row_key = s.row_key where {differs}
            {removed}
        )
        """,
        params,
    )
    fields = ", ".join(f"s.{quote(f)}" for f in spec.fields)
    cur.execute(
        f"""
        insert into {table} (plan_id, row_key, {", ".join(quote(f) for f in spec.fields)}, valid_from, valid_to)
        select $p, s.row_key, {fields}, $v, null from {stage} s
        where not exists (select 1 from {current} c where c.row_key = s.row_key)
        """,
        params,
    )
    return change


def commit(
    con: duckdb.DuckDBPyConnection,
    preview: Preview,
    user: str,
    *,
    kind: str = "import",
    is_demo: bool = False,
) -> int | None:
    """Writes the previewed workbook as one new version; returns its id, or None if nothing changed."""
    if not preview.importable:
        raise ValueError("the preview has blocking problems")
    cur = con.cursor()
    _stage(cur, preview.validated, preview.plan_id)
    try:
        return _write_version(
            cur,
            preview.plan_id,
            preview.plan_key,
            preview.base_version,
            [
                (
                    SHEETS_BY_NAME[name],
                    _is_statement(SHEETS_BY_NAME[name], preview.replace_logs, preview.validated.cleared),
                )
                for name in preview.validated.frames
            ],
            known=preview.changes,
            user=user,
            file_name=preview.file_name,
            sha256=preview.sha256,
            as_of=preview.as_of,
            kind=kind,
            is_demo=is_demo,
        )
    finally:
        _unstage(cur, preview.validated)


def _write_version(
    cur: duckdb.DuckDBPyConnection,
    plan_id: int | None,
    plan_key: str | None,
    base_version: int | None,
    sheets: list[tuple[Sheet, bool]],
    *,
    known: dict[str, SheetChange] | None = None,
    user: str,
    file_name: str | None,
    sha256: str | None,
    as_of: dt.date,
    kind: str,
    is_demo: bool = False,
    rollback_of: int | None = None,
) -> int | None:
    cur.execute("begin transaction")
    try:
        current = latest_version(cur, plan_id)
        if current != base_version:
            raise DataChanged(current, base_version)
        if plan_id is None:
            plan_id = cur.execute("select coalesce(max(plan_id), 0) + 1 from plans").fetchall()[0][0]
            cur.execute(
                "insert into plans (plan_id, plan_key, is_demo) values ($p, $k, $d)",
                {"p": plan_id, "k": plan_key, "d": is_demo},
            )
        version_id = cur.execute("select coalesce(max(version_id), 0) + 1 from versions").fetchall()[0][0]
        counts = {}
        for spec, statement in sheets:
            change = _apply(cur, spec, plan_id, version_id, statement, (known or {}).get(spec.name))
            counts[spec.name] = {
                "added": change.added,
                "changed": change.changed,
                "removed": change.removed,
                "unchanged": change.unchanged,
            }
        _fault_point("after_apply")
        if not any(c["added"] or c["changed"] or c["removed"] for c in counts.values()) and base_version is not None:
            cur.execute("rollback")
            return None
        totals = {
            spec.name: cur.execute(
                f"select count(*) from {quote(spec.name)} where plan_id = $p and valid_to is null", {"p": plan_id}
            ).fetchall()[0][0]
            for spec in SHEETS
        }
        for name, total in totals.items():
            counts.setdefault(name, {})["rows"] = total
        cur.execute(
            """
            insert into versions (version_id, plan_id, created_at, user_name, file_name, sha256, as_of, kind, rollback_of, counts)
            values ($v, $p, current_timestamp, $u, $f, $s, $a, $k, $r, $c)
            """,
            {
                "v": version_id,
                "p": plan_id,
                "u": user,
                "f": file_name,
                "s": sha256,
                "a": as_of,
                "k": kind,
                "r": rollback_of,
                "c": json.dumps(counts),
            },
        )
        _log(cur, user, kind, plan_id, version_id, file_name, sha256, "committed", json.dumps(counts))
        _fault_point("before_commit")
        cur.execute("commit")
        return version_id
    except BaseException:
        cur.execute("rollback")
        raise


def _fault_point(name: str) -> None:
    """Test hook: PLANTRACK_FAULT=raise:<name> raises, hang:<name> waits to be killed, inside the open transaction."""
    fault = os.environ.get("PLANTRACK_FAULT", "")
    if fault == f"raise:{name}":
        raise RuntimeError(f"injected failure at {name}")
    if fault == f"hang:{name}":
        print("HANGING", flush=True, file=sys.stderr)
        time.sleep(3600)


def _log(cur, user, action, plan_id, version_id, file_name, sha256, outcome, detail) -> None:
    cur.execute(
        """
        insert into audit_log (event_id, logged_at, user_name, action, plan_id, version_id, file_name, sha256, outcome, detail)
        select nextval('audit_event_seq'), current_timestamp, $u, $a, $p, $v, $f, $s, $o, $d
        """,
        {"u": user, "a": action, "p": plan_id, "v": version_id, "f": file_name, "s": sha256, "o": outcome, "d": detail},
    )


def log_event(
    con, user: str | None, action: str, outcome: str, *, plan_id=None, file_name=None, sha256=None, detail=None
) -> None:
    """Audit a refused upload, a failed login or anything else that writes no version."""
    _log(con, user, action, plan_id, None, file_name, sha256, outcome, detail)


def current_rows(cur: duckdb.DuckDBPyConnection, spec: Sheet, plan_id: int) -> pd.DataFrame:
    """One sheet's rows in the plan's current state, columns named by field (for the preview's labels)."""
    fields = ", ".join(quote(f) for f in ["row_key", *spec.fields])
    return cur.execute(
        f"select {fields} from {quote(spec.name)} where plan_id = $p and valid_to is null", {"p": plan_id}
    ).df()


def state(con: duckdb.DuckDBPyConnection, plan_id: int, version_id: int | None = None) -> dict[str, pd.DataFrame]:
    """Every sheet's rows of a plan at a version (default: the latest), columns named by field."""
    cur = con.cursor()
    version_id = version_id if version_id is not None else (latest_version(cur, plan_id) or 0)
    frames = {}
    for spec in SHEETS:
        fields = ", ".join(quote(f) for f in ["row_key", *spec.fields])
        frames[spec.name] = cur.execute(
            f"select {fields} from ({current_rows_sql(spec)}) order by row_key",
            {"plan_id": plan_id, "version_id": version_id},
        ).df()
    return frames


def _stage_version(cur: duckdb.DuckDBPyConnection, plan_id: int, target: int) -> None:
    """Stages every sheet as it was at version `target`, as an import stages a workbook."""
    for spec in SHEETS:
        columns = ", ".join(quote(f) for f in ["row_key", *spec.fields])
        cur.execute(
            f"create or replace temp table {_stage_name(spec.name)} as select {columns} from ({current_rows_sql(spec)})",
            {"plan_id": plan_id, "version_id": target},
        )


def _unstage_all(cur: duckdb.DuckDBPyConnection) -> None:
    for spec in SHEETS:
        cur.execute(f"drop table if exists {_stage_name(spec.name)}")


def rollback_changes(con: duckdb.DuckDBPyConnection, plan_id: int, target: int) -> dict[str, SheetChange]:
    """Per sheet, what rolling back to version `target` would change: counted by the same diff the
    rollback writes with (rows added, changed, removed; unchanged). Writes nothing."""
    cur = con.cursor()
    _stage_version(cur, plan_id, target)
    try:
        return {spec.name: _diff(cur, spec, plan_id, spec.vi, statement=True, samples=False) for spec in SHEETS}
    finally:
        _unstage_all(cur)


def rollback(con: duckdb.DuckDBPyConnection, plan_id: int, target: int, user: str) -> int | None:
    """A new version whose data equals version `target`; None if the data is already that."""
    cur = con.cursor()
    rows = cur.execute(
        "select as_of from versions where plan_id = $p and version_id = $v", {"p": plan_id, "v": target}
    ).fetchall()
    if not rows:
        raise LookupError(target)
    as_of = rows[0][0]
    base = latest_version(cur, plan_id)
    _stage_version(cur, plan_id, target)
    try:
        key = cur.execute("select plan_key from plans where plan_id = $p", {"p": plan_id}).fetchall()[0][0]
        return _write_version(
            cur,
            plan_id,
            key,
            base,
            [(spec, True) for spec in SHEETS],
            user=user,
            file_name=None,
            sha256=None,
            as_of=as_of,
            kind="rollback",
            rollback_of=target,
        )
    finally:
        _unstage_all(cur)


def versions(con: duckdb.DuckDBPyConnection, plan_id: int | None = None) -> pd.DataFrame:
    where = "" if plan_id is None else "where plan_id = $p"
    params = {} if plan_id is None else {"p": plan_id}
    return (
        con.cursor()
        .execute(
            f"select version_id, plan_id, created_at, user_name, file_name, sha256, as_of, kind, rollback_of, counts "
            f"from versions {where} order by version_id",
            params,
        )
        .df()
    )
