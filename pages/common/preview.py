"""The preview of an upload on Cập nhật dữ liệu: removals first and loud, warnings with their place,
what each sheet changes, empty sheets that change nothing, and a confirm button that names removals.

Text from workbooks (codes, cell values, sheet titles) is shown only in st.dataframe or escaped with
ui.plain, never as markdown or HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st
from babel.numbers import format_decimal

from pages.common import ui
from plantrack import importer
from plantrack.contract import CLEARABLE, CLOSED_LISTS, SHEETS_BY_NAME, Column, Sheet
from plantrack.i18n import LOCALES, QUARTER_NUMERALS, format_date, format_money, format_number, quarter_numeral
from plantrack.references import DanglingReferences, count_phrase, join_words
from plantrack.validate import KEY_SEPARATOR
from plantrack.workbook import Problem

PROBLEM_ROW_HEIGHT = 35
CODES_IN_BOX = 60


def show_value(view: ui.View, column: Column, value: object) -> str:
    """A stored value as staff would write it: dd/mm/yyyy, 1.234.567 ₫, the Vietnamese label."""
    lang = view.lang
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
        return quarter_numeral(int(value)) if 1 <= int(value) <= len(QUARTER_NUMERALS) else str(value)
    return str(value)


def shown_key(row_key: str) -> str:
    """The key as the importer shows it in a preview (its parts joined by " · ")."""
    return " · ".join(part for part in str(row_key).split(KEY_SEPARATOR) if part)


def key_labels(view: ui.View, spec: Sheet, frame: pd.DataFrame | None, wanted: set[str]) -> dict[str, str]:
    """Shown key → the key as staff typed it (NV1, not nv1; dates and money formatted)."""
    if frame is None or frame.empty or not wanted:
        return {}
    frame = frame[frame["row_key"].map(shown_key).isin(wanted)]
    labels = {}
    for record in frame[["row_key", *spec.fields]].to_dict("records"):
        names = spec.key
        if spec.fallback_key and all(record.get(n) in (None, "") or pd.isna(record.get(n)) for n in names):
            names = spec.fallback_key
        parts = [show_value(view, spec.column(n), record.get(n)) for n in names]
        labels[shown_key(record["row_key"])] = " · ".join(p for p in parts if p != view.t("upd_cell_blank"))
    return labels


def current_rows(view: ui.View, spec: Sheet, plan_id: int | None) -> pd.DataFrame | None:
    if plan_id is None:
        return None
    return importer.current_rows(view.cur, spec, plan_id)


def grid(frame: pd.DataFrame, columns: dict, **options) -> None:
    """A table of this page, without the generic download buttons of ui.table (the problems have
    their own download; the preview tables need none). Text is shown as text, never as HTML."""
    st.dataframe(frame[list(columns)], column_config=columns, hide_index=True, width="stretch", **options)


def problem_frame(view: ui.View, problems: list[Problem]) -> pd.DataFrame:
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
            "message": [p.message(view.lang) for p in ordered],
        }
    )


def show_problem_table(view: ui.View, frame: pd.DataFrame, key: str) -> None:
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


def target_title(view: ui.View, preview: importer.Preview) -> str:
    if preview.plan_id is None:
        frame = preview.validated.frames.get("plan_info") if preview.validated else None
        title = "" if frame is None or frame.empty else str(frame.iloc[0]["title"])
        return view.t("upd_preview_new_plan", title=title)
    plans = importer.plans(view.cur)
    row = plans[plans["plan_id"] == preview.plan_id]
    if row.empty:
        return str(preview.plan_id)
    return f"{row.iloc[0]['title']} ({row.iloc[0]['year']})"


def show_dangling(view: ui.View, errors: list[Problem]) -> None:
    """Removals refused because rows of other sheets point at them: the whole sentence, too long for a
    grid cell, in its own box (codes come from the data, so escaped)."""
    for problem in errors:
        if isinstance(problem, DanglingReferences):
            st.warning(ui.plain(problem.message(view.lang)), icon=":material/link_off:")


def removals(preview: importer.Preview) -> list[tuple[str, importer.SheetChange]]:
    return [(name, change) for name, change in preview.changes.items() if change.removed]


def confirm_label(view: ui.View, preview: importer.Preview) -> str:
    """ "Xác nhận: xóa 7 nhiệm vụ" when the import removes rows; else the plain confirm."""
    removed = [count_phrase(name, change.removed, view.lang) for name, change in removals(preview)]
    if not removed:
        return view.t("upd_confirm_button")
    return view.t("upd_confirm_removing", what=join_words(removed, view.lang))


def _show_removals(view: ui.View, preview: importer.Preview) -> None:
    """The rows this import removes, before anything else: counts per sheet and the rows' codes."""
    removed = removals(preview)
    if not removed:
        return
    what = join_words([count_phrase(name, change.removed, view.lang) for name, change in removed], view.lang)
    st.warning(view.t("upd_removals_title", what=what), icon=":material/delete_forever:")
    rows = []
    for name, change in removed:
        spec = SHEETS_BY_NAME[name]
        labels = key_labels(view, spec, current_rows(view, spec, preview.plan_id), set(change.removed_keys))
        codes = [labels.get(k, k) for k in change.removed_keys[:CODES_IN_BOX]]
        more = change.removed - len(codes)
        rows.append(
            {
                "sheet": spec.title(view.lang),
                "removed": change.removed,
                "codes": ", ".join(codes) + (view.t("upd_removals_more", count=more) if more > 0 else ""),
            }
        )
    grid(
        pd.DataFrame(rows),
        {
            "sheet": st.column_config.TextColumn(view.t("upd_col_sheet"), width="small"),
            "removed": st.column_config.NumberColumn(view.t("upd_col_removed"), width="small"),
            "codes": st.column_config.TextColumn(view.t("upd_col_removed_codes"), width="large"),
        },
        key="removals",
    )


