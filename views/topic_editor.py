"""Edit topics: rename a topic or merge two into one (one claim, one title); every edit reversible."""

import streamlit as st

from components import editor
from components.database import connection
from components.topic_picker import TopicPicker
from stancewatch import topic_edits

st.title("Edit topics")
st.caption("Stance changes are only right when one claim has one title. Renames and merges move "
           "statements between titles, are recorded, and can be reversed; every view follows.")  # fmt: skip
if note := st.session_state.pop("_topic_note", None):
    st.success(note, icon=":material/check:")
picker = TopicPicker()
by = editor.editor("edit topics")


def act(fn, *args, **kwargs) -> None:
    try:
        fn(connection(), *args, by=by, **kwargs)
    except ValueError as exc:
        st.error(str(exc))
        return
    st.session_state["_topic_note"] = "Saved. Every view now shows the change."
    st.rerun()


rename_tab, merge_tab, log_tab = st.tabs(["Rename", "Merge", "History and reversal"])
with rename_tab:
    renamed = picker.topics("rename_find")
with rename_tab, st.form("rename_form"):
    topic = st.selectbox("Topic", renamed, format_func=picker.label, key="rename_topic")
    new_title = st.text_input("New title", key="rename_title", max_chars=topic_edits.MAX_TITLE)
    reason = st.text_input("Reason (optional)", key="rename_reason")
    if st.form_submit_button("Rename", disabled=by is None, key="rename_button"):
        act(topic_edits.rename, topic, new_title, reason=reason)
with merge_tab:
    left, right = st.columns(2)
    with left:
        sources = picker.topics("merge_from_find", "Find the topic to merge")
    with right:
        targets = picker.topics("merge_into_find", "Find the topic to merge it into")
with merge_tab, st.form("merge_form"):
    source = st.selectbox("Merge this topic", sources, format_func=picker.label, key="merge_from")
    target = st.selectbox("into this one", targets, format_func=picker.label, key="merge_into")
    reason = st.text_input("Reason (optional)", key="merge_reason")
    if st.form_submit_button("Merge", disabled=by is None, key="merge_button"):
        act(topic_edits.merge, source, target, reason=reason)
with log_tab:
    edits = topic_edits.edits(connection())
    if edits.empty:
        st.info("No renames or merges yet.")
    else:
        status = edits["reversed_at"].isna().map({True: "in force", False: "reversed"})
        view = edits.assign(status=status).rename(
            columns={
                "edit_id": "Edit",
                "status": "Status",
                "kind": "Kind",
                "from_title": "From",
                "into_title": "Into",
                "statements": "Statements",
                "at": "When (UTC)",
                "by": "By",
                "reason": "Reason",
                "reversed_at": "Reversed at",
                "reversed_by": "Reversed by",
            }
        )
        when = st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm")
        st.dataframe(
            view, hide_index=True, key="topic_edits_table", placeholder="",
            column_order=["Edit", "Status", "Kind", "From", "Into", "Statements", "When (UTC)",
                          "By", "Reason", "Reversed at", "Reversed by"],
            column_config={"When (UTC)": when, "Reversed at": when,
                           "Statements": st.column_config.NumberColumn(format="localized")},
        )  # fmt: skip
        active = edits[edits["reversed_at"].isna()]
        if not active.empty:
            names = {int(e.edit_id): f"#{e.edit_id} {e.kind}: {e.from_title} → {e.into_title}"
                     for e in active.itertuples()}  # fmt: skip
            pick = st.selectbox("Edit to reverse", list(names), format_func=names.get,
                                key="reverse_edit")  # fmt: skip
            if st.button("Reverse", disabled=by is None, key="reverse_button"):
                act(topic_edits.reverse, pick)
