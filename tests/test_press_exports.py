"""Press-monitoring exports (issue 12): column mappings, the outlet directory, derived titles, stories."""

from __future__ import annotations

import datetime as dt
import io

import duckdb
import numpy as np
import openpyxl
import pandas as pd
import pytest
from conftest import fingerprint, small_plan
from press_export import FIRST_WEEK, HEADERS, SECOND_WEEK, Post, export_bytes

from plantrack import demo, importer, mapping, press_import, queries, stories
from plantrack.cli import main
from plantrack.db import connect
from plantrack.excel import workbook_bytes
from plantrack.workbook import read_workbook

SUGGESTED = {
    "Khách hàng": (None, "map_reason_client"),
    "Phương tiện": ("medium", None),
    "Nguồn phát hành": ("outlet", None),
    "Ngày phát hành": ("published_on", None),
    "Tiêu đề": ("title", None),
    "Link": ("url", None),
    "Tier": ("outlet_tier", None),
    "Giá trị truyền thông": (None, "map_reason_no_field"),
    "Mức độ nổi bật": (None, "map_reason_no_field"),
    "Nội dung": ("summary", None),
    "Like": (None, "map_reason_in_reach"),
    "Share": (None, "map_reason_in_reach"),
    "Comment": (None, "map_reason_in_reach"),
    "TTT": ("reach", None),
    "AI_THELOAINOIDUNG": ("topic", None),
    "AI_SACTHAI": ("sentiment", None),
    "AI_NOTE": ("story_note", None),
}
# The outlets of the small plan's own mentions, plus the ones the export names.
DIRECTORY = [
    {"outlet": "VnExpress", "scope": "domestic", "medium": "online", "language": "Tiếng Việt", "tier": "A"},
    {"outlet": "TTXVN", "scope": "domestic", "medium": "online", "language": "Tiếng Việt", "tier": "A"},
    {"outlet": "Facebook", "scope": "domestic", "medium": "social", "language": "Tiếng Việt", "tier": "C"},
    {"outlet": "RFA", "scope": "foreign", "medium": "online", "language": "Tiếng Việt", "tier": "B"},
    {"outlet": "YouTube", "scope": "foreign", "medium": "social", "language": None, "tier": "D"},
]


@pytest.fixture
def plan(con):
    """The small plan: its one mention is by Báo Gia Lai (Trong nước, Báo điện tử, Tiếng Việt)."""
    importer.commit(con, importer.prepare(con, workbook_bytes(small_plan()), "plan.xlsx"), "tester")
    return con


def directory_file(rows: list[dict] = DIRECTORY) -> bytes:
    return workbook_bytes({"outlets": press_import.directory_frame(rows)}, sheets=["outlets"])


def commit(con, data: bytes, name: str = "export.xlsx", **options) -> importer.Preview:
    preview = importer.prepare(con, data, name, as_of=dt.date(2019, 10, 16), **options)
    assert not preview.errors, [p.line("en") for p in preview.errors]
    importer.commit(con, preview, "tester")
    return preview


def media(con) -> pd.DataFrame:
    return importer.state(con, 1)["media"].set_index("url")


def test_the_suggested_mapping_matches_every_column_of_the_export():
    matches = mapping.suggest(HEADERS)
    assert {m.header: (m.field, m.reason) for m in matches} == SUGGESTED
    assert mapping.makes_media_sheet(matches)


def test_headers_written_without_diacritics_or_close_to_a_known_name_are_suggested_too():
    headers = [
        "Nguon phat hanh",
        "Thời gian đăng tin",
        "Đường link bài",
        "Tieu de",
        "Sắc thái bài viết",
        "Ghi chú nội bộ",
    ]
    assert [(m.field, m.reason) for m in mapping.suggest(headers)] == [
        ("outlet", None),
        ("published_on", None),
        ("url", None),
        ("title", None),
        ("sentiment", None),
        (None, "map_reason_unknown"),
    ]


