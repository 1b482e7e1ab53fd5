"""National-scale benchmark (issue 6): import, pages in a real browser, server memory, storage.

    make bench                  # the full national data set (35–40 minutes here, 25 with --reuse)
    make bench ARGS=--quick     # a twentieth of the data, same mechanisms (about 8 minutes)

Generates the data set of bench/national_data.py (deterministic: fixed seeds, so the files are the
same on every run and are kept in bench/out/<scale>/files to skip writing them again), imports it
through the product's import path as 52 weekly versions, then measures, each figure next to its
baseline taken in the same run:

1. import of a 100.000-row media workbook, against the bare `pd.read_excel(engine="calamine")` of
   the same file and a naive import (openpyxl read, `executemany` into DuckDB);
2. every viewer page in Debian's chromium, cold (first load after a server start) and warm
   (reloads), with the bytes the page receives over Streamlit's websocket: every frame is decoded
   as a `ForwardMsg`, so chart specs (Plotly JSON) and table data (Arrow) are counted separately;
3. the peak memory (VmHWM) of the server process, after every page with several filters;
4. the database size after version 1 and after version 52, against one state stored alone.

Results are printed, saved as bench/out/<scale>/results.json and written into docs/PERFORMANCE.md
between the `bench:<scale>` markers (the rest of that file is prose and is left alone).
Not part of the test suite: tests/test_scale.py guards the mechanisms without timings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import duckdb  # noqa: E402
import pandas as pd  # noqa: E402

from bench.national_data import Scale, as_of_dates, deliveries, media_corrections, media_workbook  # noqa: E402
from plantrack import demo, importer  # noqa: E402
from plantrack.contract import MEDIA, SHEETS  # noqa: E402
from plantrack.db import connect, quote  # noqa: E402

OUT = ROOT / "bench" / "out"
DOC = ROOT / "docs" / "PERFORMANCE.md"
DATA_TABLES = [spec.name for spec in SHEETS]


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def machine() -> dict:
    import plotly
    import streamlit

    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            memory = int(line.split()[1]) * 1024
    try:
        chromium = subprocess.run(["chromium", "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = "?"
    return {
        "date": dt.date.today().isoformat(),
        "nproc": os.cpu_count(),
        "memory_gib": round(memory / 2**30, 1),
        "cpu": cpu,
        "load_average": os.getloadavg()[0],
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "streamlit": streamlit.__version__,
        "pandas": pd.__version__,
        "plotly": plotly.__version__,
        "chromium": chromium,
    }


def db_size(path: Path) -> int:
    wal = path.with_name(path.name + ".wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def stored_rows(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, int]]:
    rows = {}
    for name in DATA_TABLES:
        total, current = con.execute(
            f"select count(*), count(*) filter (where valid_to is null) from {quote(name)}"
        ).fetchall()[0]
        rows[name] = {"stored": total, "current": current}
    return rows


def one_state_size(con: duckdb.DuckDBPyConnection, target: Path) -> int:
    """The current state alone, in a fresh file with the same schema: what one version would take."""
    target.unlink(missing_ok=True)
    connect(target).close()
    con.execute(f"attach '{target}' as one_state")
    try:
        for name in ["plans", *DATA_TABLES]:
            where = "" if name == "plans" else "where valid_to is null"
            con.execute(f"insert into one_state.{quote(name)} select * from main.{quote(name)} {where}")
        con.execute("insert into one_state.versions select * from main.versions order by version_id desc limit 1")
    finally:
        con.execute("detach one_state")
    one = connect(target)
    one.execute("checkpoint")
    one.close()
    return db_size(target)


def build(scale: Scale, work: Path) -> dict:
    """Imports the year's deliveries into a fresh database; times every version."""
    files = work / "files"
    db = work / "national.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    con = connect(db)
    plan_id = None
    versions = []
    after_first = {}
    started = time.perf_counter()
    for delivery in deliveries(scale, files):
        data = delivery.path.read_bytes()
        t0 = time.perf_counter()
        preview = importer.prepare(con, data, delivery.path.name, as_of=delivery.as_of, plan=plan_id)
        t1 = time.perf_counter()
        if preview.errors:
            raise SystemExit(f"{delivery.path.name}: " + "; ".join(p.line("en") for p in preview.errors[:5]))
        version = importer.commit(con, preview, "bench")
        t2 = time.perf_counter()
        plan_id = plan_id or preview.plan_id or importer.resolve_plan(con, None)
        changed = {name: c.changed for name, c in preview.changes.items() if c.changed}
        versions.append(
            {
                "version": version,
                "as_of": delivery.as_of.isoformat(),
                "file_mib": round(len(data) / 2**20, 2),
                "rows": delivery.rows,
                "changed": changed,
                "prepare_s": round(t1 - t0, 3),
                "commit_s": round(t2 - t1, 3),
                "warnings": len(preview.warnings),
            }
        )
        log(
            f"version {version} ({delivery.as_of:%d/%m}): {delivery.rows} prepare {t1 - t0:.2f} s, commit {t2 - t1:.2f} s"
        )
        if delivery.version == 1:
            con.execute("checkpoint")
            con.close()
            shutil.copy(db, work / "version1.duckdb")
            after_first = {"db_bytes": db_size(db)}
            con = connect(db)
            after_first["rows"] = stored_rows(con)
    elapsed = time.perf_counter() - started
    con.execute("checkpoint")
    result = {
        "plan_id": plan_id,
        "versions": versions,
        "build_s": round(elapsed, 1),
        "after_first": after_first,
        "after_last": {"db_bytes": db_size(db), "rows": stored_rows(con)},
        "one_state_bytes": one_state_size(con, work / "one_state.duckdb"),
    }
    con.close()
    return result


