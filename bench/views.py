"""Views: each view's full server-side run through AppTest, and the bare time of the queries it ran.

The harness wraps `stancewatch.sql.df`, `.rows` and `.arrow` in this process with a timing
wrapper (measurement, not a mock: the real function runs), so it knows exactly which named queries
a view ran with which parameters. After the timed runs each of those calls is run again bare, on a
cursor of the same connection, and the view's median is divided by the sum of their medians.
A call made inside another (a query that first checks its derived table is fresh runs
live/data_version and derived/links_version) is part of that call's time and is not listed again:
listing it too counted its bare time twice.

AppTest compiles app.py and the page anew on every run (each run gets a new ScriptCache); a
server compiles each script once and keeps the bytecode while its sessions last. The harness gives
AppTest one ScriptCache for the whole measurement, as a server has (`_one_script_cache`).

AppTest waits for a run by waking every millisecond to look at the runner's events. On two cores
those wake-ups took the GIL and a core from the script thread being timed (a 3 ms query took 4-5
ms inside a run, 2.5-3 ms on a thread nobody polled). A server's event loop sleeps while a script
runs, so the harness waits by joining the script thread instead (`_wait_by_join`).

A view's run is timed from the script thread's start of the script to its end (`_ScriptClock`):
what a server does for a page. AppTest's own work around it (a new runner and thread per run,
and turning the messages into an element tree for tests: about 2 ms) is reported beside it.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.timing import median_time
from stancewatch import sql
from stancewatch.config import ROOT

DASHBOARD = ["overview", "trends", "changes", "topics", "statements"]


def view_paths() -> list[str]:
    """Every views/*.py: the dashboard's five first, in menu order, then the rest by name."""
    stems = sorted(p.stem for p in (ROOT / "views").glob("*.py"))
    ordered = [s for s in DASHBOARD if s in stems] + [s for s in stems if s not in DASHBOARD]
    return [f"views/{s}.py" for s in ordered]


class _Recorder:
    """Wraps sql.df, sql.rows and sql.arrow: records (name, params, seconds, which of them) of
    every call, then restores; `bare` re-runs a call with the same function (a DataFrame of one
    row costs 1.4 ms more than its tuple)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any, float, str]] = []
        self._saved: dict[str, Any] = {}
        self._depth = threading.local()

    def _wrap(self, fn: Any, kind: str) -> Any:
        def timed(con: Any, name: str, params: dict[str, Any] | None = None) -> Any:
            # Only the outermost call is a query the view ran: the ones it makes itself (a
            # derived table's freshness check) are inside its time, bare and in the view alike.
            depth = getattr(self._depth, "n", 0)
            self._depth.n = depth + 1
            start = time.perf_counter()
            try:
                return fn(con, name, params)
            finally:
                self._depth.n = depth
                if depth == 0:
                    seconds = time.perf_counter() - start
                    self.calls.append((name, copy.deepcopy(params), seconds, kind))

        return timed

    def __enter__(self) -> _Recorder:
        for attr in ("df", "rows", "arrow"):
            self._saved[attr] = getattr(sql, attr)
            setattr(sql, attr, self._wrap(self._saved[attr], attr))
        return self

    def __exit__(self, *exc: object) -> None:
        for attr, fn in self._saved.items():
            setattr(sql, attr, fn)

    def bare(self, con: Any, name: str, params: dict[str, Any] | None, kind: str = "df") -> Any:
        fn = self._saved[kind]
        cur = con.cursor()
        self._depth.n = 1  # its inner calls are not the view's
        try:
            return fn(cur, name, params)
        finally:
            self._depth.n = 0
            cur.close()


@contextlib.contextmanager
def _one_script_cache() -> Iterator[bool]:
    """AppTest's runs share one ScriptCache (the real one), like the runs of a server process.

    Yields False, changing nothing, when this Streamlit's AppTest no longer makes its caches the
    way this expects.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    modules = [m for m in (app_test, local_script_runner) if m.__dict__.get("ScriptCache")]
    if len(modules) != 2 or any(m.ScriptCache is not ScriptCache for m in modules):
        yield False
        return
    shared = ScriptCache()
    for m in modules:
        m.ScriptCache = lambda: shared
    try:
        yield True
    finally:
        for m in modules:
            m.ScriptCache = ScriptCache


@contextlib.contextmanager
def _wait_by_join() -> Iterator[bool]:
    """AppTest waits for each run by joining its script thread, not by polling it every
    millisecond. Yields False, changing nothing, when this Streamlit's runner is not shaped so."""
    from streamlit.testing.v1 import local_script_runner as runner_module

    polling = getattr(runner_module, "require_widgets_deltas", None)
    if polling is None or not hasattr(runner_module.LocalScriptRunner, "script_stopped"):
        yield False
        return

    def joined(runner: Any, timeout: float = 3) -> None:
        thread = getattr(runner, "_script_thread", None)
        if thread is None:  # not started as this expects: AppTest's own wait
            polling(runner, timeout)
            return
        thread.join(timeout)
        if not runner.script_stopped():
            runner.request_stop()
            runner.join()
            raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")

    runner_module.require_widgets_deltas = joined
    try:
        yield True
    finally:
        runner_module.require_widgets_deltas = polling


class _ScriptClock:
    """Times each script run (ScriptRunner._run_script, once per run, twice after an st.rerun);
    `take()` returns the seconds since the last take. The real method runs: measurement only."""

    def __init__(self) -> None:
        self.seconds: list[float] = []
        self._saved: Any = None

    def __enter__(self) -> _ScriptClock:
        from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

        self._saved = original = ScriptRunner._run_script
        clock = self

        def timed(runner: Any, rerun_data: Any) -> None:
            start = time.perf_counter()
            try:
                original(runner, rerun_data)
            finally:
                clock.seconds.append(time.perf_counter() - start)

        ScriptRunner._run_script = timed
        return self

    def __exit__(self, *exc: object) -> None:
        from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

        ScriptRunner._run_script = self._saved

    def take(self) -> float:
        total = sum(self.seconds)
        self.seconds.clear()
        return total


def measure(store: Path, *, repeats: int, warmup: int = 1, timeout: float = 600) -> list[dict]:
    """One row per view: median server-side run, its queries' bare sum, the ratio, the calls."""
    os.environ["STANCEWATCH_DB"] = str(store)
    os.environ["STANCEWATCH_NO_SEED"] = "1"
    import streamlit as st
    from streamlit.logger import set_log_level
    from streamlit.testing.v1 import AppTest

    set_log_level("error")

    from components import database

    database.connection.clear()
    results = []
    with (
        _Recorder() as rec,
        _one_script_cache() as shared_cache,
        _wait_by_join() as joined,
        _ScriptClock() as clock,
    ):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
        at.run()  # opens the connection and imports everything once, as a running server would
        for name in list(logging.root.manager.loggerDict):  # cache_data.clear() outside a
            if name.startswith("streamlit"):  # server warns on every call: quiet it
                logging.getLogger(name).setLevel(logging.ERROR)
        con = database.connection()
        for view in view_paths():
            times: list[float] = []
            calls_s: list[float] = []
            runs: list[list[tuple[str, Any, float, str]]] = []
            error = None
            for i in range(warmup + repeats):
                st.cache_data.clear()
                rec.calls.clear()
                clock.take()
                start = time.perf_counter()
                try:
                    at.switch_page(view).run()
                except Exception as exc:  # noqa: BLE001 - a broken view is a figure, not a crash
                    error = f"{type(exc).__name__}: {exc}"
                    break
                elapsed = time.perf_counter() - start
                if at.exception:
                    error = "; ".join(e.message for e in at.exception)[:300]
                    break
                if i >= warmup:
                    times.append(clock.take())
                    calls_s.append(elapsed)
                    runs.append(list(rec.calls))
            if error or not times:
                results.append({"view": view, "error": error or "no run"})
                continue
            calls = runs[-1]
            bare = []
            for name, params, _, kind in calls:
                median, _, _ = median_time(
                    lambda n=name, p=params, k=kind: rec.bare(con, n, p, k), repeats=3, warmup=1
                )
                bare.append({"query": name, "params": _printable(params), "bare_s": median})
            bare_sum = sum(b["bare_s"] for b in bare)
            in_view = statistics.median(sum(c[2] for c in run) for run in runs)
            median = statistics.median(times)
            results.append(
                {
                    "view": view,
                    "median_s": median,
                    "runs_s": times,
                    "apptest_median_s": statistics.median(calls_s),
                    "queries": len(calls),
                    "queries_in_view_s": in_view,
                    "bare_sum_s": bare_sum,
                    "ratio": median / bare_sum if bare_sum else None,
                    "scripts_compiled_once": shared_cache,
                    "waited_by_join": joined,
                    "calls": bare,
                }
            )
    database.connection().close()
    database.connection.clear()
    return results


def _printable(params: dict[str, Any] | None) -> dict[str, Any] | None:
    if params is None:
        return None
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in params.items()}
