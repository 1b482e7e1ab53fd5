"""Import time of the demo plan's three versions and the database size after them.

Run: .venv/bin/python bench/demo_import.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plantrack import demo  # noqa: E402
from plantrack.db import connect  # noqa: E402


def main() -> None:
    path = Path(tempfile.mkdtemp()) / "demo.duckdb"
    con = connect(path)
    started = time.perf_counter()
    written, _ = demo.load(con)
    elapsed = time.perf_counter() - started
    con.execute("checkpoint")
    rows = {
        name: con.execute(f"select count(*) from {name}").fetchall()[0][0]  # noqa: S608 (fixed names)
        for name in ("tasks", "milestones", "indicators", "budget_lines", "disbursements", "media")
    }
    con.close()
    size = path.stat().st_size
    print(f"demo: {written} versions imported in {elapsed:.2f} s; database {size / 2**20:.1f} MiB; stored rows {rows}")


if __name__ == "__main__":
    main()
