"""`streamlit run` with a record of every script run, for bench/pages.py: where a run's time goes.

    python bench/timed_server.py run dashboard.py --server.port 8616

Takes the arguments of `streamlit run`. With BENCH_TIMINGS=<file>, each script run (a page, a rerun
after a widget, a fragment) appends one JSON line: its wall time and its thread's CPU time, and the
time spent inside the named queries (with their count), the chart builders, st.plotly_chart (which
validates and serialises the figure) and st.dataframe (Arrow). Only what runs counts: a cached query
is not run, so it is neither counted nor timed. With BENCH_PROFILE=<folder>, every run is
also profiled by pyinstrument and its text profile written there. With BENCH_FIGURES=<folder>, the
figures a run draws (with their config) are written there as one JSON list per run, after the run
has finished, and the run's record names the file: the bare page can then draw the same charts
(bench/pages.py --same-figures). The product has no such hook:
the functions are wrapped here, from outside, before Streamlit starts.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Not this script's folder first on the path: bench/pages.py would hide the dashboard's `pages` package.
sys.path[0] = str(ROOT)
_local = threading.local()


def _timed(phase: str, function):
    """`function`, adding its time to `phase` of the running script; a nested call is not counted twice."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        totals = getattr(_local, "totals", None)
        if totals is None or phase in _local.active:
            return function(*args, **kwargs)
        _local.active.add(phase)
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _local.active.discard(phase)
            totals[f"{phase}_s"] = totals.get(f"{phase}_s", 0.0) + time.perf_counter() - started
            totals[f"{phase}_n"] = totals.get(f"{phase}_n", 0) + 1

    return wrapper


def _recorded(function):
    """`function` (st.plotly_chart), keeping the figure and config it is given for the running script."""
    from streamlit.delta_generator import DeltaGenerator

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        figures = getattr(_local, "figures", None)
        if figures is not None:
            shown = [a for a in args if not isinstance(a, DeltaGenerator)]
            figures.append((shown[0] if shown else kwargs.get("figure_or_data"), kwargs.get("config") or {}))
        return function(*args, **kwargs)

    return wrapper


def _write_figures(figures: list, target: Path) -> None:
    import plotly.io

    specs = [{"figure": json.loads(plotly.io.to_json(f, validate=False)), "config": c} for f, c in figures]
    target.write_text(json.dumps(specs), encoding="utf-8")


def _wrap_module(module, phase: str, names: list[str]) -> None:
    for name in names:
        setattr(module, name, _timed(phase, getattr(module, name)))


def install(timings: Path, profiles: Path | None, figures_dir: Path | None = None) -> None:
    import streamlit as st
    from streamlit.delta_generator import DeltaGenerator
    from streamlit.runtime.scriptrunner import script_runner

    from plantrack import charts, explore, queries

    _wrap_module(queries, "queries", ["run"])
    _wrap_module(explore, "queries", ["aggregate", "rows", "count", "options"])
    builders = [n for n, v in vars(charts).items() if callable(v) and getattr(v, "__module__", "") == charts.__name__]
    _wrap_module(charts, "figures", builders)
    for name, phase in (("plotly_chart", "plotly"), ("dataframe", "tables")):
        setattr(DeltaGenerator, name, _timed(phase, getattr(DeltaGenerator, name)))
        setattr(st, name, _timed(phase, getattr(st, name)))
    if figures_dir is not None:
        figures_dir.mkdir(parents=True, exist_ok=True)
        DeltaGenerator.plotly_chart = _recorded(DeltaGenerator.plotly_chart)
        st.plotly_chart = _recorded(st.plotly_chart)

    original = script_runner.ScriptRunner._run_script
    lock = threading.Lock()
    runs = iter(range(1, 10**9))

    def run_script(self, rerun_data):
        _local.totals, _local.active = {}, set()
        _local.figures = [] if figures_dir is not None else None
        profiler = None
        if profiles is not None:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.002, async_mode="disabled")
            profiler.start()
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            return original(self, rerun_data)
        finally:
            elapsed = time.perf_counter() - started
            record = {
                "end": time.time(),
                "script_s": round(elapsed, 4),
                # The script thread's own CPU time: what the run costs on a machine where it waits for no core.
                "cpu_s": round(time.thread_time() - cpu, 4),
                "fragment": bool(rerun_data.fragment_id_queue),
                **{k: round(v, 4) if isinstance(v, float) else v for k, v in _local.totals.items()},
            }
            with lock:
                number = next(runs)
                if profiler is not None:
                    profiler.stop()
                    target = profiles / f"run-{number:05d}.txt"
                    target.write_text(profiler.output_text(unicode=True, show_all=False), encoding="utf-8")
                    record["profile"] = str(target)
                if _local.figures:
                    target = figures_dir / f"run-{number:05d}.json"
                    _write_figures(_local.figures, target)
                    record["figures"] = str(target)
                with timings.open("a", encoding="utf-8") as out:
                    out.write(json.dumps(record) + "\n")
            _local.totals = _local.figures = None

    script_runner.ScriptRunner._run_script = run_script


if __name__ == "__main__":
    if os.environ.get("BENCH_TIMINGS"):
        profile_dir, figures_dir = os.environ.get("BENCH_PROFILE"), os.environ.get("BENCH_FIGURES")
        install(
            Path(os.environ["BENCH_TIMINGS"]),
            Path(profile_dir) if profile_dir else None,
            Path(figures_dir) if figures_dir else None,
        )
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    sys.exit(cli.main())
