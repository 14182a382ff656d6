"""Figure builders are pure: asserted on fig.data and fig.layout."""

from __future__ import annotations

import pandas as pd

from components import charts
from stancewatch.config import STANCE_COLOURS


def _counts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "capital": ["Kyiv", "Kyiv", "Moscow", "Moscow", "Moscow", "Paris"],
            "stance": ["confirm", "deny", "confirm", "deny", "no_comment", "no_comment"],
            "statements": [3, 1, 2, 5, 4, 1],
        }
    )


def test_stance_counts_bar_uses_design_colours_and_order() -> None:
    fig = charts.stance_counts_bar(_counts())
    assert [t.name for t in fig.data] == ["Confirm", "Deny", "No comment"]
    assert [t.marker.color for t in fig.data] == list(STANCE_COLOURS.values())
    assert fig.layout.barmode == "stack"
    # Capitals ordered by total statements, largest first.
    assert list(fig.layout.xaxis.categoryarray) == ["Moscow", "Kyiv", "Paris"]


def test_stance_counts_bar_values_match_input() -> None:
    fig = charts.stance_counts_bar(_counts())
    deny = next(t for t in fig.data if t.name == "Deny")
    assert dict(zip(deny.x, deny.y, strict=True)) == {"Kyiv": 1, "Moscow": 5}
    assert fig.layout.template.layout.colorway != ("#000001",)  # a real template, exportable
