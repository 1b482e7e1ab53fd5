"""One place for the label, colour, symbol and number format of every status, sentiment and measure.

Every chart and table reads these, so "behind" is the same orange with the same ▲ everywhere, and
no status is told by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from plantrack.i18n import format_money, format_number, t


@dataclass(frozen=True)
class Category:
    code: str
    colour: str
    symbol: str
    # Catalogue key prefix of the label: statuses and report groups share status.py's wording.
    prefix: str = "cat_"

    def label(self, lang: str) -> str:
        return t(f"{self.prefix}{self.code}", lang)

    def tagged(self, lang: str) -> str:
        return f"{self.symbol} {self.label(lang)}"


# Okabe–Ito colours: told apart by colour-blind readers and on a washed-out projector.
STATUSES = (
    Category("done", "#009E73", "✔", "status_"),
    Category("on_track", "#0072B2", "●", "status_"),
    Category("behind", "#E69F00", "▲", "status_"),
    Category("overdue", "#D55E00", "✖", "status_"),
    Category("not_started", "#999999", "○", "status_"),
)
GROUPS = (
    Category("done_on_time", "#009E73", "✔", "status_group_"),
    Category("done_late", "#56B4E9", "◆", "status_group_"),
    Category("open_in_time", "#0072B2", "●", "status_group_"),
    Category("open_overdue", "#D55E00", "✖", "status_group_"),
)
SENTIMENTS = (
    Category("positive", "#009E73", "▲"),
    Category("neutral", "#999999", "■"),
    Category("negative", "#D55E00", "▼"),
    Category("unknown", "#CCCCCC", "?"),
)
MILESTONE_STATES = (
    Category("ms_done", "#009E73", "✔"),
    Category("ms_due", "#E69F00", "●"),
    Category("ms_ahead", "#0072B2", "○"),
    Category("ms_late", "#D55E00", "✖"),
)
SCOPES = (
    Category("domestic", "#0072B2", "●"),
    Category("foreign", "#CC79A7", "◆"),
)
SOURCES = (
    Category("state", "#0072B2", "■"),
    Category("integrated", "#56B4E9", "■"),
    Category("social", "#CC79A7", "■"),
)
SERIES = {
    "planned": "#BBBBBB",
    "disbursed": "#0072B2",
    "target": "#BBBBBB",
    "actual": "#009E73",
    "net": "#0072B2",
    "spike": "#D55E00",
}

BY_CODE = {c.code: c for group in (STATUSES, GROUPS, SENTIMENTS, MILESTONE_STATES, SCOPES, SOURCES) for c in group}


def category(code: str) -> Category:
    return BY_CODE[code]


def colour_map(categories: tuple[Category, ...], lang: str) -> dict[str, str]:
    """Plotly colour_discrete_map keyed by the tagged label the chart shows."""
    return {c.tagged(lang): c.colour for c in categories}


def order(categories: tuple[Category, ...], lang: str) -> list[str]:
    return [c.tagged(lang) for c in categories]


def money(value: float | int | None, lang: str) -> str:
    return "—" if value is None else format_money(value, lang)


def millions(value: float | int | None, lang: str, unit: bool = True) -> str:
    """Large sums as leadership reads them on a card: 657,7 triệu ₫ (or just 657,7)."""
    if value is None:
        return "—"
    # Half up, as people round money by hand (312.650.000 is 312,7 triệu, not 312,6).
    tenths = Decimal(int(value)) / Decimal(100_000)
    amount = format_number(float(tenths.quantize(Decimal(1), ROUND_HALF_UP)) / 10, lang, 1)
    return t("money_millions", lang, amount=amount) if unit else amount


def billions(value: float | int | None, lang: str, unit: bool = True) -> str:
    """Sums of a national plan on a card: 20.061,7 tỷ ₫ (or just 20.061,7), rounded half up."""
    if value is None:
        return "—"
    tenths = Decimal(int(value)) / Decimal(100_000_000)
    amount = format_number(float(tenths.quantize(Decimal(1), ROUND_HALF_UP)) / 10, lang, 1)
    return t("money_billions", lang, amount=amount) if unit else amount


# From 100 tỷ ₫ a card reads in billions: a national plan's "20.061.671 triệu" is cut at 1024 px.
BILLIONS_FROM = 100_000_000_000


def large_money(value: float | int | None, lang: str, unit: bool = True, scale_of: float | int | None = None) -> str:
    """Millions, or billions once the sum it is read against (`scale_of`, else itself) reaches 100 tỷ."""
    reference = value if scale_of is None else scale_of
    if reference is not None and reference >= BILLIONS_FROM:
        return billions(value, lang, unit)
    return millions(value, lang, unit)


def count(value: float | int | None, lang: str) -> str:
    return "—" if value is None else format_number(value, lang)


def percent(value: float | None, lang: str, digits: int = 0) -> str:
    return "—" if value is None else f"{format_number(value, lang, digits)}%"


# d3-format specifiers for Plotly ticks, labels and hovers. "," is the thousands mark and "." the
# decimal point in the specifier whatever the language: the layout's `separators` prints them as
# "." and "," in Vietnamese (12.345; 0,25) and as "," and "." in English.
COUNT_FORMAT = ",d"
MILLIONS_FORMAT = ",.1~f"  # 923,5 (triệu ₫); 200, not 200,0
NUMBER_FORMAT = ",.2~f"  # an average: 1.234,5
SHARE_FORMAT = ".1f"
INDEX_FORMAT = ".2f"  # net sentiment, −1…1


def plotly_separators(lang: str) -> str:
    """Plotly's decimal then thousands separator: 1.234.567,5 in Vietnamese, 1,234,567.5 in English."""
    return ",." if lang == "vi" else ".,"


def state_label(code: str | None, lang: str) -> str:
    """A task's reported state (Trạng thái) in the workbook's own words."""
    from plantrack.contract import CLOSED_LISTS

    return "" if code is None else CLOSED_LISTS["task_state"].label(code, lang)


def response_label(code: str | None, lang: str) -> str:
    """A false-information case's response status; none recorded reads as not handled."""
    from plantrack.contract import CLOSED_LISTS

    return CLOSED_LISTS["response"].label(code or "not_handled", lang)
