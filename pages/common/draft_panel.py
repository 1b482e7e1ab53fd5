"""Cập nhật dữ liệu › "Từ văn bản kế hoạch": a plan document becomes a draft workbook (DESIGN §10).

The editor uploads the plan (.docx, .pdf, .txt, .md), sees the tasks found beside the sentence each
came from with the cells to check marked, and downloads the draft for Excel or sends it straight to
the page's usual preview. The reading is plantrack.draft; this module only draws. Text from the
document is shown only in st.dataframe, never as markdown.
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd
import streamlit as st

from pages.common.ui import plain
from plantrack.document import FORMATS, UnreadableDocument
from plantrack.draft import Draft, read_plan
from plantrack.i18n import format_date

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
READ_KEY = "draft_read"
CHOSEN_KEY = "draft_chosen"
MARKED = "background-color: #FFEB9C"


def _read(data: bytes, file_name: str) -> Draft | UnreadableDocument:
    """The draft of this document, kept in the session so reruns do not read it again."""
    signature = (hashlib.sha256(data).hexdigest(), file_name)
    kept = st.session_state.get(READ_KEY)
    if kept is not None and kept[0] == signature:
        return kept[1]
    try:
        result: Draft | UnreadableDocument = read_plan(data, file_name)
    except UnreadableDocument as refused:
        result = refused
    st.session_state[READ_KEY] = (signature, result)
    return result


def _tasks_frame(draft: Draft, view) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tasks as shown, and beside it which of their cells are marked."""
    tasks = draft.frames["tasks"]
    names = dict(zip(draft.frames["units"]["unit_code"], draft.frames["units"]["unit_name"]))
    marks = draft.mark_texts(view.lang)
    field_of = {"code": "task_code", "timing": "timing_text", "due": "due_on", "lead": "lead_unit"}
    rows, marked = [], []
    for index, (task, row) in enumerate(zip(draft.tasks, tasks.itertuples())):
        reasons = [text for (sheet, i, _), text in marks.items() if sheet == "tasks" and i == index]
        due = format_date(row.due_on, view.lang) or (view.t("draft_ongoing") if row.is_ongoing else "")
        rows.append(
            {
                "code": row.task_code,
                "title": task.title,
                "timing": row.timing_text or "",
                "due": due,
                "lead": names.get(row.lead_unit, ""),
                "check": "\n".join(reasons),
                "source": task.source,
            }
        )
        marked.append({column: ("tasks", index, name) in marks for column, name in field_of.items()})
    return pd.DataFrame(rows), pd.DataFrame(marked)


def _stem(file_name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", file_name.rsplit(".", 1)[0], flags=re.UNICODE)[:60] or "ke-hoach"


def show(view, upload_round: int) -> tuple[bytes, str] | None:
    """Draws the panel; returns the draft (workbook bytes, file name) once the editor sends it to the preview.

    `upload_round` is the page's: when the page starts over (after a commit), the choice is forgotten.
    """
    chosen = st.session_state.get(CHOSEN_KEY)
    if chosen is not None and chosen[0] != upload_round:
        st.session_state.pop(CHOSEN_KEY, None)
        chosen = None
    # A switch rather than an expander: an expander draws its uploader even when closed, and the
    # page's own uploader should stay the only one until the editor asks for this.
    if not st.toggle(view.t("draft_panel_title"), key="draft_open"):
        st.session_state.pop(CHOSEN_KEY, None)
        return None
    with st.container(border=True):
        st.caption(view.t("draft_panel_intro"))
        uploaded = st.file_uploader(
            view.t("draft_upload_label"),
            type=[suffix.lstrip(".") for suffix in FORMATS],
            key=f"draft_file_{upload_round}",
            help=view.t("draft_upload_help"),
        )
        if uploaded is None:
            st.session_state.pop(CHOSEN_KEY, None)
            return None
        with st.spinner(view.t("draft_reading")):
            result = _read(uploaded.getvalue(), uploaded.name)
        if isinstance(result, UnreadableDocument):
            # The file's name is the user's text: escaped, so markdown shows it as typed.
            params = {name: plain(value) for name, value in result.params.items()}
            st.error(view.t(result.code, **params), icon=":material/error:")
            return None
        for line in result.summary(view.lang):
            st.info(line, icon=":material/fact_check:")
        shown, marked = _tasks_frame(result, view)
        if shown.empty:
            st.warning(view.t("draft_no_tasks"), icon=":material/warning:")
        else:
            styled = shown.style.apply(
                lambda column: (
                    [MARKED if marked.at[i, column.name] else "" for i in column.index]
                    if column.name in marked.columns
                    else [""] * len(column)
                ),
                axis=0,
            )
            st.dataframe(
                styled,
                hide_index=True,
                width="stretch",
                # The sentence first, then what was read from it: the editor checks one against the other.
                column_order=("code", "source", "timing", "due", "lead", "check"),
                column_config={
                    "code": st.column_config.TextColumn(view.t("draft_col_code"), width=60),
                    "source": st.column_config.TextColumn(view.t("draft_col_source"), width=260),
                    "timing": st.column_config.TextColumn(view.t("draft_col_timing"), width=160),
                    "due": st.column_config.TextColumn(view.t("draft_col_due"), width=90),
                    "lead": st.column_config.TextColumn(view.t("draft_col_lead"), width=160),
                    "check": st.column_config.TextColumn(view.t("draft_col_check"), width=240),
                },
                key="draft_tasks",
            )
            st.caption(view.t("draft_table_help"))
        workbook = result.workbook(lang=view.lang)
        name = view.t("draft_file_name", stem=_stem(uploaded.name))
        left, right = st.columns(2)
        left.download_button(
            view.t("draft_download"),
            data=workbook,
            file_name=name,
            mime=XLSX,
            on_click="ignore",
            icon=":material/download:",
            key="draft_download",
            width="stretch",
        )
        if right.button(
            view.t("draft_preview_button"), icon=":material/preview:", key="draft_to_preview", width="stretch"
        ):
            st.session_state[CHOSEN_KEY] = (upload_round, workbook, name)
            chosen = st.session_state[CHOSEN_KEY]
        if chosen is not None:
            st.caption(view.t("draft_previewing"))
            return chosen[1], chosen[2]
    return None
