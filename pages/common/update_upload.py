"""Cập nhật dữ liệu › Tải lên: the template and the current data to download, the upload, every problem
or the preview, and the confirmation."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import streamlit as st

from pages.common import draft_panel, mapping_ui, outlets_ui, ui, uploads
from pages.common import preview as preview_ui
from pages.common.update_common import (
    FLASH_KEY,
    NOTICE_KEY,
    PREVIEW_KEY,
    UPLOAD_ROUND_KEY,
    follow_new_version,
    show_done,
    start_over,
)
from plantrack import auth, exports, importer, measures, memory, queries
from plantrack.contract import SHEETS_BY_NAME
from plantrack.excel import workbook_bytes
from plantrack.i18n import format_number
from plantrack.workbook import MAX_FILE_BYTES, Problem, UnreadableFile, more_problems

# The problems' download: the columns of the table above it.
PROBLEM_COLUMNS = measures.columns("severity", "problem_sheet", "problem_row", "problem_column", "message")


def draw(view: ui.View, editor: auth.Editor, done: dict | None) -> None:
    session = st.session_state
    lang = view.lang
    show_done(view, done, "import")
    st.caption(view.t("upd_update_intro"))
    st.markdown("##### " + view.t("upd_download_title"))
    left, right = st.columns(2)
    left.download_button(
        view.t("upd_download_template"),
        data=lambda: workbook_bytes(lang=lang),
        file_name=view.t("upd_template_file_name"),
        mime=exports.XLSX_MIME,
        on_click="ignore",
        icon=":material/description:",
        key="upd_download_template",
        width="stretch",
    )
    if view.plan is not None:
        latest = importer.latest_version(view.cur, view.plan_id)
        right.download_button(
            view.t("upd_download_current"),
            data=lambda: workbook_bytes(importer.state(view.cur.cursor(), view.plan_id), lang=lang),
            file_name=view.t("upd_current_file_name", plan=view.plan_id, version=latest),
            mime=exports.XLSX_MIME,
            on_click="ignore",
            icon=":material/table_view:",
            key="upd_download_current",
            width="stretch",
        )
    st.caption(view.t("upd_download_help"))
    drafted = draft_panel.show(view, session.get(UPLOAD_ROUND_KEY, 0))

    st.markdown("##### " + view.t("upd_upload_title"))
    if view.plan is not None:
        st.text_input(
            view.t("upd_upload_plan"),
            value=f"{view.plan['title']} ({view.plan['year']})",
            disabled=True,
            help=view.t("upd_upload_plan_help"),
        )
    else:
        st.caption(view.t("upd_upload_first_plan"))
    # The browser counts the uploader's limit in decimal megabytes: a little over MAX_FILE_BYTES, so
    # it never refuses (in English) a file the server accepts; the server refuses the rest in a sentence.
    limit_mb = MAX_FILE_BYTES // 2**20
    widget_mb = min(int(st.get_option("server.maxUploadSize")), -(-MAX_FILE_BYTES // 10**6))
    as_of, replace_logs, clear = preview_ui.upload_options(view)
    uploaded = st.file_uploader(
        view.t("upd_upload_label", limit=limit_mb),
        type=["xlsx"],
        key=f"update_file_{session.get(UPLOAD_ROUND_KEY, 0)}",
        max_upload_size=widget_mb,
        help=view.t("upd_upload_help", limit=limit_mb, bytes=format_number(MAX_FILE_BYTES, lang)),
    )
    notice = session.pop(NOTICE_KEY, None)
    if notice:
        kind, text = notice
        (st.warning if kind == "warning" else st.info)(text, icon=":material/sync_problem:")
    chosen = (uploaded.getvalue(), uploaded.name) if uploaded is not None else drafted
    if chosen is None:
        uploads.let_go(session)  # the file was taken out of the uploader
        return
    data, file_name = chosen
    result = _prepare(view, editor, data, file_name, as_of, replace_logs, clear, uploaded)
    if isinstance(result, importer.Preview):
        outlets_ui.show_flash(session)
        mapping_ui.applied_note(view, result)
        mapping_ui.mapping_step(view, session, result, lambda: session.pop(PREVIEW_KEY, None))
        outlets_ui.classify_unknown(view, session, result, lambda: session.pop(PREVIEW_KEY, None))
    if isinstance(result, Problem):
        st.error(view.t("upd_unreadable_title"), icon=":material/error:")
        _show_problems(view, [result], file_name)
    elif result.errors:
        more = more_problems(result.problems)
        st.error(view.t("problems_found", count=len(result.errors) + more), icon=":material/error:")
        preview_ui.show_dangling(view, result.errors)
        st.caption(view.t("upd_problems_help"))
        _show_problems(view, result.problems, file_name)
        if more:
            st.caption(view.t("more_problems", count=format_number(more, lang), shown=len(result.errors)))
    else:
        preview_ui.show_preview(view, result, lambda sha256: _confirm_import(view, sha256))


def _prepare(
    view: ui.View,
    editor: auth.Editor,
    data: bytes,
    file_name: str,
    as_of: dt.date | None,
    replace_logs: bool,
    clear: list[str],
    uploaded: object = None,
):
    """The preview of this upload (kept in the session so reruns do not re-read the file).

    Returns a Preview, or the Problem of a file that cannot be read. A refused or unreadable file
    is audited once.
    """
    session = st.session_state
    signature = (hashlib.sha256(data).hexdigest(), file_name, as_of, replace_logs, tuple(clear), view.plan_id)
    kept = session.get(PREVIEW_KEY)
    if kept is not None and kept[0] == signature:
        return kept[1]
    uploads.let_go(session, keep_file=getattr(uploaded, "file_id", None))  # the preview this one replaces
    uploads.hold(session, uploaded)
    with st.spinner(view.t("upd_checking")):
        try:
            result = importer.prepare(
                view.cur, data, file_name, plan=view.plan_id, as_of=as_of, replace_logs=replace_logs, clear=set(clear)
            )
        except UnreadableFile as refused:
            result = refused.problem
            importer.log_event(
                view.cur,
                editor.user_name,
                "import",
                "unreadable",
                plan_id=view.plan_id,
                file_name=file_name,
                sha256=signature[0],
                detail=refused.problem.code,
            )
    if isinstance(result, importer.Preview) and result.errors:
        # A refused file needs only its problems: its frames would stay in the session for nothing.
        result.validated = None
        importer.log_event(
            view.cur,
            editor.user_name,
            "import",
            "refused",
            plan_id=result.plan_id or view.plan_id,
            file_name=file_name,
            sha256=result.sha256,
            detail=f"{len(result.errors)} problems",
        )
    session[PREVIEW_KEY] = (signature, result)
    memory.release()  # what the read needed on the way, and a refused file's frames
    return result


def problems_xlsx(view: ui.View, frame) -> bytes:
    """The problems as a workbook, written by the one xlsx writer: text never becomes a formula."""
    table = exports.table(frame, PROBLEM_COLUMNS, view.lang, sheet=view.t("upd_problems_sheet"))
    return exports.xlsx_bytes(table, view.lang)


def _show_problems(view: ui.View, problems: list[Problem], file_name: str) -> None:
    frame = preview_ui.problem_frame(view, problems)
    preview_ui.show_problem_table(view, frame, "problems")
    stem = re.sub(r"[^\w.-]+", "_", file_name.rsplit(".", 1)[0], flags=re.UNICODE)[:60] or "tep"
    st.download_button(
        view.t("upd_download_problems"),
        data=problems_xlsx(view, frame),
        file_name=f"loi-{stem}.xlsx",
        mime=exports.XLSX_MIME,
        on_click="ignore",
        icon=":material/download:",
        key="upd_download_problems",
    )


def _confirm_import(view: ui.View, sha256: str) -> None:
    """The confirm button's callback: it runs before the next script run, so the sidebar drawn in
    that run already shows the new version. It confirms the preview of the file it was drawn for."""
    session = st.session_state
    kept = session.get(PREVIEW_KEY)
    if kept is None or not isinstance(kept[1], importer.Preview) or kept[1].sha256 != sha256:
        return
    preview = kept[1]
    cur = view.cur.cursor()
    try:
        version = auth.import_as_editor(cur, session, preview)
    except PermissionError:
        return  # the login ended meanwhile; the next run shows the login form
    except importer.DataChanged as changed:
        session.pop(PREVIEW_KEY, None)
        session[NOTICE_KEY] = (
            "warning",
            view.t("data_changed_since_preview", current=changed.current, base=changed.base)
            + " "
            + view.t("upd_preview_redone"),
        )
        return
    session.pop(PREVIEW_KEY, None)
    if version is None:
        session[NOTICE_KEY] = ("info", view.t("nothing_changed", version=preview.base_version))
        return
    session[FLASH_KEY] = {
        "kind": "import",
        "version": version,
        "as_of": preview.as_of,
        "counts": [
            {"sheet": SHEETS_BY_NAME[n].title(view.lang), "added": c.added, "changed": c.changed, "removed": c.removed}
            for n, c in preview.changes.items()
            if c.touched
        ],
    }
    start_over()
    plan_id = int(queries.run(cur, "version_plan", version_id=version)["plan_id"].iloc[0])
    follow_new_version(view, cur, plan_id)
