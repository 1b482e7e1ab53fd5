"""Turning the rows found in a workbook into typed tables, and every problem with them at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from plantrack import press_import
from plantrack.contract import CLEARABLE, CLOSED_LISTS, SHEETS_BY_NAME, Column, Sheet
from plantrack.i18n import format_date
from plantrack.text import Lookup, fold
from plantrack.timing import derive_task_dates
from plantrack.values import (
    Unreadable,
    is_blank,
    read_date,
    read_int,
    read_key,
    read_money,
    read_number,
    read_percent,
    read_plain_text,
    read_quarter,
    read_text,
    split_list,
)
from plantrack.workbook import Problem, Problems, RawSheet, RawWorkbook

KEY_SEPARATOR = "\x1f"
REFERENCE_CODES = {"units": "unknown_unit", "tasks": "unknown_task", "budget_lines": "unknown_line"}


@dataclass
class Context:
    """What the database already holds for the target plan, for sheets absent from the file."""

    units: dict[str, str] = field(default_factory=dict)  # code or name -> code
    tasks: set[str] = field(default_factory=set)
    budget_lines: set[str] = field(default_factory=set)
    # The plan's outlet directory (queries/outlet_directory.sql), for mentions without a scope.
    outlets: list[dict] = field(default_factory=list)


@dataclass
class Validated:
    frames: dict[str, pd.DataFrame]
    problems: list[Problem]
    titles: dict[str, str]
    # Sheets present with headers but no data: "not given", they change nothing (DESIGN §4).
    empty: list[str] = field(default_factory=list)
    # Sheets the user chose to state in full even without rows (a checkbox, `--clear`).
    cleared: set[str] = field(default_factory=set)
    # Per sheet, each field's header as written in the file (where a problem is placed).
    headers: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def key_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return fold(value)
    return str(value)


def row_key(spec: Sheet, record: dict) -> str:
    names = _key_names(spec, record)
    return KEY_SEPARATOR.join(
        record[n] if spec.column(n).key_case_sensitive and isinstance(record.get(n), str) else key_text(record.get(n))
        for n in names
    )


_UNREAD = object()
BLANK = object()  # what an empty cell reads as


class _CellReader:
    """Reads one column's cells, remembering each distinct cell so a 100.000-row log reads fast."""

    def __init__(self, column: Column, spec: Sheet | None = None):
        self.column = column
        # Codes (a row's key, or a reference to one) are read strictly; names and contents as titles.
        self.key = not column.key_case_sensitive and (
            column.ref is not None or column.field in (spec.key if spec else ())
        )
        self.title = column.required and column.kind == "text"
        self.closed = CLOSED_LISTS[column.choices].lookup() if column.choices else None
        self.memo: dict[object, object] = {}

    def read(self, raw: object, percent_format: bool) -> object:
        """The cell's value, or BLANK; raises Unreadable."""
        if self.column.kind == "percent":
            return BLANK if is_blank(raw) else read_percent(raw, percent_format)
        # Keyed by type too: Excel's TRUE equals 1 in Python, but they are different cells.
        hashable = (type(raw), raw)
        value = self.memo.get(hashable, _UNREAD)
        if value is _UNREAD:
            try:
                value = BLANK if is_blank(raw) else self._read(raw)
            except Unreadable as problem:
                value = problem
            self.memo[hashable] = value
        if isinstance(value, Unreadable):
            raise value
        return value

    def _read(self, raw: object) -> object:
        kind = self.column.kind
        if kind in ("choice", "bool"):
            if isinstance(raw, bool):
                code = "yes" if raw else "no"
            else:
                code = self.closed.get(read_text(raw))
            if code is None:
                allowed = ", ".join(CLOSED_LISTS[self.column.choices].labels("vi"))
                raise Unreadable("not_in_list", value=read_text(raw), allowed=allowed)
            return code == "yes" if kind == "bool" else code
        if kind == "date":
            return read_date(raw)
        if kind == "money":
            return read_money(raw)
        if kind == "number":
            return read_number(raw)
        if kind == "int":
            return read_int(raw)
        if kind == "quarter":
            return read_quarter(raw)
        if kind == "unit_list":
            return split_list(raw, keys=self.key)
        return read_key(raw) if self.key else read_plain_text(raw, title=self.title)


def _no_deadline() -> None:
    pass


