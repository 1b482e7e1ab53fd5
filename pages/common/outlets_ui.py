"""Cập nhật dữ liệu, the outlet directory: unknown outlets classified once in the preview, the directory edited.

Both write the directory the one way data is written: as the Cơ quan báo chí sheet of a workbook,
previewed and committed as a version by an editor (plantrack.auth). Outlet names come from uploads, so
they are shown with st.text, st.dataframe and widget values only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, MutableMapping

import pandas as pd
import streamlit as st

from pages.common import ui
from plantrack import auth, clock, importer, press_import, queries
from plantrack.contract import CLOSED_LISTS, OUTLETS
from plantrack.excel import workbook_bytes

FLASH_KEY = "outlets_flash"
EDITABLE = ("outlet", "scope", "medium", "language", "tier", "note")


def _label(view: ui.View, list_name: str, code: object) -> str | None:
    if code is None or (not isinstance(code, str) and pd.isna(code)) or code == "":
        return None
    return CLOSED_LISTS[list_name].label(code, view.lang)


def _code(list_name: str, label: object) -> str | None:
    if label is None or (not isinstance(label, str) and pd.isna(label)) or label == "":
        return None
    return CLOSED_LISTS[list_name].lookup().get(str(label))


def _save(view: ui.View, session: MutableMapping, records: list[dict], plan_id: int, as_of: dt.date) -> bool:
    """Writes directory rows as a version; True when it was written (or nothing changed)."""
    data = workbook_bytes({"outlets": press_import.directory_frame(records)}, sheets=["outlets"], lang="vi")
    checked = importer.prepare(view.cur, data, f"{OUTLETS.vi}.xlsx", plan=plan_id, as_of=as_of)
    if checked.errors:
        for problem in checked.errors:
            st.text(problem.line(view.lang))
        return False
    try:
        version = auth.import_as_editor(view.cur, session, checked)
    except PermissionError:
        st.rerun()
    except importer.DataChanged as changed:
        st.warning(view.t("data_changed_since_preview", current=changed.current, base=changed.base))
        return False
    session[FLASH_KEY] = view.t("out_saved", version=version) if version else view.t("out_nothing_changed")
    return True


def show_flash(session: MutableMapping) -> None:
    message = session.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def classify_unknown(
    view: ui.View, session: MutableMapping, preview: importer.Preview, checked_again: Callable[[], None]
) -> None:
    """The outlets of the file that no row, file sheet or directory gives a scope: classified here, once."""
    unknown = preview.unknown_outlets
    if not unknown or preview.plan_id is None:
        return
    st.markdown("##### " + view.t("out_unknown_title", count=len(unknown)))
    st.caption(view.t("out_unknown_intro"))
    widths = [4, 2, 3, 3, 3, 2]
    head = st.columns(widths)
    for column, key in zip(
        head,
        ("out_col_outlet", "out_col_mentions", "out_col_scope", "out_col_medium", "out_col_language", "out_col_tier"),
    ):
        column.markdown("**" + view.t(key) + "**")
    stem = f"out_{preview.sha256[:12]}"
    scopes = [c.code for c in CLOSED_LISTS["scope"].choices]
    media_codes = [c.code for c in CLOSED_LISTS["medium"].choices]
    tiers = [c.code for c in CLOSED_LISTS["tier"].choices]
    records = []
    for i, outlet in enumerate(unknown):
        cells = st.columns(widths, vertical_alignment="center")
        cells[0].text(outlet.outlet)
        cells[1].text(f"{outlet.mentions} · {view.t('row')} {outlet.first_row}")
        scope = cells[2].selectbox(
            view.t("out_col_scope"),
            scopes,
            index=None,
            format_func=lambda c: _label(view, "scope", c),
            placeholder=view.t("out_choose"),
            key=f"{stem}_{i}_scope",
            label_visibility="collapsed",
        )
        medium = cells[3].selectbox(
            view.t("out_col_medium"),
            media_codes,
            index=media_codes.index(outlet.medium) if outlet.medium in media_codes else None,
            format_func=lambda c: _label(view, "medium", c),
            placeholder=view.t("out_choose"),
            key=f"{stem}_{i}_medium",
            label_visibility="collapsed",
        )
        language = cells[4].text_input(
            view.t("out_col_language"),
            value=outlet.language or "",
            key=f"{stem}_{i}_language",
            label_visibility="collapsed",
        )
        tier = cells[5].selectbox(
            view.t("out_col_tier"),
            tiers,
            index=tiers.index(outlet.tier) if outlet.tier in tiers else None,
            placeholder="—",
            key=f"{stem}_{i}_tier",
            label_visibility="collapsed",
        )
        records.append(
            {"outlet": outlet.outlet, "scope": scope, "medium": medium, "language": language or None, "tier": tier}
        )
    if st.button(view.t("out_save_unknown"), type="primary", icon=":material/save:", key=f"{stem}_save"):
        missing = sum(1 for r in records if r["scope"] is None)
        if missing:
            st.warning(view.t("out_scope_missing", count=missing))
        elif _save(view, session, records, preview.plan_id, preview.as_of):
            checked_again()
            st.rerun()


def directory_editor(view: ui.View, session: MutableMapping) -> None:
    """The whole directory of the plan, editable; outlets only seen in mentions join it when saved."""
    show_flash(session)
    if view.plan is None:
        st.info(view.t("upd_update_empty_database"))
        return
    latest = importer.latest_version(view.cur, view.plan_id)
    found = queries.run(view.cur, "outlet_directory", plan_id=view.plan_id, version_id=latest)
    st.caption(view.t("out_directory_intro"))
    if found.empty:
        st.info(view.t("out_directory_empty"))
    # Blank cells as "", not None: the editor would show the word None in them.
    shown = found.assign(
        scope=[_label(view, "scope", c) for c in found["scope"]],
        medium=[_label(view, "medium", c) or "" for c in found["medium"]],
        tier=[_label(view, "tier", c) or "" for c in found["tier"]],
        language=found["language"].fillna(""),
        note=found["note"].fillna(""),
    )[[*EDITABLE, "mentions", "is_listed"]]
    edited = st.data_editor(
        shown,
        column_config={
            "outlet": st.column_config.TextColumn(view.t("out_col_outlet"), required=True, width="medium"),
            "scope": st.column_config.SelectboxColumn(
                view.t("out_col_scope"), options=CLOSED_LISTS["scope"].labels(view.lang), required=True
            ),
            "medium": st.column_config.SelectboxColumn(
                view.t("out_col_medium"), options=["", *CLOSED_LISTS["medium"].labels(view.lang)]
            ),
            "language": view.t("out_col_language"),
            "tier": st.column_config.SelectboxColumn(
                view.t("out_col_tier"), options=["", *CLOSED_LISTS["tier"].labels(view.lang)]
            ),
            "note": st.column_config.TextColumn(view.t("out_col_note"), width="medium"),
            "mentions": st.column_config.NumberColumn(view.t("out_col_mentions"), format="localized", disabled=True),
            "is_listed": st.column_config.CheckboxColumn(view.t("out_col_listed"), disabled=True),
        },
        hide_index=True,
        width="stretch",
        num_rows="add",
        height=min(36 * (len(shown) + 2), 720),
        key=f"outlet_directory_{view.plan_id}_{latest}",
    )
    if st.button(view.t("out_save_directory"), type="primary", icon=":material/save:", key="outlet_directory_save"):
        rows = edited[edited["outlet"].fillna("").astype(str).str.strip() != ""]
        records = [
            {
                "outlet": str(r["outlet"]).strip(),
                "scope": _code("scope", r["scope"]),
                "medium": _code("medium", r["medium"]),
                "language": None if pd.isna(r["language"]) or r["language"] == "" else str(r["language"]),
                "tier": _code("tier", r["tier"]),
                "note": None if pd.isna(r["note"]) or r["note"] == "" else str(r["note"]),
            }
            for r in rows.to_dict("records")
        ]
        missing = sum(1 for r in records if r["scope"] is None)
        if missing:
            st.warning(view.t("out_scope_missing", count=missing))
        elif _save(view, session, records, view.plan_id, clock.today()):
            st.rerun()
