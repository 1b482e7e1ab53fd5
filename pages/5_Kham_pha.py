"""Khám phá: choose a dataset, filter any column, group by one or two, pick a measure; see the chart and the
table, download them. Every choice lives in the URL (x_… keys), so a copied link reopens the same view.

The widgets start from the URL and write back to it; plantrack.explore turns the choices into SQL built from
its allow-list, with every value bound. Values from the URL are shown only inside widgets and tables, never
in markdown.

The exploration is a fragment (issue 15): a choice on it reruns it alone, not the sidebar and the header,
which it does not change; the sidebar's filters rerun the whole page. It reads the version the header
names: data committed meanwhile shows once the page runs again (another filter, page, or a reload).
"""

import dataclasses
import re

import streamlit as st

from pages.common import explore_panel, figures, ui
from plantrack import charts, explore, measures

view = ui.page("page_explore")
ui.require_plan(view)
ui.header(view, "page_explore")
st.caption(view.t("ex_intro"))


@st.fragment
def exploration_view(view: ui.View) -> None:
    # A copy: a rerun of the fragment numbers its chart and tables (download keys, file names) as the page did.
    view = dataclasses.replace(view)
    lang = view.lang
    wanted, ignored = explore.from_query(ui.query_values(explore.PREFIX))
    names = list(explore.DATASETS)
    what, how = st.columns([2, 3]), st.columns(3)
    chosen = what[0].selectbox(
        view.t("ex_dataset"),
        names,
        index=names.index(wanted.dataset),
        key="x_dataset",
        format_func=lambda name: view.t(f"ex_ds_{name}"),
    )
    if chosen != wanted.dataset:
        wanted, ignored = explore.default(chosen), []
    spec = explore.dataset(chosen)
    if ignored:
        # Only the keys' safe characters reach markdown: a link is text typed by someone else.
        st.warning(
            view.t("ex_ignored", keys=", ".join(k if re.fullmatch(r"[A-Za-z0-9_.]+", k) else "…" for k in ignored))
        )

    def label(name: str | None) -> str:
        return view.t("ex_no_group") if name is None else spec.field(name).label(lang)

    def position(options: list, value: object) -> int:
        return options.index(value) if value in options else 0

    groupable = [f.name for f in spec.groupable]
    measure_slot, column_slot = what[1].columns([2, 3])
    first_options = [None, *groupable]
    group1 = how[0].selectbox(
        view.t("ex_group1"),
        first_options,
        index=position(first_options, wanted.group1),
        format_func=label,
        key=f"x_{chosen}_g1",
    )
    second_options = [None, *(n for n in groupable if n != group1 and spec.field(n).kind != "date")]
    group2 = how[1].selectbox(
        view.t("ex_group2"),
        second_options,
        index=position(second_options, wanted.group2),
        format_func=label,
        key=f"x_{chosen}_g2",
        disabled=group1 is None,
    )
    group2 = group2 if group1 is not None else None
    measures_offered = list(explore.MEASURES) if spec.numeric else ["count", "share"]
    measure = measure_slot.selectbox(
        view.t("ex_measure"),
        measures_offered,
        index=position(measures_offered, wanted.measure),
        format_func=lambda m: view.t(f"ex_measure_{m}"),
        key=f"x_{chosen}_m",
    )
    numeric = [f.name for f in spec.numeric]
    column = None
    if measure in ("sum", "avg"):
        column = column_slot.selectbox(
            view.t("ex_column"),
            numeric,
            index=position(numeric, wanted.column),
            format_func=label,
            key=f"x_{chosen}_c_{measure}",
        )
    elif measure == "share":
        share_options = [None, *numeric]
        column = column_slot.selectbox(
            view.t("ex_column"),
            share_options,
            index=position(share_options, wanted.column),
            format_func=lambda n: view.t("ex_column_rows") if n is None else label(n),
            key=f"x_{chosen}_c_share",
        )
    grain = wanted.grain
    if group1 is not None and spec.field(group1).kind == "date":
        grain = how[2].selectbox(
            view.t("ex_grain"),
            list(explore.GRAINS),
            index=position(list(explore.GRAINS), grain),
            format_func=lambda g: view.t(f"ex_grain_{g}"),
            key=f"x_{chosen}_grain",
        )

    active = [f.column for f in wanted.filters]
    title = view.t("ex_filters_active", count=len(active)) if active else view.t("ex_filters")
    filters = []
    with st.expander(title, expanded=bool(active), icon=":material/filter_alt:"):
        picked = st.multiselect(
            view.t("ex_filter_columns"),
            [f.name for f in spec.fields],
            default=active,
            format_func=label,
            key=f"x_{chosen}_filters",
            placeholder=view.t("ex_filter_columns_placeholder"),
            select_all=False,  # its "Select all" cannot be translated
        )
        slots = st.columns(3)
        for n, name in enumerate(picked):
            field = spec.field(name)
            old = wanted.filter(name) or explore.Filter(name)
            key = f"x_{chosen}_f_{name}"
            with slots[n % 3]:
                if field.kind in ("category", "bool", "list"):
                    offered = explore_panel.explored(view, "options", explore.Exploration(chosen), column=name)
                    offered += [v for v in old.values if v not in offered]
                    values = st.multiselect(
                        field.label(lang),
                        offered,
                        default=list(old.values),
                        key=key,
                        format_func=lambda v, f=field: f.value_label(v, lang),
                        placeholder=view.t("ex_filter_all"),
                        select_all=False,
                    )
                    filters.append(explore.Filter(name, values=tuple(values)))
                elif field.kind in ("date", "number"):
                    low_slot, high_slot = st.columns(2)
                    if field.kind == "date":
                        low = ui.date_field(
                            low_slot, view, view.t("ex_filter_from", column=field.label(lang)), old.low, f"{key}_low"
                        )
                        high = ui.date_field(high_slot, view, view.t("ex_filter_to"), old.high, f"{key}_high")
                    else:
                        low = low_slot.number_input(
                            view.t("ex_filter_from", column=field.label(lang)), value=old.low, key=f"{key}_low"
                        )
                        high = high_slot.number_input(view.t("ex_filter_to"), value=old.high, key=f"{key}_high")
                    filters.append(explore.Filter(name, low=low, high=high))
                else:
                    text = st.text_input(
                        view.t("ex_filter_search", column=field.label(lang)),
                        value=old.text,
                        key=key,
                        help=view.t("ex_filter_search_help"),
                    )
                    filters.append(explore.Filter(name, text=text))

    exploration = explore.Exploration(
        chosen, tuple(f for f in filters if f.active), group1, group2, measure, column, grain
    )
    ui.set_query_values(explore.to_query(exploration), explore.PREFIX)

    matching = explore_panel.explored(view, "count", exploration)
    result = explore_panel.explored(view, "aggregate", exploration)
    st.subheader(view.t("ex_result_title"))
    st.caption(view.t("ex_rows_matching", rows=measures.count(matching, lang)))
    kind = explore.value_kind(exploration)
    notes = tuple(explore.describe_filter(spec.field(f.column), f, lang) for f in exploration.filters)
    notes = (view.t("ex_filter_note", filters="; ".join(notes)),) if notes else ()
    if matching == 0:
        st.info(view.t("ex_no_rows"))
    elif not exploration.groups:
        st.metric(explore.measure_label(exploration, lang), explore.format_value(result["value"].iloc[0], kind, lang))
    else:
        chart_kind = explore.chart_kind(exploration)
        cut = explore.chart_cut(explore.chart_frame(result, exploration, lang), chart_kind)
        for note in explore.chart_cut_notes(cut, exploration, lang):
            st.caption(note)
        figures.chart(
            view,
            charts.explore,
            cut.frame,
            chart_kind,
            explore.measure_label(exploration, lang),
            kind,
            lang,
            explore.chart_colours(exploration, lang),
            exploration.grain,
        )
        basis = explore.share_basis(exploration, lang)
        if basis:
            st.caption(basis)
        shown, columns = explore_panel.result_table(result, exploration, lang)
        ui.table(shown, view, columns, title=f"{view.t('page_explore')} - {view.t(f'ex_ds_{chosen}')}", notes=notes)

    # Up to 5.000 rows are asked for and drawn only when the reader opens the list (issue 15).
    rows_box = st.expander(
        view.t("ex_rows_title") + f" ({measures.count(matching, lang)})",
        icon=":material/table_rows:",
        key="x_rows_open",
        on_change="rerun",
    )
    if rows_box.open:
        with rows_box:
            found = explore_panel.explored(view, "rows", exploration)
            if len(found) < matching:
                st.caption(
                    view.t(
                        "ex_rows_limited", shown=measures.count(len(found), lang), total=measures.count(matching, lang)
                    )
                )
            rows, columns = explore_panel.rows_table(found, spec, lang)
            ui.table(rows, view, columns, empty_key="ex_no_rows", title=view.t(f"ex_ds_{chosen}"), notes=notes)


exploration_view(view)