def _bare_read(path: Path) -> float:
    started = time.perf_counter()
    pd.read_excel(path, engine="calamine", sheet_name=None)
    return time.perf_counter() - started


def _our_import(path: Path, base_db: Path, work: Path) -> tuple[float, float]:
    """prepare + commit into a copy of `base_db`; returns (prepare, total) seconds."""
    db = work / "import-run.duckdb"
    shutil.copy(base_db, db)
    con = connect(db)
    try:
        started = time.perf_counter()
        preview = importer.prepare(con, path.read_bytes(), path.name, as_of=dt.date(2020, 1, 6))
        prepared = time.perf_counter() - started
        if preview.errors:
            raise SystemExit("; ".join(p.line("en") for p in preview.errors[:5]))
        importer.commit(con, preview, "bench")
        total = time.perf_counter() - started
    finally:
        con.close()
        db.unlink(missing_ok=True)
    return prepared, total


def _naive_import(path: Path, work: Path, rows: int | None = None) -> tuple[float, int]:
    """What a first version would do: read with openpyxl, insert row by row with executemany."""
    db = work / "naive.duckdb"
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    frame = pd.read_excel(path, engine="openpyxl", sheet_name=MEDIA.vi, nrows=rows)
    frame.columns = [column.split(" *")[0] for column in frame.columns]
    frame = frame.rename(columns={c.vi: c.field for c in MEDIA.columns})[MEDIA.fields]
    con = duckdb.connect(str(db))
    columns = ", ".join(
        f"{quote(c.field)} {'varchar' if c.kind in ('choice', 'bool') else c.sql_type}" for c in MEDIA.columns
    )
    con.execute(f"create table media ({columns})")
    records = [
        [None if pd.isna(v) else (v.date() if isinstance(v, pd.Timestamp) else v) for v in row]
        for row in frame.itertuples(index=False)
    ]
    con.executemany(f"insert into media values ({', '.join('?' * len(MEDIA.columns))})", records)
    con.close()
    elapsed = time.perf_counter() - started
    db.unlink(missing_ok=True)
    return elapsed, len(records)


