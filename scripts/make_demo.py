"""Generates the demo plan's three quarterly workbooks in data/demo/ (loaded by plantrack/demo.py).

The plan is the seed: the 2019 external-information work plan of Gia Lai's Department of
Information and Communications. Tasks, timings, units and the funding sources follow the seed;
progress, milestones, money and press mentions are invented, shaped like the real thing so that
every page of the dashboard has a realistic story to show. What the plan says lives in
data/demo/seed/ (TOML for nested records, CSV for flat tables, UTF-8), where staff can read and edit
it; demo_seed.py reads it, demo_press.py draws the year's press mentions from it, and this script
turns it into workbooks. The output depends only on the seed files and SEED,
never on today's date: running the script twice writes byte-identical files.

    .venv/bin/python scripts/make_demo.py
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pandas as pd

# The seed and press modules are beside this script; the plantrack package is one folder up.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo_press import Mention, make_mentions
from demo_seed import BUDGET_LINES, INDICATORS, MILESTONES, OUTLETS, PAYMENTS, PLAN, TASKS, UNITS, Payment, rng_for

from plantrack.demo import DEMO_DIR, DEMO_VERSIONS
from plantrack.excel import write_workbook

BANNER = (
    "DỮ LIỆU MẪU — kế hoạch mẫu dựng từ Kế hoạch triển khai công tác thông tin đối ngoại năm 2019 của Sở TT&TT Gia Lai"
)


def vouchers() -> dict[Payment, str]:
    """Voucher numbers in date order, with gaps: the department pays many other things in between."""
    rng = rng_for("vouchers")
    last = {"UNC": 0, "PC": 0}
    numbered = {}
    for payment in sorted(PAYMENTS, key=lambda p: p.paid_on):
        kind = "PC" if payment.cash else "UNC"
        last[kind] += rng.randint(3, 14)
        numbered[payment] = f"{kind} {last[kind]:03d}/2019"
    return numbered


def tasks_frame(quarter: int) -> pd.DataFrame:
    rows = []
    for task in TASKS:
        update = task.updates[quarter - 1]
        rows.append(
            {
                "task_code": task.code,
                "content": task.content,
                "lead_unit": "P.TTBCXB",  # Section III: the division leads every item of the plan
                "support_units": list(task.support),
                "timing_text": task.timing,
                "is_ongoing": task.ongoing,
                "start_on": task.start,
                "due_on": task.due,
                "progress": update.progress,
                "state": update.state,
                "completed_on": update.completed_on,
                "updated_on": update.updated_on,
                "note": update.note,
            }
        )
    return pd.DataFrame(rows)


def indicators_frame(quarter: int) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "task_code": task,
                "indicator": name,
                "measure_unit": unit,
                "target": target,
                "actual": actual[quarter - 1],
                "note": note,
            }
            for task, name, unit, target, actual, note in INDICATORS
        ]
    )


def milestones_frame(as_of: dt.date) -> pd.DataFrame:
    rows = []
    for milestone in MILESTONES:
        done = milestone.completed if milestone.completed and milestone.completed <= as_of else None
        late = (done or as_of) > milestone.due
        rows.append(
            {
                "milestone_code": milestone.code,
                "task_code": milestone.task,
                "content": milestone.content,
                "due_on": milestone.due,
                "quarter": (milestone.due.month - 1) // 3 + 1,
                "completed_on": done,
                "unit_code": milestone.unit,
                "note": milestone.late_note if late else None,
            }
        )
    return pd.DataFrame(rows)


def budget_frame() -> pd.DataFrame:
    fields = ("line_code", "task_code", "content", "source", "unit_code", "planned", "note")
    return pd.DataFrame([dict(zip(fields, line, strict=True)) for line in BUDGET_LINES])


def disbursements_frame(numbered: dict[Payment, str], as_of: dt.date) -> pd.DataFrame:
    paid = sorted((p for p in PAYMENTS if p.paid_on <= as_of), key=lambda p: (p.paid_on, p.line))
    return pd.DataFrame(
        [
            {"line_code": p.line, "paid_on": p.paid_on, "amount": p.amount, "voucher": numbered[p], "note": p.note}
            for p in paid
        ]
    )


def media_frame(mentions: list[Mention], as_of: dt.date) -> pd.DataFrame:
    return pd.DataFrame([m.row(as_of) for m in mentions if m.published_on <= as_of])


def outlets_frame() -> pd.DataFrame:
    """The outlet directory the division keeps: each outlet once, graded by its widest reach."""

    def tier(widest: int) -> str:
        return "A" if widest >= 200_000 else "B" if widest >= 50_000 else "C" if widest >= 20_000 else "D"

    return pd.DataFrame(
        [
            {
                "outlet": o.name,
                "scope": o.scope,
                "medium": max(o.media, key=lambda m: m[1])[0],
                "language": o.language,
                "tier": tier(o.reach[1]),
                "note": None,
            }
            for o in OUTLETS
        ]
    )


def check_budget() -> None:
    # The demo shows spending within plan on every line; an overspent line would read as a data error.
    planned = {line[0]: line[5] for line in BUDGET_LINES}
    for code, limit in planned.items():
        total = sum(p.amount for p in PAYMENTS if p.line == code)
        if total > limit:
            raise ValueError(f"{code}: {total} paid, {limit} planned")


def main(out_dir: Path = DEMO_DIR) -> None:
    check_budget()
    numbered = vouchers()
    mentions = make_mentions(DEMO_VERSIONS[-1][1])
    plan = pd.DataFrame([PLAN])
    units = pd.DataFrame(UNITS, columns=["unit_code", "unit_name", "unit_kind"])
    out_dir.mkdir(parents=True, exist_ok=True)
    for quarter, (file_name, as_of) in enumerate(DEMO_VERSIONS, start=1):
        frames = {
            "plan_info": plan,
            "units": units,
            "tasks": tasks_frame(quarter),
            "indicators": indicators_frame(quarter),
            "milestones": milestones_frame(as_of),
            "budget_lines": budget_frame(),
            "disbursements": disbursements_frame(numbered, as_of),
            "media": media_frame(mentions, as_of),
            "outlets": outlets_frame(),
        }
        # Dated the morning after the quarter closes, when the division would send it.
        created = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time(8, 0))
        write_workbook(out_dir / file_name, frames, banner=BANNER, created=created)
        counts = ", ".join(f"{name} {len(frame)}" for name, frame in frames.items())
        print(f"{file_name}: {counts}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEMO_DIR)