def _read_sheet(raw: RawSheet, problems: list[Problem], check=_no_deadline) -> pd.DataFrame:
    """Reads column by column (a log sheet can have 100.000 rows); every bad cell becomes a problem."""
    spec, title = raw.spec, raw.title
    for column in spec.columns:
        if column.required and column.field not in raw.columns and not column.filled_by:
            code = "plan_field_missing" if spec.layout == "fields" else "missing_column"
            problems.append(Problem(code, title, raw.header_row, column.vi))
    excel_rows = [excel_row for excel_row, _ in raw.rows]
    cells_by_column = list(zip(*(values for _, values in raw.rows))) if raw.rows else []
    data: dict[str, list] = {}
    for index, name in enumerate(raw.columns):
        column = spec.column(name)
        data[name] = _read_column(raw, column, excel_rows, cells_by_column[index] if raw.rows else (), problems)
        check()
    for column in spec.columns:
        if column.field not in data:
            data[column.field] = [[] if column.kind == "unit_list" else column.blank] * len(excel_rows)
    # Object columns: pandas 3 would turn text with blanks into str columns holding NaN.
    frame = pd.DataFrame({name: pd.Series(data[name], dtype=object) for name in spec.fields}, columns=spec.fields)
    frame["_row"] = excel_rows
    return frame


def _fraction_typed(raw: object, value: object, percent_format: bool) -> bool:
    """0,8 typed in a plain cell reads as 0,8 %: most likely the person meant 80 %."""
    typed_percent = isinstance(raw, str) and raw.strip().endswith("%")
    return isinstance(value, float) and 0 < value <= 1 and not percent_format and not typed_percent


def _read_column(raw: RawSheet, column: Column, excel_rows: list[int], cells, problems: list[Problem]) -> list:
    reader = _CellReader(column, raw.spec)
    position = raw.columns[column.field][0]
    header = raw.header(column.field)
    field_row = raw.field_rows.get(column.field)
    empty = [] if column.kind == "unit_list" else column.blank
    checks_cells = bool(raw.uncalculated or raw.percent_cells)
    percent_format = False
    out = []
    for excel_row, value in zip(excel_rows, cells):
        row = field_row or excel_row
        if checks_cells:
            cell = (row - 1, position)
            if cell in raw.uncalculated:
                problems.append(Problem("formula_no_value", raw.title, row, header))
                out.append(empty)
                continue
            percent_format = cell in raw.percent_cells
        try:
            typed, value = value, reader.read(value, percent_format)
            if column.kind == "percent" and _fraction_typed(typed, value, percent_format):
                shown = format_decimal_vi(value)
                problems.append(
                    Problem(
                        "warn_progress_fraction",
                        raw.title,
                        row,
                        header,
                        {"value": shown, "meant": format_decimal_vi(value * 100)},
                        "warning",
                    )
                )
        except Unreadable as problem:
            problems.append(Problem(problem.code, raw.title, row, header, dict(problem.params)))
            value = empty
        if value is BLANK:
            if column.required and not column.filled_by:
                problems.append(Problem("required", raw.title, row, header))
            value = empty
        out.append(value)
    return out


def format_decimal_vi(value: float) -> str:
    """A number as staff write it in a cell: 0,8 and 80 (the message is read beside their file)."""
    return f"{value:g}".replace(".", ",")


def _key_names(spec: Sheet, record: dict) -> tuple[str, ...]:
    """The key columns a row is identified by: its link, or date + outlet + title when it has none."""
    if spec.fallback_key and all(record.get(n) in (None, "") for n in spec.key):
        return spec.fallback_key
    return spec.key


def _assign_keys(spec: Sheet, title: str, frame: pd.DataFrame, headers: dict, problems: list[Problem]) -> None:
    """Sets each row's key and reports keys that repeat within the sheet, as the user typed them."""
    names = list(dict.fromkeys(spec.key + spec.fallback_key))
    records = (
        [dict(zip(names, values)) for values in zip(*(frame[name].tolist() for name in names))] if len(frame) else []
    )
    keys = [row_key(spec, record) for record in records]
    frame["row_key"] = keys
    if spec.layout != "table":
        return
    first_seen: dict[str, int] = {}
    for key, record, excel_row in zip(keys, records, frame["_row"].tolist()):
        if key.replace(KEY_SEPARATOR, "") == "":
            continue
        if key in first_seen:
            used = _key_names(spec, record)
            shown = " + ".join(_shown(record[n]) for n in used if record[n] not in (None, ""))
            problems.append(
                Problem(
                    "duplicate_key",
                    title,
                    excel_row,
                    " + ".join(headers.get(n, spec.column(n).vi) for n in used),
                    {"key": f"«{shown}»", "first_row": first_seen[key]},
                )
            )
        else:
            first_seen[key] = excel_row


