"""Pure figure builders: (DataFrame, *, options) -> go.Figure. No SQL, no I/O, no Streamlit.

Every figure sets the stance colours of DESIGN.md explicitly and uses a real template, so an
exported copy looks like the one on screen (Streamlit's own template would turn exports black).
Text from statements is HTML-escaped before it enters hover labels or tick labels: plotly renders
a subset of HTML there, and statements come from uploads.

Speed: a figure is built in one go (`go.Figure(data=traces, layout=...)`), because every later
`update_*` call makes plotly validate and dispatch again; traces are plain `go.*` objects rather
than plotly.express, whose grouping machinery cost 50-100 ms a chart; each point's hover label
is one string (`_hovers`) whose pieces are computed once per distinct value, and numbers stay
number arrays. The figures are the ones plotly.express drew (same traces, axes and facets).
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from stancewatch import describe
from stancewatch.config import STANCE_COLOURS, STANCE_LABELS, STANCES

_WHITE = pio.templates["plotly_white"]
# plotly_white as these charts use it: the trace defaults of the trace types drawn here, and the
# layout without the parts for polar, ternary, 3-D, geo and map plots or continuous colour scales
# (none drawn here; the heatmaps name their colours). The same look, and a sixth of the work
# plotly does to validate a template, which it does for every figure.
TEMPLATE = go.layout.Template(
    layout={
        k: v
        for k, v in _WHITE.layout.to_plotly_json().items()
        if k not in {"polar", "ternary", "scene", "geo", "mapbox", "coloraxis", "colorscale"}
    },
    data={t: _WHITE.data[t] for t in ("bar", "heatmap", "scatter", "scattergl")},
)
# Registered as plotly's default: a figure then takes it without validating it again, which a
# template passed in the layout costs every figure (2.9 ms against 0.2 ms here). Only this app
# builds figures in its process; _figure still passes it if something changed the default.
TEMPLATE_NAME = "stancewatch"
pio.templates[TEMPLATE_NAME] = TEMPLATE
pio.templates.default = TEMPLATE_NAME
LABEL_ORDER = [STANCE_LABELS[s] for s in STANCES]
LABEL_COLOURS = {STANCE_LABELS[s]: STANCE_COLOURS[s] for s in STANCES}
# Capitals are data, so their colours come from a palette by sorted name; none of these is
# close to a stance colour (Okabe-Ito blue, reddish purple, sky blue, yellow, black).
CAPITAL_PALETTE = ["#0072B2", "#CC79A7", "#56B4E9", "#E69F00", "#000000"]
CAPITAL_DASHES = ["solid", "dash", "dot", "dashdot", "longdash"]
# The capitals' dashes in the combined stance chart (plotly.express's sequence, as before).
LINE_DASHES = ["solid", "dot", "dash", "longdash", "dashdot", "longdashdot"]
WEBGL_POINTS = 1000
LEGEND = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0}


def esc(text: object) -> str:
    """Plotly renders a subset of HTML in labels: escape <, > and &, but not quotes, which plotly
    would show as a literal &quot;."""
    return html.escape(str(text), quote=False)


def _wrap(text: str, width: int) -> list[str]:
    """textwrap.wrap(text, width) for text whose whitespace is single spaces.

    Without hyphens or words longer than a line, textwrap fills greedily word by word: each line
    ends at the last space within `width`, which str.rfind finds in one call per line rather
    than a step per word. Anything else goes to textwrap itself.
    """
    if len(text) <= width:
        return [text] if text else []
    if "-" in text:
        return textwrap.wrap(text, width)
    lines, start, end = [], 0, len(text)
    while end - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut < 0:  # a word longer than a line: textwrap breaks it
            return textwrap.wrap(text, width)
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return lines


def hover_text(value: object, width: int = 64, limit: int = 320) -> str:
    """Escaped, shortened and wrapped for a hover label."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return esc("\n".join(_wrap(text, width))).replace("\n", "<br>")


def _speaker(value: object) -> str:
    """'Name: ' ahead of a quote in a hover label, or nothing when the speaker is not known."""
    text = hover_text(value)
    return f"{text}: " if text else ""


