"""The server's resident memory across large uploads on Cập nhật dữ liệu (issue 16).

Each round uploads a workbook of about 99 MB (a Báo chí sheet of ROWS mentions, padded to the size
with an incompressible part the reader never opens) through headless Chromium, waits for the
preview, then leaves it one of four ways: removes the file from the uploader, goes to another page
and back, confirms it, or uploads the next file over it. After each round it prints the server's
VmRSS against its VmRSS before the first upload.

Run: .venv/bin/python bench/upload_memory.py [--rounds 8] [--rows 100000] [--megabytes 99] [--port 8611]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium, open_page, wait_idle  # noqa: E402
from media_import import media_frame  # noqa: E402

from plantrack import auth, importer  # noqa: E402
from plantrack.db import connect  # noqa: E402
from plantrack.excel import write_workbook  # noqa: E402

PASSWORD = "mat-khau-du-dai-12"
WAYS = ("removed", "left", "confirmed", "replaced")


def workbook(rows: int, megabytes: int, seed: int) -> bytes:
    """A Báo chí workbook of `rows` mentions, padded with random bytes to `megabytes` (10^6 bytes)."""
    buffer = io.BytesIO()
    frame = media_frame(rows, seed=seed)
    frame["published_on"] = [dt.date(2019, 1 + seed % 12, 1 + i % 28) for i in range(rows)]
    write_workbook(buffer, {"media": frame}, sheets=["media"])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        room = megabytes * 10**6 - len(buffer.getvalue()) - 200
        if room > 0:
            target.writestr(zipfile.ZipInfo("xl/media/padding.bin"), random.Random(seed).randbytes(room))
    return out.getvalue()


def rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def hwm_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def database(folder: Path) -> Path:
    path = folder / "upload-memory.duckdb"
    plan = io.BytesIO()
    write_workbook(
        plan,
        {"plan_info": pd.DataFrame([{"title": "Bench", "doc_number": "1/KH", "year": 2019}])},
        sheets=["plan_info"],
    )
    con = connect(path)
    importer.commit(con, importer.prepare(con, plan.getvalue(), "plan.xlsx"), "bench")
    auth.add_user(con, "bench", PASSWORD)
    con.close()
    return path


def upload(page, path: Path) -> None:
    # The input itself: while the uploader holds a file it shows the file, not the "Browse" button.
    page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(str(path))
    # A file uploaded over another: the old preview's button is still there until the new run ends.
    page.get_by_test_id("stFileChipName").filter(has_text=path.name).wait_for(timeout=600_000)
    wait_idle(page, 600_000)
    page.get_by_role("button", name=re.compile("^Xác nhận")).or_(page.get_by_text("Không có gì thay đổi")).wait_for(
        timeout=600_000
    )
    wait_idle(page, 600_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--megabytes", type=int, default=99)
    parser.add_argument("--port", type=int, default=8611)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="upload-memory-"))
    db = database(folder)
    files = []
    for seed in range(min(args.rounds, 4)):
        path = folder / f"bao-chi-{seed}.xlsx"
        path.write_bytes(workbook(args.rows, args.megabytes, seed))
        files.append(path)
    print(f"{len(files)} workbooks of {files[0].stat().st_size / 10**6:.1f} MB, {args.rows} mentions each")

    env = {**os.environ, "PLANTRACK_DB": str(db), "PYTHONPATH": str(ROOT), "TZ": "Asia/Ho_Chi_Minh"}
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py")]
    command += ["--server.port", str(args.port), "--server.address", "127.0.0.1", "--server.headless", "true"]
    log = (folder / "server.log").open("wb")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        with chromium() as context:
            page, _ = open_page(context, f"{url}/Cap_nhat_du_lieu", timeout=120_000)
            page.get_by_label("Tên đăng nhập").fill("bench")
            page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
            page.get_by_role("button", name="Đăng nhập").click()
            page.get_by_text("Đang đăng nhập: bench").wait_for(timeout=60_000)
            wait_idle(page)
            time.sleep(3)
            before = rss_mib(server.pid)
            print(f"before the first upload: {before:.0f} MiB")
            for round_ in range(args.rounds):
                way = WAYS[round_ % len(WAYS)]
                started = time.monotonic()
                upload(page, files[round_ % len(files)])
                held = rss_mib(server.pid)
                if way == "removed":
                    page.get_by_test_id("stFileChipDeleteBtn").get_by_role("button").click()
                elif way == "left":
                    page.get_by_test_id("stSidebar").get_by_text("Tổng quan").click()
                    wait_idle(page, 120_000)
                    page.get_by_test_id("stSidebar").get_by_text("Cập nhật dữ liệu").click()
                elif way == "confirmed":
                    confirm = page.get_by_role("button", name=re.compile("^Xác nhận"))
                    if confirm.count():
                        confirm.click()
                        page.get_by_text("Đã ghi phiên bản").wait_for(timeout=600_000)
                wait_idle(page, 120_000)
                time.sleep(2)
                after = rss_mib(server.pid)
                print(
                    f"upload {round_ + 1} ({way}): {held:.0f} MiB with the preview, {after:.0f} MiB after "
                    f"({after - before:+.0f} MiB against before), {time.monotonic() - started:.0f} s"
                )
            print(f"peak (VmHWM) {hwm_mib(server.pid):.0f} MiB")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


if __name__ == "__main__":
    main()