def test_two_columns_suggesting_one_field_feed_it_from_the_surer_one():
    matches = mapping.suggest(["Nguồn", "Nguồn phát hành", "Ngày đăng", "Tiêu đề"])
    assert [(m.field, m.reason, m.other) for m in matches] == [
        ("outlet", None, None),
        (None, "map_reason_taken", "Nguồn"),
        ("published_on", None, None),
        ("title", None, None),
    ]


def test_an_export_waits_for_a_mapping_and_nothing_is_written(plan):
    before = fingerprint(plan)
    preview = importer.prepare(plan, export_bytes(FIRST_WEEK), "export.xlsx")
    assert [(p.code, p.sheet, p.row) for p in preview.errors] == [("mapping_needed", "Data", 2)]
    assert [(w.sheet, w.header_row) for w in preview.pending] == [("Data", 2)]
    assert {m.header: (m.field, m.reason) for m in preview.pending[0].matches} == SUGGESTED
    assert preview.pending[0].samples["Nguồn phát hành"] == "Báo Gia Lai"
    assert fingerprint(plan) == before


def test_a_saved_mapping_reads_the_next_file_with_the_same_headers_in_any_order(plan):
    commit(plan, directory_file())
    chosen = {h: f for h, (f, _) in SUGGESTED.items()}
    chosen["AI_THELOAINOIDUNG"] = None  # staff keep their own topics
    matches = mapping.with_fields(HEADERS, chosen, "map_reason_by_you")
    mapping.save_mapping(plan, "Dịch vụ theo dõi A", matches, "lan")
    shuffled = list(reversed(HEADERS))
    preview = commit(plan, export_bytes(FIRST_WEEK, title="Bao cao tuan", headers=shuffled))
    assert [(a.sheet, a.name) for a in preview.mappings] == [("Bao cao tuan", "Dịch vụ theo dõi A")]
    left_out = {m.header: m.reason for m in preview.mappings[0].matches if not m.field}
    assert left_out["AI_THELOAINOIDUNG"] == "map_reason_left_out_saved"
    assert left_out["Khách hàng"] == "map_reason_client"
    stored = media(plan)
    assert stored["topic"].isna().sum() == len(FIRST_WEEK)
    audit = plan.execute("select user_name, action, outcome from audit_log where action = 'mapping_save'").fetchall()
    assert audit == [("lan", "mapping_save", "saved")]


def test_a_named_mapping_reads_a_file_with_other_columns_and_says_which_it_left_out(plan):
    commit(plan, directory_file())
    mapping.save_mapping(plan, "A", mapping.suggest(HEADERS), "lan")
    headers = [*HEADERS, "Ghi chú nội bộ"]
    preview = commit(plan, export_bytes(FIRST_WEEK, headers=headers), mapping_name="a")
    assert preview.mappings[0].name == "A"
    assert {m.header: m.reason for m in preview.mappings[0].matches}["Ghi chú nội bộ"] == "map_reason_unknown"
    unknown = importer.prepare(plan, export_bytes(FIRST_WEEK), "x.xlsx", mapping_name="B")
    assert [(p.code, p.params["known"]) for p in unknown.errors] == [("mapping_unknown", "A")]


def test_a_mapping_that_makes_no_media_sheet_cannot_be_saved(con):
    twice = mapping.with_fields(["Nguồn", "Kênh", "Ngày"], {"Nguồn": "outlet", "Kênh": "outlet"}, "map_reason_by_you")
    assert mapping.problems_of(twice) == [
        ("map_twice", {"field": "Cơ quan báo chí", "columns": "Nguồn, Kênh"}),
        ("map_lacks", {"field": "Ngày đăng"}),
        ("map_lacks_title", {}),
    ]
    with pytest.raises(ValueError, match="map_twice"):
        mapping.save_mapping(con, "x", twice, "lan")
    assert con.execute("select count(*) from column_mappings").fetchall() == [(0,)]


