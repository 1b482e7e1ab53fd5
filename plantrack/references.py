"""The state after an import stays whole: no row may point at a unit, task or budget line that is gone.

Validation checks each row of the file against the sheets it refers to. What it cannot see is the
database's rows of the sheets the file does not give (or, for a log sheet, the logged rows the file
does not repeat): they stay after the import, and they must still find what they point at. This
module counts them, per dependent sheet, against the referred-to sheets of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from plantrack.contract import SHEETS, SHEETS_BY_NAME, Sheet
from plantrack.db import quote
from plantrack.i18n import format_number, t
from plantrack.text import Lookup
from plantrack.validate import Validated
from plantrack.workbook import Problem

# Each referred-to sheet: the column of it that rows point at, and the problem code of a dangling one.
TARGETS = {"units": "unit_code", "tasks": "task_code", "budget_lines": "line_code"}
CODES_SHOWN = 12
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def count_phrase(sheet: str, count: int, lang: str) -> str:
    """'7 nhiệm vụ', '1 task', '1.203 tin bài': a number of a sheet's rows, in words."""
    key = f"count_{sheet}_one" if count == 1 else f"count_{sheet}"
    return t(key, lang, count=format_number(count, lang))


def join_words(parts: list[str], lang: str) -> str:
    """'a, b và c' / 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + t("and_word", lang) + parts[-1]


def compact_codes(codes: list[str]) -> str:
    """NV1, NV2, NV3, NV5 -> 'NV1–NV3, NV5'; at most CODES_SHOWN items, then how many more."""

    def order(code: str) -> tuple:
        match = _NUMBERED.match(code)
        return (match.group(1), int(match.group(2)), code) if match else (code, -1, code)

    runs: list[list[str]] = []
    previous = None
    for code in sorted(set(codes), key=order):
        key = order(code)
        if runs and previous and key[1] >= 0 and key[0] == previous[0] and key[1] == previous[1] + 1:
            runs[-1].append(code)
        else:
            runs.append([code])
        previous = key
    items = [run[0] if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs]
    shown = ", ".join(items[:CODES_SHOWN])
    return shown if len(items) <= CODES_SHOWN else f"{shown}, … (+{len(items) - CODES_SHOWN})"


@dataclass
class DanglingReferences(Problem):
    """Rows that would stay in the database pointing at codes this file removes."""

    dependents: tuple[tuple[str, int], ...] = ()

    def message(self, lang: str = "vi") -> str:
        target = SHEETS_BY_NAME[self.params["target"]]
        to_send = [SHEETS_BY_NAME[name].title(lang) for name, _ in self.dependents]
        text = t(
            f"dangling_{target.name}",
            lang,
            codes=self.params["codes"],
            dependents=join_words([count_phrase(name, n, lang) for name, n in self.dependents], lang),
            sheet=self.sheet or target.title(lang),
            sheets=join_words([f"«{title}»" for title in to_send], lang),
        )
        if any(SHEETS_BY_NAME[name].log for name, _ in self.dependents):
            text += " " + t("dangling_logs_hint", lang)
        return text


def _lookup(target: str, frame: pd.DataFrame) -> Lookup:
    """The codes of the file's referred-to sheet; units are found by name too, as in validation."""
    spellings: dict[str, object] = {}
    for code in frame[TARGETS[target]].dropna():
        spellings[code] = code
    if target == "units":
        for code, name in zip(frame["unit_code"], frame["unit_name"]):
            if code and name:
                spellings.setdefault(name, code)
    return Lookup(spellings)


def _remaining(spec: Sheet, validated: Validated, statements: set[str]) -> str | None:
    """The database rows of a sheet that stay after the import, as SQL; None when the file restates them all."""
    current = f"(select * from {quote(spec.name)} where plan_id = $p and valid_to is null)"
    if spec.name not in validated.frames:
        return current
    if spec.name in statements:
        return None
    stage = quote(f"stage_{spec.name}")
    return f"(select c.* from {current} c where not exists (select 1 from {stage} s where s.row_key = c.row_key))"


def dangling(
    cur: duckdb.DuckDBPyConnection, plan_id: int | None, validated: Validated, statements: set[str]
) -> list[Problem]:
    """One refusal per referred-to sheet of the file whose removals would leave rows pointing at nothing.

    Needs the file's sheets staged (importer._stage); `statements`: the sheets that replace all their rows.
    """
    if plan_id is None:
        return []
    problems: list[Problem] = []
    for target, key_field in TARGETS.items():
        if target not in validated.frames:
            continue
        lookup = _lookup(target, validated.frames[target])
        missing: set[str] = set()
        counts: list[tuple[str, int]] = []
        for spec in SHEETS:
            columns = [c for c in spec.columns if c.ref == target]
            remaining = _remaining(spec, validated, statements) if columns else None
            if remaining is None:
                continue
            lost: set[str] = set()
            for column in columns:
                value = f"unnest({quote(column.field)})" if column.kind == "unit_list" else quote(column.field)
                for (code,) in cur.execute(
                    f"select distinct v from (select {value} as v from {remaining}) where v is not null and v <> ''",
                    {"p": plan_id},
                ).fetchall():
                    if lookup.get(code) is None:
                        lost.add(code)
            if not lost:
                continue
            conditions = " or ".join(
                f"list_has_any({quote(c.field)}, $lost)"
                if c.kind == "unit_list"
                else f"list_contains($lost, {quote(c.field)})"
                for c in columns
            )
            rows = cur.execute(
                f"select count(*) from {remaining} where {conditions}", {"p": plan_id, "lost": sorted(lost)}
            ).fetchall()[0][0]
            counts.append((spec.name, rows))
            missing |= lost
        if counts:
            raw_title = validated.titles.get(target, SHEETS_BY_NAME[target].vi)
            problems.append(
                DanglingReferences(
                    f"dangling_{target}",
                    raw_title,
                    None,
                    validated.headers.get(target, {}).get(key_field, SHEETS_BY_NAME[target].column(key_field).vi),
                    {"target": target, "codes": compact_codes(sorted(missing))},
                    dependents=tuple(counts),
                )
            )
    return problems
