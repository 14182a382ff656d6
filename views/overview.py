"""Overview: how many statements each capital made with each stance."""

import streamlit as st

from components import charts
from components.database import query
from stancewatch.params import Filters

params = Filters().params()
totals = query("stats/totals", params).iloc[0]
counts = query("stats/stance_counts", params)

st.title("Overview")
if not totals["statements"]:
    st.info("No statements yet. Load a CSV with `python -m stancewatch ingest FILE`.")
    st.stop()

c1, c2, c3 = st.columns(3)
c1.metric("Statements", f"{totals['statements']:,}")
c2.metric("Topics", f"{totals['topics']:,}")
c3.metric("Capitals", f"{totals['capitals']:,}")
st.caption(
    f"Statements made {totals['first_on']:%d %b %Y} – {totals['last_on']:%d %b %Y}; "
    f"data as of {totals['last_recorded_at']:%d %b %Y %H:%M} UTC."
)

st.subheader("Statements by capital and stance")
st.plotly_chart(charts.stance_counts_bar(counts), key="stance_counts_chart")
