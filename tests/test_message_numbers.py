"""Numbers inside messages are written the reader's way: 0,8 and 1.234.567 in Vietnamese, 0.8 and 1,234,567 in English."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import open_app, small_plan

from plantrack import importer, values
from plantrack.db import connect
from plantrack.excel import workbook_bytes
from plantrack.i18n import Number, t


@pytest.mark.parametrize(
    ("number", "vi", "en"),
    [
        (Number(0.8, 6), "0,8", "0.8"),
        (Number(0.125, 6), "0,125", "0.125"),
        # value × 100 in floating point is 80.00000000000001: written as the 80 staff would type.
        (Number(0.8 * 100, 6), "80", "80"),
        (Number(1_234_567), "1.234.567", "1,234,567"),
        (Number(99.5, 6), "99,5", "99.5"),
    ],
)
def test_a_number_in_a_message_follows_the_messages_language(number, vi, en):
    assert t("warn_done_below_100", "vi", progress=number) == f"Trạng thái «Hoàn thành» nhưng tiến độ chỉ {vi}%."
    assert t("warn_done_below_100", "en", progress=number) == f"State is «Done» but progress is only {en}%."


def test_a_files_warnings_write_their_numbers_in_the_language_they_are_read_in(con):
    frames = small_plan(progress=0.8)
    frames["tasks"].loc[1, "progress"] = 99.5
    frames["disbursements"].loc[0, "amount"] = 12_345_678
    preview = importer.prepare(con, workbook_bytes(frames), "plan.xlsx")
    messages = {p.code: (p.message("vi"), p.message("en")) for p in preview.warnings}
    assert messages["warn_progress_fraction"] == (
        "Tiến độ 0,8 % rất nhỏ: nếu là 80 % hãy ghi 80 (hoặc định dạng ô là phần trăm).",
        "Progress 0.8 % is very small: if you mean 80 %, write 80 (or format the cell as a percentage).",
    )
    assert messages["warn_done_below_100"] == (
        "Trạng thái «Hoàn thành» nhưng tiến độ chỉ 99,5%.",
        "State is «Done» but progress is only 99.5%.",
    )
    assert messages["warn_over_budget"] == (
        "Tổng giải ngân của dòng NS01 là 12.345.678 ₫, vượt dự toán 10.000.000 ₫.",
        "Disbursements of line NS01 total 12,345,678 ₫, above its plan of 10,000,000 ₫.",
    )


def test_a_refusal_writes_its_limits_in_the_language_it_is_read_in():
    with pytest.raises(values.Unreadable) as refused:
        values.read_plain_text("a" * 40_000)
    vi, en = (t(refused.value.code, lang, **refused.value.params) for lang in ("vi", "en"))
    assert "40.000" in vi and "32.767" in vi
    assert "40,000" in en and "32,767" in en


def test_a_versions_changes_are_counted_in_the_readers_language(tmp_path, monkeypatch):
    """1.234 payments since the last update: on the overview's change line and on meeting mode's card."""
    db = tmp_path / "changes.duckdb"
    con = connect(db)
    importer.commit(con, importer.prepare(con, workbook_bytes(small_plan()), "plan.xlsx"), "tester")
    frames = small_plan()
    payments = pd.DataFrame(
        {
            "line_code": "NS01",
            "paid_on": [dt.date(2019, 4, 1) + dt.timedelta(days=n % 60) for n in range(1_234)],
            "amount": 1_000,
            "voucher": [f"UNC {n}" for n in range(2, 1_236)],
            "note": None,
        }
    )
    frames["disbursements"] = pd.concat([frames["disbursements"], payments], ignore_index=True)
    preview = importer.prepare(con, workbook_bytes(frames), "plan.xlsx", plan=1, as_of=dt.date(2019, 6, 30))
    importer.commit(con, preview, "tester")
    con.close()
    for lang, line, card in (
        ("vi", "Giải ngân: thêm 1.234", "1.234 lần chi"),
        ("en", "Disbursements: 1,234 added", "1,234 payments"),
    ):
        app = open_app(db, monkeypatch, lang=lang, tab="changes")  # the overview's part with the changes
        assert any(line in m.value for m in app.markdown), [m.value for m in app.markdown]
        app = open_app(db, monkeypatch, lang=lang, meeting="1")
        deltas = [m.proto.delta for m in app.metric]
        assert card in deltas, deltas


def test_the_quarter_cards_count_milestones_in_the_readers_language(tmp_path, monkeypatch):
    frames = small_plan()
    frames["milestones"] = pd.DataFrame(
        {
            "milestone_code": [f"M{n}" for n in range(1_234)],
            "task_code": "NV1",
            "content": "Bước kiểm tra",
            "due_on": dt.date(2019, 2, 15),
            "quarter": None,
            "completed_on": dt.date(2019, 2, 10),
            "unit_code": "VP",
            "note": None,
        }
    )
    db = tmp_path / "milestones.duckdb"
    con = connect(db)
    importer.commit(con, importer.prepare(con, workbook_bytes(frames), "plan.xlsx"), "tester")
    con.close()
    for lang, expected in (("vi", "**1.234**"), ("en", "**1,234**")):
        app = open_app(db, monkeypatch, "pages/2_Moc_theo_quy.py", lang=lang)
        assert any(m.value.endswith(expected) for m in app.markdown), [m.value for m in app.markdown]
