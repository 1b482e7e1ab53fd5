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
from babel.numbers import format_decimal

from pages.common import admin, sessions, ui
from plantrack import auth, clock, importer, memory
from plantrack.contract import CLOSED_LISTS, SHEETS, SHEETS_BY_NAME, Column, Sheet
from plantrack.db import quote
from plantrack.excel import workbook_bytes
from plantrack.i18n import LOCALES, MESSAGES, format_date, format_money, format_number
from plantrack.validate import KEY_SEPARATOR
from plantrack.workbook import MAX_FILE_BYTES, Problem, UnreadableFile, more_problems

PREVIEW_KEY = ui.UPDATE_PREVIEW_KEY
FLASH_KEY = "update_flash"
NOTICE_KEY = "update_notice"
UPLOAD_ROUND_KEY = "update_upload_round"
AUDIT_ROWS = 1000
PROBLEM_ROW_HEIGHT = 35
ASOF_WIDGET_KEY = "asof_choice"
PLAN_WIDGET_KEY = "plan_choice"
ROLLBACK_NOTICE_KEY = "update_rollback_notice"
TAB_KEY = "update_tab"
ROLLBACK_DIFF_KEY = "update_rollback_diff"
QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}

view = ui.page("page_update")
session = st.session_state
lang = view.lang


# --- helpers ---------------------------------------------------------------------------------------


def show_value(column: Column, value: object) -> str:
    """A stored value as staff would write it: dd/mm/yyyy, 1.234.567 ₫, the Vietnamese label."""
    if column.kind == "unit_list":
        items = [] if value is None else [str(v) for v in value if v is not None]
        return "; ".join(items) if items else view.t("upd_cell_blank")
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return view.t("upd_cell_blank")
    if column.kind == "date":
        return format_date(pd.Timestamp(value).date(), lang)
    if column.kind == "money":
        return format_money(value, lang)
    if column.kind == "int":
        return format_number(int(value), lang)
    if column.kind in ("number", "percent"):
        text = format_decimal(float(value), format="#,##0.##", locale=LOCALES[lang])
        return f"{text}%" if column.kind == "percent" else text
    if column.kind == "bool":
        return CLOSED_LISTS["yes_no"].label("yes" if value else "no", lang)
    if column.kind == "choice":
        return CLOSED_LISTS[column.choices].label(value, lang)
    if column.kind == "quarter":
        return QUARTERS.get(int(value), str(value))
    return str(value)


def shown_key(row_key: str) -> str:
    """The key as the importer shows it in a preview (its parts joined by " · ")."""
    return " · ".join(part for part in str(row_key).split(KEY_SEPARATOR) if part)


def key_labels(spec: Sheet, frame: pd.DataFrame | None, wanted: set[str]) -> dict[str, str]:
    """Shown key → the key as staff typed it (NV1, not nv1; dates and money formatted)."""
    if frame is None or frame.empty or not wanted:
        return {}
    frame = frame[frame["row_key"].map(shown_key).isin(wanted)]
    labels = {}
    for record in frame[["row_key", *spec.fields]].to_dict("records"):
        names = spec.key
        if spec.fallback_key and all(record.get(n) in (None, "") or pd.isna(record.get(n)) for n in names):
            names = spec.fallback_key
        parts = [show_value(spec.column(n), record.get(n)) for n in names]
        labels[shown_key(record["row_key"])] = " · ".join(p for p in parts if p != view.t("upd_cell_blank"))
    return labels


def current_rows(spec: Sheet, plan_id: int | None) -> pd.DataFrame | None:
    if plan_id is None:
        return None
    fields = ", ".join(quote(f) for f in ["row_key", *spec.fields])
    return view.cur.execute(
        f"select {fields} from {quote(spec.name)} where plan_id = $p and valid_to is null", {"p": plan_id}
    ).df()


def sheet_title(name: str) -> str:
    return SHEETS_BY_NAME[name].title(lang)


def problem_frame(problems: list[Problem]) -> pd.DataFrame:
    sheets = {}
    for problem in problems:
        sheets.setdefault(problem.sheet, len(sheets))
    ordered = sorted(problems, key=lambda p: (p.severity != "error", sheets[p.sheet], p.row or 0))
    return pd.DataFrame(
        {
            "severity": [view.t(f"severity_{p.severity}") for p in ordered],
            "sheet": [p.sheet or view.t("sheet_file") for p in ordered],
            "row": pd.array([p.row for p in ordered], dtype="Int64"),
            "column": [p.column or "" for p in ordered],
            "message": [p.message(lang) for p in ordered],
        }
    )


def grid(frame: pd.DataFrame, columns: dict, **options) -> None:
    """A table of this page, without the generic download buttons of ui.table (the problems have
    their own download; the preview tables need none). Text is shown as text, never as HTML."""
    st.dataframe(frame[list(columns)], column_config=columns, hide_index=True, width="stretch", **options)


