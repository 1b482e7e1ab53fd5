"""The demo plan: generated from the seed deterministically, loaded idempotently, labelled, clearable."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

from plantrack import demo, importer, status
from plantrack.db import connect

ROOT = Path(__file__).resolve().parent.parent
SEED_TASK_OPENINGS = {
    "NV1": "Tăng cường công tác quản lý nhà nước về thông tin đối ngoại",
    "NV3": "Tiếp tục phối hợp chặt chẽ với các cơ quan, đơn vị, địa phương",
    "NV6": "Triển khai xây dựng 02 cụm pa nô tuyên truyền",
}


def test_the_generator_reproduces_the_committed_workbooks_byte_for_byte(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("make_demo", ROOT / "scripts" / "make_demo.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_demo", module)  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for file_name, _ in demo.DEMO_VERSIONS:
        assert (tmp_path / file_name).read_bytes() == (demo.DEMO_DIR / file_name).read_bytes(), file_name


def test_demo_loads_three_quarterly_versions_once(con):
    assert demo.load(con)[0] == 3
    assert demo.load(con)[0] == 0
    versions = importer.versions(con)
    assert [v.date() for v in versions["as_of"]] == [dt.date(2019, 3, 31), dt.date(2019, 6, 30), dt.date(2019, 9, 30)]
    assert set(versions["kind"]) == {"demo"}


def test_demo_holds_the_seed_plan(con):
    demo.load(con)
    frames = importer.state(con, demo.demo_plan(con))
    tasks = frames["tasks"].set_index("task_code")
    assert list(tasks.index) == [f"NV{i}" for i in range(1, 9)]
    for code, opening in SEED_TASK_OPENINGS.items():
        assert tasks.loc[code, "content"].startswith(opening)
    assert tasks.loc["NV4", "timing_text"] == "Hoàn thành ngày 31/03/2019"
    assert set(tasks["lead_unit"]) == {"P.TTBCXB"}
    assert {"P.TTBCXB", "P.KHTC", "VP"} <= set(frames["units"]["unit_code"])
    indicators = frames["indicators"]
    assert ((indicators["measure_unit"] == "học viên") & (indicators["target"] == 80)).any()
    assert (
        indicators["indicator"].str.contains("Ia Chía").any() and indicators["indicator"].str.contains("Ia Nan").any()
    )
    assert set(frames["budget_lines"]["source"]) == {"state", "integrated", "social"}
    media = frames["media"]
    assert 1_400 <= len(media) <= 1_600
    assert set(media["sentiment"]) == {"positive", "neutral", "negative"}
    assert set(media["scope"]) == {"domestic", "foreign"}
    assert set(media.loc[media["is_false"], "response"]) >= {
        "not_handled",
        "reported",
        "refuted",
        "closed",
        "no_action",
    }
    assert "(dữ liệu mẫu)" in frames["plan_info"].iloc[0]["title"]


def test_demo_statuses_tell_a_story(con):
    demo.load(con)
    plan_id = demo.demo_plan(con)
    tasks = importer.state(con, plan_id)["tasks"]
    codes = status.statuses(tasks, dt.date(2019, 9, 30), plan_year=2019)["status"]
    assert {"done", "on_track", "behind"} <= set(codes)


def test_clearing_the_demo_leaves_real_plans_and_an_empty_database_stays_empty(tmp_path):
    with connect(tmp_path / "d.duckdb") as con:
        demo.load(con)
        assert demo.clear(con, "admin")
        assert not demo.clear(con, "admin")
        demo.load_if_fresh(con)
        assert con.execute("select count(*) from plans").fetchall() == [(0,)]
        assert con.execute("select count(*) from media").fetchall() == [(0,)]
