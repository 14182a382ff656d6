"""Trends: stance share (or count) over time per capital, and the silence rate."""

import streamlit as st

from components import charts, filters, layout
from components.choices import GRAIN_LABELS, MEASURE_LABELS
from components.database import query
from stancewatch.params import GRAINS

MAX_DAYS = 731  # the Day period over a longer span is shown by week (12 years: 4,380 bars a row)

f = filters.current()
p = f.params()
layout.header("Trends", f)

c1, c2, c3 = st.columns([3, 2, 2])
grain = c1.segmented_control(
    "Period", GRAINS, default="month", key="grain", bind="query-params",
    format_func=GRAIN_LABELS.get, required=True,
)  # fmt: skip
measure = c2.segmented_control(
    "Show", list(MEASURE_LABELS), default="share", key="measure", bind="query-params",
    format_func=MEASURE_LABELS.get, required=True,
)  # fmt: skip
combined = c3.toggle("All capitals in one chart", key="combined", bind="query-params")
grain = grain or "month"

share = query("analytics/stance_share", {**p, "grain": grain})
if share.empty:
    layout.empty_state()
if grain == "day" and (share["period"].max() - share["period"].min()).days > MAX_DAYS:
    st.info(
        f"Days over more than two years make bars too thin to see and take the browser seconds "
        f"to draw: showing weeks. Narrow From and To to {MAX_DAYS} days or less to see days.",
        icon=":material/date_range:",
    )
    grain = "week"
    share = query("analytics/stance_share", {**p, "grain": grain})

title = f"Stance {'share' if measure == 'share' else 'count'} by {grain}"
fig = charts.stance_share_chart(
    share, measure=measure or "share", combined=combined, grain=grain, title=title
)
n = int(share["statements"].sum())
layout.chart(
    fig,
    key="stance_share_chart",
    export=layout.export("stance-share", title, fig, share, n, grain=grain),
)

rate = query("analytics/silence_rate", {**p, "grain": grain})
title = f"Silence rate: share of “no comment” by {grain}"
fig = charts.silence_rate_chart(rate, title=title, grain=grain)
layout.chart(
    fig,
    key="silence_rate_chart",
    export=layout.export(
        "silence-rate", title, fig, rate, int(rate["statements"].sum()), grain=grain
    ),
)

layout.view_downloads("Trends")
