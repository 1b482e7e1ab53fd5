"""Page switches and filter changes against the floor of Streamlit itself (issue 15).

    make bench-pages                              # demo plan and the national data, 5 rounds
    make bench-pages ARGS="--quick"               # 2 rounds, the quick national data set
    make bench-pages ARGS="--db /path/national.duckdb --rounds 9 --profile"
    make bench-pages ARGS="--demo-only --same-figures"   # the bare page draws our pages' figures

Serves the dashboard and a bare Streamlit page of the same shape (bench/bare/: sidebar links and a
filter, four metrics, one Plotly chart, a small table, no data work) side by side from the same
Streamlit, and drives one Debian chromium through Playwright. In every round, for every viewer page,
the dashboard and the bare page are measured one after the other (the order alternates with the
round, so the machine's load hits both alike). With --same-figures the bare page draws, in place of
its five bars, the figures our page drew (bench/timed_server.py records them): the ratio is then what
our page costs beyond its charts.

- cold: a new browser context (no cache, no session), the page's URL, until drawn;
- switch: in an open session, a click on the page's sidebar link (from the overview; to the overview
  from the press page; the bare page from its page B), until drawn;
- filter: then the sidebar's quarter (the bare page's own select box), another quarter each round;
- on Khám phá also each choice: another grouping (never "(không nhóm)", which leaves no chart), measure
  and dataset, against the bare page's filter change.

"Drawn" is measured inside the browser (bench/national.py's rule: the script run finished, every
visible chart has its SVG, every visible table its canvas, nothing stale). Medians and the ratio
ours ÷ bare are printed per page. For our side, where the time goes: the server's script run and,
inside it, the named queries, the chart builders, st.plotly_chart and st.dataframe (recorded by
bench/timed_server.py); the bytes of the ForwardMsgs received; and in the browser the wait from the
click to the run's start, the run, and the drawing after it (with the main thread's long tasks from
the performance timeline). --profile writes a pyinstrument profile of every server run.

The national database: --db PATH is copied into bench/out/pages/ and the copy served (the server
owns and may migrate it); without --db, bench/national.py's database is built (or reused from an
earlier `make bench` in bench/out/<scale>/). Not part of the test suite: tests/test_pages_speed.py
guards the mechanisms without timings.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
import weakref
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The script's folder first on the path would make this file the `pages` package the dashboard imports.
sys.path[0] = str(ROOT)
sys.path.insert(0, str(ROOT / "tests"))

from bench.national import build, decode_frames, log, machine, page_paths  # noqa: E402
from bench.national_data import Scale  # noqa: E402
from plantrack import demo  # noqa: E402
from plantrack.db import connect  # noqa: E402
from plantrack.i18n import t  # noqa: E402

OUT = ROOT / "bench" / "out" / "pages"
BARE = ROOT / "bench" / "bare" / "bare.py"
TIMED = ROOT / "bench" / "timed_server.py"
EXPLORE_CHOICES = ("ex_group1", "ex_measure", "ex_dataset")

# Runs before Streamlit's code in every document. Times in ms since `start` (navigation start for a
# load, the click for a switch or a filter): the run's start and end, read from the websocket (the
# top-level fields of each ForwardMsg: a run opens with new_session and closes with script_finished;
# stApp's data-test-script-state may never show "running" for a run shorter than a frame), the page
# drawn (every visible chart has its SVG, every visible table its canvas, nothing stale), and the
# main thread's long tasks from the performance timeline.
PERF_JS = """
(() => {
  const NEW_SESSION = %(new_session)d, SCRIPT_FINISHED = %(script_finished)d;
  const longTasks = [];
  try {
    new PerformanceObserver(list => longTasks.push(...list.getEntries())).observe({type: 'longtask', buffered: true});
  } catch (e) {}
  window.__perfReset = (start) => {
    window.__perf = {start, runStart: null, scriptDone: null, rendered: null, charts: 0, tables: 0};
  };
  window.__perfReset(0);
  const fields = (buffer) => {
    const bytes = new Uint8Array(buffer), found = [];
    let i = 0;
    const varint = () => {
      let value = 0, shift = 0, byte;
      do { byte = bytes[i++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
      return value;
    };
    while (i < bytes.length) {
      const tag = varint(), wire = tag & 7;
      found.push(Math.floor(tag / 8));
      if (wire === 0) varint(); else if (wire === 2) i += varint(); else if (wire === 1) i += 8; else if (wire === 5) i += 4; else break;
    }
    return found;
  };
  const check = () => {
    const t = window.__perf;
    if (t.scriptDone === null || t.rendered !== null) return;
    const visible = (selector) => [...document.querySelectorAll(selector)].filter(e => e.checkVisibility());
    const charts = visible('[data-testid="stPlotlyChart"]');
    const tables = visible('[data-testid="stDataFrame"]');
    if (!charts.every(c => c.querySelector('.main-svg'))) return;
    if (!tables.every(c => c.querySelector('canvas'))) return;
    if (document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]')) return;
    if (document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') === 'running') return;
    t.rendered = performance.now() - t.start;
    t.charts = charts.length;
    t.tables = tables.length;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const t = window.__perf, now = performance.now() - t.start;
        if (now < 0 || !(event.data instanceof ArrayBuffer)) return;
        const kinds = fields(event.data);
        if (kinds.includes(NEW_SESSION) && t.runStart === null) t.runStart = now;
        if (kinds.includes(SCRIPT_FINISHED) && t.runStart !== null && t.scriptDone === null) {
          t.scriptDone = now;
          setTimeout(check, 0);  // after Streamlit has handled the message
        }
      });
    }
  };
  // Read after the page settled: Plotly may still be redrawing a chart whose SVG was already there.
  window.__longTasks = () => longTasks.filter(e => e.startTime >= window.__perf.start).reduce((s, e) => s + e.duration, 0);
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""


def _perf_js() -> str:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    numbers = ForwardMsg.DESCRIPTOR.fields_by_name
    return PERF_JS % {name: numbers[name].number for name in ("new_session", "script_finished")}


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


class Side:
    """One server (the dashboard or the bare page) and what its script runs recorded."""

    def __init__(self, name: str, url: str, timings: Path, quarter_label: str):
        self.name, self.url, self.timings, self.quarter_label = name, url, timings, quarter_label
        self._read = 0

    def runs_since_last(self, wait_s: float = 0) -> list[dict]:
        """The server's script runs recorded since the previous call, waiting up to `wait_s` for one
        (the server writes its record just after the browser hears that the run finished)."""
        deadline = time.monotonic() + wait_s
        while True:
            lines = self.timings.read_text(encoding="utf-8").splitlines() if self.timings.exists() else []
            if len(lines) > self._read or time.monotonic() >= deadline:
                break
            time.sleep(0.05)
        new, self._read = lines[self._read :], len(lines)
        return [json.loads(line) for line in new]


def _metrics(page) -> dict:
    """The renderer's own counters (DevTools' Performance domain): ThreadTime is the main thread's CPU
    time, which a loaded machine inflates far less than the wall clock; Nodes counts the DOM."""
    # Kept with the page itself: a closed page's id() is soon another page's.
    session = _SESSIONS.get(page)
    if session is None:
        session = _SESSIONS[page] = page.context.new_cdp_session(page)
        session.send("Performance.enable")
    return {m["name"]: m["value"] for m in session.send("Performance.getMetrics")["metrics"]}


_SESSIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _wait(page, timeout_s: float) -> dict:
    page.wait_for_function(
        "() => window.__perf && window.__perf.rendered !== null", timeout=timeout_s * 1000, polling=50
    )
    page.wait_for_timeout(300)  # late frames, and Plotly redrawing a chart that was already there
    counters = _metrics(page)
    return {
        **page.evaluate("() => ({...window.__perf, longTask: window.__longTasks()})"),
        "thread_time": counters.get("ThreadTime", 0),
        "nodes": counters.get("Nodes", 0),
    }


def _result(perf: dict, frames: list, side: Side) -> dict:
    runs = side.runs_since_last(wait_s=5)
    server: dict[str, float] = {"runs": len(runs)}
    for run in runs:
        for key, value in run.items():
            if key.endswith(("_s", "_n")):
                server[key] = server.get(key, 0) + value
    ms = {k: (perf[k] or 0) / 1000 for k in ("runStart", "scriptDone", "rendered")}
    drawn = [run["figures"] for run in runs if run.get("figures")]
    return {
        "figures": drawn[-1] if drawn else None,
        "drawn_s": round(ms["rendered"], 3),
        "wait_s": round(ms["runStart"], 3),
        "run_s": round(ms["scriptDone"] - ms["runStart"], 3),
        "draw_s": round(ms["rendered"] - ms["scriptDone"], 3),
        "long_tasks_s": round(perf["longTask"] / 1000, 3),
        "browser_cpu_s": round(perf["thread_time"] - perf.get("thread_time_before", 0), 3),
        "nodes": perf["nodes"],
        "server": server,
        **decode_frames(frames),
    }


def _open(context, url: str, timeout_s: float):
    page = context.new_page()
    frames: list = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(payload)))
    page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
    return page, frames, _wait(page, timeout_s)