def _source_line(value: object) -> str:
    """A hover label's last line, '<br>Source: name', or nothing when the source has no name."""
    text = hover_text(value)
    return f"<br>Source: {text}" if text else ""


def short_label(value: str, limit: int = 48) -> str:
    """Escaped tick label, cut with an ellipsis (the full title is in the hover)."""
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return esc(text)


def _each(values: pd.Series, fn: Callable[[Any], object]) -> np.ndarray:
    """`values.map(fn)` as an object array, calling fn once per distinct value (topics, speakers
    and outlets repeat down a chart's rows)."""
    codes, uniques = pd.factorize(values)
    out = [fn(v) for v in uniques]
    if (codes < 0).any():  # a missing value: fn decides what it shows as, once
        out.append(fn(values.iloc[int(np.argmax(codes < 0))]))
    result = np.empty(len(out), dtype=object)
    result[:] = out
    return result[codes]


def _hovers(template: str, *columns: np.ndarray) -> np.ndarray:
    """Each point's whole hover label: `template` (str.format, by position) filled with that
    point's values, which the caller has escaped.

    One string per point (`hovertext`) instead of a 2-D customdata of pieces: plotly copies an
    object array value by value when it validates a figure and again when Streamlit serialises
    it, so seven pieces a point cost seven times the copying (2,000 runs: 1.3 MB of JSON).
    """
    result = np.empty(len(columns[0]), dtype=object)
    result[:] = [template.format(*row) for row in zip(*columns, strict=True)]
    return result


def _click_topics(topics: np.ndarray) -> np.ndarray:
    """customdata of a clickable chart: one row per point holding its topic (layout.clicked_topic
    reads customdata[0])."""
    return topics.reshape(-1, 1)


def _trace(kind: str, **props: Any) -> dict[str, Any]:
    """One trace as plain properties, columns as numpy arrays, in the form plotly's validation
    would give them (see _figure); a go.Bar object would be validated, then rebuilt."""
    return {
        "type": kind,
        **{k: v.to_numpy() if isinstance(v, pd.Series) else v for k, v in props.items()},
    }


def _figure(
    traces: Sequence[dict[str, Any]],
    *,
    title: str | None,
    height: int,
    top: int = 40,
    legend: dict[str, Any] | None = None,
    margin: dict[str, Any] | None = None,
    **layout: Any,
) -> go.Figure:
    """The figure with its whole layout at once: template, title, legend, margins, height.

    Not validated here (`_validate=False`, what plotly itself does for its templates): checking
    every property cost Trends 4-5 ms of its 60 a run at 1M. The builders write properties in
    the form validation would give (titles as {"text": ...}, no None), and a test requires every
    figure to equal its validated copy (tests/unit/test_figure_validity.py)."""
    top += 40 if title else 0
    return go.Figure(
        data=list(traces),
        layout={
            **({} if pio.templates.default == TEMPLATE_NAME else {"template": TEMPLATE}),
            **({"title": {"text": title}} if title else {}),
            "legend": {**LEGEND, **(legend or {})},
            "margin": {"l": 10, "r": 10, "t": top, "b": 10, **(margin or {})},
            "height": height,
            "hoverlabel": {"align": "left"},
            **layout,
        },
        _validate=False,
    )


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


# How a hover names a period: plotly formats the period's start (d3-time-format, %q = quarter).
GRAIN_HOVER = {
    "day": "%-d %b %Y",
    "week": "week of %-d %b %Y",
    "month": "%b %Y",
    "quarter": "Q%q %Y",
    "year": "%Y",
}


def _period_axis(periods: pd.Series, grain: str) -> dict[str, Any]:
    """A date axis for values per period. Over a few periods plotly would tick every few days
    and repeat 'Feb 2026' (or label hours): then the axis spans at least six periods, ticked one
    period apart."""
    axis: dict[str, Any] = {"type": "date", "tickformat": GRAIN_TICKS[grain]}
    dates = pd.to_datetime(periods).dropna()
    if dates.empty:
        return axis
    days = GRAIN_DAYS[grain]
    lo, hi = dates.min(), dates.max()
    spanned = (hi - lo).days / days
    if spanned < 12:
        pad = pd.Timedelta(days=days * max(1.0, (6 - spanned) / 2))
        axis |= {"range": [lo - pad, hi + pad], "dtick": GRAIN_PERIOD[grain]}
    return axis


