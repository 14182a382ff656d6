"""Overview: KPIs with deltas, the latest stance per capital and topic, the latest changes."""

import streamlit as st

from components import charts, filters, layout, tables
from components.database import query
from stancewatch import describe

MATRIX_TOPICS = 25

f = filters.current()
p = f.params()
layout.header("Overview", f)
k = query("analytics/kpis", p).iloc[0]
if not k["statements"]:
    layout.empty_state()

# No delta against a previous window that lies wholly before the first statement on record.
first_on = filters.load_options().first_on
comparable = first_on is not None and k["previous_end"].date() >= first_on
window = f"{describe.day(k['window_start'])} – {describe.day(k['window_end'])}"
previous = f"{describe.day(k['previous_start'])} – {describe.day(k['previous_end'])}"
cols = st.columns(3)
for col, label, now, before in [
    (cols[0], "Statements", k["statements"], k["previous_statements"]),
    (cols[1], "Topics", k["topics"], k["previous_topics"]),
    (cols[2], "Stance changes", k["changes"], k["previous_changes"]),
]:
    col.metric(
        label, f"{int(now):,}", delta=int(now - before) if comparable else None,
        delta_color="off", border=True,
        help=f"{window}, against the previous window of equal length ({previous}: {int(before):,})."
        + (" Statements still awaiting review (no stance yet) count once reviewed."
           if label == "Statements" else ""),
    )  # fmt: skip
st.caption(
    f"Window {window}; deltas against {previous}."
    if comparable
    else f"Window {window}: all the data on record, so there is no earlier window to compare with."
)

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("Latest stance by capital and topic")
    activity = query("analytics/topic_activity", {**p, "by_changes": False, "limit": MATRIX_TOPICS})
    shown = activity["topic"].tolist()
    on_shown = int(activity["statements"].sum())
    if int(k["topics"]) > len(shown):  # said before the chart, whose footer counts only these
        st.caption(
            f"The {len(shown):,} most recently active of {int(k['topics']):,} topics "
            f"({describe.count(on_shown)} of {int(k['statements']):,}). Click a square to narrow "
            "the filters to its topic."
        )
    else:
        st.caption("Click a square to narrow the filters to its topic.")
    latest = query("analytics/latest_stance", {**p, "topics": shown})
    fig = charts.latest_matrix(latest, topic_order=shown)
    layout.chart(
        fig,
        key="latest_matrix",
        clickable=True,
        # A matrix of one capital on a 1,600-pixel slide was two-thirds empty.
        export=layout.export(
            "latest-stance", "Latest stance by capital and topic", fig,
            latest, on_shown, width=900 + 150 * latest["capital"].nunique(),
        ),
    )  # fmt: skip
with right:
    st.subheader("Latest stance changes")
    feed = query("analytics/stance_changes", {**p, "limit": 8})
    if feed.empty:
        st.info("No stance changes in this window.")
    else:
        tables.change_feed(feed)

st.subheader("Statements by capital and stance")
counts = query("stats/stance_counts", p)
fig = charts.stance_counts_bar(counts)
layout.chart(
    fig,
    key="stance_counts_chart",
    export=layout.export(
        "stance-counts", "Statements by capital and stance", fig, counts, int(k["statements"])
    ),
)

layout.view_downloads("Overview")
