"""The workbooks the import must accept, each with the rows it must store and the warnings it must give.

Each top-level call is one case; running this module registers them in golden_builders.CASES."""

from __future__ import annotations

import datetime as dt

from golden_base import (
    BUDGET_HEADERS,
    MEDIA_HEADERS,
    SMALL_UNITS,
    T_MIN,
    TASK_ROWS,
    UNIT_HEADERS,
)
from golden_builders import (
    Formula,
    Grid,
    d,
    nfd,
    p,
    row,
    valid,
)

valid(
    "banners_and_title_rows",
    "A new plan as offices send it: title rows and merged banners above every header, headers with the "
    "template's stars and colons, Năm typed as text, dates as text.",
    [
        Grid(
            "Kế hoạch",
            [
                ["KẾ HOẠCH TRIỂN KHAI CÔNG TÁC THÔNG TIN ĐỐI NGOẠI NĂM 2019"],
                [],
                ["Thông tin", "Giá trị"],
                ["Tên kế hoạch *", "Kế hoạch triển khai công tác thông tin đối ngoại năm 2019"],
                ["Số hiệu", "25/KH-STTTT"],
                ["Năm *", "2019"],
                ["Đơn vị ban hành", "Sở Thông tin và Truyền thông tỉnh Gia Lai"],
                ["Ngày ban hành:", "20/03/2019"],
                ["Căn cứ", "Kế hoạch số 495/KH-UBND; Nghị định 72/2015/NĐ-CP"],
            ],
            merges=("A1:B1",),
        ),
        Grid(
            "Đơn vị",
            [
                ["DANH SÁCH ĐƠN VỊ"],
                ["(Kèm theo Kế hoạch số 25/KH-STTTT)"],
                ["Mã đơn vị *", "Tên đơn vị *", "Loại"],
                ["P.TTBCXB", "Phòng Thông tin - Báo chí - Xuất bản", "Trong Sở"],
                ["VP", "Văn phòng Sở", "Trong Sở"],
                ["SNV", "Sở Ngoại vụ", "Bên ngoài"],
            ],
            merges=("A1:C1", "A2:C2"),
        ),
        Grid(
            "Nhiệm vụ",
            [
                ["UBND TỈNH GIA LAI", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                ["SỞ THÔNG TIN VÀ TRUYỀN THÔNG", None, None, "Độc lập - Tự do - Hạnh phúc"],
                [],
                ["BẢNG THEO DÕI TIẾN ĐỘ NHIỆM VỤ"],
                [
                    "Mã NV *",
                    "Nội dung nhiệm vụ *",
                    "Đơn vị chủ trì *",
                    "Đơn vị phối hợp",
                    "Thường xuyên",
                    "Ngày bắt đầu",
                    "Hạn hoàn thành",
                    "Tiến độ (%) *",
                ],
                [
                    "NV1",
                    "Theo dõi, tổng hợp dư luận báo chí",
                    "P.TTBCXB",
                    "VP",
                    "Có",
                    d(2019, 1, 1),
                    d(2019, 12, 31),
                    25,
                ],
                ["NV2", "Tổng hợp danh sách cán bộ", "VP", None, "Không", None, d(2019, 3, 31), 100],
            ],
            merges=("A1:C1", "D1:H1", "A2:C2", "D2:H2", "A4:H4"),
        ),
    ],
    {"plan_info": 1, "units": 3, "tasks": 2},
    {
        "plan_info": [
            row(
                {"year": 2019},
                title="Kế hoạch triển khai công tác thông tin đối ngoại năm 2019",
                doc_number="25/KH-STTTT",
                issuer="Sở Thông tin và Truyền thông tỉnh Gia Lai",
                issued_on="2019-03-20",
                legal_bases="Kế hoạch số 495/KH-UBND; Nghị định 72/2015/NĐ-CP",
            )
        ],
        "units": [
            row({"unit_code": "SNV"}, unit_name="Sở Ngoại vụ", unit_kind="external"),
            row({"unit_code": "VP"}, unit_name="Văn phòng Sở", unit_kind="internal"),
        ],
        "tasks": [
            row(
                {"task_code": "NV1"},
                content="Theo dõi, tổng hợp dư luận báo chí",
                lead_unit="P.TTBCXB",
                support_units=["VP"],
                is_ongoing=True,
                start_on="2019-01-01",
                due_on="2019-12-31",
                progress=25,
            ),
            row(
                {"task_code": "NV2"},
                lead_unit="VP",
                support_units=[],
                is_ongoing=False,
                start_on=None,
                due_on="2019-03-31",
                progress=100,
            ),
        ],
    },
    base=False,
)
valid(
    "headers_without_diacritics",
    "Sheets and headers typed without diacritics: 'Nhiem vu', 'Ma NV', 'Noi dung nhiem vu', 'Chi tieu' …",
    [
        Grid(
            "Nhiem vu",
            [
                [
                    "Ma NV",
                    "Noi dung nhiem vu",
                    "Don vi chu tri",
                    "Don vi phoi hop",
                    "Thoi gian thuc hien",
                    "Thuong xuyen",
                    "Ngay bat dau",
                    "Han hoan thanh",
                    "Tien do (%)",
                    "Trang thai",
                    "Ngay hoan thanh",
                    "Cap nhat ngay",
                    "Ghi chu",
                ],
                *TASK_ROWS,
            ],
        ),
        Grid(
            "Chi tieu",
            [
                ["Ma NV", "Chi tieu", "Don vi tinh", "Ke hoach", "Thuc hien", "Ghi chu"],
                ["NV3", "Lớp bồi dưỡng", "lớp", 1, 1, None],
                ["NV3", "Học viên", "người", 80, 76, "4 học viên vắng"],
                ["NV4", "Cụm pa nô", "cụm", 2, 0, None],
            ],
        ),
    ],
    {"tasks": 4, "indicators": 3},
    {
        "tasks": [
            row(
                {"task_code": "NV2"},
                lead_unit="VP",
                is_ongoing=False,
                due_on="2019-03-31",
                progress=100,
                state="done",
                completed_on="2019-03-29",
                updated_on="2019-03-29",
                timing_text="Hoàn thành ngày 31/03/2019",
            ),
            row(
                {"task_code": "NV4"},
                support_units=["BĐBP", "SVHTTDL"],
                start_on="2019-01-01",
                due_on="2019-09-30",
                progress=10,
                state="in_progress",
            ),
        ],
        "indicators": [
            row(
                {"task_code": "NV3", "indicator": "Học viên"},
                measure_unit="người",
                target=80,
                actual=76,
                note="4 học viên vắng",
            )
        ],
    },
)
valid(
    "english_headers",
    "A new plan with English sheet names, headers and list values; a managing unit given by its name.",
    [
        Grid(
            "Plan",
            [
                ["Title", "Gia Lai external information plan 2019"],
                ["Document number", "25/KH-STTTT"],
                ["Year", 2019],
                ["Issued by", "Gia Lai Department of Information and Communications"],
                ["Issue date", d(2019, 3, 20)],
            ],
        ),
        Grid(
            "Units",
            [
                ["Unit code", "Unit name", "Kind"],
                ["P.KHTC", "Planning and Finance Division", "Internal"],
                ["VP", "Office", "internal"],
                ["BĐBP", "Border Guard Command", "External"],
            ],
        ),
        Grid(
            "Tasks",
            [
                [
                    "Task code",
                    "Task",
                    "Lead unit",
                    "Supporting units",
                    "Ongoing",
                    "Start date",
                    "Due date",
                    "Progress (%)",
                    "State",
                    "Completion date",
                    "Updated on",
                    "Note",
                ],
                [
                    "NV4",
                    "Build two billboard clusters on the border",
                    "P.KHTC",
                    "BĐBP; VP",
                    "No",
                    d(2019, 1, 1),
                    d(2019, 9, 30),
                    "40%",
                    "In progress",
                    None,
                    d(2019, 6, 30),
                    "Quarter window",
                ],
                [
                    "NV2",
                    "List of officials",
                    "VP",
                    None,
                    "No",
                    None,
                    d(2019, 3, 31),
                    100,
                    "Done",
                    d(2019, 3, 29),
                    d(2019, 3, 29),
                    None,
                ],
            ],
        ),
        Grid(
            "Budget",
            [
                ["Line code", "Task code", "Item", "Funding source", "Managing unit", "Planned (VND)", "Note"],
                ["NS01", "NV4", "Billboards", "State budget", "P.KHTC", "300,000,000", None],
                ["NS02", "NV4", "Sponsorship", "Private contributions", "Office", 50_000_000, None],
            ],
        ),
        Grid(
            "Disbursements",
            [
                ["Line code", "Date", "Amount (VND)", "Voucher", "Note"],
                ["NS01", "2019-04-15", "50,000,000", "PC 12", None],
            ],
        ),
    ],
    {"plan_info": 1, "units": 3, "tasks": 2, "budget_lines": 2, "disbursements": 1},
    {
        "plan_info": [
            row(
                {"year": 2019},
                title="Gia Lai external information plan 2019",
                doc_number="25/KH-STTTT",
                issued_on="2019-03-20",
            )
        ],
        "units": [row({"unit_code": "BĐBP"}, unit_name="Border Guard Command", unit_kind="external")],
        "tasks": [
            row(
                {"task_code": "NV4"},
                lead_unit="P.KHTC",
                support_units=["BĐBP", "VP"],
                is_ongoing=False,
                progress=40,
                state="in_progress",
                updated_on="2019-06-30",
                note="Quarter window",
            ),
            row({"task_code": "NV2"}, state="done", completed_on="2019-03-29", progress=100),
        ],
        "budget_lines": [
            row({"line_code": "NS01"}, task_code="NV4", source="state", unit_code="P.KHTC", planned=300_000_000),
            row({"line_code": "NS02"}, source="social", unit_code="VP", planned=50_000_000),
        ],
        "disbursements": [row({"line_code": "NS01"}, paid_on="2019-04-15", amount=50_000_000, voucher="PC 12")],
    },
    base=False,
)
valid(
    "header_spelling",
    "Headers with trailing and doubled spaces, odd case, decomposed (NFD) Unicode, a star and a colon; "
    "an upper-case sheet name; NFD list values.",
    [
        Grid(
            "NHIỆM VỤ",
            [
                [
                    "  Mã  NV  ",
                    nfd("Nội dung nhiệm vụ"),
                    "ĐƠN VỊ CHỦ TRÌ",
                    "đơn vị phối hợp ",
                    "Thường Xuyên",
                    "Hạn hoàn thành *",
                    nfd("Tiến độ (%)") + " ",
                    "trạng thái:",
                ],
                ["NV1", "Theo dõi báo chí", "P.TTBCXB", "VP", "Có", None, 35, nfd("Đang thực hiện")],
                [
                    "NV2",
                    nfd("Tổng hợp danh sách cán bộ"),
                    "VP",
                    None,
                    nfd("Không"),
                    d(2019, 3, 31),
                    100,
                    "Hoàn thành",
                ],
                ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "P.KHTC", "Không", d(2019, 7, 31), 0, "Chưa triển khai"],
                ["NV4", "Pa nô", "P.KHTC", "BĐBP", "Không", d(2019, 9, 30), 15, "Đang thực hiện"],
            ],
        )
    ],
    {
        "plan_info": 1,
        "units": 6,
        "tasks": 4,
        "indicators": 3,
        "milestones": 4,
        "budget_lines": 3,
        "disbursements": 1,
        "media": 2,
    },
    {
        "tasks": [
            row(
                {"task_code": "NV1"},
                content="Theo dõi báo chí",
                lead_unit="P.TTBCXB",
                support_units=["VP"],
                is_ongoing=True,
                progress=35,
                state="in_progress",
            ),
            row(
                {"task_code": "NV2"},
                content="Tổng hợp danh sách cán bộ",
                is_ongoing=False,
                due_on="2019-03-31",
                progress=100,
                state="done",
            ),
        ],
    },
)
valid(
    "dates_every_form",
    "Dates as real Excel dates and date-times, as 05/03/2019 (5 March), 5/3/2019, 2019-03-05, 01.07.2019, "
    "31-07-2019, with spaces around.",
    [
        Grid(
            "Nhiệm vụ",
            [
                [
                    "Mã NV",
                    "Nội dung nhiệm vụ",
                    "Đơn vị chủ trì",
                    "Thường xuyên",
                    "Ngày bắt đầu",
                    "Hạn hoàn thành",
                    "Tiến độ (%)",
                    "Ngày hoàn thành",
                    "Cập nhật ngày",
                ],
                [
                    "NV1",
                    "Theo dõi báo chí",
                    "P.TTBCXB",
                    "Có",
                    d(2019, 1, 1),
                    dt.datetime(2019, 12, 31),
                    50,
                    None,
                    "05/03/2019",
                ],
                [
                    "NV2",
                    "Tổng hợp danh sách",
                    "VP",
                    "Không",
                    "5/3/2019",
                    "2019-03-31",
                    100,
                    "29/03/2019",
                    "2019-03-29",
                ],
                ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "Không", "01.07.2019", "31-07-2019", 0, None, "5/3/2019"],
                [
                    "NV4",
                    "Pa nô",
                    "P.KHTC",
                    "Không",
                    " 2019-01-02 ",
                    d(2019, 9, 30),
                    20,
                    None,
                    dt.datetime(2019, 3, 5, 14, 30),
                ],
            ],
            formats={"F5": "dd/mm/yyyy", "I5": "dd/mm/yyyy hh:mm"},
        ),
        Grid(
            "Giải ngân",
            [
                ["Mã dòng", "Ngày", "Số tiền (đồng)", "Chứng từ"],
                ["NS01", "05/03/2019", 1_000_000, "PC 01"],
                ["NS01", "5/3/2019", 2_000_000, "PC 02"],
                ["NS02", "2019-03-05", 3_000_000, "PC 03"],
                ["NS02", d(2019, 3, 5), 4_000_000, "PC 04"],
            ],
        ),
    ],
    {"tasks": 4, "disbursements": 5},
    {
        "tasks": [
            row({"task_code": "NV1"}, start_on="2019-01-01", due_on="2019-12-31", updated_on="2019-03-05"),
            row(
                {"task_code": "NV2"},
                start_on="2019-03-05",
                due_on="2019-03-31",
                completed_on="2019-03-29",
                updated_on="2019-03-29",
            ),
            row({"task_code": "NV3"}, start_on="2019-07-01", due_on="2019-07-31", updated_on="2019-03-05"),
            row({"task_code": "NV4"}, start_on="2019-01-02", due_on="2019-09-30", updated_on="2019-03-05"),
        ],
        "disbursements": [
            row({"voucher": "PC 01"}, line_code="NS01", paid_on="2019-03-05", amount=1_000_000),
            row({"voucher": "PC 02"}, line_code="NS01", paid_on="2019-03-05", amount=2_000_000),
            row({"voucher": "PC 03"}, line_code="NS02", paid_on="2019-03-05", amount=3_000_000),
            row({"voucher": "PC 04"}, line_code="NS02", paid_on="2019-03-05", amount=4_000_000),
        ],
    },
)
valid(
    "money_every_form",
    "Money as a number, '1.234.567', '1,234,567', '1 234 567', '2.000' (two thousand), '2.000 đ', "
    "'1.234.567 VNĐ', no-break spaces, '300.000.000 ₫', 2000.0.",
    [
        Grid(
            "Ngân sách",
            [
                BUDGET_HEADERS[:6],
                ["NS01", "NV4", "Pa nô", "Ngân sách nhà nước", "P.KHTC", 1_234_567],
                ["NS02", "NV3", "Lớp bồi dưỡng", "Ngân sách nhà nước", "P.TTBCXB", "1.234.567"],
                ["NS03", "NV1", "Theo dõi báo chí", "Xã hội hóa", "P.TTBCXB", "1,234,567"],
                ["NS04", None, "Văn phòng phẩm", "Lồng ghép", "VP", "1 234 567"],
                ["NS05", None, "Nước uống", "Lồng ghép", "VP", "2.000"],
                ["NS06", None, "Gửi xe", "Lồng ghép", "VP", "2.000 đ"],
                ["NS07", None, "In ấn", "Lồng ghép", "VP", "1.234.567 VNĐ"],
                ["NS08", None, "Thuê hội trường", "Lồng ghép", "VP", "3\u00a0500\u00a0000"],
                ["NS09", None, "Pa nô bổ sung", "Ngân sách nhà nước", "P.KHTC", "300.000.000 ₫"],
                ["NS10", None, "Tem thư", "Lồng ghép", "VP", 2000.0],
            ],
            formats={"F2": "#,##0"},
        ),
        Grid(
            "Giải ngân",
            [
                ["Mã dòng", "Ngày", "Số tiền (đồng)", "Chứng từ"],
                ["NS04", d(2019, 5, 2), "500.000", "PC 05"],
                ["NS09", d(2019, 5, 3), "1,000,000 đồng", "PC 06"],
                ["NS09", d(2019, 5, 4), " 250 000 ", "PC 07"],
            ],
        ),
    ],
    {"budget_lines": 10, "disbursements": 4},
    {
        "budget_lines": [
            row({"line_code": "NS01"}, planned=1_234_567, source="state"),
            row({"line_code": "NS02"}, planned=1_234_567),
            row({"line_code": "NS03"}, planned=1_234_567, source="social"),
            row({"line_code": "NS04"}, planned=1_234_567, source="integrated", task_code=None),
            row({"line_code": "NS05"}, planned=2000),
            row({"line_code": "NS06"}, planned=2000),
            row({"line_code": "NS07"}, planned=1_234_567),
            row({"line_code": "NS08"}, planned=3_500_000),
            row({"line_code": "NS09"}, planned=300_000_000),
            row({"line_code": "NS10"}, planned=2000),
        ],
        "disbursements": [
            row({"voucher": "PC 05"}, line_code="NS04", amount=500_000),
            row({"voucher": "PC 06"}, line_code="NS09", amount=1_000_000),
            row({"voucher": "PC 07"}, line_code="NS09", amount=250_000),
        ],
    },
)
valid(
    "percent_every_form",
    "Progress as 60, '60%', 0.6 formatted 0% (= 60), 0.255 formatted 0.0%, '45,5%', '100 %', 0 formatted 0%, "
    "'12.5', 1 formatted 0% (= 100).",
    [
        Grid(
            "Nhiệm vụ",
            [
                ["Mã NV", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thường xuyên", "Tiến độ (%)"],
                ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", 60],
                ["NV2", "Tổng hợp danh sách", "VP", "Có", "60%"],
                ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "Có", 0.6],
                ["NV4", "Pa nô", "P.KHTC", "Có", 0.255],
                ["NV5", "Báo cáo quý", "VP", "Có", "45,5%"],
                ["NV6", "Tập huấn", "VP", "Có", "100 %"],
                ["NV7", "Hội nghị", "VP", "Có", 0],
                ["NV8", "Sách ảnh", "VP", "Có", "12.5"],
                ["NV9", "Tọa đàm", "VP", "Có", 1],
            ],
            formats={"E4": "0%", "E5": "0.0%", "E8": "0%", "E10": "0%"},
        )
    ],
    {
        "plan_info": 1,
        "units": 6,
        "tasks": 9,
        "indicators": 3,
        "milestones": 4,
        "budget_lines": 3,
        "disbursements": 1,
        "media": 2,
    },
    {
        "tasks": [
            row({"task_code": "NV1"}, progress=60),
            row({"task_code": "NV2"}, progress=60),
            row({"task_code": "NV3"}, progress=60),
            row({"task_code": "NV4"}, progress=25.5),
            row({"task_code": "NV5"}, progress=45.5),
            row({"task_code": "NV6"}, progress=100),
            row({"task_code": "NV7"}, progress=0),
            row({"task_code": "NV8"}, progress=12.5),
            row({"task_code": "NV9"}, progress=100),
        ],
    },
)
valid(
    "closed_lists_any_spelling",
    "Closed-list values in any case, NFD, without diacritics, as aliases and as Excel TRUE/FALSE.",
    [
        Grid(
            "Đơn vị",
            [
                UNIT_HEADERS,
                ["P.TTBCXB", "Phòng Thông tin - Báo chí - Xuất bản", "trong so"],
                ["P.KHTC", "Phòng Kế hoạch - Tài chính", "TRONG SỞ"],
                ["VP", "Văn phòng Sở", nfd("Trong Sở")],
                ["SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "ben ngoai"],
                ["BĐBP", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Bên Ngoài"],
                ["SNV", "Sở Ngoại vụ", "external"],
            ],
        ),
        Grid(
            "Nhiệm vụ",
            [
                [*T_MIN, "Trạng thái"],
                ["NV1", "Theo dõi báo chí", "P.TTBCXB", "co", None, 30, "dang thuc hien"],
                ["NV2", "Tổng hợp danh sách", "VP", "KHONG", d(2019, 3, 31), 100, "HOÀN THÀNH"],
                ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "không", d(2019, 7, 31), 0, "chua trien khai"],
                ["NV4", "Pa nô", "P.KHTC", "Không", d(2019, 9, 30), 10, nfd("tạm dừng")],
                ["NV5", "Báo cáo", "VP", True, None, 50, "Đang triển khai"],
                ["NV6", "Tập huấn", "VP", False, d(2019, 6, 30), 20, "in progress"],
            ],
        ),
        Grid(
            "Ngân sách",
            [
                ["Mã dòng", "Nội dung chi", "Nguồn kinh phí", "Dự toán (đồng)"],
                ["NS01", "Pa nô", "ngan sach nha nuoc", 300_000_000],
                ["NS02", "Lớp bồi dưỡng", "LONG GHEP", 50_000_000],
                ["NS03", "Theo dõi báo chí", "xa hoi hoa", 20_000_000],
                ["NS04", "Văn phòng phẩm", "nsnn", 1_000_000],
            ],
        ),
        Grid(
            "Báo chí",
            [
                [
                    "Ngày đăng",
                    "Cơ quan báo chí",
                    "Phạm vi",
                    "Loại hình",
                    "Tiêu đề",
                    "Đường dẫn",
                    "Sắc thái",
                    "Sai lệch",
                    "Tình trạng xử lý",
                    "Ngày xử lý",
                ],
                [
                    d(2019, 4, 1),
                    "Báo Gia Lai",
                    "TRONG NUOC",
                    "bao dien tu",
                    "Tin A",
                    "https://baogialai.com.vn/a",
                    "tich cuc",
                    "khong",
                    "khong can xu ly",
                    None,
                ],
                [
                    d(2019, 4, 2),
                    "BBC",
                    "nuoc ngoai",
                    "MẠNG XÃ HỘI",
                    "Tin B",
                    "https://bbc.com/b",
                    "TIEU CUC",
                    "co",
                    "da phan bac/cai chinh",
                    d(2019, 4, 3),
                ],
                [
                    d(2019, 4, 3),
                    "VTV",
                    "Trong nước",
                    "truyen hinh",
                    "Tin C",
                    "https://vtv.vn/c",
                    "trung lap",
                    False,
                    "da bao cao",
                    d(2019, 4, 4),
                ],
            ],
        ),
    ],
    {"units": 6, "tasks": 6, "budget_lines": 4, "media": 5},
    {
        "units": [
            row({"unit_code": "P.TTBCXB"}, unit_kind="internal"),
            row({"unit_code": "P.KHTC"}, unit_kind="internal"),
            row({"unit_code": "VP"}, unit_kind="internal"),
            row({"unit_code": "SVHTTDL"}, unit_kind="external"),
            row({"unit_code": "BĐBP"}, unit_kind="external"),
            row({"unit_code": "SNV"}, unit_kind="external"),
        ],
        "tasks": [
            row({"task_code": "NV1"}, is_ongoing=True, state="in_progress"),
            row({"task_code": "NV2"}, is_ongoing=False, state="done"),
            row({"task_code": "NV3"}, is_ongoing=False, state="not_started"),
            row({"task_code": "NV4"}, is_ongoing=False, state="paused"),
            row({"task_code": "NV5"}, is_ongoing=True, state="in_progress"),
            row({"task_code": "NV6"}, is_ongoing=False, state="in_progress"),
        ],
        "budget_lines": [
            row({"line_code": "NS01"}, source="state"),
            row({"line_code": "NS02"}, source="integrated"),
            row({"line_code": "NS03"}, source="social"),
            row({"line_code": "NS04"}, source="state"),
        ],
        "media": [
            row(
                {"url": "https://baogialai.com.vn/a"},
                scope="domestic",
                medium="online",
                sentiment="positive",
                is_false=False,
                response="no_action",
            ),
            row(
                {"url": "https://bbc.com/b"},
                scope="foreign",
                medium="social",
                sentiment="negative",
                is_false=True,
                response="refuted",
                responded_on="2019-04-03",
            ),
            row(
                {"url": "https://vtv.vn/c"},
                scope="domestic",
                medium="tv",
                sentiment="neutral",
                is_false=False,
                response="reported",
            ),
        ],
    },
)
valid(
    "unit_lists_every_form",
    "Đơn vị phối hợp separated by ';', ',' and new lines, by unit name (with or without diacritics) instead "
    "of code; a lead unit given by a name that contains commas, or by a code in lower case.",
    [
        Grid(
            "Nhiệm vụ",
            [
                ["Mã NV", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thường xuyên", "Tiến độ (%)"],
                ["NV1", "Theo dõi báo chí", "P.TTBCXB", "VP; P.KHTC", "Có", 30],
                ["NV2", "Tổng hợp danh sách", "VP", "P.TTBCXB, SNV", "Có", 100],
                ["NV3", "Lớp bồi dưỡng", "Phòng Thông tin - Báo chí - Xuất bản", "VP\nP.KHTC", "Có", 0],
                ["NV4", "Pa nô", "Sở Văn hóa, Thể thao và Du lịch", "Văn phòng Sở; Sở Ngoại vụ", "Có", 10],
                ["NV5", "Báo cáo", "p.khtc", "van phong so ;\n bo chi huy bo doi bien phong tinh", "Có", 5],
                ["NV6", "Tập huấn", "VP", " ; VP;; ", "Có", 5],
            ],
        )
    ],
    {"tasks": 6},
    {
        "tasks": [
            row({"task_code": "NV1"}, lead_unit="P.TTBCXB", support_units=["VP", "P.KHTC"]),
            row({"task_code": "NV2"}, lead_unit="VP", support_units=["P.TTBCXB", "SNV"]),
            row({"task_code": "NV3"}, lead_unit="P.TTBCXB", support_units=["VP", "P.KHTC"]),
            row({"task_code": "NV4"}, lead_unit="SVHTTDL", support_units=["VP", "SNV"]),
            row({"task_code": "NV5"}, lead_unit="P.KHTC", support_units=["VP", "BĐBP"]),
            row({"task_code": "NV6"}, lead_unit="VP", support_units=["VP"]),
        ],
    },
)
valid(
    "merged_data_cells",
    "Mã NV merged over the indicator rows of one task (typed 'nv3'), Mã NV and Đơn vị thực hiện merged over "
    "milestones, Mã dòng merged over disbursements; numbers '1.500' and '2,5'.",
    [
        Grid(
            "Chỉ tiêu",
            [
                ["Mã NV", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện"],
                ["nv3", "Lớp bồi dưỡng", "lớp", 1, 1],
                [None, "Học viên", "người", 80, 76],
                [None, "Tài liệu", "bộ", "1.500", "1.200"],
                ["NV4", "Cụm pa nô", "cụm", 2, 0],
                [None, "Giờ thi công", "ngày", "2,5", None],
            ],
            merges=("A2:A4", "A5:A6"),
        ),
        Grid(
            "Mốc tiến độ",
            [
                ["Mã mốc", "Mã NV", "Nội dung mốc", "Hạn", "Quý", "Đơn vị thực hiện"],
                ["M1", "NV4", "Khảo sát vị trí", d(2019, 3, 31), "I", "P.KHTC"],
                ["M2", None, "Lựa chọn nhà thầu", d(2019, 6, 30), "Quý II", None],
                ["M3", None, "Thi công, nghiệm thu", d(2019, 9, 30), "III/2019", None],
                ["M4", "NV3", "Mở lớp bồi dưỡng", d(2019, 7, 31), 3, "P.TTBCXB"],
            ],
            merges=("B2:B4", "F2:F4"),
        ),
        Grid(
            "Giải ngân",
            [
                ["Mã dòng", "Ngày", "Số tiền (đồng)", "Chứng từ"],
                ["NS01", d(2019, 5, 2), 10_000_000, "PC 1"],
                [None, d(2019, 6, 2), 20_000_000, "PC 2"],
            ],
            merges=("A2:A3",),
        ),
    ],
    {"indicators": 5, "milestones": 4, "disbursements": 3},
    {
        "indicators": [
            row({"indicator": "Lớp bồi dưỡng"}, task_code="NV3", target=1, actual=1),
            row({"indicator": "Học viên"}, task_code="NV3", target=80, actual=76),
            row({"indicator": "Tài liệu"}, task_code="NV3", target=1500, actual=1200),
            row({"indicator": "Giờ thi công"}, task_code="NV4", target=2.5, actual=None),
        ],
        "milestones": [
            row({"milestone_code": "M2"}, task_code="NV4", quarter=2, unit_code="P.KHTC"),
            row({"milestone_code": "M3"}, task_code="NV4", quarter=3, unit_code="P.KHTC"),
            row({"milestone_code": "M4"}, task_code="NV3", quarter=3, unit_code="P.TTBCXB"),
        ],
        "disbursements": [
            row({"voucher": "PC 1"}, line_code="NS01", amount=10_000_000),
            row({"voucher": "PC 2"}, line_code="NS01", amount=20_000_000, paid_on="2019-06-02"),
        ],
    },
)
valid(
    "blank_rows_hidden_and_extra_columns",
    "An STT column of never-calculated formulas, a hidden extra column, an unknown 'Người nhập' column, "
    "blank rows between data, rows with only STT, values with surrounding spaces.",
    [
        Grid(
            "Nhiệm vụ",
            [
                [
                    "STT",
                    "Mã NV",
                    "Nội dung nhiệm vụ",
                    "Mã cũ",
                    "Đơn vị chủ trì",
                    "Thường xuyên",
                    "Hạn hoàn thành",
                    "Tiến độ (%)",
                    "Người nhập",
                ],
                [
                    Formula("=ROW()-1"),
                    "  NV1  ",
                    "Theo dõi dư luận báo chí  ",
                    "X1",
                    " P.TTBCXB ",
                    "Có ",
                    None,
                    30,
                    "Lan",
                ],
                [],
                [None, None, "   ", None, None, None, None, None, None],
                [
                    Formula("=ROW()-3"),
                    "NV2",
                    "Tổng hợp danh sách",
                    "X2",
                    "VP",
                    "Không",
                    "31/03/2019 ",
                    "100 ",
                    "Lan",
                ],
                [3],
                [Formula("=ROW()-5"), None, None, None, None, None, None, None, "Hùng"],
                ["4", "NV3", "Lớp bồi dưỡng", "X3", "P.TTBCXB", "Không", "31/07/2019", 0, None],
                [],
                [Formula("=ROW()-5")],
                # NV4 stays: the base's milestones, indicator and budget line point at it.
                ["6", "NV4", "Xây dựng pa nô", "X4", "P.KHTC", "Không", "30/09/2019", 10, None],
            ],
            hidden=("D",),
        )
    ],
    {"tasks": 4},
    {
        "tasks": [
            row(
                {"task_code": "NV1"},
                content="Theo dõi dư luận báo chí",
                lead_unit="P.TTBCXB",
                is_ongoing=True,
                progress=30,
            ),
            row({"task_code": "NV2"}, lead_unit="VP", is_ongoing=False, due_on="2019-03-31", progress=100),
            row({"task_code": "NV3"}, due_on="2019-07-31", progress=0),
        ],
    },
)
valid(
    "formulas_with_cached_values",
    "Formulas that Excel calculated and saved are read as their value (number, text, date).",
    [
        Grid(
            "Nhiệm vụ",
            [
                T_MIN,
                ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, Formula("=30*2", 60)],
                [
                    Formula('="NV"&2', "NV2"),
                    "Tổng hợp danh sách",
                    "VP",
                    "Không",
                    Formula("=DATE(2019,3,31)", 43555),
                    Formula("=100", 100),
                ],
                # The base's tasks that other sheets point at stay, so the plan remains whole.
                ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "Không", d(2019, 7, 31), 0],
                ["NV4", "Pa nô", "P.KHTC", "Không", d(2019, 9, 30), 10],
            ],
            formats={"E3": "dd/mm/yyyy"},
        ),
        Grid(
            "Ngân sách",
            [
                ["Mã dòng", "Nội dung chi", "Nguồn kinh phí", "Dự toán (đồng)"],
                ["NS01", "Pa nô", "Ngân sách nhà nước", Formula("=100000000*3", 300_000_000)],
                ["NS02", "Lớp bồi dưỡng", "Ngân sách nhà nước", Formula("=SUM(10000000,40000000)", 50_000_000)],
                ["NS03", "Theo dõi báo chí", "Xã hội hóa", 20_000_000],
            ],
        ),
    ],
    {"tasks": 4, "budget_lines": 3},
    {
        "tasks": [
            row({"task_code": "NV1"}, progress=60),
            row({"task_code": "NV2"}, due_on="2019-03-31", progress=100, is_ongoing=False),
        ],
        "budget_lines": [
            row({"line_code": "NS01"}, planned=300_000_000),
            row({"line_code": "NS02"}, planned=50_000_000),
        ],
    },
)
empty_if = '=IF(B{r}="","",{v})'
valid(
    "formulas_returning_empty_text",
    'A template whose formulas Excel calculated to empty text (=IF(B4="","",…), saved as t="str" '
    "<v/>) in unused rows and in an optional column: read as blank cells, not as uncalculated formulas.",
    [
        Grid(
            "Nhiệm vụ",
            [
                ["STT", "Mã NV", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thường xuyên", "Tiến độ (%)", "Ghi chú"],
                [
                    Formula(empty_if.format(r=2, v="ROW()-1"), 1),
                    "NV1",
                    "Theo dõi báo chí",
                    "P.TTBCXB",
                    "Có",
                    Formula(empty_if.format(r=2, v=30), 30),
                    Formula('=IF(F2<50,"Chậm","")', "Chậm"),
                ],
                [
                    Formula(empty_if.format(r=3, v="ROW()-1"), 2),
                    "NV2",
                    "Tổng hợp danh sách",
                    "VP",
                    "Có",
                    80,
                    Formula('=IF(F3<50,"Chậm","")', ""),
                ],
                [
                    Formula(empty_if.format(r=4, v="ROW()-1"), ""),
                    None,
                    None,
                    None,
                    None,
                    Formula(empty_if.format(r=4, v=30), ""),
                    Formula('=IF(F4<50,"Chậm","")', ""),
                ],
                [
                    Formula(empty_if.format(r=5, v="ROW()-1"), ""),
                    None,
                    None,
                    None,
                    None,
                    Formula(empty_if.format(r=5, v=30), ""),
                    Formula('=IF(F5<50,"Chậm","")', ""),
                ],
                # The base's tasks that other sheets point at stay, so the plan remains whole.
                [3, "NV3", "Lớp bồi dưỡng", "P.TTBCXB", "Có", 0, None],
                [4, "NV4", "Pa nô", "P.KHTC", "Có", 10, None],
            ],
        )
    ],
    {"tasks": 4},
    {
        "tasks": [
            row({"task_code": "NV1"}, progress=30, note="Chậm"),
            row({"task_code": "NV2"}, progress=80, note=None),
        ],
    },
)
valid(
    "plan_labels_merged",
    "A new plan whose Kế hoạch labels are merged over columns A:B with the values in column C: the merged "
    "label is one cell, its value is the next cell after the merged range.",
    [
        Grid(
            "Kế hoạch",
            [
                ["KẾ HOẠCH"],
                ["Tên kế hoạch", None, "Kế hoạch thông tin đối ngoại năm 2020"],
                ["Số hiệu", None, "12/KH-STTTT"],
                ["Năm", None, 2020],
                ["Ngày ban hành", None, "15/01/2020"],
            ],
            merges=("A1:C1", "A2:B2", "A3:B3", "A4:B4", "A5:B5"),
        ),
        Grid("Đơn vị", SMALL_UNITS),
    ],
    {"plan_info": 1, "units": 2},
    {
        "plan_info": [
            row(
                {"year": 2020},
                title="Kế hoạch thông tin đối ngoại năm 2020",
                doc_number="12/KH-STTTT",
                issued_on="2020-01-15",
            )
        ],
    },
    base=False,
)
valid(
    "header_merged_across_columns",
    "Nội dung nhiệm vụ merged over columns B:D, in the header and in every data row: one column, not three.",
    [
        Grid(
            "Nhiệm vụ",
            [
                ["Mã NV", "Nội dung nhiệm vụ", None, None, "Đơn vị chủ trì", "Thường xuyên", "Tiến độ (%)"],
                ["NV1", "Theo dõi, tổng hợp dư luận báo chí", None, None, "P.TTBCXB", "Có", 30],
                ["NV2", "Tổng hợp danh sách cán bộ", None, None, "VP", "Có", 100],
                # The base's tasks that other sheets point at stay, so the plan remains whole.
                ["NV3", "Lớp bồi dưỡng", None, None, "P.TTBCXB", "Có", 0],
                ["NV4", "Pa nô", None, None, "P.KHTC", "Có", 10],
            ],
            merges=("B1:D1", "B2:D2", "B3:D3", "B4:D4", "B5:D5"),
        )
    ],
    {"tasks": 4},
    {
        "tasks": [
            row(
                {"task_code": "NV1"},
                content="Theo dõi, tổng hợp dư luận báo chí",
                lead_unit="P.TTBCXB",
                progress=30,
            ),
            row({"task_code": "NV2"}, content="Tổng hợp danh sách cán bộ", progress=100),
        ],
    },
)
valid(
    "two_level_header",
    "A two-row header: 'Đơn vị' and 'Thời gian' merged above their sub-columns, the other headers merged "
    "down over both rows.",
    [
        Grid(
            "Nhiệm vụ",
            [
                ["BẢNG THEO DÕI NHIỆM VỤ"],
                ["Mã NV", "Nội dung nhiệm vụ", "Đơn vị", None, "Thời gian", None, "Tiến độ (%)"],
                [None, None, "Đơn vị chủ trì", "Đơn vị phối hợp", "Ngày bắt đầu", "Hạn hoàn thành", None],
                ["NV1", "Theo dõi báo chí", "P.TTBCXB", "VP", d(2019, 1, 1), d(2019, 12, 31), 40],
                ["NV4", "Pa nô", "P.KHTC", "BĐBP", d(2019, 1, 1), d(2019, 9, 30), 20],
                # The base's tasks that other sheets point at stay, so the plan remains whole.
                ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", None, d(2019, 7, 1), d(2019, 7, 31), 0],
            ],
            merges=("A1:G1", "A2:A3", "B2:B3", "C2:D2", "E2:F2", "G2:G3"),
        )
    ],
    {"tasks": 3},
    {
        "tasks": [
            row(
                {"task_code": "NV1"},
                lead_unit="P.TTBCXB",
                support_units=["VP"],
                start_on="2019-01-01",
                due_on="2019-12-31",
                progress=40,
            ),
            row({"task_code": "NV4"}, lead_unit="P.KHTC", support_units=["BĐBP"], due_on="2019-09-30", progress=20),
        ],
    },
)
intro = [["UBND TỈNH GIA LAI"], ["SỞ THÔNG TIN VÀ TRUYỀN THÔNG"], [], ["DỰ TOÁN KINH PHÍ NĂM 2019"]]
intro += [[f"Ghi chú {i}: số liệu tạm tính"] for i in range(1, 11)]
valid(
    "header_on_row_15",
    "Ngân sách whose header is on row 15, the last row searched.",
    [
        Grid(
            "Ngân sách",
            [
                *intro,
                ["Mã dòng", "Mã NV", "Nội dung chi", "Nguồn kinh phí", "Dự toán (đồng)"],
                ["NS01", "NV4", "Pa nô", "Ngân sách nhà nước", 300_000_000],
                ["NS02", "NV3", "Lớp bồi dưỡng", "Ngân sách nhà nước", 60_000_000],
                ["NS03", "NV1", "Theo dõi báo chí", "Xã hội hóa", 20_000_000],
            ],
            merges=("A4:E4",),
        )
    ],
    {"budget_lines": 3},
    {"budget_lines": [row({"line_code": "NS02"}, task_code="NV3", source="state", planned=60_000_000)]},
)
valid(
    "media_log",
    "Báo chí as a log: rows without a link (keyed by date + outlet + title), English list values, Excel "
    "booleans, a lower-case task code, reach '1.500', an existing link updated in place.",
    [
        Grid(
            "Báo chí",
            [
                MEDIA_HEADERS,
                [
                    "05/03/2019",
                    "Báo Gia Lai",
                    "Trong nước",
                    "Báo in",
                    "Tiếng Việt",
                    "Gia Lai đẩy mạnh quảng bá du lịch",
                    None,
                    None,
                    "du lịch",
                    "Tích cực",
                    "Không",
                    "NV1",
                    None,
                    None,
                    "1.500",
                ],
                [
                    d(2019, 3, 6),
                    "VnExpress",
                    "Trong nước",
                    "Báo điện tử",
                    "Tiếng Việt",
                    "Lễ hội cồng chiêng",
                    None,
                    "https://vnexpress.net/a",
                    "văn hóa",
                    "Trung lập",
                    False,
                    None,
                    None,
                    None,
                    2000,
                ],
                [
                    "2019-03-10",
                    "RFA",
                    "Foreign",
                    "Online",
                    "Vietnamese",
                    "Thông tin sai lệch về tôn giáo",
                    "Bài viết xuyên tạc",
                    "https://www.rfa.org/x",
                    "tôn giáo",
                    "Negative",
                    True,
                    "nv1",
                    "Refuted",
                    "12/03/2019",
                    15000,
                ],
                [
                    d(2019, 3, 5),
                    "Báo Gia Lai",
                    "Trong nước",
                    "Báo điện tử",
                    "Tiếng Việt",
                    "Gia Lai quảng bá du lịch",
                    None,
                    "https://baogialai.com.vn/bai-1",
                    "du lịch",
                    "Tích cực",
                    "Không",
                    "NV1",
                    "Không cần xử lý",
                    None,
                    1300,
                ],
                [
                    "05/03/2019",
                    "Báo Gia Lai",
                    "Trong nước",
                    "Báo in",
                    "Tiếng Việt",
                    "Cà phê Gia Lai vào mùa thu hoạch",
                    None,
                    None,
                    "kinh tế",
                    "Tích cực",
                    "Không",
                    None,
                    None,
                    None,
                    None,
                ],
            ],
        )
    ],
    {"media": 6},
    {
        "media": [
            row(
                {"title": "Gia Lai đẩy mạnh quảng bá du lịch"},
                published_on="2019-03-05",
                outlet="Báo Gia Lai",
                medium="print",
                url="",
                reach=1500,
                is_false=False,
                summary=None,
            ),
            row(
                {"url": "https://www.rfa.org/x"},
                published_on="2019-03-10",
                scope="foreign",
                medium="online",
                language="Vietnamese",
                sentiment="negative",
                is_false=True,
                task_code="NV1",
                response="refuted",
                responded_on="2019-03-12",
                reach=15000,
            ),
            row({"url": "https://baogialai.com.vn/bai-1"}, reach=1300, title="Gia Lai quảng bá du lịch"),
            row({"title": "Cà phê Gia Lai vào mùa thu hoạch"}, url="", reach=None, task_code=None),
        ],
    },
)
valid(
    "warnings_do_not_block",
    "Problems that only warn: a task Hoàn thành at 80 %, one Hoàn thành without a completion date, a "
    "milestone whose Quý does not match its due date, one completed after the data's as-of date "
    "(31/12/2019), disbursements above their line's plan.",
    [
        Grid(
            "Nhiệm vụ",
            [
                [*T_MIN, "Trạng thái", "Ngày hoàn thành"],
                ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, 30, "Đang thực hiện", None],
                ["NV2", "Tổng hợp danh sách", "VP", "Không", d(2019, 3, 31), 80, "Hoàn thành", d(2019, 3, 29)],
                ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "Không", d(2019, 7, 31), 100, "Hoàn thành", None],
                ["NV4", "Pa nô", "P.KHTC", "Không", d(2019, 9, 30), 10, "Đang thực hiện", None],
            ],
        ),
        Grid(
            "Mốc tiến độ",
            [
                ["Mã mốc", "Mã NV", "Nội dung mốc", "Hạn", "Quý", "Ngày hoàn thành"],
                ["M1", "NV4", "Khảo sát vị trí", d(2019, 3, 31), "II", None],
                ["M2", "NV4", "Lựa chọn nhà thầu", d(2019, 6, 30), "II", d(2020, 1, 10)],
            ],
        ),
        Grid(
            "Giải ngân",
            [
                ["Mã dòng", "Ngày", "Số tiền (đồng)", "Chứng từ"],
                ["NS02", d(2019, 7, 20), 60_000_000, "PC 9"],
            ],
        ),
    ],
    {"tasks": 4, "milestones": 2, "disbursements": 2},
    {
        "tasks": [row({"task_code": "NV2"}, state="done", progress=80, completed_on="2019-03-29")],
        "milestones": [row({"milestone_code": "M1"}, quarter=1)],
        "disbursements": [row({"voucher": "PC 9"}, line_code="NS02", amount=60_000_000)],
    },
    warnings=[
        p("warn_done_below_100", "Nhiệm vụ", 3, "Tiến độ (%)"),
        p("warn_done_without_date", "Nhiệm vụ", 4, "Ngày hoàn thành"),
        p("warn_quarter_mismatch", "Mốc tiến độ", 2, "Quý"),
        p("warn_completed_after_as_of", "Mốc tiến độ", 3, "Ngày hoàn thành"),
        p("warn_over_budget", "Giải ngân", 2, "Số tiền (đồng)"),
    ],
)
