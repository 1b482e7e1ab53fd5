"""Syndicated stories: the same story carried by several outlets counts once as a story.

Two mentions belong to one story when their titles are the same once case, diacritics and punctuation
are set aside and they were published at most a day apart (a chain: a story may run over several
days, each mention within a day of another), or when they carry the same story note (the monitoring
service's AI_NOTE) of at least four words — shorter notes are labels, not accounts of an event.
Nothing is discarded: every mention keeps its row and gets the id of its story.
"""

from __future__ import annotations

import re

import pandas as pd

from plantrack.text import fold, strip_accents

MAX_DAYS_APART = 1
MIN_NOTE_WORDS = 4
_NOT_WORD = re.compile(r"[^\w]+")


def normalised(text: object) -> str:
    """'Khai mạc Lễ hội!' and 'khai mac le hoi' normalise alike."""
    if not isinstance(text, str):
        return ""
    return " ".join(_NOT_WORD.sub(" ", strip_accents(fold(text))).split())


class _Groups:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def group(mentions: pd.DataFrame) -> pd.DataFrame:
    """The mentions (published_on, outlet, title, story_note, …) with a `story_id` each: 1, 2, … in the
    order the stories first appeared."""
    frame = mentions.reset_index(drop=True).copy()
    groups = _Groups(len(frame))
    days = pd.to_datetime(frame["published_on"]).dt.normalize()
    titles = frame["title"].map(normalised)
    order = pd.DataFrame({"title": titles, "day": days}).sort_values(["title", "day"], kind="stable")
    previous_title, previous_day, previous_index = None, None, None
    for index, title, day in zip(order.index, order["title"], order["day"]):
        if title and title == previous_title and (day - previous_day).days <= MAX_DAYS_APART:
            groups.join(previous_index, index)
        previous_title, previous_day, previous_index = title, day, index
    first_with_note: dict[str, int] = {}
    for index, note in enumerate(frame["story_note"].map(normalised)):
        if len(note.split()) >= MIN_NOTE_WORDS:
            groups.join(first_with_note.setdefault(note, index), index)
    roots = pd.Series([groups.find(i) for i in range(len(frame))], index=frame.index)
    first_seen = (
        pd.DataFrame({"root": roots, "day": days, "title": frame["title"]})
        .sort_values(["day", "title"], kind="stable")
        .drop_duplicates("root")["root"]
    )
    numbers = {root: n for n, root in enumerate(first_seen, start=1)}
    frame["story_id"] = roots.map(numbers).astype("int64")
    return frame


def summary(grouped: pd.DataFrame) -> pd.DataFrame:
    """One row per story: its first title, first and last day, mentions, and the outlets that carried it
    (in the order they did), most carried first."""
    if grouped.empty:
        return pd.DataFrame(
            columns=["story_id", "title", "first_published", "last_published", "mentions", "outlets", "outlet_list"]
        )
    ordered = grouped.sort_values(["story_id", "published_on", "outlet"], kind="stable")
    by_story = ordered.groupby("story_id", sort=True)
    stories = by_story.agg(
        title=("title", "first"),
        first_published=("published_on", "first"),
        last_published=("published_on", "last"),
        mentions=("title", "size"),
    )
    carried = ordered.drop_duplicates(["story_id", "outlet"]).groupby("story_id", sort=True)["outlet"]
    stories["outlets"] = carried.size()
    stories["outlet_list"] = carried.agg(", ".join)
    return (
        stories.reset_index()
        .sort_values(["outlets", "mentions", "first_published", "story_id"], ascending=[False, False, True, True])
        .reset_index(drop=True)
    )
