"""The report's .xlsx appendix: its tables, one sheet each, with Vietnamese headers."""

from __future__ import annotations

from plantrack import exports, measures, status
from plantrack.report import words
from plantrack.report.data import LANG, ReportData


def appendix_bytes(data: ReportData) -> bytes:
    """The report's tables, one sheet each, with Vietnamese headers."""
    note = (
        f"Kèm theo Báo cáo kết quả thực hiện {data.plan['title']} {data.period.words}; "
        f"số liệu đến ngày {words.date(data.as_of)} (phiên bản {data.version_id}).",
    )
    tasks = data.tasks.assign(
        status_label=[measures.category(c).label(LANG) for c in data.tasks["status"]],
        group_label=[status.group_label(c, LANG) for c in data.tasks["group"]],
        lead_name=[data.units.get(c, c) for c in data.tasks["lead_unit"]],
    )
    indicators = data.indicators
    milestones = data.milestones.assign(
        state_label=[measures.category(c).label(LANG) for c in data.milestones["state"]]
    )
    by_source = data.budget_by_source.assign(
        source_label=[measures.category(c).label(LANG) for c in data.budget_by_source["source"]],
    )
    media = data.media.assign(
        scope_label=[measures.category(c).label(LANG) for c in data.media["scope"]],
        sentiment_label=[measures.category(c).label(LANG) for c in data.media["sentiment"]],
    )
    cases = data.false_cases.assign(
        scope_label=[measures.category(c).label(LANG) for c in data.false_cases["scope"]],
        response_label=[measures.response_label(c, LANG) for c in data.false_cases["response"]],
    )
    C = exports.Column
    tables = [
        exports.Table(
            tasks,
            (
                C("task_code", "Mã NV"),
                C("content", "Nội dung nhiệm vụ"),
                C("lead_name", "Đơn vị chủ trì"),
                C("timing_text", "Thời gian thực hiện"),
                C("progress", "Tiến độ", "percent"),
                C("status_label", "Tình trạng"),
                C("group_label", "Nhóm báo cáo"),
                C("reason", "Lý do"),
                C("note", "Kết quả (ghi chú)"),
            ),
            "Nhiệm vụ",
            "Phụ lục 1. Kết quả thực hiện các nhiệm vụ",
            note,
        ),
        exports.Table(
            indicators,
            (
                C("task_code", "Mã NV"),
                C("indicator", "Chỉ tiêu"),
                C("measure_unit", "Đơn vị tính"),
                C("target", "Kế hoạch", "number", 0),
                C("actual", "Thực hiện", "number", 0),
                C("achieved_pct", "Tỷ lệ đạt", "percent", 1),
            ),
            "Chỉ tiêu",
            "Phụ lục 2. Chỉ tiêu: thực hiện so với kế hoạch",
            note,
        ),
        exports.Table(
            milestones,
            (
                C("milestone_code", "Mã mốc"),
                C("task_code", "Mã NV"),
                C("content", "Nội dung mốc"),
                C("due_on", "Hạn", "date"),
                C("completed_on", "Ngày hoàn thành", "date"),
                C("state_label", "Tình trạng"),
            ),
            "Mốc trong kỳ",
            f"Phụ lục 3. Các mốc tiến độ trong {data.period.words}",
            note,
        ),
        exports.Table(
            by_source,
            (
                C("source_label", "Nguồn kinh phí"),
                C("planned", "Dự toán", "money"),
                C("disbursed", "Đã giải ngân", "money"),
                C("disbursed_pct", "Tỷ lệ giải ngân", "percent", 1),
            ),
            "Kinh phí theo nguồn",
            "Phụ lục 4. Kinh phí theo nguồn",
            note,
        ),
        exports.Table(
            data.budget_by_task,
            (
                C("task_code", "Mã NV"),
                C("content", "Nội dung nhiệm vụ"),
                C("planned", "Dự toán", "money"),
                C("disbursed", "Đã giải ngân", "money"),
                C("disbursed_pct", "Tỷ lệ giải ngân", "percent", 1),
                C("progress", "Tiến độ", "percent"),
            ),
            "Kinh phí theo nhiệm vụ",
            "Phụ lục 5. Kinh phí theo nhiệm vụ",
            note,
        ),
        exports.Table(
            media,
            (C("scope_label", "Phạm vi"), C("sentiment_label", "Sắc thái"), C("mentions", "Số tin bài", "int")),
            "Báo chí",
            f"Phụ lục 6. Tin, bài về tỉnh trong {data.period.words}",
            note,
        ),
        exports.Table(
            cases,
            (
                C("published_on", "Ngày đăng", "date"),
                C("outlet", "Cơ quan báo chí"),
                C("scope_label", "Phạm vi"),
                C("title", "Tiêu đề"),
                C("url", "Đường dẫn"),
                C("response_label", "Tình trạng xử lý"),
                C("responded_on", "Ngày xử lý", "date"),
                C("days_to_respond", "Số ngày đến khi xử lý", "int"),
            ),
            "Thông tin sai lệch",
            f"Phụ lục 7. Thông tin sai lệch trong {data.period.words}",
            note,
        ),
    ]
    return exports.xlsx_bytes(tables, LANG)
