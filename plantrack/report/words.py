"""The report's phrases in Vietnamese administrative style: dates, amounts, names, the issuer and the plan it cites."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from plantrack import measures
from plantrack.i18n import format_date, format_number
from plantrack.report.data import LANG


def date(value: object) -> str:
    return format_date(pd.Timestamp(value).date(), LANG) if value is not None and not pd.isna(value) else "—"


def money(value: float) -> str:
    return f"{format_number(round(value), LANG)} đồng"


def pct(value: float | None, digits: int = 1) -> str:
    if value is None or pd.isna(value):
        return "—"
    rounded = round(float(value), digits)
    return f"{format_number(rounded, LANG, 0 if float(rounded).is_integer() else digits)}%"


def status_text(code: str, reason: str) -> str:
    """'Chậm tiến độ. Dự kiến 100% …' — or the reason alone when it starts with the status ('Hoàn thành ngày …')."""
    label = measures.category(code).label(LANG)
    if reason.lower().startswith(label.lower()):
        return sentence(reason)
    return f"{label}. {sentence(reason)}"


def sentence(text: str) -> str:
    """A phrase as a sentence: capital first letter, one full stop at the end."""
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:] + "."


def quoted(text: object) -> str:
    """Vietnamese administrative quotation marks: “…”, not «…»."""
    return f"“{str(text).strip().rstrip('.')}”"


def short_name(content: object, limit: int = 90) -> str:
    """A task named by its content, shortened at a word: the plan's wording is often a whole paragraph."""
    text = " ".join(str(content or "").split()).rstrip(".;:")
    first = re.split(r"(?<=[.;:])\s", text)[0].rstrip(".;:,")
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:-–") + "…"


def count(value: float) -> str:
    return format_number(int(value), LANG)


def number(value: float) -> str:
    value = float(value)
    return format_number(value, LANG, 0 if value.is_integer() else 1)


def long_date(place: str, day: dt.date) -> str:
    """'Gia Lai, ngày 30 tháng 9 năm 2019': days below 10 and months 1–2 get a leading zero (NĐ 30/2020)."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place or '……'}, ngày {day_text} tháng {month_text} năm {day.year}"


@dataclass(frozen=True)
class Issuer:
    parent: str  # the governing body, as printed: "UBND TỈNH GIA LAI"
    agency: str  # "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    agency_name: str  # in running text: "Sở Thông tin và Truyền thông"
    place: str  # "Gia Lai"
    province_body: str  # the addressee: "Ủy ban nhân dân tỉnh Gia Lai"
    code: str  # the report number's suffix: "BC-STTTT"


def issuer(plan: Mapping[str, object]) -> Issuer:
    """The heading block's names from the plan's issuer ("Sở … tỉnh Gia Lai") and number ("45/KH-STTTT")."""
    text = str(plan.get("issuer") or "").strip()
    match = re.match(r"^(.*?)\s+(tỉnh|thành phố)\s+(.+)$", text, flags=re.IGNORECASE)
    if match:
        agency, level, place = match.group(1), match.group(2).lower(), match.group(3)
        parent = f"UBND {level.upper()} {place.upper()}"
        body = f"Ủy ban nhân dân {level} {place}"
    else:
        agency, place, parent, body = text, "", "", ""
    doc_number = str(plan.get("doc_number") or "")
    suffix = doc_number.split("/", 1)[1] if "/" in doc_number else ""
    code = "BC-" + suffix.split("-", 1)[1] if "-" in suffix else "BC"
    return Issuer(parent, agency.upper(), agency, place, body, code)


def plan_reference(plan: Mapping[str, object]) -> str:
    """'Kế hoạch số 45/KH-STTTT ngày 15/03/2019 của Sở … về triển khai …', as a report cites its basis."""
    title = str(plan["title"])
    number, issued = plan.get("doc_number"), plan.get("issued_on")
    if not number:
        return title
    match = re.match(r"^(Kế hoạch|Chương trình|Đề án|Quyết định|Chỉ thị)\s+(.+)$", title, flags=re.IGNORECASE)
    if not match:
        return f"{title} (số {number})"
    kind, subject = match.group(1), match.group(2)
    reference = f"{kind[:1].upper()}{kind[1:]} số {number}"
    if issued is not None and not pd.isna(issued):
        reference += f" ngày {date(issued)}"
    if plan.get("issuer"):
        reference += f" của {plan['issuer']}"
    return f"{reference} về {subject[:1].lower() + subject[1:]}" if subject else reference


def units_text(codes: object, units: Mapping[str, str]) -> str:
    if codes is None or (not isinstance(codes, (list, tuple)) and not hasattr(codes, "__len__")):
        return ""
    return ", ".join(units.get(str(c), str(c)) for c in codes)


def indicator_line(row: pd.Series) -> str:
    target, actual = float(row["target"]), row["actual"]
    if actual is None or pd.isna(actual):
        return f"{row['indicator']}: kế hoạch {number(target)} {row['measure_unit']}, chưa có số liệu thực hiện."
    share = 100.0 * float(actual) / target if target else None
    return f"{row['indicator']}: thực hiện {number(actual)}/{number(target)} {row['measure_unit']}" + (
        f", đạt {pct(share)} kế hoạch." if share is not None else "."
    )


def milestone_line(row: pd.Series, as_of: dt.date) -> str:
    state = row["state"]
    if state == "ms_done":
        done = f"đã hoàn thành ngày {date(row['completed_on'])}"
        if row["days_late"] is not None and not pd.isna(row["days_late"]):
            done += f" (trễ {int(row['days_late'])} ngày)"
    elif state == "ms_late":
        done = "chưa hoàn thành, đã quá hạn"
    elif state == "ms_due":
        done = "chưa hoàn thành, sắp đến hạn"
    else:
        done = "chưa đến hạn"
    return f"{row['content']} (hạn {date(row['due_on'])}): {done}."
