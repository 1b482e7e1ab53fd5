"""The periodic report ("chế độ báo cáo định kỳ"): a .docx in the shape of a Vietnamese administrative
report (Nghị định 30/2020/NĐ-CP: heading block, title, body, recipients and signature), and an .xlsx
appendix with its tables.

The report is a Vietnamese administrative document, so it is written in Vietnamese whatever the
interface language. Its numbers come from the same named queries and the same status rules as the
pages, for the same version and period, so they are equal to what the pages show (`data`):
- tasks, report groups and rates: tasks_at_version + status.py at the as-of date (Tổng quan);
- indicators: indicators_at_version (Tiến độ theo đơn vị);
- milestones of the period: milestones_at_version, by quarter (Mốc theo quý);
- budget: budget_totals and budget_by_source up to the as-of date, disbursed in the period from
  disbursement_by_month (Ngân sách);
- press: media_by_scope for each quarter of the period (Dư luận báo chí with that quarter chosen),
  false_info_cases published in the period, media_kpis for the cases still open;
- next steps: upcoming_deadlines.

`words` writes its phrases, `docx_layout` holds the python-docx helpers, `content` the document's
sections and `appendix` the workbook. Callers use the package as one module (`report.collect`, …).
"""

from plantrack.report.appendix import appendix_bytes
from plantrack.report.content import DOCX_MIME, docx_bytes
from plantrack.report.data import PERIOD_KINDS, Period, ReportData, collect, report_version
from plantrack.report.words import Issuer, issuer, long_date, plan_reference, short_name

__all__ = [
    "DOCX_MIME",
    "PERIOD_KINDS",
    "Issuer",
    "Period",
    "ReportData",
    "appendix_bytes",
    "collect",
    "docx_bytes",
    "issuer",
    "long_date",
    "plan_reference",
    "report_version",
    "short_name",
]
