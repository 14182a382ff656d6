"""Pure figure builders: (DataFrame, *, options) -> go.Figure. No SQL, no I/O, no Streamlit.

Every figure sets the stance colours of DESIGN.md explicitly and uses a real template, so an
exported copy looks like the one on screen (Streamlit's own template would turn exports black).
Text from statements is HTML-escaped before it enters hover labels or tick labels: plotly renders
a subset of HTML there, and statements come from uploads.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from stancewatch import describe
from stancewatch.config import STANCE_COLOURS, STANCE_LABELS, STANCES

TEMPLATE = "plotly_white"
LABEL_ORDER = [STANCE_LABELS[s] for s in STANCES]
LABEL_COLOURS = {STANCE_LABELS[s]: STANCE_COLOURS[s] for s in STANCES}
# Capitals are data, so their colours come from a palette by sorted name; none of these is
# close to a stance colour (Okabe-Ito blue, reddish purple, sky blue, yellow, black).
CAPITAL_PALETTE = ["#0072B2", "#CC79A7", "#56B4E9", "#E69F00", "#000000"]
CAPITAL_DASHES = ["solid", "dash", "dot", "dashdot", "longdash"]
LEGEND = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title": None}


def esc(text: object) -> str:
    """Plotly renders a subset of HTML in labels: escape <, > and &, but not quotes, which plotly
    would show as a literal &quot;."""
    return html.escape(str(text), quote=False)


def hover_text(value: object, width: int = 64, limit: int = 320) -> str:
    """Escaped, shortened and wrapped for a hover label."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "<br>".join(esc(line) for line in textwrap.wrap(text, width)) or ""


def short_label(value: str, limit: int = 48) -> str:
    """Escaped tick label, cut with an ellipsis (the full title is in the hover)."""
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return esc(text)


def _with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(stance_label=frame["stance"].map(STANCE_LABELS))


def _finish(fig: go.Figure, *, title: str | None, height: int, top: int = 40) -> go.Figure:
    fig.update_layout(
        template=TEMPLATE,
        title={"text": title} if title else None,
        legend=LEGEND,
        margin={"l": 10, "r": 10, "t": top + (40 if title else 0), "b": 10},
        height=height,
        hoverlabel={"align": "left"},
    )
    return fig


# Bar width and tick labels per time grain: a period with a single bar must still look like a
# period, not a one-millisecond sliver.
GRAIN_DAYS = {"day": 1, "week": 7, "month": 30.4, "quarter": 91.3, "year": 365.25}
GRAIN_PERIOD = {
    "day": 86_400_000,
    "week": 604_800_000,
    "month": "M1",
    "quarter": "M3",
    "year": "M12",
}
GRAIN_TICKS = {
    "day": "%-d %b %Y",
    "week": "%-d %b %Y",
    "month": "%b %Y",
    "quarter": "%b %Y",
    "year": "%Y",
}


def _padded_range(values: pd.Series, min_days: int = 14) -> list[pd.Timestamp] | None:
    """An x range of at least `min_days`, so a short span is not labelled in hours."""
    dates = pd.to_datetime(values).dropna()
    if dates.empty:
        return None
    lo, hi = dates.min(), dates.max()
    missing = pd.Timedelta(days=min_days) - (hi - lo)
    if missing <= pd.Timedelta(0):
        return None
    return [lo - missing / 2, hi + missing / 2]


def _date_axis(fig: go.Figure, values: pd.Series, *, title: str = "Date") -> None:
    fig.update_xaxes(type="date", title=title, tickformat="%-d %b %Y")
    padded = _padded_range(values)
    if padded:
        fig.update_xaxes(range=padded)


def capital_colours(capitals: list[str]) -> dict[str, str]:
    return {c: CAPITAL_PALETTE[i % len(CAPITAL_PALETTE)] for i, c in enumerate(sorted(capitals))}


# ---- Overview -------------------------------------------------------------------------------


