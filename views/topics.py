"""Topics: one claim in depth: every capital's statements, where they disagree now, time to confirm."""

import streamlit as st

from components import charts, filters, layout, tables, topic_focus
from components.database import query
from components.text import escape_markdown
from stancewatch import describe
from stancewatch.config import STANCE_LABELS

MAX_STATEMENTS = 1000
CARDS = 50

f = filters.current()
p = f.params()
layout.header("Topics", f)

topics = topic_focus.choices(p, f.topics)
if topics.empty:
    layout.empty_state()
topic = st.selectbox(
    "Topic", topics["topic"].tolist(), key="focus", bind="query-params",
    help=topic_focus.help_text(topics),
)  # fmt: skip
one = {**p, "topics": [topic]}

timeline = query("analytics/topic_timeline", {**one, "limit": MAX_STATEMENTS})
total = int(topics.loc[topics["topic"] == topic, "statements"].iloc[0])
st.subheader(
    "Every statement on it"
    if total <= MAX_STATEMENTS
    else f"The newest {MAX_STATEMENTS:,} of its {describe.count(total)}"
)
fig = charts.swimlane(timeline)
layout.chart(
    fig,
    key="swimlane",
    export=layout.export(
        "topic-timeline",
        f"Every statement on “{topic}”",
        fig,
        timeline,
        len(timeline),
        topics=[topic],
    ),
)

st.subheader("Where the capitals stand now")
latest = query("analytics/latest_stance", one)
cols = st.columns(max(len(latest), 1))
for col, row in zip(cols, latest.itertuples(index=False), strict=False):
    mixed = " (mixed that day)" if row.is_mixed else ""
    col.metric(row.capital, STANCE_LABELS[row.stance] + mixed, border=True)
    col.caption(f"{describe.day(row.stated_on)} · {escape_markdown(row.speaker or '')}")
if not query("analytics/divergence", one).empty:
    st.warning("The capitals disagree on this topic now.", icon=":material/call_split:")
elif len(latest) > 1:
    st.success("The capitals that spoke on it now take the same line.", icon=":material/check:")

st.subheader("Time to confirm")
confirm = query("analytics/time_to_confirm", one)
if confirm.empty:
    st.caption("No capital has confirmed this claim (under these filters).")
for row in confirm.itertuples(index=False):
    said = f"- **{escape_markdown(row.capital)}** confirmed on {describe.day(row.first_confirm_on)}"
    if row.stance_before_confirm not in STANCE_LABELS:  # it confirmed from the start
        st.markdown(f"{said}, in its first statement on it.")
        continue
    st.markdown(
        f"{said}, {describe.count(int(row.days_to_confirm), 'day')} after its first statement "
        f"({describe.day(row.first_on)}); before that: "
        f"{escape_markdown(STANCE_LABELS[row.stance_before_confirm])}."
    )

st.subheader("The statements")
newest = timeline.sort_values(["stated_on", "statement_id"], ascending=False).head(CARDS)
if total > CARDS:
    st.caption(
        f"The newest {CARDS} of {describe.count(total)}; the Statements view pages through all."
    )
tables.statement_cards(newest)

layout.view_downloads("Topics")
