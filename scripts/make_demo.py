"""Generates the demo plan's three quarterly workbooks in data/demo/ (loaded by plantrack/demo.py).

The plan is the seed: the 2019 external-information work plan of Gia Lai's Department of
Information and Communications. Tasks, timings, units and the funding sources follow the seed;
progress, milestones, money and press mentions are invented, shaped like the real thing so that
every page of the dashboard has a realistic story to show. The output depends only on SEED, never
on today's date: running the script twice writes byte-identical files.

    .venv/bin/python scripts/make_demo.py
"""

from __future__ import annotations

import datetime as dt
import random
import re
import string
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plantrack.demo import DEMO_DIR, DEMO_VERSIONS
from plantrack.excel import write_workbook
from plantrack.text import strip_accents

SEED = 2019
BANNER = (
    "DỮ LIỆU MẪU — kế hoạch mẫu dựng từ Kế hoạch triển khai công tác thông tin đối ngoại năm 2019 của Sở TT&TT Gia Lai"
)


def d(day: int, month: int) -> dt.date:
    """A date of the plan year, written day first as the plan writes it."""
    return dt.date(2019, month, day)


def rng_for(purpose: str) -> random.Random:
    # One stream per purpose, so editing the vouchers does not reshuffle every press mention.
    return random.Random(f"{SEED}:{purpose}")


# --- Plan and units ---------------------------------------------------------------------------

PLAN = {
    "title": "Kế hoạch triển khai công tác thông tin đối ngoại năm 2019 (dữ liệu mẫu)",
    # The seed does not show its number; this one follows the department's numbering style.
    "doc_number": "45/KH-STTTT",
    "year": 2019,
    "issuer": "Sở Thông tin và Truyền thông tỉnh Gia Lai",
    "issued_on": d(15, 3),
    "legal_bases": "\n".join(
        (
            "Kế hoạch số 495/KH-UBND ngày 08/3/2019 của UBND tỉnh Gia Lai về hoạt động thông tin đối ngoại năm 2019",
            "Công văn số 4110/BTTTT-TTĐN ngày 04/12/2018 của Bộ Thông tin và Truyền thông về việc hướng dẫn xây dựng "
            "kế hoạch công tác thông tin đối ngoại năm 2019",
            "Công văn số 88-HD/BTGTU ngày 18/02/2019 của Ban Tuyên giáo Tỉnh ủy về việc hướng dẫn công tác tuyên truyền "
            "biển, đảo; thông tin đối ngoại; công tác biên giới trên đất liền năm 2019",
            "Nghị định số 72/2015/NĐ-CP của Chính phủ về quản lý hoạt động thông tin đối ngoại",
            "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ Thông tin và Truyền thông hướng dẫn quản lý hoạt động "
            "thông tin đối ngoại của các tỉnh, thành phố trực thuộc Trung ương",
            "Quyết định số 16/2017/QĐ-UBND ngày 17/3/2017 của UBND tỉnh ban hành Quy chế quản lý nhà nước về thông tin "
            "đối ngoại trên địa bàn tỉnh Gia Lai",
        )
    ),
}

UNITS = (
    ("P.TTBCXB", "Phòng Thông tin - Báo chí - Xuất bản", "internal"),
    ("P.KHTC", "Phòng Kế hoạch - Tài chính", "internal"),
    ("VP", "Văn phòng Sở", "internal"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "external"),
    ("BCHBĐBP", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "external"),
    ("SNV", "Sở Ngoại vụ", "external"),
    ("BTGTU", "Ban Tuyên giáo Tỉnh ủy", "external"),
    ("CA", "Công an tỉnh", "external"),
    ("BGL", "Báo Gia Lai", "external"),
    ("PTTH", "Đài Phát thanh - Truyền hình Gia Lai", "external"),
    ("UBND.IAGRAI", "UBND huyện Ia Grai", "external"),
    ("UBND.DUCCO", "UBND huyện Đức Cơ", "external"),
)

# --- Tasks: the seed's Section I, and their state at the end of each quarter ---------------------


@dataclass(frozen=True)
class Update:
    """What the lead division reported for a task in one quarter's workbook."""

    progress: int
    state: str
    updated_on: dt.date
    note: str | None = None
    completed_on: dt.date | None = None


@dataclass(frozen=True)
class Task:
    code: str
    content: str
    support: tuple[str, ...]
    timing: str
    start: dt.date
    due: dt.date
    updates: tuple[Update, Update, Update]  # as of the end of quarters I, II and III
    ongoing: bool = False


def ongoing(code: str, content: str, support: tuple[str, ...], timing: str, *updates: Update) -> Task:
    return Task(code, content, support, timing, d(1, 1), d(31, 12), updates, ongoing=True)


NV4_DONE = Update(
    100,
    "done",
    updated_on=d(29, 3),
    note="Đã tổng hợp danh sách cán bộ đầu mối của 20 sở, ban, ngành và 17 huyện, thị xã, thành phố",
    completed_on=d(29, 3),
)
NV5_DONE = Update(
    100,
    "done",
    updated_on=d(22, 8),
    note="Đã tổ chức lớp tập huấn ngày 18/7/2019 tại Khách sạn Công đoàn, 78/80 học viên tham dự; đã quyết toán",
    completed_on=d(18, 7),
)
# Task 7's division sent no update in quarter II: its row in that workbook is the quarter I row.
NV7_Q1 = Update(
    25, "in_progress", d(25, 3), "Đã phối hợp Bộ đội Biên phòng tuyên truyền 01 đợt tại xã Ia O, huyện Ia Grai"
)

