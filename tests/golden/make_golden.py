"""Generates the golden workbooks checked by tests/test_golden.py. Run it once; the outputs are committed.

    .venv/bin/python tests/golden/make_golden.py

Every workbook is built cell by cell with openpyxl, so each case controls exactly what a person's
Excel file holds: cell types, number formats, merged and hidden cells, formulas with or without a
cached value, title banners above the header row, headers without diacritics or in English. The
output is reproducible: zip timestamps and document dates are fixed.

Files written (each .xlsx has a .json of the same stem saying what must happen to it):

- ``base.xlsx``: a clean plan that cases marked ``"base": "base.xlsx"`` import first, so a file
  without a Kế hoạch sheet updates that (only) plan and may refer to its units, tasks and lines.
- ``refused/NAME.xlsx``: ``{"description", "base", "plan", "unreadable", "only", "problems"}``.
  ``problems`` lists ``{"code", "sheet", "row", "column"}`` that must all be reported exactly so
  (row = the Excel row number, column = the header as written in the file); ``only`` means they
  are all the errors; ``unreadable`` means ``prepare`` raises ``UnreadableFile``.
- ``valid/NAME.xlsx``: ``{"description", "base", "rows", "expect", "warnings"}``. ``rows`` counts
  each sheet's rows after the import, ``expect`` gives per sheet a list of ``{"match", "values"}``
  (field values as stored: dates ``yyyy-mm-dd``, percentages 0–100, money in đồng, codes of closed
  lists), and ``warnings`` lists problems that must be reported without blocking the import.

The builders are in golden_builders.py, the base plan in golden_base.py, the cases in
golden_refused.py and golden_valid.py (and make_golden_integrity.py). `zip_bomb` builds, at test time, workbooks that unpack beyond the reader's limit (never committed).
"""

from __future__ import annotations

import os

# The committed files were written without lxml (openpyxl then writes an empty value as <v/>).
os.environ.setdefault("OPENPYXL_LXML", "False")


import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The builders and cases are modules beside this one; the tests load this file by its path.
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from golden_base import *  # noqa: F403 - make_golden_integrity reads the base plan from this module
from golden_base import base_workbook
from golden_builders import *  # noqa: F403 - and the builders
from golden_builders import BASE, CASES
from golden_zip_bombs import zip_bomb

__all__ = ["generate", "zip_bomb"]


def _run_sibling(name: str):
    """Runs a module beside this one afresh, so its cases are registered again on every call."""
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _integrity_cases():
    """The import-integrity cases, kept in their own module beside this one."""
    return _run_sibling("make_golden_integrity")


def generate(target: Path = HERE) -> list[Path]:
    """Writes base.xlsx and every case into `target`; returns the files written."""
    CASES.clear()
    for cases in ("golden_refused", "golden_valid"):
        _run_sibling(cases)
    _integrity_cases().define(sys.modules[__name__])
    written = []
    base = target / BASE
    base.parent.mkdir(parents=True, exist_ok=True)
    base.write_bytes(base_workbook())
    written.append(base)
    for folder in ("refused", "valid"):
        directory = target / folder
        directory.mkdir(parents=True, exist_ok=True)
        for stale in [*directory.glob("*.xlsx"), *directory.glob("*.json")]:
            stale.unlink()
    names = [(case.folder, case.name) for case in CASES]
    if len(names) != len(set(names)):
        raise ValueError("two cases share a name")
    for case in CASES:
        path = target / case.folder / f"{case.name}.xlsx"
        path.write_bytes(case.data)
        meta = path.with_suffix(".json")
        meta.write_text(json.dumps(case.meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written += [path, meta]
    return written


if __name__ == "__main__":
    files = generate(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
    counts = {
        folder: sum(1 for f in files if f.parent.name == folder and f.suffix == ".xlsx")
        for folder in ("refused", "valid")
    }
    print(f"wrote {len(files)} files: {counts['refused']} refused and {counts['valid']} valid workbooks, and {BASE}")
