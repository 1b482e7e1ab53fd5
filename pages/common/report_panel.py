"""The periodic report (.docx) and its appendix (.xlsx), offered on the overview."""

from __future__ import annotations

import streamlit as st

from pages.common import ui
from plantrack import auth, exports, report
from plantrack.db import database_path
from plantrack.i18n import quarter_numeral


def downloads(view: ui.View) -> None:
    """The periodic report (.docx) and its appendix (.xlsx), for a quarter, a half or the year."""
    if view.plan is None or view.version_id is None:
        return
    # Its widgets are made, sent and drawn only when the reader opens it (issue 15).
    panel = st.expander(view.t("rp_title"), icon=":material/description:", key="report_open", on_change="rerun")
    if not panel.open:
        return
    with panel:
        st.caption(view.t("rp_intro"))
        year = view.year
        periods = (
            [report.Period("quarter", year, q) for q in range(1, 5)]
            + [report.Period("half", year, h) for h in (1, 2)]
            + [report.Period("year", year)]
        )
        current = next((p for p in periods[:4] if p.contains(view.as_of)), periods[-1])
        left, right, _ = st.columns([2, 1, 2])
        period = left.selectbox(
            view.t("rp_period"),
            periods,
            index=periods.index(current),
            key=f"report_period_{view.lang}",
            format_func=lambda p: _period_label(p, view),
        )
        version_id, as_of = report.report_version(view.versions, view.version_id, period)
        signed = ui.date_field(right, view, view.t("rp_date"), as_of, "report_date") or as_of
        signer = left.text_input(
            view.t("rp_signer"), key="report_signer", placeholder=view.t("rp_signer_placeholder"), max_chars=80
        )
        st.caption(
            view.t("rp_as_of_note", as_of=view.date(as_of), version=version_id)
            + (
                " " + view.t("rp_period_not_reached", as_of=view.date(as_of), end=view.date(period.end))
                if as_of < period.end
                else ""
            )
        )
        plan = view.plan.to_dict()

        def collect() -> report.ReportData:
            # A cursor of its own: the file is made when the button is pressed, after this run ended.
            auth.require_viewer(st.session_state)
            return report.collect(
                ui.connection(str(database_path())).cursor(), plan, version_id, as_of, period, view.rules
            )

        with st.container(horizontal=True, gap="small"):
            st.download_button(
                view.t("rp_docx"),
                data=lambda: report.docx_bytes(collect(), signed, signer),
                file_name=view.t("rp_file_name", period=period.slug),
                mime=report.DOCX_MIME,
                icon=":material/description:",
                on_click="ignore",
                help=view.t("rp_docx_help"),
                key="report_docx",
            )
            st.download_button(
                view.t("rp_xlsx"),
                data=lambda: report.appendix_bytes(collect()),
                file_name=view.t("rp_appendix_file_name", period=period.slug),
                mime=exports.XLSX_MIME,
                icon=":material/table:",
                on_click="ignore",
                help=view.t("rp_xlsx_help"),
                key="report_xlsx",
            )


def _period_label(period: report.Period, view: ui.View) -> str:
    roman = quarter_numeral(period.number) if period.kind == "quarter" else ""
    key = {"quarter": "rp_period_q", "half": f"rp_period_h{period.number}", "year": "rp_period_year"}[period.kind]
    return view.t(key, roman=roman, year=period.year) if period.kind == "quarter" else view.t(key, year=period.year)