def _timed_action(page, frames: list, action, timeout_s: float) -> dict:
    frames.clear()
    before = _metrics(page).get("ThreadTime", 0)
    page.evaluate("() => window.__perfReset(performance.now())")
    action()
    return {**_wait(page, timeout_s), "thread_time_before": before}


def switch_origin(path: str) -> str:
    """Where a switch to the page at `path` is clicked from: the overview, or for the overview the press page."""
    return dict(page_paths())["page_media"] if path == "" else ""


def page_link(page, path: str):
    """The sidebar's link to the page at `path` ("" the first page), with or without query parameters."""
    links = "a[data-testid='stPageLink-NavLink']"
    return page.locator(f"{links}[href='{path}'], {links}[href^='{path}?']" if path else links).first


def _choose(page, scope, label: str, timeout_s: float, frames: list, skip: tuple[str, ...] = ()) -> dict:
    """Opens the select box named `label`, chooses the first option not chosen and not in `skip`; times
    from that click.

    The same choice every round: the first round meets the server's caches cold, later ones warm."""
    box = scope.get_by_role("combobox", name=label, exact=True)
    current = box.input_value()
    box.click()
    options = page.get_by_role("option")
    options.first.wait_for(timeout=timeout_s * 1000)
    names = [n for n in options.all_inner_texts() if n.strip() not in (current.strip(), *skip)]
    target = page.get_by_role("option", name=names[0], exact=True)
    return _timed_action(page, frames, target.click, timeout_s)


