"""Cập nhật dữ liệu, the column-mapping step: a monitoring export's columns matched to Báo chí fields.

Shown when the preview has a sheet waiting for a mapping: each column with an example value and the
suggested field, which the editor may change; the columns left out and why; a name to save it under.
Saving goes through plantrack.auth (editors only); the page then checks the file again, and from then
on every file with the same headers is read with that mapping. Text from the file (headers, values,
mapping names) is shown only with st.text and st.dataframe, never as markdown.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping

import pandas as pd
import streamlit as st

from pages.common import ui
from plantrack import auth, importer, mapping
from plantrack.contract import MEDIA

LEAVE_OUT = ""


def _field_label(view: ui.View, field: str) -> str:
    return view.t("map_leave_out") if field == LEAVE_OUT else MEDIA.column(field).header(view.lang)


def _reason(view: ui.View, match: mapping.Match) -> str:
    return view.t(match.reason, other=match.other or "")


def _matches_table(view: ui.View, matches: list[mapping.Match], key: str, fields: bool = True) -> None:
    """Each column with the field it feeds (unless `fields` is off: a table of left-out columns) or why not."""
    frame = pd.DataFrame(
        {
            "header": [m.header for m in matches],
            "field": [_field_label(view, m.field) if m.field else "" for m in matches],
            "reason": [_reason(view, m) if not m.field else "" for m in matches],
        }
    )
    columns = {
        "header": view.t("map_col_header"),
        "field": view.t("map_col_field"),
        "reason": st.column_config.TextColumn(view.t("map_col_reason"), width="large"),
    }
    if not fields:
        del columns["field"]
    st.dataframe(
        frame[list(columns)],
        column_config=columns,
        hide_index=True,
        width="stretch",
        key=key,
    )


def applied_note(view: ui.View, preview: importer.Preview) -> None:
    """Which mapping read which sheet, with the mapping itself on demand."""
    for n, applied in enumerate(preview.mappings):
        if applied.name:
            st.text(view.t("map_applied_saved", sheet=applied.sheet, name=applied.name))
        else:
            st.text(view.t("map_applied_suggested", sheet=applied.sheet))
        with st.expander(view.t("map_show")):
            _matches_table(view, applied.matches, key=f"map_applied_{n}")


def mapping_step(
    view: ui.View, session: MutableMapping, preview: importer.Preview, checked_again: Callable[[], None]
) -> None:
    """The editor confirms or changes the suggestion for each waiting sheet and saves it by name."""
    for waiting in preview.pending:
        _one_sheet(view, session, waiting, checked_again)


def _one_sheet(
    view: ui.View, session: MutableMapping, waiting: mapping.Pending, checked_again: Callable[[], None]
) -> None:
    headers = [m.header for m in waiting.matches]
    stem = "map_" + mapping.signature(headers)[:12]
    st.markdown("##### " + view.t("map_title"))
    st.text(view.t("map_sheet_line", sheet=waiting.sheet, row=waiting.header_row))
    st.caption(view.t("map_intro"))
    options = [LEAVE_OUT, *MEDIA.fields]
    head = st.columns([3, 4, 3])
    head[0].markdown("**" + view.t("map_col_header") + "**")
    head[1].markdown("**" + view.t("map_col_sample") + "**")
    head[2].markdown("**" + view.t("map_col_field") + "**")
    chosen: dict[str, str | None] = {}
    for i, match in enumerate(waiting.matches):
        left, middle, right = st.columns([3, 4, 3], vertical_alignment="center")
        left.text(match.header)
        middle.text(waiting.samples.get(match.header, ""))
        picked = right.selectbox(
            match.header,
            options,
            index=options.index(match.field or LEAVE_OUT),
            format_func=lambda f: _field_label(view, f),
            key=f"{stem}_{i}_{match.header}",
            label_visibility="collapsed",
        )
        chosen[match.header] = picked or None
    matches = mapping.with_fields(headers, chosen, "map_reason_by_you")
    left_out = [m for m in matches if not m.field]
    st.markdown("###### " + view.t("map_left_out_title", count=len(left_out)))
    _matches_table(view, left_out, key=f"{stem}_left_out", fields=False)
    blocking = mapping.problems_of(matches)
    for code, params in blocking:
        st.warning(view.t(code, **{k: ui.plain(v) for k, v in params.items()}), icon=":material/warning:")
    with st.form(f"{stem}_save", border=False):
        name = st.text_input(view.t("map_name_label"), help=view.t("map_name_help"), key=f"{stem}_name")
        saved = st.form_submit_button(
            view.t("map_save_button"), type="primary", icon=":material/save:", disabled=bool(blocking)
        )
    if saved:
        if not name.strip():
            st.warning(view.t("map_name_required"))
            return
        try:
            auth.save_mapping_as_editor(view.cur, session, name, matches)
        except PermissionError:
            st.rerun()  # the login ended meanwhile; the next run shows the login form
        checked_again()
        st.rerun()
