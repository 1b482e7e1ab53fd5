"""Golden workbooks (tests/golden, made by tests/golden/make_golden.py) against DESIGN §3.

- Every refused file reports each expected problem at its exact sheet, Excel row and column header,
  with a message in Vietnamese and English, and leaves the database exactly as it was.
- Every messy-but-valid file imports without errors, stores the values a person meant, and
  imported a second time changes nothing.
- Zip bombs (built at run time) are refused quickly and without unpacking them into memory.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib.util
import json
import os
import re
import string
import subprocess
import sys
import textwrap
import zipfile
from collections import Counter
from pathlib import Path

import hostile
import pandas as pd
import pytest

from plantrack import importer
from plantrack.contract import SHEETS_BY_NAME, sheet_lookup
from plantrack.db import connect
from plantrack.i18n import MESSAGES
from plantrack.validate import REFERENCE_CODES
from plantrack.workbook import MAX_FILE_BYTES, MAX_UNPACKED_BYTES, Problem, UnreadableFile

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
REFUSED = sorted((GOLDEN / "refused").glob("*.xlsx"))
VALID = sorted((GOLDEN / "valid").glob("*.xlsx"))
AS_OF = dt.date(2019, 12, 31)
USER = "golden"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_golden", GOLDEN / "make_golden.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def _case(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


@pytest.fixture
def golden_db(tmp_path):
    connection = connect(tmp_path / "t.duckdb")
    yield connection
    connection.close()


def _fingerprint(con) -> dict[str, list]:
    """Every row of every table: equal fingerprints mean nothing was written."""
    tables = con.execute(
        "select table_catalog, table_schema, table_name from information_schema.tables order by all"
    ).fetchall()
    return {
        f"{catalog}.{schema}.{name}": con.execute(
            f'select * from "{catalog}"."{schema}"."{name}" order by all'
        ).fetchall()  # noqa: S608 - names from the catalogue
        for catalog, schema, name in tables
    }


def _case_as_of(case: dict) -> dt.date | None:
    """The as-of a case is imported with: the tests' default, another date, or None (the importer's default)."""
    if "as_of" not in case:
        return AS_OF
    return None if case["as_of"] is None else dt.date.fromisoformat(case["as_of"])


def _import_base(con, case: dict) -> None:
    if not case.get("base"):
        return
    preview = importer.prepare(con, (GOLDEN / case["base"]).read_bytes(), case["base"], as_of=AS_OF)
    assert not preview.errors, [p.line("en") for p in preview.errors]
    assert importer.commit(con, preview, USER) is not None


def _placed(problem: Problem) -> tuple:
    return (problem.code, problem.sheet, problem.row, problem.column)


def _expected(entry: dict) -> tuple:
    return (entry["code"], entry["sheet"], entry["row"], entry["column"])


def _assert_readable_messages(problem: Problem) -> None:
    for lang in ("vi", "en"):
        text = problem.message(lang)
        assert text.strip(), (lang, problem)
        assert not PLACEHOLDER.search(text), (lang, text)
        assert problem.line(lang).strip()


def _show(problems: list[Problem]) -> str:
    lines = []
    for problem in problems:
        try:
            text = problem.message("en")
        except Exception as error:  # the message itself may be broken; still show where the problem is
            text = f"<message failed: {error!r}> {problem.params}"
        lines.append(f"  {_placed(problem)}: {text}")
    return "\n".join(lines)


@pytest.mark.parametrize("path", REFUSED, ids=[p.stem for p in REFUSED])
def test_a_refused_golden_workbook_reports_its_problems_and_writes_nothing(path: Path, golden_db) -> None:
    case = _case(path)
    con = golden_db
    _import_base(con, case)
    before = _fingerprint(con)
    expected = [_expected(entry) for entry in case["problems"]]

    if case["unreadable"]:
        with pytest.raises(UnreadableFile) as refused:
            importer.prepare(con, path.read_bytes(), path.name, plan=case.get("plan"), as_of=AS_OF)
        reported = [refused.value.problem]
        errors = reported
    else:
        preview = importer.prepare(
            con, path.read_bytes(), path.name, plan=case.get("plan"), as_of=AS_OF, clear=set(case.get("clear", ()))
        )
        reported = preview.problems
        errors = preview.errors
        assert not preview.importable
        with pytest.raises(ValueError):
            importer.commit(con, preview, USER)

    placed = [_placed(p) for p in reported]
    missing = [e for e in expected if e not in placed]
    assert not missing, f"{case['description']}\nmissing: {missing}\nreported:\n{_show(reported)}"
    if case["only"]:
        assert Counter(_placed(p) for p in errors) == Counter(expected), f"unexpected errors:\n{_show(errors)}"
    for problem in reported:
        _assert_readable_messages(problem)
    assert _fingerprint(con) == before, "a refused file changed the database"


def _plain(value: object) -> object:
    """A stored value as JSON would hold it: dates as yyyy-mm-dd, lists as lists, missing as None."""
    if isinstance(value, (list, tuple)) or getattr(value, "ndim", 0) == 1:
        return [_plain(v) for v in value]
    if getattr(value, "ndim", None) == 0 and hasattr(value, "item"):
        value = value.item()
    if value is None or pd.isna(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _same(actual: object, expected: object) -> bool:
    if isinstance(expected, float) or (isinstance(expected, int) and not isinstance(expected, bool)):
        return isinstance(actual, (int, float)) and not isinstance(actual, bool) and actual == pytest.approx(expected)
    return actual == expected


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_a_valid_golden_workbook_stores_the_expected_rows(path: Path, golden_db) -> None:
    case = _case(path)
    con = golden_db
    _import_base(con, case)
    data = path.read_bytes()

    as_of = _case_as_of(case)
    clear = set(case.get("clear", ()))
    preview = importer.prepare(con, data, path.name, as_of=as_of, clear=clear)
    assert not preview.errors, f"{case['description']}\n{_show(preview.errors)}"
    placed = [_placed(p) for p in preview.warnings]
    for warning in case["warnings"]:
        assert _expected(warning) in placed, f"warning {warning} not reported:\n{_show(preview.warnings)}"
    for warning in case.get("no_warnings", []):
        assert _expected(warning) not in placed, f"warning {warning} reported:\n{_show(preview.warnings)}"
    if "empty" in case:
        assert preview.validated.empty == case["empty"]
        assert not set(preview.changes) & {sheet_lookup().get(title) for title in case["empty"]}
    if "expect_as_of" in case:
        assert preview.as_of.isoformat() == case["expect_as_of"]
    for problem in preview.problems:
        _assert_readable_messages(problem)
    assert importer.commit(con, preview, USER) is not None

    plan_id = importer.resolve_plan(con, None)
    frames = importer.state(con, plan_id)
    counts = {name: len(frames[name]) for name in case["rows"]}
    assert counts == case["rows"]
    for sheet, entries in case["expect"].items():
        records = [{k: _plain(v) for k, v in rec.items()} for rec in frames[sheet].to_dict("records")]
        for entry in entries:
            hits = [r for r in records if all(r.get(k) == v for k, v in entry["match"].items())]
            assert len(hits) == 1, f"{sheet} {entry['match']}: {len(hits)} rows in {records}"
            wrong = {
                name: (hits[0][name], want) for name, want in entry["values"].items() if not _same(hits[0][name], want)
            }
            assert not wrong, f"{sheet} {entry['match']}: (stored, expected) {wrong}"

    again = importer.prepare(con, data, path.name, as_of=as_of, clear=clear)
    touched = {name: (c.added, c.changed, c.removed) for name, c in again.changes.items() if c.touched}
    assert again.nothing_changed, f"importing the same file again would change {touched}"


def test_there_are_enough_golden_workbooks_each_with_its_json_and_small() -> None:
    assert len(REFUSED) >= 30 and len(VALID) >= 10
    for path in [*REFUSED, *VALID]:
        assert path.with_suffix(".json").is_file(), path
        assert path.stat().st_size < 1_000_000, path


def test_generator_reproduces_the_committed_files(tmp_path) -> None:
    generator = _load_generator()
    written = generator.generate(tmp_path)
    committed = sorted(p.relative_to(GOLDEN) for p in GOLDEN.rglob("*") if p.suffix in (".xlsx", ".json"))
    assert sorted(p.relative_to(tmp_path) for p in written) == committed
    for relative in committed:
        new, old = tmp_path / relative, GOLDEN / relative
        if relative.suffix == ".json" or not zipfile.is_zipfile(old):
            assert new.read_bytes() == old.read_bytes(), relative
            continue
        with zipfile.ZipFile(new) as a, zipfile.ZipFile(old) as b:
            assert a.namelist() == b.namelist(), relative
            for name in a.namelist():
                assert a.read(name) == b.read(name), f"{relative}: {name}"


def test_catalogue_has_both_languages() -> None:
    assert set(MESSAGES["vi"]) == set(MESSAGES["en"])
    formatter = string.Formatter()
    for key, text in MESSAGES["vi"].items():
        fields_vi = {name for _, name, _, _ in formatter.parse(text) if name}
        fields_en = {name for _, name, _, _ in formatter.parse(MESSAGES["en"][key]) if name}
        assert fields_vi == fields_en, key
        assert text.strip() and MESSAGES["en"][key].strip(), key


def _results(node: ast.AST) -> set[str]:
    """The strings an expression can evaluate to: a literal, or either branch of `a if c else b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _results(node.body) | _results(node.orelse)
    return set()


def _codes_in_source() -> set[str]:
    """Every problem code plantrack can emit: the first argument of Problem(...) and Unreadable(...), or
    the values given to the variable passed there, plus the reference codes."""
    codes = set(REFERENCE_CODES.values())
    for source in (ROOT / "plantrack").glob("**/*.py"):
        for function in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            variables = set()
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and node.args:
                    if getattr(node.func, "id", getattr(node.func, "attr", None)) in ("Problem", "Unreadable"):
                        codes |= _results(node.args[0])
                        if isinstance(node.args[0], ast.Name):
                            variables.add(node.args[0].id)
            for node in ast.walk(function):
                if isinstance(node, ast.Assign) and any(getattr(t, "id", None) in variables for t in node.targets):
                    codes |= _results(node.value)
    return codes


def test_every_problem_code_has_messages() -> None:
    used = _codes_in_source()
    for path in [*REFUSED, *VALID]:
        case = _case(path)
        used |= {entry["code"] for entry in case.get("problems", []) + case.get("warnings", [])}
    for lang in ("vi", "en"):
        missing = sorted(code for code in used if code not in MESSAGES[lang])
        assert not missing, (lang, missing)


# Refusals checked by the run-time tests below rather than by a committed file (they need huge files).
# Codes checked by tests that build their files at run time (test_hostile.py makes the hostile ones;
# warn_dates_from_timing: tests/test_timing.py imports rows whose dates are derived from the timing;
# mapping_unknown needs a --mapping name: tests/test_press_exports.py).
RUN_TIME_CODES = (
    {"file_too_large", "file_too_big_unpacked", "file_part_too_big", "file_read_too_long", "warn_dates_from_timing"}
    | {case.code for case in hostile.cases()}
    | {"sheet_too_many_cells_short", "file_too_many_cells", "mapping_unknown"}
)


def test_golden_files_cover_every_problem() -> None:
    """Each way plantrack can refuse or warn about a file has at least one golden file (or a run-time test)."""
    covered = {entry["code"] for path in REFUSED for entry in _case(path)["problems"]} | RUN_TIME_CODES
    covered |= {entry["code"] for path in VALID for entry in _case(path)["warnings"]}
    assert not sorted(_codes_in_source() - covered)


def test_expected_places_name_known_sheets_and_columns() -> None:
    """Guards the JSON files against typos: each sheet and column named is one the contract recognises."""
    sheets = sheet_lookup()
    for path in [*REFUSED, *VALID]:
        case = _case(path)
        for entry in case.get("problems", []) + case.get("warnings", []) + case.get("no_warnings", []):
            if entry["sheet"] is None:
                assert entry["column"] is None, (path.stem, entry)
                continue
            name = sheets.get(entry["sheet"])
            assert name is not None, (path.stem, entry)
            headers = SHEETS_BY_NAME[name].header_lookup()
            for part in (entry["column"] or "").split(" + "):
                assert not part or headers.get(part) is not None, (path.stem, entry)


BOMB_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    from plantrack import importer
    from plantrack.db import connect
    from plantrack.workbook import UnreadableFile

    data = Path(sys.argv[1]).read_bytes()
    con = connect(sys.argv[2])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    try:
        preview = importer.prepare(con, data, "bomb.xlsx")
        outcome = {"unreadable": False, "codes": [p.code for p in preview.errors]}
    except UnreadableFile as refused:
        outcome = {"unreadable": True, "codes": [refused.problem.code], "message": refused.problem.message("vi")}
    outcome["seconds"] = time.perf_counter() - start
    outcome["grown_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(json.dumps(outcome))
    """
)


@pytest.mark.parametrize(
    ("variant", "size", "codes"),
    [
        ("ratio", 320 * 2**20, {"file_too_big_unpacked"}),
        ("declared", MAX_UNPACKED_BYTES + 64 * 2**20, {"file_too_big_unpacked"}),
        ("lying", MAX_UNPACKED_BYTES + 64 * 2**20, {"file_too_big_unpacked", "file_part_too_big", "file_corrupt"}),
    ],
    ids=["honest_ratio", "declared_above_limit", "lying_sheet_part"],
)
def test_zip_bomb_is_refused_fast_and_small(tmp_path, variant: str, size: int, codes: set[str]) -> None:
    bomb = tmp_path / f"bomb_{variant}.xlsx"
    bomb.write_bytes(_load_generator().zip_bomb(variant, size))
    assert bomb.stat().st_size < 4 * 2**20
    result = subprocess.run(
        [sys.executable, "-c", BOMB_CHILD, str(bomb), str(tmp_path / "bomb.duckdb")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["unreadable"], outcome
    assert set(outcome["codes"]) <= codes, outcome
    assert outcome["seconds"] < 5, outcome
    assert outcome["grown_mb"] < 200, outcome
    assert outcome["message"].strip() and not PLACEHOLDER.search(outcome["message"])


def test_oversized_upload_is_refused_before_unpacking(golden_db) -> None:
    before = _fingerprint(golden_db)
    with pytest.raises(UnreadableFile) as refused:
        importer.prepare(golden_db, b"PK\x03\x04" + bytes(MAX_FILE_BYTES), "huge.xlsx", as_of=AS_OF)
    assert _placed(refused.value.problem) == ("file_too_large", None, None, None)
    _assert_readable_messages(refused.value.problem)
    assert _fingerprint(golden_db) == before
