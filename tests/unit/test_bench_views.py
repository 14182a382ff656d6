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
    original, original_arrow = sql.df, sql.arrow
    with _Recorder() as rec:
        sql.df(seeded, "analytics/stance_changes", params)  # requires stance_links: checks it
        sql.rows(seeded, "live/data_version")
        sql.arrow(seeded, "curation/batches")  # the Batches page's table
        listed = [(name, kind) for name, _, _, kind in rec.calls]
        assert listed == [
            ("analytics/stance_changes", "df"),
            ("live/data_version", "rows"),
            ("curation/batches", "arrow"),
        ]
        rec.calls.clear()
        rec.bare(seeded, "analytics/stance_changes", params)
        assert isinstance(rec.bare(seeded, "live/data_version", None, "rows"), list)  # as it ran
        assert rec.bare(seeded, "curation/batches", None, "arrow").num_rows == 1
        assert rec.calls == []  # a bare re-run is not a call of the view
    assert sql.df is original and sql.arrow is original_arrow  # the real functions are back


def test_apptest_runs_share_one_script_cache_as_a_server_does() -> None:
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    with _one_script_cache() as shared:
        assert shared  # this Streamlit makes its caches as the harness expects
        assert app_test.ScriptCache() is local_script_runner.ScriptCache()
        assert isinstance(app_test.ScriptCache(), ScriptCache)
    assert app_test.ScriptCache is ScriptCache and local_script_runner.ScriptCache is ScriptCache


def test_apptest_waits_for_a_run_by_joining_its_thread(tmp_path) -> None:
    from streamlit.testing.v1 import AppTest, local_script_runner

    from bench.views import _wait_by_join

    page = tmp_path / "page.py"
    page.write_text("import time\nimport streamlit as st\ntime.sleep(0.2)\nst.write('done')\n")
    stock = local_script_runner.require_widgets_deltas
    with _wait_by_join() as joined:
        assert joined  # this Streamlit's runner is shaped as the harness expects
        assert local_script_runner.require_widgets_deltas is not stock
        at = AppTest.from_file(str(page)).run()
        assert [m.value for m in at.markdown] == ["done"]  # waited for the whole run
        slow = AppTest.from_file(str(page), default_timeout=0.05)
        try:
            slow.run()
        except RuntimeError as exc:
            assert "timed out" in str(exc)
        else:
            raise AssertionError("a run longer than its timeout must fail, as AppTest's own")
    assert local_script_runner.require_widgets_deltas is stock


def test_the_script_clock_times_the_run_inside_apptests_call(tmp_path) -> None:
    import time

    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    from streamlit.testing.v1 import AppTest

    from bench.views import _ScriptClock

    page = tmp_path / "page.py"
    page.write_text("import time\nimport streamlit as st\ntime.sleep(0.2)\nst.write('done')\n")
    stock = ScriptRunner._run_script
    with _ScriptClock() as clock:
        start = time.perf_counter()
        AppTest.from_file(str(page)).run()
        call = time.perf_counter() - start
        script = clock.take()
        assert 0.2 <= script < call  # the sleep is in it, AppTest's own work is not
        assert clock.take() == 0  # taken once
    assert ScriptRunner._run_script is stock
