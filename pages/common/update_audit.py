"""Cập nhật dữ liệu › Nhật ký: the newest entries of the audit log, each in a sentence."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from pages.common import admin, ui
from pages.common.update_common import changes_text, label_or_raw, stamp
from plantrack import measures, queries
from plantrack.i18n import format_number

AUDIT_ROWS = 1000


def _detail(view: ui.View, action: str, outcome: str, detail: object) -> str:
    if detail is None or (not isinstance(detail, str) and pd.isna(detail)):
        return ""
    if outcome == "committed":
        return changes_text(view, str(detail))
    if action in ("login", "viewer_login"):
        return label_or_raw(view, "upd_reason", detail)
    if action in admin.AUDITED_ACTIONS:
        return admin.audit_detail(view, str(detail))
    problems = re.fullmatch(r"(\d+) problems", str(detail))
    if problems:
        return view.t("upd_audit_problems", count=int(problems.group(1)))
    if outcome == "unreadable":
        try:
            return view.t(str(detail))  # the problem's code, e.g. file_not_xlsx
        except (KeyError, IndexError):
            return str(detail)
    return str(detail)


def draw(view: ui.View) -> None:
    audit = queries.run(view.cur, "audit_events", max_rows=AUDIT_ROWS)
    st.caption(view.t("upd_audit_caption", count=format_number(AUDIT_ROWS, view.lang)))
    ui.table(
        pd.DataFrame(
            {
                "logged_at": [stamp(v) for v in audit["logged_at"]],
                "user_name": audit["user_name"].fillna(""),
                "action": [label_or_raw(view, "upd_action", a) for a in audit["action"]],
                "outcome": [label_or_raw(view, "upd_outcome", o) for o in audit["outcome"]],
                "file_name": audit["file_name"].fillna(""),
                "version_id": ["" if pd.isna(v) else str(int(v)) for v in audit["version_id"]],
                "detail": [
                    _detail(view, a, o, d) for a, o, d in zip(audit["action"], audit["outcome"], audit["detail"])
                ],
            }
        ),
        view,
        (
            *measures.columns("logged_at", "upd_user_name", "action", "outcome"),
            measures.column("file_name", width="medium"),
            measures.column("version_id", kind="text", width=70),
            measures.column("detail"),
        ),
        key="audit",
        title=view.t("upd_tab_audit"),
    )
