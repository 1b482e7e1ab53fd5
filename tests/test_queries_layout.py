"""Where SQL lives: in queries/, each file asked by some caller and tested on its own; never in a page."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from plantrack import queries

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "dashboard.py", *sorted((ROOT / "pages").rglob("*.py"))]
CALLERS = [*PAGES, *sorted((ROOT / "plantrack").rglob("*.py"))]
QUERY_TESTS = sorted((ROOT / "tests").glob("test_queries*.py"))
# A statement's shape, not a word: "Select a plan" on a label is not SQL, "select … from" is.
_SQL = re.compile(
    r"\bselect\b[\s\S]*\bfrom\b|\binsert\s+into\b|\bupdate\s+\w+\s+set\b|\bdelete\s+from\b"
    r"|\bcreate\s+(or\s+replace\s+)?(temp\s+|temporary\s+)?(table|view|macro|sequence|index)\b",
    re.IGNORECASE,
)
_RUNS_SQL = {"execute", "executemany", "sql", "query_df"}


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    # An f-string's literal parts are read as one text with it, not again on their own.
    parts = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in parts:
            found.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr):
            found.append((node.lineno, "".join(v.value for v in node.values if isinstance(v, ast.Constant))))
    return found


def _sql_in(source: str) -> list[str]:
    tree = ast.parse(source)
    calls = [
        f"line {node.lineno}: .{node.func.attr}("
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _RUNS_SQL
    ]
    return calls + [f"line {line}: {text[:60]!r}" for line, text in _strings(tree) if _SQL.search(text)]


def test_no_page_holds_sql_nor_runs_a_statement_of_its_own():
    found = {str(path.relative_to(ROOT)): _sql_in(path.read_text(encoding="utf-8")) for path in PAGES}
    assert {path: where for path, where in found.items() if where} == {}


def test_the_page_check_finds_a_statement_in_a_string_and_a_call_that_runs_one():
    page = 'rows = cur.execute(\n    "select as_of from versions "\n    f"where plan_id = {p}"\n)\nst.write("Select a plan")'
    assert _sql_in(page) == ["line 1: .execute(", "line 2: 'select as_of from versions where plan_id = '"]


def _call_arguments(path: Path) -> set[str]:
    """String literals handed to a call: queries.run(cur, "x"), view.query("x"), Dataset(query="x")."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            for argument in [*node.args, *(keyword.value for keyword in node.keywords)]:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    names.add(argument.value)
    return names


def test_every_query_file_is_asked_for_by_a_caller_and_has_a_test_naming_it():
    asked = set().union(*(_call_arguments(path) for path in CALLERS))
    tested = set().union(*(_call_arguments(path) for path in QUERY_TESTS))
    assert [name for name in queries.names() if name not in asked] == [], "a query file nothing runs"
    assert [name for name in queries.names() if name not in tested] == [], "a query file without a test of its own"
