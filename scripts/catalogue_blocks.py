"""Moves message keys written into a branch's plantrack/i18n.py (the layout before the catalogue was split
into plantrack/locales/) into plantrack/locales/vi.py and en.py, each block beside the keys it followed.

For merging a branch that still adds its keys to i18n.py's MESSAGES dicts:

    git show BRANCH:plantrack/i18n.py > /tmp/their_i18n.py
    git show $(git merge-base HEAD BRANCH):plantrack/i18n.py > /tmp/base_i18n.py
    git checkout --ours plantrack/i18n.py          # keep the split i18n.py
    .venv/bin/python scripts/catalogue_blocks.py /tmp/their_i18n.py --base /tmp/base_i18n.py
    .venv/bin/ruff format plantrack/locales && .venv/bin/python -m pytest -q tests/test_i18n.py

A key the branch added (not in --base, the i18n.py it started from: keys removed since on this side stay
removed) is inserted, with the comment lines above it, after the nearest key before it
that the catalogue already has (or first, when there is none). A key both sides have but with another
text than the branch's is listed when the branch changed it, and left alone unless --update is given. Nothing else is changed; --dry-run only lists.
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "plantrack" / "locales"


@dataclass(frozen=True)
class Entry:
    key: str
    first: int  # 0-based line where the entry's own lines start (its comments and blank lines included)
    last: int  # 0-based line of the end of its value
    value: str


def _entries(text: str, node: ast.Dict) -> list[Entry]:
    lines = text.splitlines()
    entries = []
    start = node.lineno  # the line after the opening brace, 0-based
    for key, value in zip(node.keys, node.values, strict=True):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            raise ValueError(f"line {key.lineno}: a catalogue key must be a plain string")
        first = start
        while first < key.lineno - 1 and not lines[first].strip():
            first += 1  # blank lines between entries stay where they are
        entries.append(Entry(key.value, first, value.end_lineno - 1, ast.literal_eval(value)))
        start = value.end_lineno
    return entries


def branch_catalogues(text: str) -> dict[str, list[Entry]]:
    """The entries of MESSAGES["vi"] and MESSAGES["en"] in an i18n.py of the old layout."""
    for node in ast.parse(text).body:
        target = (
            node.target
            if isinstance(node, ast.AnnAssign)
            else (node.targets[0] if isinstance(node, ast.Assign) else None)
        )
        if getattr(target, "id", None) == "MESSAGES" and isinstance(node.value, ast.Dict):
            return {
                key.value: _entries(text, value) for key, value in zip(node.value.keys, node.value.values, strict=True)
            }
    raise ValueError("no MESSAGES = {...} in that file")


def locale_catalogue(text: str) -> tuple[ast.Dict, list[Entry]]:
    for node in ast.parse(text).body:
        target = (
            node.target
            if isinstance(node, ast.AnnAssign)
            else (node.targets[0] if isinstance(node, ast.Assign) else None)
        )
        if getattr(target, "id", None) == "MESSAGES" and isinstance(node.value, ast.Dict):
            return node.value, _entries(text, node.value)
    raise ValueError("no MESSAGES = {...} in the locale file")


def _reindented(lines: list[str]) -> list[str]:
    """Entries of the old layout are indented 8 spaces (inside MESSAGES[lang]); a locale file's 4."""
    return [line[4:] if line.startswith("        ") else line for line in lines]


def merge(
    branch_text: str, lang: str, locale_text: str, update: bool, base_text: str | None = None
) -> tuple[str, list[str], list[str]]:
    """The locale file with the branch's new keys inserted; the keys added and the keys whose text differs."""
    theirs = branch_catalogues(branch_text)[lang]
    base = {e.key: e.value for e in branch_catalogues(base_text)[lang]} if base_text else {}
    branch_lines = branch_text.splitlines()
    node, ours = locale_catalogue(locale_text)
    lines = locale_text.splitlines()
    known = {entry.key: entry for entry in ours}
    insert_after: dict[int, list[str]] = {}  # 0-based line of the locale file -> lines to put after it
    added, differing = [], []
    anchor = node.lineno - 1  # the opening brace's line
    for entry in theirs:
        if entry.key in known:
            anchor = known[entry.key].last
            if known[entry.key].value != entry.value and base.get(entry.key) != entry.value:
                differing.append(entry.key)
            continue
        if entry.key in base:
            continue  # the branch did not add it: it was removed on this side
        insert_after.setdefault(anchor, []).extend(_reindented(branch_lines[entry.first : entry.last + 1]))
        added.append(entry.key)
    replacements: dict[int, tuple[int, list[str]]] = {}  # first line -> (last line, the branch's lines)
    if update:
        their = {entry.key: entry for entry in theirs}
        for key in differing:
            own = known[key]
            lines_of_theirs = branch_lines[their[key].first : their[key].last + 1]
            replacements[own.first] = (own.last, _reindented(lines_of_theirs))
    out = []
    number = 0
    while number < len(lines):
        if number in replacements:
            last, block = replacements[number]
            out.extend(block)
            number = last
        else:
            out.append(lines[number])
        out.extend(insert_after.get(number, []))
        number += 1
    return "\n".join(out) + "\n", added, differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("branch_i18n", type=Path, help="a plantrack/i18n.py of the old layout (both dicts inside)")
    parser.add_argument("--update", action="store_true", help="also take the branch's text of keys both sides have")
    parser.add_argument("--dry-run", action="store_true", help="list what would change, write nothing")
    parser.add_argument("--base", type=Path, help="the i18n.py the branch started from (git merge-base)")
    parser.add_argument("--locales", type=Path, default=LOCALES, help="the folder of vi.py and en.py")
    args = parser.parse_args(argv)
    branch_text = args.branch_i18n.read_text(encoding="utf-8")
    base_text = args.base.read_text(encoding="utf-8") if args.base else None
    for lang in ("vi", "en"):
        path = args.locales / f"{lang}.py"
        merged, added, differing = merge(branch_text, lang, path.read_text(encoding="utf-8"), args.update, base_text)
        print(f"{path}: {len(added)} keys added" + (f": {', '.join(added)}" if added else ""))
        if differing:
            verb = "taken from the branch" if args.update else "left as they are (--update takes the branch's)"
            print(f"  {len(differing)} keys with another text, {verb}: {', '.join(differing)}")
        if not args.dry_run:
            path.write_text(merged, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