def _show_changed_cells(view: ui.View, preview: importer.Preview) -> None:
    lang = view.lang
    for name, change in preview.changes.items():
        if not change.cells:
            continue
        spec = SHEETS_BY_NAME[name]
        labels = key_labels(view, spec, preview.validated.frames.get(name), {cell.key for cell in change.cells})
        with st.expander(
            view.t(
                "upd_preview_sheet_detail",
                sheet=spec.title(lang),
                parts=view.t("upd_detail_changed", count=change.changed),
            ),
            expanded=len(change.cells) <= 40,
        ):
            cells = pd.DataFrame(
                [
                    {
                        "key": labels.get(cell.key, cell.key),
                        "field": spec.column(cell.field).header(lang),
                        "old": show_value(view, spec.column(cell.field), cell.old),
                        "new": show_value(view, spec.column(cell.field), cell.new),
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


def upload_options(view: ui.View) -> tuple[dt.date | None, bool, list[str]]:
    """The choices made before uploading: the data's as-of date (blank: from the file), replacing the
    logs, and the sheets to empty on purpose."""
    # The check boxes under the date, at full width: in the right half their labels were cut at 1024 px.
    as_of_column, replace_column = st.columns(2)[0], st.container()
    as_of = as_of_column.date_input(
        view.t("upd_as_of_label"), value=None, format="DD/MM/YYYY", help=view.t("upd_as_of_help"), key="update_as_of"
    )
    replace_logs = replace_column.checkbox(
        view.t("upd_replace_logs_label"), help=view.t("upd_replace_logs_help"), key="update_replace_logs"
    )
    clear: list[str] = []
    if replace_column.checkbox(view.t("upd_clear_label"), help=view.t("upd_clear_help"), key="update_clear"):
        clear = replace_column.multiselect(
            view.t("upd_clear_sheets"),
            CLEARABLE,
            format_func=lambda name: SHEETS_BY_NAME[name].title(view.lang),
            key="update_clear_sheets",
        )
    return as_of, replace_logs, clear


def show_preview(view: ui.View, preview: importer.Preview, on_confirm: Callable[[str], None]) -> None:
    """The preview and its confirm button; the button's callback gets the file's sha256, not the preview:
    Streamlit keeps a button's arguments after the button is gone, and with them a preview's frames."""
    lang = view.lang
    st.markdown("##### " + view.t("upd_preview_title"))
    if preview.plan_id != view.plan_id:
        # The file's Kế hoạch sheet names another plan, or a new one: say which (as text, not markdown).
        st.text_input(view.t("upd_preview_target"), value=target_title(view, preview), disabled=True)
    _show_removals(view, preview)
    if preview.warnings:
        st.warning(view.t("warnings_found", count=len(preview.warnings)), icon=":material/warning:")
        show_problem_table(view, problem_frame(view, preview.warnings), "warnings")
    validated = preview.validated
    if validated.empty:
        st.info(
            view.t("upd_preview_empty_sheets", sheets=", ".join(f"«{ui.plain(t)}»" for t in validated.empty)),
            icon=":material/check_box_outline_blank:",
        )
    st.caption(view.t(f"upd_as_of_from_{preview.as_of_source}", as_of=format_date(preview.as_of, lang)))
    if preview.nothing_changed:
        st.info(view.t("nothing_changed", version=preview.base_version), icon=":material/info:")
        return
    st.caption(view.t("upd_preview_nothing_written", as_of=format_date(preview.as_of, lang)))
    summary = pd.DataFrame(
        [
            {
                "sheet": SHEETS_BY_NAME[name].title(lang),
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
    _show_changed_cells(view, preview)
    cleared = "-".join(sorted(validated.cleared))
    confirm_key = (
        f"confirm_{preview.sha256[:16]}_{preview.base_version}_{preview.as_of}_{preview.replace_logs}_{cleared}"
    )
    st.button(
        confirm_label(view, preview),
        type="primary",
        key=confirm_key,
        icon=":material/delete_forever:" if removals(preview) else ":material/cloud_upload:",
        help=view.t("upd_confirm_help"),
        on_click=on_confirm,
        args=(preview.sha256,),
    )
