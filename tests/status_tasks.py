"""Tasks for the status tests: one row per timing kind with the changes a case needs, and many random
rows whose dates crowd around 2019's boundaries."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

D = dt.date

# The four timing kinds of the seed plan, as the importer stores them.
TIMINGS = {
    # "Thường xuyên trong năm 2019"
    "ongoing": {"is_ongoing": True, "start_on": D(2019, 1, 1), "due_on": D(2019, 12, 31)},
    # "Hoàn thành ngày 31/03/2019": no start, so the window is 01/01–31/03 (90 days)
    "fixed": {"is_ongoing": False, "start_on": None, "due_on": D(2019, 3, 31)},
    # "dự kiến tháng 7 năm 2019": 01/07–31/07 (31 days)
    "month": {"is_ongoing": False, "start_on": D(2019, 7, 1), "due_on": D(2019, 7, 31)},
    # "Triển khai từ quý I/2019, hoàn thành trong quý III/2019": 01/01–30/09 (273 days)
    "quarter": {"is_ongoing": False, "start_on": D(2019, 1, 1), "due_on": D(2019, 9, 30)},
}


def task(timing: str = "fixed", **changes: object) -> dict:
    row = {
        "task_code": "NV1",
        "lead_unit": "VP",
        "support_units": [],
        "progress": 0.0,
        "state": "in_progress",
        "completed_on": None,
        "updated_on": None,
        **TIMINGS[timing],
    }
    row.update(changes)
    return row


def random_tasks(n: int, seed: int) -> pd.DataFrame:
    """Tasks with DuckDB's dtypes, dates crowding around 2019's boundaries, gaps and odd values."""
    rng = np.random.default_rng(seed)
    day = np.datetime64("2019-01-01") + rng.integers(-40, 400, n)
    start = np.where(rng.random(n) < 0.3, np.datetime64("NaT"), day - rng.integers(-5, 200, n))  # some after due
    ongoing = rng.random(n) < 0.25
    due = np.where((ongoing & (rng.random(n) < 0.5)) | (rng.random(n) < 0.02), np.datetime64("NaT"), day)
    progress = np.round(rng.uniform(0, 100, n), 2)
    progress = np.where(rng.random(n) < 0.1, 100.0, np.where(rng.random(n) < 0.02, np.nan, progress))
    state = rng.choice(np.array(["not_started", "in_progress", "done", "paused", None], dtype=object), n)
    completed = np.where(rng.random(n) < 0.6, day + rng.integers(-20, 20, n), np.datetime64("NaT"))
    updated = np.where(
        rng.random(n) < 0.85, np.datetime64("2019-01-01") + rng.integers(-30, 400, n), np.datetime64("NaT")
    )
    changed = np.where(rng.random(n) < 0.5, np.datetime64("2019-01-01") + rng.integers(0, 400, n), np.datetime64("NaT"))
    units = np.array(["P.TTBCXB", "P.KHTC", "VP", "SVHTTDL", "BĐBP"])
    return pd.DataFrame(
        {
            "task_code": [f"NV{i}" for i in range(n)],
            "lead_unit": rng.choice(units, n),
            "support_units": [list(rng.choice(units, rng.integers(0, 3), replace=False)) for _ in range(n)],
            "is_ongoing": pd.array(np.where(rng.random(n) < 0.02, None, ongoing), dtype="boolean"),
            "start_on": pd.Series(start).astype("datetime64[us]"),
            "due_on": pd.Series(due).astype("datetime64[us]"),
            "progress": progress,
            "state": pd.array(state, dtype="str"),
            "completed_on": pd.Series(completed).astype("datetime64[us]"),
            "updated_on": pd.Series(updated).astype("datetime64[us]"),
            "progress_changed_on": pd.Series(changed).astype("datetime64[us]"),
        }
    )
