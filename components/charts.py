"""Pure figure builders: (DataFrame, *, options) -> go.Figure. No SQL, no I/O, no Streamlit.

Every figure gets the stance colours of DESIGN.md explicitly and a real template, so an exported
copy looks the same as the one on screen (Streamlit's own template would turn exports black).
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from stancewatch.config import STANCE_COLOURS, STANCE_LABELS, STANCES

TEMPLATE = "plotly_white"


def stance_counts_bar(frame: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Statements per capital, stacked by stance (columns: capital, stance, statements)."""
    data = frame.assign(stance_label=frame["stance"].map(STANCE_LABELS))
    capitals = (
        data.groupby("capital")["statements"].sum().sort_values(ascending=False).index.tolist()
    )
    fig = px.bar(
        data,
        x="capital",
        y="statements",
        color="stance_label",
        text="statements",
        category_orders={"stance_label": [STANCE_LABELS[s] for s in STANCES], "capital": capitals},
        color_discrete_map={STANCE_LABELS[s]: STANCE_COLOURS[s] for s in STANCES},
        labels={"capital": "Capital", "statements": "Statements", "stance_label": "Stance"},
        template=TEMPLATE,
        title=title,
    )
    fig.update_traces(
        textposition="inside",
        hovertemplate="%{x}: %{y} statements<extra>%{fullData.name}</extra>",
    )
    fig.update_layout(
        barmode="stack",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title": None},
        margin={"l": 10, "r": 10, "t": 60 if title else 30, "b": 10},
        height=420,
    )
    return fig