TASKS = (
    ongoing(
        "NV1",
        "Tăng cường công tác quản lý nhà nước về thông tin đối ngoại: Tham mưu UBND tỉnh các văn bản chỉ đạo, hướng "
        "dẫn các cơ quan, đơn vị, địa phương triển khai hoạt động thông tin đối ngoại theo Nghị định số 72/2015/NĐ-CP "
        "của Chính phủ về quản lý hoạt động thông tin đối ngoại; Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ "
        "Thông tin và Truyền thông về việc hướng dẫn quản lý hoạt động thông tin đối ngoại của các tỉnh, thành phố trực "
        "thuộc Trung ương; Quyết định số 16/2017/QĐ-UBND ngày 17/3/2017 của UBND tỉnh về việc ban hành Quy chế quản lý "
        "nhà nước về thông tin đối ngoại trên địa bàn tỉnh Gia Lai; Kế hoạch số 495/KH-UBND ngày 08/3/2019 của Ủy ban "
        "nhân dân tỉnh Gia Lai về hoạt động thông tin đối ngoại năm 2019 trên địa bàn tỉnh và các văn bản hướng dẫn "
        "của Ban chỉ đạo công tác thông tin đối ngoại Trung ương, các Bộ, ngành Trung ương, của Ban Tuyên giáo Tỉnh ủy "
        "(cơ quan Thường trực Ban chỉ đạo Công tác thông tin đối ngoại).",
        ("VP", "BTGTU"),
        "Thường xuyên trong năm 2019",
        Update(25, "in_progress", d(28, 3), "Đang dự thảo văn bản hướng dẫn triển khai Kế hoạch số 495/KH-UBND"),
        Update(50, "in_progress", d(27, 6), "Đã tham mưu UBND tỉnh ban hành văn bản hướng dẫn ngày 10/4/2019"),
        Update(75, "in_progress", d(26, 9), "Đang tham mưu báo cáo sơ kết 9 tháng công tác thông tin đối ngoại"),
    ),
    ongoing(
        "NV2",
        "Phối hợp với Sở Văn hóa, Thể thao và Du lịch và các cơ quan có liên quan chỉ đạo, hướng dẫn các cơ quan báo "
        "chí, tuyên truyền của tỉnh tăng cường công tác truyền thông quảng bá du lịch, quảng bá xúc tiến đầu tư, thương "
        "mại, văn hóa... về tỉnh Gia Lai. Hướng dẫn các cơ quan, đơn vị, địa phương tiếp tục triển khai và thực hiện "
        "tốt Luật Báo chí năm 2016, Nghị định 09/2017/NĐ-CP ngày 09/02/2017 của Chính phủ về Quy chế phát ngôn và thông "
        "tin cho báo chí của các cơ quan hành chính nhà nước và các văn bản pháp luật liên quan; chủ động cung cấp "
        "thông tin cho các cơ quan thông tấn, báo chí; tranh thủ các đoàn phóng viên, báo chí nước ngoài để tuyên "
        "truyền, quảng bá về tỉnh Gia Lai.",
        ("SVHTTDL", "BGL", "PTTH"),
        "Thường xuyên trong năm 2019",
        Update(25, "in_progress", d(29, 3), "Đã cung cấp thông tin cho 02 đoàn phóng viên báo chí Trung ương"),
        Update(50, "in_progress", d(28, 6), "Hướng dẫn báo chí tuyên truyền quảng bá du lịch dịp 30/4 - 1/5"),
        Update(70, "in_progress", d(27, 9), "Phối hợp Sở VHTTDL quảng bá du lịch; tiếp 01 đoàn phóng viên nước ngoài"),
    ),
    ongoing(
        "NV3",
        "Tiếp tục phối hợp chặt chẽ với các cơ quan, đơn vị, địa phương tăng cường công tác dự báo, chủ động tổ chức "
        "theo dõi và tổng hợp dư luận báo chí trong và ngoài nước phản ánh về Gia Lai; báo cáo UBND tỉnh để kịp thời "
        "giải thích, làm rõ, đấu tranh phản bác với các thông tin sai lệch, làm ảnh hưởng đến uy tín, hình ảnh của "
        "tỉnh.",
        ("CA", "BTGTU", "SNV"),
        "Thường xuyên trong năm 2019",
        Update(25, "in_progress", d(29, 3), "Đã gửi báo cáo dư luận báo chí quý I/2019"),
        Update(50, "in_progress", d(28, 6), "Đã báo cáo UBND tỉnh các thông tin sai lệch dịp lễ Phục sinh"),
        Update(75, "in_progress", d(30, 9), "Báo cáo quý II gửi ngày 02/7/2019 (chậm 02 ngày); đã gửi báo cáo quý III"),
    ),
    Task(
        "NV4",
        "Tổng hợp, theo dõi danh sách cán bộ, công chức phụ trách công tác thông tin đối ngoại của các sở, ban, ngành, "
        "Ủy ban nhân dân huyện, thị xã, thành phố trên địa bàn tỉnh.",
        ("VP",),
        "Hoàn thành ngày 31/03/2019",
        d(1, 1),
        d(31, 3),
        (NV4_DONE, NV4_DONE, NV4_DONE),
    ),
    Task(
        "NV5",
        "Tổ chức tập huấn nâng cao nhận thức, bồi dưỡng nghiệp vụ về thông tin đối ngoại cho cán bộ, công chức làm "
        "công tác thông tin đối ngoại.",
        ("P.KHTC", "VP"),
        "Dự kiến tháng 7 năm 2019",
        d(1, 4),
        d(31, 7),
        (
            Update(0, "not_started", d(29, 3), "Chưa đến thời gian triển khai (từ tháng 4/2019)"),
            Update(60, "in_progress", d(28, 6), "Đã phê duyệt kế hoạch, dự toán; đang chiêu sinh (65/80 học viên)"),
            NV5_DONE,
        ),
    ),
    Task(
        "NV6",
        "Triển khai xây dựng 02 cụm pa nô tuyên truyền, thông tin đối ngoại; phân giới, cắm mốc và quản lý biên giới "
        "đất liền tại địa bàn xã Ia Chía, huyện Ia Grai và xã Ia Nan, huyện Đức Cơ.",
        ("P.KHTC", "VP", "UBND.IAGRAI", "UBND.DUCCO"),
        "Triển khai từ quý I/2019, hoàn thành trong quý III/2019",
        d(1, 1),
        d(30, 9),
        (
            Update(15, "in_progress", d(27, 3), "Đã khảo sát, đề xuất vị trí tại xã Ia Chía và xã Ia Nan"),
            Update(50, "in_progress", d(25, 6), "Đã lựa chọn nhà thầu, ký hợp đồng thi công ngày 14/6/2019"),
            Update(
                70,
                "in_progress",
                d(27, 9),
                "Hoàn thành cụm pa nô xã Ia Chía; cụm xã Ia Nan chậm do mưa lớn, dự kiến xong tháng 10/2019",
            ),
        ),
    ),
    ongoing(
        "NV7",
        "Phối hợp với Bộ chỉ huy Bộ đội biên phòng tỉnh, Sở Ngoại vụ và các địa phương có liên quan triển khai công "
        "tác thông tin, truyền thông và thông tin đối ngoại khu vực biên giới.",
        ("BCHBĐBP", "SNV", "UBND.IAGRAI", "UBND.DUCCO"),
        "Thực hiện thường xuyên trong năm 2019",
        NV7_Q1,
        NV7_Q1,
        Update(70, "in_progress", d(25, 9), "Đã tổ chức 03 đợt tuyên truyền tại các xã biên giới Ia Grai, Đức Cơ"),
    ),
    ongoing(
        "NV8",
        "Tăng cường xuất bản các chương trình, chuyên mục, ấn phẩm bằng tiếng dân tộc phục vụ đồng bào các dân tộc "
        "thiểu số, nội dung gồm: tuyên truyền chủ trương, đường lối của Đảng, chính sách pháp luật của Nhà nước, các "
        "văn bản chỉ đạo của địa phương; tuyên truyền những thành tựu đổi mới, hội nhập quốc tế, giữ vững ổn định "
        "chính trị, bảo vệ chủ quyền lãnh thổ, đẩy mạnh hợp tác kinh tế...; phản bác kịp thời các quan điểm, thông "
        "tin phá hoại mối quan hệ hữu nghị truyền thống tốt đẹp giữa Việt Nam với các nước láng giềng.",
        ("BGL", "PTTH"),
        "Thực hiện thường xuyên trong năm 2019",
        Update(25, "in_progress", d(28, 3), "Duy trì chuyên mục tiếng Jrai, Bahnar trên Báo Gia Lai, Đài PT-TH"),
        Update(50, "in_progress", d(27, 6), "Đã phát hành ấn phẩm song ngữ Việt - Jrai"),
        Update(75, "in_progress", d(26, 9), "Đang biên dịch ấn phẩm song ngữ Việt - Bahnar"),
    ),
)

# (task, indicator, unit of measure, target, actual at the end of quarters I–III, note)
INDICATORS = (
    ("NV1", "Văn bản chỉ đạo, hướng dẫn về thông tin đối ngoại tham mưu ban hành", "văn bản", 3, (0, 1, 2), None),
    ("NV2", "Tin, bài quảng bá du lịch, xúc tiến đầu tư trên báo chí của tỉnh", "tin, bài", 120, (28, 61, 95), None),
    ("NV3", "Báo cáo tổng hợp dư luận báo chí gửi UBND tỉnh", "báo cáo", 12, (3, 6, 9), "Báo cáo hằng tháng"),
    (
        "NV4",
        "Danh sách cán bộ, công chức phụ trách TTĐN",
        "cơ quan",
        37,
        (37, 37, 37),
        "20 sở, ban, ngành và 17 huyện, thị xã, thành phố",
    ),
    ("NV5", "Số lớp tập huấn", "lớp", 1, (0, 0, 1), None),
    ("NV5", "Số học viên", "học viên", 80, (0, 0, 78), None),
    ("NV6", "Cụm pa nô tại xã Ia Chía, huyện Ia Grai", "cụm", 1, (0, 0, 1), None),
    ("NV6", "Cụm pa nô tại xã Ia Nan, huyện Đức Cơ", "cụm", 1, (0, 0, 0), None),
    ("NV7", "Đợt tuyên truyền tại các xã biên giới", "đợt", 4, (1, 1, 3), None),
    ("NV8", "Chương trình, chuyên mục tiếng dân tộc", "chương trình", 24, (6, 12, 18), "Tiếng Jrai, Bahnar"),
    ("NV8", "Ấn phẩm song ngữ Việt - Jrai, Việt - Bahnar", "ấn phẩm", 2, (0, 1, 1), None),
)


@dataclass(frozen=True)
class Milestone:
    code: str
    task: str
    content: str
    due: dt.date
    unit: str
    completed: dt.date | None = None
    # The division's explanation, written once the due date has passed without the step done on time.
    late_note: str | None = None


# fmt: off
MILESTONES = (
    Milestone(
        "M01", "NV4", "Đề nghị các sở, ban, ngành, UBND cấp huyện cử cán bộ phụ trách thông tin đối ngoại",
        d(15, 3), "P.TTBCXB", d(12, 3),
    ),
    Milestone(
        "M02", "NV6", "Khảo sát, đề xuất vị trí xây dựng 02 cụm pa nô tại xã Ia Chía và xã Ia Nan",
        d(25, 3), "P.TTBCXB", d(22, 3),
    ),
    Milestone(
        "M03", "NV4", "Tổng hợp danh sách cán bộ, công chức phụ trách thông tin đối ngoại",
        d(31, 3), "P.TTBCXB", d(29, 3),
    ),
    Milestone(
        "M04", "NV3", "Báo cáo tổng hợp dư luận báo chí quý I/2019 gửi UBND tỉnh", d(31, 3), "P.TTBCXB", d(29, 3)
    ),
    Milestone(
        "M05", "NV1", "Tham mưu UBND tỉnh văn bản hướng dẫn triển khai Kế hoạch số 495/KH-UBND",
        d(15, 4), "P.TTBCXB", d(10, 4),
    ),
    Milestone(
        "M06", "NV2", "Hướng dẫn các cơ quan báo chí tuyên truyền quảng bá du lịch, xúc tiến đầu tư năm 2019",
        d(30, 4), "P.TTBCXB", d(25, 4),
    ),
    Milestone(
        "M07", "NV6", "Lập, phê duyệt dự toán và kế hoạch lựa chọn nhà thầu thi công pa nô",
        d(15, 5), "P.KHTC", d(10, 5),
    ),
    Milestone(
        "M08", "NV5", "Xây dựng, trình duyệt kế hoạch tổ chức lớp tập huấn", d(15, 5), "P.TTBCXB", d(20, 5),
        "Trình chậm do điều chỉnh nội dung tập huấn theo góp ý của Ban Tuyên giáo Tỉnh ủy",
    ),
    Milestone("M09", "NV6", "Lựa chọn nhà thầu, ký hợp đồng thi công pa nô", d(15, 6), "P.KHTC", d(14, 6)),
    Milestone(
        "M10", "NV5", "Chiêu sinh học viên (80 học viên)", d(28, 6), "P.TTBCXB", d(5, 7),
        "Một số huyện gửi danh sách học viên muộn",
    ),
    Milestone("M11", "NV8", "Phát hành ấn phẩm song ngữ Việt - Jrai", d(30, 6), "BGL", d(20, 6)),
    Milestone(
        "M12", "NV3", "Báo cáo tổng hợp dư luận báo chí quý II/2019 gửi UBND tỉnh", d(30, 6), "P.TTBCXB", d(2, 7),
        "Gửi chậm do chờ số liệu của các cơ quan báo chí",
    ),
    Milestone(
        "M13", "NV5", "Tổ chức lớp tập huấn tại Khách sạn Công đoàn, TP. Pleiku", d(31, 7), "P.TTBCXB", d(18, 7)
    ),
    Milestone("M14", "NV5", "Thanh toán, quyết toán kinh phí lớp tập huấn", d(31, 8), "VP", d(20, 8)),
    Milestone(
        "M15", "NV6", "Thi công cụm pa nô tại xã Ia Chía, huyện Ia Grai", d(31, 8), "P.TTBCXB", d(6, 9),
        "Chậm do mưa lớn kéo dài trong tháng 8",
    ),
    Milestone(
        "M16", "NV6", "Thi công cụm pa nô tại xã Ia Nan, huyện Đức Cơ", d(31, 8), "P.TTBCXB", None,
        "Chậm do mưa lớn và điều chỉnh vị trí theo đề nghị của UBND huyện Đức Cơ; dự kiến xong tháng 10/2019",
    ),
    Milestone("M17", "NV6", "Nghiệm thu, bàn giao 02 cụm pa nô", d(30, 9), "P.KHTC"),
    Milestone(
        "M18", "NV3", "Báo cáo tổng hợp dư luận báo chí quý III/2019 gửi UBND tỉnh", d(30, 9), "P.TTBCXB", d(27, 9)
    ),
    Milestone("M19", "NV8", "Phát hành ấn phẩm song ngữ Việt - Bahnar", d(31, 10), "BGL"),
    Milestone("M20", "NV1", "Báo cáo tổng kết công tác thông tin đối ngoại năm 2019", d(15, 12), "P.TTBCXB"),
)
# fmt: on

