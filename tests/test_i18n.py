"""One catalogue per language: the same keys, the same placeholders, and every key the code asks for."""

from __future__ import annotations

import ast
import datetime as dt
import re
import string
from pathlib import Path

import pandas as pd
import pytest

from plantrack import explore, measures, status
from plantrack.contract import CLOSED_LISTS
from plantrack.i18n import LANGS, MESSAGES, format_date, format_money, format_number, t

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [*ROOT.glob("plantrack/**/*.py"), *ROOT.glob("pages/**/*.py"), ROOT / "dashboard.py"]
# The code that asks for messages, without the catalogue itself.
CODE = [p for p in SOURCES if p.name != "i18n.py" and p.parent.name != "locales"]
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_]+)["']\s*[,)]""")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys_and_placeholders():
    assert MESSAGES["vi"].keys() == MESSAGES["en"].keys()
    for key in MESSAGES["vi"]:
        assert _fields(MESSAGES["vi"][key]) == _fields(MESSAGES["en"][key]), key


def _strings_in_code() -> set[str]:
    """Every string the code writes: Python string constants, and quoted literals of the SQL files."""
    found = set()
    for path in CODE:
        found |= {
            node.value
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
    for path in ROOT.glob("queries/**/*.sql"):
        found |= set(re.findall(r"'([a-z_]+)'", path.read_text(encoding="utf-8")))
    return found


def _built_keys() -> dict[str, set[str] | None]:
    """Keys the code builds at run time (t(f"status_{code}"), label_or_raw("upd_action", action), …): each
    prefix, with the values the code builds it from where they are a closed set, else None: then any
    string the code writes may follow the prefix."""
    empty = pd.DataFrame({"group": pd.Series([], dtype="str")})
    rate_keys = set(status.rates(empty))
    categories = {c.prefix + c.code for c in measures.BY_CODE.values()}
    closed = {
        "status_": set(status.STATUSES),
        "status_group_": set(status.GROUPS),
        "status_rate_": rate_keys | {f"{key}_basis" for key in rate_keys},
        "ex_count_": set(explore.DATASETS),
        "ex_ds_": set(explore.DATASETS),
        "ex_grain_": set(explore.GRAINS),
        "ex_measure_": set(explore.MEASURES),
        "ex_value_": set(explore.MEASURES) - {"count"},
        "rp_period_h": {"1", "2"},
        **{
            prefix: {key[len(prefix) :] for key in categories if key.startswith(prefix)} for prefix in CATEGORY_PREFIXES
        },
    }
    open_ = dict.fromkeys(OPEN_PREFIXES)
    return {**open_, **closed}


# The prefixes of keys the code builds from a value that is not a closed set of its own: a sheet's name,
# a problem's code, an audit action, a timing doubt, the kind of a deadline row of upcoming_deadlines.sql,
# a page's part (ui.sections)…
OPEN_PREFIXES = (
    "count_",
    "dangling_",
    "exp_",
    "grain_",
    "kind_",
    "legend_",
    "mark_",
    "press_row_",
    "role_",
    "sec_",
    "severity_",
    "sheet_",
    "upd_action_",
    "upd_as_of_from_",
    "upd_changes_",
    "upd_outcome_",
    "upd_reason_",
)
CATEGORY_PREFIXES = ("cat_",)
# What the code adds after the value in an open family: f"exp_{key}_help", f"count_{sheet}_one".
SUFFIXES = ("_help", "_one")
F_KEY = re.compile(r"""\bt\(\s*f["']([a-z0-9_]*)\{""")


def test_every_key_the_code_builds_has_its_prefix_listed_and_is_in_the_catalogue():
    families = _built_keys()
    built = {m for path in SOURCES for m in F_KEY.findall(path.read_text(encoding="utf-8"))}
    assert built, "the scan found no built keys"
    assert sorted(p for p in built if p and not any(p.startswith(f) for f in families)) == []
    for prefix, values in families.items():
        if values is not None:
            assert sorted(prefix + v for v in values if prefix + v not in MESSAGES["vi"]) == [], prefix


def test_every_key_of_the_catalogue_is_used_in_the_code():
    written = _strings_in_code()
    families = _built_keys()

    def used(key: str) -> bool:
        if key in written:
            return True
        for prefix, values in families.items():
            if key.startswith(prefix):
                rest = key[len(prefix) :]
                if values is not None and rest in values:
                    return True
                if values is None and any(rest.removesuffix(suffix) in written for suffix in ("", *SUFFIXES)):
                    return True
        return False

    unused = sorted(key for key in MESSAGES["vi"] if not used(key))
    assert unused == [], " ".join(unused)


def test_every_key_written_in_the_code_is_in_the_catalogue():
    used = {key for path in SOURCES for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))}
    assert used, "the scan found no keys"
    assert sorted(used - MESSAGES["vi"].keys()) == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_category_and_closed_list_has_a_label(lang):
    for category in measures.BY_CODE.values():
        assert category.label(lang)
    for closed in CLOSED_LISTS.values():
        assert all(closed.labels(lang))


def test_vietnamese_numbers_money_and_dates():
    assert format_number(1234567, "vi") == "1.234.567"
    assert format_money(1234567, "vi") == "1.234.567 ₫"
    assert format_number(2.5, "vi", 1) == "2,5"
    assert format_number(1234567, "en") == "1,234,567"
    assert format_date(dt.date(2019, 3, 5), "vi") == "05/03/2019"
    assert t("quarter_label", "vi", quarter="III") == "Quý III"
