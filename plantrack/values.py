"""Reading cell values as people really type them, and refusing what cannot be read for sure.

Each reader takes the raw cell (as the workbook holds it) and returns the value, or raises
`Unreadable` with the message key that says what was expected. Nothing here guesses: `2.000` is
two thousand đồng, `05/03/2019` is 5 March, a number in a date column is refused.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from plantrack.i18n import Number
from plantrack.limits import MAX_CELL_CHARS, MAX_INT, MAX_MONEY, MAX_NUMBER
from plantrack.text import clean


class Unreadable(ValueError):
    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code = code
        self.params = params


# A time after the date ("01/10/2019 08:15", "2019-10-01T08:15:00", "… 8:15 SA") is read and dropped.
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:AM|PM|SA|CH))?)?"
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})" + _TIME + "$", re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + "$", re.IGNORECASE)
_CURRENCY = re.compile(r"(₫|vnđ|vnd|đồng|đ)\s*$", re.IGNORECASE)
_PLAIN_INT = re.compile(r"^\d+$")
_GROUPED = re.compile(r"^\d{1,3}(?:(?P<sep>[.,  ])\d{3})(?:(?P=sep)\d{3})*$")
_DECIMAL = re.compile(r"^\d+(?P<sep>[.,])\d+$")
_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_WORDS = re.compile(r"^(?:quý|quy|q|quarter)\s*", re.IGNORECASE)


# Characters that reorder or hide text: a title can show one thing and hold another.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_INVISIBLE = frozenset("\u00ad\u034f\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")


def _named(chars: set[str]) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in sorted(chars))


def is_blank(raw: object) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw or raw.isspace()
    return isinstance(raw, float) and math.isnan(raw)


def read_text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.strftime("%d/%m/%Y")
    if isinstance(raw, dt.date):
        return raw.strftime("%d/%m/%Y")
    return clean(str(raw))


def read_plain_text(raw: object, *, title: bool = False) -> str:
    """A text cell as stored: no longer than an Excel cell holds, no direction controls.

    A title (a name or a content shown as a heading) must not hide characters either.
    """
    text = read_text(raw)
    if len(text) > MAX_CELL_CHARS:
        raise Unreadable("cell_too_long", length=Number(len(text)), limit=Number(MAX_CELL_CHARS))
    hidden = set(text) & (_BIDI_CONTROLS | _INVISIBLE if title else _BIDI_CONTROLS)
    if hidden:
        raise Unreadable("text_control_chars", chars=_named(hidden))
    return text


def read_key(raw: object) -> str:
    """A code that identifies a row or points at one: NFKC (fullwidth ＮＶ１ is NV1), and nothing that
    makes two codes look alike while differing (invisible or control characters, Cyrillic or Greek
    letters among Latin ones)."""
    text = unicodedata.normalize("NFKC", read_plain_text(raw))
    hidden = {c for c in text if c in _BIDI_CONTROLS or c in _INVISIBLE or unicodedata.category(c) in ("Cc", "Cf")}
    if hidden:
        raise Unreadable("key_invisible_chars", value=_visible(text), chars=_named(hidden))
    foreign = {c for c in text if unicodedata.name(c, "").startswith(("CYRILLIC", "GREEK"))}
    if foreign:
        raise Unreadable("key_confusable", value=_visible(text), chars=_named(foreign))
    return text


def _visible(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf"))


def _bounded(value: float, limit: int, raw: object) -> float:
    if not math.isfinite(value):
        raise Unreadable("number_not_finite", value=read_text(raw))
    if value > limit:
        raise Unreadable("number_too_big", value=read_text(raw), limit=Number(limit))
    return value


def read_date(raw: object) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        text = clean(raw)
        match = _DMY.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return _checked_date(year, month, day, text)
        match = _ISO.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return _checked_date(year, month, day, text)
    raise Unreadable("expect_date", value=read_text(raw))


def _checked_date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Unreadable("no_such_date", value=text) from None


def _read_digits(text: str, allow_decimal: bool) -> float:
    """A number typed as text: thousands grouped by '.', ',' or spaces, or a short decimal."""
    compact = text.replace("\u00a0", " ").strip()
    if _PLAIN_INT.match(compact):
        return float(compact)
    if _GROUPED.match(compact):
        return float(re.sub(r"[.,  ]", "", compact))
    if allow_decimal:
        match = _DECIMAL.match(compact)
        if match:
            return float(compact.replace(",", "."))
    raise ValueError(text)


def read_money(raw: object) -> int:
    if isinstance(raw, bool):
        raise Unreadable("expect_money", value=read_text(raw))
    if isinstance(raw, (int, float)):
        value = float(raw)
    elif isinstance(raw, str):
        text = _CURRENCY.sub("", clean(raw)).strip()
        try:
            value = _read_digits(text, allow_decimal=False)
        except ValueError:
            raise Unreadable("expect_money", value=clean(raw)) from None
    else:
        raise Unreadable("expect_money", value=read_text(raw))
    if value < 0:
        raise Unreadable("negative_money", value=read_text(raw))
    _bounded(value, MAX_MONEY, raw)
    if abs(value - round(value)) > 0.005:
        raise Unreadable("fractional_money", value=read_text(raw))
    return int(round(value))


def read_number(raw: object) -> float:
    if isinstance(raw, bool):
        raise Unreadable("expect_number", value=read_text(raw))
    if isinstance(raw, (int, float)):
        value = float(raw)
    elif isinstance(raw, str):
        try:
            value = _read_digits(clean(raw), allow_decimal=True)
        except ValueError:
            raise Unreadable("expect_number", value=clean(raw)) from None
    else:
        raise Unreadable("expect_number", value=read_text(raw))
    if value < 0:
        raise Unreadable("negative_number", value=read_text(raw))
    return _bounded(value, MAX_NUMBER, raw)


def read_int(raw: object) -> int:
    value = _bounded(read_number(raw), MAX_INT, raw)
    if not value.is_integer():
        raise Unreadable("expect_int", value=read_text(raw))
    return int(value)


def read_percent(raw: object, percent_format: bool = False) -> float:
    """0–100. A cell formatted as a percentage holds 0.6 for 60 %, and so does '60%' typed as text."""
    if isinstance(raw, str):
        text = clean(raw)
        if text.endswith("%"):
            try:
                value = _read_digits(text[:-1].strip(), allow_decimal=True)
            except ValueError:
                raise Unreadable("expect_percent", value=text) from None
        else:
            try:
                value = _read_digits(text, allow_decimal=True)
            except ValueError:
                raise Unreadable("expect_percent", value=text) from None
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = float(raw) * 100 if percent_format else float(raw)
    else:
        raise Unreadable("expect_percent", value=read_text(raw))
    value = round(value, 6)
    if not 0 <= value <= 100:
        raise Unreadable("percent_range", value=read_text(raw))
    return value


def read_quarter(raw: object) -> int:
    text = _QUARTER_WORDS.sub("", read_text(raw)).strip().casefold()
    text = text.split("/")[0].strip()
    if text in _QUARTER:
        return _QUARTER[text]
    raise Unreadable("expect_quarter", value=read_text(raw))


def split_list(raw: object, *, keys: bool = False) -> list[str]:
    """'P.KHTC; VP' or one per line: separators ; , and new lines; `keys`: each part read as a code."""
    parts = re.split(r"[;,\n\r]+", str(raw))
    found = [clean(part) for part in parts if clean(part)]
    return [read_key(part) for part in found] if keys else found
