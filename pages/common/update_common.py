"""Cập nhật dữ liệu's parts every tab shares: the session keys, the login form, following a new version, the
summary of what this session just committed or rolled back, and how versions and audit rows read."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from pages.common import admin, preview, sessions, ui, uploads
from plantrack import auth, clock, queries
from plantrack.contract import SHEETS
from plantrack.i18n import MESSAGES, format_date

PREVIEW_KEY = uploads.PREVIEW_KEY
FLASH_KEY = "update_flash"
NOTICE_KEY = "update_notice"
UPLOAD_ROUND_KEY = "update_upload_round"
ASOF_WIDGET_KEY = "asof_choice"
PLAN_WIDGET_KEY = "plan_choice"
ROLLBACK_NOTICE_KEY = "update_rollback_notice"
TAB_KEY = "update_tab"
ROLLBACK_DIFF_KEY = "update_rollback_diff"


def start_over() -> None:
    """Forgets the preview and the uploaded bytes, and empties the uploader (a new key gives a fresh widget)."""
    session = st.session_state
    uploads.let_go(session)
    session[UPLOAD_ROUND_KEY] = session.get(UPLOAD_ROUND_KEY, 0) + 1


def editor(view: ui.View) -> auth.Editor:
    """The header, then the logged-in editor with the way out and the administrators' panel; without one,
    the login form, and the page stops there."""
    session = st.session_state
    if view.plan is None:
        st.title(view.t("page_update"))
        st.info(view.t("upd_update_empty_database"))
    else:
        ui.header(view, "page_update")
        if bool(view.plan["is_demo"]):
            st.warning(view.t("demo_notice"), icon=":material/science:")
    found = auth.current_editor(session)
    if found is None:
        _login(view)
        st.stop()
    who, out = st.columns([4, 1], vertical_alignment="center")
    who.text(view.t("upd_logged_in_as", name=found.user_name))
    if out.button(view.t("upd_logout_button"), key="logout", icon=":material/logout:"):
        auth.logout(session)
        start_over()
        st.rerun()
    admin.manage_editors(view, found)
    return found


def _login(view: ui.View) -> None:
    session = st.session_state
    if sessions.ended():
        st.info(view.t("upd_session_ended", minutes=int(auth.idle_time().total_seconds() // 60)))
    st.subheader(view.t("upd_login_title"))
    st.caption(view.t("upd_login_intro"))
    with st.form("login_form", clear_on_submit=True, enter_to_submit=True):
        name = st.text_input(view.t("upd_login_user"), autocomplete="username")
        password = st.text_input(view.t("upd_login_password"), type="password", autocomplete="current-password")
        submitted = st.form_submit_button(view.t("upd_login_button"), type="primary")
    if not submitted:
        return
    if not name.strip() or not password:
        st.warning(view.t("upd_login_missing"))
        return
    result = auth.verify(view.cur, name, password, auth.session_id(session), address=ui.client_address())
    if result.ok:
        auth.login(session, result.editor)
        start_over()
        st.rerun()
    elif result.outcome == "locked":
        minutes = max(1, -(-int((result.locked_until - clock.now()).total_seconds()) // 60))
        st.error(
            view.t(
                result.message_key,
                count=auth.MAX_FAILURES,
                time=clock.local(result.locked_until).strftime("%H:%M"),
                minutes=minutes,
            )
        )
    else:
        st.error(view.t("upd_login_failed", left=result.attempts_left))


def follow_new_version(view: ui.View, cur, plan_id: int) -> None:
    """After a commit or rollback (in a button callback, before the sidebar is drawn): every page
    shows the new version, also in this browser session.

    The sidebar's filters are keyed widgets (ui.py: "plan_choice", "asof_choice"); the browser would
    otherwise send back the date that was newest before and pin this session to the old version.
    """
    session = st.session_state
    latest = queries.run(cur, "latest_as_of", plan_id=plan_id)
    if plan_id != view.plan_id:
        st.query_params["plan"] = str(plan_id)
        session[PLAN_WIDGET_KEY] = plan_id
    if "asof" in st.query_params:
        del st.query_params["asof"]
    if not latest.empty:
        session[ASOF_WIDGET_KEY] = pd.Timestamp(latest["as_of"].iloc[0]).date().isoformat()


def show_done(view: ui.View, done: dict | None, kind: str) -> None:
    """The summary of the commit or rollback this session just made."""
    if not done or done["kind"] != kind:
        return
    if kind == "import":
        st.success(
            view.t("committed", version=done["version"], as_of=format_date(done["as_of"], view.lang))
            + " "
            + view.t("upd_commit_done_pages"),
            icon=":material/check_circle:",
        )
        preview.grid(
            pd.DataFrame(done["counts"]),
            {
                "sheet": view.t("upd_col_sheet"),
                "added": view.t("upd_col_added"),
                "changed": view.t("upd_col_changed"),
                "removed": view.t("upd_col_removed"),
            },
            key="done_summary",
        )
    else:
        st.success(
            view.t("rolled_back", target=done["target"], version=done["version"])
            + " "
            + view.t("upd_commit_done_pages"),
            icon=":material/history:",
        )
    st.page_link(
        "dashboard.py", label=view.t("upd_go_overview"), icon=":material/dashboard:", query_params=view.link_params()
    )


def changes_text(view: ui.View, counts_json: str | None) -> str:
    """What a version changed, e.g. "Nhiệm vụ: sửa 1; Báo chí: thêm 3"."""
    try:
        counts = json.loads(counts_json or "{}")
    except ValueError:
        return str(counts_json or "")
    parts = []
    for spec in SHEETS:
        c = counts.get(spec.name, {})
        what = [view.t(f"upd_changes_{w}", count=c[w]) for w in ("added", "changed", "removed") if c.get(w)]
        if what:
            parts.append(f"{spec.title(view.lang)}: {', '.join(what)}")
    return "; ".join(parts)


def stamp(value) -> str:
    """A stored UTC instant as the plan's local time (plantrack.clock)."""
    return (
        ""
        if value is None or pd.isna(value)
        else clock.local(pd.Timestamp(value).to_pydatetime()).strftime("%d/%m/%Y %H:%M")
    )


def label_or_raw(view: ui.View, prefix: str, code: object) -> str:
    """The translated label of a code (kind_import → Nhập tệp), or the code itself if it has none."""
    if code is None or (not isinstance(code, str) and pd.isna(code)):
        return ""
    key = f"{prefix}_{code}"
    return view.t(key) if key in MESSAGES[view.lang] else str(code)
