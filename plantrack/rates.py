"""Shares computed exactly, and the Government's completion rate as its task reports write it.

Counts are integers and a share is a fraction of two of them: it is rounded (or truncated) once, in
decimal, when it is written, never through a float. "91,847…%" is written 91,84% by the official
rule (two decimals, truncated), and a share of 2/3 is 66,7% to one decimal, whatever the scale.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from plantrack.i18n import format_number, t

# The official rate's decimals: "tỷ lệ hoàn thành 91,84%".
OFFICIAL_DIGITS = 2


def percent_decimal(numerator: int, denominator: int, digits: int, truncate: bool = False) -> Decimal | None:
    """numerator / denominator as a percentage with `digits` decimals, exactly (None when there is no base)."""
    if denominator == 0:
        return None
    # In integers: a hundred times the count, scaled to the decimals, divided once.
    scaled, base = 100 * int(numerator) * 10**digits, int(denominator)
    # Half up is floor(x + ½): (2·scaled + base) // (2·base). Counts are never negative.
    units = scaled // base if truncate else (2 * scaled + base) // (2 * base)
    return Decimal(units).scaleb(-digits)


def percent_text(value: Decimal | None, lang: str, digits: int) -> str:
    """A percentage with exactly `digits` decimals in the language's format: 91,80% / 91.80%."""
    if value is None:
        return "—"
    whole, _, fraction = f"{abs(value):.{digits}f}".partition(".")
    text = format_number(int(whole), lang)
    if digits:
        text += ("," if lang == "vi" else ".") + fraction
    return f"{'-' if value < 0 else ''}{text}%"


def share_text(numerator: int, denominator: int, lang: str, digits: int = 1) -> str:
    """A share rounded half up to `digits` decimals: 1 of 3 is 33,3%."""
    return percent_text(percent_decimal(numerator, denominator, digits), lang, digits)


def points_text(value: Decimal | None, lang: str, digits: int = 1) -> str:
    """A change in percentage points, signed: +2,5 điểm % / −0,8 pp; no base reads "—"."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    number = percent_text(abs(value), lang, digits).removesuffix("%")
    return t("rate_points", lang, sign=sign, points=number)


@dataclass(frozen=True)
class CompletionRate:
    """The Government's "tỷ lệ hoàn thành": tasks done ÷ tasks whose deadline has come.

    done = done on time + done late; reached = done + not done and overdue. A task not done whose
    due date is still ahead has not reached its deadline and is in neither."""

    done: int
    reached: int

    @property
    def percent(self) -> Decimal | None:
        return percent_decimal(self.done, self.reached, OFFICIAL_DIGITS, truncate=True)

    @property
    def overdue_percent(self) -> Decimal | None:
        """The share not done of the tasks that reached their deadline: 100% minus the written rate."""
        return None if self.percent is None else Decimal(100) - self.percent

    @property
    def overdue(self) -> int:
        return self.reached - self.done

    def text(self, lang: str) -> str:
        return percent_text(self.percent, lang, OFFICIAL_DIGITS)

    def overdue_text(self, lang: str) -> str:
        return percent_text(self.overdue_percent, lang, OFFICIAL_DIGITS)

    def basis(self, lang: str) -> str:
        """What was divided by what, with the counts: the sentence under the rate."""
        return t(
            "rate_official_basis",
            lang,
            done=format_number(self.done, lang),
            reached=format_number(self.reached, lang),
            overdue=format_number(self.overdue, lang),
        )


def completion_rate(groups: Mapping[str, int]) -> CompletionRate:
    """From the four official group counts (status.group_counts)."""
    done = int(groups["done_on_time"]) + int(groups["done_late"])
    return CompletionRate(done, done + int(groups["open_overdue"]))
