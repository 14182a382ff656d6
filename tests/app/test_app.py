"""The app through streamlit.testing.v1.AppTest: real script, real DuckDB (a throwaway file)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from stancewatch.config import ROOT, STANCE_COLOURS
from tests.conftest import chart_traces


def _run() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_overview_shows_the_seed_counts() -> None:
    at = _run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Statements"] == "207"
    assert metrics["Topics"] == "58"
    assert metrics["Stance changes"] == "24"


def test_overview_chart_is_stances_by_capital_from_duckdb() -> None:
    at = _run()
    charts = [c for c in at.get("plotly_chart") if "stance_counts_chart" in c.proto.id]
    assert len(charts) == 1
    traces = chart_traces(charts[0].proto.spec)
    assert list(traces) == ["Confirm", "Deny", "No comment"]
    assert [t["marker"]["color"] for t in traces.values()] == list(STANCE_COLOURS.values())
    total = sum(sum(t["y"]) for t in traces.values())
    assert total == 207
    moscow_deny = dict(zip(traces["Deny"]["x"], traces["Deny"]["y"], strict=True))["Moscow"]
    assert moscow_deny == 30


def test_the_live_line_shows_the_version_the_run_read() -> None:
    at = _run()
    for _ in range(2):  # the first run and a rerun: each full run reads the version once
        live = [c.value for c in at.sidebar.caption if "Live ·" in c.value]
        assert len(live) == 1 and "207 statements" in live[0], live
        at.run()
        assert not at.exception, [e.message for e in at.exception]
