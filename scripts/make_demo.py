"""Generates the demo plan's three quarterly workbooks in data/demo/ (loaded by plantrack/demo.py).

The plan is the seed: the 2019 external-information work plan of Gia Lai's Department of
Information and Communications. Tasks, timings, units and the funding sources follow the seed;
progress, milestones, money and press mentions are invented, shaped like the real thing so that
every page of the dashboard has a realistic story to show. What the plan says lives in
data/demo/seed/ (TOML for nested records, CSV for flat tables, UTF-8), where staff can read and edit
it; this script only turns it into workbooks. The output depends only on the seed files and SEED,
never on today's date: running the script twice writes byte-identical files.

    .venv/bin/python scripts/make_demo.py
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
import string
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plantrack.demo import DEMO_DIR, DEMO_VERSIONS
from plantrack.excel import write_workbook
from plantrack.text import strip_accents

SEED_DIR = DEMO_DIR / "seed"

SEED = 2019
BANNER = (
    "DỮ LIỆU MẪU — kế hoạch mẫu dựng từ Kế hoạch triển khai công tác thông tin đối ngoại năm 2019 của Sở TT&TT Gia Lai"
)


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
# Random parts of links, made only for the outlets whose link format uses them.
URL_PARTS: dict[str, Callable[[random.Random], str]] = {
    "hms": lambda rng: f"{rng.randint(6, 22):02d}{rng.randrange(60):02d}{rng.randrange(60):02d}",
    "key": lambda rng: "".join(rng.choice(string.ascii_letters + string.digits + "-_") for _ in range(11)),
    "code": lambda rng: "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(5)),
}


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


def vouchers() -> dict[Payment, str]:
    """Voucher numbers in date order, with gaps: the department pays many other things in between."""
    rng = rng_for("vouchers")
    last = {"UNC": 0, "PC": 0}
    numbered = {}
    for payment in sorted(PAYMENTS, key=lambda p: p.paid_on):
        kind = "PC" if payment.cash else "UNC"
        last[kind] += rng.randint(3, 14)
        numbered[payment] = f"{kind} {last[kind]:03d}/2019"
    return numbered


@dataclass(frozen=True)
class Mention:
    published_on: dt.date
    outlet: Outlet
    medium: str
    title: str
    summary: str
    url: str
    topic: str
    sentiment: str
    task_code: str
    reach: int | None
    # Dated response stages of a false-information case; empty for ordinary mentions.
    steps: tuple[tuple[dt.date, str], ...] = ()

    def row(self, as_of: dt.date) -> dict[str, object]:
        """The row as the monitoring log stood on `as_of`: only response steps taken by then."""
        taken = [step for step in self.steps if step[0] <= as_of]
        responded_on, response = taken[-1] if taken else (None, "not_handled" if self.steps else None)
        return {
            "published_on": self.published_on,
            "outlet": self.outlet.name,
            "scope": self.outlet.scope,
            "medium": self.medium,
            "language": self.outlet.language,
            "title": self.title,
            "summary": self.summary,
            "url": self.url,
            "topic": self.topic,
            "sentiment": self.sentiment,
            "is_false": bool(self.steps),
            "task_code": self.task_code,
            "response": response,
            "responded_on": responded_on,
            "reach": self.reach,
        }


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def fill(template: str, rng: random.Random) -> str:
    def one(match: re.Match) -> str:
        name = match.group(1)
        if name in NUMBERS:
            return str(rng.randint(*NUMBERS[name]))
        return rng.choice(FILLERS[name])

    text = re.sub(r"\{(\w+)\}", one, template)
    return text[0].upper() + text[1:]


def slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", strip_accents(title).lower())
    return "-".join(words[:12])


class Urls:
    """Plausible, unique links per outlet; the media log is keyed by its link."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        # The importer compares links case-insensitively, so uniqueness is checked the same way.
        self.seen: set[str] = set()

    def make(self, outlet: Outlet, title: str, day: dt.date) -> str:
        base = slug(title)
        for attempt in range(1, 100):
            text = base if attempt == 1 else f"{base}-{attempt}"
            url = outlet.url.format(slug=text, m=day.month, d=day.day, **self.parts(outlet, day))
            if url.casefold() not in self.seen:
                self.seen.add(url.casefold())
                return url
        raise RuntimeError(f"no unique link for {outlet.name}: {title}")

    def parts(self, outlet: Outlet, day: dt.date) -> dict[str, object]:
        """The variable parts of one link: an article id that grows with the date, times, video keys."""
        found = {name: make(self.rng) for name, make in URL_PARTS.items() if "{" + name in outlet.url}
        if "{id" in outlet.url:
            first, per_day = outlet.ids
            found["id"] = first + day.timetuple().tm_yday * per_day + self.rng.randrange(per_day)
        return found