def _shown(value: object) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _unit_lookup(frames: dict[str, pd.DataFrame], context: Context) -> Lookup:
    if "units" in frames:
        spellings: dict[str, object] = {}
        for code, name in zip(frames["units"]["unit_code"], frames["units"]["unit_name"]):
            if code:
                spellings[code] = code
                if name:
                    spellings[name] = code
        return Lookup(spellings)
    return Lookup(dict(context.units))


def _check_references(
    raws: dict[str, RawSheet], frames: dict[str, pd.DataFrame], context: Context, problems: list[Problem]
) -> None:
    units = _unit_lookup(frames, context)
    tasks = set(frames["tasks"]["task_code"].dropna()) if "tasks" in frames else context.tasks
    lines = set(frames["budget_lines"]["line_code"].dropna()) if "budget_lines" in frames else context.budget_lines
    task_lookup = Lookup({code: code for code in tasks})
    line_lookup = Lookup({code: code for code in lines})
    for name, frame in frames.items():
        raw = raws[name]
        for column in raw.spec.columns:
            if not column.ref or column.field not in raw.columns:
                continue
            target = {"units": units, "tasks": task_lookup, "budget_lines": line_lookup}[column.ref]
            code = REFERENCE_CODES[column.ref]
            resolved = []
            for value, excel_row in zip(frame[column.field], frame["_row"]):
                if column.kind == "unit_list":
                    codes = []
                    for part in value or []:
                        found = target.get(part)
                        if found is None:
                            problems.append(
                                Problem(code, raw.title, int(excel_row), raw.header(column.field), {"value": part})
                            )
                        else:
                            codes.append(found)
                    resolved.append(codes)
                elif value in (None, ""):
                    resolved.append(value)
                else:
                    found = target.get(value)
                    if found is None:
                        problems.append(
                            Problem(code, raw.title, int(excel_row), raw.header(column.field), {"value": value})
                        )
                    resolved.append(found if found is not None else value)
            frame[column.field] = resolved


def _quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def _check_rules(
    raws: dict[str, RawSheet], frames: dict[str, pd.DataFrame], context: Context, problems: list[Problem]
) -> None:
    if "tasks" in frames:
        raw, frame = raws["tasks"], frames["tasks"]
        for rec in frame.to_dict("records"):
            row = int(rec["_row"])
            if not rec["is_ongoing"] and rec["due_on"] is None and "due_on" not in _failed(problems, raw, row):
                problems.append(Problem("due_required", raw.title, row, raw.header("due_on")))
            if rec["start_on"] and rec["due_on"] and rec["start_on"] > rec["due_on"]:
                problems.append(
                    Problem(
                        "start_after_due",
                        raw.title,
                        row,
                        raw.header("start_on"),
                        {"start": format_date(rec["start_on"]), "due": format_date(rec["due_on"])},
                    )
                )
            if rec["state"] == "done":
                if rec["progress"] is not None and rec["progress"] < 100:
                    problems.append(
                        Problem(
                            "warn_done_below_100",
                            raw.title,
                            row,
                            raw.header("progress"),
                            {"progress": f"{rec['progress']:g}"},
                            "warning",
                        )
                    )
                if rec["completed_on"] is None:
                    problems.append(
                        Problem("warn_done_without_date", raw.title, row, raw.header("completed_on"), {}, "warning")
                    )
    if "milestones" in frames:
        raw, frame = raws["milestones"], frames["milestones"]
        quarters = []
        for rec in frame.to_dict("records"):
            row = int(rec["_row"])
            due = rec["due_on"]
            expected = _quarter_of(due) if due else None
            if rec["quarter"] is not None and expected and rec["quarter"] != expected:
                problems.append(
                    Problem(
                        "warn_quarter_mismatch",
                        raw.title,
                        row,
                        raw.header("quarter"),
                        {"quarter": rec["quarter"], "due": format_date(due), "expected": expected},
                        "warning",
                    )
                )
            quarters.append(expected if expected else rec["quarter"])
        frame["quarter"] = quarters
    if "media" in frames:
        raw, frame = raws["media"], frames["media"]
        for published, responded, row in zip(frame["published_on"], frame["responded_on"], frame["_row"]):
            if published and responded and responded < published:
                problems.append(
                    Problem(
                        "responded_before_published",
                        raw.title,
                        int(row),
                        raw.header("responded_on"),
                        {"responded": format_date(responded), "published": format_date(published)},
                    )
                )
        frame["is_false"] = [bool(v) for v in frame["is_false"]]
    if "tasks" in frames:
        frames["tasks"]["is_ongoing"] = [bool(v) for v in frames["tasks"]["is_ongoing"]]


