"""Column mappings: a monitoring export with its own headers read as the Báo chí sheet.

Each column of the export is matched to a Báo chí field, suggested from the names services are known to
use (kept as data below) and from header similarity; the user confirms or changes it and saves it under
a name. A saved mapping is found again by its headers' signature, so the next file with the same
headers is read without asking. The mapped sheet then goes through the one validation and import path.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import json
from dataclasses import dataclass, field

import duckdb

from plantrack import clock
from plantrack.contract import MEDIA
from plantrack.text import Lookup, match_keys
from plantrack.values import is_blank, read_text
from plantrack.workbook import SKIP
from plantrack.workbook import _header_text as header_text

# Headers monitoring services use for each Báo chí field, besides the template's own and its aliases.
KNOWN_NAMES: dict[str, tuple[str, ...]] = {
    "published_on": (
        "Ngày phát hành",
        "Thời gian",
        "Ngày xuất bản",
        "Thời gian đăng",
        "Ngày đăng bài",
        "Date",
        "Published",
        "Publish date",
    ),
    "outlet": ("Nguồn phát hành", "Nguồn", "Kênh", "Tên nguồn", "Trang", "Tên trang", "Source", "Publisher", "Channel"),
    "medium": ("Phương tiện", "Loại nguồn", "Loại phương tiện", "Media type", "Source type"),
    "title": ("Tựa đề", "Tiêu đề bài viết", "Headline"),
    "summary": ("Nội dung", "Mô tả", "Trích dẫn", "Nội dung bài viết", "Content", "Snippet", "Description"),
    "url": ("Link", "URL", "Liên kết", "Đường link", "Link bài viết"),
    "topic": ("AI_THELOAINOIDUNG", "Thể loại nội dung", "Thể loại", "Lĩnh vực", "Category"),
    "sentiment": ("AI_SACTHAI", "Tính chất", "Thái độ", "Sentiment"),
    "reach": ("TTT", "Tổng tương tác", "Lượt tương tác", "Tương tác", "Engagement", "Interactions"),
    "story_note": ("AI_NOTE", "Ghi chú AI", "Tóm lược", "Sự việc"),
    "outlet_tier": ("Tier", "Hạng", "Hạng nguồn", "Phân hạng"),
    "language": ("Lang",),
}
# Headers known to carry nothing the Báo chí sheet keeps, and why (a message key).
KNOWN_LEFT_OUT: dict[str, str] = {
    "Khách hàng": "map_reason_client",
    "Client": "map_reason_client",
    "Like": "map_reason_in_reach",
    "Share": "map_reason_in_reach",
    "Comment": "map_reason_in_reach",
    "Bình luận": "map_reason_in_reach",
    "Chia sẻ": "map_reason_in_reach",
    "Thích": "map_reason_in_reach",
    "Giá trị truyền thông": "map_reason_no_field",
    "Mức độ nổi bật": "map_reason_no_field",
    "STT": "map_reason_row_number",
    "TT": "map_reason_row_number",
}
# Below this similarity (difflib ratio of the headers without diacritics) a header suggests nothing.
SIMILARITY = 0.82
PREFIX_SCORE = 0.9
# A sheet is a Báo chí sheet when its mapping gives these, and a title or a text to take it from.
NEEDED = ("published_on", "outlet")
TITLE_SOURCES = ("title", "summary")


@dataclass(frozen=True)
class Match:
    """One column of the file: the field it feeds, or None and why it is left out (a message key)."""

    header: str
    field: str | None
    reason: str | None = None
    # For map_reason_taken: the column that feeds the field already.
    other: str | None = None


@dataclass
class Applied:
    """The mapping a sheet was read with: a saved one (name) or the suggestion (name None)."""

    sheet: str
    header_row: int
    name: str | None
    matches: list[Match]


@dataclass
class Pending:
    """A sheet that needs a mapping nobody chose yet, with the suggestion for it."""

    sheet: str
    header_row: int
    matches: list[Match]
    samples: dict[str, str] = field(default_factory=dict)


def _names() -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for column in MEDIA.columns:
        names[column.field] = [column.vi, column.en, *column.aliases, *KNOWN_NAMES.get(column.field, ())]
    return names


_EXACT = Lookup({name: f for f, spellings in _names().items() for name in spellings})
_LEFT_OUT = Lookup(dict(KNOWN_LEFT_OUT))
_BARE = [(match_keys(name)[1], f) for f, spellings in _names().items() for name in spellings]


@functools.lru_cache(maxsize=4096)
def _guess(header: str) -> tuple[str | None, float, str | None]:
    """(field, score, reason) for one header: a known name, a known leftover, or the closest field name."""
    known = _EXACT.get(header)
    if known is not None:
        return known, 1.0, None
    reason = _LEFT_OUT.get(header)
    if reason is not None:
        return None, 0.0, reason
    bare = match_keys(header)[1]
    best, score = None, 0.0
    for name, target in _BARE:
        # "Sắc thái bài viết" begins with a known name: nearly as sure as the name itself.
        if len(name) >= 4 and bare.startswith(name + " ") and PREFIX_SCORE > score:
            best, score = target, PREFIX_SCORE
            continue
        matcher = difflib.SequenceMatcher(None, bare, name)
        if matcher.real_quick_ratio() < SIMILARITY:
            continue
        ratio = matcher.ratio()
        if ratio > score:
            best, score = target, ratio
    if score >= SIMILARITY:
        return best, score, None
    return None, 0.0, "map_reason_unknown"


def suggest(headers: list[str]) -> list[Match]:
    """The suggested mapping: each field fed by the most certain of the columns that suggest it."""
    guesses = [_guess(h) for h in headers]
    order = sorted(range(len(headers)), key=lambda i: (-guesses[i][1], i))
    taken: dict[str, str] = {}
    matches: dict[int, Match] = {}
    for i in order:
        target, _, reason = guesses[i]
        if target is None:
            matches[i] = Match(headers[i], None, reason)
        elif target in taken:
            matches[i] = Match(headers[i], None, "map_reason_taken", taken[target])
        else:
            taken[target] = headers[i]
            matches[i] = Match(headers[i], target)
    return [matches[i] for i in range(len(headers))]


def with_fields(headers: list[str], fields: dict[str, str | None], left_out_reason: str) -> list[Match]:
    """A mapping as chosen: `fields` header → field; a header it leaves out says `left_out_reason`
    (or, if the suggestion knew why, that)."""
    suggested = {m.header: m for m in suggest(headers)}
    matches = []
    for header in headers:
        target = fields.get(header)
        if target:
            matches.append(Match(header, target))
        elif suggested[header].field is None and suggested[header].reason != "map_reason_taken":
            matches.append(suggested[header])
        else:
            matches.append(Match(header, None, left_out_reason))
    return matches


def problems_of(matches: list[Match]) -> list[tuple[str, dict]]:
    """Why a mapping cannot make a Báo chí sheet: fields fed twice, fields it lacks (message key, params)."""
    found: list[tuple[str, dict]] = []
    fed: dict[str, list[str]] = {}
    for match in matches:
        if match.field:
            fed.setdefault(match.field, []).append(match.header)
    for target, headers in fed.items():
        if len(headers) > 1:
            found.append(("map_twice", {"field": MEDIA.column(target).vi, "columns": ", ".join(headers)}))
    for target in NEEDED:
        if target not in fed:
            found.append(("map_lacks", {"field": MEDIA.column(target).vi}))
    if not any(t in fed for t in TITLE_SOURCES):
        found.append(("map_lacks_title", {}))
    return found


def makes_media_sheet(matches: list[Match]) -> bool:
    return not problems_of(matches)


def signature(headers: list[str]) -> str:
    """The same headers in any order, case, spacing or Unicode form give the same signature."""
    keys = sorted({match_keys(h)[1] for h in headers})
    return hashlib.sha256("\x1f".join(keys).encode()).hexdigest()


def header_row(rows: list[list]) -> tuple[int, list[str]] | None:
    """The row (0-based) among the top ones whose headers suggest the most Báo chí fields, and its headers."""
    best: tuple[int, int, list[str]] | None = None
    for r, row in enumerate(rows):
        headers = [header_text(v) for v in row if isinstance(v, str) and not is_blank(v)]
        if len(headers) < 2:
            continue
        fed = sum(1 for m in suggest(list(dict.fromkeys(headers))) if m.field)
        if fed and (best is None or fed > best[1]):
            best = (r, fed, list(dict.fromkeys(headers)))
    return None if best is None else (best[0], best[2])


def _samples(rows: list[list], index: int) -> dict[str, str]:
    """The first filled value under each header, to show beside it."""
    header = rows[index]
    samples: dict[str, str] = {}
    for c, value in enumerate(header):
        if not isinstance(value, str) or is_blank(value):
            continue
        for row in rows[index + 1 :]:
            if c < len(row) and not is_blank(row[c]):
                samples.setdefault(header_text(value), _shown(row[c])[:80])
                break
    return samples


def _shown(value: object) -> str:
    """A sample cell as the user typed it: 07/10/2019 08:15, 1500000 (not 1500000.0)."""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() != dt.time() else value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return read_text(value)


@dataclass(frozen=True)
class SavedMapping:
    name: str
    signature: str
    fields: dict[str, str | None]
    user_name: str | None = None
    saved_at: dt.datetime | None = None

    def matches(self, headers: list[str]) -> list[Match]:
        """The mapping applied to these headers: a header it left out says so, one it never saw too."""
        known = Lookup({h: (f or "") for h, f in self.fields.items()})
        matches = []
        for header, match in zip(headers, with_fields(headers, {h: known.get(h) or None for h in headers}, "")):
            if match.field or match.reason:
                matches.append(match)
            else:
                seen = known.get(header) is not None
                matches.append(
                    Match(header, None, "map_reason_left_out_saved" if seen else "map_reason_not_in_mapping")
                )
        return matches


def saved_mappings(con: duckdb.DuckDBPyConnection) -> list[SavedMapping]:
    rows = (
        con.cursor()
        .execute("select name, signature, columns, user_name, saved_at from column_mappings order by name")
        .fetchall()
    )
    return [SavedMapping(name, sig, dict(json.loads(columns)), user, at) for name, sig, columns, user, at in rows]


def saved_mapping(con: duckdb.DuckDBPyConnection, name: str) -> SavedMapping | None:
    wanted = match_keys(name)[0]
    return next((m for m in saved_mappings(con) if match_keys(m.name)[0] == wanted), None)


def save_mapping(con: duckdb.DuckDBPyConnection, name: str, matches: list[Match], user: str | None) -> SavedMapping:
    """Stores (or replaces) a mapping under its name, audited; refuses one that makes no Báo chí sheet."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("map_name_required")
    if problems_of(matches):
        raise ValueError(problems_of(matches)[0][0])
    headers = [m.header for m in matches]
    fields = {m.header: m.field for m in matches}
    mapping = SavedMapping(name, signature(headers), fields, user, clock.now())
    cur = con.cursor()
    cur.execute("begin transaction")
    try:
        existing = saved_mapping(cur, name)
        cur.execute("delete from column_mappings where name = $n", {"n": existing.name if existing else name})
        cur.execute(
            "insert into column_mappings values ($n, $s, $c, $u, $t)",
            {
                "n": name,
                "s": mapping.signature,
                "c": json.dumps(list(fields.items())),
                "u": user,
                "t": mapping.saved_at,
            },
        )
        cur.execute(
            """
            insert into audit_log (event_id, logged_at, user_name, action, outcome, detail)
            select nextval('audit_event_seq'), current_timestamp, $u, 'mapping_save', $o, $d
            """,
            {"u": user, "o": "replaced" if existing else "saved", "d": _audit_detail(name, fields)},
        )
        cur.execute("commit")
    except BaseException:
        cur.execute("rollback")
        raise
    return mapping