def sentiment_weights(outlet: Outlet, topic: str) -> tuple[int, int, int]:
    if outlet.tone:
        return outlet.tone
    if outlet.scope == "foreign":
        return (5, 35, 60) if topic in SENSITIVE else (35, 50, 15)
    if topic == "an ninh trật tự":
        return (25, 45, 30)
    return (55, 42, 3) if topic in SENSITIVE else (55, 38, 7)


def task_for(outlet: Outlet, topic: str, sentiment: str) -> str:
    # Good domestic coverage of tourism, investment, trade and culture is task 2's promotion work;
    # everything else is what task 3 monitors.
    promoted = topic in {"du lịch", "đầu tư", "thương mại", "văn hóa"}
    return "NV2" if outlet.scope == "domestic" and sentiment == "positive" and promoted else "NV3"


def summary(outlet: Outlet, topic: str, tone: str, rng: random.Random) -> str:
    text = f"{rng.choice(ASPECTS[topic])}; {tone}."
    if outlet.titles == "vi" and outlet.language != "Tiếng Việt":
        text += f" Tin gốc {outlet.language[0].lower()}{outlet.language[1:]}, tiêu đề dịch."
    return text


def reach(outlet: Outlet, rng: random.Random) -> int | None:
    if rng.random() < 0.4:  # outlets publish no audience figure for many items
        return None
    return round(rng.randint(*outlet.reach), -1)


class Press:
    """Builds the year's mentions; one random stream, consumed in a fixed order."""

    def __init__(self) -> None:
        self.rng = rng_for("media")
        self.urls = Urls(self.rng)

    def mention(self, day: dt.date, outlet: Outlet, topic: str, sentiment: str, title: str) -> Mention:
        rng = self.rng
        medium = rng.choices([m for m, _ in outlet.media], weights=[w for _, w in outlet.media])[0]
        return Mention(
            day,
            outlet,
            medium,
            title,
            summary(outlet, topic, TONES[outlet.scope, sentiment], rng),
            self.urls.make(outlet, title, day),
            topic,
            sentiment,
            task_for(outlet, topic, sentiment),
            reach(outlet, rng),
        )

    def ordinary(self, day: dt.date) -> Mention:
        rng = self.rng
        scope = "foreign" if rng.random() < FOREIGN_SHARE else "domestic"
        outlet = OUTLETS_BY_NAME[weighted(rng, {o.name: o.weight for o in OUTLETS if o.scope == scope})]
        table = HEADLINES[outlet.titles]
        topic = weighted(rng, {t: w for t, w in TOPIC_WEIGHTS[scope].items() if t in table})
        choices = dict(zip(SENTIMENTS, sentiment_weights(outlet, topic), strict=True))
        sentiment = weighted(rng, {s: w for s, w in choices.items() if s in table[topic]})
        return self.mention(day, outlet, topic, sentiment, fill(rng.choice(table[topic][sentiment]), rng))

    def story(self, story: Story) -> Mention:
        rng = self.rng
        day = story.monday + dt.timedelta(days=rng.randrange(7))
        outlet = OUTLETS_BY_NAME[rng.choice(story.outlets)]
        titles = story.en if outlet.titles == "en" else story.vi
        return self.mention(day, outlet, story.topic, "negative", fill(rng.choice(titles), rng))

    def false_case(self, case: FalseCase) -> Mention:
        outlet = OUTLETS_BY_NAME[case.outlet]
        steps = tuple((case.published + dt.timedelta(days=after), stage) for after, stage in case.steps)
        return Mention(
            case.published,
            outlet,
            outlet.media[0][0],
            case.title,
            summary(outlet, case.topic, FALSE_TONE, self.rng),
            self.urls.make(outlet, case.title, case.published),
            case.topic,
            "negative",
            "NV3",
            case.reach,
            steps,
        )


def daily_count(day: dt.date, rng: random.Random) -> int:
    count = rng.randint(1, 5) if day.weekday() >= 5 else rng.randint(4, 9)
    if d(2, 2) <= day <= d(10, 2):  # Tết Kỷ Hợi: newsrooms slow down
        count //= 2
    return count


def make_mentions(last_day: dt.date) -> list[Mention]:
    press = Press()
    mentions = []
    day = d(1, 1)
    while day <= last_day:
        mentions.extend(press.ordinary(day) for _ in range(daily_count(day, press.rng)))
        day += dt.timedelta(days=1)
    for story in STORIES:
        mentions.extend(press.story(story) for _ in range(story.count))
    mentions.extend(press.false_case(case) for case in FALSE_CASES)
    return sorted(mentions, key=lambda m: (m.published_on, m.outlet.name, m.url))