def test_a_sheet_of_another_kind_is_left_alone():
    other = export_bytes([], title="Thống kê", headers=["Tháng", "Số tin", "Ghi chú"])
    resolver = mapping.Resolver([], accept_suggested=True)
    book = read_workbook(other, resolver)
    assert (book.sheets, resolver.pending, resolver.applied) == ({}, [], [])
    assert [p.code for p in book.problems] == ["no_known_sheet"]


def test_scope_medium_and_language_come_from_the_directory_when_the_file_has_none(plan):
    commit(plan, directory_file())
    commit(plan, export_bytes(FIRST_WEEK), accept_suggested_mapping=True)
    stored = media(plan)
    fields = ["outlet", "scope", "medium", "language", "outlet_tier", "sentiment", "reach"]
    rows = stored.loc[[p.link for p in FIRST_WEEK], fields]
    assert rows.values.tolist() == [
        # Báo Gia Lai is known from the plan's own mention; Phương tiện "Báo mạng" is Báo điện tử.
        ["Báo Gia Lai", "domestic", "online", "Tiếng Việt", "A", "positive", 162],
        ["VnExpress", "domestic", "online", "Tiếng Việt", "A", "positive", 935],
        ["TTXVN", "domestic", "online", "Tiếng Việt", "A", "neutral", 55],
        ["Facebook", "domestic", "social", "Tiếng Việt", "C", "positive", 2998],
        ["RFA", "foreign", "online", "Tiếng Việt", "B", "negative", 77],
    ]
    assert stored.loc[FIRST_WEEK[0].link, "published_on"].date() == dt.date(2019, 10, 7)


def test_a_scope_in_the_file_wins_over_the_directory(plan):
    frames = small_plan()
    frames["media"].loc[0, ["outlet", "scope", "medium"]] = ["RFA", "domestic", None]
    commit(plan, directory_file())
    commit(plan, workbook_bytes(frames, sheets=["media"]))
    assert media(plan).loc["https://baogialai.com.vn/0", ["scope", "medium"]].tolist() == ["domestic", "online"]


def test_unknown_outlets_are_refused_with_their_rows_until_classified(plan):
    before = fingerprint(plan)
    preview = importer.prepare(plan, export_bytes(FIRST_WEEK + SECOND_WEEK), "x.xlsx", accept_suggested_mapping=True)
    assert [(p.code, p.row, p.column, p.params["outlet"]) for p in preview.errors] == [
        ("outlet_unclassified", 4, "Nguồn phát hành", "VnExpress"),
        ("outlet_unclassified", 5, "Nguồn phát hành", "TTXVN"),
        ("outlet_unclassified", 6, "Nguồn phát hành", "Facebook"),
        ("outlet_unclassified", 7, "Nguồn phát hành", "RFA"),
        ("outlet_unclassified", 8, "Nguồn phát hành", "YouTube"),
    ]
    assert "«VnExpress» chưa có trong danh bạ" in preview.errors[0].message("vi")
    unknown = press_import.unknown_outlets(preview.problems, preview.validated.frames["media"])
    # What the file says of them is offered: the medium of their posts, the tier the service gives them.
    assert [(u.outlet, u.mentions, u.first_row, u.medium, u.tier) for u in unknown] == [
        ("VnExpress", 1, 4, "online", "A"),
        ("TTXVN", 1, 5, "online", "A"),
        ("Facebook", 1, 6, "social", "C"),
        ("RFA", 1, 7, "online", "B"),
        ("YouTube", 1, 8, "social", "D"),
    ]
    assert fingerprint(plan) == before
    # Classified once, in the file's own Cơ quan báo chí sheet: the same export then lands.
    commit(plan, directory_file())
    commit(plan, export_bytes(FIRST_WEEK + SECOND_WEEK), accept_suggested_mapping=True)
    assert media(plan)["scope"].notna().all()


