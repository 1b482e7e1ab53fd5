"""The status rules' settings come from the environment, with defaults, and refuse nonsense by name."""

import pytest

from plantrack.settings import StatusSettings, from_environment


def test_without_environment_the_defaults_apply():
    assert from_environment({}) == StatusSettings(grace_days=30, due_soon_days=14)


def test_the_environment_sets_each_one():
    settings = from_environment({"PLANTRACK_GRACE_DAYS": " 10 ", "PLANTRACK_DUE_SOON_DAYS": "0"})
    assert settings == StatusSettings(grace_days=10, due_soon_days=0)
    assert from_environment({"PLANTRACK_GRACE_DAYS": ""}).grace_days == 30


@pytest.mark.parametrize("value", ["-1", "ba mươi", "2.5", "400"])
def test_a_bad_value_is_refused_with_its_name(value):
    with pytest.raises(ValueError, match=f"PLANTRACK_DUE_SOON_DAYS='{value}'"):
        from_environment({"PLANTRACK_DUE_SOON_DAYS": value})
