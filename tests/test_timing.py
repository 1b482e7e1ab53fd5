"""Timing phrases as plans write them, and the dates each one means (plantrack/timing.py)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import small_plan

from plantrack import importer
from plantrack.excel import workbook_bytes
from plantrack.timing import read_timing

D = dt.date

# phrase, plan year, ongoing, start, due, doubt
PHRASES = [
    ("Thường xuyên trong năm 2019", 2019, True, D(2019, 1, 1), D(2019, 12, 31), None),
    ("Thực hiện thường xuyên trong năm 2019.", 2019, True, D(2019, 1, 1), D(2019, 12, 31), None),
    ("Hằng năm", 2025, True, None, None, None),
    ("Hằng quý", 2025, True, None, None, None),
    ("Định kỳ 6 tháng", 2025, True, None, None, None),
    ("Thường xuyên, theo yêu cầu nhiệm vụ.", 2025, True, None, None, None),
    ("Hoàn thành ngày 31/03/2019", 2019, False, None, D(2019, 3, 31), None),
    ("trước ngày 20.7.2020", 2020, False, None, D(2020, 7, 20), None),
    ("Trước ngày 30/11/2025", 2025, False, None, D(2025, 11, 30), None),
    ("trước ngày 01 tháng 01 năm 2026", 2025, False, None, D(2026, 1, 1), None),
    ("Tháng 12/2025", 2025, False, None, D(2025, 12, 31), None),
    ("dự kiến tháng 7 năm 2019", 2019, False, None, D(2019, 7, 31), None),
    ("Quý IV năm 2025", 2025, False, None, D(2025, 12, 31), None),
    ("Quý IV/2025 và Quý I/2026", 2025, False, D(2025, 10, 1), D(2026, 3, 31), None),
    ("Quý II, III năm 2020", 2020, False, D(2020, 4, 1), D(2020, 9, 30), None),
    ("Quý I và quý II/2024", 2023, False, D(2024, 1, 1), D(2024, 6, 30), None),
    ("Triển khai từ quý I/2019, hoàn thành trong quý III/2019", 2019, False, D(2019, 1, 1), D(2019, 9, 30), None),
    ("Từ tháng 12/2025 đến quý I/2026", 2025, False, D(2025, 12, 1), D(2026, 3, 31), None),
    ("Năm 2025 và các năm tiếp theo", 2025, True, D(2025, 1, 1), None, None),
    ("Giai đoạn 2026-2030 và những năm tiếp theo.", 2026, True, D(2026, 1, 1), None, None),
    ("2026 - 2030", 2026, False, D(2026, 1, 1), D(2030, 12, 31), None),
    ("Giai đoạn 2026-2030", 2026, False, D(2026, 1, 1), D(2030, 12, 31), None),
    ("năm 2026 - 2027.", 2025, False, D(2026, 1, 1), D(2027, 12, 31), None),
    ("2026", 2025, False, None, D(2026, 12, 31), None),
    ("6/2025", 2025, False, None, D(2025, 6, 30), None),
    ("6 tháng đầu năm 2025", 2025, False, None, D(2025, 6, 30), None),
    ("Từ 01/7/2025", 2025, True, D(2025, 7, 1), None, "timing_open_end"),
    # Written without a year: the plan's year.
    ("trước ngày 30/11", 2024, False, None, D(2024, 11, 30), None),
    ("trước ngày 15 tháng 11", 2025, False, None, D(2025, 11, 15), None),
    ("Quý II", 2021, False, None, D(2021, 6, 30), None),
    ("trước ngày 30/11 hằng năm", 2025, True, None, D(2025, 11, 30), None),
    # No date in them: kept, no dates, flagged — never guessed.
    ("Theo tiến độ được giao của Luật An ninh mạng 2025.", 2025, False, None, None, "timing_undated"),
    ("Sau khi Nghị định được ban hành", 2025, False, None, None, "timing_undated"),
    ("Theo Kế hoạch riêng", 2025, False, None, None, "timing_undated"),
    ("Theo kế hoạch công tác tư pháp hàng năm.", 2025, False, None, None, "timing_undated"),
    ("Khi có yêu cầu", 2025, False, None, None, "timing_undated"),
    ("Quý I", None, False, None, None, "timing_no_year"),
    ("Tháng 13/2025", 2025, False, None, None, "timing_undated"),
    ("", 2025, False, None, None, "timing_missing"),
]


@pytest.mark.parametrize(
    ("phrase", "year", "ongoing", "start", "due", "doubt"), PHRASES, ids=[p[0] or "blank" for p in PHRASES]
)
def test_each_timing_phrase_gives_the_dates_it_says(phrase, year, ongoing, start, due, doubt):
    timing = read_timing(phrase, year)
    assert (timing.ongoing, timing.start, timing.due, timing.doubt) == (ongoing, start, due, doubt)
    assert timing.text == phrase.strip()


def test_a_written_year_wins_over_the_plans_year():
    assert read_timing("Hoàn thành ngày 31/03/2019", 2030).due == D(2019, 3, 31)


def _plan_with_timings(rows: list[tuple[str, object, object, object]]) -> bytes:
    frames = small_plan()
    tasks = frames["tasks"].iloc[:1]
    records = []
    for n, (timing, ongoing, start, due) in enumerate(rows, start=1):
        record = tasks.iloc[0].to_dict()
        record.update(task_code=f"T{n}", timing_text=timing, is_ongoing=ongoing, start_on=start, due_on=due)
        records.append(record)
    frames["tasks"] = pd.DataFrame(records)
    for name in ("indicators", "milestones", "budget_lines", "disbursements", "media"):
        frames.pop(name, None)
    return workbook_bytes(frames, sheets=["plan_info", "units", "tasks"])


def test_the_import_derives_blank_dates_from_the_timing_and_says_so(con):
    data = _plan_with_timings(
        [
            ("Triển khai từ quý I/2019, hoàn thành trong quý III/2019", None, None, None),
            ("trước ngày 30/11", None, None, None),
            ("Quý II/2019", True, D(2019, 4, 15), None),
        ]
    )
    preview = importer.prepare(con, data, "plan.xlsx")
    assert not preview.errors, [p.line() for p in preview.errors]
    tasks = preview.validated.frames["tasks"].set_index("task_code")
    assert (tasks.loc["T1", "start_on"], tasks.loc["T1", "due_on"]) == (D(2019, 1, 1), D(2019, 9, 30))
    assert not tasks.loc["T1", "is_ongoing"]
    # A date without a year takes the year of the file's Kế hoạch sheet.
    assert tasks.loc["T2", "due_on"] == D(2019, 11, 30)
    # A row with one date typed is left as staff wrote it.
    assert (tasks.loc["T3", "start_on"], tasks.loc["T3", "due_on"]) == (D(2019, 4, 15), None)
    derived = [p for p in preview.warnings if p.code == "warn_dates_from_timing"]
    assert [(p.sheet, p.row, p.column) for p in derived] == [
        ("Nhiệm vụ", 2, "Hạn hoàn thành"),
        ("Nhiệm vụ", 3, "Hạn hoàn thành"),
    ]
    assert "quý I/2019" in derived[0].message("vi") and "30/09/2019" in derived[0].message("vi")


def test_a_timing_with_no_date_is_not_guessed_and_the_due_date_is_still_required(con):
    preview = importer.prepare(con, _plan_with_timings([("Theo Kế hoạch riêng", None, None, None)]), "plan.xlsx")
    assert [p.code for p in preview.errors] == ["due_required"]
    assert not [p for p in preview.warnings if p.code == "warn_dates_from_timing"]