def measure_side(browser, side: Side, path: str, via: str, explore: bool, cold: bool, timeout_s: float) -> dict:
    """Cold load, switch, filter change (and on Khám phá its choices) of one page on one side."""
    found: dict = {}
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
    context.add_init_script(_perf_js())
    try:
        side.runs_since_last()
        if cold:
            page, frames, perf = _open(context, f"{side.url}/{path}", timeout_s)
            found["cold"] = _result(perf, frames, side)
            page.close()
        page, frames, _ = _open(context, f"{side.url}/{via}", timeout_s)
        side.runs_since_last()
        perf = _timed_action(page, frames, page_link(page, path).click, timeout_s)
        found["switch"] = _result(perf, frames, side)
        sidebar = page.get_by_test_id("stSidebar")
        perf = _choose(page, sidebar, side.quarter_label, timeout_s, frames)
        found["filter"] = _result(perf, frames, side)
        if explore:
            main = page.get_by_test_id("stMain")
            for key in EXPLORE_CHOICES:
                # Another grouping, not "(không nhóm)": a choice that leaves one number and no chart
                # measured less than the bare page's filter change redraws.
                perf = _choose(page, main, t(key, "vi"), timeout_s, frames, skip=(t("ex_no_group", "vi"),))
                found[key] = _result(perf, frames, side)
        page.close()
    finally:
        context.close()
    return found


