"""Reading the version history true after rollbacks: which data dates a page can be shown as of."""

from __future__ import annotations

import pandas as pd


def as_of_choices(versions: pd.DataFrame, show_undone: bool = False) -> pd.DataFrame:
    """One row per data date (its newest version), in data-date order, newest date first.

    `versions`: the plan_versions query. Versions a rollback undid are left out unless `show_undone`;
    the latest version is never undone, so the dashboard's default is always there.
    """
    shown = versions if show_undone else versions[~versions["is_undone"].astype(bool)]
    per_date = shown.sort_values("version_id", ascending=False).drop_duplicates("as_of")
    return per_date.sort_values(["as_of", "version_id"], ascending=False).reset_index(drop=True)


def latest_choice(choices: pd.DataFrame) -> int:
    """The position of the latest version among the choices: the page's default."""
    return int(choices["version_id"].idxmax())