def test_the_directory_sheet_of_the_file_classifies_its_outlets_in_the_same_import(plan):
    export = export_bytes(FIRST_WEEK)
    frames = {"outlets": press_import.directory_frame(DIRECTORY)}
    book = openpyxl.load_workbook(io.BytesIO(export))
    sheet = book.create_sheet("Cơ quan báo chí")
    sheet.append(["Cơ quan báo chí", "Phạm vi", "Hạng"])
    for row in frames["outlets"].to_dict("records"):
        sheet.append([row["outlet"], {"domestic": "Trong nước", "foreign": "Nước ngoài"}[row["scope"]], row["tier"]])
    buffer = io.BytesIO()
    book.save(buffer)
    preview = commit(plan, buffer.getvalue(), accept_suggested_mapping=True)
    assert (preview.changes["outlets"].added, preview.changes["media"].added) == (5, 5)
    assert media(plan).loc[FIRST_WEEK[4].link, "scope"] == "foreign"


def test_a_post_without_a_title_takes_its_first_sentence_marked_as_derived(plan):
    commit(plan, directory_file())
    commit(plan, export_bytes(FIRST_WEEK + SECOND_WEEK), accept_suggested_mapping=True)
    stored = media(plan)
    assert stored.loc[FIRST_WEEK[3].link, ["title", "title_derived"]].tolist() == [
        "Tối nay Pleiku rực rỡ trong đêm cồng chiêng!",
        True,
    ]
    assert stored.loc[SECOND_WEEK[0].link, "title"] == "Clip toàn cảnh lễ hội cồng chiêng Gia Lai 2019 - phần 2"
    assert not stored.loc[FIRST_WEEK[0].link, "title_derived"]


def test_a_derived_title_is_the_first_sentence_cut_at_a_word_within_200_characters():
    assert press_import.derived_title("  Mưa lớn ở Pleiku.  Nhiều tuyến đường ngập. ") == "Mưa lớn ở Pleiku."
    assert press_import.derived_title("Dòng đầu của bài\nDòng thứ hai") == "Dòng đầu của bài"
    long = "Người dân " + "rất " * 80 + "vui."
    title = press_import.derived_title(long)
    assert len(title) <= 200 and title.endswith("rất…") and long.startswith(title[:-1])


def test_a_row_with_neither_a_title_nor_a_text_is_refused_with_its_row_number(plan):
    commit(plan, directory_file())
    empty = Post("Facebook", "Facebook", dt.datetime(2019, 10, 8, 7, 0), None, "https://fb.com/1", "")
    preview = importer.prepare(plan, export_bytes([FIRST_WEEK[0], empty]), "x.xlsx", accept_suggested_mapping=True)
    assert [(p.code, p.sheet, p.row, p.column) for p in preview.errors] == [
        ("title_or_summary_required", "Data", 4, "Tiêu đề")
    ]


def test_a_mention_stored_without_a_tier_keeps_it_when_later_mentions_of_its_outlet_give_one(plan):
    commit(plan, directory_file())
    mapping.save_mapping(plan, "A", mapping.suggest(HEADERS), "lan")
    commit(plan, export_bytes(FIRST_WEEK))
    tiers = media(plan).query("outlet == 'Báo Gia Lai'")["outlet_tier"]
    assert tiers.isna().tolist() == [True, False]  # the small plan's mention, then the export's
    again = importer.prepare(plan, workbook_bytes(importer.state(plan, 1)), "export.xlsx", as_of=dt.date(2019, 10, 16))
    assert not again.errors and again.nothing_changed
    blank = importer.state(plan, 1)["media"].assign(outlet_tier=None)
    reclassified = importer.prepare(plan, workbook_bytes({"media": blank}, sheets=["media"]), "x.xlsx")
    assert not reclassified.errors and reclassified.nothing_changed


