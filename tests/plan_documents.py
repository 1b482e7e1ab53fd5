"""Plan documents of our own, built in code, in the shapes real plans take (for tests and the benchmark).

Each builder returns the document's bytes. The wording, numbering depth and tables differ from the
shared example plans on purpose, so the reader is tested on shapes, not on those files.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def docx_bytes(blocks: list) -> bytes:
    """blocks: "text", ("bold", "text"), ("table", rows, merges) with merges as ((r1, c1), (r2, c2))."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        elif block[0] == "bold":
            document.add_paragraph().add_run(block[1]).bold = True
        else:
            _, rows, merges = block
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    if text is not None:
                        table.cell(r, c).text = text
            for (r1, c1), (r2, c2) in merges:
                top = table.cell(r1, c1)
                text = top.text
                merged = top.merge(table.cell(r2, c2))
                merged.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def header_table(issuer: str, number: str, place_date: str) -> tuple:
    return (
        "table",
        [
            [issuer + "\n-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
            ["Số: " + number, place_date],
        ],
        [],
    )


def department_plan() -> bytes:
    """A department's plan: tasks at depth 1.1 and a), labels worded differently, a value wrapped onto the next line."""
    return docx_bytes(
        [
            header_table(
                "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH AN GIANG", "12/KH-SKHCN", "An Giang, ngày 05 tháng 02 năm 2024"
            ),
            ("bold", "KẾ HOẠCH"),
            ("bold", "TRIỂN KHAI CHUYỂN ĐỔI SỐ CỦA SỞ NĂM 2024"),
            "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;",
            "Căn cứ Kế hoạch số 30/KH-UBND ngày 10/01/2024 của UBND tỉnh;",
            "Sở Khoa học và Công nghệ xây dựng Kế hoạch triển khai chuyển đổi số năm 2024 như sau:",
            ("bold", "I. MỤC ĐÍCH, YÊU CẦU"),
            "1. Mục đích",
            "- Nâng cao nhận thức của công chức về chuyển đổi số.",
            "2. Yêu cầu",
            "- Bảo đảm đúng tiến độ, hiệu quả.",
            ("bold", "II. MỤC TIÊU"),
            "1. 100% hồ sơ công việc được xử lý trên môi trường mạng.",
            ("bold", "III. NHIỆM VỤ CỤ THỂ"),
            "1. Hạ tầng số",
            "1.1. Nâng cấp mạng nội bộ của Sở",
            "a) Thay thế thiết bị chuyển mạch tại phòng máy chủ.",
            "- Đơn vị chủ trì: Văn phòng Sở.",
            "- Thời gian hoàn thành: Quý II/2024.",
            "b) Lắp đặt 02 bộ phát sóng không dây tại hội trường.",
            "- Cơ quan/Đơn vị chủ trì: Phòng Quản lý công nghệ.",
            "- Đơn vị phối hợp: Văn phòng Sở; Trung tâm Thông tin và Thống kê khoa học",
            "công nghệ.",
            "- Thời hạn: trước ngày 30/9/2024.",
            "1.2. Xây dựng cơ sở dữ liệu đề tài khoa học của tỉnh",
            "- Cơ quan thực hiện: Phòng Quản lý khoa học.",
            "- Thời gian thực hiện: Từ tháng 3/2024 đến quý IV/2024.",
            "- Sản phẩm: Cơ sở dữ liệu được đưa vào vận hành.",
            "2. Nhân lực số",
            "2.1. Tổ chức 03 lớp bồi dưỡng kỹ năng số cho công chức (120 học viên).",
            "Thời gian thực hiện: dự kiến tháng 8 năm 2024.",
            "2.2. Tuyển dụng chuyên gia chuyển đổi số làm việc tại Sở.",
            ("bold", "IV. KINH PHÍ THỰC HIỆN"),
            "1. Ngân sách nhà nước cấp cho Sở năm 2024: 350.000.000 đồng.",
            "2. Nguồn xã hội hóa, tài trợ của doanh nghiệp (nếu có).",
            ("bold", "V. TỔ CHỨC THỰC HIỆN"),
            "1. Phòng Quản lý công nghệ:",
            "- Chủ trì tham mưu tuyển dụng chuyên gia chuyển đổi số làm việc tại Sở.",
            "2. Văn phòng Sở:",
            "- Phối hợp bảo đảm kinh phí, cơ sở vật chất.",
            "Nơi nhận:",
            "- UBND tỉnh (b/c);",
            "- Lưu: VT.",
        ]
    )


def appendix_table_plan() -> bytes:
    """A province's plan whose tasks sit in an appendix table: groups A/B, a lead cell merged down two rows."""
    rows = [
        ["TT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành", "Sản phẩm"],
        ["A", "QUẢNG BÁ DU LỊCH", None, None, None, None],
        [
            "1",
            "Xây dựng video quảng bá du lịch cộng đồng",
            "Sở VHTTDL",
            "Sở TT&TT, Báo Lâm Đồng",
            "Quý III/2025",
            "05 video",
        ],
        [
            "2",
            "In và phát hành 10.000 tờ gấp giới thiệu điểm đến",
            "Trung tâm Xúc tiến Du lịch",
            "",
            "Tháng 6/2025",
            "",
        ],
        ["3", "Tham gia hội chợ du lịch quốc tế", None, "Sở Công Thương", "6/2025", ""],
        ["B", "HẠ TẦNG", None, None, None, None],
        [
            "1",
            "Lắp đặt 20 biển chỉ dẫn tại các điểm du lịch",
            "Sở Xây dựng",
            "UBND các huyện",
            "Theo kế hoạch của tỉnh",
            "",
        ],
    ]
    merges = [((1, 1), (1, 5)), ((5, 1), (5, 5)), ((3, 2), (4, 2))]
    return docx_bytes(
        [
            header_table("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "88 /KH-UBND", "Lâm Đồng, ngày 10 tháng 3 năm 2025"),
            ("bold", "KẾ HOẠCH"),
            ("bold", "PHÁT TRIỂN DU LỊCH CỘNG ĐỒNG"),
            ("bold", "NĂM 2025"),
            "Thực hiện Nghị quyết số 08-NQ/TW ngày 16/01/2017 của Bộ Chính trị về phát triển du lịch;",
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch phát triển du lịch cộng đồng năm 2025 như sau:",
            ("bold", "I. MỤC ĐÍCH"),
            "- Thu hút khách du lịch đến các điểm du lịch cộng đồng.",
            ("bold", "II. NHIỆM VỤ (chi tiết tại Phụ lục)"),
            ("bold", "III. TỔ CHỨC THỰC HIỆN"),
            "1. Sở Văn hóa, Thể thao và Du lịch: chủ trì, theo dõi, đôn đốc việc thực hiện Kế hoạch.",
            "Nơi nhận:",
            "- Như trên;",
            ("bold", "PHỤ LỤC"),
            ("table", rows, merges),
        ]
    )


PROSE_TEXT = """UBND HUYỆN ĐỨC CƠ

Số: 45/KH-UBND

Đức Cơ, ngày 02 tháng 01 năm 2024

KẾ HOẠCH
Tuyên truyền bảo vệ chủ quyền biên giới năm 2024

Căn cứ Kế hoạch số 12/KH-UBND ngày 20/12/2023 của UBND tỉnh Gia Lai;

Ủy ban nhân dân huyện xây dựng Kế hoạch tuyên truyền bảo vệ chủ quyền biên giới năm
2024 như sau:

I. QUAN ĐIỂM
1. Tuyên truyền là nhiệm vụ thường xuyên.

II. NỘI DUNG TUYÊN TRUYỀN
1. Tổ chức 04 đợt tuyên truyền lưu động tại các xã biên giới
- Đơn vị chủ trì: Trung tâm Văn hóa - Thông tin và Thể thao huyện
- Đơn vị phối hợp: Đồn Biên phòng Ia Nan, UBND xã Ia Dom
- Thời gian thực hiện: Quý I và
quý II/2024
2. Biên soạn tài liệu hỏi đáp về biên giới
- Cơ quan chủ trì: Phòng Văn hóa và Thông tin
- Thời hạn hoàn thành:
+ Xong bản thảo trước ngày 15/4/2024;
+ In và phát hành trước ngày 30/6/2024.
3. Phối hợp đón đoàn báo chí
- Đơn vị chủ trì: Phòng Văn hóa và Thông tin
- Thời gian thực hiện: Sau khi tỉnh có kế hoạch đón đoàn

III. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa và Thông tin: theo dõi, tổng hợp.
"""

MARKDOWN_TEXT = """# KẾ HOẠCH

**Số hóa tài liệu lưu trữ năm 2025**

Căn cứ Luật Lưu trữ ngày 21 tháng 6 năm 2024;

## I. NHIỆM VỤ

| STT | Nhiệm vụ | Đơn vị chủ trì | Thời gian |
|---|---|---|---|
| 1 | Số hóa 5.000 hồ sơ lưu trữ | Trung tâm Lưu trữ lịch sử | Trước ngày 30/11/2025 |
| 2 | Xây dựng phần mềm quản lý | Sở Nội vụ | Quý IV năm 2025 |
"""


def pdf_bytes(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=10)
    for line in text.splitlines():
        pdf.multi_cell(0, 5, line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def table_pdf_bytes() -> bytes:
    """A PDF whose tasks are in a ruled table, cells wrapping onto two lines."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=10)
    for line in ("KẾ HOẠCH", "Phát triển thư viện số năm 2025", "I. NHIỆM VỤ (chi tiết tại Phụ lục)", "PHỤ LỤC"):
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    rows = [
        ("STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"),
        ("1", "Số hóa 2.000 cuốn sách quý", "Thư viện tỉnh", "Sở Văn hóa, Thể thao và Du lịch", "Quý IV/2025"),
        ("2", "Xây dựng phần mềm mượn sách", "Sở Khoa học và Công nghệ", "Thư viện tỉnh", "Tháng 9/2025"),
    ]
    with pdf.table(headings_style=FontFace()) as table:
        for cells in rows:
            row = table.row()
            for text in cells:
                row.cell(text)
    return bytes(pdf.output())


def scanned_pdf_bytes() -> bytes:
    """A page with only a picture on it, as a scanner makes: no text layer."""
    from fpdf import FPDF
    from PIL import Image

    picture = io.BytesIO()
    Image.new("L", (200, 280), color=230).save(picture, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(picture.getvalue()), x=10, y=10, w=180)
    return bytes(pdf.output())


def generated_plan(tasks: int) -> bytes:
    """A plan of many numbered tasks with labelled lines, for timing the reader."""
    blocks: list = [("bold", "KẾ HOẠCH"), ("bold", "THỬ NGHIỆM QUY MÔ NĂM 2025"), ("bold", "I. NHIỆM VỤ")]
    units = ["Sở Tư pháp", "Sở Nội vụ", "Sở Tài chính", "Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh"]
    timings = [
        "Thường xuyên",
        "Quý II/2025",
        "Trước ngày 30/11/2025",
        "Tháng 9/2025",
        "Từ tháng 3/2025 đến quý IV/2025",
    ]
    for n in range(1, tasks + 1):
        blocks += [
            f"{n}. Thực hiện nhiệm vụ số {n} về cải cách hành chính, chuyển đổi số và 0{n % 9 + 1} hội nghị",
            f"- Tổ chức triển khai nội dung {n} tại các cơ quan, đơn vị trên địa bàn tỉnh.",
            f"- Đơn vị chủ trì: {units[n % len(units)]}.",
            f"- Đơn vị phối hợp: {units[(n + 1) % len(units)]}; các cơ quan, đơn vị liên quan.",
            f"- Thời gian thực hiện: {timings[n % len(timings)]}.",
        ]
    return docx_bytes(blocks)


def inline_roles_plan() -> bytes:
    """Roles written inside the task's sentence or on one line, section headings in sentence case."""
    return docx_bytes(
        [
            ("bold", "KẾ HOẠCH"),
            "Cải cách hành chính năm 2026",
            "I. Mục tiêu, nhiệm vụ",
            "1. Tổ chức hội nghị tập huấn nghiệp vụ cải cách hành chính (Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp; "
            "thời gian thực hiện: Quý II/2026).",
            "2. Kiểm tra công tác cải cách hành chính tại các xã.",
            "Cơ quan, đơn vị chủ trì: Sở Nội vụ; thời gian thực hiện: Quý III/2026.",
            "II. Tổ chức thực hiện",
            "Các sở, ngành triển khai Kế hoạch này.",
        ]
    )


def subgroup_table_plan() -> bytes:
    """A task table whose groups are numbered 1, 2 (merged across) and whose tasks are numbered 1.1, 1.2."""
    rows = [
        ["STT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Tiến độ"],
        ["1", "Nhóm nhiệm vụ về thể chế", None, None, None],
        ["1.1", "Ban hành quy chế phối hợp", "Sở Tư pháp", "Các sở, ngành", "Quý I/2026"],
        ["1.2", "Rà soát thủ tục hành chính", "Văn phòng UBND tỉnh", "", "Năm 2026"],
        ["2", "Nhóm nhiệm vụ về số hóa", None, None, None],
        ["2.1", "Số hóa hồ sơ một cửa", "Sở Khoa học và Công nghệ", "Sở Nội vụ", "Trước ngày 30/6/2026"],
    ]
    return docx_bytes(
        [
            ("bold", "KẾ HOẠCH"),
            "Cải cách hành chính năm 2026",
            ("table", rows, [((1, 1), (1, 4)), ((4, 1), (4, 4))]),
        ]
    )


def word_numbered_plan() -> bytes:
    """Numbers drawn by Word's list numbering, not typed: the text of each item has none."""
    document = docx.Document()
    document.add_paragraph().add_run("KẾ HOẠCH").bold = True
    document.add_paragraph("Tuyên truyền cải cách hành chính năm 2025")
    document.add_paragraph().add_run("I. NỘI DUNG").bold = True
    for title, timing in (
        ("Đăng tin, bài trên Cổng thông tin điện tử", "Hằng quý"),
        ("Tổ chức hội thi tìm hiểu", "Quý III/2025"),
    ):
        document.add_paragraph(title, style="List Number")
        document.add_paragraph("Đơn vị chủ trì: Sở Nội vụ", style="List Bullet")
        document.add_paragraph(f"Thời gian thực hiện: {timing}", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
