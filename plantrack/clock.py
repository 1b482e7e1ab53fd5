"""One clock: every time is recorded as a UTC instant and shown in the plan's time zone.

The database stores naive `timestamp` values that mean UTC (`db.connect` sets DuckDB's TimeZone to
UTC, so `current_timestamp` is stored as UTC too); Python code takes the time from `now()`. Nothing
depends on the server's TZ: pages and the command line convert with `local()` for display, in the
zone named by PLANTRACK_TIME_ZONE (default Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

TIME_ZONE_ENV = "PLANTRACK_TIME_ZONE"
DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh"


def now() -> dt.datetime:
    """The current instant as a naive UTC datetime, the form the database stores."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def zone(environ: dict | None = None) -> ZoneInfo:
    """The plan's time zone; an unknown name falls back to the default rather than to the server's zone."""
    name = (environ if environ is not None else os.environ).get(TIME_ZONE_ENV) or DEFAULT_TIME_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIME_ZONE)


def local(instant: dt.datetime) -> dt.datetime:
    """A stored UTC instant as wall-clock time in the plan's zone (naive, for formatting)."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=dt.UTC)
    return instant.astimezone(zone()).replace(tzinfo=None)


def today() -> dt.date:
    """Today's date in the plan's zone (the default as-of date of an import)."""
    return dt.datetime.now(zone()).date()
