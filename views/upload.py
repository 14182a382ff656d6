"""Upload: a CSV of new statements -> a dry-run preview -> commit as one batch (same path as the CLI)."""

import hashlib

import streamlit as st

from components import editor, filters, upload
from stancewatch import describe
from stancewatch.template import template_csv

st.title("Upload statements")
st.caption("Nothing is written until you commit; the preview shows what a commit would do.")
st.download_button(
    "Download the template CSV", template_csv(), file_name="stancewatch-template.csv",
    mime="text/csv", icon=":material/download:", key="upload_template", on_click="ignore",
    help="The contract's columns (data/README.md) with two example rows from the seed.",
)  # fmt: skip
limit = upload.max_mb()
file = st.file_uploader(
    "CSV of statements", type=["csv", "tsv", "txt"], key="upload_file", max_upload_size=limit
)
st.caption(
    f"Up to {limit} MB (raise with {upload.MAX_MB_VAR} and server.maxUploadSize). "
    "UTF-8, comma, semicolon or tab; required columns date, capital, topic, and stance or quote."
)
done = st.session_state.get("_upload_done")
data = file.getvalue() if file is not None else None
same_file = bool(done and data is not None and done["sha"] == hashlib.sha256(data).hexdigest())
if done and data is not None and not same_file:
    # Another file: its own preview, not the last commit's banner.
    done = st.session_state.pop("_upload_done") and None
if done:
    st.success(done["summary"], icon=":material/task_alt:")
    # The filters are set in this session, then the Overview opened: a link's parameters
    # are read only on a session's first run, so the page opened unfiltered.
    st.button("Overview of this batch's capitals, topics and dates", icon=":material/insights:",
              on_click=filters.show_on_overview, args=(done["link"],), key="upload_overview")  # fmt: skip
if target := st.session_state.pop(filters.SWITCH_TO, None):
    # An empty mapping, not None: None clears the URL first, which Streamlit refuses while
    # widgets are bound to it; the bound filters write their new values back themselves.
    st.switch_page(target, query_params={})
if file is None:
    st.stop()
name = upload.label(file.name)
if refusal := upload.too_large(len(data), limit):
    st.error(refusal, icon=":material/block:")
    st.stop()
if same_file:
    st.stop()  # committed already: the preview would only list it as duplicates

pending = st.checkbox(
    "Keep rows whose stance the classifier cannot decide (stored without a stance, for review)",
    key="upload_pending",
)
first = upload.preview(data, name, by="preview", pending_review=pending)
topic_map, speaker_map = upload.name_choices(first)
options = {"pending_review": pending, "topic_map": topic_map, "speaker_map": speaker_map}
report = upload.preview(data, name, by="preview", **options) if topic_map or speaker_map else first
st.subheader("Preview")
upload.report_view(report)
if report.file_error or not report.rows_new:
    st.info("Nothing to commit." if not report.file_error else "Fix the file and upload it again.")
    st.stop()

mode = st.radio(
    "Import", ["all", "valid"], key="upload_mode", horizontal=True,
    format_func={"all": "All or nothing (default)",
                 "valid": f"Only the valid new rows ({report.rows_new:,}), skip the rest"}.get,
)  # fmt: skip
blocked = bool(report.rows_rejected) and mode == "all"
if blocked:
    st.warning("Some rows are invalid, so nothing can be written as all or nothing. Fix them, or "
               "choose to import the valid rows and skip the rest.")  # fmt: skip
by = editor.editor("commit uploads")
label = f"Commit {describe.count(report.rows_new)}"
if st.button(label, type="primary", disabled=blocked or by is None, key="upload_commit"):
    result = upload.run_ingest(data, name, dry_run=False, by=by, skip_invalid=mode == "valid",
                               **options)  # fmt: skip
    if result.written:
        names = upload.renamed(topic_map, speaker_map)
        st.session_state["_upload_done"] = upload.committed(result, data, names)
        st.rerun()
    st.error(result.summary())
