"""Matching text the way people type it: any Unicode form, case, spacing, with or without diacritics."""

from __future__ import annotations

import unicodedata


def clean(value: str) -> str:
    """NFC, trimmed, runs of spaces collapsed; line breaks kept (a list of legal bases is one per line)."""
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    if "\n" not in value and "\r" not in value:
        return " ".join(value.split())
    lines = (" ".join(line.split()) for line in value.splitlines())
    return "\n".join(line for line in lines if line)


def fold(value: str) -> str:
    """Case-folded, with all white space (line breaks too) collapsed: 'Mã  NV ' and 'mã nv' fold alike."""
    return " ".join(unicodedata.normalize("NFC", value).split()).casefold()


def strip_accents(value: str) -> str:
    """Vietnamese without diacritics: 'Đơn vị' -> 'Don vi'."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def match_keys(value: str) -> tuple[str, str]:
    """The two forms a header or list word is looked up by: folded, and folded without accents."""
    folded = fold(value)
    return folded, strip_accents(folded)


class Lookup:
    """Maps every spelling of a set of words to a canonical value.

    An exact (folded) spelling wins over an accent-less one, so two words that differ only by
    their diacritics stay apart when typed with them.
    """

    def __init__(self, spellings: dict[str, object]):
        self._exact: dict[str, object] = {}
        self._bare: dict[str, object] = {}
        for spelling, canonical in spellings.items():
            folded, bare = match_keys(spelling)
            self._exact.setdefault(folded, canonical)
            self._bare.setdefault(bare, canonical)

    def get(self, value: str) -> object | None:
        folded, bare = match_keys(value)
        if folded in self._exact:
            return self._exact[folded]
        return self._bare.get(bare)
