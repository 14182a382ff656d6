"""Review: statements whose stance is the classifier's suggestion; a person accepts or changes it."""

import streamlit as st

from components import editor, suggestions
from components.database import connection
from components.text import escape_markdown
from stancewatch import review
from stancewatch.config import STANCE_LABELS, STANCES
from stancewatch.transaction import Conflict

PAGE = 10

st.title("Review stance suggestions")
st.caption("Stances suggested by the classifier stay marked until a person decides. Each decision "
           "is kept in the statement's stance history (old, new, who, when, why).")  # fmt: skip
if note := st.session_state.pop("_review_note", None):
    st.success(note, icon=":material/check:")
queue = review.queue(connection(), limit=PAGE)
if queue.empty:
    st.info("Nothing to review: every stance was given by its source or decided by a person.")
    st.stop()
st.caption(f"{int(queue['waiting'].iloc[0]):,} waiting; the {len(queue)} least certain first.")
by = editor.editor("review stances")

for row in queue.itertuples(index=False):
    sid, seen = int(row.statement_id), row.stance if isinstance(row.stance, str) else None
    with st.container(border=True):
        who = escape_markdown(row.speaker or "unknown speaker")
        st.markdown(f"**#{sid}** · {row.stated_on:%d %b %Y} · {row.capital} · {who}")
        st.caption("Topic: " + escape_markdown(row.topic))
        st.html(suggestions.quote_with_cues(
            row.quote or "", language=row.quote_language, topic=row.topic, capital=row.capital))  # fmt: skip
        st.markdown(f"Suggested: **{suggestions.stance_label(seen, row.stance_confidence)}**")
        with st.form(f"review_{sid}", border=False):
            c1, c2 = st.columns([2, 3])
            chosen = c1.radio("Stance", STANCES, index=STANCES.index(seen) if seen else None,
                              format_func=STANCE_LABELS.get, key=f"stance_{sid}", horizontal=True)  # fmt: skip
            reason = c2.text_input("Reason (optional)", key=f"reason_{sid}", max_chars=500)
            b1, b2, _ = st.columns([1, 1, 3])
            accept = b1.form_submit_button("Accept suggestion", disabled=by is None or not seen,
                                           key=f"accept_{sid}", type="primary")  # fmt: skip
            change = b2.form_submit_button("Save chosen stance", disabled=by is None,
                                           key=f"save_{sid}")  # fmt: skip
        new = seen if accept else chosen if change else None
        if (accept or change) and new is None:
            st.error("Choose a stance first.")
        elif new is not None:
            try:
                review.set_stance(connection(), sid, new, by=by, seen=seen, reason=reason)
            except Conflict as exc:
                st.error(str(exc))
                st.stop()
            st.session_state["_review_note"] = f"#{sid}: {STANCE_LABELS[new]} saved."
            st.rerun()
