"""What the pages and the report count from a status frame: tasks per group and status, the official
rates, overdue ageing, and the per-unit roll-up."""

from __future__ import annotations

import pandas as pd

from plantrack.i18n import t
from plantrack.status.rules import (
    DONE_LATE,
    DONE_ON_TIME,
    GROUPS,
    OPEN_IN_TIME,
    OPEN_OVERDUE,
    OVERDUE_AGES,
    STATUSES,
    Rate,
)


def group_counts(status_frame: pd.DataFrame) -> dict[str, int]:
    """Tasks per official group, all four always present; they add up to len(status_frame)."""
    counts = status_frame["group"].value_counts().reindex(list(GROUPS), fill_value=0)
    return {group: int(count) for group, count in counts.items()}


def status_counts(status_frame: pd.DataFrame) -> dict[str, int]:
    """Tasks per status, every status present."""
    counts = status_frame["status"].value_counts().reindex(list(STATUSES), fill_value=0)
    return {code: int(count) for code, count in counts.items()}


def tasks_by_unit_status(
    tasks: pd.DataFrame, status_frame: pd.DataFrame, unit_names: dict[str, str], units: list[str] | None = None
) -> pd.DataFrame:
    """Long form for charts: unit_name, role ('lead' / 'support'), status, tasks.

    `units` (codes) keeps only those units: the tasks of a chosen unit also name their other units,
    which are not what was asked for."""
    merged = tasks[["task_code", "lead_unit", "support_units"]].merge(
        status_frame[["task_code", "status"]], on="task_code"
    )
    led = merged.rename(columns={"lead_unit": "unit_code"}).assign(role="lead")
    supported = (
        merged.explode("support_units").dropna(subset=["support_units"]).drop_duplicates(["task_code", "support_units"])
    )
    supported = supported.rename(columns={"support_units": "unit_code"}).assign(role="support")
    both = pd.concat([led[["unit_code", "role", "status"]], supported[["unit_code", "role", "status"]]])
    if units:
        both = both[both["unit_code"].isin(units)]
    counted = both.groupby(["unit_code", "role", "status"]).size().rename("tasks").reset_index()
    counted["unit_name"] = counted["unit_code"].map(lambda code: unit_names.get(code, code))
    return counted[["unit_name", "role", "status", "tasks"]]


def overdue_ageing(status_frame: pd.DataFrame) -> pd.DataFrame:
    """Overdue tasks per age bucket (≤ 30, 31–90, 91–120, > 120 days), every bucket present."""
    counts = status_frame["overdue_age"].dropna().value_counts().reindex(list(OVERDUE_AGES), fill_value=0)
    return pd.DataFrame({"age": list(OVERDUE_AGES), "tasks": [int(c) for c in counts]})


def rates(status_frame: pd.DataFrame, lang: str = "vi") -> dict[str, Rate]:
    """The rates the overview shows, each with what it divides by (DESIGN §5)."""
    counts = group_counts(status_frame)
    done = counts[DONE_ON_TIME] + counts[DONE_LATE]
    open_tasks = counts[OPEN_IN_TIME] + counts[OPEN_OVERDUE]
    parts = {
        # A task not done whose due date is still ahead can yet be on time: it is left out.
        "on_time": (counts[DONE_ON_TIME], done + counts[OPEN_OVERDUE]),
        "done": (done, done + open_tasks),
        "overdue": (counts[OPEN_OVERDUE], open_tasks),
    }
    return {
        key: Rate(key, t(f"status_rate_{key}", lang), num, den, t(f"status_rate_{key}_basis", lang))
        for key, (num, den) in parts.items()
    }


def unit_rollup(tasks: pd.DataFrame, status_frame: pd.DataFrame, chosen: list[str] | None = None) -> pd.DataFrame:
    """Per unit named as lead or support: tasks led and supported, led tasks by status, on-time rate.

    `chosen` (codes) keeps only those units, as `units` does in tasks_by_unit_status.
    Columns: unit_code, tasks_led, tasks_supported, one count per status code (led tasks),
    on_time (done on time), on_time_base (done or overdue: what on_time_rate divides by),
    on_time_rate (percent, NaN when on_time_base is 0), last_update (newest updated_on of led tasks).
    Sorted by unit_code.
    """
    led = tasks[["task_code", "lead_unit", "updated_on"]].merge(
        status_frame[["task_code", "status", "group"]], on="task_code", validate="one_to_one"
    )
    by_status = pd.crosstab(led["lead_unit"], led["status"]).reindex(columns=list(STATUSES), fill_value=0)
    by_group = pd.crosstab(led["lead_unit"], led["group"]).reindex(columns=list(GROUPS), fill_value=0)
    supported = (
        tasks[["task_code", "support_units"]]
        .explode("support_units")
        .dropna()
        .groupby("support_units")["task_code"]
        .nunique()  # a unit named twice in one task's list supports it once
    )
    units = sorted(set(led["lead_unit"]) | set(supported.index))
    frame = pd.DataFrame(
        {
            "tasks_led": led["lead_unit"].value_counts(),
            "tasks_supported": supported,
            **{code: by_status[code] for code in STATUSES},
            "on_time": by_group[DONE_ON_TIME],
            "on_time_base": by_group[[DONE_ON_TIME, DONE_LATE, OPEN_OVERDUE]].sum(axis=1),
        },
        index=units,
    )
    frame = frame.fillna(0).astype("int64")
    frame["on_time_rate"] = (100.0 * frame["on_time"] / frame["on_time_base"]).where(frame["on_time_base"] > 0)
    updated = pd.to_datetime(led["updated_on"]).astype("datetime64[us]")
    frame["last_update"] = updated.groupby(led["lead_unit"]).max().reindex(units)
    frame = frame.rename_axis("unit_code").reset_index()
    return frame[frame["unit_code"].isin(chosen)].reset_index(drop=True) if chosen else frame
