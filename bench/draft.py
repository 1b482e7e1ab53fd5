"""The plan reader against the answer keys of ../shared/plans, and its speed on a 100-task plan.

    .venv/bin/python bench/draft.py [PLANS_DIR]

Prints, per plan: tasks in the key, tasks found (recall), draft rows that are real tasks
(precision), the timing phrase kept, the lead unit right (where the key names one), and for the
seed the dates and targets against the key. Then the time to draft a generated 100-task plan
(best of 3). A benchmark, not a test: it prints and never fails.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from plan_documents import generated_plan  # noqa: E402

from plantrack.agencies import unit_key  # noqa: E402
from plantrack.draft import read_plan  # noqa: E402

TARGETS = {"recall": 0.90, "precision": 0.80, "timing": 0.85, "lead": 0.80}


def _norm(text: str) -> str:
    return " ".join(str(text).replace("*", "").split()).rstrip(" .;").casefold()


def _code(entry: dict) -> str:
    if entry.get("group"):
        return f"{entry['group'].split('.')[0]}.{entry['number']}"
    return f"{entry['number']}.{entry['bullet']}" if entry.get("bullet") else entry["number"]


def score(key: dict, draft) -> dict:
    tasks = draft.frames["tasks"].set_index("task_code")
    names = dict(zip(draft.frames["units"]["unit_code"], draft.frames["units"]["unit_name"]))
    found = timing = lead = leads = 0
    matched = set()
    for entry in key["tasks"]:
        code = _code(entry)
        if code not in tasks.index or not _norm(tasks.loc[code, "content"]).startswith(_norm(entry["title_starts"])):
            continue
        found += 1
        matched.add(code)
        row = tasks.loc[code]
        wanted = entry["timing"] if isinstance(entry["timing"], list) else [entry["timing"]]
        timing += all(_norm(w) in _norm(row["timing_text"] or "") for w in wanted)
        if entry.get("lead"):
            leads += 1
            name = names.get(row["lead_unit"])
            lead += bool(name) and unit_key(entry["lead"]).startswith(unit_key(name))
    result = {
        "key": len(key["tasks"]),
        "rows": len(tasks),
        "recall": found / len(key["tasks"]),
        "precision": len(matched) / len(tasks) if len(tasks) else 0.0,
        "timing": timing / found if found else 0.0,
        "lead": lead / leads if leads else None,
    }
    if "ongoing" in key["tasks"][0]:
        exact = 0
        for entry in key["tasks"]:
            row = tasks.loc[_code(entry)] if _code(entry) in tasks.index else None
            if row is None:
                continue
            dates = (
                bool(row["is_ongoing"]) == entry["ongoing"]
                and str(row["start_on"] or "") == entry.get("start", "")
                and str(row["due_on"] or "") == entry.get("due", "")
            )
            exact += dates
        indicators = draft.frames["indicators"]
        wanted = sorted((e["number"], u, float(n)) for e in key["tasks"] for u, n in e.get("indicators", []))
        got = sorted(zip(indicators["task_code"], indicators["measure_unit"], indicators["target"]))
        result["dates_exact"] = exact / len(key["tasks"])
        result["targets_exact"] = wanted == got
    return result


def main() -> None:
    plans = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "plans"
    keys = sorted(plans.glob("*.expected.json"))
    if not keys:
        print(f"no answer keys in {plans}")
    print(
        f"{'plan':34} {'key':>4} {'rows':>5} {'recall':>7} {'precis.':>7} {'timing':>7} {'lead':>6}  seed dates/targets"
    )
    totals = {"key": 0, "found": 0, "rows": 0, "timing": 0, "lead": 0, "leads": 0}
    documents = [(path, path.with_name(path.name.replace(".expected.json", ".docx"))) for path in keys]
    _table(documents, totals)
    copies = [(p, p.with_name(p.name.replace(".expected.json", ".txt"))) for p in keys]
    copies = [(p, d) for p, d in copies if d.exists()]
    if copies:
        print("\nthe same plans as text copied from the web (.txt), another shape of each:")
        _table(copies, {name: 0 for name in totals})
    data = generated_plan(100)
    best = min(_timed(data) for _ in range(3))
    print(f"generated 100-task plan: drafted in {best:.2f} s (target < 5 s), best of 3")


def _table(documents: list[tuple[Path, Path]], totals: dict) -> None:
    for path, document in documents:
        key = json.loads(path.read_text(encoding="utf-8"))
        started = time.perf_counter()
        draft = read_plan(document.read_bytes(), document.name)
        seconds = time.perf_counter() - started
        s = score(key, draft)
        lead = "—" if s["lead"] is None else f"{s['lead']:.0%}"
        seed = f"{s['dates_exact']:.0%} / {'exact' if s['targets_exact'] else 'DIFFER'}" if "dates_exact" in s else ""
        print(
            f"{document.name.split('.')[0] + document.suffix:34} {s['key']:>4} {s['rows']:>5} {s['recall']:>7.0%} {s['precision']:>7.0%} "
            f"{s['timing']:>7.0%} {lead:>6}  {seed}  ({seconds:.2f} s)"
        )
        found = round(s["recall"] * s["key"])
        totals["key"] += s["key"]
        totals["found"] += found
        totals["rows"] += s["rows"]
        totals["timing"] += round(s["timing"] * found)
        leads = sum(1 for e in key["tasks"] if e.get("lead"))
        totals["leads"] += leads
        totals["lead"] += round((s["lead"] or 0) * leads)
    if totals["key"]:
        summary = {
            "recall": totals["found"] / totals["key"],
            "precision": totals["found"] / totals["rows"],
            "timing": totals["timing"] / totals["found"],
            "lead": totals["lead"] / totals["leads"] if totals["leads"] else 0.0,
        }
        print(
            "all: " + ", ".join(f"{name} {value:.0%} (target ≥ {TARGETS[name]:.0%})" for name, value in summary.items())
        )


def _timed(data: bytes) -> float:
    started = time.perf_counter()
    draft = read_plan(data, "generated.docx")
    draft.workbook()
    elapsed = time.perf_counter() - started
    assert len(draft.frames["tasks"]) == 100
    return elapsed


if __name__ == "__main__":
    main()
