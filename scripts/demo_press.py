"""The year's press mentions of the demo: ordinary days, the weeks one story dominates, and the
false-information cases with their dated response steps, drawn from one random stream in a fixed order."""

from __future__ import annotations

import datetime as dt
import random
import re
import string
from collections.abc import Callable
from dataclasses import dataclass

from demo_seed import (
    ASPECTS,
    FALSE_CASES,
    FALSE_TONE,
    FILLERS,
    FOREIGN_SHARE,
    HEADLINES,
    NUMBERS,
    OUTLETS,
    OUTLETS_BY_NAME,
    SENSITIVE,
    SENTIMENTS,
    STORIES,
    TONES,
    TOPIC_WEIGHTS,
    FalseCase,
    Outlet,
    Story,
    d,
    rng_for,
)

from plantrack.text import strip_accents

# Random parts of links, made only for the outlets whose link format uses them.
URL_PARTS: dict[str, Callable[[random.Random], str]] = {
    "hms": lambda rng: f"{rng.randint(6, 22):02d}{rng.randrange(60):02d}{rng.randrange(60):02d}",
    "key": lambda rng: "".join(rng.choice(string.ascii_letters + string.digits + "-_") for _ in range(11)),
    "code": lambda rng: "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(5)),
}


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
