"""The demo plan's seed, as the generator reads it: the records of data/demo/seed/ (TOML for nested
records, CSV for flat tables, UTF-8, where staff read and edit them) and the random streams that
depend only on SEED."""

from __future__ import annotations

import csv
import datetime as dt
import random
import tomllib
from dataclasses import dataclass

from plantrack.demo import DEMO_DIR

SEED_DIR = DEMO_DIR / "seed"
SEED = 2019


def d(day: int, month: int) -> dt.date:
    """A date of the plan year, written day first as the plan writes it."""
    return dt.date(2019, month, day)


def rng_for(purpose: str) -> random.Random:
    # One stream per purpose, so editing the vouchers does not reshuffle every press mention.
    return random.Random(f"{SEED}:{purpose}")


@dataclass(frozen=True)
class Update:
    """What the lead division reported for a task in one quarter's workbook."""

    progress: int
    state: str
    updated_on: dt.date
    note: str | None = None
    completed_on: dt.date | None = None


@dataclass(frozen=True)
class Task:
    code: str
    content: str
    support: tuple[str, ...]
    timing: str
    start: dt.date
    due: dt.date
    updates: tuple[Update, Update, Update]  # as of the end of quarters I, II and III
    ongoing: bool = False


@dataclass(frozen=True)
class Milestone:
    code: str
    task: str
    content: str
    due: dt.date
    unit: str
    completed: dt.date | None = None
    # The division's explanation, written once the due date has passed without the step done on time.
    late_note: str | None = None


@dataclass(frozen=True)
class Payment:
    line: str
    paid_on: dt.date
    amount: int
    note: str
    # Small amounts are paid in cash (phiếu chi), the rest by bank transfer (ủy nhiệm chi).
    cash: bool = False


@dataclass(frozen=True)
class Outlet:
    name: str
    scope: str
    weight: int
    media: tuple[tuple[str, int], ...]  # (medium, weight)
    language: str
    titles: str  # key of HEADLINES: the language its titles are recorded in
    url: str  # format string over slug, m, d and the parts in URL_PARTS it names
    ids: tuple[int, int] = (0, 1)  # article id on 1 January, ids used per day: ids grow as on real sites
    reach: tuple[int, int] = (1_000, 20_000)
    # Sentiment weights that override the topic's: state media abroad rarely write critically.
    tone: tuple[int, int, int] | None = None


@dataclass(frozen=True)
class Story:
    """A week when one story dominates and negative coverage spikes far above the usual level."""

    topic: str
    monday: dt.date
    count: int
    outlets: tuple[str, ...]
    vi: tuple[str, ...]
    en: tuple[str, ...]


@dataclass(frozen=True)
class FalseCase:
    """A false-information case and how it was handled: (days after publication, response stage)."""

    published: dt.date
    outlet: str
    topic: str
    title: str
    reach: int
    steps: tuple[tuple[int, str], ...]


SENTIMENTS = ("positive", "neutral", "negative")


def toml(name: str) -> dict:
    with (SEED_DIR / name).open("rb") as file:
        return tomllib.load(file)


def table(name: str) -> list[dict[str, str | None]]:
    """A CSV seed table's rows; an empty cell is a missing value."""
    with (SEED_DIR / name).open(encoding="utf-8", newline="") as file:
        return [{key: value or None for key, value in row.items()} for row in csv.DictReader(file)]


def day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def tuples(value: object) -> object:
    """TOML arrays as the tuples the generator's records hold."""
    return tuple(tuples(item) for item in value) if isinstance(value, list) else value


PLAN = {**toml("plan.toml"), "legal_bases": "\n".join(toml("plan.toml")["legal_bases"])}
UNITS = tuple((row["unit_code"], row["unit_name"], row["unit_kind"]) for row in table("units.csv"))
TASKS = tuple(
    Task(
        task["code"],
        task["content"],
        tuples(task["support"]),
        task["timing"],
        task["start"],
        task["due"],
        tuple(Update(**update) for update in task["updates"]),
        ongoing=task["ongoing"],
    )
    for task in toml("tasks.toml")["tasks"]
)
# (task, indicator, unit of measure, target, actual at the end of quarters I–III, note)
INDICATORS = tuple(
    (
        row["task_code"],
        row["indicator"],
        row["measure_unit"],
        int(row["target"]),
        (int(row["actual_q1"]), int(row["actual_q2"]), int(row["actual_q3"])),
        row["note"],
    )
    for row in table("indicators.csv")
)
MILESTONES = tuple(
    Milestone(
        row["milestone_code"],
        row["task_code"],
        row["content"],
        day(row["due_on"]),
        row["unit_code"],
        day(row["completed_on"]),
        row["late_note"],
    )
    for row in table("milestones.csv")
)
# (line, task, item, source, managing unit, planned in đồng, note)
BUDGET_LINES = tuple(
    (
        row["line_code"],
        row["task_code"],
        row["content"],
        row["source"],
        row["unit_code"],
        int(row["planned"]),
        row["note"],
    )
    for row in table("budget_lines.csv")
)
PAYMENTS = tuple(
    Payment(row["line_code"], day(row["paid_on"]), int(row["amount"]), row["note"], cash=row["cash"] == "yes")
    for row in table("payments.csv")
)

_PRESS = toml("press.toml")
SENSITIVE = set(_PRESS["sensitive"])
TOPIC_WEIGHTS: dict[str, dict[str, int]] = _PRESS["topic_weights"]
FOREIGN_SHARE: float = _PRESS["foreign_share"]
FILLERS: dict[str, tuple[str, ...]] = {name: tuples(words) for name, words in _PRESS["fillers"].items()}
NUMBERS: dict[str, tuple[int, int]] = {name: tuples(bounds) for name, bounds in _PRESS["numbers"].items()}
ASPECTS: dict[str, tuple[str, ...]] = {topic: tuples(texts) for topic, texts in _PRESS["aspects"].items()}
TONES = {(scope, sentiment): text for scope, tones in _PRESS["tones"].items() for sentiment, text in tones.items()}
FALSE_TONE: str = _PRESS["false_tone"]
HEADLINES: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    voice: {topic: {sentiment: tuples(titles) for sentiment, titles in by.items()} for topic, by in topics.items()}
    for voice, topics in toml("headlines.toml").items()
}
OUTLETS = tuple(
    Outlet(**{key: tuples(value) for key, value in outlet.items()}) for outlet in toml("outlets.toml")["outlets"]
)
OUTLETS_BY_NAME = {outlet.name: outlet for outlet in OUTLETS}
STORIES = tuple(
    Story(**{key: tuples(value) for key, value in story.items()}) for story in toml("stories.toml")["stories"]
)
FALSE_CASES = tuple(
    FalseCase(**{key: tuples(value) for key, value in case.items()}) for case in toml("false_cases.toml")["cases"]
)
