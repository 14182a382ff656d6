"""bench/views.py's recorder: each query a view ran is listed once, with what it ran inside it."""

from __future__ import annotations

import duckdb

from bench.views import _Recorder
from stancewatch import sql
from stancewatch.params import Filters


def test_a_query_is_listed_once_with_its_freshness_check_inside(
    seeded: duckdb.DuckDBPyConnection,
) -> None:
    params = {**Filters().params(), "limit": 8}
    original = sql.df
    with _Recorder() as rec:
        sql.df(seeded, "analytics/stance_changes", params)  # requires stance_links: checks it
        sql.rows(seeded, "live/data_version")
        listed = [name for name, _, _ in rec.calls]
        assert listed == ["analytics/stance_changes", "live/data_version"]
        rec.calls.clear()
        rec.bare(seeded, "analytics/stance_changes", params)
        assert rec.calls == []  # a bare re-run is not a call of the view
    assert sql.df is original  # the real function is back
