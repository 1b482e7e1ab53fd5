"""Completing mentions as monitoring exports give them: titles from the post's text, scope from the outlets.

Social posts have no title: the start of their text stands in for it, marked as derived. Exports have no
Phạm vi: each outlet is described once in the outlet directory (the Cơ quan báo chí sheet, plus the
outlets already seen in the plan's mentions, queries/outlet_directory.sql) and a mention takes its scope,
medium and language from there. A mention whose outlet is in neither is refused until staff classify it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from plantrack.contract import OUTLETS
from plantrack.text import Lookup, clean, fold
from plantrack.values import is_blank
from plantrack.workbook import Problem, RawSheet

MAX_DERIVED_TITLE = 200
# A mention's field → the directory's field it is filled from.
FILLED_FROM_DIRECTORY = {"scope": "scope", "medium": "medium", "language": "language", "outlet_tier": "tier"}
# The frame's column naming, per mention, the fields the directory filled (the importer needs to know).
FILLED = "_filled"
# A sentence ends at . ! ? … followed by a space, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s|\n")


def derived_title(text: str) -> str:
    """The first sentence of a post, at most 200 characters (cut at a word, with "…")."""
    text = clean(text)
    first = _SENTENCE_END.split(text, maxsplit=1)[0].strip()
    if len(first) <= MAX_DERIVED_TITLE:
        return first
    cut = first[: MAX_DERIVED_TITLE - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


@dataclass(frozen=True)
class Directory:
    """Outlet name (any case or Unicode form) → its scope, medium and language codes."""

    lookup: Lookup

    @classmethod
    def of(cls, *sources: list[dict]) -> Directory:
        """Earlier sources win: the file's own Cơ quan báo chí sheet before the database's directory."""
        spellings: dict[str, object] = {}
        for rows in sources:
            for row in rows:
                name = row.get("outlet")
                if isinstance(name, str) and name.strip():
                    spellings.setdefault(name, {f: _value(row.get(f)) for f in FILLED_FROM_DIRECTORY.values()})
        return cls(Lookup(spellings))

    def get(self, outlet: str) -> dict | None:
        return self.lookup.get(outlet)


def _value(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return None
    return value


def complete_media(raw: RawSheet, frame: pd.DataFrame, directory: Directory, problems: list[Problem]) -> None:
    """Fills blank titles from the text and blank scope, medium and language from the directory, in place."""
    if "title" not in raw.columns and "summary" not in raw.columns:
        problems.append(Problem("missing_column", raw.title, raw.header_row, raw.header("title")))
        frame["title_derived"] = [bool(v) for v in frame["title_derived"]]
    else:
        _derive_titles(raw, frame, problems)
    filled = {name: list(frame[name]) for name in FILLED_FROM_DIRECTORY}
    by_directory: list[tuple[str, ...]] = [()] * len(frame)
    # A scope typed wrong is already a problem: the directory does not stand in for it.
    misread = {p.row for p in problems if p.sheet == raw.title and p.column == raw.header("scope")}
    for i, (outlet, row) in enumerate(zip(frame["outlet"], frame["_row"])):
        if is_blank(outlet) or row in misread:
            continue  # already refused
        known = directory.get(outlet)
        for name, source in FILLED_FROM_DIRECTORY.items():
            if _value(filled[name][i]) is None and known is not None and known[source] is not None:
                filled[name][i] = known[source]
                by_directory[i] = (*by_directory[i], name)
        if _value(filled["scope"][i]) is None:
            problems.append(
                Problem("outlet_unclassified", raw.title, int(row), raw.header("outlet"), {"outlet": outlet})
            )
    for name, values in filled.items():
        frame[name] = values
    frame[FILLED] = by_directory


def _derive_titles(raw: RawSheet, frame: pd.DataFrame, problems: list[Problem]) -> None:
    titles, derived = [], []
    for title, summary, flag, row in zip(frame["title"], frame["summary"], frame["title_derived"], frame["_row"]):
        if not is_blank(title):
            titles.append(title)
            derived.append(bool(flag))
        elif isinstance(summary, str) and derived_title(summary):
            titles.append(derived_title(summary))
            derived.append(True)
        else:
            problems.append(Problem("title_or_summary_required", raw.title, int(row), raw.header("title")))
            titles.append(None)
            derived.append(False)
    frame["title"] = titles
    frame["title_derived"] = derived


@dataclass(frozen=True)
class UnknownOutlet:
    """An outlet of the file with no scope anywhere: staff classify it once, in the preview."""

    outlet: str
    mentions: int
    first_row: int
    medium: str | None
    language: str | None
    tier: str | None


def unknown_outlets(problems: list[Problem], media: pd.DataFrame | None) -> list[UnknownOutlet]:
    """The distinct outlets of `outlet_unclassified` problems, with what the file says of their medium."""
    names: dict[str, str] = {}
    rows: dict[str, list[int]] = {}
    for problem in problems:
        if problem.code == "outlet_unclassified":
            key = fold(problem.params["outlet"])
            names.setdefault(key, problem.params["outlet"])
            rows.setdefault(key, []).append(problem.row)
    found = []
    for key, excel_rows in rows.items():
        name = names[key]
        medium = language = tier = None
        if media is not None and not media.empty:
            mine = media[media["_row"].isin(excel_rows)]
            medium, language, tier = (_most_common(mine[f]) for f in ("medium", "language", "outlet_tier"))
        found.append(UnknownOutlet(name, len(excel_rows), min(excel_rows), medium, language, tier))
    return found


def _most_common(values: pd.Series) -> str | None:
    counts = Counter(v for v in values if _value(v) is not None)
    return counts.most_common(1)[0][0] if counts else None


def directory_frame(records: list[dict]) -> pd.DataFrame:
    """Directory rows as the writer and the importer take them: every field of the sheet, in order."""
    frame = pd.DataFrame(records, columns=OUTLETS.fields)
    return frame.astype(object).where(frame.notna(), None)