def _attempt(function, *args) -> dict:
    from playwright.sync_api import Error as PlaywrightError

    started = time.perf_counter()
    try:
        return function(*args)
    except PlaywrightError as error:
        return {
            "failed": f"{type(error).__name__}: {str(error).splitlines()[0]}",
            "after_s": time.perf_counter() - started,
        }


def measure(
    db: Path,
    label: str,
    rounds: int,
    keys: list[str] | None,
    profile: bool,
    cold: bool,
    timeout_s: float,
    same_figures: bool = False,
) -> dict:
    """Every round, every page: ours then bare, or bare then ours (alternating by round).

    With `same_figures` the bare page draws, in place of its five bars, the figures our page drew at
    its last switch and filter change (the first round always measures ours first): the ratio is
    then what our page costs beyond its charts."""
    from browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server
    from playwright.sync_api import sync_playwright

    work = OUT / label
    if work.exists():
        shutil.rmtree(work)
    (work / "profiles").mkdir(parents=True)
    ours_env = {"BENCH_TIMINGS": str(work / "ours.jsonl")}
    if profile:
        ours_env["BENCH_PROFILE"] = str(work / "profiles")
    bare_env = {"BENCH_TIMINGS": str(work / "bare.jsonl")}
    ours_figures: dict[str, dict[str, str]] = {}
    if same_figures:
        ours_env["BENCH_FIGURES"] = str(work / "figures")
        bare_env["BARE_FIGURES"] = str(work / "bare-figures.json")
    paths = [(k, p) for k, p in page_paths() if keys is None or k in keys]
    results: dict[str, dict[str, list]] = {key: {"ours": [], "bare": []} for key, _ in paths}
    with (
        streamlit_server(db, timeout=180, launcher=(str(TIMED),), env=ours_env) as ours_url,
        streamlit_server(db, timeout=180, script=BARE, launcher=(str(TIMED),), env=bare_env) as bare_url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        ours = Side("ours", ours_url, work / "ours.jsonl", t("filter_quarter", "vi"))
        bare = Side("bare", bare_url, work / "bare.jsonl", "Quý")
        # A first load of each, not measured: the servers import the pages' modules.
        for side in (ours, bare):
            context = browser.new_context()
            context.add_init_script(_perf_js())
            _open(context, side.url, timeout_s)
            context.close()
            side.runs_since_last(wait_s=5)
        for rnd in range(rounds):
            for key, path in paths:
                order = (ours, bare) if rnd % 2 == 0 else (bare, ours)
                for side in order:
                    if side is ours:
                        found = _attempt(
                            measure_side,
                            browser,
                            ours,
                            path,
                            switch_origin(path),
                            key == "page_explore",
                            cold,
                            timeout_s,
                        )
                        if found.get("switch", {}).get("figures") and found.get("filter", {}).get("figures"):
                            ours_figures[key] = {action: found[action]["figures"] for action in ("switch", "filter")}
                    else:
                        if same_figures:
                            _bare_figures(ours_figures.get(key), Path(bare_env["BARE_FIGURES"]))
                        found = _attempt(measure_side, browser, bare, "", "other", False, cold, timeout_s)
                    results[key][side.name].append(found)
                log(f"{label} round {rnd + 1}/{rounds} {key}: {_short(results[key])}")
        browser.close()
    return {"label": label, "pages": results}


def _bare_figures(sources: dict[str, str] | None, target: Path) -> None:
    """The figures the bare page draws next: those our page drew at its switch (the whole year) and at
    its filter change (another quarter), or, with none recorded, its own five bars."""
    if sources:
        target.write_text(
            json.dumps(
                {action: json.loads(Path(path).read_text(encoding="utf-8")) for action, path in sources.items()}
            ),
            encoding="utf-8",
        )
    else:
        target.unlink(missing_ok=True)


def _short(page: dict) -> str:
    parts = []
    for side in ("ours", "bare"):
        last = page[side][-1]
        if "failed" in last:
            parts.append(f"{side} FAILED ({last['failed']})")
        else:
            parts.append(f"{side} " + " ".join(f"{k} {v['drawn_s']:.2f}" for k, v in last.items()))
    return "; ".join(parts)


def _values(runs: list[dict], action: str, *keys: str) -> list[float]:
    found = []
    for run in runs:
        value = run.get(action) if "failed" not in run else None
        for key in keys:
            value = value.get(key, 0) if isinstance(value, dict) else None
        if value is not None:
            found.append(value)
    return found


def report(results: dict) -> str:
    lines = [
        f"### {results['label']} ({results['rounds']} rounds; medians; ratio = ours ÷ bare page measured next to it"
        + ("; the bare page drawing our page's figures)" if results.get("same_figures") else ")"),
        "",
        "| page | cold | switch | filter | Khám phá choices | failed runs |",
        "|---|---|---|---|---|---|",
    ]
    where = []
    for key, page in results["pages"].items():
        cells = []
        for action in ("cold", "switch", "filter"):
            ours, bare = (
                _median(_values(page["ours"], action, "drawn_s")),
                _median(_values(page["bare"], action, "drawn_s")),
            )
            cells.append(f"{ours:.2f} s / {bare:.2f} s = **{ours / bare:.2f}×**")
        choices = []
        bare_filter = _median(_values(page["bare"], "filter", "drawn_s"))
        for choice in EXPLORE_CHOICES:
            ours = _median(_values(page["ours"], choice, "drawn_s"))
            if ours == ours:
                choices.append(f"{t(choice, 'vi')} {ours:.2f} s = **{ours / bare_filter:.2f}×**")
        failed = sum("failed" in r for r in page["ours"] + page["bare"])
        lines.append(f"| {key} | {' | '.join(cells)} | {'; '.join(choices) or '—'} | {failed} |")
        for action in ("switch", "filter", *(c for c in EXPLORE_CHOICES if _values(page["ours"], c, "drawn_s"))):
            m = {
                name: _median(_values(page["ours"], action, *path))
                for name, path in {
                    "drawn": ("drawn_s",),
                    "wait": ("wait_s",),
                    "run": ("run_s",),
                    "draw": ("draw_s",),
                    "long": ("long_tasks_s",),
                    "browser_cpu": ("browser_cpu_s",),
                    "nodes": ("nodes",),
                    "script": ("server", "script_s"),
                    "cpu": ("server", "cpu_s"),
                    "runs": ("server", "runs"),
                    "queries": ("server", "queries_s"),
                    "queries_n": ("server", "queries_n"),
                    "figures": ("server", "figures_s"),
                    "plotly": ("server", "plotly_s"),
                    "tables": ("server", "tables_s"),
                    "bytes": ("bytes", "total"),
                    "chart_bytes": ("bytes", "plotly"),
                    "table_bytes": ("bytes", "tables"),
                }.items()
            }
            bare_cpu = _median(_values(page["bare"], "filter" if action != "switch" else "switch", "browser_cpu_s"))
            bare_script = _median(
                _values(page["bare"], "filter" if action not in ("switch",) else "switch", "server", "script_s")
            )
            where.append(
                f"| {key} | {action} | {m['script']:.3f} s, CPU {m['cpu']:.3f} s ({m['runs']:.0f} run{'s' if m['runs'] != 1 else ''}; "
                f"bare {bare_script:.3f} s) | {m['queries']:.3f} s ({m['queries_n']:.0f}) | {m['figures']:.3f} s | "
                f"{m['plotly']:.3f} s | {m['tables']:.3f} s | {m['bytes'] / 1024:.0f} KiB ({m['chart_bytes'] / 1024:.0f} "
                f"chart, {m['table_bytes'] / 1024:.0f} table) | {m['wait']:.2f} / {m['run']:.2f} / {m['draw']:.2f} s "
                f"(long tasks {m['long']:.2f} s) | {m['browser_cpu']:.2f} s / {bare_cpu:.2f} s = "
                f"**{m['browser_cpu'] / bare_cpu:.2f}×**, {m['nodes']:.0f} nodes |"
            )
    lines += [
        "",
        "Where our time goes (medians): the server's script run(s), and inside it the named queries actually run "
        "(not cached), the chart builders, st.plotly_chart (validation and JSON), st.dataframe (Arrow); the "
        "ForwardMsg bytes received; in the browser, click → run starts / the run / run finished → drawn; the "
        "browser's main-thread CPU time for the action (DevTools' ThreadTime: little moved by the machine's "
        "load) against the bare page's, and the DOM's nodes after it.",
        "",
        "| page | action | script run | queries (count) | figures | plotly_chart | dataframe | received | browser: wait / run / draw | browser CPU, DOM |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *where,
    ]
    return "\n".join(lines)


def national_db(args: argparse.Namespace) -> tuple[str, Path]:
    if args.db:
        return "national", Path(args.db)
    scale = Scale.quick() if args.quick else Scale.full()
    work = ROOT / "bench" / "out" / scale.name
    db = work / "national.duckdb"
    if not ((work / "build.json").exists() and db.exists()):
        work.mkdir(parents=True, exist_ok=True)
        log(
            f"building the {scale.name} data set (bench/national.py's build): {scale.tasks} tasks, {scale.media} mentions"
        )
        (work / "build.json").write_text(json.dumps(build(scale, work), indent=1))
    return scale.name, db


def _copy(source: Path, target: Path) -> Path:
    for suffix in ("", ".wal"):
        copied = target.with_name(target.name + suffix)
        copied.unlink(missing_ok=True)
        original = source.with_name(source.name + suffix)
        if original.exists():
            shutil.copy(original, copied)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=None, help="rounds of every measurement (default 5, quick 2)")
    parser.add_argument("--quick", action="store_true", help="2 rounds; without --db, the quick national data set")
    parser.add_argument("--db", help="the national database to copy and serve (default: bench/national.py's build)")
    parser.add_argument("--demo-only", action="store_true", help="the demo plan only")
    parser.add_argument("--national-only", action="store_true", help="the national data only")
    parser.add_argument("--pages", help="page keys, comma-separated (page_overview,page_media,…); default all")
    parser.add_argument("--profile", action="store_true", help="pyinstrument profile of every server run")
    parser.add_argument("--skip-cold", action="store_true", help="switches and filters only (no cold loads)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds a page may take to be drawn")
    parser.add_argument(
        "--same-figures",
        action="store_true",
        help="the bare page draws our page's figures instead of its five bars: what our page costs beyond its charts",
    )
    args = parser.parse_args(argv)
    rounds = args.rounds or (2 if args.quick else 5)
    keys = args.pages.split(",") if args.pages else None
    OUT.mkdir(parents=True, exist_ok=True)
    datasets = []
    if not args.national_only:
        demo_db = OUT / "demo.duckdb"
        for stale in (demo_db, demo_db.with_name(demo_db.name + ".wal")):
            stale.unlink(missing_ok=True)
        with connect(demo_db) as con:
            demo.load(con)
        datasets.append(("demo", demo_db))
    if not args.demo_only:
        label, source = national_db(args)
        datasets.append((label, _copy(source, OUT / f"{label}.duckdb")))
    started = time.perf_counter()
    info = machine()
    texts = []
    for label, db in datasets:
        log(f"measuring on {label} ({db}), {rounds} rounds")
        results = measure(db, label, rounds, keys, args.profile, not args.skip_cold, args.timeout, args.same_figures)
        results["rounds"], results["same_figures"] = rounds, args.same_figures
        results["machine"] = info | {"load_average_end": os.getloadavg()[0]}
        (OUT / f"results-{label}.json").write_text(json.dumps(results, indent=1, default=str))
        texts.append(report(results))
    print(
        f"\nMeasured {info['date']} on {info['nproc']} cores ({info['cpu']}), load average {info['load_average']:.1f} "
        f"at the start; Streamlit {info['streamlit']}, Plotly {info['plotly']}, {info['chromium']}.\n"
    )
    print("\n\n".join(texts))
    print(f"\n(benchmark took {time.perf_counter() - started:.0f} s; results in {OUT.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
