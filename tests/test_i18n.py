"""One catalogue per language: the same keys, the same placeholders, and every key the code asks for."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest

from plantrack import measures
from plantrack.contract import CLOSED_LISTS
from plantrack.i18n import LANGS, MESSAGES, format_date, format_money, format_number, t

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [*ROOT.glob("plantrack/**/*.py"), *ROOT.glob("pages/**/*.py"), ROOT / "dashboard.py"]
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_]+)["']\s*[,)]""")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys_and_placeholders():
    assert MESSAGES["vi"].keys() == MESSAGES["en"].keys()
    for key in MESSAGES["vi"]:
        assert _fields(MESSAGES["vi"][key]) == _fields(MESSAGES["en"][key]), key


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