def _audit_detail(name: str, fields: dict[str, str | None]) -> str:
    """What was saved, readable in the audit log: «name»: header → field; … (— for a column left out)."""
    return f"«{name}»: " + "; ".join(f"{header} → {target or '—'}" for header, target in fields.items())


class Resolver:
    """The mapper read_workbook asks about each sheet: which mapping reads it, and what was done.

    `chosen`: the saved mapping the user named (--mapping NAME); otherwise a saved mapping made for the
    same headers is used, else the suggestion when `accept_suggested`, else the sheet waits (Pending).
    """

    def __init__(
        self, saved: list[SavedMapping], chosen: SavedMapping | None = None, accept_suggested: bool = False
    ) -> None:
        self.saved = saved
        self.chosen = chosen
        self.accept_suggested = accept_suggested
        self.applied: list[Applied] = []
        self.pending: list[Pending] = []

    def __call__(self, title: str, name: str | None, rows: list[list]) -> Lookup | str | None:
        found = header_row(rows)
        if found is None:
            return None
        index, headers = found
        if name == "media" and _template_shaped(headers):
            return None
        matches, used = self._matches(headers)
        if matches is None:
            suggestion = suggest(headers)
            if not makes_media_sheet(suggestion):
                return None  # not a press export: a sheet of another name is left alone, as always
            if not self.accept_suggested:
                self.pending.append(Pending(title, index + 1, suggestion, _samples(rows, index)))
                return SKIP
            matches = suggestion
        self.applied.append(Applied(title, index + 1, used, matches))
        return Lookup({m.header: m.field for m in matches if m.field})

    def _matches(self, headers: list[str]) -> tuple[list[Match] | None, str | None]:
        if self.chosen is not None:
            return self.chosen.matches(headers), self.chosen.name
        wanted = signature(headers)
        for mapping in self.saved:
            if mapping.signature == wanted:
                return mapping.matches(headers), mapping.name
        return None, None


def _template_shaped(headers: list[str]) -> bool:
    """A Báo chí sheet in the template's own headers (or their aliases) needs no mapping."""
    lookup = MEDIA.header_lookup()
    fed = {lookup.get(h) for h in headers}
    return all(f in fed for f in NEEDED) and any(f in fed for f in TITLE_SOURCES)