# --- Money: the seed's Section II (the plan's budget, integrated sources, private contributions) ---

# (line, task, item, source, managing unit, planned in đồng, note)
# fmt: off
BUDGET_LINES = (
    ("NS01", "NV5", "Tổ chức 01 lớp tập huấn nghiệp vụ thông tin đối ngoại (80 học viên)", "state", "VP", 60_000_000,
     None),
    ("NS02", "NV6", "Xây dựng 02 cụm pa nô tại xã Ia Chía (Ia Grai) và xã Ia Nan (Đức Cơ)", "state", "P.KHTC",
     350_000_000, None),
    ("NS03", "NV6", "Tài trợ in ấn, lắp đặt nội dung pa nô", "social", "P.KHTC", 50_000_000,
     "Doanh nghiệp viễn thông trên địa bàn tài trợ"),
    ("NS04", "NV3", "Theo dõi, tổng hợp dư luận báo chí trong và ngoài nước", "integrated", "P.KHTC", 48_000_000,
     "Lồng ghép kinh phí quản lý báo chí"),
    ("NS05", "NV8", "Biên dịch, in ấn phẩm song ngữ Việt - Jrai, Việt - Bahnar", "integrated", "P.KHTC", 120_000_000,
     None),
    ("NS06", "NV2", "Đặt hàng tin, bài quảng bá du lịch, xúc tiến đầu tư trên báo chí", "state", "P.KHTC",
     90_000_000, None),
    ("NS07", "NV7", "Tài liệu tuyên truyền thông tin đối ngoại khu vực biên giới", "state", "VP", 40_000_000, None),
    ("NS08", "NV1", "Hội nghị triển khai công tác thông tin đối ngoại năm 2019", "state", "VP", 15_000_000, None),
    ("NS09", "NV8", "Đặt hàng chuyên mục phát thanh, truyền hình tiếng Jrai, Bahnar", "integrated", "P.KHTC",
     150_000_000, "Lồng ghép kinh phí hỗ trợ báo chí"),
)
# fmt: on


@dataclass(frozen=True)
class Payment:
    line: str
    paid_on: dt.date
    amount: int
    note: str
    # Small amounts are paid in cash (phiếu chi), the rest by bank transfer (ủy nhiệm chi).
    cash: bool = False


PAYMENTS = (
    Payment("NS06", d(20, 3), 15_000_000, "Đặt hàng tin, bài quý I"),
    Payment("NS07", d(22, 3), 9_600_000, "In tờ gấp tuyên truyền biên giới đợt 1"),
    Payment("NS02", d(26, 3), 8_500_000, "Chi phí khảo sát, đo đạc vị trí pa nô", cash=True),
    Payment("NS04", d(28, 3), 12_000_000, "Thù lao theo dõi, tổng hợp dư luận báo chí quý I"),
    Payment("NS09", d(29, 3), 37_500_000, "Thanh toán đặt hàng chuyên mục quý I"),
    Payment("NS08", d(9, 4), 11_350_000, "Chi hội nghị triển khai kế hoạch"),
    Payment("NS06", d(15, 5), 22_000_000, "Đặt hàng tin, bài quý II"),
    Payment("NS01", d(20, 6), 20_000_000, "Tạm ứng kinh phí tổ chức lớp tập huấn"),
    Payment("NS05", d(21, 6), 54_600_000, "In, phát hành ấn phẩm song ngữ Việt - Jrai"),
    Payment("NS02", d(24, 6), 105_000_000, "Tạm ứng 30% giá trị hợp đồng thi công"),
    Payment("NS04", d(27, 6), 12_000_000, "Thù lao theo dõi, tổng hợp dư luận báo chí quý II"),
    Payment("NS09", d(28, 6), 37_500_000, "Thanh toán đặt hàng chuyên mục quý II"),
    Payment("NS07", d(10, 7), 12_600_000, "In tài liệu hỏi - đáp về biên giới đất liền"),
    Payment("NS01", d(19, 7), 32_400_000, "Thanh toán hội trường, tài liệu, báo cáo viên"),
    Payment("NS01", d(20, 8), 5_850_000, "Quyết toán kinh phí lớp tập huấn", cash=True),
    Payment("NS06", d(28, 8), 25_500_000, "Đặt hàng tin, bài quý III"),
    Payment("NS03", d(5, 9), 25_000_000, "Doanh nghiệp tài trợ đợt 1"),
    Payment("NS02", d(10, 9), 140_000_000, "Thanh toán khối lượng hoàn thành cụm pa nô xã Ia Chía"),
    Payment("NS07", d(12, 9), 9_800_000, "Pa nô, khẩu hiệu tại các xã biên giới"),
    Payment("NS05", d(18, 9), 12_000_000, "Tạm ứng biên dịch ấn phẩm song ngữ Việt - Bahnar"),
    Payment("NS04", d(26, 9), 12_000_000, "Thù lao theo dõi, tổng hợp dư luận báo chí quý III"),
    Payment("NS09", d(27, 9), 37_500_000, "Thanh toán đặt hàng chuyên mục quý III"),
)


def vouchers() -> dict[Payment, str]:
    """Voucher numbers in date order, with gaps: the department pays many other things in between."""
    rng = rng_for("vouchers")
    last = {"UNC": 0, "PC": 0}
    numbered = {}
    for payment in sorted(PAYMENTS, key=lambda p: p.paid_on):
        kind = "PC" if payment.cash else "UNC"
        last[kind] += rng.randint(3, 14)
        numbered[payment] = f"{kind} {last[kind]:03d}/2019"
    return numbered


# --- Press mentions: task 3's monitoring log ------------------------------------------------------

SENTIMENTS = ("positive", "neutral", "negative")
SENSITIVE = {"nhân quyền", "tôn giáo", "dân tộc thiểu số", "biên giới"}
# fmt: off
TOPIC_WEIGHTS = {
    "domestic": {
        "du lịch": 18, "đầu tư": 15, "thương mại": 13, "văn hóa": 15, "biên giới": 8,
        "biển đảo": 4, "nhân quyền": 2, "dân tộc thiểu số": 10, "tôn giáo": 4, "an ninh trật tự": 11,
    },
    "foreign": {
        "du lịch": 4, "đầu tư": 6, "thương mại": 8, "văn hóa": 3, "biên giới": 18,
        "biển đảo": 3, "nhân quyền": 20, "dân tộc thiểu số": 15, "tôn giáo": 15, "an ninh trật tự": 8,
    },
}
# fmt: on
FOREIGN_SHARE = 0.2

