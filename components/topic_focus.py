"""The Topics view's topic picker: the most recently active topics under the filters, and the one
in focus (from a link, a click or the last run) even when it is not among them.

A store of 20,000 topics would otherwise send every title to the browser on every run; the
sidebar's Topics filter (with its Find box) reaches the others.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import filters
from components.database import query

KEY = "focus"  # the widget key and URL parameter


def choices(params: dict, chosen: list[str]) -> pd.DataFrame:
    """analytics/topic_activity rows to offer: the filters.LIST_CHOICES most recent under the filters,
    then the focused topic when it is under them but not among those."""
    topics = query(
        "analytics/topic_activity", {**params, "by_changes": False, "limit": filters.LIST_CHOICES}
    )
    focus = st.session_state.get(KEY) or st.query_params.get(KEY)
    if not focus or focus in set(topics["topic"]) or (chosen and focus not in chosen):
        return topics
    one = query(
        "analytics/topic_activity", {**params, "topics": [focus], "by_changes": False, "limit": 1}
    )
    return pd.concat([topics, one], ignore_index=True) if len(one) else topics


def help_text(topics: pd.DataFrame) -> str:
    total = int(topics["topic_count"].iat[0]) if len(topics) else 0
    if total <= filters.LIST_CHOICES:
        return "Topics under the current filters, most recently active first."
    return (
        f"The {filters.LIST_CHOICES:,} most recently active of the {total:,} topics under the current "
        "filters; choose others in the sidebar's Topics filter (Find topics searches them all)."
    )