def test_reimporting_the_export_or_a_later_overlapping_one_changes_nothing_for_rows_already_there(plan):
    commit(plan, directory_file())
    commit(plan, export_bytes(FIRST_WEEK), accept_suggested_mapping=True)
    first = media(plan)
    again = importer.prepare(plan, export_bytes(FIRST_WEEK), "x.xlsx", accept_suggested_mapping=True)
    assert again.nothing_changed
    # The next week's export repeats the last two posts of the first week (one without a link).
    no_link = Post("Facebook", "Facebook", dt.datetime(2019, 10, 13, 9, 0), None, None, "Cuối tuần ở Biển Hồ. Đẹp.")
    commit(plan, export_bytes([*FIRST_WEEK[3:], no_link]), accept_suggested_mapping=True)
    later = importer.prepare(
        plan, export_bytes([*FIRST_WEEK[3:], no_link, *SECOND_WEEK]), "y.xlsx", accept_suggested_mapping=True
    )
    change = later.changes["media"]
    assert (change.added, change.changed, change.unchanged) == (2, 0, 3)
    importer.commit(plan, later, "tester")
    stored = media(plan)
    assert len(stored) == 1 + len(FIRST_WEEK) + 1 + len(SECOND_WEEK)
    assert stored.loc[first.index].equals(first)


def test_the_directory_exports_and_reimports_as_nothing_changed(plan, tmp_path):
    commit(plan, directory_file())
    frames = importer.state(plan, 1)
    assert sorted(frames["outlets"]["outlet"]) == sorted(r["outlet"] for r in DIRECTORY)
    again = importer.prepare(plan, workbook_bytes(frames), "export.xlsx")
    assert again.nothing_changed, {n: (c.added, c.changed) for n, c in again.changes.items()}


def test_the_outlet_directory_lists_the_directory_then_the_outlets_only_seen_in_mentions(plan):
    frames = small_plan(media_titles=("Tin 1", "Tin 2", "Tin 3"))
    frames["media"].loc[2, ["outlet", "scope", "medium"]] = ["báo gia lai", "foreign", "print"]
    frames["media"] = pd.concat(
        [frames["media"], frames["media"].iloc[[0]].assign(outlet="Xinhua", scope="foreign", url="https://x.cn/1")]
    )
    commit(plan, workbook_bytes(frames, sheets=["media"]))
    commit(plan, directory_file(DIRECTORY[:1]))
    found = queries.run(plan, "outlet_directory", plan_id=1, version_id=importer.latest_version(plan, 1))
    assert found.astype(object).where(found.notna(), None).to_dict("records") == [
        {
            "outlet": "VnExpress",
            "scope": "domestic",
            "medium": "online",
            "language": "Tiếng Việt",
            "tier": "A",
            "note": None,
            "mentions": 0,
            "is_listed": True,
        },
        # Two mentions of three say Trong nước and Báo điện tử, whatever the case of the name.
        {
            "outlet": "Báo Gia Lai",
            "scope": "domestic",
            "medium": "online",
            "language": "Tiếng Việt",
            "tier": None,
            "note": None,
            "mentions": 3,
            "is_listed": False,
        },
        {
            "outlet": "Xinhua",
            "scope": "foreign",
            "medium": "online",
            "language": "Tiếng Việt",
            "tier": None,
            "note": None,
            "mentions": 1,
            "is_listed": False,
        },
    ]


def story_summary(con, until: dt.date = dt.date(2019, 12, 31)) -> pd.DataFrame:
    version = importer.latest_version(con, 1)
    found = queries.run(
        con, "media_story_mentions", plan_id=1, version_id=version, quarter=0, year=until.year, until=until
    )
    return stories.summary(stories.group(found))


