"""Page furniture shared by the views: the title with its filter line, empty state, footers."""

from __future__ import annotations

import dataclasses

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import downloads, filters
from components.text import escape_markdown
from stancewatch import describe, figure_export
from stancewatch.figure_export import ChartExport
from stancewatch.params import Filters


def header(title: str, f: Filters) -> None:
    downloads.start_view()
    st.title(title)
    st.caption(escape_markdown(describe.filters(f)))


def empty_state(what: str = "statements") -> None:
    """Said instead of an empty axis; stops the page."""
    st.info(f"No {what} match these filters.", icon=":material/filter_alt_off:")
    st.button("Reset filters", on_click=filters.reset, key="reset_empty", type="primary")
    st.stop()


def footer(n: int, noun: str = "statement") -> None:
    """Under each chart: how many statements it rests on, and as of when."""
    version = st.session_state.get("data_version")
    as_of = "" if version is None else f" · data as of {describe.as_of(version.as_of)}"
    st.caption(f"Based on {describe.count(n, noun)}{as_of}.")


def export(
    name: str,
    title: str,
    fig: go.Figure,
    data: pd.DataFrame,
    statements: int,
    *,
    topics: list[str] | None = None,
    **kw: object,
) -> ChartExport:
    """What the download menu needs, with this run's filters and data version.

    `topics`: the topics the chart really shows when the view chose them itself (the Topics
    view's one topic, Stance changes' busiest ones), so the files name them.
    """
    version = st.session_state.get("data_version")
    shown = filters.current()
    if topics is not None:
        shown = dataclasses.replace(shown, topics=list(topics))
    return ChartExport(
        name=name, title=title, figure=fig, data=data, filters=shown,
        statements=statements, as_of=getattr(version, "as_of", None), **kw,
    )  # fmt: skip


def chart(
    fig: go.Figure,
    key: str,
    *,
    export: ChartExport,
    clickable: bool = False,
    n: int | None = None,
    noun: str = "statement",
):
    """Render a figure, its footer and its download menu; a clickable chart narrows the topic."""
    config = {"toImageButtonOptions": figure_export.camera_options(export)}
    if clickable:
        event = st.plotly_chart(
            fig, key=key, on_select="rerun", selection_mode="points", config=config
        )
        narrow_on_click(key, event)
    else:
        event = st.plotly_chart(fig, key=key, config=config)
    # One row: the footer takes what the button leaves (a fixed share of the width squeezed the
    # button to "D…" beside the Overview's half-width matrix).
    with st.container(horizontal=True, vertical_alignment="center"):
        footer(export.statements if n is None else n, noun)
        downloads.menu(export, key)
    return event


def clicked_topic(event: object) -> str | None:
    """The topic carried (customdata[0]) by the first clicked point of a selection event."""
    try:
        points = event["selection"]["points"]  # item access: AppTest injects plain dicts
    except (KeyError, TypeError):
        return None
    for point in points:
        data = point.get("customdata")
        if data:
            return str(data[0])
    return None


def narrow_on_click(key: str, event: object) -> None:
    """A click on a chart narrows the topic filter to the clicked topic.

    The filter widget was already drawn in this run, so the topic is handed to the next run
    (filters.sidebar applies it before drawing). The selection stays in the chart's state after
    the rerun, so the same click is acted on only once per filter state.
    """
    topic = clicked_topic(event)
    if topic is None:
        return
    signature = (key, topic, tuple(filters.current().topics))
    if st.session_state.get("_last_click") == signature or filters.current().topics == [topic]:
        return
    st.session_state["_last_click"] = signature
    st.session_state[filters.PENDING_TOPIC] = topic
    st.rerun()


def view_downloads(view: str) -> None:
    """At the foot of a view: every chart of it in one zip."""
    st.divider()
    downloads.view_zip(view)