def _count_axis(top: float) -> dict[str, Any]:
    """A count axis: thousands separated, and whole numbers only when the counts are small
    (plotly would tick 0.5, 1.5)."""
    return {"tickformat": ",d", **({"dtick": 1} if top <= 10 else {})}


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


def _date_axis(values: pd.Series, *, title: str = "Date") -> dict[str, Any]:
    axis: dict[str, Any] = {"type": "date", "title": {"text": title}, "tickformat": "%-d %b %Y"}
    padded = _padded_range(values)
    if padded:
        axis["range"] = padded
    return axis


def capital_colours(capitals: list[str]) -> dict[str, str]:
    return {c: CAPITAL_PALETTE[i % len(CAPITAL_PALETTE)] for i, c in enumerate(sorted(capitals))}


def _by(frame: pd.DataFrame, column: str) -> dict[Any, pd.DataFrame]:
    """The frame's rows split by one column's values, each part in the frame's order."""
    return {key: part for key, part in frame.groupby(column, sort=False, dropna=True)}


# ---- Overview -------------------------------------------------------------------------------


def stance_counts_bar(frame: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Statements per capital, stacked by stance (columns: capital, stance, statements)."""
    capitals = (
        frame.groupby("capital")["statements"].sum().sort_values(ascending=False).index.tolist()
    )
    parts = _by(frame, "stance")
    traces = [
        _trace("bar",
            x=part["capital"], y=part["statements"], texttemplate="%{y:,}",
            name=STANCE_LABELS[stance], legendgroup=STANCE_LABELS[stance], showlegend=True,
            marker={"color": STANCE_COLOURS[stance]}, orientation="v", textposition="inside",
            hovertemplate="%{x}: %{y:,} statements<extra>%{fullData.name}</extra>",
        )
        for stance in STANCES
        if (part := parts.get(stance)) is not None
    ]  # fmt: skip
    return _figure(
        traces, title=title, height=420, barmode="stack", legend={"tracegroupgap": 0},
        xaxis={"title": {"text": "Capital"}, "categoryorder": "array", "categoryarray": capitals},
        yaxis={"title": {"text": "Statements"},
               **_count_axis(frame.groupby("capital")["statements"].sum().max() if len(frame) else 0)},
    )  # fmt: skip


def latest_matrix(
    latest: pd.DataFrame, *, topic_order: list[str], title: str | None = None
) -> go.Figure:
    """Capital x topic, one square per pair coloured by its latest stance; click = that topic.

    Columns: capital, topic, stance, stated_on, speaker, quote. Topics run top-down in
    `topic_order` (most recent activity first); only topics in that list are drawn.
    """
    data = latest[latest["topic"].isin(topic_order)]
    stance = data["stance"].to_numpy(dtype=object)
    topic = data["topic"].astype(str).to_numpy(dtype=object)
    capital = data["capital"].astype(str).to_numpy(dtype=object)
    pieces = (
        _each(data["topic"], hover_text), _each(data["capital"], esc),
        _each(data["stated_on"], describe.day), _each(data["speaker"], _speaker),
        _each(data["quote"], hover_text),
    )  # fmt: skip
    traces = []
    for code in STANCES:
        m = stance == code
        label = STANCE_LABELS[code]
        traces.append(
            _trace("scatter",
                x=capital[m], y=topic[m], mode="markers", name=label,
                marker={"symbol": "square", "size": 22, "color": STANCE_COLOURS[code],
                        "line": {"width": 1, "color": "white"}},
                customdata=_click_topics(topic[m]),
                hovertext=_hovers(
                    "<b>{}</b><br>{}: " + label + " on {}<br>{}<i>{}</i>",
                    *(piece[m] for piece in pieces),
                ),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )  # fmt: skip
    capitals = sorted(data["capital"].unique())
    return _figure(
        traces, title=title, height=150 + 30 * len(topic_order), top=50,
        # The capitals sit on top of the matrix, so the legend goes below it.
        legend={"yref": "container", "y": 0, "yanchor": "bottom"}, margin={"b": 50},
        xaxis={"side": "top", "categoryorder": "array", "categoryarray": capitals},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(topic_order)),
               "tickvals": topic_order, "ticktext": [short_label(t) for t in topic_order]},
        clickmode="event+select", dragmode=False,
    )  # fmt: skip


# ---- Trends ---------------------------------------------------------------------------------


def _axis(name: str, i: int) -> str:
    """Layout key of the i-th (1-based) x or y axis: xaxis, xaxis2, ..."""
    return f"{name}axis{i if i > 1 else ''}"


def _ref(name: str, i: int) -> str:
    """A trace's reference to the i-th axis: x, x2, ..."""
    return f"{name}{i if i > 1 else ''}"


def stance_share_chart(
    share: pd.DataFrame,
    *,
    measure: str = "share",
    combined: bool = False,
    grain: str = "month",
    title: str | None = None,
) -> go.Figure:
    """Stance share (or count) per period: one panel per capital, or all capitals in one.

    Columns: period, capital, stance, statements, share. One panel per capital stacks the
    stances as bars, the panels sharing their axes, the first capital on top; all in one draws a
    line per stance and capital (colour = stance, dash = capital).
    """
    y = "share" if measure == "share" else "statements"
    y_axis: dict[str, Any] = {"title": {"text": "Share" if y == "share" else "Statements"}}
    if y == "share":
        y_axis |= {"tickformat": ".0%", "range": [0, 1.02]}
    x_axis = _period_axis(share["period"], grain)
    capitals = sorted(share["capital"].unique())
    if combined:
        share = _every_period(share)
    # Numbers stay numbers (customdata: statements, the capital's statements, share): plotly
    # copies a number array whole but an object array value by value, twice per figure, so the
    # words are in each trace's template, which names the period and counts with separators.
    spoke = share.groupby(["period", "capital"])["statements"].transform("sum")
    numbers = np.column_stack([
        share["statements"].to_numpy(dtype="float64"), spoke.to_numpy(dtype="float64"),
        share["share"].fillna(0.0).to_numpy(dtype="float64"),
    ])  # fmt: skip
    if y == "statements":  # stacked bars reach the capital's total, lines one stance's count
        top = (share["statements"] if combined else spoke).max() if len(share) else 0
        y_axis |= _count_axis(top)
    x_all, y_all = share["period"].to_numpy(), share[y].to_numpy()
    rows = share.groupby(["stance", "capital"], sort=False).indices
    cells = [
        (stance, i, capital, rows[(stance, capital)])
        for stance in STANCES
        for i, capital in enumerate(capitals)
        if (stance, capital) in rows
    ]

    def values(stance: str, capital: str, at: np.ndarray) -> dict[str, Any]:
        hover = (
            f"{esc(capital)}, %{{x|{GRAIN_HOVER[grain]}}}<br>{STANCE_LABELS[stance]}: "
            "%{customdata[0]:,} of %{customdata[1]:,} (%{customdata[2]:.0%})<extra></extra>"
        )
        return {"x": x_all[at], "y": y_all[at], "customdata": numbers[at],
                "hovertemplate": hover}  # fmt: skip

    if combined:
        # WebGL past 1,000 points, as plotly.express chose: SVG lines get slow in the browser.
        kind = "scattergl" if len(share) > WEBGL_POINTS else "scatter"
        traces = [
            _trace(
                kind, **values(stance, capital, part), name=f"{STANCE_LABELS[stance]}, {esc(capital)}",
                mode="lines+markers", legendgroup=f"{STANCE_LABELS[stance]}, {capital}",
                showlegend=True, marker={"symbol": "circle"},
                line={"color": STANCE_COLOURS[stance], "dash": LINE_DASHES[i % len(LINE_DASHES)]},
            )
            for stance, i, capital, part in cells
        ]  # fmt: skip
        # Nine lines' names beside the plot, not above it, where they ran into the title.
        return _figure(
            traces, title=title, height=440, top=0,
            legend={"orientation": "v", "x": 1.02, "y": 1, "yanchor": "top", "tracegroupgap": 0},
            xaxis={**x_axis, "title": {"text": grain.capitalize()}}, yaxis=y_axis,
        )  # fmt: skip

    # One panel per capital, the first on top (axis n), as plotly.express's facet_row laid out.
    n = max(len(capitals), 1)
    gap = 0.03
    height = (1 - gap * (n - 1)) / n
    panel = {capital: n - i for i, capital in enumerate(capitals)}  # capital -> axis number
    axes: dict[str, Any] = {}
    annotations = []
    for k in range(1, n + 1):
        bottom = (k - 1) * (height + gap)
        axes[_axis("x", k)] = {
            **x_axis, "anchor": _ref("y", k), "domain": [0.0, 0.98],
            **({"title": {"text": grain.capitalize()}} if k == 1 else
               {"matches": "x", "showticklabels": False}),
        }  # fmt: skip
        axes[_axis("y", k)] = {
            **y_axis, "anchor": _ref("x", k), "domain": [bottom, bottom + height],
            **({"matches": "y"} if k > 1 else {}),
        }  # fmt: skip
    for capital, k in sorted(panel.items(), key=lambda item: item[1]):  # bottom panel first
        bottom = (k - 1) * (height + gap)
        annotations.append(
            {"text": esc(capital), "textangle": 90, "showarrow": False,
             "x": 0.98, "xanchor": "left", "xref": "paper",
             "y": bottom + height / 2, "yanchor": "middle", "yref": "paper"}
        )  # fmt: skip
    seen: set[str] = set()
    traces = []
    for stance, _, capital, part in cells:
        k = panel[capital]
        traces.append(
            _trace("bar",
                **values(stance, capital, part), name=STANCE_LABELS[stance], legendgroup=STANCE_LABELS[stance],
                showlegend=stance not in seen, marker={"color": STANCE_COLOURS[stance]},
                orientation="v", xaxis=_ref("x", k), yaxis=_ref("y", k),
                xperiod=GRAIN_PERIOD[grain], xperiodalignment="middle",
                width=GRAIN_DAYS[grain] * 0.8 * 86_400_000,
            )
        )  # fmt: skip
        seen.add(stance)
    return _figure(
        traces, title=title, height=160 + 190 * len(capitals), legend={"tracegroupgap": 0},
        barmode="stack", bargap=0.1, annotations=annotations, **axes,
    )  # fmt: skip


def _every_period(share: pd.DataFrame) -> pd.DataFrame:
    """Stance rows for every period of the frame, so a line falls to zero (or breaks) where a
    capital said nothing instead of running straight on to its next statement: a stance a
    capital did not take in a period where it spoke counts 0 (share 0); in a period where it
    did not speak the count is 0 and the share is missing (a gap in the line)."""
    periods = sorted(share["period"].unique())
    cells = share[["stance", "capital"]].drop_duplicates()
    grid = pd.DataFrame({"period": periods}).merge(cells, how="cross")
    full = grid.merge(share[["period", "capital", "stance", "statements", "share"]], how="left",
                      on=["period", "capital", "stance"])  # fmt: skip
    full["statements"] = full["statements"].fillna(0).astype("int64")
    spoke = full.groupby(["period", "capital"])["statements"].transform("sum")
    full["share"] = full["share"].fillna(0.0).where(spoke > 0)
    return full


def silence_rate_chart(
    rate: pd.DataFrame, *, title: str | None = None, grain: str = "month"
) -> go.Figure:
    """No-comment share per capital and period (columns: period, capital, statements,
    silence_rate); a line breaks over periods in which its capital said nothing."""
    capitals = sorted(rate["capital"].unique())
    colours = capital_colours(capitals)
    # Each capital over every period: missing where it said nothing (a gap in its line).
    periods = np.unique(rate["period"].to_numpy())
    traces = []
    for i, (capital, part) in enumerate(sorted(_by(rate, "capital").items())):
        at = np.searchsorted(periods, part["period"].to_numpy())
        silence = np.full(len(periods), np.nan)
        silence[at] = part["silence_rate"].to_numpy(dtype="float64")
        counts = np.zeros((len(periods), 2))  # no-comment statements, all statements
        said = part["statements"].to_numpy(dtype="float64")
        counts[at] = np.column_stack([np.rint(silence[at] * said), said])
        traces.append(
            _trace("scatter",
                x=periods, y=silence, name=esc(capital), mode="lines+markers",
                line={"color": colours[capital], "dash": CAPITAL_DASHES[i % len(CAPITAL_DASHES)]},
                customdata=counts,
                hovertemplate=(
                    f"{esc(capital)}, %{{x|{GRAIN_HOVER[grain]}}}<br>No comment: %{{y:.0%}} "
                    "(%{customdata[0]:,} of %{customdata[1]:,})<extra></extra>"
                ),
            )
        )  # fmt: skip
    return _figure(
        traces, title=title, height=340,
        xaxis={**_period_axis(rate["period"], grain), "title": {"text": grain.capitalize()}},
        yaxis={"tickformat": ".0%", "range": [0, 1.02], "title": {"text": "No-comment share"}},
    )  # fmt: skip


# ---- Stance changes -------------------------------------------------------------------------


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
    topic = runs["topic"].astype(str).to_numpy(dtype=object)
    capital = runs["capital"].astype(str).to_numpy(dtype=object)
    band = topic + " · " + capital if len(set(topic)) > 1 else capital
    start = pd.to_datetime(runs["start_on"]).to_numpy()
    stop = pd.to_datetime(runs["end_on"]).fillna(pd.Timestamp(end_on)).to_numpy()
    # Every run at least 1% of the axis wide: a stance first taken on the last day shown would
    # otherwise be a sliver behind its change mark, and a reader could not see what it is now.
    span = (stop.max() - start.min()) if len(runs) else np.timedelta64(0, "D")
    stop = np.maximum(stop, start + max(span / 100, np.timedelta64(1, "D")))
    stance = runs["stance"].to_numpy(dtype=object)
    pieces = (
        _each(runs["topic"], hover_text), _each(runs["start_on"], describe.day),
        _each(runs["statements"], describe.count), _each(runs["speaker"], _speaker),
        _each(runs["quote"], hover_text), _each(runs["source_name"], _source_line),
    )  # fmt: skip
    bands = sorted(set(band))
    traces: list[dict[str, Any]] = []
    for code in STANCES:
        m = stance == code
        label = STANCE_LABELS[code]
        traces.append(
            _trace("bar",
                y=band[m], base=start[m], x=(stop[m] - start[m]) / np.timedelta64(1, "ms"),
                orientation="h", name=label, marker_color=STANCE_COLOURS[code],
                legendgroup=code, opacity=0.85, customdata=_click_topics(topic[m]),
                hovertext=_hovers(
                    "<b>{}</b><br>" + label + " from {} ({})<br>{}<i>{}</i>{}",
                    *(piece[m] for piece in pieces),
                ),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )  # fmt: skip
    changed = runs["is_change"].to_numpy(dtype=bool)
    traces.append(
        _trace("scatter",
            x=start[changed], y=band[changed], mode="markers", name="Change of line",
            hoverinfo="skip",
            marker={"symbol": "line-ns", "size": 18, "line": {"width": 2, "color": "#333333"}},
        )
    )  # fmt: skip
    return _figure(
        traces, title=title, height=120 + 46 * len(bands),
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(bands)),
               "tickvals": bands, "ticktext": [_band_label(b) for b in bands]},
        xaxis=_date_axis(pd.Series(np.concatenate([start, stop]))),
        barmode="overlay", clickmode="event+select", bargap=0.35,
    )  # fmt: skip


