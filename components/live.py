"""Live refresh: a fragment polls the data version and reruns the page when data arrived.

The interval is STANCEWATCH_REFRESH_SECONDS (default 15). Polling costs one tiny query; the
page itself reruns only when the version changed, and then says how many statements arrived.
A full run reads the version once (start_run) and its live line shows that reading.
"""

from __future__ import annotations

import os

import streamlit as st

from components.database import DataVersion, data_version
from stancewatch import describe

DEFAULT_SECONDS = 15.0
# Set by a full run once it has read the version; the live line of that same run uses it.
_READ_THIS_RUN = "_data_version_read"


def refresh_seconds() -> float:
    """From the environment; a bad value falls back to the default rather than breaking pages."""
    try:
        value = float(os.environ.get("STANCEWATCH_REFRESH_SECONDS", DEFAULT_SECONDS))
    except ValueError:
        return DEFAULT_SECONDS
    return value if value >= 1 else DEFAULT_SECONDS


def start_run() -> DataVersion:
    """At the top of every full run: pin the version this run shows; announce new statements."""
    current = data_version()
    seen: DataVersion | None = st.session_state.get("data_version")
    if seen is not None and current != seen:
        arrived = current.statements - seen.statements
        if arrived > 0:
            # Material icons, like the rest of the app: an emoji needs an emoji font on the reader's
            # machine (Debian's Chromium without one drew an empty box).
            st.toast(
                f"{describe.count(arrived)} arrived; the charts are up to date.",
                icon=":material/fiber_new:",
            )
        elif arrived < 0:
            st.toast(
                f"{describe.count(-arrived)} left the data (a batch was undone).",
                icon=":material/undo:",
            )
        else:
            st.toast(
                "Stances were revised; the charts are up to date.", icon=":material/edit_note:"
            )
    st.session_state["data_version"] = current
    st.session_state[_READ_THIS_RUN] = True
    return current


def watch() -> None:
    """Render the live status line and poll on a timer (a fragment: no full rerun while idle)."""
    seconds = refresh_seconds()

    @st.fragment(run_every=seconds)
    def _poll() -> None:
        if st.session_state.pop(_READ_THIS_RUN, False):
            current = st.session_state["data_version"]  # a full run: start_run just read it
        else:  # the timer reran this fragment alone
            current = data_version()
            if current != st.session_state.get("data_version"):
                st.rerun(scope="app")
        st.caption(
            f":material/sync: Live · {describe.count(current.statements)} · data as of "
            f"{describe.as_of(current.as_of)} · checks every {seconds:g} s"
        )

    _poll()
