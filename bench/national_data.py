"""A national-scale plan, generated deterministically, and delivered the way staff deliver it.

The plan of a ministry tracking tens of thousands of assigned tasks and a press office logging a
million mentions: `Scale.full()` is 20.000 tasks over 100 units, 60.000 milestones, 10.000
indicators, 20.000 budget lines with 100.000 disbursements and 1.000.000 media mentions. The year
is delivered as weekly versions (about 1 % of the tasks change each week, the week's
disbursements are added) and monthly media workbooks; milestones are re-stated once a month with
the ones completed since.

Everything depends only on the seed and the scale: the same call writes the same files. Random
streams are separate per purpose, so changing the media does not reshuffle the tasks.
Used by bench/national.py and tests/test_scale.py.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from plantrack.excel import write_workbook

SEED = 2026
YEAR = 2019
CREATED = dt.datetime(2019, 1, 1, 8, 0, 0)
# Mentions per month, as shares of the year: the last month is the largest (exactly 100.000 at full scale).
MONTH_WEIGHTS = (76, 78, 80, 80, 82, 84, 84, 86, 86, 86, 78, 100)

PROVINCES = (
    "Hà Nội",
    "TP. Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Gia Lai",
    "Kon Tum",
    "Đắk Lắk",
    "Đắk Nông",
    "Lâm Đồng",
    "Khánh Hòa",
    "Phú Yên",
    "Bình Định",
    "Quảng Ngãi",
    "Quảng Nam",
    "Thừa Thiên Huế",
    "Quảng Trị",
    "Quảng Bình",
    "Hà Tĩnh",
    "Nghệ An",
    "Thanh Hóa",
    "Ninh Bình",
    "Nam Định",
    "Thái Bình",
    "Hà Nam",
    "Hưng Yên",
    "Hải Dương",
    "Bắc Ninh",
    "Bắc Giang",
    "Lạng Sơn",
    "Cao Bằng",
    "Hà Giang",
    "Tuyên Quang",
    "Lào Cai",
    "Yên Bái",
    "Điện Biên",
    "Lai Châu",
    "Sơn La",
    "Hòa Bình",
    "Phú Thọ",
    "Vĩnh Phúc",
    "Thái Nguyên",
    "Bắc Kạn",
    "Quảng Ninh",
    "An Giang",
    "Kiên Giang",
    "Cà Mau",
    "Bạc Liêu",
    "Sóc Trăng",
    "Trà Vinh",
    "Vĩnh Long",
    "Bến Tre",
    "Tiền Giang",
    "Long An",
    "Đồng Tháp",
    "Hậu Giang",
    "Tây Ninh",
    "Bình Dương",
    "Bình Phước",
    "Đồng Nai",
    "Bà Rịa - Vũng Tàu",
    "Bình Thuận",
    "Ninh Thuận",
)
BODIES = ("Sở Thông tin và Truyền thông", "Sở Ngoại vụ", "Sở Văn hóa, Thể thao và Du lịch", "Ban Tuyên giáo Tỉnh ủy")
VERBS = ("Tổ chức", "Triển khai", "Xây dựng", "Tuyên truyền", "Biên soạn", "Phối hợp thực hiện", "Tổng hợp", "Rà soát")
OBJECTS = (
    "hội nghị thông tin đối ngoại",
    "chuyên mục quảng bá du lịch",
    "pa nô tuyên truyền biên giới",
    "ấn phẩm song ngữ tiếng dân tộc",
    "lớp tập huấn nghiệp vụ",
    "báo cáo dư luận báo chí",
    "chương trình xúc tiến đầu tư",
    "cổng thông tin đối ngoại",
    "đoàn phóng viên nước ngoài",
    "kế hoạch phản bác thông tin sai lệch",
)
OUTLET_BASES = (
    "Báo",
    "Tạp chí",
    "Đài Phát thanh - Truyền hình",
    "Báo điện tử",
    "Trang tin",
    "Kênh",
)
FOREIGN_OUTLETS = (
    "RFA",
    "BBC Tiếng Việt",
    "VOA Tiếng Việt",
    "Reuters",
    "AFP",
    "Nikkei Asia",
    "The Diplomat",
    "Xinhua",
    "Kyodo",
    "Yonhap",
)
TOPICS = (
    "du lịch",
    "đầu tư",
    "thương mại",
    "biên giới",
    "biển đảo",
    "nhân quyền",
    "dân tộc thiểu số",
    "tôn giáo",
    "đất đai",
    "môi trường",
    "giáo dục",
    "y tế",
    "giao thông",
    "nông nghiệp",
    "cà phê",
    "hồ tiêu",
    "thủy điện",
    "rừng",
    "an ninh",
    "văn hóa",
    "lễ hội",
    "thể thao",
    "chuyển đổi số",
    "khởi nghiệp",
    "ngoại giao",
    "viện trợ",
    "ODA",
    "xuất khẩu",
    "lao động",
    "thiên tai",
)


@dataclass(frozen=True)
class Scale:
    """How big the generated plan is; `full()` is the issue's national scale."""

    name: str
    tasks: int
    units: int
    milestones_per_task: int
    indicators: int
    budget_lines: int
    disbursements: int
    media: int
    versions: int
    change_share: float = 0.01

    @classmethod
    def full(cls) -> Scale:
        return cls("full", 20_000, 100, 3, 10_000, 20_000, 100_000, 1_000_000, 52)

    @classmethod
    def quick(cls) -> Scale:
        """A twentieth of the data, every mechanism kept (52 weekly versions, 12 monthly media files)."""
        return cls("quick", 1_000, 100, 3, 500, 1_000, 5_000, 50_000, 52)

    def scaled(self, name: str, **sizes: int) -> Scale:
        return replace(self, name=name, **sizes)

    @property
    def media_per_month(self) -> list[int]:
        total = sum(MONTH_WEIGHTS)
        counts = [self.media * w // total for w in MONTH_WEIGHTS]
        counts[-1] += self.media - sum(counts)
        return counts


def _rng(purpose: str) -> random.Random:
    return random.Random(f"{SEED}:{purpose}")


def as_of_dates(versions: int) -> list[dt.date]:
    """Weekly as-of dates from the first Monday of the year; a year of 52 ends on 31/12."""
    first = dt.date(YEAR, 1, 7)
    dates = [first + dt.timedelta(days=7 * k) for k in range(versions)]
    if versions == 52:
        dates[-1] = dt.date(YEAR, 12, 31)
    return dates


def _month_end(month: int) -> dt.date:
    return dt.date(YEAR, month, calendar.monthrange(YEAR, month)[1])


def _quarter_start(q: int) -> dt.date:
    return dt.date(YEAR, 3 * q - 2, 1)


def _quarter_end(q: int) -> dt.date:
    return _month_end(3 * q)


def _day(start: dt.date, end: dt.date, rng: random.Random) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def units(scale: Scale) -> pd.DataFrame:
    rows = []
    for i in range(scale.units):
        body = BODIES[i // len(PROVINCES) % len(BODIES)]
        province = PROVINCES[i % len(PROVINCES)]
        rows.append(
            {
                "unit_code": f"DV{i + 1:03d}",
                "unit_name": f"{body} {province}",
                "unit_kind": "internal" if i < 10 else "external",
            }
        )
    return pd.DataFrame(rows)


def _unit_weights(n: int) -> list[float]:
    # A few units lead many tasks, most lead few (as ministries and provinces do).
    return [1.0 / (1 + i) ** 0.7 for i in range(n)]


def tasks(scale: Scale) -> pd.DataFrame:
    """The tasks as stated in the first version: most not started, some under way."""
    rng = _rng("tasks")
    codes = [f"DV{i + 1:03d}" for i in range(scale.units)]
    weights = _unit_weights(scale.units)
    first = as_of_dates(1)[0]
    rows = []
    for i in range(1, scale.tasks + 1):
        lead = rng.choices(codes, weights)[0]
        support = sorted({rng.choice(codes) for _ in range(rng.randrange(4))} - {lead})
        kind = rng.random()
        place = PROVINCES[rng.randrange(len(PROVINCES))]
        content = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} tại {place} năm {YEAR} (nhiệm vụ số {i})"
        if kind < 0.15:
            timing, ongoing, start, due = (
                f"Thường xuyên trong năm {YEAR}",
                True,
                dt.date(YEAR, 1, 1),
                dt.date(YEAR, 12, 31),
            )
        elif kind < 0.35:
            due = _day(dt.date(YEAR, 2, 1), dt.date(YEAR, 12, 31), rng)
            timing, ongoing, start = f"Hoàn thành ngày {due:%d/%m/%Y}", False, None
        elif kind < 0.50:
            month = rng.randrange(1, 13)
            timing, ongoing = f"Dự kiến tháng {month} năm {YEAR}", False
            start, due = dt.date(YEAR, month, 1), _month_end(month)
        else:
            q1 = rng.randrange(1, 5)
            q2 = rng.randrange(q1, 5)
            timing, ongoing = (
                f"Triển khai từ quý {'I II III IV'.split()[q1 - 1]}/{YEAR}, hoàn thành trong quý {'I II III IV'.split()[q2 - 1]}/{YEAR}",
                False,
            )
            start, due = _quarter_start(q1), _quarter_end(q2)
        begun = ongoing or (start is not None and start <= first)
        progress = float(rng.choice((0, 5, 10))) if begun else 0.0
        rows.append(
            {
                "task_code": f"NV{i}",
                "content": content,
                "lead_unit": lead,
                "support_units": support,
                "timing_text": timing,
                "is_ongoing": ongoing,
                "start_on": start,
                "due_on": due,
                "progress": progress,
                "state": "in_progress" if progress else "not_started",
                "completed_on": None,
                "updated_on": first - dt.timedelta(days=rng.randrange(1, 6)) if progress else None,
                "note": None,
            }
        )
    return pd.DataFrame(rows)


def advance_tasks(frame: pd.DataFrame, week: int, as_of: dt.date, share: float) -> pd.DataFrame:
    """The tasks one week later: `share` of them (at least one) report new progress."""
    rng = _rng(f"tasks:week:{week}")
    frame = frame.copy()
    changed = rng.sample(range(len(frame)), max(1, round(share * len(frame))))
    for index in changed:
        row = frame.iloc[index]
        progress = min(100.0, float(row["progress"]) + rng.choice((5, 10, 15, 20, 25, 30)))
        updated = as_of - dt.timedelta(days=rng.randrange(0, 4))
        frame.at[index, "progress"] = progress
        frame.at[index, "updated_on"] = updated
        if progress >= 100:
            frame.at[index, "state"] = "done"
            frame.at[index, "completed_on"] = updated
        else:
            frame.at[index, "state"] = "in_progress"
        if rng.random() < 0.3:
            frame.at[index, "note"] = f"Báo cáo tuần {week + 1}: đã thực hiện {progress:.0f}%"
    return frame


def indicators(scale: Scale, task_frame: pd.DataFrame) -> pd.DataFrame:
    rng = _rng("indicators")
    codes = task_frame["task_code"].tolist()
    rows = []
    for i in range(scale.indicators):
        target = rng.choice((1, 2, 4, 10, 12, 24, 80, 120))
        rows.append(
            {
                "task_code": codes[i * len(codes) // max(1, scale.indicators)],
                "indicator": f"{rng.choice(OBJECTS).capitalize()} (chỉ tiêu {i + 1})",
                "measure_unit": rng.choice(("lượt", "tin, bài", "lớp", "cụm", "ấn phẩm", "báo cáo")),
                "target": float(target),
                "actual": float(rng.randrange(target + 1)),
                "note": None,
            }
        )
    return pd.DataFrame(rows)


def milestones(scale: Scale, task_frame: pd.DataFrame) -> pd.DataFrame:
    """Each task's steps, with the day each will be completed (column `will_complete`, not a sheet column)."""
    rng = _rng("milestones")
    rows = []
    number = 0
    for task in task_frame.itertuples():
        start = task.start_on or dt.date(YEAR, 1, 1)
        due = task.due_on or dt.date(YEAR, 12, 31)
        for step in range(scale.milestones_per_task):
            number += 1
            step_due = start + (due - start) * (step + 1) // scale.milestones_per_task
            late = rng.random()
            will_complete = (
                None if late < 0.12 else step_due + dt.timedelta(days=rng.randrange(-12, 6 if late < 0.8 else 40))
            )
            rows.append(
                {
                    "milestone_code": f"M{number}",
                    "task_code": task.task_code,
                    "content": f"Bước {step + 1}: {rng.choice(VERBS).lower()} {rng.choice(OBJECTS)}",
                    "due_on": step_due,
                    "quarter": None,
                    "completed_on": None,
                    "unit_code": task.lead_unit,
                    "note": None,
                    "will_complete": will_complete,
                }
            )
    return pd.DataFrame(rows)


def milestones_as_of(frame: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    done = frame["will_complete"].map(lambda day: day if day is not None and day <= as_of else None)
    return frame.drop(columns="will_complete").assign(completed_on=done)


def budget_lines(scale: Scale, task_frame: pd.DataFrame) -> pd.DataFrame:
    rng = _rng("budget")
    codes = task_frame["task_code"].tolist()
    leads = dict(zip(task_frame["task_code"], task_frame["lead_unit"]))
    rows = []
    for i in range(1, scale.budget_lines + 1):
        task = codes[rng.randrange(len(codes))] if rng.random() < 0.9 else None
        rows.append(
            {
                "line_code": f"KP{i}",
                "task_code": task,
                "content": f"Kinh phí {rng.choice(OBJECTS)} (dòng {i})",
                "source": rng.choices(("state", "integrated", "social"), (0.7, 0.2, 0.1))[0],
                "unit_code": leads[task] if task else f"DV{rng.randrange(scale.units) + 1:03d}",
                "planned": rng.randrange(10, 2000) * 1_000_000,
                "note": None,
            }
        )
    return pd.DataFrame(rows)


def disbursements(scale: Scale, line_frame: pd.DataFrame) -> pd.DataFrame:
    """Payments spread over the year; no line is paid more than 95 % of its plan."""
    rng = _rng("disbursements")
    lines = line_frame[["line_code", "planned"]].to_dict("records")
    rows = []
    per_line = [scale.disbursements // len(lines)] * len(lines)
    for i in range(scale.disbursements - sum(per_line)):
        per_line[i] += 1
    number = 0
    for line, count in zip(lines, per_line):
        budget = int(line["planned"] * 0.95)
        shares = [rng.random() for _ in range(count)]
        total = sum(shares) or 1
        for share in shares:
            number += 1
            rows.append(
                {
                    "line_code": line["line_code"],
                    "paid_on": _day(dt.date(YEAR, 1, 2), dt.date(YEAR, 12, 31), rng),
                    "amount": int(budget * share / total) // 1000 * 1000,
                    "voucher": f"UNC {number:06d}",
                    "note": None,
                }
            )
    return pd.DataFrame(rows)


def media_month(scale: Scale, month: int, task_codes: list[str]) -> pd.DataFrame:
    """One month's press log; about 1 % flagged as false information, most of those answered."""
    rng = _rng(f"media:{month}")
    count = scale.media_per_month[month - 1]
    start, end = dt.date(YEAR, month, 1), _month_end(month)
    domestic = [f"{base} {province}" for province in PROVINCES for base in OUTLET_BASES[:3]]
    rows = []
    for i in range(count):
        foreign = rng.random() < 0.12
        outlet = (
            rng.choice(FOREIGN_OUTLETS) if foreign else domestic[min(len(domestic) - 1, int(rng.expovariate(0.02)))]
        )
        published = _day(start, end, rng)
        topic = rng.choice(TOPICS)
        sentiment = rng.choices(
            ("positive", "neutral", "negative"), (0.45, 0.4, 0.15) if not foreign else (0.2, 0.4, 0.4)
        )[0]
        false = rng.random() < 0.01
        response = responded = None
        if false:
            response = rng.choices(("not_handled", "reported", "refuted", "closed"), (0.15, 0.25, 0.4, 0.2))[0]
            if response in ("refuted", "closed"):
                responded = published + dt.timedelta(days=rng.randrange(0, 9))
        rows.append(
            {
                "published_on": published,
                "outlet": outlet,
                "scope": "foreign" if foreign else "domestic",
                "medium": rng.choice(("online", "online", "print", "tv", "radio", "social")),
                "language": "Tiếng Anh" if foreign and rng.random() < 0.5 else "Tiếng Việt",
                "title": f"{topic.capitalize()} ở {rng.choice(PROVINCES)}: tin số {month:02d}-{i + 1}",
                "summary": f"Tóm tắt bài về {topic}, {rng.choice(OBJECTS)}" if rng.random() < 0.3 else None,
                "url": f"https://tin.example.vn/{YEAR}/{month:02d}/{i + 1}",
                "topic": topic,
                "sentiment": sentiment,
                "is_false": false,
                "task_code": task_codes[rng.randrange(len(task_codes))] if rng.random() < 0.1 else None,
                "response": response,
                "responded_on": responded,
                "reach": rng.randrange(100, 500_000),
            }
        )
    return pd.DataFrame(rows)


PLAN_INFO = pd.DataFrame(
    [
        {
            "title": f"Kế hoạch thông tin đối ngoại toàn quốc năm {YEAR} (dữ liệu thử tải)",
            "doc_number": "999/KH-BENCH",
            "year": YEAR,
            "issuer": "Bộ Thông tin và Truyền thông",
            "issued_on": dt.date(YEAR, 1, 2),
            "legal_bases": "Nghị định số 72/2015/NĐ-CP",
        }
    ]
)


@dataclass
class Delivery:
    """One file staff upload, and the as-of date it is imported with."""

    version: int  # 1-based: the version this file becomes
    as_of: dt.date
    path: Path
    sheets: list[str]
    rows: dict[str, int]


def deliveries(scale: Scale, folder: Path) -> Iterator[Delivery]:
    """Writes the year's workbooks into `folder` one at a time (skipping files already there) and yields them.

    Version 1 states the whole plan; each later week re-states the tasks and adds that week's
    disbursements; the first week of a month also brings last month's media log and the
    milestones completed since. Files are reproducible byte for byte.
    """
    folder.mkdir(parents=True, exist_ok=True)
    dates = as_of_dates(scale.versions)
    task_frame = tasks(scale)
    milestone_frame = milestones(scale, task_frame)
    line_frame = budget_lines(scale, task_frame)
    paid = disbursements(scale, line_frame)
    codes = task_frame["task_code"].tolist()
    media_due = {}  # version index -> months whose log it brings
    for month in range(1, 13):
        after = next((k for k, day in enumerate(dates) if day > _month_end(month)), len(dates) - 1)
        media_due.setdefault(after, []).append(month)
    for k, as_of in enumerate(dates):
        if k:
            task_frame = advance_tasks(task_frame, k, as_of, scale.change_share)
        previous = dates[k - 1] if k else dt.date(YEAR - 1, 12, 31)
        frames = {
            "tasks": task_frame,
            "disbursements": paid[(paid["paid_on"] > previous) & (paid["paid_on"] <= as_of)],
        }
        if k == 0:
            frames.update(
                plan_info=PLAN_INFO,
                units=units(scale),
                indicators=indicators(scale, task_frame),
                budget_lines=line_frame,
            )
        if k == 0 or k in media_due:
            frames["milestones"] = milestones_as_of(milestone_frame, as_of)
        months = media_due.get(k, [])
        if months and scale.media:
            frames["media"] = pd.concat([media_month(scale, m, codes) for m in months], ignore_index=True)
        path = folder / f"v{k + 1:02d}-{as_of:%Y-%m-%d}.xlsx"
        if not path.exists():
            partial = path.with_suffix(".part")
            write_workbook(partial, frames, sheets=list(frames), created=CREATED)
            partial.rename(path)
        yield Delivery(k + 1, as_of, path, list(frames), {name: len(frame) for name, frame in frames.items()})


def media_workbook(scale: Scale, month: int, path: Path) -> int:
    """One month's media log alone, as the press office sends it; returns its rows."""
    frame = media_month(scale, month, tasks(scale)["task_code"].tolist())
    if not path.exists():
        partial = path.with_suffix(".part")
        write_workbook(partial, {"media": frame}, sheets=["media"], created=CREATED)
        partial.rename(path)
    return len(frame)


def media_corrections(scale: Scale, month: int, path: Path, share: float = 0.01) -> int:
    """The same month's log sent again with `share` of its rows corrected (sentiment, response)."""
    frame = media_month(scale, month, tasks(scale)["task_code"].tolist())
    rng = _rng(f"media:{month}:corrections")
    for index in rng.sample(range(len(frame)), max(1, round(share * len(frame)))):
        frame.at[index, "sentiment"] = rng.choice(("positive", "neutral", "negative"))
        frame.at[index, "summary"] = "Đã hiệu chỉnh sắc thái sau khi đối chiếu"
    if not path.exists():
        partial = path.with_suffix(".part")
        write_workbook(partial, {"media": frame}, sheets=["media"], created=CREATED)
        partial.rename(path)
    return len(frame)
