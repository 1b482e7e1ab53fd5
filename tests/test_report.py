"""The periodic report for the demo plan's third quarter of 2019: its numbers are the pages' numbers."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest
from conftest import open_app

from plantrack import queries, report, status
from plantrack.db import connect
from plantrack.i18n import format_number

Q3 = report.Period("quarter", 2019, 3)
AS_OF = dt.date(2019, 9, 30)


@pytest.fixture(scope="module")
def cur(demo_db):
    con = connect(demo_db)
    yield con.cursor()
    con.close()


@pytest.fixture(scope="module")
def plan(cur) -> dict:
    return queries.run(cur, "plans").iloc[0].to_dict()


@pytest.fixture(scope="module")
def data(cur, plan) -> report.ReportData:
    version_id, as_of = report.report_version(queries.run(cur, "plan_versions", plan_id=plan["plan_id"]), 3, Q3)
    assert (version_id, as_of) == (3, AS_OF)
    return report.collect(cur, plan, version_id, as_of, Q3)


@pytest.fixture(scope="module")
def text(data) -> str:
    """Every paragraph and table cell of the .docx, one per line."""
    document = docx.Document(io.BytesIO(report.docx_bytes(data)))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(dict.fromkeys(cell.text for cell in row.cells)))
    return "\n".join(lines)


def _page(cur, plan, name: str, **extra) -> pd.DataFrame:
    """A named query with the parameters a page sets for the same period: as of 30/09/2019, whole plan."""
    params = {
        "plan_id": plan["plan_id"],
        "version_id": 3,
        "units": [],
        "quarter": 0,
        "year": 2019,
        "until": AS_OF,
        **extra,
    }
    return queries.run(cur, name, **{k: params[k] for k in queries.parameters(name)})


def _n(value: float) -> str:
    return format_number(value, "vi")


def test_the_task_figures_are_the_overview_figures(cur, plan, data, text) -> None:
    tasks = _page(cur, plan, "tasks_at_version")
    groups = status.group_counts(status.statuses(tasks, AS_OF, plan_year=2019))
    assert data.groups == groups == {"done_on_time": 2, "done_late": 0, "open_in_time": 6, "open_overdue": 0}
    assert (
        "Kế hoạch có 8 nhiệm vụ. Tính đến ngày 30/09/2019: đã hoàn thành đúng hạn 2 nhiệm vụ; đã hoàn thành quá "
        "hạn 0 nhiệm vụ; chưa hoàn thành, trong hạn 6 nhiệm vụ; chưa hoàn thành, quá hạn 0 nhiệm vụ."
    ) in text
    # The Government's rate: 2 done ÷ 2 that reached their deadline (the 6 open ones are not yet due).
    assert data.completion.text("vi") == "100,00%"
    assert (
        "- Tỷ lệ hoàn thành: 100,00% (2 nhiệm vụ đã hoàn thành (đúng hạn và quá hạn) ÷ 2 nhiệm vụ đã đến hạn "
        "(đã hoàn thành, cộng 0 chưa hoàn thành đã quá hạn); làm tròn xuống hai chữ số thập phân); "
        "tỷ lệ chưa hoàn thành, quá hạn: 0,00%."
    ) in text
    assert "- Tỷ lệ hoàn thành đúng hạn: 100,0% (2/2; " in text


def test_a_section_per_task_in_the_plans_order_with_result_indicators_and_status(data, text) -> None:
    # Named by their content, shortened, with the code after: not "Nhiệm vụ NV1".
    headings = [line for line in text.splitlines() if re.match(r"2\.\d\. ", line)]
    assert [h.rsplit(" (", 1)[1] for h in headings] == [f"NV{n})" for n in range(1, 9)]
    assert headings[0] == "2.1. Tăng cường công tác quản lý nhà nước về thông tin đối ngoại (NV1)"
    assert headings[1] == (
        "2.2. Phối hợp với Sở Văn hóa, Thể thao và Du lịch và các cơ quan có liên quan chỉ đạo, hướng… (NV2)"
    )
    assert all(len(h) < 110 for h in headings)
    assert "Nội dung: Phối hợp với Sở Văn hóa, Thể thao và Du lịch và các cơ quan có liên quan chỉ đạo," in text
    assert (
        "Kết quả: Đã tổ chức lớp tập huấn ngày 18/7/2019 tại Khách sạn Công đoàn, 78/80 học viên tham dự; đã quyết toán."
        in text
    )
    assert "- Số học viên: thực hiện 78/80 học viên, đạt 97,5% kế hoạch." in text
    assert (
        "Tiến độ: 70%. Tình trạng: Chậm tiến độ. Dự kiến 100% (đã qua 100% thời gian), thực tế 70%: chậm 30 điểm."
        in text
    )
    assert "Tiến độ: 100%. Tình trạng: Hoàn thành ngày 18/07/2019, đúng hạn 31/07/2019." in text
    assert "- Nghiệm thu, bàn giao 02 cụm pa nô (hạn 30/09/2019): chưa hoàn thành, sắp đến hạn." in text


def test_the_budget_figures_are_the_budget_page_figures(cur, plan, data, text) -> None:
    totals = _page(cur, plan, "budget_totals").iloc[0]
    by_source = _page(cur, plan, "budget_by_source")
    by_month = _page(cur, plan, "disbursement_by_month")
    in_quarter = int(by_month[pd.to_datetime(by_month["month_start"]).dt.quarter == 3]["disbursed"].sum())
    assert (data.budget_totals["planned"], data.budget_totals["disbursed"]) == (totals["planned"], totals["disbursed"])
    assert data.disbursed_in_period == in_quarter == 312_650_000
    assert (
        f"Tổng dự toán {_n(totals['planned'])} đồng; lũy kế giải ngân đến ngày 30/09/2019 là "
        f"{_n(totals['disbursed'])} đồng, đạt 71,3% dự toán; trong quý III năm 2019 đã giải ngân 312.650.000 đồng."
    ) in text
    for row in by_source.itertuples():
        label = {"state": "Ngân sách nhà nước", "integrated": "Lồng ghép", "social": "Xã hội hóa"}[row.source]
        assert f"{label} | {_n(row.planned)} | {_n(row.disbursed)} |" in text
    assert "Tổng cộng | 923.000.000 | 657.700.000 | 71,3%" in text


def test_the_press_figures_are_the_media_page_figures_for_the_quarter(cur, plan, data, text) -> None:
    by_scope = _page(cur, plan, "media_by_scope", quarter=3)
    assert data.mentions == int(by_scope["mentions"].sum()) == 555
    domestic = int(by_scope.loc[by_scope["scope"] == "domestic", "mentions"].sum())
    negative = int(by_scope.loc[by_scope["sentiment"] == "negative", "mentions"].sum())
    assert (
        f"Trong quý III năm 2019, đã theo dõi 555 tin, bài về tỉnh của {data.press.current.outlets} cơ quan báo chí: "
        f"báo chí trong nước {domestic} tin, bài "
        f"(73,2%), báo chí nước ngoài {555 - domestic} tin, bài (26,8%)."
    ) in text
    assert f"tiêu cực {negative} tin, bài (20,9%)" in text
    assert "Tổng cộng | 239 | 200 | 116 | 555" in text
    cases = _page(cur, plan, "false_info_cases")
    in_quarter = cases[pd.to_datetime(cases["published_on"]).dt.quarter == 3]
    assert len(data.false_cases) == len(in_quarter) == 8
    open_cases = int(_page(cur, plan, "media_kpis").iloc[0]["false_open"])
    assert (
        "Phát hiện 8 trường hợp thông tin sai lệch, xuyên tạc về tỉnh. Kết quả xử lý: chưa xử lý 1; đã báo cáo 2; "
        "đã phản bác/cải chính 4; không cần xử lý 1."
    ) in text
    assert f"Đến ngày 30/09/2019, còn {open_cases} trường hợp chưa xử lý xong" in text
    assert "28/09/2019 | YouTube | Clip: bạo loạn ở Pleiku | Chưa xử lý | —" in text


def test_difficulties_are_the_tasks_behind_or_overdue_with_their_reasons(data, text) -> None:
    assert list(data.difficulties["task_code"]) == ["NV6"]
    section = text.split("II. KHÓ KHĂN, VƯỚNG MẮC")[1].split("III. NHIỆM VỤ TRỌNG TÂM")[0]
    assert (
        "- Nhiệm vụ “Triển khai xây dựng 02 cụm pa nô tuyên truyền, thông tin đối ngoại” (NV6) chậm tiến độ: "
        "Dự kiến 100% (đã qua 100% thời gian), thực tế 70%: chậm 30 điểm. "
        "Tình hình: Hoàn thành cụm pa nô xã Ia Chía; cụm xã Ia Nan chậm do mưa lớn, dự kiến xong tháng 10/2019."
    ) in section
    assert "Mốc M16 (nhiệm vụ NV6) “Thi công cụm pa nô tại xã Ia Nan, huyện Đức Cơ” đã quá hạn 31/08/2019" in section
    assert "«" not in text and "»" not in text


def test_the_heading_block_and_closing_are_those_of_an_administrative_report(text) -> None:
    lines = text.splitlines()
    for expected in (
        "UBND TỈNH GIA LAI",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Số:        /BC-STTTT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Gia Lai, ngày 30 tháng 9 năm 2019",
        "BÁO CÁO",
        "Quý III năm 2019",
        "Kính gửi: Ủy ban nhân dân tỉnh Gia Lai.",
        "I. KẾT QUẢ THỰC HIỆN",
        "II. KHÓ KHĂN, VƯỚNG MẮC",
        "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI",
        "Nơi nhận:",
        "GIÁM ĐỐC",
    ):
        assert any(expected in line for line in lines), expected
    assert "Kết quả thực hiện Kế hoạch triển khai công tác thông tin đối ngoại năm 2019 (dữ liệu mẫu)" in lines
    assert (
        "Thực hiện Kế hoạch số 45/KH-STTTT ngày 15/03/2019 của Sở Thông tin và Truyền thông tỉnh Gia Lai về triển "
        "khai công tác thông tin đối ngoại năm 2019 (dữ liệu mẫu), Sở Thông tin và Truyền thông báo cáo"
    ) in text


def test_the_appendix_holds_the_same_tables(data) -> None:
    book = openpyxl.load_workbook(io.BytesIO(report.appendix_bytes(data)))
    assert book.sheetnames == [
        "Nhiệm vụ",
        "Chỉ tiêu",
        "Mốc trong kỳ",
        "Kinh phí theo nguồn",
        "Kinh phí theo nhiệm vụ",
        "Báo chí",
        "Thông tin sai lệch",
    ]
    tasks = book["Nhiệm vụ"]
    assert [c.value for c in tasks[4]][:6] == [
        "Mã NV",
        "Nội dung nhiệm vụ",
        "Đơn vị chủ trì",
        "Thời gian thực hiện",
        "Tiến độ",
        "Tình trạng",
    ]
    assert [row[0].value for row in tasks.iter_rows(min_row=5)] == [f"NV{n}" for n in range(1, 9)]
    assert tasks.freeze_panes == "A5"
    sources = book["Kinh phí theo nguồn"]
    assert [[c.value for c in row] for row in sources.iter_rows(min_row=5)] == [
        ["Ngân sách nhà nước", 555_000_000, 417_600_000, pytest.approx(0.752, abs=1e-3)],
        ["Lồng ghép", 318_000_000, 215_100_000, pytest.approx(0.676, abs=1e-3)],
        ["Xã hội hóa", 50_000_000, 25_000_000, 0.5],
    ]
    assert sources["B5"].number_format == '#,##0 "₫"'
    press = book["Báo chí"]
    assert sum(row[2].value for row in press.iter_rows(min_row=5)) == 555
    cases = book["Thông tin sai lệch"]
    assert cases["A5"].value == dt.datetime(2019, 9, 28) and cases["A5"].number_format == "dd/mm/yyyy"


def test_a_half_year_sums_its_quarters_and_a_year_takes_the_whole_year(cur, plan) -> None:
    half = report.collect(cur, plan, 2, dt.date(2019, 6, 30), report.Period("half", 2019, 1))
    quarters = sum(
        int(_page(cur, plan, "media_by_scope", quarter=q, version_id=2, until=dt.date(2019, 6, 30))["mentions"].sum())
        for q in (1, 2)
    )
    assert half.mentions == quarters
    year = report.collect(cur, plan, 3, AS_OF, report.Period("year", 2019))
    assert year.mentions == int(_page(cur, plan, "media_by_scope")["mentions"].sum())
    assert report.Period("half", 2019, 1).words == "6 tháng đầu năm 2019"


def test_a_report_of_an_earlier_period_uses_the_data_of_that_period(cur, plan) -> None:
    versions = queries.run(cur, "plan_versions", plan_id=plan["plan_id"])
    assert report.report_version(versions, 3, report.Period("quarter", 2019, 2)) == (2, dt.date(2019, 6, 30))
    assert report.report_version(versions, 3, report.Period("quarter", 2019, 4)) == (3, AS_OF)
    assert report.report_version(versions, 1, report.Period("year", 2019)) == (1, dt.date(2019, 3, 31))


@pytest.mark.parametrize(
    ("period", "start", "end", "slug"),
    [
        (report.Period("quarter", 2019, 1), dt.date(2019, 1, 1), dt.date(2019, 3, 31), "quy-1-2019"),
        (report.Period("quarter", 2019, 4), dt.date(2019, 10, 1), dt.date(2019, 12, 31), "quy-4-2019"),
        (report.Period("half", 2019, 2), dt.date(2019, 7, 1), dt.date(2019, 12, 31), "6-thang-cuoi-2019"),
        (report.Period("year", 2020), dt.date(2020, 1, 1), dt.date(2020, 12, 31), "nam-2020"),
    ],
)
def test_each_period_has_its_first_and_last_day_and_file_name(period, start, end, slug) -> None:
    assert (period.start, period.end, period.slug) == (start, end, slug)


@pytest.mark.parametrize(("kind", "number"), [("quarter", 5), ("half", 3), ("month", 1), ("year", 2)])
def test_an_impossible_period_is_refused(kind, number) -> None:
    with pytest.raises(ValueError):
        report.Period(kind, 2019, number)


def test_dates_are_written_as_decree_30_asks() -> None:
    assert report.long_date("Gia Lai", dt.date(2019, 9, 30)) == "Gia Lai, ngày 30 tháng 9 năm 2019"
    assert report.long_date("Gia Lai", dt.date(2020, 2, 5)) == "Gia Lai, ngày 05 tháng 02 năm 2020"
    assert report.long_date("", dt.date(2020, 12, 15)) == "……, ngày 15 tháng 12 năm 2020"


def test_the_heading_names_come_from_the_issuer() -> None:
    who = report.issuer({"issuer": "Sở Thông tin và Truyền thông tỉnh Gia Lai", "doc_number": "45/KH-STTTT"})
    assert who == report.Issuer(
        "UBND TỈNH GIA LAI",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Sở Thông tin và Truyền thông",
        "Gia Lai",
        "Ủy ban nhân dân tỉnh Gia Lai",
        "BC-STTTT",
    )
    city = report.issuer({"issuer": "Sở Tư pháp thành phố Hà Nội", "doc_number": "12/KH-STP"})
    assert (city.parent, city.place, city.code) == ("UBND THÀNH PHỐ HÀ NỘI", "Hà Nội", "BC-STP")
    bare = report.issuer({"issuer": "Văn phòng", "doc_number": ""})
    assert (bare.parent, bare.agency, bare.place, bare.code) == ("", "VĂN PHÒNG", "", "BC")


def test_the_overview_offers_the_report_and_its_appendix(demo_db, monkeypatch) -> None:
    app = open_app(demo_db, monkeypatch)
    assert "report_period_vi" not in [box.key for box in app.selectbox]  # the panel is made once opened
    app.session_state["report_open"] = True
    app.run()
    assert app.selectbox(key="report_period_vi").value == Q3
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels[-2:] == ["Báo cáo (.docx)", "Phụ lục (.xlsx)"]


@pytest.mark.browser
def test_the_report_downloads_from_the_overview_in_chromium(demo_db, tmp_path) -> None:
    from browser import CHROMIUM, chromium, download, open_page, streamlit_server

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    served = tmp_path / "served.duckdb"
    served.write_bytes(demo_db.read_bytes())
    with streamlit_server(served) as url, chromium(width=1280, height=2400) as context:
        page, _ = open_page(context, url)
        try:
            page.get_by_text("Báo cáo định kỳ (Word) và phụ lục (Excel)").click()
            for name, file_name in (
                ("Báo cáo (.docx)", "bao-cao-quy-3-2019.docx"),
                ("Phụ lục (.xlsx)", "phu-luc-bao-cao-quy-3-2019.xlsx"),
            ):
                file = download(page, page.get_by_role("button", name=name))
                saved = tmp_path / file.suggested_filename
                file.save_as(saved)
                assert saved.name == file_name
            paragraphs = [p.text for p in docx.Document(tmp_path / "bao-cao-quy-3-2019.docx").paragraphs]
            assert "BÁO CÁO" in paragraphs and "Quý III năm 2019" in paragraphs
            assert openpyxl.load_workbook(tmp_path / "phu-luc-bao-cao-quy-3-2019.xlsx").sheetnames[0] == "Nhiệm vụ"
        finally:
            page.close()


def test_the_signature_block_has_room_to_sign_and_the_signers_name(data) -> None:
    document = docx.Document(io.BytesIO(report.docx_bytes(data, signer="Nguyễn  Văn An")))
    cell = document.tables[-1].rows[0].cells[1]
    lines = [p.text for p in cell.paragraphs]
    assert lines[0] == "GIÁM ĐỐC"
    assert lines[-1] == "Nguyễn Văn An"
    assert lines[1:-1] == [""] * 5  # about 3 cm to sign and stamp
    unnamed = docx.Document(io.BytesIO(report.docx_bytes(data))).tables[-1].rows[0].cells[1]
    assert unnamed.paragraphs[-1].text.startswith("……")


def test_the_press_section_compares_with_the_quarter_before_and_a_year_earlier(data, text) -> None:
    assert data.press.current.mentions == data.mentions
    assert f"về tỉnh của {data.press.current.outlets} cơ quan báo chí" in text
    line = next(line for line in text.splitlines() if line.startswith("So với quý II năm 2019:"))
    change = data.press.change("negative", "previous")
    assert f"tỷ lệ tiêu cực {format_number(float(data.press.current.share('negative')), 'vi', 1)}%" in line
    assert ("+" if change > 0 else "−") + format_number(abs(float(change)), "vi", 1) + " điểm %" in line


def test_no_keep_with_next_chain_longer_than_a_heading_and_a_name(data) -> None:
    # Blank half pages come from long runs of paragraphs kept with the next one.
    document = docx.Document(io.BytesIO(report.docx_bytes(data)))
    run = longest = 0
    for paragraph in document.paragraphs:
        run = run + 1 if paragraph.paragraph_format.keep_with_next else 0
        longest = max(longest, run)
        assert not paragraph.paragraph_format.keep_with_next or len(paragraph.text) < 160, paragraph.text
    assert longest <= 2