def import_comparison(scale: Scale, work: Path, repeats: int) -> dict:
    """The largest month's media log (100.000 rows at full scale) imported three ways, interleaved.

    Ours goes into the plan as it was after version 1 (its tasks are there for the mentions' task
    codes), and, as a second case, the same month re-sent with 1 % of its rows corrected goes into
    the database holding the whole year (1.000.000 mentions at full scale).
    """
    files = work / "files"
    path = files / "media-2019-12.xlsx"
    rows = media_workbook(scale, 12, path)
    corrected = files / "media-2019-12-corrected.xlsx"
    media_corrections(scale, 12, corrected)
    cases = {
        "into_version_1": (path, work / "version1.duckdb"),
        "corrections_into_year": (corrected, work / "national.duckdb"),
    }
    result = {"file": path.name, "rows": rows, "file_mib": round(path.stat().st_size / 2**20, 2), "cases": {}}
    for name, (source, base) in cases.items():
        bare, ours, prepared, bare_cpu, ours_cpu = [], [], [], [], []
        for attempt in range(repeats):
            wall, cpu = _clock(_bare_read, source)
            bare.append(wall)
            bare_cpu.append(cpu)
            (p, total), cpu = _clock(_our_import, source, base, work)
            prepared.append(p)
            ours.append(total)
            ours_cpu.append(cpu)
            log(f"{name} run {attempt + 1}: bare read {bare[-1]:.2f} s, ours {total:.2f} s (prepare {p:.2f} s)")
        result["cases"][name] = {
            "bare_s": _rounded(bare),
            "ours_s": _rounded(ours),
            "ours_prepare_s": _rounded(prepared),
            "bare_cpu_s": _rounded(bare_cpu),
            "ours_cpu_s": _rounded(ours_cpu),
            "ratio_ours_to_bare": round(_median(ours) / _median(bare), 2),
            "cpu_ratio_ours_to_bare": round(_median(ours_cpu) / _median(bare_cpu), 2),
        }
    before, _ = _clock(_bare_read, path)
    naive, naive_rows = _naive_import(path, work)
    after, _ = _clock(_bare_read, path)
    log(f"naive import {naive:.1f} s for {naive_rows} rows (bare read around it {before:.2f} / {after:.2f} s)")
    ours = _median(result["cases"]["into_version_1"]["ours_s"])
    result["naive"] = {
        "s": round(naive, 2),
        "rows": naive_rows,
        "bare_around_s": [round(before, 2), round(after, 2)],
        "ratio_naive_to_ours": round(naive / ours, 1),
    }
    return result


def _clock(action, *args):
    """(result, cpu seconds of this process and its threads) — wall time is measured by the caller."""
    started = time.process_time()
    value = action(*args)
    return value, time.process_time() - started


def _rounded(values: list[float]) -> list[float]:
    return [round(v, 3) for v in values]


# Runs in every document before Streamlit's own code. It watches the app's script state
# (`data-test-script-state` on stApp) and records, in ms since `start` (navigation start for a
# load, the click for a page switch): when the script run began, when it finished (every delta has
# arrived by then: the server sends them before the script-finished message), and when the page
# was drawn (every visible Plotly chart has its SVG, every visible table its canvas, nothing stale
# or skeleton).
PERF_JS = """
(() => {
  window.__perfReset = (start) => {
    window.__perf = {start, runStart: null, scriptDone: null, rendered: null, charts: 0, tables: 0};
  };
  window.__perfReset(0);
  const check = () => {
    const t = window.__perf;
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || t.rendered !== null) return;
    const state = app.getAttribute('data-test-script-state');
    if (state === 'running' && t.runStart === null) t.runStart = performance.now() - t.start;
    if (t.runStart !== null && state === 'notRunning' && t.scriptDone === null) t.scriptDone = performance.now() - t.start;
    if (t.scriptDone === null) return;
    // Only what can be seen: a chart in a closed tab or expander is drawn when it is opened.
    const visible = (selector) => [...document.querySelectorAll(selector)].filter(e => e.checkVisibility());
    const charts = visible('[data-testid="stPlotlyChart"]');
    const tables = visible('[data-testid="stDataFrame"]');
    if (!charts.every(c => c.querySelector('.main-svg'))) return;
    if (!tables.every(c => c.querySelector('canvas'))) return;
    if (document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]')) return;
    t.rendered = performance.now() - t.start;
    t.charts = charts.length;
    t.tables = tables.length;
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""


def page_paths() -> list[tuple[str, str]]:
    """(title key, URL path) of every viewer page, from the sidebar's list."""
    from pages.common.ui import PAGES

    paths = []
    for file_name, key, _ in PAGES:
        stem = Path(file_name).stem
        paths.append((key, "" if file_name == "dashboard.py" else stem.split("_", 1)[1]))
    return paths


