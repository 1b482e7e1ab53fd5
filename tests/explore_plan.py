"""The plan Khám phá's tests explore: small_plan with an overdue task, milestones, indicators, budget
lines and mentions, one of them titled with crafted SQL; and the filters a page would pass with it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from conftest import small_plan

AS_OF = dt.date(2019, 3, 31)
CRAFTED = "'; drop table tasks; --"
PARAMS = {"plan_id": 1, "version_id": 1, "units": [], "quarter": 0, "year": 2019, "until": AS_OF}


def media_row(
    day: dt.date,
    outlet: str,
    scope: str,
    medium: str,
    title: str,
    sentiment: str,
    is_false: bool,
    response: str | None = None,
    responded: dt.date | None = None,
    reach: int | None = None,
    task: str | None = "NV1",
) -> dict:
    return {
        "published_on": day,
        "outlet": outlet,
        "scope": scope,
        "medium": medium,
        "language": "Tiếng Việt",
        "title": title,
        "summary": None,
        "url": f"https://example.vn/{len(title)}-{day.isoformat()}",
        "topic": "du lịch",
        "sentiment": sentiment,
        "is_false": is_false,
        "task_code": task,
        "response": response,
        "responded_on": responded,
        "reach": reach,
    }


def explore_plan() -> dict[str, pd.DataFrame]:
    """small_plan with a third (overdue) task, milestones, indicators, two budget lines and four mentions."""
    plan = small_plan()
    overdue = {
        **plan["tasks"].iloc[1].to_dict(),
        "task_code": "NV3",
        "content": "Xây dựng cụm pa nô tại Đức Cơ",
        "lead_unit": "P.TTBCXB",
        "support_units": [],
        "timing_text": "Hoàn thành ngày 28/02/2019",
        "due_on": dt.date(2019, 2, 28),
        "progress": 40.0,
        "state": "in_progress",
        "completed_on": None,
        "updated_on": dt.date(2019, 2, 20),
    }
    plan["tasks"] = pd.DataFrame([*plan["tasks"].to_dict("records"), overdue])
    plan["milestones"] = pd.DataFrame(
        [
            {
                "milestone_code": "M1",
                "task_code": "NV1",
                "content": "Báo cáo tháng 1",
                "due_on": dt.date(2019, 2, 15),
                "quarter": None,
                "completed_on": dt.date(2019, 2, 10),
                "unit_code": "VP",
                "note": None,
            },
            {
                "milestone_code": "M2",
                "task_code": "NV2",
                "content": "Gửi danh sách cán bộ",
                "due_on": dt.date(2019, 3, 20),
                "quarter": None,
                "completed_on": None,
                "unit_code": "VP",
                "note": "Chờ ký",
            },
            {
                "milestone_code": "M3",
                "task_code": "NV1",
                "content": "Báo cáo quý II",
                "due_on": dt.date(2019, 6, 30),
                "quarter": None,
                "completed_on": None,
                "unit_code": "P.TTBCXB",
                "note": None,
            },
            {
                "milestone_code": "M4",
                "task_code": "NV3",
                "content": "Khảo sát vị trí pa nô",
                "due_on": dt.date(2019, 2, 20),
                "quarter": None,
                "completed_on": dt.date(2019, 2, 25),
                "unit_code": "P.TTBCXB",
                "note": None,
            },
        ]
    )
    plan["indicators"] = pd.DataFrame(
        [
            {
                "task_code": "NV1",
                "indicator": "Văn bản hướng dẫn",
                "measure_unit": "văn bản",
                "target": 3.0,
                "actual": 2.0,
                "note": None,
            },
            {
                "task_code": "NV2",
                "indicator": "Danh sách cán bộ",
                "measure_unit": "cơ quan",
                "target": 37.0,
                "actual": 37.0,
                "note": "Đủ 37 cơ quan",
            },
            {
                "task_code": "NV3",
                "indicator": "Cụm pa nô",
                "measure_unit": "cụm",
                "target": 2.0,
                "actual": None,
                "note": None,
            },
        ]
    )
    plan["budget_lines"] = pd.DataFrame(
        [
            plan["budget_lines"].iloc[0].to_dict(),
            {
                "line_code": "NS02",
                "task_code": "NV3",
                "content": "Tài trợ in pa nô",
                "source": "social",
                "unit_code": "P.TTBCXB",
                "planned": 5_000_000,
                "note": None,
            },
        ]
    )
    plan["disbursements"] = pd.DataFrame(
        [
            plan["disbursements"].iloc[0].to_dict(),
            {
                "line_code": "NS01",
                "paid_on": dt.date(2019, 3, 20),
                "amount": 500_000,
                "voucher": "UNC 02",
                "note": None,
            },
            {
                "line_code": "NS02",
                "paid_on": dt.date(2019, 2, 15),
                "amount": 1_000_000,
                "voucher": "PC 01",
                "note": "Tạm ứng",
            },
        ]
    )
    plan["media"] = pd.DataFrame(
        [
            media_row(
                dt.date(2019, 3, 5),
                "Báo Gia Lai",
                "domestic",
                "online",
                "Gia Lai quảng bá du lịch",
                "positive",
                False,
                reach=100,
            ),
            media_row(
                dt.date(2019, 3, 10),
                "RFA",
                "foreign",
                "online",
                "Tin sai về Đức Cơ",
                "negative",
                True,
                "refuted",
                dt.date(2019, 3, 12),
                reach=5000,
            ),
            media_row(
                dt.date(2019, 3, 20),
                "Báo Gia Lai",
                "domestic",
                "print",
                "Hội nghị thông tin đối ngoại",
                "neutral",
                False,
                task=None,
            ),
            media_row(dt.date(2019, 3, 25), "VOA", "foreign", "radio", CRAFTED, "negative", True, reach=800),
        ]
    )
    return plan
