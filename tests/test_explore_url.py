"""Khám phá's URL: every choice survives the round trip, and what a link gets wrong is ignored and named."""

from __future__ import annotations

import datetime as dt

import pytest

from plantrack import explore
from plantrack.explore import BLANK, Exploration, Filter

FULL = {
    "tasks": Exploration(
        "tasks",
        (
            Filter("lead_unit", values=("VP", BLANK)),
            Filter("support_units", values=("VP",)),
            Filter("due_on", low=dt.date(2019, 1, 1), high=dt.date(2019, 6, 30)),
            Filter("progress", low=12.5),
            Filter("content", text="pa nô; ~ & = ?"),
            Filter("is_ongoing", values=("yes",)),
        ),
        "status",
        "lead_unit",
        "share",
        "progress",
    ),
    "milestones": Exploration(
        "milestones", (Filter("quarter", values=(1, 3)),), "due_on", "state", "count", grain="quarter"
    ),
    "indicators": Exploration("indicators", (Filter("target", high=100.0),), "task_code", None, "avg", "achieved_pct"),
    "budget_lines": Exploration(
        "budget_lines", (Filter("source", values=("state",)),), "unit_code", "source", "sum", "planned"
    ),
    "disbursements": Exploration(
        "disbursements", (Filter("paid_on", low=dt.date(2019, 3, 1)),), "paid_on", "source", "sum", "amount", "day"
    ),
    "media": Exploration(
        "media",
        (
            Filter("sentiment", values=("negative",)),
            Filter("is_false", values=("no", "yes")),
            Filter("reach", low=10.0, high=2000.5),
        ),
        None,
        None,
        "count",
    ),
}


@pytest.mark.parametrize("name", list(FULL))
def test_every_choice_survives_the_url(name) -> None:
    exploration = FULL[name]
    query = explore.to_query(exploration)
    back, ignored = explore.from_query(query)
    assert ignored == []
    assert back == exploration
    assert explore.to_query(back) == query


def test_a_url_without_an_exploration_opens_the_default() -> None:
    assert explore.from_query({}) == (explore.default(), [])
    assert explore.from_query({"x_ds": "media"})[0] == Exploration("media")


def test_what_a_url_gets_wrong_is_ignored_and_named() -> None:
    exploration, ignored = explore.from_query(
        {
            "x_ds": "media",
            "x_g1": "evil",
            "x_g2": "sentiment",
            "x_m": "median",
            "x_c": "title",
            "x_grain": "decade",
            "x_f_evil": "1",
            "x_f_sentiment": ["negative", "very bad"],
            "x_f_reach": "a~b",
            "x_f_published_on": "~",
            "x_f_scope": "foreign",
        }
    )
    assert exploration == Exploration("media", (Filter("scope", values=("foreign",)),))
    assert sorted(ignored) == sorted(
        ["x_g1", "x_g2", "x_m", "x_c", "x_grain", "x_f_evil", "x_f_sentiment", "x_f_reach", "x_f_published_on"]
    )
