"""Cập nhật dữ liệu (editors only): template and current data to download, upload, every problem or the
preview, confirm; the version history with rollback; the audit log.

Every write goes through plantrack.auth, which refuses without a logged-in editor, so nothing here can
write for a viewer even if a widget is forced. Text that comes from workbooks or users (titles, cell
values, file and user names, problem messages quoting cells) is shown only in st.dataframe,
st.text or disabled text inputs — never in markdown, never as HTML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re

import pandas as pd
import streamlit as st
import xlsxwriter

from pages.common import admin, draft_panel, mapping_ui, outlets_ui, sessions, ui
from pages.common import preview as preview_ui
from plantrack import auth, clock, importer, memory
from plantrack.contract import SHEETS, SHEETS_BY_NAME
from plantrack.excel import workbook_bytes
from plantrack.i18n import MESSAGES, format_date, format_number
from plantrack.workbook import MAX_FILE_BYTES, Problem, UnreadableFile, more_problems

PREVIEW_KEY = ui.UPDATE_PREVIEW_KEY
FLASH_KEY = "update_flash"
NOTICE_KEY = "update_notice"
UPLOAD_ROUND_KEY = "update_upload_round"
AUDIT_ROWS = 1000
ASOF_WIDGET_KEY = "asof_choice"
PLAN_WIDGET_KEY = "plan_choice"
ROLLBACK_NOTICE_KEY = "update_rollback_notice"
TAB_KEY = "update_tab"
ROLLBACK_DIFF_KEY = "update_rollback_diff"

view = ui.page("page_update")
session = st.session_state
lang = view.lang


# --- helpers ---------------------------------------------------------------------------------------


def sheet_title(name: str) -> str:
    return SHEETS_BY_NAME[name].title(lang)


def inert(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (DESIGN §7)."""
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def problems_xlsx(frame: pd.DataFrame) -> bytes:
    """The problems as a workbook; every cell written as text or number, never as a formula."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet(view.t("upd_problems_sheet"))
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    headers = [
        view.t(k) for k in ("upd_col_severity", "upd_col_sheet", "upd_col_row", "upd_col_column", "upd_col_problem")
    ]
    for c, (header, width) in enumerate(zip(headers, (12, 18, 8, 24, 100))):
        sheet.write_string(0, c, header, bold)
        sheet.set_column(c, c, width)
    for r, record in enumerate(frame.itertuples(index=False), start=1):
        sheet.write_string(r, 0, inert(record.severity))
        sheet.write_string(r, 1, inert(record.sheet))
        if not pd.isna(record.row):
            sheet.write_number(r, 2, int(record.row))
        sheet.write_string(r, 3, inert(record.column))
        sheet.write_string(r, 4, inert(record.message), wrap)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(frame), 1), len(headers) - 1)
    book.close()
    return buffer.getvalue()


def changes_text(counts_json: str | None) -> str:
    """What a version changed, e.g. "Nhiệm vụ: sửa 1; Báo chí: thêm 3"."""
    try:
        counts = json.loads(counts_json or "{}")
    except ValueError:
        return str(counts_json or "")
    parts = []
    for spec in SHEETS:
        c = counts.get(spec.name, {})
        what = [
            view.t(f"upd_changes_{w}", count=format_number(c[w], view.lang))
            for w in ("added", "changed", "removed")
            if c.get(w)
        ]
        if what:
            parts.append(f"{spec.title(lang)}: {', '.join(what)}")
    return "; ".join(parts)


def row_counts(counts_json: str | None) -> dict[str, object]:
    try:
        counts = json.loads(counts_json or "{}")
    except ValueError:
        counts = {}
    return {f"rows_{spec.name}": counts.get(spec.name, {}).get("rows") for spec in SHEETS}


def stamp(value) -> str:
    """A stored UTC instant as the plan's local time (plantrack.clock)."""
    return (
        ""
        if value is None or pd.isna(value)
        else clock.local(pd.Timestamp(value).to_pydatetime()).strftime("%d/%m/%Y %H:%M")
    )


def label_or_raw(prefix: str, code: object) -> str:
    """The translated label of a code (kind_import → Nhập tệp), or the code itself if it has none."""
    if code is None or (not isinstance(code, str) and pd.isna(code)):
        return ""
    key = f"{prefix}_{code}"
    return view.t(key) if key in MESSAGES[lang] else str(code)


