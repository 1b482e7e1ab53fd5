"""What changed since the last meeting: status and progress of tasks, money disbursed, new mentions
and false-information cases, between a chosen date (or version) and the data shown now.

The "since" side of a task is the newest earlier version whose data is as of that date or before,
with its status computed for that date; the "now" side is the version on screen, with its status
for its as-of date — both by the same rules (status.py) the pages use. Money, mentions and cases
are the dated rows after the chosen date and up to the as-of date, in the version on screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb
import pandas as pd

from plantrack import queries, status


@dataclass(frozen=True)
class Baseline:
    version_id: int | None
    as_of: dt.date | None


def _day(value: object) -> dt.date:
    return pd.Timestamp(value).date()


def default_since(versions: pd.DataFrame, version_id: int) -> dt.date | None:
    """The as-of date of the previous update before the version shown: the usual "last meeting"."""
    current = versions.loc[versions["version_id"] == version_id, "as_of"]
    if current.empty:
        return None
    as_of = _day(current.iloc[0])
    earlier = [_day(d) for d in versions.loc[versions["version_id"] < version_id, "as_of"] if _day(d) < as_of]
    return max(earlier) if earlier else None


def earlier_days(versions: pd.DataFrame, version_id: int, as_of: dt.date) -> pd.DataFrame:
    """The data dates a meeting can be compared with: each date before `as_of` of a version before the
    one shown, with the newest version of that date; newest version first. Columns: day, version_id."""
    earlier = versions[versions["version_id"] < version_id].sort_values("version_id", ascending=False)
    days = pd.DataFrame({"day": [_day(d) for d in earlier["as_of"]], "version_id": earlier["version_id"].to_numpy()})
    return days[days["day"] < as_of].drop_duplicates("day").reset_index(drop=True)


def baseline(versions: pd.DataFrame, version_id: int, since: dt.date) -> Baseline:
    """The newest version before the one shown whose data is as of `since` or earlier."""
    earlier = versions[(versions["version_id"] < version_id)]
    earlier = earlier[[_day(d) <= since for d in earlier["as_of"]]]
    if earlier.empty:
        return Baseline(None, None)
    row = earlier.sort_values("version_id").iloc[-1]
    return Baseline(int(row["version_id"]), _day(row["as_of"]))


@dataclass
class Changes:
    since: dt.date
    until: dt.date
    baseline: Baseline
    # Every task shown now: task_code, content, old_status, new_status, old_progress, new_progress,
    # gained (points; a new task gains from 0), status_changed, is_new, reason (now).
    tasks: pd.DataFrame
    disbursements: pd.DataFrame  # since_disbursements
    mentions: Mapping[str, int]  # since_mentions
    false_cases: pd.DataFrame  # since_false_cases

    @property
    def changed_tasks(self) -> pd.DataFrame:
        moved = self.tasks["status_changed"] | (self.tasks["gained"].fillna(0) != 0)
        return self.tasks[moved].reset_index(drop=True)

    @property
    def status_changed(self) -> int:
        return int(self.tasks["status_changed"].sum())

    @property
    def progress_gained(self) -> float | None:
        """Mean points gained per task shown now (None without tasks)."""
        return None if self.tasks.empty else float(self.tasks["gained"].mean())

    @property
    def tasks_gaining(self) -> int:
        return int((self.tasks["gained"] > 0).sum())

    @property
    def disbursed(self) -> int:
        return int(self.disbursements["amount"].sum()) if not self.disbursements.empty else 0

    @property
    def negative_share(self) -> float | None:
        mentions = int(self.mentions["mentions"])
        return 100.0 * int(self.mentions["negative"]) / mentions if mentions else None


def _tasks(
    cur: duckdb.DuckDBPyConnection, params: Mapping[str, object], version_id: int, as_of: dt.date, lang: str
) -> pd.DataFrame:
    wanted = queries.parameters("tasks_at_version")
    tasks = queries.run(cur, "tasks_at_version", **{**{k: params[k] for k in wanted}, "version_id": version_id})
    grace = params.get("grace_days", status.DEFAULT_GRACE_DAYS)
    computed = status.statuses(tasks, as_of, lang=lang, plan_year=params.get("year"), grace_days=grace)
    return tasks[["task_code", "content", "progress"]].assign(
        status=computed["status"].to_numpy(), reason=computed["reason"].to_numpy()
    )


def changes(
    cur: duckdb.DuckDBPyConnection,
    params: Mapping[str, object],
    since: dt.date,
    versions: pd.DataFrame,
    lang: str = "vi",
) -> Changes:
    """The changes between `since` and the version in `params` (plan_id, version_id, units, quarter, year, until)."""
    until = params["until"]
    base = baseline(versions, int(params["version_id"]), since)
    now = _tasks(cur, params, int(params["version_id"]), until, lang)
    if base.version_id is not None:
        before = _tasks(cur, params, base.version_id, since, lang)[["task_code", "progress", "status"]]
    else:
        before = pd.DataFrame(
            {
                "task_code": pd.Series(dtype="str"),
                "progress": pd.Series(dtype="float64"),
                "status": pd.Series(dtype="str"),
            }
        )
    merged = now.merge(
        before.rename(columns={"progress": "old_progress", "status": "old_status"}),
        on="task_code",
        how="left",
        validate="one_to_one",
    )
    is_new = merged["old_status"].isna().to_numpy()
    tasks = pd.DataFrame(
        {
            "task_code": merged["task_code"],
            "content": merged["content"],
            "old_status": merged["old_status"].astype("object").where(~is_new, None),
            "new_status": merged["status"],
            "old_progress": merged["old_progress"].astype("float64"),
            "new_progress": merged["progress"].astype("float64"),
            "gained": merged["progress"].astype("float64") - merged["old_progress"].astype("float64").fillna(0.0),
            "status_changed": is_new | (merged["old_status"].astype("object") != merged["status"].astype("object")),
            "is_new": is_new,
            "reason": merged["reason"],
        }
    )
    dated = {**params, "since": since}
    return Changes(
        since=since,
        until=until,
        baseline=base,
        tasks=tasks,
        disbursements=_run(cur, "since_disbursements", dated),
        mentions={k: int(v) for k, v in _run(cur, "since_mentions", dated).iloc[0].items()},
        false_cases=_run(cur, "since_false_cases", dated),
    )


def _run(cur: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, object]) -> pd.DataFrame:
    return queries.run(cur, name, **{key: params[key] for key in queries.parameters(name)})