def _failed(problems: list[Problem], raw: RawSheet, row: int) -> set[str]:
    """Fields of this row that already have a problem, so one mistake is reported once."""
    headers = {raw.header(n): n for n in raw.spec.fields}
    if isinstance(problems, Problems):
        return {headers.get(column, "") for column in problems.places.get((raw.title, row), ())}
    return {headers.get(p.column, "") for p in problems if p.sheet == raw.title and p.row == row}


def warn_after_as_of(validated: Validated, as_of: dt.date) -> list[Problem]:
    """A task or milestone completed after the date the data is as of (known only once the as-of is)."""
    problems = []
    for name in ("tasks", "milestones"):
        frame = validated.frames.get(name)
        if frame is None:
            continue
        for completed, row in zip(frame["completed_on"], frame["_row"]):
            if completed and completed > as_of:
                problems.append(
                    Problem(
                        "warn_completed_after_as_of",
                        validated.titles[name],
                        int(row),
                        validated.headers[name]["completed_on"],
                        {"completed": format_date(completed), "as_of": format_date(as_of)},
                        "warning",
                    )
                )
    return problems


def _is_empty(raw: RawSheet) -> bool:
    """Headers and no data: a label/value sheet with every value blank, a table without a row."""
    if raw.spec.layout == "fields":
        return not raw.uncalculated.intersection(
            (row - 1, raw.columns[name][0]) for name, row in raw.field_rows.items()
        ) and all(is_blank(value) for _, values in raw.rows for value in values)
    return raw.header_row is not None and not raw.rows


def cleared_sheet(spec: Sheet) -> RawSheet:
    """A sheet the user empties on purpose without sending it: the template's headers, no rows."""
    columns = {column.field: (i, column.vi) for i, column in enumerate(spec.columns)}
    return RawSheet(spec, spec.vi, 1, columns, [])


def given(book: RawWorkbook, clear: set[str] = frozenset()) -> tuple[RawWorkbook, list[str], set[str]]:
    """The sheets the file gives: an empty one is set aside ("not given") unless the user chose to empty it.

    `clear`: table sheets to state in full even when the file has no rows for them (absent or empty):
    every current row of them is then removed, and a log sheet is replaced rather than added to.
    Returns the workbook of given sheets, the titles of the empty sheets set aside, and `clear`.
    """
    unknown = set(clear) - set(CLEARABLE)
    if unknown:
        raise ValueError(f"cannot clear {sorted(unknown)}")
    sheets, empty = {}, []
    for name, raw in book.sheets.items():
        if _is_empty(raw) and name not in clear:
            empty.append(raw.title)
        else:
            sheets[name] = raw
    for name in clear:
        if name not in sheets:
            sheets[name] = cleared_sheet(SHEETS_BY_NAME[name])
    return RawWorkbook(sheets, list(book.problems), book.deadline), empty, set(clear)


def _records(frame: pd.DataFrame | None) -> list[dict]:
    return [] if frame is None else frame.to_dict("records")


def validate(book: RawWorkbook, context: Context) -> Validated:
    """Every cell read and checked. Under the read's time budget (`book.deadline`), checked after each
    column and each step: raises sheetscan.OutOfTime once it is spent."""
    problems = Problems(book.problems)
    check = book.deadline.check if book.deadline is not None else _no_deadline
    frames: dict[str, pd.DataFrame] = {}
    for name, raw in book.sheets.items():
        if raw.header_row is None and raw.spec.layout == "table":
            continue
        frames[name] = _read_sheet(raw, problems, check)
    if "media" in frames:
        directory = press_import.Directory.of(_records(frames.get("outlets")), context.outlets)
        press_import.complete_media(book.sheets["media"], frames["media"], directory, problems)
    check()
    _check_references(book.sheets, frames, context, problems)
    check()
    derive_task_dates(book.sheets, frames, problems)
    _check_rules(book.sheets, frames, context, problems)
    check()
    for name, frame in frames.items():
        raw = book.sheets[name]
        _assign_keys(raw.spec, raw.title, frame, {n: raw.header(n) for n in raw.spec.fields}, problems)
    titles = {name: raw.title for name, raw in book.sheets.items()}
    headers = {name: {n: raw.header(n) for n in raw.spec.fields} for name, raw in book.sheets.items()}
    return Validated(frames, problems, titles, headers=headers)