def test_stories_group_same_titles_a_day_apart_and_same_story_notes(plan):
    mentions = [
        ("2019-10-07", "Báo Gia Lai", "Khai mạc lễ hội cồng chiêng", "Lễ hội cồng chiêng khai mạc ở Pleiku"),
        ("2019-10-08", "VnExpress", "Khai mạc Lễ hội Cồng Chiêng!", None),
        ("2019-10-09", "TTXVN", "khai mac le hoi cong chieng", None),  # a day after the second: same story
        ("2019-10-20", "Báo Nhân Dân", "Khai mạc lễ hội cồng chiêng", None),  # too late: another story
        ("2019-11-02", "YouTube", "Clip lễ hội", "Lễ hội Cồng chiêng khai mạc ở Pleiku."),  # the same note
        ("2019-10-08", "RFA", "Khiếu nại đền bù", "Khiếu nại"),  # a one-word note groups nothing
        ("2019-10-09", "BBC Tiếng Việt", "Dân khiếu nại", "Khiếu nại"),
        ("2019-10-10", "Xinhua (tiếng Trung)", "嘉莱省 锣钲文化节", None),
        ("2019-10-10", "Xinhua", "嘉莱省锣钲文化节", None),  # other words: another story
    ]
    frames = small_plan(media_titles=tuple(m[2] for m in mentions))
    frames["media"] = frames["media"].assign(
        published_on=[dt.date.fromisoformat(m[0]) for m in mentions],
        outlet=[m[1] for m in mentions],
        story_note=[m[3] for m in mentions],
    )
    commit(plan, workbook_bytes(frames, sheets=["media"]), replace_logs=True)
    found = story_summary(plan)
    single = [
        (title, pd.Timestamp(day), outlet)
        for day, outlet, title in (
            ("2019-10-08", "RFA", "Khiếu nại đền bù"),
            ("2019-10-09", "BBC Tiếng Việt", "Dân khiếu nại"),
            ("2019-10-10", "Xinhua (tiếng Trung)", "嘉莱省 锣钲文化节"),
            ("2019-10-10", "Xinhua", "嘉莱省锣钲文化节"),
            ("2019-10-20", "Báo Nhân Dân", "Khai mạc lễ hội cồng chiêng"),
        )
    ]
    assert found.drop(columns="story_id").to_dict("records") == [
        {
            "title": "Khai mạc lễ hội cồng chiêng",
            "first_published": pd.Timestamp(2019, 10, 7),
            "last_published": pd.Timestamp(2019, 11, 2),
            "mentions": 4,
            "outlets": 4,
            "outlet_list": "Báo Gia Lai, VnExpress, TTXVN, YouTube",
        },
        *(
            {
                "title": title,
                "first_published": day,
                "last_published": day,
                "mentions": 1,
                "outlets": 1,
                "outlet_list": outlet,
            }
            for title, day, outlet in single
        ),
    ]
    assert found["story_id"].tolist() == [1, 2, 3, 4, 5, 6]


def test_the_imported_export_tells_fewer_stories_than_mentions(plan):
    commit(plan, directory_file())
    commit(plan, export_bytes(FIRST_WEEK + SECOND_WEEK), accept_suggested_mapping=True)
    summary = story_summary(plan)
    assert (summary["mentions"].sum(), len(summary)) == (8, 5)
    festival = summary.iloc[0]
    assert (festival["mentions"], festival["outlet_list"]) == (4, "Báo Gia Lai, VnExpress, TTXVN, YouTube")


