"""Hostile workbooks (tests/hostile.py) are refused with a sentence, within a memory cap and a time
limit, through the command line's import, and the database keeps its data exactly."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import hostile
import pytest

from plantrack import limits, values, workbook
from plantrack.i18n import MESSAGES, t

ROOT = Path(__file__).resolve().parents[1]
# Address space the child may add after importing everything (python, duckdb, pandas reserve ~1,2 GB
# of it at rest). The AN1048576 file alone took 1,86 GB.
HEADROOM_BYTES = 1024 * 2**20
SECONDS_PER_FILE = 30

CHILD = textwrap.dedent(
    """
    import contextlib, io, json, resource, sys, time, traceback
    from pathlib import Path
    from plantrack import cli
    from plantrack.db import connect

    db, base, files, headroom = sys.argv[1], sys.argv[2], sys.argv[3:-1], int(sys.argv[-1])

    def fingerprint():
        con = connect(db)
        try:
            tables = [r[0] for r in con.execute(
                "select table_name from information_schema.tables where table_name <> 'audit_log' order by 1"
            ).fetchall()]
            return {name: con.execute(f'select count(*), hash(string_agg(cast(x as varchar), \\'|\\' order by cast(x as varchar))) from "{name}" x').fetchall()[0] for name in tables}
        finally:
            con.close()

    def run(args):
        # The command reconfigures stdout's encoding: a text wrapper over bytes allows that.
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        start = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(args)
            except BaseException:
                code = "crash"
                traceback.print_exc()
        seconds = time.perf_counter() - start
        texts = []
        for stream in (out, err):
            stream.flush()
            texts.append(stream.buffer.getvalue().decode("utf-8"))
        return {"code": code, "out": texts[0], "err": texts[1], "seconds": seconds}

    assert run(["--db", db, "import", base, "--user", "test"])["code"] == 0
    before = fingerprint()
    vm = int(next(l for l in open("/proc/self/status") if l.startswith("VmSize")).split()[1]) * 1024
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (vm + headroom, hard))
    results = {}
    for name in files:
        results[Path(name).stem] = run(["--db", db, "import", name, "--user", "test"])
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    print(json.dumps({"results": results, "unchanged": fingerprint() == before}))
    """
)


@pytest.fixture(scope="module")
def refusals(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("hostile")
    base = folder / "base.xlsx"
    base.write_bytes(hostile.base())
    files = []
    for case in hostile.cases():
        path = folder / f"{case.name}.xlsx"
        path.write_bytes(case.data)
        files.append(str(path))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder / "db.duckdb"), str(base), *files, str(HEADROOM_BYTES)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=SECONDS_PER_FILE * len(files),
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("case", hostile.cases(), ids=lambda case: case.name)
def test_each_hostile_workbook_is_refused_with_its_sentence_in_bounded_memory_and_time(refusals, case) -> None:
    result = refusals["results"][case.name]
    assert result["code"] in (1, 2), (case.description, result)
    assert "Traceback" not in result["out"] + result["err"], result
    assert result["seconds"] < SECONDS_PER_FILE, result
    for fragment in _fixed_words(case.code):
        assert fragment in result["out"], (case.description, fragment, result["out"][:2000])


def test_the_database_is_unchanged_after_every_hostile_workbook(refusals) -> None:
    assert refusals["unchanged"]


def _fixed_words(code: str) -> list[str]:
    """The message's words between its placeholders (the values differ per file)."""
    return [part.strip(" «»()") for part in re.split(r"\{\w+\}", MESSAGES["vi"][code]) if len(part.strip(" «»()")) >= 8]


def test_a_declared_dimension_over_the_whole_sheet_reads_the_cells_it_holds() -> None:
    book = workbook.read_workbook(hostile.declared_range_only())
    assert [values[0] for _, values in book.sheets["tasks"].rows] == ["NV1", "NV2"]


def test_problems_past_the_first_page_are_counted_not_kept(tmp_path) -> None:
    from plantrack import importer
    from plantrack.db import connect

    preview = importer.prepare(connect(str(tmp_path / "flood.duckdb")), hostile.problem_flood(5_000), "flood.xlsx")
    assert len(preview.errors) == limits.MAX_PROBLEMS
    assert workbook.more_problems(preview.problems) == 5_000 - limits.MAX_PROBLEMS


