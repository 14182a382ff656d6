"""Stance changes: a state timeline per capital, the change log, and the transition matrices."""

import streamlit as st

from components import charts, filters, layout, tables
from components.database import query
from stancewatch import describe

DEFAULT_TOPICS = 6
LOG_LIMIT = 1000
MAX_RUNS = 2000

f = filters.current()
p = f.params()
layout.header("Stance changes", f)

topics = f.topics
if not topics:
    top = query("analytics/topic_activity", {**p, "by_changes": True, "limit": DEFAULT_TOPICS})
    topics = top.loc[top["changes"] > 0, "topic"].tolist() or top["topic"].tolist()
if not topics:
    layout.empty_state()

st.subheader("How each capital's line moved")
if not f.topics:
    st.caption(
        f"The {len(topics)} topics with the most changes; pick topics in the sidebar, or click a "
        "band to narrow to its topic."
    )
runs = query("analytics/stance_runs", {**p, "topics": topics, "limit": MAX_RUNS})
if runs.empty:
    layout.empty_state()
if len(runs) == MAX_RUNS:
    st.caption(
        f"The newest {MAX_RUNS:,} runs of one stance are drawn; narrow the dates to see older ones."
    )
end_on = f.end_on or filters.load_options().last_on
fig = charts.state_timeline(runs, end_on=end_on)
export = layout.export(
    "stance-timeline", "How each capital's line moved", fig, runs, int(runs["statements"].sum()),
    topics=topics,
)  # fmt: skip
layout.chart(fig, key="state_timeline", clickable=True, export=export)

st.subheader("Change log")
changes = query("analytics/stance_changes", {**p, "limit": LOG_LIMIT})
if changes.empty:
    st.info("No stance changes match these filters.")
else:
    capped = " (the newest shown)" if len(changes) == LOG_LIMIT else ""
    st.caption(f"{describe.count(len(changes), 'change')}{capped}, newest first.")
    tables.change_log(changes, key="change_log")

st.subheader("Transitions between consecutive statements")
transitions = query("analytics/transitions", p)
if transitions.empty:
    st.info("No capital made two statements on one topic under these filters.")
else:
    fig = charts.transitions_matrix(transitions)
    n = int(transitions["transitions"].sum())
    title = "Transitions between consecutive statements"
    layout.chart(
        fig,
        key="transitions_matrix",
        n=n,
        noun="transition",
        export=layout.export("transitions", title, fig, transitions, n, noun="transition"),
    )

layout.view_downloads("Stance changes")
