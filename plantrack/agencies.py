"""Units as plans name them: lists split without cutting names, one body however it is spelled.

The words a unit's name begins with, common abbreviations and a few codes are data
(`plantrack/data/agencies.json`). Two spellings are one unit when their keys are equal: the name
with abbreviations written out, without diacritics, case, punctuation or "và" — so "Sở Văn hoá Thể
thao du lịch" and "Sở Văn hóa, Thể thao và Du lịch" meet, and "Sở KH&CN" meets "Sở Khoa học và
Công nghệ". A name written only by initials ("Sở TNMT") meets the full name whose initials they are.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from plantrack.text import clean, strip_accents

DATA = Path(__file__).with_name("data") / "agencies.json"
MAX_CODE = 12
_LOCAL = re.compile(r"\s+tinh(?:\s+\w+){0,3}$")


@cache
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


@cache
def _head_pattern() -> re.Pattern:
    heads = sorted(_data()["heads"], key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(h) for h in heads) + r")(?=\s|$|,|;)")


@cache
def _stop_pattern() -> re.Pattern:
    words = sorted(_data()["stop_words"], key=len, reverse=True)
    return re.compile(r"\s(?:" + "|".join(re.escape(w) for w in words) + r")(?=\s|$|,)")


def starts_unit(text: str) -> bool:
    """Whether the text begins with a unit's name (Sở …, Bộ …, UBND …, các …)."""
    return bool(_head_pattern().match(text.lstrip()))


def unit_name(text: str) -> str:
    """A unit's name from a fragment: the leading words up to a verb, without end punctuation."""
    name = clean(text).strip(" .;:,-–")
    name = re.sub(r"^(?:Giao|Đề nghị|Yêu cầu)\s+", "", name)
    # "Bộ trưởng Bộ Công an", "Giám đốc Sở Tư pháp": the body, not its head.
    name = re.sub(r"^(?:Bộ trưởng|Giám đốc|Chủ tịch|Thủ trưởng|Trưởng)\s+(?=[A-ZĐÂĂÊÔƠƯỦÚỤ])", "", name)
    stop = _stop_pattern().search(name)
    if stop and stop.start() > 0:
        name = name[: stop.start()]
    name = re.sub(r"\s*\((?:b/c|báo cáo|thực hiện|chủ trì|phối hợp)\)\s*$", "", name, flags=re.IGNORECASE)
    return name.strip(" .;:,-–")


def split_units(text: str | None) -> list[str]:
    """'Sở Nội vụ, Sở Tư pháp.' -> two units; 'Sở Văn hóa, Thể thao và Du lịch' stays one.

    A list is cut at ';' and line breaks, and at ',' or 'và' only where a unit's name begins next.
    A collective ('các cơ quan, đơn vị liên quan') runs to the end of its piece.
    """
    if not text:
        return []
    names: list[str] = []
    for piece in re.split(r"[;\n]+", text):
        piece = clean(piece).strip(" .;:")
        while piece:
            if piece.lower().startswith("các "):
                names.append(unit_name(piece))
                break
            cut = None
            for match in re.finditer(r",\s*|\s+và\s+", piece):
                if starts_unit(piece[match.end() :]):
                    cut = match
                    break
            if cut is None:
                names.append(unit_name(piece))
                break
            names.append(unit_name(piece[: cut.start()]))
            piece = piece[cut.end() :].strip()
    return [name for name in names if name]


def _expanded(name: str) -> str:
    abbreviations = _data()["abbreviations"]
    words = []
    for word in name.split():
        words.append(abbreviations.get(word, abbreviations.get(word.rstrip(".,;"), word)))
    return " ".join(words)


def _abbreviated(name: str) -> bool:
    return any(len(word) > 1 and word.replace("&", "").replace(".", "").isupper() for word in name.split()[1:])


def unit_key(name: str) -> str:
    text = strip_accents(_expanded(clean(name))).lower().replace("&", " va ")
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(word for word in text.split() if word != "va")


def _initials(words: list[str]) -> str:
    letters = []
    for word in words:
        if word.lower() == "và" or not word[0].isalpha():
            continue
        letters.append(word if word.isupper() and len(word) > 1 else word[0].upper())
    return re.sub(r"[^A-Za-z0-9]", "", strip_accents("".join(letters)))


def make_code(name: str) -> str:
    """A short code from the name's initials: 'Phòng Kế hoạch - Tài chính' -> 'P.KHTC', 'Sở Tư pháp' -> 'STP'."""
    known = {unit_key(full): code for full, code in _data()["codes"].items()}
    if unit_key(name) in known:
        return known[unit_key(name)]
    words = re.findall(r"[\w&]+", clean(name))
    if words and words[0] == "Phòng" and len(words) > 1:
        return ("P." + _initials(words[1:]))[:MAX_CODE]
    return _initials(words)[:MAX_CODE] or "DV"


@dataclass
class Unit:
    code: str
    name: str
    internal: bool


class Registry:
    """The plan's units, each once: names added in any spelling return the same code."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self._by_key: dict[str, Unit] = {}

    def find(self, name: str) -> Unit | None:
        key = unit_key(name)
        if key in self._by_key:
            return self._by_key[key]
        # "Ban Quản lý khu Kinh tế tỉnh Đồng Tháp" is the "Ban Quản lý khu Kinh tế" of the same plan.
        local = _LOCAL.sub("", key)
        for other, unit in self._by_key.items():
            if len(local.split()) >= 3 and _LOCAL.sub("", other) == local:
                return unit
        # "Sở TNMT" meets "Sở Tài nguyên và Môi trường": same first word, initials of the rest.
        words = clean(name).split()
        if len(words) == 2 and words[1].replace("&", "").isupper():
            head, letters = words[0], strip_accents(words[1].replace("&", ""))
            for unit in self.units:
                other = clean(unit.name).split()
                if other and other[0] == head and _initials(other[1:]) == letters:
                    return unit
        return None

    def add(self, name: str, internal: bool = False) -> Unit:
        name = clean(name)
        unit = self.find(name)
        if unit is not None:
            unit.internal = unit.internal or internal
            # A name written with an abbreviation gives way to the same name written out.
            if _abbreviated(unit.name) and not _abbreviated(name):
                unit.name = name
            self._by_key[unit_key(name)] = unit
            return unit
        code = make_code(name)
        taken = {u.code for u in self.units}
        base, n = code, 2
        while code in taken:
            code, n = f"{base}{n}", n + 1
        unit = Unit(code, name, internal)
        self.units.append(unit)
        self._by_key[unit_key(name)] = unit
        return unit


def measure_words() -> list[str]:
    """The words a counted target is measured in ("lớp", "học viên", "cụm pa nô", …)."""
    return _data()["measures"]


def is_division(name: str) -> bool:
    """A division of a department (Phòng …, Văn phòng Sở, …), as opposed to another body."""
    return any(clean(name).startswith(head) for head in _data()["division_heads"])
