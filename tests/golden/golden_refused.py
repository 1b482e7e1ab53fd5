"""The workbooks the import must refuse, each with the problems it must report (sheet, Excel row, column).

Each top-level call is one case; running this module registers them in golden_builders.CASES."""

from __future__ import annotations

from golden_base import (
    SMALL_PLAN,
    SMALL_UNITS,
    T_MIN,
    UNIT_HEADERS,
    base_workbook,
)
from golden_builders import (
    Formula,
    Grid,
    d,
    p,
    plain_zip,
    refused,
)

refused(
    "missing_required_column",
    "Nhiệm vụ under a merged title banner (header on row 3) without the required Tiến độ (%) column.",
    [
        Grid(
            "Nhiệm vụ",
            [
                ["DANH SÁCH NHIỆM VỤ NĂM 2019"],
                [],
                ["Mã NV", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thường xuyên", "Hạn hoàn thành"],
                ["NV1", "Theo dõi dư luận báo chí", "P.TTBCXB", "Có", None],
                ["NV2", "Tổng hợp danh sách cán bộ", "VP", "Không", d(2019, 3, 31)],
            ],
            merges=("A1:E1",),
        )
    ],
    [p("missing_column", "Nhiệm vụ", 3, "Tiến độ (%)")],
)
refused(
    "missing_columns_budget",
    "Ngân sách without Nguồn kinh phí and Giải ngân without Ngày.",
    [
        Grid("Ngân sách", [["Mã dòng", "Nội dung chi", "Dự toán (đồng)"], ["NS01", "Pa nô", 300_000_000]]),
        Grid("Giải ngân", [["Mã dòng", "Số tiền (đồng)", "Chứng từ"], ["NS01", 1_000_000, "UNC 20"]]),
    ],
    [p("missing_column", "Ngân sách", 1, "Nguồn kinh phí"), p("missing_column", "Giải ngân", 1, "Ngày")],
)
refused(
    "required_cells_empty",
    "Empty required cells: a unit without a name, a task without content, a lead unit of spaces only, "
    "a task without progress.",
    [
        Grid("Kế hoạch", SMALL_PLAN),
        Grid("Đơn vị", [*SMALL_UNITS[:2], ["P.KHTC", None, "Trong Sở"]]),
        Grid(
            "Nhiệm vụ",
            [
                T_MIN,
                ["NV1", None, "VP", "Có", None, 50],
                ["NV2", "Tổng hợp danh sách", "   ", "Có", None, 20],
                ["NV3", "Tập huấn", "P.KHTC", "Có", None, None],
            ],
        ),
    ],
    [
        p("required", "Đơn vị", 3, "Tên đơn vị"),
        p("required", "Nhiệm vụ", 2, "Nội dung nhiệm vụ"),
        p("required", "Nhiệm vụ", 3, "Đơn vị chủ trì"),
        p("required", "Nhiệm vụ", 4, "Tiến độ (%)"),
    ],
    base=False,
)
dated = [
    "Mã NV",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì",
    "Thường xuyên",
    "Ngày bắt đầu",
    "Hạn hoàn thành",
    "Tiến độ (%)",
]
refused(
    "date_no_such_day",
    "Dates that do not exist: 31/02/2019, 05/13/2019 (month first: never read as 13 May), 29/02/2019. "
    "A deadline task whose due date is unreadable gets only that one problem.",
    [
        Grid(
            "Nhiệm vụ",
            [
                dated,
                ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Không", "01/01/2019", "31/02/2019", 20],
                ["NV2", "Tổng hợp danh sách", "VP", "Không", "05/13/2019", "31/12/2019", 0],
                ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "Không", "29/02/2019", "31/07/2019", 0],
            ],
        )
    ],
    [
        p("no_such_date", "Nhiệm vụ", 2, "Hạn hoàn thành"),
        p("no_such_date", "Nhiệm vụ", 3, "Ngày bắt đầu"),
        p("no_such_date", "Nhiệm vụ", 4, "Ngày bắt đầu"),
    ],
)
refused(
    "date_not_a_date",
    "Text that is no date: 2019/13/01, words, a two-digit year (never guessed).",
    [
        Grid(
            "Nhiệm vụ",
            [
                dated,
                ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Không", "2019/13/01", "31/12/2019", 10],
                ["NV2", "Tổng hợp danh sách", "VP", "Không", "01/01/2019", "mùng 5 tháng 3", 10],
                ["NV3", "Lớp bồi dưỡng", "VP", "Không", "05/03/19", "31/12/2019", 10],
            ],
        )
    ],
    [
        p("expect_date", "Nhiệm vụ", 2, "Ngày bắt đầu"),
        p("expect_date", "Nhiệm vụ", 3, "Hạn hoàn thành"),
        p("expect_date", "Nhiệm vụ", 4, "Ngày bắt đầu"),
    ],
)
refused(
    "date_number",
    "Plain numbers (no date format) in the Ngày column of Giải ngân.",
    [
        Grid(
            "Giải ngân",
            [
                ["Mã dòng", "Ngày", "Số tiền (đồng)", "Chứng từ"],
                ["NS01", 43525, 10_000_000, "UNC 20"],
                ["NS02", 20190305, 5_000_000, "UNC 21"],
            ],
        )
    ],
    [p("expect_date", "Giải ngân", 2, "Ngày"), p("expect_date", "Giải ngân", 3, "Ngày")],
)
money = ["Mã dòng", "Mã NV", "Nội dung chi", "Nguồn kinh phí", "Dự toán (đồng)"]
refused(
    "money_text",
    "Text in a money column: words, irregular grouping 1.23.456, a foreign currency.",
    [
        Grid(
            "Ngân sách",
            [
                money,
                ["NS01", "NV4", "Pa nô", "Ngân sách nhà nước", "ba trăm triệu"],
                ["NS02", "NV3", "Lớp bồi dưỡng", "Ngân sách nhà nước", "1.23.456"],
                ["NS03", "NV1", "Theo dõi báo chí", "Xã hội hóa", "20.000.000 USD"],
            ],
        )
    ],
    [
        p("expect_money", "Ngân sách", 2, "Dự toán (đồng)"),
        p("expect_money", "Ngân sách", 3, "Dự toán (đồng)"),
        p("expect_money", "Ngân sách", 4, "Dự toán (đồng)"),
    ],
)
refused(
    "money_fraction",
    "Fractions of a đồng: text 1.234,56 and 2.5 are no amount; the number 1234.56 has a fraction.",
    [
        Grid(
            "Ngân sách",
            [
                money,
                ["NS01", "NV4", "Pa nô", "Ngân sách nhà nước", "1.234,56"],
                ["NS02", "NV3", "Lớp bồi dưỡng", "Ngân sách nhà nước", 1234.56],
                ["NS03", "NV1", "Theo dõi báo chí", "Xã hội hóa", "2.5"],
            ],
        )
    ],
    [
        p("expect_money", "Ngân sách", 2, "Dự toán (đồng)"),
        p("fractional_money", "Ngân sách", 3, "Dự toán (đồng)"),
        p("expect_money", "Ngân sách", 4, "Dự toán (đồng)"),
    ],
)
refused(
    "money_negative",
    "A negative disbursement.",
    [
        Grid(
            "Giải ngân",
            [["Mã dòng", "Ngày", "Số tiền (đồng)", "Chứng từ"], ["NS01", d(2019, 5, 2), -500_000, "UNC 30"]],
        )
    ],
    [p("negative_money", "Giải ngân", 2, "Số tiền (đồng)")],
)
refused(
    "percent_invalid",
    "Progress 120, 'abc%', 1.2 in a cell formatted 0% (= 120 %), '150%', -10.",
    [
        Grid(
            "Nhiệm vụ",
            [
                T_MIN,
                ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, 120],
                ["NV2", "Tổng hợp danh sách", "VP", "Có", None, "abc%"],
                ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", "Có", None, 1.2],
                ["NV4", "Pa nô", "P.KHTC", "Có", None, "150%"],
                ["NV5", "Báo cáo", "VP", "Có", None, -10],
            ],
            formats={"F4": "0%"},
        )
    ],
    [
        p("percent_range", "Nhiệm vụ", 2, "Tiến độ (%)"),
        p("expect_percent", "Nhiệm vụ", 3, "Tiến độ (%)"),
        p("percent_range", "Nhiệm vụ", 4, "Tiến độ (%)"),
        p("percent_range", "Nhiệm vụ", 5, "Tiến độ (%)"),
        p("percent_range", "Nhiệm vụ", 6, "Tiến độ (%)"),
    ],
)
refused(
    "quarter_invalid",
    "Quarter V, 5 and 'Quý 3 năm sau'.",
    [
        Grid(
            "Mốc tiến độ",
            [
                ["Mã mốc", "Mã NV", "Nội dung mốc", "Hạn", "Quý"],
                ["M1", "NV4", "Khảo sát", d(2019, 3, 31), "V"],
                ["M2", "NV4", "Chọn nhà thầu", d(2019, 6, 30), 5],
                ["M3", "NV4", "Thi công", d(2019, 9, 30), "Quý 3 năm sau"],
            ],
        )
    ],
    [
        p("expect_quarter", "Mốc tiến độ", 2, "Quý"),
        p("expect_quarter", "Mốc tiến độ", 3, "Quý"),
        p("expect_quarter", "Mốc tiến độ", 4, "Quý"),
    ],
)
refused(
    "funding_not_in_list",
    "Nguồn kinh phí outside the closed list: 'Ngân sách TW', 'Vốn vay ODA'.",
    [
        Grid(
            "Ngân sách",
            [
                ["Mã dòng", "Nội dung chi", "Nguồn kinh phí", "Dự toán (đồng)"],
                ["NS01", "Pa nô", "Ngân sách TW", 300_000_000],
                ["NS02", "Lớp bồi dưỡng", "Vốn vay ODA", 50_000_000],
            ],
        )
    ],
    [p("not_in_list", "Ngân sách", 2, "Nguồn kinh phí"), p("not_in_list", "Ngân sách", 3, "Nguồn kinh phí")],
)
refused(
    "media_not_in_list",
    "Báo chí: Phạm vi 'Khu vực', Loại hình 'Podcast', Sắc thái 'Rất tốt', Sai lệch 'Có lẽ'.",
    [
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
                ],
                [
                    d(2019, 3, 5),
                    "Báo Gia Lai",
                    "Khu vực",
                    "Báo điện tử",
                    "Tin 1",
                    "https://baogialai.com.vn/tin-1",
                    "Tích cực",
                    "Không",
                ],
                [
                    d(2019, 3, 6),
                    "VOV",
                    "Trong nước",
                    "Podcast",
                    "Tin 2",
                    "https://vov.vn/tin-2",
                    "Rất tốt",
                    "Có lẽ",
                ],
            ],
        )
    ],
    [
        p("not_in_list", "Báo chí", 2, "Phạm vi"),
        p("not_in_list", "Báo chí", 3, "Loại hình"),
        p("not_in_list", "Báo chí", 3, "Sắc thái"),
        p("not_in_list", "Báo chí", 3, "Sai lệch"),
    ],
)
refused(
    "task_not_in_list",
    "Thường xuyên 'Thỉnh thoảng', Trạng thái 'Đã xong', unit Loại 'Nội bộ tỉnh'.",
    [
        Grid(
            "Đơn vị",
            [UNIT_HEADERS, ["P.TTBCXB", "Phòng TTBCXB", "Trong Sở"], ["VP", "Văn phòng Sở", "Nội bộ tỉnh"]],
        ),
        Grid(
            "Nhiệm vụ",
            [
                [*T_MIN, "Trạng thái"],
                ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Thỉnh thoảng", d(2019, 12, 31), 30, "Đang thực hiện"],
                ["NV2", "Tổng hợp danh sách", "VP", "Không", d(2019, 3, 31), 100, "Đã xong"],
            ],
        ),
    ],
    [
        p("not_in_list", "Đơn vị", 3, "Loại"),
        p("not_in_list", "Nhiệm vụ", 2, "Thường xuyên"),
        p("not_in_list", "Nhiệm vụ", 3, "Trạng thái"),
    ],
)
refused(
    "yes_no_number_after_excel_true",
    "Sai lệch holds an Excel TRUE (read as Có) and then the number 1, which is no word of the Có/Không list: "
    "each cell is judged on its own, whatever the cells above held.",
    [
        Grid(
            "Báo chí",
            [
                ["Ngày đăng", "Cơ quan báo chí", "Phạm vi", "Tiêu đề", "Đường dẫn", "Sai lệch"],
                [d(2019, 4, 1), "Báo Gia Lai", "Trong nước", "Tin A", "https://baogialai.com.vn/tin-a", True],
                [d(2019, 4, 2), "VOV", "Trong nước", "Tin B", "https://vov.vn/tin-b", 1],
            ],
        )
    ],
    [p("not_in_list", "Báo chí", 3, "Sai lệch")],
)
refused(
    "duplicate_task",
    "Mã NV NV1 twice (the second typed 'nv1 ').",
    [
        Grid(
            "Nhiệm vụ",
            [
                T_MIN,
                ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, 30],
                ["NV2", "Tổng hợp danh sách", "VP", "Có", None, 100],
                ["nv1 ", "Theo dõi báo chí (bản sao)", "P.TTBCXB", "Có", None, 40],
            ],
        )
    ],
    [p("duplicate_key", "Nhiệm vụ", 4, "Mã NV")],
)
refused(
    "duplicate_budget_line",
    "Mã dòng NS01 twice.",
    [
        Grid(
            "Ngân sách",
            [
                ["Mã dòng", "Nội dung chi", "Nguồn kinh phí", "Dự toán (đồng)"],
                ["NS01", "Pa nô", "Ngân sách nhà nước", 300_000_000],
                ["NS02", "Lớp bồi dưỡng", "Ngân sách nhà nước", 50_000_000],
                ["NS01", "Pa nô bổ sung", "Xã hội hóa", 10_000_000],
            ],
        )
    ],
    [p("duplicate_key", "Ngân sách", 4, "Mã dòng")],
)
refused(
    "duplicate_media_link",
    "Two mentions with the same link.",
    [
        Grid(
            "Báo chí",
            [
                ["Ngày đăng", "Cơ quan báo chí", "Phạm vi", "Tiêu đề", "Đường dẫn"],
                [d(2019, 4, 1), "Báo Gia Lai", "Trong nước", "Tin A", "https://baogialai.com.vn/tin-a"],
                [d(2019, 4, 2), "VOV", "Trong nước", "Tin B", "https://vov.vn/tin-b"],
                [d(2019, 4, 3), "Báo Gia Lai", "Trong nước", "Tin A (cập nhật)", "https://baogialai.com.vn/tin-a"],
            ],
        )
    ],
    [p("duplicate_key", "Báo chí", 4, "Đường dẫn")],
)
refused(
    "duplicate_milestone",
    "Mã mốc M1 twice.",
    [
        Grid(
            "Mốc tiến độ",
            [
                ["Mã mốc", "Mã NV", "Nội dung mốc", "Hạn"],
                ["M1", "NV4", "Khảo sát", d(2019, 3, 31)],
                ["M2", "NV4", "Chọn nhà thầu", d(2019, 6, 30)],
                ["M1", "NV4", "Thi công", d(2019, 9, 30)],
            ],
        )
    ],
    [p("duplicate_key", "Mốc tiến độ", 4, "Mã mốc")],
)
refused(
    "duplicate_indicator",
    "Indicator NV3 + Học viên twice (second in lower case): the key is Mã NV + Chỉ tiêu.",
    [
        Grid(
            "Chỉ tiêu",
            [
                ["Mã NV", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"],
                ["NV3", "Học viên", "người", 80],
                ["NV3", "Lớp bồi dưỡng", "lớp", 1],
                ["NV3", "học viên", "người", 90],
            ],
        )
    ],
    [p("duplicate_key", "Chỉ tiêu", 4, "Mã NV + Chỉ tiêu")],
)
refused(
    "duplicate_media_without_link",
    "Two mentions without a link and the same Ngày đăng + Cơ quan báo chí + Tiêu đề (the fallback key): "
    "the problem names the fallback key's columns, not the empty Đường dẫn.",
    [
        Grid(
            "Báo chí",
            [
                ["Ngày đăng", "Cơ quan báo chí", "Phạm vi", "Tiêu đề", "Đường dẫn"],
                [d(2019, 4, 1), "Báo Gia Lai", "Trong nước", "Tin A", None],
                [d(2019, 4, 1), "Báo Gia Lai", "Trong nước", "Tin A", None],
            ],
        )
    ],
    [p("duplicate_key", "Báo chí", 3, "Ngày đăng + Cơ quan báo chí + Tiêu đề")],
)
refused(
    "media_without_title_or_text",
    "A social post without a title takes the first sentence of its Tóm tắt; a row with neither is refused.",
    [
        Grid(
            "Báo chí",
            [
                ["Ngày đăng", "Cơ quan báo chí", "Phạm vi", "Tiêu đề", "Tóm tắt", "Đường dẫn"],
                [d(2019, 4, 2), "Facebook", "Trong nước", None, "Phố núi mùa dã quỳ. Đẹp lắm.", "https://fb.com/1"],
                [d(2019, 4, 3), "Facebook", "Trong nước", None, None, "https://fb.com/2"],
            ],
        )
    ],
    [p("title_or_summary_required", "Báo chí", 3, "Tiêu đề")],
)
refused(
    "media_outlet_not_in_directory",
    "No Phạm vi column: one outlet is classified in the file's Cơ quan báo chí sheet, the other nowhere.",
    [
        Grid(
            "Báo chí",
            [
                ["Ngày đăng", "Cơ quan báo chí", "Tiêu đề", "Đường dẫn"],
                [d(2019, 4, 2), "Tạp chí Ngày Nay", "Tin A", "https://ngaynay.vn/a"],
                [d(2019, 4, 3), "Đài Tiếng nói Việt Nam", "Tin B", "https://vov.vn/b"],
            ],
        ),
        Grid("Cơ quan báo chí", [["Cơ quan báo chí", "Phạm vi"], ["Đài Tiếng nói Việt Nam", "Trong nước"]]),
    ],
    [p("outlet_unclassified", "Báo chí", 2, "Cơ quan báo chí")],
)
refused(
    "media_export_needs_mapping",
    "A monitoring export's own headers in a Báo chí sheet: it waits for a column mapping.",
    [
        Grid(
            "Báo chí",
            [
                ["Nguồn phát hành", "Ngày phát hành", "Tiêu đề", "Link", "AI_SACTHAI"],
                ["Báo Gia Lai", d(2019, 4, 2), "Tin A", "https://baogialai.com.vn/a", "Trung tính"],
            ],
        )
    ],
    [p("mapping_needed", "Báo chí", 1)],
)
refused(
    "unknown_task_indicator",
    "An indicator of task NV9, which the plan does not have.",
    [
        Grid(
            "Chỉ tiêu",
            [
                ["Mã NV", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"],
                ["NV3", "Học viên", "người", 80],
                ["NV9", "Cụm pa nô", "cụm", 2],
            ],
        )
    ],
    [p("unknown_task", "Chỉ tiêu", 3, "Mã NV")],
)
refused(
    "unknown_budget_line",
    "A disbursement against line NS99, which the plan does not have.",
    [
        Grid(
            "Giải ngân",
            [
                ["Mã dòng", "Ngày", "Số tiền (đồng)", "Chứng từ"],
                ["NS01", d(2019, 5, 2), 1_000_000, "UNC 30"],
                ["NS99", d(2019, 5, 3), 2_000_000, "UNC 31"],
            ],
        )
    ],
    [p("unknown_line", "Giải ngân", 3, "Mã dòng")],
)
refused(
    "unknown_lead_unit",
    "Đơn vị chủ trì 'Phòng X', which is no unit of the plan.",
    [Grid("Nhiệm vụ", [T_MIN, ["NV1", "Theo dõi báo chí", "Phòng X", "Có", None, 30]])],
    [p("unknown_unit", "Nhiệm vụ", 2, "Đơn vị chủ trì")],
)
refused(
    "unknown_support_unit",
    "An unknown unit inside Đơn vị phối hợp lists separated by ';' and by a new line.",
    [
        Grid(
            "Nhiệm vụ",
            [
                [*T_MIN, "Đơn vị phối hợp"],
                ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, 30, "VP; P.XYZ"],
                ["NV2", "Tổng hợp danh sách", "VP", "Có", None, 100, "P.KHTC\nSở Tài chính"],
            ],
        )
    ],
    [p("unknown_unit", "Nhiệm vụ", 2, "Đơn vị phối hợp"), p("unknown_unit", "Nhiệm vụ", 3, "Đơn vị phối hợp")],
)
refused(
    "unknown_references_other_sheets",
    "Unknown task and managing unit in Ngân sách, unknown unit in Mốc tiến độ, unknown task in Báo chí.",
    [
        Grid(
            "Ngân sách",
            [
                ["Mã dòng", "Mã NV", "Nội dung chi", "Nguồn kinh phí", "Đơn vị quản lý", "Dự toán (đồng)"],
                ["NS01", "NV9", "Pa nô", "Ngân sách nhà nước", "Phòng Y", 300_000_000],
            ],
        ),
        Grid(
            "Mốc tiến độ",
            [
                ["Mã mốc", "Mã NV", "Nội dung mốc", "Hạn", "Đơn vị thực hiện"],
                ["M1", "NV4", "Khảo sát", d(2019, 3, 31), "ABC"],
            ],
        ),
        Grid(
            "Báo chí",
            [
                ["Ngày đăng", "Cơ quan báo chí", "Phạm vi", "Tiêu đề", "Đường dẫn", "Mã NV"],
                [d(2019, 4, 1), "Báo Gia Lai", "Trong nước", "Tin A", "https://baogialai.com.vn/tin-a", "NV7"],
            ],
        ),
    ],
    [
        p("unknown_task", "Ngân sách", 2, "Mã NV"),
        p("unknown_unit", "Ngân sách", 2, "Đơn vị quản lý"),
        p("unknown_unit", "Mốc tiến độ", 2, "Đơn vị thực hiện"),
        p("unknown_task", "Báo chí", 2, "Mã NV"),
    ],
)
refused(
    "unit_missing_from_file_units",
    "The file's Đơn vị sheet (the full list) drops P.TTBCXB, which a task in the same file still leads.",
    [
        Grid("Đơn vị", SMALL_UNITS),
        Grid("Nhiệm vụ", [T_MIN, ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, 30]]),
    ],
    [p("unknown_unit", "Nhiệm vụ", 2, "Đơn vị chủ trì")],
)
refused(
    "due_required",
    "Deadline tasks (Thường xuyên = Không, or left blank) without Hạn hoàn thành.",
    [
        Grid(
            "Nhiệm vụ",
            [
                T_MIN,
                ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, 30],
                ["NV2", "Tổng hợp danh sách", "VP", "Không", None, 100],
                ["NV3", "Lớp bồi dưỡng", "P.TTBCXB", None, None, 0],
            ],
        )
    ],
    [p("due_required", "Nhiệm vụ", 3, "Hạn hoàn thành"), p("due_required", "Nhiệm vụ", 4, "Hạn hoàn thành")],
)
refused(
    "start_after_due",
    "Ngày bắt đầu 01/10/2019 after Hạn hoàn thành 30/09/2019.",
    [Grid("Nhiệm vụ", [dated, ["NV4", "Pa nô", "P.KHTC", "Không", d(2019, 10, 1), d(2019, 9, 30), 10]])],
    [p("start_after_due", "Nhiệm vụ", 2, "Ngày bắt đầu")],
)
refused(
    "response_before_publication",
    "A false report answered (Ngày xử lý 05/03/2019) before it was published (10/03/2019).",
    [
        Grid(
            "Báo chí",
            [
                [
                    "Ngày đăng",
                    "Cơ quan báo chí",
                    "Phạm vi",
                    "Tiêu đề",
                    "Đường dẫn",
                    "Sai lệch",
                    "Tình trạng xử lý",
                    "Ngày xử lý",
                ],
                [
                    "10/03/2019",
                    "Radio Free Asia",
                    "Nước ngoài",
                    "Tin sai",
                    "https://example.org/rfa-2",
                    "Có",
                    "Đã phản bác/cải chính",
                    "05/03/2019",
                ],
            ],
        )
    ],
    [p("responded_before_published", "Báo chí", 2, "Ngày xử lý")],
)
refused(
    "formula_without_value",
    "Formulas never calculated (file written by a script) in required cells: Mã NV, Tiến độ (%), Dự toán.",
    [
        Grid("Nhiệm vụ", [T_MIN, [Formula('="NV"&1'), "Theo dõi báo chí", "P.TTBCXB", "Có", None, Formula("=50+10")]]),
        Grid(
            "Ngân sách",
            [
                ["Mã dòng", "Nội dung chi", "Nguồn kinh phí", "Dự toán (đồng)"],
                ["NS01", "Pa nô", "Ngân sách nhà nước", Formula("=100000000*3")],
            ],
        ),
    ],
    [
        p("formula_no_value", "Nhiệm vụ", 2, "Mã NV"),
        p("formula_no_value", "Nhiệm vụ", 2, "Tiến độ (%)"),
        p("formula_no_value", "Ngân sách", 2, "Dự toán (đồng)"),
    ],
)
refused(
    "formula_in_plan_sheet",
    "The plan's Năm is a formula never calculated.",
    [
        Grid(
            "Kế hoạch",
            [["Tên kế hoạch", "Kế hoạch thử nghiệm"], ["Số hiệu", "01/KH-TEST"], ["Năm", Formula("=2018+1")]],
        ),
        Grid("Đơn vị", SMALL_UNITS),
    ],
    [p("formula_no_value", "Kế hoạch", 3, "Năm")],
    base=False,
)
refused(
    "plan_without_year",
    "A Kế hoạch sheet with no Năm row.",
    [
        Grid("Kế hoạch", SMALL_PLAN[:2]),
        Grid("Đơn vị", SMALL_UNITS),
        Grid("Nhiệm vụ", [T_MIN, ["NV1", "Theo dõi báo chí", "VP", "Có", None, 30]]),
    ],
    [p("plan_field_missing", "Kế hoạch", None, "Năm")],
    base=False,
)
refused(
    "plan_bad_values",
    "Kế hoạch under a banner: empty Tên kế hoạch, Năm in words, Ngày ban hành with a two-digit year.",
    [
        Grid(
            "Kế hoạch",
            [
                ["KẾ HOẠCH"],
                ["Tên kế hoạch", None],
                ["Số hiệu", "02/KH-TEST"],
                ["Năm", "hai nghìn mười chín"],
                ["Ngày ban hành", "20/3/19"],
            ],
            merges=("A1:B1",),
        )
    ],
    [
        p("required", "Kế hoạch", 2, "Tên kế hoạch"),
        p("expect_number", "Kế hoạch", 4, "Năm"),
        p("expect_date", "Kế hoạch", 5, "Ngày ban hành"),
    ],
    base=False,
)
refused(
    "no_plan",
    "An empty database and a file without a Kế hoạch sheet: no plan to update.",
    [Grid("Nhiệm vụ", [T_MIN, ["NV1", "Theo dõi báo chí", "VP", "Có", None, 30]])],
    [p("no_plan")],
    base=False,
    only=False,
)
refused(
    "unknown_plan",
    "The upload names plan '2020', which the database does not hold.",
    [Grid("Nhiệm vụ", [T_MIN, ["NV1", "Theo dõi báo chí", "VP", "Có", None, 30]])],
    [p("unknown_plan")],
    plan="2020",
    only=False,
)
banner = [["UBND TỈNH GIA LAI"], ["SỞ THÔNG TIN VÀ TRUYỀN THÔNG"], []] + [[f"Dòng giới thiệu {i}"] for i in range(12)]
refused(
    "no_header",
    "Nhiệm vụ whose header is on row 16, below the 15 rows searched.",
    [Grid("Nhiệm vụ", [*banner, T_MIN, ["NV1", "Theo dõi báo chí", "VP", "Có", None, 30]])],
    [p("no_header", "Nhiệm vụ")],
)
refused(
    "duplicate_column",
    "Mã NV twice in the header: 'Mã NV' and 'Ma NV'.",
    [
        Grid(
            "Nhiệm vụ",
            [
                ["Mã NV", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thường xuyên", "Tiến độ (%)", "Ma NV"],
                ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", 30, "NV1"],
            ],
        )
    ],
    [p("duplicate_column", "Nhiệm vụ", 1, "Ma NV")],
)
refused(
    "duplicate_sheet",
    "Two sheets that are both the Tasks sheet: 'Nhiệm vụ' and 'Tasks'.",
    [
        Grid("Nhiệm vụ", [T_MIN, ["NV1", "Theo dõi báo chí", "P.TTBCXB", "Có", None, 30]]),
        Grid(
            "Tasks",
            [["Task code", "Task", "Lead unit", "Ongoing", "Progress (%)"], ["NV1", "Media", "VP", "Yes", 30]],
        ),
    ],
    [p("duplicate_sheet", "Tasks")],
)
refused(
    "number_and_int_invalid",
    "Chỉ tiêu Kế hoạch in words, a negative Thực hiện; Lượt tiếp cận '1,5' and 'nhiều'.",
    [
        Grid(
            "Chỉ tiêu",
            [
                ["Mã NV", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện"],
                ["NV3", "Học viên", "người", "tám mươi", None],
                ["NV3", "Lớp bồi dưỡng", "lớp", 1, -3],
            ],
        ),
        Grid(
            "Báo chí",
            [
                ["Ngày đăng", "Cơ quan báo chí", "Phạm vi", "Tiêu đề", "Đường dẫn", "Lượt tiếp cận"],
                [d(2019, 4, 1), "Báo Gia Lai", "Trong nước", "Tin A", "https://baogialai.com.vn/tin-a", "1,5"],
                [d(2019, 4, 2), "VOV", "Trong nước", "Tin B", "https://vov.vn/tin-b", "nhiều"],
            ],
        ),
    ],
    [
        p("expect_number", "Chỉ tiêu", 2, "Kế hoạch"),
        p("negative_number", "Chỉ tiêu", 3, "Thực hiện"),
        p("expect_int", "Báo chí", 2, "Lượt tiếp cận"),
        p("expect_number", "Báo chí", 3, "Lượt tiếp cận"),
    ],
)
refused(
    "many_problems",
    "A whole plan with problems on every sheet: all of them are reported at once.",
    [
        Grid("Kế hoạch", SMALL_PLAN),
        Grid("Đơn vị", [*SMALL_UNITS, ["VP", "Văn phòng Sở (trùng)", "Trong Sở"]]),
        Grid(
            "Nhiệm vụ",
            [
                [
                    "Mã NV",
                    "Nội dung nhiệm vụ",
                    "Đơn vị chủ trì",
                    "Đơn vị phối hợp",
                    "Thường xuyên",
                    "Ngày bắt đầu",
                    "Hạn hoàn thành",
                    "Tiến độ (%)",
                    "Trạng thái",
                ],
                ["NV1", "Theo dõi báo chí", "VP", "P.KHTC", "Có", "01/01/2019", "31/12/2019", 30, "Đang thực hiện"],
                ["NV2", None, "Phòng X", "VP", "Không", "01/04/2019", None, "abc%", "Đã xong"],
                ["NV1", "Trùng mã", "VP", None, "Có", "31/02/2019", None, 50, None],
            ],
        ),
        Grid("Mốc tiến độ", [["Mã mốc", "Mã NV", "Nội dung mốc", "Hạn", "Quý"], ["M1", "NV1", "Khảo sát", None, "V"]]),
        Grid("Ngân sách", [money, ["NS01", "NV9", "Pa nô", "Ngân sách TW", "1.234,56"]]),
        Grid("Giải ngân", [["Mã dòng", "Ngày", "Số tiền (đồng)"], ["NS02", "2019/13/01", -1000]]),
        Grid(
            "Báo chí",
            [
                ["Ngày đăng", "Cơ quan báo chí", "Phạm vi", "Tiêu đề", "Đường dẫn", "Ngày xử lý"],
                [
                    d(2019, 3, 10),
                    "Radio Free Asia",
                    "Khu vực",
                    "Tin sai",
                    "https://example.org/rfa-3",
                    d(2019, 3, 5),
                ],
            ],
        ),
    ],
    [
        p("duplicate_key", "Đơn vị", 4, "Mã đơn vị"),
        p("required", "Nhiệm vụ", 3, "Nội dung nhiệm vụ"),
        p("unknown_unit", "Nhiệm vụ", 3, "Đơn vị chủ trì"),
        p("due_required", "Nhiệm vụ", 3, "Hạn hoàn thành"),
        p("expect_percent", "Nhiệm vụ", 3, "Tiến độ (%)"),
        p("not_in_list", "Nhiệm vụ", 3, "Trạng thái"),
        p("duplicate_key", "Nhiệm vụ", 4, "Mã NV"),
        p("no_such_date", "Nhiệm vụ", 4, "Ngày bắt đầu"),
        p("required", "Mốc tiến độ", 2, "Hạn"),
        p("expect_quarter", "Mốc tiến độ", 2, "Quý"),
        p("unknown_task", "Ngân sách", 2, "Mã NV"),
        p("not_in_list", "Ngân sách", 2, "Nguồn kinh phí"),
        p("expect_money", "Ngân sách", 2, "Dự toán (đồng)"),
        p("unknown_line", "Giải ngân", 2, "Mã dòng"),
        p("expect_date", "Giải ngân", 2, "Ngày"),
        p("negative_money", "Giải ngân", 2, "Số tiền (đồng)"),
        p("not_in_list", "Báo chí", 2, "Phạm vi"),
        p("responded_before_published", "Báo chí", 2, "Ngày xử lý"),
    ],
    base=False,
)

# Files that are no workbook at all.
real = base_workbook()
refused("unreadable_empty_file", "A file of 0 bytes.", b"", [p("file_empty")], unreadable=True)
refused(
    "unreadable_csv_renamed",
    "A CSV export renamed to .xlsx.",
    "Mã NV,Nội dung nhiệm vụ,Đơn vị chủ trì,Tiến độ (%)\r\nNV1,Theo dõi báo chí,VP,30\r\n".encode("utf-8-sig"),
    [p("file_not_xlsx")],
    unreadable=True,
)
refused(
    "unreadable_truncated",
    "The first half of a real .xlsx (an interrupted upload).",
    real[: len(real) // 2],
    [p("file_corrupt")],
    unreadable=True,
)
refused(
    "unreadable_docx_renamed",
    "A Word-like zip (no xl/workbook.xml) renamed to .xlsx.",
    plain_zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
        }
    ),
    [p("file_not_xlsx")],
    unreadable=True,
)
refused(
    "unreadable_xls_renamed",
    "An old binary .xls (OLE2 compound file) renamed to .xlsx.",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
    [p("file_not_xlsx")],
    unreadable=True,
)
refused(
    "no_known_sheet",
    "A real workbook whose only sheet is 'Sheet1': read, but none of the template's sheets.",
    [Grid("Sheet1", [T_MIN, ["NV1", "Theo dõi báo chí", "VP", "Có", None, 30]])],
    [p("no_known_sheet")],
    base=False,
    only=False,
)
