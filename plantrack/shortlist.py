"""Which rows a chart of one bar per task (or indicator) shows when there are too many to draw.

A provincial plan has eight tasks and every chart shows them all. A ministry's plan has thousands:
a bar per task would be unreadable and heavy, so a chart shows the rows that need attention first,
and the page says how many of how many it shows (the tables below the charts keep every row).
Each rule orders its rows completely (ties broken by code), so the same data always gives the same
chart.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# Charts of one bar or line per task show at most this many.
CHART_ITEMS = 40
# The task chooser lists at most this many tasks.
TASK_CHOICES = 100
# Charts of one or two bars per unit (budget, tasks by status) draw at most this many units (about 1.200 px).
UNIT_ITEMS = 20


@dataclass(frozen=True)
class Shortlist:
    """rows: what to draw, in order; total: how many there were to choose from."""

    rows: pd.DataFrame
    total: int

    @property
    def cut(self) -> bool:
        """True when rows leave some out, and the page should say so."""
        return len(self.rows) < self.total


def _head(frame: pd.DataFrame, by: list[str], ascending: list[bool], limit: int) -> pd.DataFrame:
    """The first `limit` rows of `frame` in the given order. Only the keys are sorted: the 40 tasks due
    soonest of 20.000 took 17 ms with whole rows (content, reasons, lists of units) sorted, 7 ms so."""
    keys = frame[by].reset_index(drop=True)
    positions = keys.sort_values(by, ascending=ascending, kind="stable", na_position="last").index[:limit]
    return frame.iloc[positions]


def _first(frame: pd.DataFrame, by: list[str], ascending: list[bool], limit: int) -> Shortlist:
    """All rows in their own order when they fit; otherwise the first `limit` in the given order."""
    if len(frame) <= limit:
        return Shortlist(frame, len(frame))
    return Shortlist(_head(frame, by, ascending, limit).reset_index(drop=True), len(frame))


def most_behind(tasks: pd.DataFrame, limit: int = CHART_ITEMS) -> Shortlist:
    """tasks: task_code, progress, expected (from the status engine). Furthest behind what is expected first."""
    gap = tasks.assign(_gap=tasks["expected"] - tasks["progress"])
    chosen = _first(gap, ["_gap", "task_code"], [False, True], limit)
    return Shortlist(chosen.rows.drop(columns="_gap"), chosen.total)


def lowest_indicators(indicators: pd.DataFrame, limit: int = CHART_ITEMS) -> Shortlist:
    """indicators: task_code, indicator, achieved_pct. The least achieved first."""
    return _first(indicators, ["achieved_pct", "task_code", "indicator"], [True, True, True], limit)


def due_soonest(tasks: pd.DataFrame, limit: int = CHART_ITEMS) -> Shortlist:
    """tasks: task_code, due_on, status. Open tasks by due date (so overdue ones first), then done ones.

    A plan whose tasks are all done still gets a chart: the latest due of them.
    """
    if len(tasks) <= limit:
        return Shortlist(tasks, len(tasks))
    done = (tasks["status"] == "done").to_numpy()
    keys = tasks[["due_on", "task_code"]].reset_index(drop=True)
    chosen = _head(keys[~done], ["due_on", "task_code"], [True, True], limit).index
    if len(chosen) < limit:
        latest_done = _head(keys[done], ["due_on", "task_code"], [False, True], limit - len(chosen)).index
        chosen = chosen.append(latest_done)
    return Shortlist(tasks.iloc[chosen].reset_index(drop=True), len(tasks))


def largest_budgets(by_task: pd.DataFrame, limit: int = CHART_ITEMS) -> Shortlist:
    """by_task: task_code, planned. The largest planned amounts first."""
    return _first(by_task, ["planned", "task_code"], [False, True], limit)


def largest_unit_budgets(by_unit: pd.DataFrame, limit: int = UNIT_ITEMS) -> Shortlist:
    """by_unit: unit_code, planned. The largest planned amounts first, ties by unit code."""
    return _first(by_unit, ["planned", "unit_code"], [False, True], limit)


def busiest_units(counts: pd.DataFrame, limit: int = UNIT_ITEMS) -> Shortlist:
    """counts: unit_name, role, status, tasks (status.tasks_by_unit_status). The units with the most tasks,
    led and supported together, first, ties by name; rows: one per unit chosen (unit_name, tasks)."""
    per_unit = counts.groupby("unit_name", as_index=False, sort=False)["tasks"].sum()
    return _first(per_unit, ["tasks", "unit_name"], [False, True], limit)
