"""Chart builders: pure functions from an aggregated frame to a Plotly figure, testable without a browser.

Each returns None when there is nothing to draw, so a page says so in a sentence instead of
showing an empty axis. Labels, colours and number formats come from `measures`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from plantrack import measures
from plantrack.i18n import format_date, quarter_numeral, t

FONT = "Source Sans, Segoe UI, Roboto, Arial, sans-serif"


def _layout(fig: go.Figure, lang: str, height: int = 360, legend: bool = True) -> go.Figure:
    fig.update_layout(
        separators=measures.plotly_separators(lang),
        height=height,
        # The toolbar stands upright in a right margin of its own, so it never covers the legend above the plot.
        margin={"l": 10, "r": 40, "t": 30, "b": 10},
        modebar={"orientation": "v"},
        font={"family": FONT, "size": 14},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title": None},
        showlegend=legend,
        hoverlabel={"font_size": 14},
        plot_bgcolor="white",
    )
    fig.update_xaxes(gridcolor="#EEEEEE")
    fig.update_yaxes(gridcolor="#EEEEEE")
    return fig


def _tag(codes: pd.Series, lang: str) -> pd.Series:
    return codes.map(lambda code: measures.category(code).tagged(lang))


def _money_axis(fig: go.Figure, lang: str, axis: str = "y", measure: str | None = None) -> None:
    """An axis of amounts drawn in millions of đồng: "200.000.000 ₫" ticks side by side run together."""
    unit = t("axis_million_dong", lang)
    title = unit if measure is None else f"{measure} ({unit.lower()})"
    getattr(fig, f"update_{axis}axes")(tickformat=measures.MILLIONS_FORMAT, title=title)


def _millions(values: pd.Series) -> pd.Series:
    return values.astype("float64") / 1_000_000


def _period_axis(fig: go.Figure, periods: pd.Series, grain: str, axis: str = "x") -> None:
    """A time axis whose ticks are the periods themselves: each month once, weeks by their first day.

    Plotly's own ticks on a quarter of monthly bars fall every few weeks and print "05/2019" twice."""
    days = sorted(pd.to_datetime(pd.Series(periods)).dropna().unique())
    fmt = {"day": "%d/%m/%Y", "week": "%d/%m/%Y", "month": "%m/%Y", "quarter": "%m/%Y", "year": "%Y"}[grain]
    update = getattr(fig, f"update_{axis}axes")
    if not days:
        return
    # At most about a dozen labels, every k-th period, so they never crowd.
    step = max(1, -(-len(days) // 12))
    update(tickformat=fmt, tickvals=days[::step])


def status_by_unit(frame: pd.DataFrame, lang: str) -> go.Figure | None:
    """frame: unit_name, role ('lead'/'support'), status, tasks."""
    if frame.empty or frame["tasks"].sum() == 0:
        return None
    data = frame.assign(
        status_label=_tag(frame["status"], lang),
        role_label=frame["role"].map(lambda r: t(f"role_{r}", lang)),
    )
    fig = px.bar(
        data,
        x="tasks",
        y="unit_name",
        color="status_label",
        facet_col="role_label",
        orientation="h",
        color_discrete_map=measures.colour_map(measures.STATUSES, lang),
        category_orders={
            "status_label": measures.order(measures.STATUSES, lang),
            "role_label": [t("role_lead", lang), t("role_support", lang)],
        },
        labels={"tasks": t("axis_tasks", lang), "unit_name": "", "status_label": "", "role_label": ""},
    )
    fig.for_each_annotation(lambda a: a.update(text=a.text.split("=")[-1]))
    fig.update_traces(
        hovertemplate="<b>%{y}</b><br>%{fullData.name}: %{x:"
        + measures.COUNT_FORMAT
        + "} "
        + t("hover_tasks", lang)
        + "<extra></extra>"
    )
    # A tick per task reads well for a provincial plan; for hundreds of tasks (the longest stacked bar)
    # it draws a tick and a grid line per task, and the browser freezes redrawing them.
    longest = frame.groupby(["unit_name", "role"])["tasks"].sum().max()
    fig.update_xaxes(dtick=1 if longest <= 20 else None, tickformat=measures.COUNT_FORMAT)
    height = max(260, 90 + 34 * data["unit_name"].nunique())
    fig = _layout(fig, lang, height=height)
    # The legend below the axis title at any height: a fixed 64 px under the plot, in paper units.
    fig.update_layout(legend={"y": -64 / (height - 50), "yanchor": "top"}, margin={"t": 40})
    return fig


def progress_bars(frame: pd.DataFrame, lang: str) -> go.Figure | None:
    """frame: task_code, content, progress, expected, status, reason — one bar per task."""
    if frame.empty:
        return None
    data = frame.assign(
        status_label=_tag(frame["status"], lang),
        label=frame["task_code"],
        expected=frame["expected"].astype("float64"),
    )
    fig = px.bar(
        data,
        x="progress",
        y="label",
        color="status_label",
        orientation="h",
        color_discrete_map=measures.colour_map(measures.STATUSES, lang),
        category_orders={"status_label": measures.order(measures.STATUSES, lang), "label": list(data["label"])},
        custom_data=["content", "reason"],
        labels={"progress": t("axis_progress", lang), "label": "", "status_label": ""},
        text=data["progress"].map(lambda v: measures.percent(v, lang)),
    )
    fig.update_traces(hovertemplate="<b>%{y}</b> %{customdata[0]}<br>%{customdata[1]}<extra></extra>")
    marks = data.dropna(subset=["expected"])
    if not marks.empty:
        fig.add_trace(
            go.Scatter(
                x=marks["expected"],
                y=marks["label"],
                mode="markers",
                marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": "#333333"}},
                name=t("legend_expected", lang),
                hovertemplate=t("legend_expected", lang) + ": %{x:.0f}%<extra></extra>",
            )
        )
    fig.update_xaxes(range=[0, 105], ticksuffix="%")
    return _layout(fig, lang, height=max(240, 70 + 36 * len(data)))


def indicators(frame: pd.DataFrame, lang: str) -> go.Figure | None:
    """frame: task_code, indicator, measure_unit, target, actual, achieved_pct (indicators_at_version.sql)."""
    if frame.empty:
        return None
    data = frame.assign(
        label=frame["task_code"] + " · " + frame["indicator"],
        share=frame["achieved_pct"].clip(upper=150),
        text=[
            f"{measures.count(a if pd.notna(a) else 0, lang)} / {measures.count(tg, lang)} {u}"
            for a, tg, u in zip(frame["actual"], frame["target"], frame["measure_unit"])
        ],
    )
    fig = go.Figure(
        go.Bar(
            x=data["share"],
            y=data["label"],
            orientation="h",
            marker_color=measures.SERIES["actual"],
            text=data["text"],
            # Inside a long bar, beside a short or empty one: an unmet indicator still shows "0 / 1 cụm".
            textposition=["inside" if share >= 60 else "outside" for share in data["share"].fillna(0)],
            constraintext="none",  # full size: a label shrunk to the bar's thickness cannot be read
            cliponaxis=False,
            hovertemplate="%{y}<br>%{text}<extra></extra>",
            name=t("legend_actual", lang),
        )
    )
    fig.add_vline(x=100, line_dash="dash", line_color="#333333", annotation_text=t("legend_target", lang))
    fig.update_xaxes(ticksuffix="%", title=t("axis_share_of_target", lang))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, lang, height=max(220, 70 + 36 * len(data)), legend=False)


def progress_history(frame: pd.DataFrame, lang: str) -> go.Figure | None:
    """frame: as_of, task_code, progress — one line per task across the versions."""
    if frame.empty or frame["as_of"].nunique() < 2:
        return None
    fig = px.line(
        frame,
        x="as_of",
        y="progress",
        color="task_code",
        markers=True,
        labels={"as_of": t("axis_as_of", lang), "progress": t("axis_progress", lang), "task_code": ""},
    )
    fig.update_xaxes(tickformat="%d/%m/%Y", tickvals=sorted(frame["as_of"].unique()))
    fig.update_yaxes(range=[0, 105], ticksuffix="%")
    fig.update_traces(hovertemplate="%{fullData.name}: %{y:.0f}% (%{x|%d/%m/%Y})<extra></extra>")
    return _layout(fig, lang)


def progress_summary(frame: pd.DataFrame, lang: str) -> go.Figure | None:
    """frame: as_of, tasks, avg_progress, done — the tasks in view as a whole, across the versions."""
    if frame.empty or frame["as_of"].nunique() < 2:
        return None
    fig = go.Figure()
    for name, values, colour in (
        ("legend_avg_progress", frame["avg_progress"], measures.SERIES["actual"]),
        ("legend_done_share", 100 * frame["done"] / frame["tasks"], measures.category("done").colour),
    ):
        fig.add_trace(
            go.Scatter(
                x=frame["as_of"],
                y=values,
                mode="lines+markers",
                name=t(name, lang),
                line={"color": colour, "width": 3},
                hovertemplate="%{x|%d/%m/%Y}: %{y:" + measures.SHARE_FORMAT + "}%<extra>" + t(name, lang) + "</extra>",
            )
        )
    _period_axis(fig, frame["as_of"], "day")
    fig.update_yaxes(range=[0, 105], ticksuffix="%", title=t("axis_progress", lang))
    return _layout(fig, lang)


def gantt(tasks: pd.DataFrame, milestones: pd.DataFrame, year: int, as_of: dt.date, lang: str) -> go.Figure | None:
    """tasks: task_code, content, start_on, due_on, status; milestones: task_code, content, due_on, state."""
    if tasks.empty:
        return None
    year_start, year_end = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    data = tasks.assign(
        start=pd.to_datetime(tasks["start_on"]).fillna(year_start),
        end=pd.to_datetime(tasks["due_on"]).fillna(year_end) + pd.Timedelta(days=1),
        status_label=_tag(tasks["status"], lang),
    )
    fig = px.timeline(
        data,
        x_start="start",
        x_end="end",
        y="task_code",
        color="status_label",
        color_discrete_map=measures.colour_map(measures.STATUSES, lang),
        category_orders={"status_label": measures.order(measures.STATUSES, lang), "task_code": list(data["task_code"])},
        custom_data=["content", "timing_text"],
        labels={"task_code": "", "status_label": ""},
    )
    fig.update_traces(hovertemplate="<b>%{y}</b> %{customdata[0]}<br>%{customdata[1]}<extra></extra>", opacity=0.55)
    if not milestones.empty:
        for state in measures.MILESTONE_STATES:
            subset = milestones[milestones["state"] == state.code]
            if subset.empty:
                continue
            fig.add_trace(
                go.Scatter(
                    x=pd.to_datetime(subset["due_on"]),
                    y=subset["task_code"],
                    mode="markers",
                    marker={
                        "symbol": "diamond",
                        "size": 13,
                        "color": state.colour,
                        "line": {"width": 1, "color": "#333"},
                    },
                    name=state.tagged(lang),
                    customdata=subset[["content"]].assign(due=[format_date(d, lang) for d in subset["due_on"]]),
                    hovertemplate="%{customdata[0]}<br>" + t("label_due", lang) + " %{customdata[1]}<extra></extra>",
                )
            )
    for q in range(4):
        start = pd.Timestamp(year, 3 * q + 1, 1)
        fig.add_vrect(
            x0=start,
            x1=start + pd.DateOffset(months=3),
            fillcolor="#F2F2F2" if q % 2 == 0 else "white",
            opacity=0.6,
            layer="below",
            line_width=0,
        )
        fig.add_annotation(
            x=start + pd.DateOffset(days=45),
            y=1.0,
            yref="paper",
            yanchor="bottom",
            showarrow=False,
            text=t("quarter_label", lang, quarter=quarter_numeral(q + 1)),
            font={"size": 13, "color": "#555"},
        )
    as_of_ts = pd.Timestamp(as_of)
    fig.add_vline(x=as_of_ts, line_width=2, line_dash="dot", line_color="#333")
    fig.add_annotation(
        x=as_of_ts,
        y=0.99,
        yref="paper",
        xanchor="right",
        yanchor="top",
        showarrow=False,
        text=t("as_of_line", lang, date=format_date(as_of, lang)),
        font={"size": 12},
        bgcolor="rgba(255,255,255,0.85)",
    )
    fig.update_xaxes(range=[year_start, year_end + pd.Timedelta(days=1)], tickformat="%d/%m", dtick="M1")
    fig = _layout(fig, lang, height=max(300, 110 + 40 * len(data)))
    fig.update_layout(legend={"y": -0.12, "yanchor": "top"})
    return fig


def budget_by_source(frame: pd.DataFrame, lang: str) -> go.Figure | None:
    """frame: source (a funding source code), planned, disbursed — planned_vs_disbursed with the sources named."""
    named = frame.assign(source_label=[measures.category(code).label(lang) for code in frame["source"]])
    return planned_vs_disbursed(named, "source_label", lang)


def planned_vs_disbursed(frame: pd.DataFrame, label_column: str, lang: str) -> go.Figure | None:
    """frame: <label_column>, planned, disbursed — two bars per category."""
    if frame.empty or frame["planned"].sum() == 0 and frame["disbursed"].sum() == 0:
        return None
    fig = go.Figure()
    for measure in ("planned", "disbursed"):
        fig.add_trace(
            go.Bar(
                y=frame[label_column],
                x=_millions(frame[measure]),
                orientation="h",
                name=t(f"legend_{measure}", lang),
                marker_color=measures.SERIES[measure],
                text=[measures.millions(v, lang) for v in frame[measure]],
                # Beside the bar, at full size: inside, Plotly shrinks a label to fit the bar.
                textposition="outside",
                customdata=[[measures.money(v, lang)] for v in frame[measure]],
                hovertemplate="<b>%{y}</b><br>" + t(f"legend_{measure}", lang) + ": %{customdata[0]}<extra></extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed")
    _money_axis(fig, lang, "x")
    # Room right of the longest bar for a label that does not fit inside a short one.
    longest = float(max(frame["planned"].max(), frame["disbursed"].max())) / 1_000_000
    fig.update_xaxes(range=[0, longest * 1.35 or 1])
    fig.update_traces(cliponaxis=False)
    return _layout(fig, lang, height=max(240, 80 + 56 * len(frame)))


def cumulative_disbursement(frame: pd.DataFrame, lang: str) -> go.Figure | None:
    """frame: month_start, disbursed, cumulative, planned_total."""
    if frame.empty or frame["planned_total"].max() == 0:
        return None
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=frame["month_start"],
            y=_millions(frame["disbursed"]),
            name=t("legend_disbursed_month", lang),
            marker_color="#56B4E9",
            customdata=[[measures.money(v, lang)] for v in frame["disbursed"]],
            hovertemplate=t("legend_disbursed_month", lang) + " %{x|%m/%Y}: %{customdata[0]}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=frame["month_start"],
            y=_millions(frame["cumulative"]),
            name=t("legend_cumulative", lang),
            mode="lines+markers",
            line={"color": measures.SERIES["disbursed"], "width": 3},
            customdata=[["—" if pd.isna(v) else measures.money(v, lang)] for v in frame["cumulative"]],
            hovertemplate=t("legend_cumulative", lang) + " %{x|%m/%Y}: %{customdata[0]}<extra></extra>",
        )
    )
    fig.add_hline(
        y=float(frame["planned_total"].max()) / 1_000_000,
        line_dash="dash",
        line_color="#555",
        annotation_text=t("legend_planned_total", lang),
    )
    _period_axis(fig, frame["month_start"], "month")
    _money_axis(fig, lang)
    return _layout(fig, lang)