def tasks_frame(quarter: int) -> pd.DataFrame:
    rows = []
    for task in TASKS:
        update = task.updates[quarter - 1]
        rows.append(
            {
                "task_code": task.code,
                "content": task.content,
                "lead_unit": "P.TTBCXB",  # Section III: the division leads every item of the plan
                "support_units": list(task.support),
                "timing_text": task.timing,
                "is_ongoing": task.ongoing,
                "start_on": task.start,
                "due_on": task.due,
                "progress": update.progress,
                "state": update.state,
                "completed_on": update.completed_on,
                "updated_on": update.updated_on,
                "note": update.note,
            }
        )
    return pd.DataFrame(rows)


def indicators_frame(quarter: int) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "task_code": task,
                "indicator": name,
                "measure_unit": unit,
                "target": target,
                "actual": actual[quarter - 1],
                "note": note,
            }
            for task, name, unit, target, actual, note in INDICATORS
        ]
    )


def milestones_frame(as_of: dt.date) -> pd.DataFrame:
    rows = []
    for milestone in MILESTONES:
        done = milestone.completed if milestone.completed and milestone.completed <= as_of else None
        late = (done or as_of) > milestone.due
        rows.append(
            {
                "milestone_code": milestone.code,
                "task_code": milestone.task,
                "content": milestone.content,
                "due_on": milestone.due,
                "quarter": (milestone.due.month - 1) // 3 + 1,
                "completed_on": done,
                "unit_code": milestone.unit,
                "note": milestone.late_note if late else None,
            }
        )
    return pd.DataFrame(rows)


def budget_frame() -> pd.DataFrame:
    fields = ("line_code", "task_code", "content", "source", "unit_code", "planned", "note")
    return pd.DataFrame([dict(zip(fields, line, strict=True)) for line in BUDGET_LINES])


def disbursements_frame(numbered: dict[Payment, str], as_of: dt.date) -> pd.DataFrame:
    paid = sorted((p for p in PAYMENTS if p.paid_on <= as_of), key=lambda p: (p.paid_on, p.line))
    return pd.DataFrame(
        [
            {"line_code": p.line, "paid_on": p.paid_on, "amount": p.amount, "voucher": numbered[p], "note": p.note}
            for p in paid
        ]
    )


def media_frame(mentions: list[Mention], as_of: dt.date) -> pd.DataFrame:
    return pd.DataFrame([m.row(as_of) for m in mentions if m.published_on <= as_of])


def outlets_frame() -> pd.DataFrame:
    """The outlet directory the division keeps: each outlet once, graded by its widest reach."""

    def tier(widest: int) -> str:
        return "A" if widest >= 200_000 else "B" if widest >= 50_000 else "C" if widest >= 20_000 else "D"

    return pd.DataFrame(
        [
            {
                "outlet": o.name,
                "scope": o.scope,
                "medium": max(o.media, key=lambda m: m[1])[0],
                "language": o.language,
                "tier": tier(o.reach[1]),
                "note": None,
            }
            for o in OUTLETS
        ]
    )


def check_budget() -> None:
    # The demo shows spending within plan on every line; an overspent line would read as a data error.
    planned = {line[0]: line[5] for line in BUDGET_LINES}
    for code, limit in planned.items():
        total = sum(p.amount for p in PAYMENTS if p.line == code)
        if total > limit:
            raise ValueError(f"{code}: {total} paid, {limit} planned")


def main(out_dir: Path = DEMO_DIR) -> None:
    check_budget()
    numbered = vouchers()
    mentions = make_mentions(DEMO_VERSIONS[-1][1])
    plan = pd.DataFrame([PLAN])
    units = pd.DataFrame(UNITS, columns=["unit_code", "unit_name", "unit_kind"])
    out_dir.mkdir(parents=True, exist_ok=True)
    for quarter, (file_name, as_of) in enumerate(DEMO_VERSIONS, start=1):
        frames = {
            "plan_info": plan,
            "units": units,
            "tasks": tasks_frame(quarter),
            "indicators": indicators_frame(quarter),
            "milestones": milestones_frame(as_of),
            "budget_lines": budget_frame(),
            "disbursements": disbursements_frame(numbered, as_of),
            "media": media_frame(mentions, as_of),
            "outlets": outlets_frame(),
        }
        # Dated the morning after the quarter closes, when the division would send it.
        created = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time(8, 0))
        write_workbook(out_dir / file_name, frames, banner=BANNER, created=created)
        counts = ", ".join(f"{name} {len(frame)}" for name, frame in frames.items())
        print(f"{file_name}: {counts}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEMO_DIR)