def kind_label(kind: str) -> str:
    return label_or_raw("kind", kind)


def follow_new_version(cur, plan_id: int) -> None:
    """After a commit or rollback (in a button callback, before the sidebar is drawn): every page
    shows the new version, also in this browser session.

    The sidebar's filters are keyed widgets (ui.py: "plan_choice", "asof_choice"); the browser would
    otherwise send back the date that was newest before and pin this session to the old version.
    """
    rows = cur.execute(
        "select as_of from versions where plan_id = $p order by version_id desc limit 1", {"p": plan_id}
    ).fetchall()
    if plan_id != view.plan_id:
        st.query_params["plan"] = str(plan_id)
        session[PLAN_WIDGET_KEY] = plan_id
    if "asof" in st.query_params:
        del st.query_params["asof"]
    if rows:
        session[ASOF_WIDGET_KEY] = pd.Timestamp(rows[0][0]).date().isoformat()


def start_over() -> None:
    """Forgets the preview and empties the uploader (a new key gives a fresh widget)."""
    if session.pop(PREVIEW_KEY, None) is not None:
        memory.release()
    session[UPLOAD_ROUND_KEY] = session.get(UPLOAD_ROUND_KEY, 0) + 1


# --- login -----------------------------------------------------------------------------------------

if view.plan is None:
    st.title(view.t("page_update"))
    st.info(view.t("upd_update_empty_database"))
else:
    ui.header(view, "page_update")
    if bool(view.plan["is_demo"]):
        st.warning(view.t("demo_notice"), icon=":material/science:")
editor = auth.current_editor(session)