def stance_counts_bar(frame: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Statements per capital, stacked by stance (columns: capital, stance, statements)."""
    data = _with_labels(frame)
    capitals = (
        data.groupby("capital")["statements"].sum().sort_values(ascending=False).index.tolist()
    )
    fig = px.bar(
        data, x="capital", y="statements", color="stance_label", text="statements",
        category_orders={"stance_label": LABEL_ORDER, "capital": capitals},
        color_discrete_map=LABEL_COLOURS,
        labels={"capital": "Capital", "statements": "Statements", "stance_label": "Stance"},
        template=TEMPLATE,
    )  # fmt: skip
    fig.update_traces(
        textposition="inside", hovertemplate="%{x}: %{y} statements<extra>%{fullData.name}</extra>"
    )
    fig.update_layout(barmode="stack")
    return _finish(fig, title=title, height=420)


def latest_matrix(
    latest: pd.DataFrame, *, topic_order: list[str], title: str | None = None
) -> go.Figure:
    """Capital x topic, one square per pair coloured by its latest stance; click = that topic.

    Columns: capital, topic, stance, stated_on, speaker, quote. Topics run top-down in
    `topic_order` (most recent activity first); only topics in that list are drawn.
    """
    data = latest[latest["topic"].isin(topic_order)]
    fig = go.Figure()
    for stance in STANCES:
        part = data[data["stance"] == stance]
        fig.add_trace(
            go.Scatter(
                x=part["capital"], y=part["topic"], mode="markers", name=STANCE_LABELS[stance],
                marker={"symbol": "square", "size": 22, "color": STANCE_COLOURS[stance],
                        "line": {"width": 1, "color": "white"}},
                customdata=list(zip(
                    part["topic"], part["topic"].map(hover_text), part["stated_on"].map(describe.day),
                    part["speaker"].map(hover_text), part["quote"].map(hover_text), strict=True,
                )),
                hovertemplate=(
                    "<b>%{customdata[1]}</b><br>%{x}: " + STANCE_LABELS[stance]
                    + " on %{customdata[2]}<br>%{customdata[3]}<br><i>%{customdata[4]}</i><extra></extra>"
                ),
            )
        )  # fmt: skip
    capitals = sorted(data["capital"].unique())
    fig.update_xaxes(side="top", categoryorder="array", categoryarray=capitals, title=None)
    fig.update_yaxes(
        categoryorder="array", categoryarray=list(reversed(topic_order)),
        tickvals=topic_order, ticktext=[short_label(t) for t in topic_order], title=None,
    )  # fmt: skip
    fig.update_layout(clickmode="event+select", dragmode=False)
    fig = _finish(fig, title=title, height=150 + 30 * len(topic_order), top=50)
    # The capitals sit on top of the matrix, so the legend goes below it.
    fig.update_layout(legend={"yref": "container", "y": 0, "yanchor": "bottom"}, margin={"b": 50})
    return fig


# ---- Trends ---------------------------------------------------------------------------------


def stance_share_chart(
    share: pd.DataFrame,
    *,
    measure: str = "share",
    combined: bool = False,
    grain: str = "month",
    title: str | None = None,
) -> go.Figure:
    """Stance share (or count) per period: one panel per capital, or all capitals in one.

    Columns: period, capital, stance, statements, share.
    """
    data = _with_labels(share)
    y = "share" if measure == "share" else "statements"
    y_title = "Share" if y == "share" else "Statements"
    capitals = sorted(data["capital"].unique())
    common = {
        "x": "period", "y": y, "color": "stance_label",
        "category_orders": {"stance_label": LABEL_ORDER, "capital": capitals},
        "color_discrete_map": LABEL_COLOURS,
        "labels": {"period": "Period", y: y_title, "stance_label": "Stance", "capital": "Capital"},
        "custom_data": ["capital", "statements", "share"], "template": TEMPLATE,
    }  # fmt: skip
    hover = (
        "%{customdata[0]}, %{x|%d %b %Y}<br>%{fullData.name}: %{customdata[1]} statements "
        "(%{customdata[2]:.0%})<extra></extra>"
    )
    if combined:
        fig = px.line(data, line_dash="capital", markers=True, **common)
        height = 440
    else:
        fig = px.bar(data, facet_row="capital", **common)
        fig.update_layout(barmode="stack", bargap=0.1)
        fig.for_each_annotation(lambda a: a.update(text=a.text.split("=")[-1]))
        height = 160 + 190 * len(capitals)
    fig.update_traces(hovertemplate=hover)
    fig.update_traces(
        selector={"type": "bar"}, xperiod=GRAIN_PERIOD[grain], xperiodalignment="middle",
        width=GRAIN_DAYS[grain] * 0.8 * 86_400_000,
    )  # fmt: skip
    fig.update_xaxes(tickformat=GRAIN_TICKS[grain], title=None)
    fig.update_layout(xaxis_title=grain.capitalize())  # the bottom panel's axis only
    if y == "share":
        fig.update_yaxes(tickformat=".0%", range=[0, 1.02])
    return _finish(fig, title=title, height=height)


def silence_rate_chart(rate: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """No-comment share per capital and period (columns: period, capital, statements, silence_rate)."""
    capitals = sorted(rate["capital"].unique())
    colours = capital_colours(capitals)
    fig = go.Figure()
    for i, capital in enumerate(capitals):
        part = rate[rate["capital"] == capital]
        fig.add_trace(
            go.Scatter(
                x=part["period"], y=part["silence_rate"], name=capital, mode="lines+markers",
                line={"color": colours[capital], "dash": CAPITAL_DASHES[i % len(CAPITAL_DASHES)]},
                customdata=part["statements"],
                hovertemplate=(
                    f"{esc(capital)}, %{{x|%d %b %Y}}<br>No comment: %{{y:.0%}} of "
                    "%{customdata} statements<extra></extra>"
                ),
            )
        )  # fmt: skip
    fig.update_yaxes(tickformat=".0%", range=[0, 1.02], title="No-comment share")
    fig.update_xaxes(title="Period start")
    return _finish(fig, title=title, height=340)


# ---- Stance changes -------------------------------------------------------------------------


def _band(row: pd.Series, many_topics: bool) -> str:
    return f"{row['topic']} · {row['capital']}" if many_topics else row["capital"]


def _band_label(band: str, limit: int = 64) -> str:
    """Keep the capital (the end of the band name) visible when a long topic is cut."""
    topic, sep, capital = band.rpartition(" · ")
    if not sep or len(band) <= limit:
        return esc(band)
    return short_label(topic, limit - len(capital) - 3) + " · " + esc(capital)


def state_timeline(runs: pd.DataFrame, *, end_on: dt.date, title: str | None = None) -> go.Figure:
    """One band per capital (per topic when several): a segment for each run of one stance.

    Columns (analytics/stance_runs): capital, topic, stance, start_on, end_on, statements,
    is_change, speaker, quote, source_name. A run still holding ends at `end_on`; markers show
    where a capital changed its line; click a band = its topic.
    """
    many = runs["topic"].nunique() > 1
    data = _with_labels(runs).assign(band=lambda d: d.apply(_band, axis=1, many_topics=many))
    start = pd.to_datetime(data["start_on"])
    stop = pd.to_datetime(data["end_on"]).fillna(pd.Timestamp(end_on))
    data = data.assign(start=start, stop=stop.where(stop > start, start + pd.Timedelta(days=1)))
    bands = sorted(data["band"].unique())
    fig = go.Figure()
    for stance in STANCES:
        part = data[data["stance"] == stance]
        fig.add_trace(
            go.Bar(
                y=part["band"], base=part["start"], x=(part["stop"] - part["start"]).dt.total_seconds() * 1000,
                orientation="h", name=STANCE_LABELS[stance], marker_color=STANCE_COLOURS[stance],
                legendgroup=stance, opacity=0.85,
                customdata=list(zip(
                    part["topic"], part["topic"].map(hover_text), part["start_on"].map(describe.day),
                    part["statements"], part["speaker"].map(hover_text), part["quote"].map(hover_text),
                    part["source_name"].map(hover_text), strict=True,
                )),
                hovertemplate=(
                    "<b>%{customdata[1]}</b><br>" + STANCE_LABELS[stance] + " from %{customdata[2]}"
                    " (%{customdata[3]} statements)<br>%{customdata[4]}: <i>%{customdata[5]}</i>"
                    "<br>Source: %{customdata[6]}<extra></extra>"
                ),
            )
        )  # fmt: skip
    changes = data[data["is_change"].astype(bool)]
    fig.add_trace(
        go.Scatter(
            x=changes["start"], y=changes["band"], mode="markers", name="Change of line",
            hoverinfo="skip",
            marker={"symbol": "line-ns", "size": 18, "line": {"width": 2, "color": "#333333"}},
        )
    )  # fmt: skip
    fig.update_yaxes(
        categoryorder="array", categoryarray=list(reversed(bands)),
        tickvals=bands, ticktext=[_band_label(b) for b in bands], title=None,
    )  # fmt: skip
    _date_axis(fig, pd.concat([data["start"], data["stop"]]))
    fig.update_layout(barmode="overlay", clickmode="event+select", bargap=0.35)
    return _finish(fig, title=title, height=120 + 46 * len(bands))


def transitions_matrix(transitions: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Per capital, a 3x3 matrix: rows = stance before, columns = stance after, cells = counts.

    Columns: capital, previous_stance, stance, transitions. The diagonal is a line kept.
    """
    capitals = sorted(transitions["capital"].unique())
    fig = make_subplots(
        rows=1, cols=max(len(capitals), 1), subplot_titles=[esc(c) for c in capitals],
        horizontal_spacing=0.08,
    )  # fmt: skip
    labels = [STANCE_LABELS[s] for s in STANCES]
    top = int(transitions["transitions"].max()) if len(transitions) else 1
    for i, capital in enumerate(capitals, start=1):
        part = transitions[transitions["capital"] == capital]
        grid = part.pivot_table(
            index="previous_stance", columns="stance", values="transitions", aggfunc="sum"
        )
        grid = grid.reindex(index=list(STANCES), columns=list(STANCES)).fillna(0).astype(int)
        fig.add_trace(
            go.Heatmap(
                z=grid.values, x=labels, y=labels, zmin=0, zmax=top, showscale=False,
                colorscale=[[0, "#f4f4f4"], [1, "#0072B2"]], xgap=3, ygap=3,
                text=grid.values, texttemplate="%{text}",
                hovertemplate=f"{esc(capital)}: %{{y}} → %{{x}}: %{{z}}<extra></extra>",
            ),
            row=1, col=i,
        )  # fmt: skip
        fig.update_yaxes(autorange="reversed", row=1, col=i, title="Before" if i == 1 else None)
        fig.update_xaxes(title="After", row=1, col=i)
    return _finish(fig, title=title, height=330)


# ---- Topics ---------------------------------------------------------------------------------


def swimlane(timeline: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Every statement on one topic: a lane per capital, a dot per statement coloured by stance.

    Columns: statement_id, capital, stance, stated_on, speaker, quote, source_name.
    """
    capitals = sorted(timeline["capital"].unique())
    fig = go.Figure()
    for capital in capitals:
        lane = timeline[timeline["capital"] == capital]
        fig.add_trace(
            go.Scatter(
                x=lane["stated_on"], y=[capital] * len(lane), mode="lines", showlegend=False,
                line={"color": "#bbbbbb", "width": 2}, hoverinfo="skip",
            )
        )  # fmt: skip
    for stance in STANCES:
        part = timeline[timeline["stance"] == stance]
        fig.add_trace(
            go.Scatter(
                x=part["stated_on"], y=part["capital"], mode="markers", name=STANCE_LABELS[stance],
                marker={"size": 16, "color": STANCE_COLOURS[stance], "line": {"width": 1, "color": "white"}},
                customdata=list(zip(
                    part["stated_on"].map(describe.day), part["speaker"].map(hover_text),
                    part["quote"].map(hover_text), part["source_name"].map(hover_text), strict=True,
                )),
                hovertemplate=(
                    "%{y}, %{customdata[0]}: " + STANCE_LABELS[stance] + "<br>%{customdata[1]}: "
                    "<i>%{customdata[2]}</i><br>Source: %{customdata[3]}<extra></extra>"
                ),
            )
        )  # fmt: skip
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(capitals)), title=None)
    _date_axis(fig, timeline["stated_on"])
    return _finish(fig, title=title, height=140 + 70 * len(capitals))
