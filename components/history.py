"""One statement's stance history: where its stance came from and every revision since."""

from __future__ import annotations

import streamlit as st

from components.database import connection
from components.text import escape_markdown
from stancewatch import review, sql
from stancewatch.config import STANCE_LABELS

ORIGINS = {"source": "given in the uploaded file", "classifier": "suggested by the classifier",
           "review": "decided by a person"}  # fmt: skip


def panel(statement_id: int | None) -> None:
    """The statement's current stance and origin, then its revisions, oldest first."""
    if statement_id is None:
        st.caption("Enter a statement's number (the # column) to see how its stance was set.")
        return
    cur = connection().cursor()
    try:
        found = sql.df(cur, "curation/statement", {"statement_id": int(statement_id)})
    finally:
        cur.close()
    if found.empty:
        st.info(f"No statement #{int(statement_id)} in the dashboard (it may have been undone).")
        return
    s = found.iloc[0]
    stance = (
        STANCE_LABELS.get(s["stance"], "none yet") if isinstance(s["stance"], str) else "none yet"
    )
    st.markdown(
        f"**#{int(statement_id)}** · {s['capital']} · {escape_markdown(s['topic'])}: "
        f"**{stance}**, {ORIGINS.get(s['stance_origin'], s['stance_origin'])} (batch {int(s['batch_id'])})."
    )
    revisions = review.history(connection(), int(statement_id))
    if revisions.empty:
        st.caption("Never revised.")
        return
    view = revisions.assign(
        old_stance=revisions["old_stance"].map(STANCE_LABELS).fillna("none"),
        new_stance=revisions["new_stance"].map(STANCE_LABELS),
    ).rename(columns={"revision_id": "#", "at": "When (UTC)", "by": "By", "old_stance": "From",
                      "new_stance": "To", "reason": "Why"})  # fmt: skip
    st.dataframe(view, hide_index=True, key="history_table", placeholder="")