# fmt: off
FILLERS = {
    "district": (
        "TP. Pleiku", "thị xã An Khê", "thị xã Ayun Pa", "huyện Chư Păh", "huyện Chư Prông", "huyện Chư Sê",
        "huyện Chư Pưh", "huyện Đak Đoa", "huyện Mang Yang", "huyện Kbang", "huyện Kông Chro", "huyện Krông Pa",
        "huyện Ia Pa", "huyện Phú Thiện", "huyện Đak Pơ", "huyện Ia Grai", "huyện Đức Cơ",
    ),
    "border_district": ("huyện Ia Grai", "huyện Đức Cơ", "huyện Chư Prông"),
    "border_commune": ("xã Ia Chía", "xã Ia Nan", "xã Ia O", "xã Ia Dom", "xã Ia Mơ", "xã Ia Púch", "xã Ia Pnôn"),
    "border_post": ("Ia O", "Ia Chía", "Ia Nan", "Ia Dom", "Ia Púch", "Ia Mơ", "Cửa khẩu quốc tế Lệ Thanh"),
    "road_section": (
        "quốc lộ 14 đoạn qua huyện Chư Sê", "quốc lộ 14 đoạn qua huyện Chư Pưh", "quốc lộ 14 đoạn qua TP. Pleiku",
        "quốc lộ 19 đoạn qua thị xã An Khê", "quốc lộ 19 đoạn qua huyện Mang Yang", "quốc lộ 19 đoạn qua huyện Đức Cơ",
        "quốc lộ 25 đoạn qua huyện Phú Thiện",
    ),
    "spot": (
        "Biển Hồ", "núi lửa Chư Đăng Ya", "thác Phú Cường", "Vườn quốc gia Kon Ka Kinh",
        "Khu bảo tồn thiên nhiên Kon Chư Răng", "chùa Minh Thành", "làng Plei Ốp", "đồi chè Biển Hồ",
    ),
    "city": ("Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng", "Quy Nhơn", "Buôn Ma Thuột"),
    "crop": ("cà phê", "hồ tiêu", "chanh dây", "chuối", "sầu riêng", "bơ", "mía", "lúa nước"),
    "product": ("cà phê", "hồ tiêu", "chanh dây", "chuối", "mía đường", "cao su", "hạt điều", "mật ong"),
    "partner": ("Nhật Bản", "Hàn Quốc", "Israel", "Lào", "Campuchia", "Thái Lan", "Singapore", "Australia"),
    "ethnic": ("Jrai", "Bahnar"),
    "partner_en": ("Japanese", "South Korean", "Israeli", "Thai", "Singaporean"),
    "market_en": ("Japan", "South Korea", "China", "the EU", "the Middle East"),
    "product_en": ("coffee", "pepper", "passion fruit", "banana", "cashew"),
}
# fmt: on
NUMBERS = {"n": (3, 15), "pct": (8, 35)}

