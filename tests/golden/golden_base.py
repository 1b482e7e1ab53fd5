"""The base plan (base.xlsx, imported first by the cases that extend it) and the small stand-alone plan
of the cases that do not: rows as a person's workbook holds them."""

from __future__ import annotations

from golden_builders import Grid, d, workbook

PLAN_ROWS = [
    ["Thông tin", "Giá trị"],
    ["Tên kế hoạch", "Kế hoạch triển khai công tác thông tin đối ngoại năm 2019"],
    ["Số hiệu", "25/KH-STTTT"],
    ["Năm", 2019],
    ["Đơn vị ban hành", "Sở Thông tin và Truyền thông tỉnh Gia Lai"],
    ["Ngày ban hành", d(2019, 3, 20)],
    ["Căn cứ", "Kế hoạch số 495/KH-UBND của UBND tỉnh; Nghị định 72/2015/NĐ-CP"],
]

UNIT_HEADERS = ["Mã đơn vị", "Tên đơn vị", "Loại"]
UNIT_ROWS = [
    ["P.TTBCXB", "Phòng Thông tin - Báo chí - Xuất bản", "Trong Sở"],
    ["P.KHTC", "Phòng Kế hoạch - Tài chính", "Trong Sở"],
    ["VP", "Văn phòng Sở", "Trong Sở"],
    ["SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Bên ngoài"],
    ["BĐBP", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Bên ngoài"],
    ["SNV", "Sở Ngoại vụ", "Bên ngoài"],
]

TASK_HEADERS = [
    "Mã NV",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời gian thực hiện",
    "Thường xuyên",
    "Ngày bắt đầu",
    "Hạn hoàn thành",
    "Tiến độ (%)",
    "Trạng thái",
    "Ngày hoàn thành",
    "Cập nhật ngày",
    "Ghi chú",
]
TASK_ROWS = [
    [
        "NV1",
        "Theo dõi, tổng hợp dư luận báo chí trong và ngoài nước về tỉnh",
        "P.TTBCXB",
        "VP",
        "Thường xuyên trong năm 2019",
        "Có",
        d(2019, 1, 1),
        d(2019, 12, 31),
        25,
        "Đang thực hiện",
        None,
        d(2019, 3, 15),
        None,
    ],
    [
        "NV2",
        "Tổng hợp danh sách cán bộ làm công tác thông tin đối ngoại",
        "VP",
        None,
        "Hoàn thành ngày 31/03/2019",
        "Không",
        None,
        d(2019, 3, 31),
        100,
        "Hoàn thành",
        d(2019, 3, 29),
        d(2019, 3, 29),
        None,
    ],
    [
        "NV3",
        "Tổ chức lớp bồi dưỡng kiến thức thông tin đối ngoại",
        "P.TTBCXB",
        "P.KHTC",
        "dự kiến tháng 7 năm 2019",
        "Không",
        d(2019, 7, 1),
        d(2019, 7, 31),
        0,
        "Chưa triển khai",
        None,
        d(2019, 3, 15),
        None,
    ],
    [
        "NV4",
        "Xây dựng 02 cụm pa nô tuyên truyền tại khu vực biên giới",
        "P.KHTC",
        "BĐBP; SVHTTDL",
        "Triển khai từ quý I/2019, hoàn thành trong quý III/2019",
        "Không",
        d(2019, 1, 1),
        d(2019, 9, 30),
        10,
        "Đang thực hiện",
        None,
        d(2019, 3, 15),
        None,
    ],
]
T_MIN = ["Mã NV", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thường xuyên", "Hạn hoàn thành", "Tiến độ (%)"]

INDICATOR_HEADERS = ["Mã NV", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Ghi chú"]
INDICATOR_ROWS = [
    ["NV3", "Lớp bồi dưỡng", "lớp", 1, 0, None],
    ["NV3", "Học viên", "người", 80, 0, None],
    ["NV4", "Cụm pa nô", "cụm", 2, 0, "Ia Chía (Ia Grai) và Ia Nan (Đức Cơ)"],
]

MILESTONE_HEADERS = ["Mã mốc", "Mã NV", "Nội dung mốc", "Hạn", "Quý", "Ngày hoàn thành", "Đơn vị thực hiện", "Ghi chú"]
MILESTONE_ROWS = [
    ["M1", "NV4", "Khảo sát vị trí đặt pa nô", d(2019, 3, 31), "I", d(2019, 3, 25), "P.KHTC", None],
    ["M2", "NV4", "Lựa chọn nhà thầu", d(2019, 6, 30), "II", None, "P.KHTC", None],
    ["M3", "NV4", "Thi công, nghiệm thu", d(2019, 9, 30), "III", None, "P.KHTC", None],
    ["M4", "NV3", "Mở lớp bồi dưỡng", d(2019, 7, 31), "III", None, "P.TTBCXB", None],
]

BUDGET_HEADERS = ["Mã dòng", "Mã NV", "Nội dung chi", "Nguồn kinh phí", "Đơn vị quản lý", "Dự toán (đồng)", "Ghi chú"]
BUDGET_ROWS = [
    ["NS01", "NV4", "Xây dựng 02 cụm pa nô", "Ngân sách nhà nước", "P.KHTC", 300_000_000, None],
    ["NS02", "NV3", "Tổ chức lớp bồi dưỡng", "Ngân sách nhà nước", "P.TTBCXB", 50_000_000, None],
    ["NS03", "NV1", "Theo dõi báo chí", "Xã hội hóa", "P.TTBCXB", 20_000_000, None],
]

DISBURSEMENT_HEADERS = ["Mã dòng", "Ngày", "Số tiền (đồng)", "Chứng từ", "Ghi chú"]
DISBURSEMENT_ROWS = [["NS01", d(2019, 4, 15), 50_000_000, "UNC 12", "Tạm ứng 1"]]

MEDIA_HEADERS = [
    "Ngày đăng",
    "Cơ quan báo chí",
    "Phạm vi",
    "Loại hình",
    "Ngôn ngữ",
    "Tiêu đề",
    "Tóm tắt",
    "Đường dẫn",
    "Chủ đề",
    "Sắc thái",
    "Sai lệch",
    "Mã NV",
    "Tình trạng xử lý",
    "Ngày xử lý",
    "Lượt tiếp cận",
]
MEDIA_ROWS = [
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
        1200,
    ],
    [
        d(2019, 3, 10),
        "Radio Free Asia",
        "Nước ngoài",
        "Báo điện tử",
        "Tiếng Việt",
        "Thông tin sai về tôn giáo",
        None,
        "https://example.org/rfa-1",
        "tôn giáo",
        "Tiêu cực",
        "Có",
        "NV1",
        "Đã phản bác/cải chính",
        d(2019, 3, 12),
        5000,
    ],
]


def base_workbook() -> bytes:
    return workbook(
        Grid("Kế hoạch", PLAN_ROWS),
        Grid("Đơn vị", [UNIT_HEADERS, *UNIT_ROWS]),
        Grid("Nhiệm vụ", [TASK_HEADERS, *TASK_ROWS]),
        Grid("Chỉ tiêu", [INDICATOR_HEADERS, *INDICATOR_ROWS]),
        Grid("Mốc tiến độ", [MILESTONE_HEADERS, *MILESTONE_ROWS]),
        Grid("Ngân sách", [BUDGET_HEADERS, *BUDGET_ROWS]),
        Grid("Giải ngân", [DISBURSEMENT_HEADERS, *DISBURSEMENT_ROWS]),
        Grid("Báo chí", [MEDIA_HEADERS, *MEDIA_ROWS]),
    )


# A small stand-alone plan, for cases that do not extend the base.
SMALL_PLAN = [["Tên kế hoạch", "Kế hoạch thử nghiệm"], ["Số hiệu", "01/KH-TEST"], ["Năm", 2019]]
SMALL_UNITS = [UNIT_HEADERS, ["VP", "Văn phòng Sở", "Trong Sở"], ["P.KHTC", "Phòng Kế hoạch - Tài chính", "Trong Sở"]]
