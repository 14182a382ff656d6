"""Every figure the charts build is what plotly's validation would make of it.

components/charts.py builds figures without validation (`_figure`), for speed. These tests are
where the validation happens instead: each figure, built from the seed through the real named
queries, must serialise exactly like a copy of it that plotly validated. A property in a form
validation rewrites (a title as a bare string, which plotly.js 3 no longer reads) or drops (a
None) fails here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import duckdb
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from components import charts
from stancewatch import sql
from stancewatch.params import GRAINS, Filters

Build = Callable[[duckdb.DuckDBPyConnection], go.Figure]


def _p(**extra: object) -> dict[str, object]:
    return {**Filters().params(), **extra}


def _busiest(con: duckdb.DuckDBPyConnection, n: int) -> list[str]:
    activity = sql.df(con, "analytics/topic_activity", _p(by_changes=True, limit=n))
    return activity["topic"].tolist()


def _matrix(con: duckdb.DuckDBPyConnection) -> go.Figure:
    shown = sql.df(con, "analytics/topic_activity", _p(by_changes=False, limit=25))["topic"]
    latest = sql.df(con, "analytics/latest_stance", _p(topics=shown.tolist()))
    return charts.latest_matrix(latest, topic_order=shown.tolist())


def _timeline(con: duckdb.DuckDBPyConnection) -> go.Figure:
    runs = sql.df(con, "analytics/stance_runs", _p(topics=_busiest(con, 6), limit=2000))
    return charts.state_timeline(runs, end_on=dt.date(2026, 11, 1))


def _swimlane(con: duckdb.DuckDBPyConnection) -> go.Figure:
    one = _p(topics=_busiest(con, 1), limit=2000)
    return charts.swimlane(sql.df(con, "analytics/topic_timeline", one), title="One topic")


BUILDERS: dict[str, Build] = {
    "stance counts": lambda con: charts.stance_counts_bar(sql.df(con, "stats/stance_counts", _p())),
    "latest matrix": _matrix,
    "state timeline": _timeline,
    "transitions": lambda con: charts.transitions_matrix(
        sql.df(con, "analytics/transitions", _p()), title="Transitions"
    ),
    "swimlane": _swimlane,
    "silence rate": lambda con: charts.silence_rate_chart(
        sql.df(con, "analytics/silence_rate", _p(grain="quarter")), grain="quarter"
    ),
}


def _share(grain: str, measure: str, combined: bool) -> Build:
    def build(con: duckdb.DuckDBPyConnection) -> go.Figure:
        share = sql.df(con, "analytics/stance_share", _p(grain=grain))
        title = f"Stance {measure} by {grain}"
        return charts.stance_share_chart(
            share, measure=measure, combined=combined, grain=grain, title=title
        )

    return build


for _grain in GRAINS:
    for _measure in ("share", "count"):
        for _combined in (False, True):
            BUILDERS[f"stance share {_grain} {_measure} combined={_combined}"] = _share(
                _grain, _measure, _combined
            )


def _as_sent(fig: go.Figure) -> dict[str, object]:
    """The figure as Streamlit sends it to the browser: to_dict, then JSON."""
    return json.loads(pio.to_json(fig.to_dict(), validate=False))


def _validated(fig: go.Figure) -> go.Figure:
    return go.Figure(fig.to_plotly_json())  # validates every property on the way in


@pytest.fixture(scope="module")
def seed_con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    from stancewatch import db

    con = db.open_db(tmp_path_factory.mktemp("validity") / "seed.duckdb", seed=True)
    yield con
    con.close()


@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_figure_equals_its_validated_copy(seed_con, name: str) -> None:
    fig = BUILDERS[name](seed_con)
    assert fig.data, "a figure with no traces checks nothing"
    assert _as_sent(fig) == _as_sent(_validated(fig))


def test_a_title_given_as_a_bare_string_is_caught() -> None:
    """The check above can fail: validation rewrites a bare-string title, so they differ."""
    fig = go.Figure(
        data=[{"type": "bar", "x": [1], "y": [2]}],
        layout={"xaxis": {"title": "Capital"}},
        _validate=False,
    )
    assert _as_sent(fig) != _as_sent(_validated(fig))