# Headlines by table, topic and sentiment; placeholders are filled from FILLERS and NUMBERS. "vi" is the
# voice of the Vietnamese press, "vi_foreign" that of Vietnamese-language services based abroad.
HEADLINES: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "vi": {
        "du lịch": {
            "positive": (
                "{spot} hút khách dịp cuối tuần",
                "Du lịch Gia Lai khởi sắc, lượng khách tăng {pct}% so với cùng kỳ",
                "Khám phá vẻ đẹp hoang sơ của {spot}",
                "Phát triển du lịch cộng đồng ở {district}",
                "{spot} - điểm đến hấp dẫn của phố núi",
                "Du khách {partner} thích thú với {spot}",
            ),
            "neutral": (
                "Gia Lai lấy ý kiến quy hoạch khu du lịch {spot}",
                "{district} khảo sát tiềm năng phát triển du lịch cộng đồng",
                "Gia Lai giới thiệu sản phẩm du lịch tại hội chợ ở {city}",
                "Hội thảo phát triển du lịch gắn với văn hóa cồng chiêng tại {district}",
            ),
            "negative": (
                "Rác thải bủa vây {spot}",
                "Hạ tầng yếu kém, {spot} vắng khách",
                "Du lịch {district} chưa tương xứng với tiềm năng",
            ),
        },
        "đầu tư": {
            "positive": (
                "Gia Lai thu hút thêm {n} dự án đầu tư mới",
                "Nhà đầu tư {partner} tìm hiểu cơ hội đầu tư tại {district}",
                "Trao chứng nhận đầu tư dự án điện gió tại {district}",
                "Khởi công nhà máy chế biến {product} tại {district}",
                "Doanh nghiệp {partner} đầu tư trồng {crop} công nghệ cao ở Gia Lai",
            ),
            "neutral": (
                "{district} rà soát các dự án chậm triển khai",
                "Gia Lai gặp gỡ doanh nghiệp {partner}",
                "{district} kêu gọi đầu tư {n} dự án nông nghiệp",
            ),
            "negative": (
                "Gia Lai thu hồi {n} dự án chậm tiến độ",
                "Dự án treo nhiều năm, người dân {district} mòn mỏi chờ",
                "Dự án thủy điện nhỏ ở {district} chậm tiến độ",
            ),
        },
        "thương mại": {
            "positive": (
                "{product} Gia Lai xuất khẩu sang {partner}",
                "Kim ngạch xuất khẩu của Gia Lai tăng {pct}% so với cùng kỳ",
                "Đưa {product} {district} vào siêu thị lớn",
                "Doanh nghiệp {partner} tìm mua {product} Gia Lai",
            ),
            "neutral": (
                "Kết nối cung cầu, tiêu thụ {product} cho nông dân {district}",
                "Giá {product} tại Gia Lai biến động nhẹ",
                "Gia Lai và tỉnh Ratanakiri (Campuchia) bàn giải pháp thúc đẩy xuất khẩu {product}",
            ),
            "negative": (
                "Giá {product} giảm sâu, nông dân {district} lao đao",
                "Tồn kho {product}, doanh nghiệp Gia Lai gặp khó",
                "Buôn lậu qua biên giới {border_district} diễn biến phức tạp",
            ),
        },
        "văn hóa": {
            "positive": (
                "Không gian văn hóa cồng chiêng ở {district}",
                "Giữ nghề dệt thổ cẩm của đồng bào {ethnic} ở {district}",
                "Đưa nhà rông trở lại buôn làng ở {district}",
                "Rộn ràng lễ mừng lúa mới của người {ethnic} ở {district}",
                "Nghệ nhân {ethnic} ở {district} truyền dạy đánh chiêng cho lớp trẻ",
            ),
            "neutral": (
                "{district} kiểm kê di sản văn hóa phi vật thể",
                "Liên hoan cồng chiêng {district} năm 2019",
                "Bảo tồn văn hóa cồng chiêng trong đời sống đương đại ở {district}",
            ),
            "negative": (
                "Nhà rông truyền thống ở {district} xuống cấp",
                "Cồng chiêng cổ bị bán ra khỏi buôn làng ở {district}",
            ),
        },
        "biên giới": {
            "positive": (
                "Bộ đội Biên phòng giúp dân {border_commune} phát triển kinh tế",
                "Đồn Biên phòng {border_post} tặng quà học sinh nghèo {border_commune}",
                "Giao lưu hữu nghị quốc phòng biên giới tại {border_district}",
                "{border_district} ký kết biên bản hợp tác với huyện giáp biên của tỉnh Ratanakiri (Campuchia)",
            ),
            "neutral": (
                "Tuyên truyền Luật Biên giới quốc gia tại {border_commune}",
                "Tuần tra song phương trên tuyến biên giới {border_district}",
                "Hoàn thiện hồ sơ phân giới, cắm mốc biên giới đoạn qua {border_district}",
            ),
            "negative": (
                "Phát hiện nhóm người vượt biên trái phép qua {border_district}",
                "Bắt giữ đối tượng vận chuyển hàng lậu qua biên giới {border_district}",
                "Khai thác gỗ trái phép ở khu vực biên giới {border_commune}",
            ),
        },
        "biển đảo": {
            "positive": (
                "Cán bộ, nhân dân {district} quyên góp ủng hộ quân và dân huyện đảo Trường Sa",
                "Đoàn công tác tỉnh Gia Lai thăm quân và dân huyện đảo Trường Sa",
                "Học sinh {district} hướng về biển, đảo quê hương",
            ),
            "neutral": (
                "Triển lãm “Hoàng Sa, Trường Sa của Việt Nam - Những bằng chứng lịch sử và pháp lý” tại {district}",
                "Tuyên truyền chủ quyền biển, đảo cho đồng bào dân tộc thiểu số ở {district}",
                "Gia Lai phát động cuộc thi tìm hiểu về biển, đảo Việt Nam",
            ),
            "negative": (
                "Phát hiện sản phẩm in hình “đường lưỡi bò” bày bán ở Pleiku",
                "Thông tin sai lệch về chủ quyền biển, đảo lan truyền trên mạng xã hội",
            ),
        },
        # The Vietnamese press does not run critical human-rights stories about the province.
        "nhân quyền": {
            "positive": (
                "Thành tựu bảo đảm quyền của đồng bào dân tộc thiểu số ở {district}",
                "Bảo đảm quyền được học tập của trẻ em dân tộc thiểu số ở {district}",
                "Gia Lai bảo đảm quyền con người trong hoạt động tư pháp",
            ),
            "neutral": (
                "Tập huấn kiến thức về quyền con người cho cán bộ cơ sở ở {district}",
                "Gia Lai tiếp đoàn Đại sứ quán {partner} tìm hiểu tình hình quyền con người",
            ),
        },
        "dân tộc thiểu số": {
            "positive": (
                "Đồng bào {ethnic} ở {district} thoát nghèo nhờ trồng {crop}",
                "{district} hỗ trợ đồng bào dân tộc thiểu số phát triển sản xuất",
                "Già làng người {ethnic} ở {district} - điểm tựa của buôn làng",
                "Cô giáo người {ethnic} gieo chữ ở vùng sâu {district}",
            ),
            "neutral": (
                "{district} tổ chức Đại hội đại biểu các dân tộc thiểu số lần thứ III",
                "Rà soát hộ nghèo đồng bào dân tộc thiểu số tại {district}",
            ),
            "negative": (
                "Người {ethnic} ở {district} thiếu đất sản xuất",
                "Tranh chấp đất đai giữa người dân và công ty lâm nghiệp ở {district}",
                "Đời sống người dân tộc thiểu số ở {district} còn nhiều khó khăn",
            ),
        },
        "tôn giáo": {
            "positive": (
                "Gia Lai tạo điều kiện cho các tổ chức tôn giáo hoạt động đúng pháp luật",
                "Chức sắc tôn giáo {district} chung tay xây dựng nông thôn mới",
                "Đồng bào có đạo ở {district} tích cực tham gia giảm nghèo",
            ),
            "neutral": (
                "Cấp đăng ký sinh hoạt tôn giáo tập trung cho {n} điểm nhóm ở {district}",
                "Hội nghị triển khai Luật Tín ngưỡng, tôn giáo tại {district}",
            ),
            "negative": (
                "Hoạt động truyền đạo trái phép ở {district}",
                "Phát hiện tài liệu tuyên truyền tôn giáo trái phép ở {district}",
            ),
        },
        "an ninh trật tự": {
            "positive": (
                "Công an {district} triệt phá đường dây ma túy",
                "Giữ vững an ninh trật tự vùng đồng bào dân tộc thiểu số {district}",
                "Phong trào toàn dân bảo vệ an ninh Tổ quốc ở {district}",
            ),
            "neutral": (
                "Tăng cường tuần tra, kiểm soát an toàn giao thông trên {road_section}",
                "Công an {district} ra quân trấn áp tội phạm",
            ),
            "negative": (
                "Tai nạn giao thông nghiêm trọng trên {road_section}",
                "Phá rừng trái phép ở {district}",
                "Khởi tố vụ án lừa đảo chiếm đoạt tài sản tại {district}",
                "Cháy rừng ở {district}, thiệt hại hàng chục héc-ta",
            ),
        },
    },
    "vi_foreign": {
        "du lịch": {
            "positive": ("Núi lửa Chư Đăng Ya - điểm đến mới của Tây Nguyên",),
            "neutral": (
                "Gia Lai muốn thu hút khách du lịch quốc tế",
                "Du lịch cộng đồng ở {district}: kỳ vọng và thực tế",
            ),
            "negative": ("Du lịch Tây Nguyên: tiềm năng lớn, hạ tầng yếu",),
        },
        "đầu tư": {
            "neutral": (
                "Điện gió, điện mặt trời đổ về Gia Lai",
                "Nhà đầu tư {partner} quan tâm nông nghiệp Tây Nguyên",
            ),
            "negative": (
                "Làn sóng dự án điện mặt trời ở {district} và nỗi lo mất đất",
                "Dự án nông nghiệp công nghệ cao ở Gia Lai: ai hưởng lợi?",
            ),
        },
        "thương mại": {
            "neutral": (
                "Xuất khẩu nông sản Tây Nguyên phụ thuộc thị trường Trung Quốc",
                "Thương mại qua cửa khẩu Lệ Thanh tăng trở lại",
            ),
            "negative": (
                "Giá {product} xuống thấp, nông dân Gia Lai lo lắng",
                "Nông dân {district} điêu đứng vì giá {product}",
            ),
        },
        "văn hóa": {
            "positive": ("Nghệ nhân cồng chiêng giữ hồn buôn làng {ethnic}",),
            "neutral": (
                "Văn hóa cồng chiêng Tây Nguyên trong đời sống hôm nay",
                "Lễ bỏ mả của người {ethnic} ở {district}",
            ),
            "negative": ("Cồng chiêng Tây Nguyên trước nguy cơ mai một",),
        },
        "biên giới": {
            "neutral": (
                "Tình hình biên giới Việt Nam - Campuchia ở {border_district}",
                "Đời sống người dân {border_commune} nơi biên giới",
            ),
            "negative": (
                "Người Thượng tiếp tục trốn sang Campuchia",
                "Campuchia trục xuất người Thượng về Việt Nam qua {border_district}",
                "Người vượt biên từ Gia Lai kể về hành trình sang Campuchia",
            ),
        },
        "biển đảo": {
            "neutral": ("Các tỉnh Tây Nguyên tổ chức hoạt động hướng về Trường Sa",),
            "negative": ("Sản phẩm in “đường lưỡi bò” xuất hiện ở Tây Nguyên",),
        },
        "nhân quyền": {
            "neutral": (
                "Phái đoàn ngoại giao thăm Gia Lai tìm hiểu tình hình nhân quyền",
                "Gia Lai nói bảo đảm quyền con người cho đồng bào dân tộc thiểu số",
                "Luật sư nói về các vụ án liên quan người Thượng ở {district}",
            ),
            "negative": (
                "Tổ chức nhân quyền kêu gọi trả tự do cho người Thượng bị giam giữ ở Gia Lai",
                "Báo cáo nhân quyền thường niên nêu tên tỉnh Gia Lai",
                "Người Thượng ở {district} bị bắt vì liên lạc với tổ chức nước ngoài",
            ),
        },
        "dân tộc thiểu số": {
            "neutral": (
                "Người {ethnic} ở {district} và câu chuyện giữ đất rừng",
                "Chính sách hỗ trợ người dân tộc thiểu số ở Gia Lai: người dân nói gì?",
            ),
            "negative": (
                "Tranh chấp đất rừng giữa người Thượng và công ty lâm nghiệp ở {district}",
                "Người dân tộc thiểu số ở {district} nói bị ép giao đất",
            ),
        },
        "tôn giáo": {
            "neutral": (
                "Các điểm nhóm Tin Lành ở {district} xin đăng ký sinh hoạt",
                "Gia Lai công nhận thêm {n} điểm nhóm Tin Lành",
            ),
            "negative": (
                "Tín đồ Tin Lành ở {district} nói bị ép bỏ đạo",
                "Mục sư tại {district} bị triệu tập",
                "Tín đồ Tin Lành ở {district} phản ánh bị ngăn cản sinh hoạt tôn giáo",
            ),
        },
        "an ninh trật tự": {
            "neutral": (
                "Gia Lai tăng cường an ninh ở vùng dân tộc thiểu số",
                "Gia Lai xét xử {n} bị cáo trong vụ án ma túy xuyên biên giới",
            ),
            "negative": (
                "Dân phản đối trạm thu phí BOT trên quốc lộ 19 qua Gia Lai",
                "Người dân {district} phản đối thu hồi đất, xô xát với lực lượng chức năng",
            ),
        },
    },
    "en": {
        "du lịch": {
            "positive": ("Gia Lai's volcanic landscapes draw more visitors to Vietnam's Central Highlands",),
            "neutral": ("Vietnam's Gia Lai province seeks tourism investors",),
            "negative": ("Tourism in Vietnam's Gia Lai lags behind its potential",),
        },
        "đầu tư": {
            "positive": (
                "{partner_en} investors eye high-tech farming in Vietnam's Gia Lai",
                "Gia Lai approves new wind power projects",
            ),
            "neutral": ("Vietnam's Gia Lai reviews delayed investment projects",),
            "negative": ("Gia Lai revokes licences of {n} stalled projects",),
        },
        "thương mại": {
            "positive": ("Gia Lai {product_en} finds new markets in {market_en}",),
            "neutral": ("Vietnam, Cambodia border provinces discuss trade links",),
            "negative": ("Falling {product_en} prices hit farmers in Vietnam's Central Highlands",),
        },
        "văn hóa": {
            "positive": ("Gong culture thrives in Vietnam's Central Highlands",),
            "neutral": ("Gia Lai takes stock of its intangible cultural heritage",),
            "negative": ("Ancient gongs vanish from Central Highlands villages",),
        },
        "biên giới": {
            "positive": ("Vietnamese and Cambodian border guards hold friendship exchange in Gia Lai",),
            "neutral": ("Vietnam and Cambodia finalise border demarcation records",),
            "negative": (
                "Illegal border crossings rise in Vietnam's Gia Lai",
                "Montagnards cross into Cambodia seeking asylum",
            ),
        },
        "biển đảo": {
            "positive": ("Vietnam's highland province rallies support for Truong Sa soldiers",),
            "neutral": ("Gia Lai hosts exhibition on Hoang Sa and Truong Sa archives",),
            "negative": ("Goods printed with China's 'nine-dash line' found in Gia Lai",),
        },
        "nhân quyền": {
            "positive": ("Vietnam highlights rights gains for ethnic minorities in Central Highlands",),
            "neutral": (
                "Foreign diplomats visit Gia Lai to discuss human rights",
                "Vietnam says it protects the rights of ethnic minorities in Gia Lai",
            ),
            "negative": (
                "Rights group raises concerns over arrests in Vietnam's Central Highlands",
                "Report criticises treatment of ethnic minorities in Gia Lai",
            ),
        },
        "dân tộc thiểu số": {
            "positive": ("Jrai farmers escape poverty with passion fruit",),
            "neutral": ("Gia Lai holds congress of ethnic minority delegates",),
            "negative": ("Land disputes simmer in Vietnam's Central Highlands",),
        },
        "tôn giáo": {
            "positive": ("Religious groups in Gia Lai join poverty relief drive",),
            "neutral": ("Gia Lai registers {n} more Protestant congregations",),
            "negative": ("Christians in Vietnam's Central Highlands report harassment",),
        },
        "an ninh trật tự": {
            "positive": ("Gia Lai police break up drug ring",),
            "neutral": ("Gia Lai steps up traffic patrols on Highway 14",),
            "negative": ("Forest fires sweep through Gia Lai", "Illegal logging persists in Gia Lai's forests"),
        },
    },
    # Xinhua's Chinese service writes about trade, investment, tourism, culture and the border only.
    "zh": {
        "thương mại": {
            "positive": ("越南嘉莱省百香果出口增长",),
            "neutral": ("越南嘉莱省与柬埔寨腊塔纳基里省探讨边境贸易合作",),
        },
        "đầu tư": {
            "positive": ("越南嘉莱省吸引外资发展高科技农业",),
            "neutral": ("越南嘉莱省公布2019年招商引资项目清单",),
        },
        "du lịch": {
            "positive": ("越南嘉莱省火山景观吸引游客",),
            "neutral": ("越南嘉莱省推介旅游资源",),
        },
        "văn hóa": {
            "positive": ("越南西原锣钲文化空间焕发活力",),
            "neutral": ("越南嘉莱省开展非物质文化遗产普查",),
        },
        "biên giới": {
            "positive": ("越柬边境省份加强友好合作",),
            "neutral": ("越柬陆地边界勘界立碑工作取得新进展",),
        },
    },
}

