"""bench/views.py's recorder: each query a view ran is listed once, with what it ran inside it."""

from __future__ import annotations

import duckdb

from bench.views import _one_script_cache, _Recorder
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


def test_apptest_runs_share_one_script_cache_as_a_server_does() -> None:
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    with _one_script_cache() as shared:
        assert shared  # this Streamlit makes its caches as the harness expects
        assert app_test.ScriptCache() is local_script_runner.ScriptCache()
        assert isinstance(app_test.ScriptCache(), ScriptCache)
    assert app_test.ScriptCache is ScriptCache and local_script_runner.ScriptCache is ScriptCache