def show_problem_table(frame: pd.DataFrame, key: str) -> None:
    shown = frame.assign(row=[("" if pd.isna(r) else str(int(r))) for r in frame["row"]])
    grid(
        shown,
        {
            "severity": st.column_config.TextColumn(view.t("upd_col_severity"), width="small"),
            "sheet": st.column_config.TextColumn(view.t("upd_col_sheet"), width="small"),
            "row": st.column_config.TextColumn(view.t("upd_col_row"), width=60),
            "column": st.column_config.TextColumn(view.t("upd_col_column"), width=140),
            "message": st.column_config.TextColumn(view.t("upd_col_problem"), width=820),
        },
        key=key,
        row_height=PROBLEM_ROW_HEIGHT,
    )


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
        what = [view.t(f"upd_changes_{w}", count=c[w]) for w in ("added", "changed", "removed") if c.get(w)]
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

who, out = st.columns([4, 1], vertical_alignment="center")
who.text(view.t("upd_logged_in_as", name=editor.user_name))
if out.button(view.t("upd_logout_button"), key="logout", icon=":material/logout:"):
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
        grid(
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


upload_tab, history_tab, audit_tab = st.tabs(
    [view.t("upd_tab_upload"), view.t("upd_tab_history"), view.t("upd_tab_audit")],
    key=TAB_KEY,
    on_change="rerun",
)

# --- upload, problems, preview, confirm ------------------------------------------------------------


def export_current() -> bytes:
    cur = view.cur.cursor()
    return workbook_bytes(importer.state(cur, view.plan_id), lang=lang)


def prepare(data: bytes, file_name: str, as_of: dt.date, replace_logs: bool):
    """The preview of this upload (kept in the session so reruns do not re-read the file).

    Returns a Preview, or the Problem of a file that cannot be read. A refused or unreadable file
    is audited once.
    """
    signature = (hashlib.sha256(data).hexdigest(), file_name, as_of, replace_logs, view.plan_id)
    kept = session.get(PREVIEW_KEY)
    if kept is not None and kept[0] == signature:
        return kept[1]
    with st.spinner(view.t("upd_checking")):
        try:
            result = importer.prepare(
                view.cur, data, file_name, plan=view.plan_id, as_of=as_of, replace_logs=replace_logs
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
    frame = problem_frame(problems)
    show_problem_table(frame, "problems")
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


def target_title(preview: importer.Preview) -> str:
    if preview.plan_id is None:
        frame = preview.validated.frames.get("plan_info") if preview.validated else None
        title = "" if frame is None or frame.empty else str(frame.iloc[0]["title"])
        return view.t("upd_preview_new_plan", title=title)
    plans = importer.plans(view.cur)
    row = plans[plans["plan_id"] == preview.plan_id]
    if row.empty:
        return str(preview.plan_id)
    return f"{row.iloc[0]['title']} ({row.iloc[0]['year']})"


def show_preview(preview: importer.Preview) -> None:
    if preview.warnings:
        st.warning(view.t("warnings_found", count=len(preview.warnings)), icon=":material/warning:")
        show_problem_table(problem_frame(preview.warnings), "warnings")
    st.markdown("##### " + view.t("upd_preview_title"))
    if preview.plan_id != view.plan_id:
        # The file's Kế hoạch sheet names another plan, or a new one: say which (as text, not markdown).
        st.text_input(view.t("upd_preview_target"), value=target_title(preview), disabled=True)
    if preview.nothing_changed:
        st.info(view.t("nothing_changed", version=preview.base_version), icon=":material/info:")
        return
    st.caption(view.t("upd_preview_nothing_written", as_of=format_date(preview.as_of, lang)))
    summary = pd.DataFrame(
        [
            {
                "sheet": sheet_title(name),
                "added": change.added,
                "changed": change.changed,
                "removed": change.removed,
                "unchanged": change.unchanged,
                "kept": change.kept,
            }
            for name, change in preview.changes.items()
        ]
    )
    grid(
        summary,
        {
            "sheet": view.t("upd_col_sheet"),
            "added": view.t("upd_col_added"),
            "changed": view.t("upd_col_changed"),
            "removed": view.t("upd_col_removed"),
            "unchanged": st.column_config.NumberColumn(
                view.t("upd_col_unchanged"), help=view.t("upd_col_unchanged_help")
            ),
            "kept": st.column_config.NumberColumn(view.t("upd_col_kept"), help=view.t("upd_col_kept_help")),
        },
        key="preview_summary",
    )
    for name, change in preview.changes.items():
        if not change.cells and not change.removed_keys:
            continue
        spec = SHEETS_BY_NAME[name]
        labels = key_labels(spec, preview.validated.frames.get(name), {cell.key for cell in change.cells})
        if change.removed_keys:
            labels.update(key_labels(spec, current_rows(spec, preview.plan_id), set(change.removed_keys)))
        small = len(change.cells) + len(change.removed_keys) <= 40
        parts = [
            view.t(k, count=n)
            for k, n in (("upd_detail_changed", change.changed), ("upd_detail_removed", change.removed))
            if n
        ]
        with st.expander(
            view.t("upd_preview_sheet_detail", sheet=spec.title(lang), parts=", ".join(parts)), expanded=small
        ):
            if change.cells:
                cells = pd.DataFrame(
                    [
                        {
                            "key": labels.get(cell.key, cell.key),
                            "field": spec.column(cell.field).header(lang),
                            "old": show_value(spec.column(cell.field), cell.old),
                            "new": show_value(spec.column(cell.field), cell.new),
                        }
                        for cell in change.cells
                    ]
                )
                grid(
                    cells,
                    {
                        "key": view.t("upd_col_key"),
                        "field": view.t("upd_col_column"),
                        "old": st.column_config.TextColumn(view.t("upd_col_old"), width="medium"),
                        "new": st.column_config.TextColumn(view.t("upd_col_new"), width="medium"),
                    },
                    key=f"cells_{name}",
                )
                shown = len({cell.key for cell in change.cells})
                if shown < change.changed:
                    st.caption(view.t("upd_preview_sample", shown=shown, total=change.changed))
            if change.removed_keys:
                st.caption(view.t("upd_preview_removed", count=change.removed))
                grid(
                    pd.DataFrame({"key": [labels.get(k, k) for k in change.removed_keys]}),
                    {"key": view.t("upd_col_key")},
                    key=f"removed_{name}",
                )
                if len(change.removed_keys) < change.removed:
                    st.caption(
                        view.t("upd_preview_sample_removed", shown=len(change.removed_keys), total=change.removed)
                    )
    confirm_key = f"confirm_{preview.sha256[:16]}_{preview.base_version}_{preview.as_of}_{preview.replace_logs}"
    st.button(
        view.t("upd_confirm_button"),
        type="primary",
        key=confirm_key,
        icon=":material/cloud_upload:",
        help=view.t("upd_confirm_help"),
        on_click=confirm_import,
        args=(preview,),
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
    as_of_column, replace_column = st.columns(2)
    as_of = as_of_column.date_input(
        view.t("upd_as_of_label"), value="today", format="DD/MM/YYYY", help=view.t("upd_as_of_help"), key="update_as_of"
    )
    replace_logs = replace_column.checkbox(
        view.t("upd_replace_logs_label"), help=view.t("upd_replace_logs_help"), key="update_replace_logs"
    )
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
    if uploaded is not None:
        result = prepare(uploaded.getvalue(), uploaded.name, as_of, replace_logs)
        if isinstance(result, Problem):
            st.error(view.t("upd_unreadable_title"), icon=":material/error:")
            show_problems([result], uploaded.name)
        elif result.errors:
            more = more_problems(result.problems)
            st.error(view.t("problems_found", count=len(result.errors) + more), icon=":material/error:")
            st.caption(view.t("upd_problems_help"))
            show_problems(result.problems, uploaded.name)
            if more:
                st.caption(view.t("more_problems", count=format_number(more, lang), shown=len(result.errors)))
        else:
            show_preview(result)

# --- version history and rollback ------------------------------------------------------------------


def row_signatures(frame: pd.DataFrame, keys: pd.Index) -> pd.Series:
    """One text per row (all its values), to compare the same rows of two versions."""
    return frame.loc[keys].astype(str).fillna("\x00").agg("\x1f".join, axis=1)


def rollback_changes(plan_id: int, target: int, current: int) -> pd.DataFrame:
    """Per sheet, what a rollback to `target` changes compared with `current`: rows added, changed, removed.

    Kept in the session for the pair of versions, so other clicks on the page do not recompute it."""
    kept = session.get(ROLLBACK_DIFF_KEY)
    if kept is not None and kept[0] == (plan_id, target, current, lang):
        return kept[1]
    diff = _rollback_changes(plan_id, target, current)
    session[ROLLBACK_DIFF_KEY] = ((plan_id, target, current, lang), diff)
    return diff


def _rollback_changes(plan_id: int, target: int, current: int) -> pd.DataFrame:
    before, after = importer.state(view.cur, plan_id, current), importer.state(view.cur, plan_id, target)
    rows = []
    for spec in SHEETS:
        old = before[spec.name].set_index("row_key")
        new = after[spec.name].set_index("row_key")
        both = old.index.intersection(new.index)
        changed = int((row_signatures(old, both) != row_signatures(new, both)).sum()) if len(both) else 0
        rows.append(
            {
                "sheet": spec.title(lang),
                "added": int(len(new.index.difference(old.index))),
                "changed": changed,
                "removed": int(len(old.index.difference(new.index))),
                "rows_after": int(len(new)),
            }
        )
    return pd.DataFrame(rows)


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
        history = pd.DataFrame(
            {
                "version_id": versions["version_id"],
                "created_at": [stamp(v) for v in versions["created_at"]],
                "user_name": versions["user_name"].fillna(""),
                "kind": [
                    kind_label(k) + (f" ← {int(r)}" if not pd.isna(r) else "")
                    for k, r in zip(versions["kind"], versions["rollback_of"])
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
                    grid(
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
