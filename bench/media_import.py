"""Import time of a 100.000-row media workbook against the bare calamine read of the same file.

Run: .venv/bin/python bench/media_import.py [ROWS]. Prints seconds and ratios measured in one process,
wall time and CPU time (on a shared machine the CPU time is the steadier of the two).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plantrack import importer  # noqa: E402
from plantrack.db import connect  # noqa: E402
from plantrack.excel import write_workbook  # noqa: E402

OUTLETS = ["Báo Gia Lai", "VnExpress", "Báo Tuổi Trẻ", "RFA", "BBC Tiếng Việt", "TTXVN", "Báo Nhân Dân"]
TOPICS = ["du lịch", "đầu tư", "thương mại", "biên giới", "biển đảo", "nhân quyền", "dân tộc thiểu số"]


def media_frame(rows: int, seed: int = 7) -> pd.DataFrame:
    rng = random.Random(seed)
    start = dt.date(2019, 1, 1)
    records = []
    for i in range(rows):
        outlet = rng.choice(OUTLETS)
        records.append(
            {
                "published_on": start + dt.timedelta(days=rng.randrange(365)),
                "outlet": outlet,
                "scope": "foreign" if outlet in ("RFA", "BBC Tiếng Việt") else "domestic",
                "medium": rng.choice(["online", "print", "tv", "social"]),
                "language": "Tiếng Việt",
                "title": f"Tin số {i} về {rng.choice(TOPICS)} ở Gia Lai",
                "summary": None,
                "url": f"https://example.vn/tin/{i}",
                "topic": rng.choice(TOPICS),
                "sentiment": rng.choice(["positive", "neutral", "negative"]),
                "is_false": rng.random() < 0.01,
                "task_code": None,
                "response": None,
                "responded_on": None,
                "reach": rng.randrange(100, 100000),
            }
        )
    return pd.DataFrame(records)


def main(rows: int) -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "media.xlsx"
    plan = folder / "plan.xlsx"
    write_workbook(
        plan,
        {"plan_info": pd.DataFrame([{"title": "Bench", "doc_number": "1/KH", "year": 2019}])},
        sheets=["plan_info"],
    )
    write_workbook(path, {"media": media_frame(rows)}, sheets=["media"])
    con = connect(folder / "bench.duckdb")
    importer.commit(con, importer.prepare(con, plan.read_bytes(), "plan.xlsx"), "bench")

    started, cpu = time.perf_counter(), time.process_time()
    pd.read_excel(path, engine="calamine", sheet_name=None)
    bare, bare_cpu = time.perf_counter() - started, time.process_time() - cpu

    started, cpu = time.perf_counter(), time.process_time()
    preview = importer.prepare(con, path.read_bytes(), path.name)
    prepared = time.perf_counter() - started
    assert not preview.errors, preview.errors[:3]
    importer.commit(con, preview, "bench")
    total, total_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"rows {rows}: bare calamine read {bare:.2f} s; prepare {prepared:.2f} s; prepare+commit {total:.2f} s; "
        f"ratio import/bare {total / bare:.2f}; CPU time {bare_cpu:.2f} s / {total_cpu:.2f} s, "
        f"ratio {total_cpu / bare_cpu:.2f}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