def spend_vs_progress(frame: pd.DataFrame, lang: str) -> go.Figure | None:
    """frame: task_code, content, disbursed_pct, progress — one point per task with budget."""
    data = frame.dropna(subset=["disbursed_pct", "progress"])
    if data.empty:
        return None
    fig = go.Figure(
        go.Scatter(
            x=data["progress"],
            y=data["disbursed_pct"],
            mode="markers+text",
            text=data["task_code"],
            textposition="top center",
            marker={"size": 16, "color": measures.SERIES["disbursed"]},
            customdata=data[["content"]],
            hovertemplate="<b>%{text}</b> %{customdata[0]}<br>"
            + t("axis_progress", lang)
            + ": %{x:.0f}%<br>"
            + t("axis_disbursed_pct", lang)
            + ": %{y:.0f}%<extra></extra>",
        )
    )
    fig.add_shape(type="line", x0=0, y0=0, x1=100, y1=100, line={"dash": "dot", "color": "#999"})
    fig.update_xaxes(range=[-5, 110], ticksuffix="%", title=t("axis_progress", lang))
    fig.update_yaxes(
        range=[-5, max(110, float(data["disbursed_pct"].max()) + 10)],
        ticksuffix="%",
        title=t("axis_disbursed_pct", lang),
    )
    return _layout(fig, lang, legend=False)


