"""The report's content as a Word document: heading block, title, body sections, recipients and signature."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from plantrack import measures, press, status
from plantrack.contract import CLOSED_LISTS
from plantrack.i18n import format_number
from plantrack.rates import percent_text, points_text, share_text
from plantrack.report import docx_layout as layout
from plantrack.report import words
from plantrack.report.data import LANG, ReportData
from plantrack.report.words import Issuer, issuer, long_date, plan_reference, short_name

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_bytes(
    data: ReportData, report_date: dt.date | None = None, signer: str = "", signer_title: str = "GIÁM ĐỐC"
) -> bytes:
    """The report as a Word document; `signer` is the name printed under the signature (a dotted line if none)."""
    who = issuer(data.plan)
    report_date = report_date or data.as_of
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = layout.FONT, Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), layout.FONT)
    layout.add_page_numbers(section)

    left_cm, right_cm = 6.3, 10.2
    heading = layout.add_blank_table(document, (left_cm, right_cm))
    left, right = heading.rows[0].cells
    left_lines = [(who.parent, 13, False, False)] if who.parent else []
    left_lines += [(who.agency, 13, True, False), (f"Số:        /{who.code}", 13, False, False)]
    layout.fill_cell(left, left_lines, rule=(len(left_lines) - 2, 2.2), cell_cm=left_cm)
    left.paragraphs[-1].paragraph_format.space_before = Pt(6)
    layout.fill_cell(
        right,
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, False),
            ("Độc lập - Tự do - Hạnh phúc", 14, True, False),
            (long_date(who.place, report_date), 14, False, True),
        ],
        rule=(1, 5.6),
        cell_cm=right_cm,
    )
    right.paragraphs[-1].paragraph_format.space_before = Pt(6)

    layout.add_paragraph(
        document, "BÁO CÁO", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=18, after=0
    )
    for line in (f"Kết quả thực hiện {data.plan['title']}", data.period.words[:1].upper() + data.period.words[1:]):
        title = layout.add_paragraph(
            document, line, 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=0
        )
        title.paragraph_format.line_spacing = 1.0
    layout.add_rule(document, 3.5, 16.5)
    layout.add_paragraph(document, after=0)
    if who.province_body:
        layout.add_paragraph(
            document, f"Kính gửi: {who.province_body}.", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=12
        )

    reached = "" if data.as_of >= data.period.end else "; kỳ báo cáo chưa kết thúc"
    layout.add_paragraph(
        document,
        f"Thực hiện {plan_reference(data.plan)}, {who.agency_name or 'đơn vị'} báo cáo kết quả "
        f"thực hiện {data.period.words} như sau (số liệu tính đến ngày {words.date(data.as_of)}{reached}):",
    )

    layout.add_heading(document, "I. KẾT QUẢ THỰC HIỆN", 1)
    layout.add_heading(document, "1. Kết quả chung", 2)
    total = len(data.tasks)
    g = data.groups
    layout.add_paragraph(
        document,
        (
            f"Kế hoạch có {words.count(total)} nhiệm vụ. Tính đến ngày {words.date(data.as_of)}: đã hoàn thành đúng hạn "
            f"{words.count(g[status.DONE_ON_TIME])} nhiệm vụ; đã hoàn thành quá hạn {words.count(g[status.DONE_LATE])} nhiệm vụ; "
            f"chưa hoàn thành, trong hạn {words.count(g[status.OPEN_IN_TIME])} nhiệm vụ; chưa hoàn thành, quá hạn "
            f"{words.count(g[status.OPEN_OVERDUE])} nhiệm vụ."
        ),
    )
    completion = data.completion
    official = (
        f"Tỷ lệ hoàn thành: {completion.text(LANG)} ({completion.basis(LANG)}); "
        f"tỷ lệ chưa hoàn thành, quá hạn: {completion.overdue_text(LANG)}."
        if completion.percent is not None
        else "Chưa có nhiệm vụ nào đến hạn, chưa tính tỷ lệ hoàn thành."
    )
    layout.add_bullets(
        document,
        [
            official,
            *(
                f"{rate.title}: {share_text(rate.numerator, rate.denominator, LANG) if rate.denominator else '—'} "
                f"({words.count(rate.numerator)}/{words.count(rate.denominator)}; {rate.basis})."
                for key, rate in data.rates.items()
                if key != "done"
            ),
        ],
    )

    layout.add_heading(document, "2. Kết quả thực hiện từng nhiệm vụ", 2)
    for n, task in enumerate(data.tasks.itertuples(index=False), start=1):
        # A task is named by its content, shortened to a line or two: only that line keeps with what
        # follows. The plan's whole wording, often a paragraph, may break across pages: kept with
        # the next paragraph it pushed the chain whole to the next page and left half a page blank.
        name = short_name(task.content)
        paragraph = layout.add_paragraph(
            document, f"2.{n}. {name} ({task.task_code})", bold=True, italic=True, before=3
        )
        paragraph.paragraph_format.keep_with_next = True
        full = " ".join(str(task.content).split())
        if full.rstrip(".") != name:
            layout.add_paragraph(document, f"Nội dung: {full.rstrip('.')}.")
        support = words.units_text(task.support_units, data.units)
        lead = data.units.get(task.lead_unit, task.lead_unit)
        layout.add_paragraph(
            document, f"Đơn vị chủ trì: {lead}" + (f"; đơn vị phối hợp: {support}." if support else ".")
        )
        if task.timing_text:
            layout.add_paragraph(document, f"Thời gian thực hiện: {task.timing_text}.")
        result = task.note if isinstance(task.note, str) and task.note.strip() else "chưa có báo cáo kết quả."
        layout.add_paragraph(document, f"Kết quả: {result.rstrip('.')}.")
        layout.add_paragraph(
            document,
            f"Tiến độ: {words.pct(task.progress, 0)}. Tình trạng: {words.status_text(task.status, task.reason)}",
        )
        indicators = data.indicators[data.indicators["task_code"] == task.task_code]
        if not indicators.empty:
            layout.add_paragraph(document, "Chỉ tiêu:", after=3)
            layout.add_bullets(document, [words.indicator_line(row) for _, row in indicators.iterrows()])
        steps = data.milestones[data.milestones["task_code"] == task.task_code]
        if not steps.empty:
            layout.add_paragraph(document, f"Các mốc trong {data.period.words}:", after=3)
            layout.add_bullets(document, [words.milestone_line(row, data.as_of) for _, row in steps.iterrows()])

    layout.add_heading(document, "3. Kinh phí thực hiện", 2)
    planned, disbursed = data.budget_totals["planned"], data.budget_totals["disbursed"]
    share = measures.disbursed_pct(disbursed, planned)
    layout.add_paragraph(
        document,
        (
            f"Tổng dự toán {words.money(planned)}; lũy kế giải ngân đến ngày {words.date(data.as_of)} là {words.money(disbursed)}, "
            f"đạt {words.pct(share)} dự toán; trong {data.period.words} đã giải ngân {words.money(data.disbursed_in_period)}."
        ),
    )
    rows = [
        [
            measures.category(r.source).label(LANG),
            format_number(r.planned, LANG),
            format_number(r.disbursed, LANG),
            words.pct(r.disbursed_pct),
        ]
        for r in data.budget_by_source.itertuples()
    ]
    rows.append(["Tổng cộng", format_number(planned, LANG), format_number(disbursed, LANG), words.pct(share)])
    layout.add_grid(
        document,
        ["Nguồn kinh phí", "Dự toán (đồng)", "Đã giải ngân (đồng)", "Tỷ lệ"],
        rows,
        [5.5, 4.0, 4.0, 2.5],
        {1, 2, 3},
        bold_last=True,
    )

    _press(document, data)
    _difficulties(document, data)

    layout.add_heading(document, "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI", 1)
    names = dict(zip(data.tasks["task_code"], data.tasks["content"]))
    if data.upcoming.empty:
        layout.add_paragraph(document, "Tiếp tục thực hiện các nhiệm vụ thường xuyên theo Kế hoạch.")
    else:
        layout.add_bullets(
            document,
            [
                (
                    f"Mốc của nhiệm vụ {words.quoted(short_name(names.get(r.task_code, r.task_code)))}: "
                    f"{r.content.rstrip('.')} (hạn {words.date(r.due_on)})."
                    if r.kind == "milestone"
                    else f"Hoàn thành nhiệm vụ {words.quoted(short_name(r.content))} (hạn {words.date(r.due_on)})."
                )
                for r in data.upcoming.itertuples()
            ],
        )

    layout.add_paragraph(
        document,
        (
            f"Trên đây là báo cáo kết quả thực hiện {data.plan['title']} {data.period.words} "
            f"của {who.agency_name or 'đơn vị'}./."
        ),
        before=6,
    )
    _signature(document, who, signer, signer_title)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _press(document, data: ReportData) -> None:
    layout.add_heading(document, "4. Công tác theo dõi, tổng hợp dư luận báo chí", 2)
    total = data.mentions
    if total == 0:
        layout.add_paragraph(document, f"Trong {data.period.words} chưa ghi nhận tin, bài nào về tỉnh.")
    else:
        sentiments = data.mentions_by("sentiment")
        scopes = data.mentions_by("scope")
        parts = [
            f"{measures.category(c).label(LANG).lower()} {words.count(sentiments.get(c, 0))} tin, bài "
            f"({share_text(sentiments.get(c, 0), total, LANG)})"
            for c in ("positive", "neutral", "negative")
        ]
        if sentiments.get("unknown"):
            parts.append(f"chưa phân loại {words.count(sentiments['unknown'])} tin, bài")
        domestic, foreign = scopes.get("domestic", 0), scopes.get("foreign", 0)
        layout.add_paragraph(
            document,
            (
                f"Trong {data.period.words}, đã theo dõi {words.count(total)} tin, bài về tỉnh của "
                f"{words.count(data.press.current.outlets)} cơ quan báo chí: báo chí trong nước "
                f"{words.count(domestic)} tin, bài ({share_text(domestic, total, LANG)}), "
                f"báo chí nước ngoài {words.count(foreign)} tin, bài ({share_text(foreign, total, LANG)}). "
                f"Về sắc thái: {'; '.join(parts)}."
            ),
        )
        layout.add_paragraph(document, _press_changes(data))
        rows = []
        for scope in ("domestic", "foreign"):
            counts = data.media[data.media["scope"] == scope].set_index("sentiment")["mentions"]
            rows.append(
                [measures.category(scope).label(LANG)]
                + [str(int(counts.get(c, 0))) for c in ("positive", "neutral", "negative")]
                + [str(int(counts.sum()))]
            )
        by_sentiment = [str(sentiments.get(c, 0)) for c in ("positive", "neutral", "negative")]
        rows.append(["Tổng cộng", *by_sentiment, str(total)])
        layout.add_grid(
            document,
            ["Phạm vi", "Tích cực", "Trung lập", "Tiêu cực", "Tổng"],
            rows,
            [4.5, 2.8, 2.8, 2.8, 2.8],
            {1, 2, 3, 4},
            bold_last=True,
        )
    cases = data.false_cases
    if cases.empty:
        layout.add_paragraph(document, f"Trong {data.period.words} không phát hiện thông tin sai lệch về tỉnh.")
    else:
        responses = cases["response"].fillna("not_handled").value_counts()
        outcome = "; ".join(
            f"{choice.vi.lower()} {int(responses[choice.code])}"
            for choice in CLOSED_LISTS["response"].choices
            if choice.code in responses
        )
        days = cases["days_to_respond"].dropna()
        speed = (
            (
                f" Thời gian từ khi tin, bài được đăng đến khi xử lý trung bình {words.number(round(float(days.mean()), 1))} "
                f"ngày."
            )
            if len(days)
            else ""
        )
        layout.add_paragraph(
            document,
            (
                f"Phát hiện {len(cases)} trường hợp thông tin sai lệch, xuyên tạc về tỉnh. Kết quả xử lý: {outcome}.{speed} "
                f"Đến ngày {words.date(data.as_of)}, còn {data.false_open} trường hợp chưa xử lý xong (chưa xử lý hoặc mới "
                f"báo cáo, chưa phản bác/cải chính)."
            ),
        )
        rows = [
            [
                words.date(r.published_on),
                str(r.outlet),
                str(r.title),
                CLOSED_LISTS["response"].label(r.response or "not_handled"),
                words.date(r.responded_on) if r.responded_on is not None and not pd.isna(r.responded_on) else "—",
            ]
            for r in cases.itertuples()
        ]
        layout.add_grid(
            document,
            ["Ngày đăng", "Cơ quan báo chí", "Tiêu đề", "Xử lý", "Ngày xử lý"],
            rows,
            [2.4, 2.8, 5.6, 3.3, 2.4],
            set(),
        )


def _press_changes(data: ReportData) -> str:
    """The period against the one before and the same one a year earlier, shares in percentage points."""
    comparison, period = data.press, data.period
    against = [("previous", period.previous.words)]
    if period.kind != "year":  # a year's previous period is the year before
        against.append(("year_before", f"cùng kỳ năm {period.year - 1}"))
    sentences = []
    for name, other in against:
        window = getattr(comparison, name)
        if window.mentions == 0:
            sentences.append(f"{other[:1].upper() + other[1:]} chưa có tin, bài nào để so sánh.")
            continue
        mentions = comparison.mentions_change(name)
        outlets = comparison.outlets_change(name)
        shares = "; ".join(
            f"tỷ lệ {label} {percent_text(comparison.current.share(key), LANG, press.DIGITS)} "
            f"({points_text(comparison.change(key, name), LANG)})"
            for key, label in (("positive", "tích cực"), ("negative", "tiêu cực"), ("foreign", "báo chí nước ngoài"))
        )
        sentences.append(
            f"So với {other}: số tin, bài {_signed_count(mentions)} ({words.count(window.mentions)} tin, bài), "
            f"số cơ quan báo chí đưa tin {_signed_count(outlets)} ({words.count(window.outlets)} cơ quan); {shares}."
        )
    return " ".join(sentences)


def _signed_count(value: int) -> str:
    return ("tăng " if value > 0 else "giảm " if value < 0 else "không đổi") + (
        words.count(abs(value)) if value else ""
    )


def _difficulties(document, data: ReportData) -> None:
    layout.add_heading(document, "II. KHÓ KHĂN, VƯỚNG MẮC", 1)
    late = data.difficulties
    late_steps = data.milestones[data.milestones["state"] == "ms_late"]
    if late.empty and late_steps.empty and data.false_open == 0:
        layout.add_paragraph(document, "Các nhiệm vụ được triển khai đúng tiến độ; chưa phát sinh khó khăn, vướng mắc.")
        return
    lines = [
        f"Nhiệm vụ {words.quoted(short_name(r.content))} ({r.task_code}) "
        f"{measures.category(r.status).label(LANG).lower()}: {words.sentence(r.reason)}"
        + (f" Tình hình: {words.sentence(r.note)}" if isinstance(r.note, str) and r.note.strip() else "")
        for r in late.itertuples()
    ]
    lines += [
        f"Mốc {r.milestone_code} (nhiệm vụ {r.task_code}) {words.quoted(r.content)} đã quá hạn {words.date(r.due_on)} "
        f"nhưng chưa hoàn thành."
        for r in late_steps.itertuples()
    ]
    if data.false_open:
        lines.append(f"Còn {data.false_open} trường hợp thông tin sai lệch chưa xử lý xong.")
    layout.add_bullets(document, lines)


def _signature(document, who: Issuer, signer: str, signer_title: str) -> None:
    table = layout.add_blank_table(document, (8.5, 8.0))
    left, right = table.rows[0].cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    first = layout.add_paragraph(
        left, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, after=0, before=6
    )
    first.paragraph_format.line_spacing = 1.0
    recipients = ["- Như trên;", "- Lãnh đạo Sở;", "- Lưu: VT."]
    for line in recipients:
        paragraph = layout.add_paragraph(left, line, 11, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, after=0)
        paragraph.paragraph_format.line_spacing = 1.0
    # The title, about 3 cm of room to sign and stamp, then the signer's name (a dotted line to
    # write it on when none was given).
    name = " ".join(signer.split()) or "……………………………"
    layout.fill_cell(
        right,
        [(signer_title.upper(), 14, True, False), *[("", 14, False, False)] * 5, (name, 14, True, False)],
    )
    right.paragraphs[0].paragraph_format.space_before = Pt(6)
    # The block is one unit: the title never ends a page with the name on the next.
    for paragraph in right.paragraphs[:-1]:
        paragraph.paragraph_format.keep_with_next = True
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