# Summaries are written by the monitoring staff, always in Vietnamese: what it is about, then its tone.
ASPECTS = {
    "du lịch": ("Giới thiệu điểm đến, sản phẩm du lịch của tỉnh", "Đưa tin về hoạt động xúc tiến, quảng bá du lịch"),
    "đầu tư": ("Thông tin về thu hút đầu tư, tiến độ dự án", "Đưa tin về môi trường đầu tư, kinh doanh của tỉnh"),
    "thương mại": ("Thông tin về xuất khẩu, tiêu thụ nông sản", "Đưa tin về thị trường hàng hóa, thương mại"),
    "văn hóa": ("Giới thiệu văn hóa truyền thống của đồng bào Jrai, Bahnar", "Đưa tin về bảo tồn di sản văn hóa"),
    "biên giới": ("Thông tin về tuyến biên giới Việt Nam - Campuchia", "Đưa tin về quản lý, đối ngoại biên giới"),
    "biển đảo": ("Thông tin về tuyên truyền chủ quyền biển, đảo", "Đưa tin về hoạt động hướng về biển, đảo"),
    "nhân quyền": (
        "Đề cập tình hình bảo đảm quyền con người tại địa phương",
        "Thông tin về vấn đề nhân quyền ở Tây Nguyên",
    ),
    "dân tộc thiểu số": ("Phản ánh đời sống đồng bào dân tộc thiểu số", "Đưa tin về thực hiện chính sách dân tộc"),
    "tôn giáo": ("Thông tin về hoạt động tôn giáo trên địa bàn", "Đề cập tình hình tín ngưỡng, tôn giáo ở Tây Nguyên"),
    "an ninh trật tự": ("Thông tin về tình hình an ninh trật tự", "Đưa tin về đấu tranh phòng, chống tội phạm"),
}
TONES = {
    ("domestic", "positive"): "thông tin tích cực, góp phần quảng bá hình ảnh tỉnh",
    ("domestic", "neutral"): "thông tin khách quan",
    ("domestic", "negative"): "phản ánh hạn chế, đã chuyển cơ quan liên quan xem xét",
    ("foreign", "positive"): "thông tin tích cực",
    ("foreign", "neutral"): "thông tin khách quan, tiếp tục theo dõi",
    ("foreign", "negative"): "thông tin tiêu cực, cần theo dõi",
}
FALSE_TONE = "nội dung sai sự thật, xuyên tạc tình hình địa phương"


@dataclass(frozen=True)
class Outlet:
    name: str
    scope: str
    weight: int
    media: tuple[tuple[str, int], ...]  # (medium, weight)
    language: str
    titles: str  # key of HEADLINES: the language its titles are recorded in
    url: str  # format string over slug, m, d and the parts in URL_PARTS it names
    ids: tuple[int, int] = (0, 1)  # article id on 1 January, ids used per day: ids grow as on real sites
    reach: tuple[int, int] = (1_000, 20_000)
    # Sentiment weights that override the topic's: state media abroad rarely write critically.
    tone: tuple[int, int, int] | None = None


ONLINE = (("online", 1),)
# fmt: off
OUTLETS = (
    Outlet("Báo Gia Lai", "domestic", 30, (("print", 2), ("online", 3)), "Tiếng Việt", "vi",
           "https://baogialai.com.vn/channel/8023/2019{m:02d}/{slug}-{id}/", ids=(5_610_000, 120),
           reach=(2_000, 15_000)),
    Outlet("Đài PT-TH Gia Lai", "domestic", 18, (("tv", 3), ("radio", 2)), "Tiếng Việt", "vi",
           "https://gialaitv.vn/{slug}-{id}.html", ids=(118_000, 60), reach=(5_000, 40_000)),
    Outlet("Báo Nhân Dân", "domestic", 8, (("print", 1), ("online", 2)), "Tiếng Việt", "vi",
           "https://nhandan.com.vn/xahoi/item/{id}-{slug}.html", ids=(38_900, 35), reach=(10_000, 120_000)),
    Outlet("Báo Tuổi Trẻ", "domestic", 6, ONLINE, "Tiếng Việt", "vi",
           "https://tuoitre.vn/{slug}-2019{m:02d}{d:02d}{hms}.htm", reach=(20_000, 300_000)),
    Outlet("VnExpress", "domestic", 6, ONLINE, "Tiếng Việt", "vi",
           "https://vnexpress.net/{slug}-{id}.html", ids=(3_870_000, 450), reach=(30_000, 500_000)),
    Outlet("Báo Thanh Niên", "domestic", 6, (("print", 1), ("online", 3)), "Tiếng Việt", "vi",
           "https://thanhnien.vn/thoi-su/{slug}-{id}.html", ids=(1_020_000, 600), reach=(20_000, 250_000)),
    Outlet("Báo Quân đội nhân dân", "domestic", 5, (("print", 1), ("online", 1)), "Tiếng Việt", "vi",
           "https://www.qdnd.vn/chinh-tri/tin-tuc/{slug}-{id}", ids=(560_000, 400), reach=(5_000, 60_000)),
    Outlet("VTV", "domestic", 4, (("tv", 3), ("online", 1)), "Tiếng Việt", "vi",
           "https://vtv.vn/trong-nuoc/{slug}-2019{m:02d}{d:02d}{hms}.htm", reach=(50_000, 800_000)),
    Outlet("TTXVN", "domestic", 6, ONLINE, "Tiếng Việt", "vi",
           "https://www.vietnamplus.vn/{slug}/{id}.vnp", ids=(540_000, 250), reach=(10_000, 150_000)),
    Outlet("Báo Biên phòng", "domestic", 5, (("print", 1), ("online", 1)), "Tiếng Việt", "vi",
           "https://www.bienphong.com.vn/{slug}-post{id}.html", ids=(21_000, 60), reach=(2_000, 30_000)),
    Outlet("Facebook", "domestic", 6, (("social", 1),), "Tiếng Việt", "vi",
           "https://www.facebook.com/permalink.php?story_fbid={id}",
           ids=(2_150_000_000_000_000, 900_000_000_000), reach=(300, 60_000)),
    Outlet("RFA", "foreign", 25, (("online", 3), ("radio", 1)), "Tiếng Việt", "vi_foreign",
           "https://www.rfa.org/vietnamese/news/vietnamnews/{slug}-{m:02d}{d:02d}2019{hms}.html",
           reach=(3_000, 45_000)),
    Outlet("BBC Tiếng Việt", "foreign", 15, ONLINE, "Tiếng Việt", "vi_foreign",
           "https://www.bbc.com/vietnamese/vietnam-{id}", ids=(46_800_000, 12_000), reach=(10_000, 120_000)),
    Outlet("VOA Tiếng Việt", "foreign", 15, ONLINE, "Tiếng Việt", "vi_foreign",
           "https://www.voatiengviet.com/a/{slug}/{id}.html", ids=(4_760_000, 400), reach=(3_000, 40_000)),
    Outlet("RFI", "foreign", 10, (("online", 2), ("radio", 1)), "Tiếng Việt", "vi_foreign",
           "https://www.rfi.fr/vi/viet-nam/2019{m:02d}{d:02d}-{slug}", reach=(2_000, 25_000)),
    Outlet("The Diplomat", "foreign", 5, ONLINE, "English", "en",
           "https://thediplomat.com/2019/{m:02d}/{slug}/", reach=(5_000, 60_000)),
    Outlet("Reuters", "foreign", 6, ONLINE, "English", "en",
           "https://www.reuters.com/article/us-vietnam-{slug}-idUSKCN1{code}", reach=(20_000, 400_000)),
    Outlet("Xinhua", "foreign", 6, ONLINE, "English", "en",
           "http://www.xinhuanet.com/english/2019-{m:02d}/{d:02d}/c_{id}.htm", ids=(137_700_000, 15_000),
           reach=(5_000, 80_000), tone=(45, 50, 5)),
    Outlet("Xinhua (tiếng Trung)", "foreign", 5, ONLINE, "Tiếng Trung", "zh",
           "http://www.xinhuanet.com/world/2019-{m:02d}/{d:02d}/c_{id}.htm", ids=(1_124_000_000, 2_000),
           reach=(5_000, 80_000), tone=(45, 50, 5)),
    Outlet("Khmer Times", "foreign", 6, (("online", 3), ("print", 1)), "English", "en",
           "https://www.khmertimeskh.com/{id}/{slug}/", ids=(570_000, 250), reach=(2_000, 30_000),
           tone=(30, 55, 15)),
    Outlet("Fresh News", "foreign", 4, ONLINE, "Tiếng Khmer", "vi",
           "https://freshnewsasia.com/index.php/en/localnews/{id}.html", ids=(115_000, 180),
           reach=(5_000, 50_000), tone=(30, 55, 15)),
    Outlet("YouTube", "foreign", 8, (("social", 1),), "Tiếng Việt", "vi_foreign",
           "https://www.youtube.com/watch?v={key}", reach=(500, 90_000)),
)
# fmt: on
OUTLETS_BY_NAME = {outlet.name: outlet for outlet in OUTLETS}
# Random parts of links, made only for the outlets whose link format uses them.
URL_PARTS: dict[str, Callable[[random.Random], str]] = {
    "hms": lambda rng: f"{rng.randint(6, 22):02d}{rng.randrange(60):02d}{rng.randrange(60):02d}",
    "key": lambda rng: "".join(rng.choice(string.ascii_letters + string.digits + "-_") for _ in range(11)),
    "code": lambda rng: "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(5)),
}