def test_the_command_line_imports_an_export_into_the_demo_with_every_scope_from_the_directory(
    tmp_path, monkeypatch, capsys
):
    db = tmp_path / "demo.duckdb"
    monkeypatch.setenv("PLANTRACK_DB", str(db))
    with connect(db) as con:
        demo.load(con)
    export = tmp_path / "EXPORT.xlsx"
    export.write_bytes(export_bytes(FIRST_WEEK + SECOND_WEEK))
    assert main(["validate", str(export)]) == 1
    assert "--accept-suggested-mapping" in capsys.readouterr().out
    assert main(["import", str(export), "--accept-suggested-mapping", "--user", "lan"]) == 0
    out = capsys.readouterr().out
    assert "Trang «Data» được đọc theo cách ghép gợi ý (dòng tiêu đề 2):" in out
    assert "  Nguồn phát hành → Cơ quan báo chí" in out
    assert "  Like → bỏ qua: đã tính trong tổng tương tác (TTT → Lượt tiếp cận)" in out
    with connect(db, read_only=True) as con:
        plan_id = demo.demo_plan(con)
        rows = importer.state(con, plan_id)["media"].set_index("url")
        directory = queries.run(
            con, "outlet_directory", plan_id=plan_id, version_id=importer.latest_version(con, plan_id)
        )
    landed = rows.loc[[p.link for p in FIRST_WEEK + SECOND_WEEK]]
    scopes = directory.set_index("outlet")["scope"]
    assert landed["scope"].tolist() == [scopes[o] for o in landed["outlet"]]
    assert set(landed["scope"]) == {"domestic", "foreign"}
    assert main(["import", str(export), "--accept-suggested-mapping"]) == 0
    assert "Không có gì thay đổi" in capsys.readouterr().out


def test_a_database_made_before_the_new_columns_gains_them(tmp_path):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as old:
        old.execute(
            "create table media (plan_id integer, row_key varchar, title varchar, valid_from integer, valid_to integer)"
        )
        old.execute("insert into media values (1, 'k', 'Tin cũ', 1, null)")
    with connect(path) as con:
        columns = {
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns where table_name = 'media'"
            ).fetchall()
        }
        assert {"story_note", "title_derived", "scope"} <= columns
        assert con.execute("select title, title_derived from media").fetchall() == [("Tin cũ", None)]


def test_the_command_line_reads_with_a_saved_mapping_by_name_and_prints_it(plan, tmp_path, monkeypatch, capsys):
    commit(plan, directory_file())
    mapping.save_mapping(plan, "Dịch vụ A", mapping.suggest(HEADERS), "lan")
    detail = plan.execute("select detail from audit_log where action = 'mapping_save'").fetchall()[0][0]
    assert detail.startswith("«Dịch vụ A»: Khách hàng → —; Phương tiện → medium;")
    plan.close()
    monkeypatch.setenv("PLANTRACK_DB", str(tmp_path / "test.duckdb"))
    export = tmp_path / "tuan.xlsx"
    export.write_bytes(export_bytes(FIRST_WEEK))
    assert main(["--lang", "en", "validate", str(export), "--mapping", "dịch vụ a"]) == 0
    out = capsys.readouterr().out
    assert "Sheet «Data» read with mapping «Dịch vụ A» (header row 2):" in out
    assert "  AI_NOTE → Story note" in out
    assert main(["import", str(export), "--mapping", "Không có"]) == 1
    assert "Không có cách ghép cột «Không có». Các cách ghép đã lưu: Dịch vụ A." in capsys.readouterr().out


def test_story_roots_are_those_find_gives_after_any_joins():
    rng = np.random.default_rng(7)
    for size in (1, 2, 50, 2000):
        groups = stories._Groups(size)
        for a, b in rng.integers(0, size, (size, 2)):
            groups.join(int(a), int(b))
        assert stories._roots(groups.parent).tolist() == [groups.find(run) for run in range(size)]


def test_stories_first_seen_the_same_day_are_numbered_by_title():
    found = stories.group(
        pd.DataFrame(
            {
                "published_on": pd.to_datetime(["2019-03-02", "2019-03-01", "2019-03-01", "2019-03-01"]),
                "outlet": ["A", "B", "A", "C"],
                "title": ["Đã qua", "Bão lớn", "Ánh sáng", "Bão lớn"],
                "title_run": [1, 2, 3, 4],
                "note_key": [None, None, None, None],
            }
        )
    )
    # Same day: by title in code-point order ("B" before "Á"), then the next day.
    assert found["story_id"].tolist() == [4, 1, 3, 2]
