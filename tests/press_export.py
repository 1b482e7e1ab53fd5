"""Workbooks shaped like a Vietnamese social-listening export (issue 12), built in code for the tests.

Its columns are the service's, not the template's; press rows have a title, social rows leave Tiêu đề
empty; dates are Excel datetimes with a time; Phương tiện says "Báo mạng" or the social network;
AI_SACTHAI says "Trung tính" for neutral; AI_NOTE is the service's one-line account of the event.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import openpyxl

HEADERS = [
    "Khách hàng",
    "Phương tiện",
    "Nguồn phát hành",
    "Ngày phát hành",
    "Tiêu đề",
    "Link",
    "Tier",
    "Giá trị truyền thông",
    "Mức độ nổi bật",
    "Nội dung",
    "Like",
    "Share",
    "Comment",
    "TTT",
    "AI_THELOAINOIDUNG",
    "AI_SACTHAI",
    "AI_NOTE",
]
CLIENT = "UBND tỉnh Gia Lai"


@dataclass(frozen=True)
class Post:
    medium: str
    outlet: str
    at: dt.datetime
    title: str | None
    link: str
    text: str
    sentiment: str = "Trung tính"
    note: str = ""
    tier: str = "B"
    likes: int = 0
    shares: int = 0
    comments: int = 0
    category: str = "Du lịch"

    def row(self) -> list:
        total = self.likes + self.shares + self.comments
        return [
            CLIENT,
            self.medium,
            self.outlet,
            self.at,
            self.title,
            self.link,
            self.tier,
            1_500_000,
            "Trung bình",
            self.text,
            self.likes,
            self.shares,
            self.comments,
            total,
            self.category,
            self.sentiment,
            self.note,
        ]


FESTIVAL_NOTE = "Gia Lai tổ chức lễ hội văn hóa cồng chiêng tại Pleiku"
# The week of 7–13 October 2019: a festival story carried by three outlets over two days (one with a
# different title but the same AI_NOTE), a social post about it without a title, a foreign report.
FIRST_WEEK = [
    Post(
        "Báo mạng",
        "Báo Gia Lai",
        dt.datetime(2019, 10, 7, 8, 15),
        "Khai mạc Lễ hội văn hóa cồng chiêng tỉnh Gia Lai",
        "https://baogialai.com.vn/le-hoi-cong-chieng-1",
        "Sáng 7/10, tại Pleiku đã khai mạc lễ hội. Hàng nghìn người dự.",
        "Tích cực",
        FESTIVAL_NOTE,
        "A",
        120,
        30,
        12,
    ),
    Post(
        "Báo mạng",
        "VnExpress",
        dt.datetime(2019, 10, 8, 21, 40),
        "Khai mạc lễ hội văn hóa cồng chiêng tỉnh Gia Lai!",
        "https://vnexpress.net/le-hoi-cong-chieng-gia-lai-4001.html",
        "Lễ hội cồng chiêng ở Pleiku thu hút hàng nghìn du khách.",
        "Tích cực",
        "",
        "A",
        800,
        95,
        40,
    ),
    Post(
        "Báo mạng",
        "TTXVN",
        dt.datetime(2019, 10, 12, 9, 0),
        "Đặc sắc không gian văn hóa cồng chiêng ở phố núi",
        "https://www.vietnamplus.vn/cong-chieng-pho-nui/5001.vnp",
        "Không gian văn hóa cồng chiêng Tây Nguyên được tái hiện tại Pleiku.",
        "Trung tính",
        FESTIVAL_NOTE,
        "A",
        50,
        4,
        1,
    ),
    Post(
        "Facebook",
        "Facebook",
        dt.datetime(2019, 10, 7, 19, 5),
        None,
        "https://www.facebook.com/permalink.php?story_fbid=900001",
        "Tối nay Pleiku rực rỡ trong đêm cồng chiêng! Ai đi thì check-in nhé.",
        "Tích cực",
        "",
        "C",
        2500,
        310,
        188,
    ),
    Post(
        "Báo mạng",
        "RFA",
        dt.datetime(2019, 10, 9, 6, 30),
        "Người dân Gia Lai khiếu nại về đền bù dự án thủy điện",
        "https://www.rfa.org/vietnamese/news/gia-lai-den-bu-10092019.html",
        "Một số hộ dân cho biết chưa nhận đủ tiền đền bù.",
        "Tiêu cực",
        "Khiếu nại đền bù dự án thủy điện ở Gia Lai",
        "B",
        40,
        22,
        15,
    ),
]
# The following week, exported again with the last two days of the first: a later, overlapping export.
SECOND_WEEK = [
    Post(
        "Youtube",
        "YouTube",
        dt.datetime(2019, 10, 14, 20, 0),
        None,
        "https://www.youtube.com/watch?v=abc123",
        "Clip toàn cảnh lễ hội cồng chiêng Gia Lai 2019 - phần 2",
        "Trung tính",
        FESTIVAL_NOTE,
        "D",
        90,
        3,
        7,
    ),
    Post(
        "Báo mạng",
        "Báo Gia Lai",
        dt.datetime(2019, 10, 15, 10, 10),
        "Gia Lai đẩy mạnh chuyển đổi số trong cải cách hành chính",
        "https://baogialai.com.vn/chuyen-doi-so-2",
        "UBND tỉnh ban hành kế hoạch chuyển đổi số.",
        "Tích cực",
        "",
        "A",
        15,
        2,
        0,
        "Chính trị",
    ),
]


def export_bytes(posts: list[Post], *, title: str = "Data", banner: bool = True, headers=HEADERS) -> bytes:
    """The export as the service writes it: a banner line above the header row, one row per post."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    if banner:
        sheet.append(["BÁO CÁO THEO DÕI TRUYỀN THÔNG - XUẤT NGÀY 16/10/2019"])
    sheet.append(list(headers))
    for post in posts:
        values = dict(zip(HEADERS, post.row()))
        sheet.append([values.get(h) for h in headers])
    if "Ngày phát hành" in headers:
        for row in sheet.iter_rows(min_row=3 if banner else 2):
            row[list(headers).index("Ngày phát hành")].number_format = "dd/mm/yyyy hh:mm"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