if editor is None:
    if sessions.ended():
        st.info(view.t("upd_session_ended", minutes=int(auth.idle_time().total_seconds() // 60)))
    st.subheader(view.t("upd_login_title"))
    st.caption(view.t("upd_login_intro"))
    with st.form("login_form", clear_on_submit=True, enter_to_submit=True):
        name = st.text_input(view.t("upd_login_user"), autocomplete="username")
        password = st.text_input(view.t("upd_login_password"), type="password", autocomplete="current-password")
        submitted = st.form_submit_button(view.t("upd_login_button"), type="primary")
    if submitted:
        if not name.strip() or not password:
            st.warning(view.t("upd_login_missing"))
        else:
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
    st.stop()

# --- logged in -------------------------------------------------------------------------------------

# A row, not a [4, 1] column pair: at 1024 px the fifth of the width cut the button to "Đăng x…".
bar = st.container(horizontal=True, horizontal_alignment="distribute", vertical_alignment="center")
bar.text(view.t("upd_logged_in_as", name=editor.user_name))
if bar.button(view.t("upd_logout_button"), key="logout", icon=":material/logout:"):
    auth.logout(session)
    start_over()
    st.rerun()
admin.manage_editors(view, editor)

done = session.pop(FLASH_KEY, None)


def show_done(kind: str) -> None:
    """The summary of the commit or rollback this session just made."""
    if not done or done["kind"] != kind:
        return
    if kind == "import":
        st.success(
            view.t("committed", version=done["version"], as_of=format_date(done["as_of"], lang))
            + " "
            + view.t("upd_commit_done_pages"),
            icon=":material/check_circle:",
        )
        preview_ui.grid(
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


upload_tab, history_tab, audit_tab, outlets_tab = st.tabs(
    [view.t("upd_tab_upload"), view.t("upd_tab_history"), view.t("upd_tab_audit"), view.t("out_tab")],
    key=TAB_KEY,
    on_change="rerun",
)

# --- upload, problems, preview, confirm ------------------------------------------------------------


def export_current() -> bytes:
    cur = view.cur.cursor()
    return workbook_bytes(importer.state(cur, view.plan_id), lang=lang)


def prepare(data: bytes, file_name: str, as_of: dt.date | None, replace_logs: bool, clear: list[str]):
    """The preview of this upload (kept in the session so reruns do not re-read the file).

    Returns a Preview, or the Problem of a file that cannot be read. A refused or unreadable file
    is audited once.
    """
    signature = (hashlib.sha256(data).hexdigest(), file_name, as_of, replace_logs, tuple(clear), view.plan_id)
    kept = session.get(PREVIEW_KEY)
    if kept is not None and kept[0] == signature:
        return kept[1]
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
        memory.release()
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
    return result


def show_problems(problems: list[Problem], file_name: str) -> None:
    frame = preview_ui.problem_frame(view, problems)
    preview_ui.show_problem_table(view, frame, "problems")
    stem = re.sub(r"[^\w.-]+", "_", file_name.rsplit(".", 1)[0], flags=re.UNICODE)[:60] or "tep"
    st.download_button(
        view.t("upd_download_problems"),
        data=problems_xlsx(frame),
        file_name=f"loi-{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/download:",
        key="upd_download_problems",
    )


def confirm_import(preview: importer.Preview) -> None:
    """The confirm button's callback: it runs before the next script run, so the sidebar drawn in
    that run already shows the new version."""
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
            {"sheet": sheet_title(n), "added": c.added, "changed": c.changed, "removed": c.removed}
            for n, c in preview.changes.items()
            if c.touched
        ],
    }
    start_over()
    plan_id = cur.execute("select plan_id from versions where version_id = $v", {"v": version}).fetchall()[0][0]
    follow_new_version(cur, plan_id)


with upload_tab:
    show_done("import")
    st.caption(view.t("upd_update_intro"))
    st.markdown("##### " + view.t("upd_download_title"))
    left, right = st.columns(2)
    left.download_button(
        view.t("upd_download_template"),
        data=lambda: workbook_bytes(lang=lang),
        file_name=view.t("upd_template_file_name"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/description:",
        key="upd_download_template",
        width="stretch",
    )
    if view.plan is not None:
        latest = importer.latest_version(view.cur, view.plan_id)
        right.download_button(
            view.t("upd_download_current"),
            data=export_current,
            file_name=view.t("upd_current_file_name", plan=view.plan_id, version=latest),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
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
    if chosen is not None:
        data, file_name = chosen
        result = prepare(data, file_name, as_of, replace_logs, clear)
        if isinstance(result, importer.Preview):
            outlets_ui.show_flash(session)
            mapping_ui.applied_note(view, result)
            mapping_ui.mapping_step(view, session, result, lambda: session.pop(PREVIEW_KEY, None))
            outlets_ui.classify_unknown(view, session, result, lambda: session.pop(PREVIEW_KEY, None))
        if isinstance(result, Problem):
            st.error(view.t("upd_unreadable_title"), icon=":material/error:")
            show_problems([result], file_name)
        elif result.errors:
            more = more_problems(result.problems)
            st.error(view.t("problems_found", count=len(result.errors) + more), icon=":material/error:")
            preview_ui.show_dangling(view, result.errors)
            st.caption(view.t("upd_problems_help"))
            show_problems(result.problems, file_name)
            if more:
                st.caption(view.t("more_problems", count=format_number(more, lang), shown=len(result.errors)))
        else:
            preview_ui.show_preview(view, result, confirm_import)

# --- version history and rollback ------------------------------------------------------------------


def rollback_changes(plan_id: int, target: int, current: int) -> pd.DataFrame:
    """Per sheet, what a rollback to `target` changes: the importer's own diff, the one the rollback writes.

    Kept in the session for the pair of versions, so other clicks on the page do not recompute it."""
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


def confirm_rollback(target: int, latest: int) -> None:
    """The rollback button's callback (see confirm_import)."""
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
        follow_new_version(cur, view.plan_id)
    session["rollback_target"] = None


with history_tab:
    show_done("rollback")
    rollback_notice = session.pop(ROLLBACK_NOTICE_KEY, None)
    if rollback_notice:
        st.warning(rollback_notice, icon=":material/sync_problem:")
    if view.plan is None:
        st.info(view.t("upd_update_empty_database"))
    else:
        versions = importer.versions(view.cur, view.plan_id).sort_values("version_id", ascending=False)
        undone = set(view.versions.loc[view.versions["is_undone"], "version_id"])
        history = pd.DataFrame(
            {
                "version_id": versions["version_id"],
                "created_at": [stamp(v) for v in versions["created_at"]],
                "user_name": versions["user_name"].fillna(""),
                "kind": [
                    kind_label(k)
                    + (f" ← {int(r)}" if not pd.isna(r) else "")
                    + (view.t("filter_undone_mark") if v in undone else "")
                    for k, r, v in zip(versions["kind"], versions["rollback_of"], versions["version_id"])
                ],
                "file_name": versions["file_name"].fillna(""),
                "as_of": [format_date(pd.Timestamp(v).date(), lang) for v in versions["as_of"]],
                "changes": [changes_text(c) for c in versions["counts"]],
            }
        )
        history = pd.concat(
            [history.reset_index(drop=True), pd.DataFrame([row_counts(c) for c in versions["counts"]])], axis=1
        )
        st.caption(view.t("upd_history_caption"))
        ui.table(
            history,
            view,
            {
                "version_id": st.column_config.NumberColumn(view.t("col_version"), format="%d"),
                "created_at": view.t("upd_col_created"),
                "user_name": view.t("upd_col_user"),
                "kind": view.t("col_kind"),
                "file_name": st.column_config.TextColumn(view.t("upd_col_file"), width="small"),
                "as_of": view.t("upd_col_as_of"),
                "changes": st.column_config.TextColumn(view.t("upd_col_changes"), width="large"),
                **{
                    f"rows_{spec.name}": st.column_config.NumberColumn(
                        spec.title(lang), format="localized", help=view.t("upd_rows_help")
                    )
                    for spec in SHEETS
                    if spec.name != "plan_info"
                },
            },
            key="history",
            title=view.t("upd_tab_history"),
        )

        st.subheader(view.t("upd_rollback_title"))
        latest = int(versions["version_id"].iloc[0])
        older = versions[versions["version_id"] != latest]
        if older.empty:
            st.info(view.t("upd_rollback_only_one"))
        else:
            labels = {
                int(r.version_id): view.t(
                    "upd_rollback_option",
                    version=int(r.version_id),
                    as_of=format_date(pd.Timestamp(r.as_of).date(), lang),
                    created=stamp(r.created_at),
                    user=r.user_name or "—",
                    kind=kind_label(r.kind),
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
            if target is not None:
                diff = rollback_changes(view.plan_id, target, latest)
                target_as_of = format_date(
                    pd.Timestamp(older.set_index("version_id").loc[target, "as_of"]).date(), lang
                )
                if not (diff["added"].sum() or diff["changed"].sum() or diff["removed"].sum()):
                    st.info(view.t("upd_rollback_same", target=target))
                else:
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
                        on_click=confirm_rollback,
                        args=(target, latest),
                    )

# --- audit log -------------------------------------------------------------------------------------

with audit_tab:
    audit = view.cur.execute(
        "select logged_at, user_name, action, outcome, file_name, version_id, detail "
        "from audit_log order by logged_at desc, event_id desc limit $n",
        {"n": AUDIT_ROWS},
    ).df()

    def audit_detail(action: str, outcome: str, detail: object) -> str:
        if detail is None or (not isinstance(detail, str) and pd.isna(detail)):
            return ""
        if outcome == "committed":
            return changes_text(str(detail))
        if action in ("login", "viewer_login"):
            return label_or_raw("upd_reason", detail)
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

    st.caption(view.t("upd_audit_caption", count=format_number(AUDIT_ROWS, lang)))
    ui.table(
        pd.DataFrame(
            {
                "logged_at": [stamp(v) for v in audit["logged_at"]],
                "user_name": audit["user_name"].fillna(""),
                "action": [label_or_raw("upd_action", a) for a in audit["action"]],
                "outcome": [label_or_raw("upd_outcome", o) for o in audit["outcome"]],
                "file_name": audit["file_name"].fillna(""),
                "version_id": ["" if pd.isna(v) else str(int(v)) for v in audit["version_id"]],
                "detail": [
                    audit_detail(a, o, d) for a, o, d in zip(audit["action"], audit["outcome"], audit["detail"])
                ],
            }
        ),
        view,
        {
            "logged_at": view.t("upd_col_time"),
            "user_name": view.t("upd_col_user"),
            "action": view.t("upd_col_action"),
            "outcome": st.column_config.TextColumn(view.t("upd_col_outcome"), width="medium"),
            "file_name": st.column_config.TextColumn(view.t("upd_col_file"), width="medium"),
            "version_id": st.column_config.TextColumn(view.t("col_version"), width=70),
            "detail": st.column_config.TextColumn(view.t("upd_col_detail"), width="large"),
        },
        key="audit",
        title=view.t("upd_tab_audit"),
    )

with outlets_tab:
    outlets_ui.directory_editor(view, session)
