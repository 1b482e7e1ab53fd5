"""Cập nhật dữ liệu › Lịch sử phiên bản: every version of the plan, and the rollback to one of them with
what it would change."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from pages.common import preview as preview_ui
from pages.common import ui
from pages.common.update_common import (
    FLASH_KEY,
    ROLLBACK_DIFF_KEY,
    ROLLBACK_NOTICE_KEY,
    changes_text,
    follow_new_version,
    label_or_raw,
    show_done,
    stamp,
)
from plantrack import auth, importer, measures
from plantrack.contract import SHEETS, SHEETS_BY_NAME
from plantrack.i18n import format_date


def _row_counts(counts_json: str | None) -> dict[str, object]:
    try:
        counts = json.loads(counts_json or "{}")
    except ValueError:
        counts = {}
    return {f"rows_{spec.name}": counts.get(spec.name, {}).get("rows") for spec in SHEETS}


def _rollback_changes(view: ui.View, plan_id: int, target: int, current: int) -> pd.DataFrame:
    """Per sheet, what a rollback to `target` changes: the importer's own diff, the one the rollback writes.

    Kept in the session for the pair of versions, so other clicks on the page do not recompute it."""
    session, lang = st.session_state, view.lang
    kept = session.get(ROLLBACK_DIFF_KEY)
    if kept is not None and kept[0] == (plan_id, target, current, lang):
        return kept[1]
    changes = importer.rollback_changes(view.cur, plan_id, target)
    diff = pd.DataFrame(
        [
            {
                "sheet": SHEETS_BY_NAME[name].title(lang),
                "added": c.added,
                "changed": c.changed,
                "removed": c.removed,
                "rows_after": c.added + c.changed + c.unchanged,
            }
            for name, c in changes.items()
        ]
    )
    session[ROLLBACK_DIFF_KEY] = ((plan_id, target, current, lang), diff)
    return diff


def _confirm_rollback(view: ui.View, target: int, latest: int) -> None:
    """The rollback button's callback (see update_upload's confirmation)."""
    session = st.session_state
    cur = view.cur.cursor()
    try:
        version = auth.rollback_as_editor(cur, session, view.plan_id, target, expected_base=latest)
    except PermissionError:
        return
    except importer.DataChanged as changed:
        session[ROLLBACK_NOTICE_KEY] = view.t("upd_rollback_changed", current=changed.current)
        return
    if version is not None:
        session[FLASH_KEY] = {"kind": "rollback", "target": target, "version": version}
        follow_new_version(view, cur, view.plan_id)
    session["rollback_target"] = None


def draw(view: ui.View, done: dict | None) -> None:
    session, lang = st.session_state, view.lang
    show_done(view, done, "rollback")
    rollback_notice = session.pop(ROLLBACK_NOTICE_KEY, None)
    if rollback_notice:
        st.warning(rollback_notice, icon=":material/sync_problem:")
    if view.plan is None:
        st.info(view.t("upd_update_empty_database"))
        return
    versions = importer.versions(view.cur, view.plan_id).sort_values("version_id", ascending=False)
    undone = set(view.versions.loc[view.versions["is_undone"], "version_id"])
    history = pd.DataFrame(
        {
            "version_id": versions["version_id"],
            "created_at": [stamp(v) for v in versions["created_at"]],
            "user_name": versions["user_name"].fillna(""),
            "kind": [
                label_or_raw(view, "kind", k)
                + (f" ← {int(r)}" if not pd.isna(r) else "")
                + (view.t("filter_undone_mark") if v in undone else "")
                for k, r, v in zip(versions["kind"], versions["rollback_of"], versions["version_id"])
            ],
            "file_name": versions["file_name"].fillna(""),
            "as_of": [format_date(pd.Timestamp(v).date(), lang) for v in versions["as_of"]],
            "changes": [changes_text(view, c) for c in versions["counts"]],
        }
    )
    history = pd.concat(
        [history.reset_index(drop=True), pd.DataFrame([_row_counts(c) for c in versions["counts"]])], axis=1
    )
    st.caption(view.t("upd_history_caption"))
    ui.table(
        history,
        view,
        (
            measures.column("version_id", kind="number"),
            *measures.columns("created_at", "upd_user_name", "version_kind", "file_name"),
            *measures.columns("version_as_of", "changes"),
            *(
                measures.Column(f"rows_{spec.name}", kind="number", help="upd_rows_help", heading=spec.title(lang))
                for spec in SHEETS
                if spec.name != "plan_info"
            ),
        ),
        key="history",
        title=view.t("upd_tab_history"),
    )

    st.subheader(view.t("upd_rollback_title"))
    latest = int(versions["version_id"].iloc[0])
    older = versions[versions["version_id"] != latest]
    if older.empty:
        st.info(view.t("upd_rollback_only_one"))
        return
    labels = {
        int(r.version_id): view.t(
            "upd_rollback_option",
            version=int(r.version_id),
            as_of=format_date(pd.Timestamp(r.as_of).date(), lang),
            created=stamp(r.created_at),
            user=r.user_name or "—",
            kind=label_or_raw(view, "kind", r.kind),
        )
        for r in older.itertuples()
    }
    target = st.selectbox(
        view.t("upd_rollback_choose"),
        list(labels),
        index=None,
        format_func=labels.get,
        placeholder=view.t("upd_rollback_placeholder"),
        key="rollback_target",
    )
    if target is None:
        return
    diff = _rollback_changes(view, view.plan_id, target, latest)
    target_as_of = format_date(pd.Timestamp(older.set_index("version_id").loc[target, "as_of"]).date(), lang)
    if not (diff["added"].sum() or diff["changed"].sum() or diff["removed"].sum()):
        st.info(view.t("upd_rollback_same", target=target))
        return
    st.warning(
        view.t("upd_rollback_explain", target=target, current=latest, as_of=target_as_of),
        icon=":material/history:",
    )
    preview_ui.grid(
        diff[(diff["added"] + diff["changed"] + diff["removed"]) > 0],
        {
            "sheet": view.t("upd_col_sheet"),
            "added": view.t("upd_col_rb_added"),
            "changed": view.t("upd_col_changed"),
            "removed": view.t("upd_col_rb_removed"),
            "rows_after": view.t("upd_col_rows_after"),
        },
        key="rollback_diff",
    )
    st.button(
        view.t("upd_rollback_button", target=target),
        type="primary",
        key=f"rollback_{target}_{latest}",
        icon=":material/history:",
        on_click=_confirm_rollback,
        args=(view, target, latest),
    )