def spend_vs_progress_grid(frame: pd.DataFrame, lang: str) -> go.Figure | None:
    """As spend_vs_progress, for many tasks: how many fall in each 10-point band of progress and of budget spent."""
    data = frame.dropna(subset=["disbursed_pct", "progress"])
    if data.empty:
        return None
    bands = list(range(0, 101, 10))

    def band(values: pd.Series) -> pd.Series:
        return (values.clip(0, 100) // 10 * 10).astype(int)

    grid = (
        data.assign(x=band(data["progress"]), y=band(data["disbursed_pct"]))
        .groupby(["y", "x"])
        .size()
        .unstack(fill_value=0)
        .reindex(index=bands, columns=bands, fill_value=0)
    )
    labels = [f"{b}%" for b in bands]
    text = [[measures.count(v, lang) if v else "" for v in row] for row in grid.to_numpy()]
    fig = go.Figure(
        go.Heatmap(
            x=labels,
            y=labels,
            z=grid.to_numpy(),
            colorscale="Blues",
            showscale=False,
            text=text,
            texttemplate="%{text}",
            # Eleven cells across half a page: counts of 1.000 and more ran into each other at 12 px.
            textfont={"size": 12 if max(map(len, sum(text, []))) <= 3 else 9},
            hovertemplate=t("axis_progress", lang)
            + " %{x}, "
            + t("axis_disbursed_pct", lang)
            + " %{y}: %{z:"
            + measures.COUNT_FORMAT
            + "} "
            + t("hover_tasks", lang)
            + "<extra></extra>",
        )
    )
    fig.update_xaxes(title=t("axis_progress", lang), type="category")
    fig.update_yaxes(title=t("axis_disbursed_pct", lang), type="category")
    return _layout(fig, lang, legend=False)


def media_volume(frame: pd.DataFrame, grain: str, lang: str) -> go.Figure | None:
    """frame: period_start, sentiment, mentions."""
    if frame.empty:
        return None
    data = frame.assign(sentiment_label=_tag(frame["sentiment"], lang))
    fig = px.bar(
        data,
        x="period_start",
        y="mentions",
        color="sentiment_label",
        color_discrete_map=measures.colour_map(measures.SENTIMENTS, lang),
        category_orders={"sentiment_label": measures.order(measures.SENTIMENTS, lang)},
        labels={"period_start": "", "mentions": t("axis_mentions", lang), "sentiment_label": ""},
    )
    when = "%{x|%d/%m/%Y}" if grain == "week" else "%{x|%m/%Y}"
    fig.update_traces(
        hovertemplate=f"%{{fullData.name}} · {when}: %{{y:{measures.COUNT_FORMAT}}} {t('hover_mentions', lang)}"
        + "<extra></extra>"
    )
    fig.update_yaxes(tickformat=measures.COUNT_FORMAT)
    _period_axis(fig, data["period_start"], grain)
    return _layout(fig, lang)


def net_sentiment(frame: pd.DataFrame, grain: str, lang: str) -> go.Figure | None:
    """frame: period_start, net_sentiment (−1…1)."""
    data = frame.dropna(subset=["net_sentiment"])
    if data.empty:
        return None
    fig = go.Figure(
        go.Scatter(
            x=data["period_start"],
            y=data["net_sentiment"],
            mode="lines+markers",
            line={"color": measures.SERIES["net"], "width": 3},
            customdata=data[["positive", "negative"]],
            hovertemplate=t("axis_net_sentiment", lang)
            + (" %{x|%d/%m/%Y}" if grain == "week" else " %{x|%m/%Y}")
            + ": %{y:"
            + measures.INDEX_FORMAT
            + "}<br>"
            + t("cat_positive", lang)
            + " %{customdata[0]:"
            + measures.COUNT_FORMAT
            + "} · "
            + t("cat_negative", lang)
            + " %{customdata[1]:"
            + measures.COUNT_FORMAT
            + "}<extra></extra>",
        )
    )
    fig.add_hline(y=0, line_color="#999")
    fig.update_yaxes(range=[-1.05, 1.05], title=t("axis_net_sentiment", lang), tickformat=measures.INDEX_FORMAT)
    _period_axis(fig, data["period_start"], grain)
    return _layout(fig, lang, legend=False)


def mentions_by(frame: pd.DataFrame, label_column: str, lang: str, translate: bool = False) -> go.Figure | None:
    """frame: <label_column>, sentiment, mentions (long) — stacked horizontal bars by sentiment."""
    if frame.empty:
        return None
    data = frame.assign(sentiment_label=_tag(frame["sentiment"], lang))
    if translate:
        data[label_column] = _tag(data[label_column], lang)
    order = list(
        dict.fromkeys(data.groupby(label_column, sort=False)["mentions"].sum().sort_values(ascending=False).index)
    )
    fig = px.bar(
        data,
        x="mentions",
        y=label_column,
        color="sentiment_label",
        orientation="h",
        color_discrete_map=measures.colour_map(measures.SENTIMENTS, lang),
        category_orders={"sentiment_label": measures.order(measures.SENTIMENTS, lang), label_column: order},
        labels={"mentions": t("axis_mentions", lang), label_column: "", "sentiment_label": ""},
    )
    fig.update_traces(
        hovertemplate="<b>%{y}</b><br>%{fullData.name}: %{x:"
        + measures.COUNT_FORMAT
        + "} "
        + t("hover_mentions", lang)
        + "<extra></extra>"
    )
    fig.update_xaxes(tickformat=measures.COUNT_FORMAT)
    # A long outlet name pushed the plot aside and was cut at the chart's edge in a half-width
    # column: the axis shows its start and end, the hover the whole name.
    short = [_short_label(str(label)) for label in order]
    # Two names shortened alike would read as one outlet: those keep their whole name.
    ticktext = [text if short.count(text) == 1 else str(label) for text, label in zip(short, order)]
    fig.update_yaxes(tickvals=order, ticktext=ticktext)
    return _layout(fig, lang, height=max(220, 80 + 34 * len(order)))


def _short_label(text: str, limit: int = 26) -> str:
    """The start and the last two words: outlets of one kind share their start ("Đài Phát thanh -
    Truyền hình …") and differ by the province at the end, which a cut end hid."""
    if len(text) <= limit:
        return text
    words = text.split()
    tail = " ".join(words[-2:])
    if len(tail) > limit // 2:
        tail = words[-1][-(limit // 2) :]
    room = limit - len(tail) - 1
    head = text[:room]
    if " " in head and text[room] != " ":
        head = head[: head.rindex(" ")]
    return f"{head.rstrip(' -–,.')}…{tail}"


def negative_spikes(frame: pd.DataFrame, lang: str) -> go.Figure | None:
    """frame: week_start, negative, norm, spread, is_spike."""
    if frame.empty or frame["negative"].sum() == 0:
        return None
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=frame["week_start"],
            y=frame["negative"],
            name=measures.category("negative").tagged(lang),
            marker_color=[measures.SERIES["spike"] if s else "#E0B8A0" for s in frame["is_spike"]],
            hovertemplate=measures.category("negative").tagged(lang)
            + " %{x|%d/%m/%Y}: %{y:"
            + measures.COUNT_FORMAT
            + "} "
            + t("hover_mentions", lang)
            + "<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=frame["week_start"],
            y=frame["norm"] + 2 * frame["spread"],
            name=t("legend_spike_threshold", lang),
            mode="lines",
            line={"dash": "dash", "color": "#555"},
            hovertemplate=t("legend_spike_threshold", lang)
            + " %{x|%d/%m/%Y}: %{y:"
            + measures.SHARE_FORMAT
            + "}<extra></extra>",
        )
    )
    spikes = frame[frame["is_spike"]]
    if not spikes.empty:
        fig.add_trace(
            go.Scatter(
                x=spikes["week_start"],
                y=spikes["negative"] + 0.6,
                mode="markers+text",
                text=["▲"] * len(spikes),
                textposition="top center",
                marker={"size": 1, "color": measures.SERIES["spike"]},
                name=t("legend_spike", lang),
                hoverinfo="skip",
            )
        )
    _period_axis(fig, frame["week_start"], "week")
    fig.update_yaxes(title=t("axis_mentions", lang), tickformat=measures.COUNT_FORMAT)
    return _layout(fig, lang)


def group_counts(counts: dict[str, int], lang: str) -> go.Figure | None:
    """The four official report groups as one stacked bar whose parts add up to all tasks."""
    total = sum(counts.values())
    if total == 0:
        return None
    fig = go.Figure()
    for group in measures.GROUPS:
        value = counts.get(group.code, 0)
        # The count is in the legend too: a part too thin for its label (under a twelfth) shows none
        # rather than a cut one.
        shown = measures.count(value, lang)
        fig.add_trace(
            go.Bar(
                x=[value],
                y=[""],
                orientation="h",
                name=f"{group.tagged(lang)}: {shown}",
                marker_color=group.colour,
                text=[shown if value * 12 >= total else ""],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                hovertemplate=f"{group.tagged(lang)}: {shown} {t('hover_of_total', lang)} "
                f"{measures.count(total, lang)} {t('hover_tasks', lang)}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_xaxes(range=[0, total], visible=False)
    return _layout(fig, lang, height=150)


def sentiment_long(frame: pd.DataFrame, label_column: str) -> pd.DataFrame:
    """positive/neutral/negative count columns to the long form `mentions_by` draws."""
    return frame[[label_column, "positive", "neutral", "negative"]].melt(
        id_vars=[label_column], var_name="sentiment", value_name="mentions"
    )


def explore(
    frame: pd.DataFrame,
    kind: str,
    value_title: str,
    value_kind: str,
    lang: str,
    colours: dict[str, str] | None = None,
    grain: str = "month",
) -> go.Figure | None:
    """Khám phá's chart. frame: x (a label, or a date for "line"), series (a label or None), value, text.

    kind: "bar" (one grouping), "stack" (two, stacked), "group" (two, side by side: averages do not
    add up) or "line" (over dates, one line per series). Bars are horizontal so long labels read."""
    if frame.empty or kind is None:
        return None
    has_series = frame["series"].notna().any()
    data = frame.assign(series=frame["series"].fillna("") if has_series else "")
    series_order = list(dict.fromkeys(data["series"]))
    # One grouping of statuses, sentiments…: each bar in its own colour, as on the other pages.
    colour_by = "series" if has_series else "x" if colours and kind != "line" else None
    common = {
        "color": colour_by,
        "color_discrete_map": colours or {},
        "labels": {"value": value_title, "x": "", "series": ""},
        "custom_data": ["text"],
    }
    if value_kind == "money":
        data["value"] = _millions(data["value"])
    if kind == "line":
        fig = px.line(data, x="x", y="value", markers=True, category_orders={"series": series_order}, **common)
        tick = {"day": "%d/%m/%Y", "week": "%d/%m/%Y", "month": "%m/%Y", "quarter": "%m/%Y", "year": "%Y"}[grain]
        _period_axis(fig, data["x"], grain)
        fig.update_traces(hovertemplate="%{x|" + tick + "}: %{customdata[0]}<extra>%{fullData.name}</extra>")
        value_axis = "y"
        height = 420
    else:
        labels = list(dict.fromkeys(data["x"]))
        fig = px.bar(
            data,
            x="value",
            y="x",
            orientation="h",
            text="text",
            category_orders={"x": labels, "series": series_order},
            **common,
        )
        fig.update_layout(barmode="group" if kind == "group" else "relative")
        # The first group on top, whether plotly express drew one trace or one per colour.
        fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed")
        fig.update_traces(
            hovertemplate="%{y}: %{customdata[0]}<extra>%{fullData.name}</extra>",
            textposition="inside" if kind == "stack" else "auto",
            insidetextanchor="middle",
            textangle=0,
        )
        # A figure too long for its bar is left out rather than shrunk to a smudge; the table has it.
        fig.update_layout(uniformtext_minsize=11, uniformtext_mode="hide")
        value_axis = "x"
        per_bar = 30 if kind != "group" else 18 * max(1, len(series_order))
        height = max(260, 90 + per_bar * len(labels))
    update_axis = getattr(fig, f"update_{value_axis}axes")
    if value_kind == "money":
        _money_axis(fig, lang, value_axis, value_title)
    elif value_kind == "percent":
        update_axis(ticksuffix="%")
    elif value_kind == "int":
        # Counts are whole: no 0,2 tick between none and one.
        update_axis(
            tickformat=measures.COUNT_FORMAT,
            rangemode="tozero",
            **({"dtick": 1} if frame["value"].max() <= 10 else {}),
        )
    else:
        update_axis(tickformat=measures.NUMBER_FORMAT)
    if colour_by is None:
        colour = measures.SERIES["disbursed"]
        fig.update_traces(marker_color=colour, **({"line_color": colour} if kind == "line" else {}))
    return _layout(fig, lang, height=height, legend=bool(has_series))
