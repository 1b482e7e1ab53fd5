"""The status rules' settings (DESIGN §5), from the server's environment; every setting has a default.

PLANTRACK_GRACE_DAYS: days into a quarter during which an ongoing task's update of the quarter
before still counts (default 30). PLANTRACK_DUE_SOON_DAYS: a milestone is "Sắp đến hạn" when due
within this many days of the as-of date (default 14).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from plantrack.status import DEFAULT_GRACE_DAYS

DEFAULT_DUE_SOON_DAYS = 14
# A year: a longer grace period or window would say nothing.
LIMIT_DAYS = 366
ENVIRONMENT = {"grace_days": "PLANTRACK_GRACE_DAYS", "due_soon_days": "PLANTRACK_DUE_SOON_DAYS"}


@dataclass(frozen=True)
class StatusSettings:
    grace_days: int = DEFAULT_GRACE_DAYS
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS


def _days(name: str, text: str) -> int:
    try:
        days = int(text.strip())
    except ValueError:
        days = -1
    if not 0 <= days <= LIMIT_DAYS:
        raise ValueError(f"{name}={text!r}: expected a whole number of days from 0 to {LIMIT_DAYS}")
    return days


def from_environment(environ: Mapping[str, str] | None = None) -> StatusSettings:
    """The settings the environment names, the defaults for the others; a bad value raises ValueError."""
    environ = os.environ if environ is None else environ
    given = {field: _days(name, environ[name]) for field, name in ENVIRONMENT.items() if environ.get(name, "").strip()}
    return StatusSettings(**given)