def decode_frames(frames: list[bytes]) -> dict:
    """Bytes received over the websocket, split by what they carry."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    sizes = {"total": 0, "plotly": 0, "tables": 0, "widgets": 0, "other": 0, "cached_refs": 0}
    counts = {"plotly": 0, "tables": 0, "frames": 0}
    for frame in frames:
        if isinstance(frame, str):
            frame = frame.encode()
        sizes["total"] += len(frame)
        counts["frames"] += 1
        message = ForwardMsg.FromString(frame)
        kind = message.WhichOneof("type")
        if kind == "ref_hash":
            sizes["cached_refs"] += 1
            continue
        element = (
            message.delta.new_element if kind == "delta" and message.delta.WhichOneof("type") == "new_element" else None
        )
        what = element.WhichOneof("type") if element is not None else None
        if what == "plotly_chart":
            sizes["plotly"] += len(element.plotly_chart.spec)
            counts["plotly"] += 1
        elif what in ("dataframe", "arrow_data_frame", "table"):
            sizes["tables"] += len(frame)
            counts["tables"] += 1
        elif what in ("selectbox", "multiselect", "segmented_control", "button_group", "radio"):
            sizes["widgets"] += len(frame)
        elif kind == "backend_operation_response":
            sizes["tables"] += len(frame)
        else:
            sizes["other"] += len(frame)
    return {"bytes": sizes, **counts}


def server_pid() -> int | None:
    """The streamlit process started by tests/browser.py for this process."""
    me = str(os.getpid())
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if fields[1] == me and b"streamlit" in cmdline:
            return int(stat.parent.name)
    return None


def memory(pid: int | None) -> dict:
    found = {}
    if pid is None:
        return found
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmHWM", "VmRSS")):
                found[line.split(":")[0]] = int(line.split()[1]) * 1024
    except OSError:
        pass
    return found


class Browser:
    """One chromium; each measurement in its own tab of a context whose cache persists."""

    def __init__(self, context):
        self.context = context
        context.add_init_script(PERF_JS)

    def _wait(self, page, timeout_s: float) -> dict:
        page.wait_for_function(
            "() => window.__perf && window.__perf.rendered !== null", timeout=timeout_s * 1000, polling=50
        )
        return page.evaluate("() => window.__perf")

    def load(self, url: str, timeout_s: float = 600) -> dict:
        """Opens `url` in a new tab; times from navigation start to drawn."""
        page = self.context.new_page()
        frames: list[bytes] = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(payload)))
        try:
            page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
            perf = self._wait(page, timeout_s)
            page.wait_for_timeout(300)  # late frames (none expected after the script finished)
            errors = page.locator("[data-testid='stException']").count()
            result = {**_timings(perf), **decode_frames(frames), "exceptions": errors}
        finally:
            page.close()
        return result

    def switch(self, url: str, target_path: str, via_path: str, timeout_s: float = 600) -> dict:
        """Loads `via`, then clicks the sidebar link to `target`: a page switch in an open session."""
        page = self.context.new_page()
        frames: list[bytes] = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(payload)))
        try:
            page.goto(f"{url}/{via_path}", wait_until="commit", timeout=timeout_s * 1000)
            self._wait(page, timeout_s)
            page.wait_for_timeout(300)
            frames.clear()
            link = page.locator(
                f"a[data-testid='stPageLink-NavLink'][href='{target_path}'], "
                f"a[data-testid='stPageLink-NavLink'][href^='{target_path}?']"
            ).first
            page.evaluate("() => window.__perfReset(performance.now())")
            link.click()
            perf = self._wait(page, timeout_s)
            page.wait_for_timeout(300)
            result = {**_timings(perf), **decode_frames(frames)}
        finally:
            page.close()
        return result


def _timings(perf: dict) -> dict:
    return {
        "rendered_s": round(perf["rendered"] / 1000, 3),
        "script_done_s": round(perf["scriptDone"] / 1000, 3),
        "run_start_s": round(perf["runStart"] / 1000, 3),
        "charts": perf["charts"],
        "tables_drawn": perf["tables"],
    }


def _attempt(action, *args, **kwargs) -> dict:
    """A measurement, or what went wrong with it (a page that does not finish within the time limit)."""
    from playwright.sync_api import Error as PlaywrightError

    started = time.perf_counter()
    try:
        return action(*args, **kwargs)
    except PlaywrightError as error:
        return {"failed": type(error).__name__, "after_s": round(time.perf_counter() - started, 1)}


def _ok(runs: list[dict]) -> list[dict]:
    return [r for r in runs if "failed" not in r]


def measure_pages(db: Path, label: str, warm_repeats: int, timeout_s: float) -> dict:
    """Every page: cold (a fresh server, a fresh browser profile), warm reloads, warm page switches."""
    from browser import chromium, streamlit_server

    results: dict[str, dict] = {}
    peak = 0
    paths = page_paths()
    for key, path in paths:
        with streamlit_server(db, timeout=120) as url, chromium(1440, 900) as context:
            browser = Browser(context)
            pid = server_pid()
            cold = _attempt(browser.load, f"{url}/{path}", timeout_s)
            reloads, switches = [], []
            if "failed" not in cold:
                # A page that takes minutes is measured warm once: more runs would not change the verdict.
                repeats = warm_repeats if cold["rendered_s"] < 20 else 1
                reloads = [_attempt(browser.load, f"{url}/{path}", timeout_s) for _ in range(repeats)]
                # The switch starts from a page that is light at any scale (the overview, else the press page).
                via = dict(paths)["page_media" if path == paths[0][1] else "page_overview"]
                switches = [_attempt(browser.switch, url, path, via, timeout_s) for _ in range(repeats)]
            peak = max(peak, memory(pid).get("VmHWM", 0))
        results[key] = {"path": path, "cold": cold, "reload": reloads, "switch": switches}
        log(f"{label} /{path}: {_page_line(results[key])}")
    return {"pages": results, "peak_rss_bytes": peak}


def _page_line(result: dict) -> str:
    cold = result["cold"]
    if "failed" in cold:
        return f"not drawn within {cold['after_s']:.0f} s"
    reload = _median([r["rendered_s"] for r in _ok(result["reload"])])
    switch = _median([r["rendered_s"] for r in _ok(result["switch"])])
    errors = f"{cold['exceptions']} EXCEPTION(S) ON THE PAGE; " if cold.get("exceptions") else ""
    return (
        f"{errors}cold {cold['rendered_s']:.2f} s (script done {cold['script_done_s']:.2f} s), reload {reload:.2f} s, "
        f"switch {switch:.2f} s; {cold['bytes']['total'] / 1024:.0f} KiB received, "
        f"charts {cold['bytes']['plotly'] / 1024:.0f} KiB, tables {cold['bytes']['tables'] / 1024:.0f} KiB"
    )


def memory_tour(db: Path, as_of: str, units: list[str], timeout_s: float) -> dict:
    """One server, every page, then the views a meeting asks for: the server's peak memory."""
    from browser import chromium, streamlit_server

    visited = failed = 0
    with streamlit_server(db, timeout=120) as url, chromium(1440, 900) as context:
        browser = Browser(context)
        pid = server_pid()
        for _, path in page_paths():
            variants = ["", "?lang=en", "?q=2", f"?units={','.join(units)}", f"?asof={as_of}"]
            for variant in variants:
                visited += 1
                if "failed" in _attempt(browser.load, f"{url}/{path}{variant}", timeout_s):
                    failed += 1
                    break  # a page that does not finish once is not asked for its variants
        final = memory(pid)
    return {
        "views": visited,
        "not_drawn": failed,
        "peak_bytes": final.get("VmHWM", 0),
        "rss_after_bytes": final.get("VmRSS", 0),
    }


