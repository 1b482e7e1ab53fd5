"""Where the browser's main thread spends a page switch: Chromium's CPU profile of the click (issue 15).

    .venv/bin/python bench/switch_profile.py DB [page_units,page_overview,…] [--bare] [--runs 3]

Serves the dashboard (or, with --bare, the bare page of bench/bare/) on a copy of DB, and for each page
clicks its sidebar link from the same page bench/pages.py switches from, under DevTools' sampling
profiler. The first click warms the caches and is not counted; for the others it prints the time until
the page is drawn (bench/pages.py's rule), the JavaScript self time per script (PlotlyChart is Plotly
itself, react-dom React, emotion and styled-components Streamlit's styling), the callers of
getBoundingClientRect (each call forces a layout of the page), and Plotly's own functions by inclusive
time: axes (`X.draw`), automargin's redraws (`S.doAutoMargin`), text measurement (`_.bBox`).

Function names are those of Streamlit's minified bundle; they stay the same for one Streamlit version.
A profile, not a benchmark: the sampling itself slows the page, so read it against the same run's
other pages or the bare page, and take times from `make bench-pages`.
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

from bench import pages as bench_pages  # noqa: E402
from bench.national import page_paths  # noqa: E402

SAMPLE_US = 200
ADD_STYLE = """document.addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style'); style.textContent = %s; document.head.appendChild(style);
});"""
SHOWN = 12


def _script(url: str) -> str:
    return url.rsplit("/", 1)[-1] or "(native)"


def _frame(node: dict) -> str:
    frame = node["callFrame"]
    return f"{frame['functionName'] or '(anonymous)'}@{_script(frame['url'])}:{frame['lineNumber']}"


def read_profile(profile: dict) -> dict[str, collections.Counter]:
    """Self time (µs) by script and by function, getBoundingClientRect by its callers, and Plotly's
    functions by inclusive time (a recursive function counted once per sample)."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    parent = {child: node["id"] for node in profile["nodes"] for child in node.get("children", ())}
    found = {name: collections.Counter() for name in ("scripts", "layout_callers", "plotly")}
    for sample, delta in zip(profile["samples"], profile["timeDeltas"]):
        frame = nodes[sample]["callFrame"]
        found["scripts"][_script(frame["url"]) if frame["url"] else f"({frame['functionName']})"] += delta
        if frame["functionName"] == "getBoundingClientRect":
            callers, up = [], parent.get(sample)
            while up and len(callers) < 3:
                callers.append(_frame(nodes[up]))
                up = parent.get(up)
            found["layout_callers"][" < ".join(callers)] += delta
        seen, up = set(), sample
        while up:
            node = nodes[up]
            if "PlotlyChart" in node["callFrame"]["url"] and node["callFrame"]["functionName"]:
                key = _frame(node)
                if key not in seen:
                    seen.add(key)
                    found["plotly"][key] += delta
            up = parent.get(up)
    return found


def profile_switch(
    browser, url: str, path: str, via: str, runs: int, timeout_s: float, css: str | None = None
) -> tuple[list, dict]:
    """`runs` clicks from `via` to `path`, each in a new context; the first not counted. `css`, if
    given, is added to every document (to try a style change without editing the app)."""
    drawn, totals = [], collections.defaultdict(collections.Counter)
    for run in range(runs):
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
        context.add_init_script(bench_pages._perf_js())
        if css:
            context.add_init_script(ADD_STYLE % json.dumps(css))
        page, frames, _ = bench_pages._open(context, f"{url}/{via}", timeout_s)
        page.wait_for_timeout(500)
        cdp = context.new_cdp_session(page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": SAMPLE_US})
        cdp.send("Profiler.start")
        perf = bench_pages._timed_action(page, frames, bench_pages.page_link(page, path).click, timeout_s)
        profile = cdp.send("Profiler.stop")["profile"]
        context.close()
        drawn.append(round(perf["rendered"] or 0))
        if run == 0:
            continue
        for name, counter in read_profile(profile).items():
            totals[name].update(counter)
    return drawn, totals


def _line(counter: collections.Counter, runs: int) -> str:
    return "; ".join(f"{name} {time / 1000 / runs:.0f}" for name, time in counter.most_common(SHOWN))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", help="the database to serve (a copy is served)")
    parser.add_argument("pages", nargs="?", help="page keys, comma-separated; default all")
    parser.add_argument("--bare", action="store_true", help="profile the bare page's switch instead")
    parser.add_argument("--runs", type=int, default=3, help="clicks per page, the first not counted")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--css", help="a style sheet added to every page, to try a CSS change")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="switch-profile-"))
    db = work / "served.duckdb"
    shutil.copy(args.db, db)
    paths = dict(page_paths())
    if args.bare:
        wanted = [("bare", "", "other")]
    else:
        keys = args.pages.split(",") if args.pages else list(paths)
        wanted = [(key, paths[key], bench_pages.switch_origin(paths[key])) for key in keys]
    script = bench_pages.BARE if args.bare else ROOT / "dashboard.py"
    with streamlit_server(db, timeout=180, script=script) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for key, path, via in wanted:
            drawn, totals = profile_switch(browser, url, path, via, args.runs, args.timeout, args.css)
            counted = max(1, args.runs - 1)
            print(f"== {key}: drawn after the click, ms {drawn} (the first warms the caches)")
            print("  self time by script, ms:", _line(totals["scripts"], counted))
            print("  getBoundingClientRect by caller, ms:", _line(totals["layout_callers"], counted))
            print("  Plotly inclusive, ms:", _line(totals["plotly"], counted))
        browser.close()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
