"""The message catalogues, one per language in plantrack/locales/, and the locale formats of numbers,
money and dates. Callers ask `t(key, lang)`; `MESSAGES[lang]` is the catalogue of one language.

The catalogues are plain Python dicts rather than TOML or JSON files: they keep the comment that heads
each feature's block, load without a parser at import, and ruff (F601) refuses a key written twice."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from plantrack.locales import en, vi

LANGS = ("vi", "en")
LOCALES = {"vi": "vi_VN", "en": "en_GB"}

MESSAGES: dict[str, dict[str, str]] = {"vi": vi.MESSAGES, "en": en.MESSAGES}


def t(key: str, lang: str = "vi", /, **params: object) -> str:
    catalogue = MESSAGES.get(lang, MESSAGES["vi"])
    shown = {name: value.text(lang) if isinstance(value, Number) else value for name, value in params.items()}
    return catalogue[key].format(**shown)


# Babel takes ~25 µs a number or a date; 20.000 tasks' status reasons write the same few hundred again
# and again at every page run (issue 15).
@functools.lru_cache(maxsize=65_536)
def format_number(value: float | int, lang: str = "vi", digits: int = 0) -> str:
    pattern = "#,##0" if digits == 0 else "#,##0." + "#" * digits
    return format_decimal(value, format=pattern, locale=LOCALES[lang])


@dataclass(frozen=True)
class Number:
    """A number in a message made before its reader's language is known (a file's problems are found
    once, then shown in Vietnamese or English): written 0,8 / 1.234 or 0.8 / 1,234 when the message is."""

    value: float | int
    digits: int = 0

    def text(self, lang: str = "vi") -> str:
        return format_number(self.value, lang, self.digits)

    def __str__(self) -> str:
        return self.text()


def format_money(value: float | int, lang: str = "vi") -> str:
    return f"{format_number(round(value), lang)} ₫"


# Quarters are written in Roman numerals in both languages: "quý III/2019", "quarter III/2019".
QUARTER_NUMERALS = ("I", "II", "III", "IV")


def quarter_numeral(quarter: int) -> str:
    """'III' for 3; ValueError outside 1–4."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"no quarter {quarter}")
    return QUARTER_NUMERALS[quarter - 1]


@functools.lru_cache(maxsize=65_536)
def format_date(value: dt.date | None, lang: str = "vi") -> str:
    if value is None:
        return ""
    return _babel_date(value, format="dd/MM/yyyy", locale=LOCALES[lang])
