"""A table as the page shows it, and what every export format does to its cells. Kept apart from the
writers so the .xlsx and the .csv cannot disagree about a cell's value or about which text is a formula.

`table` builds a page's download from the definitions of its columns (`measures.Column`): the page hands
over the frame as the query returned it, and numbers are written as numbers, never read back from text.
`cell_value` gives a cell its type (date, whole number, decimal, text); `neutralise` makes text that a
spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return) inert with a
leading apostrophe (DESIGN §7), so a title like "=HYPERLINK(…)" taken from a news site stays text.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from plantrack import measures

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
KINDS = ("text", "date", "money", "int", "number", "percent")
BLANKS = ("", "—")


@dataclass(frozen=True)
class Column:
    name: str
    header: str
    kind: str = "text"
    digits: int = 0  # decimals shown, for number and percent

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown export kind {self.kind!r}")


@dataclass(frozen=True)
class Table:
    """One sheet: the rows, the columns as shown, and an optional title block above the header."""

    frame: pd.DataFrame
    columns: tuple[Column, ...]
    sheet: str = "Dữ liệu"
    title: str = ""
    notes: tuple[str, ...] = field(default=())


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula, made inert by a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() in BLANKS
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def slug(text: str) -> str:
    """A file name part from a Vietnamese title: 'Tiến độ theo đơn vị' → 'tien-do-theo-don-vi'."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "bang"


def table(
    frame: pd.DataFrame,
    columns: Iterable[measures.Column],
    lang: str = "vi",
    sheet: str = "Dữ liệu",
    title: str = "",
    notes: tuple[str, ...] = (),
) -> Table:
    """The download of a table as the page shows it, from the columns' definitions: `frame` is what the query
    returned, so money, counts and percentages are written as the numbers they are."""
    columns = tuple(columns)
    data = pd.DataFrame({f"c{i}": column.exported(frame, lang) for i, column in enumerate(columns)}, index=frame.index)
    return Table(
        data.reset_index(drop=True),
        tuple(
            Column(f"c{i}", column.header(lang), column.export_kind, _digits(column))
            for i, column in enumerate(columns)
        ),
        sheet=sheet,
        title=title,
        notes=notes,
    )


def _digits(column: measures.Column) -> int:
    # A share is worked out to one decimal, as the table shows it.
    return 1 if column.kind == "share" else column.digits


def cell_value(value: object, column: Column, lang: str) -> object:
    """The typed value of a cell: date, int, float or text; None when blank."""
    if is_blank(value):
        return None
    if column.kind == "date":
        return pd.Timestamp(value).date()
    if column.kind in ("money", "int"):
        return int(round(float(value)))
    if column.kind in ("number", "percent"):
        number = float(value)
        return None if math.isnan(number) else number
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)