def transitions_matrix(transitions: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Per capital, a 3x3 matrix: rows = stance before, columns = stance after, cells = counts.

    Columns: capital, previous_stance, stance, transitions. The diagonal is a line kept. The
    panels sit side by side, each titled with its capital.
    """
    capitals = sorted(transitions["capital"].unique())
    labels = [STANCE_LABELS[s] for s in STANCES]
    top = int(transitions["transitions"].max()) if len(transitions) else 1
    position = {s: i for i, s in enumerate(STANCES)}
    known = transitions[
        transitions["previous_stance"].isin(position) & transitions["stance"].isin(position)
    ]
    parts = _by(known, "capital")
    n = max(len(capitals), 1)
    gap = 0.08
    width = (1 - gap * (n - 1)) / n
    traces, annotations, axes = [], [], {}
    for i, capital in enumerate(capitals, start=1):
        grid = np.zeros((len(STANCES), len(STANCES)), dtype=int)
        if (part := parts.get(capital)) is not None:
            rows = part["previous_stance"].map(position).to_numpy()
            cols = part["stance"].map(position).to_numpy()
            np.add.at(grid, (rows, cols), part["transitions"].to_numpy(dtype=int))
        traces.append(
            _trace("heatmap",
                z=grid, x=labels, y=labels, zmin=0, zmax=top, showscale=False,
                colorscale=[[0, "#f4f4f4"], [1, "#0072B2"]], xgap=3, ygap=3,
                texttemplate="%{z:,}", xaxis=_ref("x", i), yaxis=_ref("y", i),
                hovertemplate=f"{esc(capital)}: %{{y}} → %{{x}}: %{{z:,}}<extra></extra>",
            )
        )  # fmt: skip
        left = (i - 1) * (width + gap)
        axes[_axis("x", i)] = {"anchor": _ref("y", i), "domain": [left, left + width],
                               "title": {"text": "After"}}  # fmt: skip
        # The rows are the same stances in every panel: named once, at the left, where the
        # other panels' names ran into the panel beside them.
        axes[_axis("y", i)] = {"anchor": _ref("x", i), "domain": [0.0, 1.0],
                               "autorange": "reversed", "showticklabels": i == 1,
                               **({"title": {"text": "Before"}} if i == 1 else {})}  # fmt: skip
        annotations.append(
            {"text": esc(capital), "font": {"size": 16}, "showarrow": False,
             "x": left + width / 2, "xanchor": "center", "xref": "paper",
             "y": 1.0, "yanchor": "bottom", "yref": "paper"}
        )  # fmt: skip
    return _figure(traces, title=title, height=330, annotations=annotations, **axes)


# ---- Topics ---------------------------------------------------------------------------------


def swimlane(timeline: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Every statement on one topic: a lane per capital, a dot per statement coloured by stance.

    Columns: statement_id, capital, stance, stated_on, speaker, quote, source_name.
    """
    capitals = sorted(timeline["capital"].unique())
    lanes = _by(timeline, "capital")
    traces: list[dict[str, Any]] = [
        _trace("scatter",
            x=lanes[capital]["stated_on"], y=np.full(len(lanes[capital]), capital, dtype=object),
            mode="lines", showlegend=False, line={"color": "#bbbbbb", "width": 2},
            hoverinfo="skip",
        )
        for capital in capitals
    ]  # fmt: skip
    stance = timeline["stance"].to_numpy(dtype=object)
    capital = timeline["capital"].astype(str).to_numpy(dtype=object)
    stated_on = timeline["stated_on"].to_numpy()
    pieces = (
        _each(timeline["capital"], esc), _each(timeline["stated_on"], describe.day),
        _each(timeline["speaker"], _speaker), _each(timeline["quote"], hover_text),
        _each(timeline["source_name"], _source_line),
    )  # fmt: skip
    for code in STANCES:
        m = stance == code
        label = STANCE_LABELS[code]
        traces.append(
            _trace("scatter",
                x=stated_on[m], y=capital[m], mode="markers", name=label,
                marker={"size": 16, "color": STANCE_COLOURS[code], "line": {"width": 1, "color": "white"}},
                hovertext=_hovers(
                    "{}, {}: " + label + "<br>{}<i>{}</i>{}",
                    *(piece[m] for piece in pieces),
                ),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )  # fmt: skip
    return _figure(
        traces, title=title, height=140 + 70 * len(capitals),
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(capitals))},
        xaxis=_date_axis(timeline["stated_on"]),
    )  # fmt: skip
