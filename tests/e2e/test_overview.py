"""Overview in a real browser: the chart is drawn from DuckDB, and a CLI batch shows up."""

from __future__ import annotations

import subprocess
import sys

from playwright.sync_api import expect

from tests.conftest import good_row, make_csv


def _open_overview(page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')


def _metric(page, label: str) -> str:
    metric = page.get_by_test_id("stMetric").filter(has_text=label)
    return metric.get_by_test_id("stMetricValue").inner_text()


def test_overview_draws_the_chart_without_errors(server, page, tmp_path) -> None:
    _open_overview(page, server.url)
    assert _metric(page, "Statements") == "207"
    bars = page.locator('[data-testid="stPlotlyChart"] g.point path')
    assert bars.count() == 9  # 3 capitals x 3 stances in the seed
    legend = page.locator('[data-testid="stPlotlyChart"] g.legend text.legendtext')
    assert legend.all_text_contents() == ["Confirm", "Deny", "No comment"]
    assert page.get_by_test_id("stException").count() == 0
    assert page.js_errors == []
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)


def test_cli_ingest_while_the_dashboard_runs(server, page, tmp_path) -> None:
    _open_overview(page, server.url)  # the server now holds the database
    before = int(_metric(page, "Statements"))
    csv_path = tmp_path / "cron.csv"
    csv_path.write_bytes(make_csv([good_row(quote="Synthetic e2e statement from a cron job.")]))
    result = subprocess.run(
        [sys.executable, "-m", "stancewatch", "--db", str(server.db_path), "ingest", str(csv_path)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 statements inserted" in result.stdout
    page.reload()
    expect(page.get_by_test_id("stMetric").filter(has_text="Statements")).to_contain_text(
        str(before + 1)
    )
    assert page.get_by_test_id("stException").count() == 0
