"""Press figures as provincial reports give them: mentions, distinct outlets, shares to one decimal,
and the change against the previous period and the same period a year earlier, in percentage points.

A period is any run of whole months (a quarter, a half, a year). The previous period is the run of
the same length just before; the year before is the same months a year earlier. A period not yet
over is counted up to the as-of date; the periods it is compared with are counted whole.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import duckdb
import pandas as pd

from plantrack import queries
from plantrack.rates import percent_decimal

WINDOWS = ("current", "previous", "year_before")
# The shares shown, each of all mentions of its window: (name, count column).
SHARES = (
    ("positive", "positive"),
    ("neutral", "neutral"),
    ("negative", "negative"),
    ("foreign", "foreign_mentions"),
)
DIGITS = 1


def windows(starts_on: dt.date, ends_on: dt.date) -> dict[str, tuple[dt.date, dt.date]]:
    """The period and the two it is compared with, each as (first day, last day)."""
    months = (ends_on.year - starts_on.year) * 12 + ends_on.month - starts_on.month + 1
    start = pd.Timestamp(starts_on)
    previous = (start - pd.DateOffset(months=months)).date()
    year_before = ((start - pd.DateOffset(years=1)).date(), (pd.Timestamp(ends_on) - pd.DateOffset(years=1)).date())
    return {
        "current": (starts_on, ends_on),
        "previous": (previous, starts_on - dt.timedelta(days=1)),
        "year_before": year_before,
    }


@dataclass(frozen=True)
class Window:
    name: str
    starts_on: dt.date
    ends_on: dt.date
    mentions: int
    outlets: int
    counts: dict[str, int]

    def share(self, name: str) -> Decimal | None:
        """A share of this window's mentions, in percent to one decimal (None without mentions)."""
        return percent_decimal(self.counts[name], self.mentions, DIGITS)


@dataclass(frozen=True)
class Comparison:
    current: Window
    previous: Window
    year_before: Window

    def change(self, name: str, against: str) -> Decimal | None:
        """current share − the other window's share, in percentage points (None if either has no mentions).

        The difference of the two written shares, so the change the reader can check by subtraction."""
        now, then = self.current.share(name), getattr(self, against).share(name)
        return None if now is None or then is None else now - then

    def outlets_change(self, against: str) -> int:
        return self.current.outlets - getattr(self, against).outlets

    def mentions_change(self, against: str) -> int:
        return self.current.mentions - getattr(self, against).mentions


def compare(
    cur: duckdb.DuckDBPyConnection,
    plan_id: int,
    version_id: int,
    until: dt.date,
    starts_on: dt.date,
    ends_on: dt.date,
) -> Comparison:
    params = {"plan_id": plan_id, "version_id": version_id, "until": until, **window_params(starts_on, ends_on)}
    return comparison(queries.run(cur, "media_period_comparison", **params))


def window_params(starts_on: dt.date, ends_on: dt.date) -> dict[str, dt.date]:
    """The windows' bounds as the parameters of queries/media_period_comparison.sql."""
    params = {}
    for name, (first, last) in windows(starts_on, ends_on).items():
        params[f"{name}_from"], params[f"{name}_to"] = first, last
    return params


def comparison(frame: pd.DataFrame) -> Comparison:
    """The windows of a media_period_comparison result (the pages read it from their query cache)."""
    found = {}
    for row in frame.itertuples(index=False):
        counts = {name: int(getattr(row, column)) for name, column in SHARES}
        found[row.window_name] = Window(
            row.window_name,
            pd.Timestamp(row.starts_on).date(),
            pd.Timestamp(row.ends_on).date(),
            int(row.mentions),
            int(row.outlets),
            counts,
        )
    return Comparison(*(found[name] for name in WINDOWS))
