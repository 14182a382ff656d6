"""Batches: every upload with its counts and status; undo one (its statements go to the archive)."""

import pyarrow.compute as pc
import streamlit as st

from components import editor
from components.database import connection
from stancewatch import batches, describe

st.title("Batches")
st.caption("Each upload or CLI ingest is one batch. Undo takes a batch's statements out of every "
           "view and keeps them in the archive; the batch stays listed as reverted.")  # fmt: skip
frame = batches.list_batches_arrow(connection())
if note := st.session_state.pop("_undo_note", None):
    st.success(note, icon=":material/undo:")
# Arrow as it came from DuckDB, renamed: no DataFrame is made for the table (batches.py).
st.dataframe(
    frame.drop_columns(["finished_at"]).rename_columns({
        "id": "Batch", "file_name": "File", "by": "By", "started_at": "When (UTC)",
        "rows_read": "Read", "rows_inserted": "Inserted", "rows_duplicate": "Duplicate",
        "rows_rejected": "Rejected", "status": "Status", "statements_live": "Live now",
        "reverted_at": "Undone at", "reverted_by": "Undone by"}),
    hide_index=True, key="batches_table", placeholder="",
    column_order=["Batch", "File", "By", "When (UTC)", "Read", "Inserted", "Duplicate",
                  "Rejected", "Live now", "Status", "Undone at", "Undone by"],
    column_config={"When (UTC)": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm"),
                   "Undone at": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm"),
                   # Counts run to millions: grouped digits, in the reader's own locale.
                   **{c: st.column_config.NumberColumn(format="localized") for c in
                      ("Read", "Inserted", "Duplicate", "Rejected", "Live now")}},
)  # fmt: skip
committed = frame.filter(pc.equal(frame["status"], "committed")).to_pydict()
if not committed["id"]:
    st.info("No committed batch to undo.")
    st.stop()

st.subheader("Undo a batch")
by = editor.editor("undo a batch")
choices = dict(zip(committed["id"], committed["file_name"], strict=True))
live = dict(zip(committed["id"], committed["statements_live"], strict=True))
batch_id = st.selectbox(
    "Batch", list(choices), key="undo_batch",
    format_func=lambda b: f"#{b} · {choices[b]} · {describe.count(int(live[b]))}",
)  # fmt: skip
# One confirmation per batch: after an undo the next batch's box starts unticked (a shared key
# showed it ticked while the button stayed disabled).
sure = st.checkbox(
    f"Take the {describe.count(int(live[batch_id]))} of batch {batch_id} out of the dashboard "
    "(they are kept in the archive)",
    key=f"undo_confirm_{batch_id}",
)
if st.button("Undo batch", type="primary", disabled=by is None or not sure, key="undo_button"):
    result = batches.undo_batch(connection(), int(batch_id), by=by)
    st.session_state["_undo_note"] = result.message
    st.rerun()