def test_the_command_line_says_how_many_problems_it_did_not_print(tmp_path, capsys) -> None:
    from plantrack import cli

    path = tmp_path / "flood.xlsx"
    path.write_bytes(hostile.problem_flood(1_200))
    assert cli.main(["--db", str(tmp_path / "flood.duckdb"), "validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert t("more_problems", "vi", count=200, shown=limits.MAX_PROBLEMS) in out
    assert t("problems_found", "vi", count=1_200) in out


def test_a_read_past_its_time_budget_stops_with_a_sentence_naming_the_limit() -> None:
    with pytest.raises(workbook.UnreadableFile) as refused:
        workbook.read_workbook(hostile.base(), seconds=0)
    assert refused.value.problem.code == "file_read_too_long"
    assert "0 giây" in refused.value.problem.message("vi")


def test_checking_a_file_is_bounded_by_the_same_time_budget_as_reading_it(tmp_path, monkeypatch, capsys) -> None:
    """A file that reads in time but whose check would not end stops with the time limit's sentence,
    and the database keeps its data."""
    from conftest import fingerprint

    from plantrack import cli, importer, validate
    from plantrack.db import connect

    db = tmp_path / "budget.duckdb"
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(hostile.base())
    assert cli.main(["--db", str(db), "import", str(path)]) == 0
    with connect(db) as con:
        before = fingerprint(con)
        before.pop("audit_log")
    read = workbook.read_workbook
    monkeypatch.setattr(importer, "read_workbook", lambda data, mapper=None: read(data, mapper, seconds=1))
    checked = []
    slow = validate._read_column

    def slow_column(*args):
        checked.append(args[1].field)
        time.sleep(0.3)  # every column of the check is slow; the read itself is not
        return slow(*args)

    monkeypatch.setattr(validate, "_read_column", slow_column)
    capsys.readouterr()
    assert cli.main(["--db", str(db), "import", str(path)]) != 0
    out = capsys.readouterr()
    assert t("file_read_too_long", "vi", limit="1") in out.out + out.err
    assert 1 <= len(checked) <= 4, checked  # the file has more columns than that: the check was cut short
    with connect(db) as con:
        after = fingerprint(con)
        assert after.pop("audit_log")[-1][3:4] == ("import",)  # the refusal is audited, nothing else changed
        assert after == before


@pytest.mark.parametrize(
    ("reader", "limit"),
    [(values.read_money, limits.MAX_MONEY), (values.read_number, limits.MAX_NUMBER), (values.read_int, limits.MAX_INT)],
)
def test_numbers_up_to_the_column_limit_are_read_and_one_more_is_refused(reader, limit) -> None:
    assert reader(limit) == limit
    with pytest.raises(values.Unreadable) as refused:
        reader(limit + 1)
    assert refused.value.code == "number_too_big"
    with pytest.raises(values.Unreadable) as refused:
        reader(float("inf"))
    assert refused.value.code == "number_not_finite"


def test_a_fullwidth_reference_names_the_same_unit() -> None:
    assert values.read_key("ＶＰ") == "VP"
    assert values.split_list("ＶＰ; P.KHTC", keys=True) == ["VP", "P.KHTC"]


def test_a_cell_of_exactly_excels_length_is_accepted() -> None:
    assert len(values.read_plain_text("a" * limits.MAX_CELL_CHARS)) == limits.MAX_CELL_CHARS


def test_russian_text_outside_keys_is_kept() -> None:
    assert values.read_plain_text("Новости Вьетнама", title=True) == "Новости Вьетнама"


def test_the_readme_lists_every_limit_with_its_value() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Security", 1)[1]
    from plantrack import auth

    for name in [n for n in dir(limits) if n.isupper() and n != "MIB"] + [
        "MAX_FAILURES",
        "ADDRESS_FAILURES",
        "GLOBAL_FAILURES",
        "KNOWN_ADDRESS_TIME",
        "AUDIT_ROWS_PER_SOURCE",
        "AUDIT_ROWS_PER_MINUTE",
    ]:
        assert f"`{name}`" in section, name
    assert f"{auth.ADDRESS_FAILURES} in 15 minutes" in section
    assert f"{limits.MAX_SHEET_CELLS:,}".replace(",", ".") in section
    assert f"{limits.MAX_CELL_CHARS:,}".replace(",", ".") in section
