"""scripts/catalogue_blocks.py: a branch's new keys, written in the old i18n.py, land in the locale files."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("catalogue_blocks", ROOT / "scripts" / "catalogue_blocks.py")
blocks = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = blocks  # its dataclass looks its module up there
spec.loader.exec_module(blocks)


def old_layout(vi: str, en: str) -> str:
    return f'MESSAGES: dict[str, dict[str, str]] = {{\n    "vi": {{\n{vi}    }},\n    "en": {{\n{en}    }},\n}}\n'


LOCALE = 'MESSAGES: dict[str, str] = {\n    # Files.\n    "a": "A",\n    "c": "C",\n}\n'
BASE = old_layout('        # Files.\n        "a": "A",\n        "gone": "G",\n        "c": "C",\n', "")
BRANCH = old_layout(
    '        # Files.\n        "a": "A",\n        "gone": "G",\n        # Issue 99: b.\n        "b": "B {n}",\n'
    '        "c": "C!",\n',
    "",
)


def test_a_new_block_lands_after_the_key_it_followed_with_its_comment():
    merged, added, differing = blocks.merge(BRANCH, "vi", LOCALE, update=False, base_text=BASE)
    assert added == ["b"]
    assert differing == ["c"]
    assert merged == (
        'MESSAGES: dict[str, str] = {\n    # Files.\n    "a": "A",\n    # Issue 99: b.\n    "b": "B {n}",\n'
        '    "c": "C",\n}\n'
    )


def test_a_key_removed_on_this_side_is_not_brought_back_and_update_takes_the_branch_text():
    merged, added, _ = blocks.merge(BRANCH, "vi", LOCALE, update=True, base_text=BASE)
    assert "gone" not in merged and added == ["b"]
    assert '    "c": "C!",\n' in merged
    without_base, added_without_base, _ = blocks.merge(BRANCH, "vi", LOCALE, update=False)
    assert added_without_base == ["gone", "b"] and '"gone": "G"' in without_base