TARGETS = {
    "import_vs_bare": 2.0,
    "naive_vs_import": 3.0,
    "cold_s": 1.5,
    "warm_s": 0.3,
    "storage_ratio": 2.0,
    "memory_bytes": 2 * 2**30,
}


def run(scale: Scale, args: argparse.Namespace) -> dict:
    work = OUT / scale.name
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "scale": scale.__dict__ | {"media_per_month": scale.media_per_month},
        "machine": machine(),
        "command": "python bench/national.py" + (" --quick" if args.quick else ""),
    }
    build_file = work / "build.json"
    if args.reuse and build_file.exists() and (work / "national.duckdb").exists():
        log(f"reusing the database built earlier in {work}")
        results["build"] = json.loads(build_file.read_text())
    else:
        log(f"building {scale.name}: {scale.tasks} tasks, {scale.media} mentions, {scale.versions} versions")
        results["build"] = build(scale, work)
        build_file.write_text(json.dumps(results["build"], indent=1))
    log("import: ours against the bare calamine read and a naive import")
    results["import"] = import_comparison(scale, work, args.repeats)
    earlier = work / "results.json"
    if args.skip_browser and args.reuse and earlier.exists():
        # Import and storage measured again; the pages keep the figures of the run that measured them.
        kept = json.loads(earlier.read_text())
        for section in ("pages", "memory"):
            if section in kept:
                results[section] = kept[section]
                results.setdefault("kept_from", kept.get("machine", {}).get("date"))
    if not args.skip_browser:
        demo_db = work / "demo.duckdb"
        for stale in (demo_db, demo_db.with_name(demo_db.name + ".wal")):
            stale.unlink(missing_ok=True)
        with connect(demo_db) as con:
            demo.load(con)
        results["pages"] = {}
        for label, db in (("demo", demo_db), (scale.name, work / "national.duckdb")):
            log(f"pages on the {label} database")
            results["pages"][label] = measure_pages(db, label, args.repeats, args.timeout)
        as_of = as_of_dates(scale.versions)[scale.versions // 2].isoformat()
        log("memory: every page with several filters on one server")
        results["memory"] = memory_tour(work / "national.duckdb", as_of, ["DV001", "DV002", "DV003"], args.timeout)
    (work / "results.json").write_text(json.dumps(results, indent=1, default=str))
    return results


def _n(value: int) -> str:
    """12.345: the thousands separator the rest of this note uses."""
    return f"{value:,}".replace(",", ".")


def _worst(value: float) -> str:
    return "a page not drawn" if value == float("inf") else f"{value:.2f} s"


def _s(value: float) -> str:
    return "—" if value != value else f"{value:.2f} s"


def _mib(value: float) -> str:
    return f"{value / 2**20:.1f} MiB"


def _kib(value: float) -> str:
    return f"{value / 1024:,.0f} KiB".replace(",", " ")


def _verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def report(results: dict) -> str:
    m, build_, imp = results["machine"], results["build"], results["import"]
    scale = results["scale"]
    lines = [
        f"Measured {m['date']} with `{results['command']}` on {m['nproc']} cores ({m['cpu']}), {m['memory_gib']} GiB, "
        f"load average {m['load_average']:.1f} at the start (other jobs share the machine); Python {m['python']}, "
        f"DuckDB {m['duckdb']}, Streamlit {m['streamlit']}, pandas {m['pandas']}, Plotly {m['plotly']}, {m['chromium']}.",
        "",
        f"Data: {_n(scale['tasks'])} tasks over {scale['units']} units, "
        f"{_n(scale['tasks'] * scale['milestones_per_task'])} milestones, {_n(scale['indicators'])} indicators, "
        f"{_n(scale['budget_lines'])} budget lines, {_n(scale['disbursements'])} disbursements, {_n(scale['media'])} "
        f"mentions in 12 monthly logs (largest {_n(max(scale['media_per_month']))} rows), {scale['versions']} weekly "
        f"versions with {scale['change_share']:.0%} of the tasks changing each week.",
        "",
        "**Import** (medians of interleaved runs; the ratio divides by the bare read measured next to it):",
        "",
        "| case | rows | bare `read_excel(calamine)` | ours (prepare + commit) | ratio | CPU-time ratio |",
        "|---|---|---|---|---|---|",
    ]
    for name, case in imp["cases"].items():
        lines.append(
            f"| {name.replace('_', ' ')} | {_n(imp['rows'])} | {_s(_median(case['bare_s']))} | "
            f"{_s(_median(case['ours_s']))} | {case['ratio_ours_to_bare']:.2f}× | {case['cpu_ratio_ours_to_bare']:.2f}× |"
        )
    naive = imp["naive"]
    lines += [
        "",
        f"Naive import (openpyxl read, `executemany` insert) of the same {_n(naive['rows'])} rows: {naive['s']:.1f} s, "
        f"{naive['ratio_naive_to_ours']:.1f}× our import into version 1.",
        "",
        "**Building the year** (every file through `importer.prepare` + `commit`):",
        "",
    ]
    versions = build_["versions"]
    weekly = [v["prepare_s"] + v["commit_s"] for v in versions[1:] if set(v["rows"]) == {"tasks", "disbursements"}]
    monthly = [v["prepare_s"] + v["commit_s"] for v in versions[1:] if "media" in v["rows"]]
    lines += [
        f"- {len(versions)} versions in {build_['build_s']:.0f} s (including writing the workbooks); version 1 "
        f"{versions[0]['prepare_s'] + versions[0]['commit_s']:.1f} s; a weekly version (all tasks, the week's payments) "
        f"median {_median(weekly):.1f} s; a monthly one (with that month's mentions and the milestones) median "
        f"{_median(monthly):.1f} s.",
    ]
    first, last = build_["after_first"], build_["after_last"]
    one = build_["one_state_bytes"]
    stored = sum(r["stored"] for r in last["rows"].values())
    current = sum(r["current"] for r in last["rows"].values())
    lines += [
        f"- Database after version 1: {_mib(first['db_bytes'])}; after version {len(versions)}: {_mib(last['db_bytes'])}; "
        f"the last state stored alone: {_mib(one)} → **{last['db_bytes'] / one:.2f}×** one state "
        f"({_n(stored)} stored rows for {_n(current)} current ones, {stored / current:.2f}×).",
        "",
    ]
    if "kept_from" in results:
        lines += [
            f"(Pages and memory below: measured by the earlier full run of {results['kept_from']}, kept by "
            "`--reuse --skip-browser`.)",
            "",
        ]
    if "pages" in results:
        labels = list(results["pages"])
        lines += [
            "**Pages in chromium** (cold: first load after a server start in a fresh browser profile; reload: the "
            "same URL again, server caches warm; switch: a click on the sidebar link in an open session; "
            "medians; bytes: what the page's websocket received, decoded):",
            "",
            "| page | data | cold | reload | switch | script done (cold / switch) | received | chart JSON | tables |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        keys = list(results["pages"][labels[0]]["pages"])
        for key in keys:
            for label in labels:
                page = results["pages"][label]["pages"].get(key)
                if page is None:
                    continue
                cold = page["cold"]
                name = f"/{page['path']}" if page["path"] else "/ (overview)"
                if "failed" in cold:
                    lines.append(f"| {name} | {label} | not drawn in {cold['after_s']:.0f} s | | | | | | |")
                    continue
                reload = _median([r["rendered_s"] for r in _ok(page["reload"])])
                switch = _median([r["rendered_s"] for r in _ok(page["switch"])])
                switch_script = _median([r["script_done_s"] for r in _ok(page["switch"])])
                b = cold["bytes"]
                if cold.get("exceptions"):
                    name += " (**shows an exception**)"
                lines.append(
                    f"| {name} | {label} | {_s(cold['rendered_s'])} | {_s(reload)} | {_s(switch)} | "
                    f"{_s(cold['script_done_s'])} / {_s(switch_script)} | {_kib(b['total'])} | {_kib(b['plotly'])} | "
                    f"{_kib(b['tables'])} |"
                )
        lines.append("")
        peaks = ", ".join(f"{label} {_mib(results['pages'][label]['peak_rss_bytes'])}" for label in labels)
        lines.append(f"Peak server memory (VmHWM) while measuring each page on its own server: {peaks}.")
    if "memory" in results:
        mem = results["memory"]
        lines.append(
            f"One server through {mem['views']} views (every page in Vietnamese and English, quarter II, "
            f"three units, an earlier as-of date; {mem['not_drawn']} not drawn in time): peak "
            f"**{_mib(mem['peak_bytes'])}**, {_mib(mem['rss_after_bytes'])} resident at the end."
        )
    if scale["tasks"] < Scale.full().tasks:
        lines += [
            "",
            "The targets are set for the national data set. At this scale the same mechanisms run, but fixed "
            "costs (opening the workbook, staging, one transaction) weigh more against a small file, so the "
            "import ratio is higher here and the verdicts below are indicative only.",
        ]
    lines += ["", *targets(results)]
    return "\n".join(lines)


def targets(results: dict) -> list[str]:
    imp, build_ = results["import"], results["build"]
    ratio = imp["cases"]["into_version_1"]["ratio_ours_to_bare"]
    ratio_year = imp["cases"]["corrections_into_year"]["ratio_ours_to_bare"]
    naive = imp["naive"]["ratio_naive_to_ours"]
    storage = build_["after_last"]["db_bytes"] / build_["one_state_bytes"]
    rows = [
        "| target | measured | verdict |",
        "|---|---|---|",
        f"| import ≤ 2× the bare calamine read: a month into the plan | {ratio:.2f}× | "
        f"{_verdict(ratio <= TARGETS['import_vs_bare'])} |",
        f"| the same, a month of corrections into the full year | {ratio_year:.2f}× | "
        f"{_verdict(ratio_year <= TARGETS['import_vs_bare'])} |",
        f"| import ≥ 3× faster than naive | {naive:.1f}× | {_verdict(naive >= TARGETS['naive_vs_import'])} |",
        f"| 52 versions ≤ 2× one state | {storage:.2f}× | {_verdict(storage <= TARGETS['storage_ratio'])} |",
    ]
    if "pages" in results:
        label = [k for k in results["pages"] if k != "demo"][0]
        pages = results["pages"][label]["pages"]
        colds, warms = [], []
        for page in pages.values():
            cold = page["cold"]
            colds.append(float("inf") if "failed" in cold else cold["rendered_s"])
            switch = _ok(page["switch"])
            warms.append(_median([r["rendered_s"] for r in switch]) if switch else float("inf"))
        worst_cold, worst_warm = max(colds), max(warms)
        rows += [
            f"| every page ≤ 1,5 s cold | worst {_worst(worst_cold)} | {_verdict(worst_cold <= TARGETS['cold_s'])} |",
            f"| every page ≤ 0,3 s warm (page switch) | worst {_worst(worst_warm)} | "
            f"{_verdict(worst_warm <= TARGETS['warm_s'])} |",
        ]
        if "demo" in results["pages"]:
            demo_pages = results["pages"]["demo"]["pages"]
            growth = []
            for key, page in pages.items():
                cold, small = page["cold"], demo_pages.get(key, {}).get("cold", {})
                if "failed" in cold or "failed" in small or not small:
                    growth.append((key, float("inf")))
                else:
                    growth.append((key, cold["bytes"]["plotly"] / max(1, small["bytes"]["plotly"])))
            worst = max(growth, key=lambda kv: kv[1])
            rows.append(
                f"| chart data per page does not grow with the data | worst {worst[0]}: "
                + ("not drawn" if worst[1] == float("inf") else f"{worst[1]:.1f}× the demo's chart JSON")
                + f" | {_verdict(worst[1] <= 5)} |"
            )
    if "memory" in results:
        peak = results["memory"]["peak_bytes"]
        rows.append(f"| server memory ≤ 2 GB | {_mib(peak)} | {_verdict(peak <= TARGETS['memory_bytes'])} |")
    return rows


def write_doc(scale_name: str, text: str) -> None:
    """Replaces the text between this scale's markers in docs/PERFORMANCE.md (adds them at the end)."""
    start, end = f"<!-- bench:{scale_name}:start -->", f"<!-- bench:{scale_name}:end -->"
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n"
    block = f"{start}\n{text}\n{end}"
    if start in doc and end in doc:
        doc = doc[: doc.index(start)] + block + doc[doc.index(end) + len(end) :]
    else:
        doc = doc.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(doc, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a twentieth of the data (about 8 minutes)")
    parser.add_argument("--reuse", action="store_true", help="reuse the database built by an earlier run")
    parser.add_argument("--skip-browser", action="store_true", help="import and storage only")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each warm or import measurement")
    parser.add_argument(
        "--timeout", type=float, default=120, help="seconds a page may take before it counts as not drawn"
    )
    parser.add_argument("--no-doc", action="store_true", help="print only; leave docs/PERFORMANCE.md alone")
    parser.add_argument(
        "--report-only", action="store_true", help="measure nothing: write the report of the last run's results.json"
    )
    args = parser.parse_args(argv)
    scale = Scale.quick() if args.quick else Scale.full()
    started = time.perf_counter()
    if args.report_only:
        results = json.loads((OUT / scale.name / "results.json").read_text())
    else:
        results = run(scale, args)
    text = report(results)
    print("\n" + text + f"\n\n(benchmark took {time.perf_counter() - started:.0f} s)")
    if not args.no_doc:
        write_doc(scale.name, text)
        log(f"written to {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
