"""Cập nhật dữ liệu (editors only): template and current data to download, upload, every problem or the
preview, confirm; the version history with rollback; the audit log.

Every write goes through plantrack.auth, which refuses without a logged-in editor, so nothing here can
write for a viewer even if a widget is forced. Text that comes from workbooks or users (titles, cell
values, file and user names, problem messages quoting cells) is shown only in st.dataframe,
st.text or disabled text inputs — never in markdown, never as HTML.
"""

import streamlit as st

from pages.common import outlets_ui, ui, update_audit, update_common, update_upload, update_versions

view = ui.page("page_update")
editor = update_common.editor(view)  # the login form, and the page stops there, without one
done = st.session_state.pop(update_common.FLASH_KEY, None)
upload_tab, history_tab, audit_tab, outlets_tab = st.tabs(
    [view.t("upd_tab_upload"), view.t("upd_tab_history"), view.t("upd_tab_audit"), view.t("out_tab")],
    key=update_common.TAB_KEY,
    on_change="rerun",
)
with upload_tab:
    update_upload.draw(view, editor, done)
with history_tab:
    update_versions.draw(view, done)
with audit_tab:
    update_audit.draw(view)
with outlets_tab:
    outlets_ui.directory_editor(view, st.session_state)