@dataclass(frozen=True)
class Story:
    """A week when one story dominates and negative coverage spikes far above the usual level."""

    topic: str
    monday: dt.date
    count: int
    outlets: tuple[str, ...]
    vi: tuple[str, ...]
    en: tuple[str, ...]


STORIES = (
    # The week after Easter (21/04/2019): reports of Protestant gatherings broken up.
    Story(
        "tôn giáo",
        d(22, 4),
        30,
        ("RFA", "VOA Tiếng Việt", "BBC Tiếng Việt", "RFI", "YouTube", "Facebook", "The Diplomat"),
        (
            "Tín đồ Tin Lành ở {district} cho biết bị ngăn cản nhóm họp dịp lễ Phục sinh",
            "Lễ Phục sinh ở Tây Nguyên: người theo đạo phản ánh bị sách nhiễu",
            "Chính quyền Gia Lai bị cáo buộc giải tán buổi nhóm họp Phục sinh",
            "Người Thượng ở Gia Lai lên tiếng về tự do tôn giáo sau lễ Phục sinh",
            "Tổ chức tôn giáo quốc tế quan ngại về tình hình ở Gia Lai",
        ),
        (
            "Christians in Vietnam's Central Highlands say Easter gatherings were broken up",
            "Montagnard Christians in Gia Lai report harassment after Easter",
            "Rights groups urge Vietnam to respect religious freedom in Gia Lai",
        ),
    ),
    # A group crossing into Cambodia's Ratanakiri province, reported on both sides of the border.
    Story(
        "biên giới",
        d(19, 8),
        34,
        (
            "RFA",
            "VOA Tiếng Việt",
            "BBC Tiếng Việt",
            "RFI",
            "Khmer Times",
            "Fresh News",
            "Reuters",
            "YouTube",
            "Facebook",
        ),
        (
            "Nhóm người dân tộc thiểu số vượt biên trái phép sang Campuchia qua {border_district}",
            "Campuchia bắt giữ nhóm người từ Gia Lai nhập cảnh trái phép vào tỉnh Ratanakiri",
            "Người Thượng xin tị nạn tại Campuchia: thông tin trái chiều",
            "Phát hiện {n} trường hợp xuất cảnh trái phép qua biên giới {border_district}",
        ),
        (
            "Cambodia detains Montagnards who crossed from Vietnam's Gia Lai",
            "More Montagnards flee to Cambodia, rights groups say",
            "UN refugee agency asked to help Montagnards in Ratanakiri",
        ),
    ),
)


@dataclass(frozen=True)
class FalseCase:
    """A false-information case and how it was handled: (days after publication, response stage)."""

    published: dt.date
    outlet: str
    topic: str
    title: str
    reach: int
    steps: tuple[tuple[int, str], ...]


# Chosen so that at the last version every response stage is present: closed cases from the spring,
# refuted ones from the August border story, some only reported, one just found, two not worth answering.
# fmt: off
FALSE_CASES = (
    FalseCase(d(14, 1), "RFA", "nhân quyền", "Gia Lai xét xử người dân tộc thiểu số không có luật sư bào chữa",
              21_400, ((3, "reported"), (10, "refuted"), (40, "closed"))),
    FalseCase(d(5, 3), "RFI", "nhân quyền", "Báo cáo quốc tế nêu Gia Lai là điểm nóng đàn áp tôn giáo",
              9_600, ((6, "reported"), (20, "refuted"), (60, "closed"))),
    FalseCase(d(11, 3), "VOA Tiếng Việt", "dân tộc thiểu số", "Đồng bào Bahnar ở huyện Kbang bị cưỡng chế rời đất rẫy",
              12_800, ((2, "reported"), (9, "refuted"), (35, "closed"))),
    FalseCase(d(22, 4), "RFA", "tôn giáo", "Tín đồ Tin Lành ở huyện Chư Sê bị ngăn cản tổ chức lễ Phục sinh",
              18_200, ((3, "reported"), (9, "refuted"), (45, "closed"))),
    FalseCase(d(23, 4), "VOA Tiếng Việt", "tôn giáo", "Người Thượng ở Gia Lai tố cáo bị sách nhiễu trong tuần lễ Phục sinh",
              15_500, ((2, "reported"), (10, "refuted"), (50, "closed"))),
    FalseCase(d(24, 4), "BBC Tiếng Việt", "nhân quyền", "Gia Lai bị cáo buộc bắt giữ tín đồ sau lễ Phục sinh",
              64_000, ((2, "reported"), (8, "refuted"), (47, "closed"))),
    FalseCase(d(25, 4), "YouTube", "tôn giáo", "Clip: công an giải tán buổi nhóm họp của tín đồ Tin Lành ở Gia Lai",
              38_700, ((1, "reported"), (6, "refuted"), (40, "closed"))),
    FalseCase(d(26, 4), "Facebook", "tôn giáo", "Tin đồn cắt hỗ trợ hộ nghèo theo đạo Tin Lành ở huyện Ia Pa",
              870, ((2, "no_action"),)),
    FalseCase(d(18, 6), "RFA", "dân tộc thiểu số", "Dự án điện gió ở Gia Lai lấy đất của người dân tộc thiểu số",
              11_300, ((3, "reported"), (11, "refuted"), (42, "closed"))),
    FalseCase(d(12, 7), "Facebook", "biên giới", "Tin đồn tạm đóng cửa khẩu quốc tế Lệ Thanh",
              1_240, ((1, "no_action"),)),
    FalseCase(d(19, 8), "RFA", "biên giới", "Hàng chục người Thượng ở Gia Lai vượt biên sang Campuchia vì bị đàn áp",
              26_900, ((2, "reported"), (7, "refuted"), (48, "closed"))),
    FalseCase(d(20, 8), "RFI", "biên giới", "Người Thượng Gia Lai trốn sang Campuchia xin tị nạn",
              8_400, ((3, "reported"), (12, "refuted"))),
    FalseCase(d(21, 8), "VOA Tiếng Việt", "biên giới", "Người dân biên giới Đức Cơ bị cưỡng chế thu hồi đất làm đồn biên phòng",
              10_100, ((4, "reported"), (15, "refuted"))),
    FalseCase(d(22, 8), "YouTube", "biên giới", "Clip: bộ đội biên phòng Gia Lai nổ súng vào người vượt biên",
              52_300, ((1, "reported"), (5, "refuted"))),
    FalseCase(d(23, 8), "BBC Tiếng Việt", "dân tộc thiểu số", "Người Jrai ở Ia Grai phải bỏ làng sang Campuchia",
              47_500, ((3, "reported"),)),
    FalseCase(d(25, 9), "RFA", "tôn giáo", "Chính quyền huyện Chư Prông buộc tín đồ ký cam kết bỏ đạo",
              14_600, ((3, "reported"),)),
    FalseCase(d(28, 9), "YouTube", "an ninh trật tự", "Clip: bạo loạn ở Pleiku",
              23_800, ((4, "reported"),)),
)
# fmt: on


@dataclass(frozen=True)
class Mention:
    published_on: dt.date
    outlet: Outlet
    medium: str
    title: str
    summary: str
    url: str
    topic: str
    sentiment: str
    task_code: str
    reach: int | None
    # Dated response stages of a false-information case; empty for ordinary mentions.
    steps: tuple[tuple[dt.date, str], ...] = ()

    def row(self, as_of: dt.date) -> dict[str, object]:
        """The row as the monitoring log stood on `as_of`: only response steps taken by then."""
        taken = [step for step in self.steps if step[0] <= as_of]
        responded_on, response = taken[-1] if taken else (None, "not_handled" if self.steps else None)
        return {
            "published_on": self.published_on,
            "outlet": self.outlet.name,
            "scope": self.outlet.scope,
            "medium": self.medium,
            "language": self.outlet.language,
            "title": self.title,
            "summary": self.summary,
            "url": self.url,
            "topic": self.topic,
            "sentiment": self.sentiment,
            "is_false": bool(self.steps),
            "task_code": self.task_code,
            "response": response,
            "responded_on": responded_on,
            "reach": self.reach,
        }


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def fill(template: str, rng: random.Random) -> str:
    def one(match: re.Match) -> str:
        name = match.group(1)
        if name in NUMBERS:
            return str(rng.randint(*NUMBERS[name]))
        return rng.choice(FILLERS[name])

    text = re.sub(r"\{(\w+)\}", one, template)
    return text[0].upper() + text[1:]


def slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", strip_accents(title).lower())
    return "-".join(words[:12])


