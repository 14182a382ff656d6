"""The Upload view's pieces: the size limit, the dry run with progress, the report, name choices.

The preview is `ingest_bytes(dry_run=True)` and the commit the same call for real: one code path
with the CLI. The upload's bytes stay in memory; the user's file name is only ever a label.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import PurePosixPath, PureWindowsPath

import pandas as pd
import streamlit as st

from components import suggestions
from components.database import connection
from components.text import escape_markdown
from stancewatch import sql
from stancewatch.ingest import IngestReport, ingest_bytes

DEFAULT_MAX_MB = 50
MAX_MB_VAR = "STANCEWATCH_MAX_UPLOAD_MB"


def max_mb() -> int:
    """The upload limit in MB ($STANCEWATCH_MAX_UPLOAD_MB, default 50)."""
    try:
        value = int(os.environ.get(MAX_MB_VAR, DEFAULT_MAX_MB))
    except ValueError:
        return DEFAULT_MAX_MB
    return value if value > 0 else DEFAULT_MAX_MB


def too_large(size: int, limit_mb: int) -> str | None:
    """The refusal for a file over the limit, saying the limit and how to raise it; else None."""
    if size <= limit_mb * 1024 * 1024:
        return None
    return (
        f"This file is {size / 1024 / 1024:.1f} MB; the upload limit is {limit_mb} MB. Split the "
        f"file, or raise the limit: start the dashboard with {MAX_MB_VAR}=<MB> and the same "
        "value for server.maxUploadSize in .streamlit/config.toml."
    )


def label(file_name: str) -> str:
    """A user's file name as a label only: no folders, at most 200 characters."""
    name = PureWindowsPath(PurePosixPath(file_name).name).name.strip()
    return (name or "upload.csv")[:200]


def run_ingest(data: bytes, name: str, *, dry_run: bool, **options: object) -> IngestReport:
    """ingest_bytes with a progress bar while the file is parsed, validated and (maybe) written."""
    bar = st.progress(0.0, text="Reading the file…")

    def progress(step: str, fraction: float) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=f"{step}…")

    try:
        return ingest_bytes(connection(), data, file_name=name, dry_run=dry_run,
                            progress=progress, **options)  # fmt: skip
    finally:
        bar.empty()


def preview(data: bytes, name: str, **options: object) -> IngestReport:
    """The dry run, remembered for this file and these options (a rerun does not parse again)."""
    digest = hashlib.sha256(data).hexdigest()
    key = repr((digest, name, sorted(options.items())))
    cache = st.session_state.setdefault("_upload_previews", {})
    version = st.session_state.get("data_version")
    if key not in cache or cache[key][0] != version:
        cache.clear()
        cache[key] = (version, run_ingest(data, name, dry_run=True, **options))
    return cache[key][1]


def name_choices(report: IngestReport) -> tuple[dict[str, str], dict[str, str]]:
    """For each near-duplicate topic or speaker, ask: use the stored name or keep the new one."""
    maps: dict[str, dict[str, str]] = {"topic": {}, "speaker": {}}
    if not report.near_duplicates:
        return maps["topic"], maps["speaker"]
    st.subheader("Names close to stored ones")
    st.caption("One claim needs one title, one person one name. Choose for each:")
    for n in report.near_duplicates:
        key = "near_" + hashlib.sha256(f"{n.kind}\x1f{n.value}".encode()).hexdigest()[:12]
        lines = ", ".join(str(x) for x in n.lines[:8]) + (" …" if len(n.lines) > 8 else "")
        # Kept as typed unless the editor picks the stored name: "Romanian airspace" looked like
        # "Polish airspace" and, with the stored name first, was filed under it by default.
        choice = st.radio(
            f"New {n.kind} “{n.value}” (line {lines}) looks like the stored “{n.existing}”",
            ["new", "existing"],
            format_func={"existing": f"Use the stored “{n.existing}”",
                         "new": f"Keep “{n.value}” as a new {n.kind}"}.get,
            key=key, horizontal=True,
        )  # fmt: skip
        if choice == "existing":
            maps[n.kind][n.value] = n.existing
    return maps["topic"], maps["speaker"]


def report_view(report: IngestReport) -> None:
    """Counts, then rejected rows, duplicates and suggested stances."""
    if report.file_error:
        st.error(report.file_error, icon=":material/error:")
        return
    cols = st.columns(5)
    for col, text, value, hint in [
        (cols[0], "Rows read", report.rows_read, "Statements in the file."),
        (cols[1], "New", report.rows_new, "Valid and not stored yet: what a commit adds."),
        (cols[2], "Duplicates", report.rows_duplicate, "Already stored, or repeated in the file."),
        (cols[3], "Rejected", report.rows_rejected, "Invalid rows, listed below with the fix."),
        (cols[4], "Suggested stances", report.rows_suggested + report.rows_pending,
         "Rows whose stance comes from the classifier; review them later."),
    ]:  # fmt: skip
        col.metric(text, f"{value:,}", help=hint, border=True)
    if report.encoding:  # as the CLI says it: a file saved otherwise than meant shows here
        st.caption(escape_markdown(f"Read as {report.encoding}, {report.delimiter}-separated."))
    if report.problems:
        st.subheader(f"Rejected rows ({report.rows_rejected})")
        st.dataframe(
            pd.DataFrame(
                [(p.line, p.column, p.value, p.reason) for p in report.problems],
                columns=["Line", "Column", "Value", "Reason and fix"],
            ),
            hide_index=True, key="upload_problems", placeholder="", row_height=96,
            column_config={"Reason and fix": st.column_config.TextColumn(width="large")},
        )  # fmt: skip
    if report.duplicates:
        with st.expander(f"Duplicates, skipped ({report.rows_duplicate})"):
            st.dataframe(
                pd.DataFrame([(d.line, d.of) for d in report.duplicates], columns=["Line", "Same as"]),
                hide_index=True, key="upload_duplicates",
            )  # fmt: skip
    if report.suggestions:
        with st.expander(f"Stances suggested by the classifier ({len(report.suggestions)})"):
            suggestions.suggestion_table(report.suggestions)


def renamed(topic_map: dict[str, str], speaker_map: dict[str, str]) -> str:
    """The names a commit replaced by stored ones, said after its summary."""
    pairs = [f"“{a}” → “{b}”" for a, b in (*topic_map.items(), *speaker_map.items())]
    if not pairs:
        return ""
    return " Stored names used instead of: " + "; ".join(pairs) + "."


def committed(report: IngestReport, data: bytes, names: str = "") -> dict[str, object]:
    """What the page shows after a commit: the summary and the Overview link's filters."""
    cur = connection().cursor()
    try:
        scope = sql.df(cur, "curation/batch_scope", {"batch_id": report.batch_id}).iloc[0]
    finally:
        cur.close()
    link: dict[str, object] = {"from": str(scope["first_on"].date()), "to": str(scope["last_on"].date()),
                               "capital": list(scope["capitals"])}  # fmt: skip
    if len(scope["topics"]) <= 5:
        link["topic"] = list(scope["topics"])
    return {"summary": report.summary() + names, "sha": hashlib.sha256(data).hexdigest(),
            "link": link, "batch_id": report.batch_id}  # fmt: skip