class Urls:
    """Plausible, unique links per outlet; the media log is keyed by its link."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        # The importer compares links case-insensitively, so uniqueness is checked the same way.
        self.seen: set[str] = set()

    def make(self, outlet: Outlet, title: str, day: dt.date) -> str:
        base = slug(title)
        for attempt in range(1, 100):
            text = base if attempt == 1 else f"{base}-{attempt}"
            url = outlet.url.format(slug=text, m=day.month, d=day.day, **self.parts(outlet, day))
            if url.casefold() not in self.seen:
                self.seen.add(url.casefold())
                return url
        raise RuntimeError(f"no unique link for {outlet.name}: {title}")

    def parts(self, outlet: Outlet, day: dt.date) -> dict[str, object]:
        """The variable parts of one link: an article id that grows with the date, times, video keys."""
        found = {name: make(self.rng) for name, make in URL_PARTS.items() if "{" + name in outlet.url}
        if "{id" in outlet.url:
            first, per_day = outlet.ids
            found["id"] = first + day.timetuple().tm_yday * per_day + self.rng.randrange(per_day)
        return found


def sentiment_weights(outlet: Outlet, topic: str) -> tuple[int, int, int]:
    if outlet.tone:
        return outlet.tone
    if outlet.scope == "foreign":
        return (5, 35, 60) if topic in SENSITIVE else (35, 50, 15)
    if topic == "an ninh trật tự":
        return (25, 45, 30)
    return (55, 42, 3) if topic in SENSITIVE else (55, 38, 7)


def task_for(outlet: Outlet, topic: str, sentiment: str) -> str:
    # Good domestic coverage of tourism, investment, trade and culture is task 2's promotion work;
    # everything else is what task 3 monitors.
    promoted = topic in {"du lịch", "đầu tư", "thương mại", "văn hóa"}
    return "NV2" if outlet.scope == "domestic" and sentiment == "positive" and promoted else "NV3"


def summary(outlet: Outlet, topic: str, tone: str, rng: random.Random) -> str:
    text = f"{rng.choice(ASPECTS[topic])}; {tone}."
    if outlet.titles == "vi" and outlet.language != "Tiếng Việt":
        text += f" Tin gốc {outlet.language[0].lower()}{outlet.language[1:]}, tiêu đề dịch."
    return text


def reach(outlet: Outlet, rng: random.Random) -> int | None:
    if rng.random() < 0.4:  # outlets publish no audience figure for many items
        return None
    return round(rng.randint(*outlet.reach), -1)


class Press:
    """Builds the year's mentions; one random stream, consumed in a fixed order."""

    def __init__(self) -> None:
        self.rng = rng_for("media")
        self.urls = Urls(self.rng)

    def mention(self, day: dt.date, outlet: Outlet, topic: str, sentiment: str, title: str) -> Mention:
        rng = self.rng
        medium = rng.choices([m for m, _ in outlet.media], weights=[w for _, w in outlet.media])[0]
        return Mention(
            day,
            outlet,
            medium,
            title,
            summary(outlet, topic, TONES[outlet.scope, sentiment], rng),
            self.urls.make(outlet, title, day),
            topic,
            sentiment,
            task_for(outlet, topic, sentiment),
            reach(outlet, rng),
        )

    def ordinary(self, day: dt.date) -> Mention:
        rng = self.rng
        scope = "foreign" if rng.random() < FOREIGN_SHARE else "domestic"
        outlet = OUTLETS_BY_NAME[weighted(rng, {o.name: o.weight for o in OUTLETS if o.scope == scope})]
        table = HEADLINES[outlet.titles]
        topic = weighted(rng, {t: w for t, w in TOPIC_WEIGHTS[scope].items() if t in table})
        choices = dict(zip(SENTIMENTS, sentiment_weights(outlet, topic), strict=True))
        sentiment = weighted(rng, {s: w for s, w in choices.items() if s in table[topic]})
        return self.mention(day, outlet, topic, sentiment, fill(rng.choice(table[topic][sentiment]), rng))

    def story(self, story: Story) -> Mention:
        rng = self.rng
        day = story.monday + dt.timedelta(days=rng.randrange(7))
        outlet = OUTLETS_BY_NAME[rng.choice(story.outlets)]
        titles = story.en if outlet.titles == "en" else story.vi
        return self.mention(day, outlet, story.topic, "negative", fill(rng.choice(titles), rng))

    def false_case(self, case: FalseCase) -> Mention:
        outlet = OUTLETS_BY_NAME[case.outlet]
        steps = tuple((case.published + dt.timedelta(days=after), stage) for after, stage in case.steps)
        return Mention(
            case.published,
            outlet,
            outlet.media[0][0],
            case.title,
            summary(outlet, case.topic, FALSE_TONE, self.rng),
            self.urls.make(outlet, case.title, case.published),
            case.topic,
            "negative",
            "NV3",
            case.reach,
            steps,
        )


def daily_count(day: dt.date, rng: random.Random) -> int:
    count = rng.randint(1, 5) if day.weekday() >= 5 else rng.randint(4, 9)
    if d(2, 2) <= day <= d(10, 2):  # Tết Kỷ Hợi: newsrooms slow down
        count //= 2
    return count


def make_mentions(last_day: dt.date) -> list[Mention]:
    press = Press()
    mentions = []
    day = d(1, 1)
    while day <= last_day:
        mentions.extend(press.ordinary(day) for _ in range(daily_count(day, press.rng)))
        day += dt.timedelta(days=1)
    for story in STORIES:
        mentions.extend(press.story(story) for _ in range(story.count))
    mentions.extend(press.false_case(case) for case in FALSE_CASES)
    return sorted(mentions, key=lambda m: (m.published_on, m.outlet.name, m.url))


# --- One workbook per quarter -------------------------------------------------------------------


def tasks_frame(quarter: int) -> pd.DataFrame:
    rows = []
    for task in TASKS:
        update = task.updates[quarter - 1]
        rows.append(
            {
                "task_code": task.code,
                "content": task.content,
                "lead_unit": "P.TTBCXB",  # Section III: the division leads every item of the plan
                "support_units": list(task.support),
                "timing_text": task.timing,
                "is_ongoing": task.ongoing,
                "start_on": task.start,
                "due_on": task.due,
                "progress": update.progress,
                "state": update.state,
                "completed_on": update.completed_on,
                "updated_on": update.updated_on,
                "note": update.note,
            }
        )
    return pd.DataFrame(rows)


def indicators_frame(quarter: int) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "task_code": task,
                "indicator": name,
                "measure_unit": unit,
                "target": target,
                "actual": actual[quarter - 1],
                "note": note,
            }
            for task, name, unit, target, actual, note in INDICATORS
        ]
    )


def milestones_frame(as_of: dt.date) -> pd.DataFrame:
    rows = []
    for milestone in MILESTONES:
        done = milestone.completed if milestone.completed and milestone.completed <= as_of else None
        late = (done or as_of) > milestone.due
        rows.append(
            {
                "milestone_code": milestone.code,
                "task_code": milestone.task,
                "content": milestone.content,
                "due_on": milestone.due,
                "quarter": (milestone.due.month - 1) // 3 + 1,
                "completed_on": done,
                "unit_code": milestone.unit,
                "note": milestone.late_note if late else None,
            }
        )
    return pd.DataFrame(rows)


def budget_frame() -> pd.DataFrame:
    fields = ("line_code", "task_code", "content", "source", "unit_code", "planned", "note")
    return pd.DataFrame([dict(zip(fields, line, strict=True)) for line in BUDGET_LINES])


def disbursements_frame(numbered: dict[Payment, str], as_of: dt.date) -> pd.DataFrame:
    paid = sorted((p for p in PAYMENTS if p.paid_on <= as_of), key=lambda p: (p.paid_on, p.line))
    return pd.DataFrame(
        [
            {"line_code": p.line, "paid_on": p.paid_on, "amount": p.amount, "voucher": numbered[p], "note": p.note}
            for p in paid
        ]
    )


def media_frame(mentions: list[Mention], as_of: dt.date) -> pd.DataFrame:
    return pd.DataFrame([m.row(as_of) for m in mentions if m.published_on <= as_of])


def outlets_frame() -> pd.DataFrame:
    """The outlet directory the division keeps: each outlet once, graded by its widest reach."""

    def tier(widest: int) -> str:
        return "A" if widest >= 200_000 else "B" if widest >= 50_000 else "C" if widest >= 20_000 else "D"

    return pd.DataFrame(
        [
            {
                "outlet": o.name,
                "scope": o.scope,
                "medium": max(o.media, key=lambda m: m[1])[0],
                "language": o.language,
                "tier": tier(o.reach[1]),
                "note": None,
            }
            for o in OUTLETS
        ]
    )


def check_budget() -> None:
    # The demo shows spending within plan on every line; an overspent line would read as a data error.
    planned = {line[0]: line[5] for line in BUDGET_LINES}
    for code, limit in planned.items():
        total = sum(p.amount for p in PAYMENTS if p.line == code)
        if total > limit:
            raise ValueError(f"{code}: {total} paid, {limit} planned")


def main(out_dir: Path = DEMO_DIR) -> None:
    check_budget()
    numbered = vouchers()
    mentions = make_mentions(DEMO_VERSIONS[-1][1])
    plan = pd.DataFrame([PLAN])
    units = pd.DataFrame(UNITS, columns=["unit_code", "unit_name", "unit_kind"])
    out_dir.mkdir(parents=True, exist_ok=True)
    for quarter, (file_name, as_of) in enumerate(DEMO_VERSIONS, start=1):
        frames = {
            "plan_info": plan,
            "units": units,
            "tasks": tasks_frame(quarter),
            "indicators": indicators_frame(quarter),
            "milestones": milestones_frame(as_of),
            "budget_lines": budget_frame(),
            "disbursements": disbursements_frame(numbered, as_of),
            "media": media_frame(mentions, as_of),
            "outlets": outlets_frame(),
        }
        # Dated the morning after the quarter closes, when the division would send it.
        created = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time(8, 0))
        write_workbook(out_dir / file_name, frames, banner=BANNER, created=created)
        counts = ", ".join(f"{name} {len(frame)}" for name, frame in frames.items())
        print(f"{file_name}: {counts}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEMO_DIR)
