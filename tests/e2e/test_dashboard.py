"""The dashboard in Debian's Chromium, as a person uses it: shared links, page switches, live data."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from urllib.parse import parse_qs, quote, urlparse

import pytest
from playwright.sync_api import expect

from tests.conftest import good_row, make_csv
from tests.e2e.conftest import REFRESH, ROOT, SHOTS

VIEWS = {
    "": "Overview",
    "trends": "Trends",
    "changes": "Stance changes",
    "topics": "Topics",
    "statements": "Statements",
}
README_SHOTS = {"": "overview.png", "changes": "stance-changes.png"}


def cli(server, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stancewatch", "--db", str(server.db_path), *args],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip


def open_view(page, url: str, title: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    page.wait_for_load_state("networkidle")


def metric(page, label: str) -> str:
    card = page.get_by_test_id("stMetric").filter(has_text=label)
    return card.get_by_test_id("stMetricValue").inner_text()


def no_errors(page) -> None:
    assert page.get_by_test_id("stException").count() == 0
    assert page.js_errors == []


def test_overview_draws_its_charts(server, page) -> None:
    open_view(page, server.url, "Overview")
    chart = page.get_by_test_id("stPlotlyChart").last
    expect(chart.locator(".main-svg").first).to_be_visible()
    legend = chart.locator("g.legend text.legendtext")
    assert legend.all_text_contents() == ["Confirm", "Deny", "No comment"]
    assert chart.locator("g.point path").count() == 9  # 3 capitals x 3 stances in the seed
    no_errors(page)


def test_a_shared_link_restores_filters_and_survives_page_switches(server, page) -> None:
    topic = "Russian drone incursion into Polish airspace (Sept 2025)"
    query = f"?capital=Moscow&capital=Paris&from=2025-01-01&topic={quote(topic)}"
    open_view(page, server.url + "/" + query, "Overview")
    expected = json.loads(
        cli(server, "query", "kpis", "--format", "json", "--param", "capitals=Moscow,Paris",
            "--param", "start_on=2025-01-01", "--param", f"topics={topic}").stdout
    )[0]  # fmt: skip
    expect(page.get_by_test_id("stMetric").filter(has_text="Statements")).to_contain_text(
        str(expected["statements"])
    )
    sidebar = page.get_by_test_id("stSidebar")
    for chip in ("Moscow", "Paris", topic):
        expect(sidebar.get_by_text(chip, exact=True)).to_be_visible()
    for path, title in list(VIEWS.items())[1:]:
        page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
        expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
        page.wait_for_url(re.compile(rf"/{path}\?.*capital=Moscow.*capital=Paris"))
        kept = parse_qs(urlparse(page.url).query)
        assert kept["capital"] == ["Moscow", "Paris"] and kept["topic"] == [topic]
        assert kept["from"] == ["2025-01-01"]
        expect(sidebar.get_by_text(topic, exact=True)).to_be_visible()
        no_errors(page)


def test_text_with_cyrillic_round_trips_in_the_url(server, page) -> None:
    open_view(page, server.url + "/statements?q=" + quote("подтвердить"), "Statements")
    box = page.get_by_test_id("stSidebar").get_by_test_id("stTextInputField")
    expect(box).to_have_value("подтвердить")
    expect(page.get_by_text(re.compile(r"of \d+ statements?\b"))).to_be_visible()
    caption = page.get_by_text(re.compile(r"of \d+ statements?\b")).inner_text()
    assert "of 207 statements" not in caption
    no_errors(page)


def test_unknown_link_values_are_dropped_with_a_note(server, page) -> None:
    open_view(page, server.url + "/?capital=Atlantis&capital=Kyiv", "Overview")
    expect(page.get_by_text(re.compile("Ignored from the link"))).to_be_visible()
    expect(page.get_by_text("capital “Atlantis”", exact=False)).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_text("Kyiv", exact=True)).to_be_visible()
    no_errors(page)


@pytest.mark.parametrize("path", list(VIEWS))
def test_screenshot_of_every_view(server, page, path: str) -> None:
    """For people to look at: test-output/screenshots/, and README's when asked to update them."""
    page.set_viewport_size({"width": 1400, "height": 2000})
    open_view(page, f"{server.url}/{path}", VIEWS[path])
    page.wait_for_timeout(1500)  # let plotly finish drawing
    no_errors(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = README_SHOTS.get(path, f"{path}.png")
    out = SHOTS / name
    page.screenshot(path=str(out), full_page=True)
    assert out.stat().st_size > 20_000
    if os.environ.get("STANCEWATCH_UPDATE_DOCS") == "1" and path in README_SHOTS:
        shutil.copy(out, ROOT / "docs" / "screenshots" / name)


def test_new_statements_appear_on_an_open_page(server, page, tmp_path) -> None:
    """Runs last: it adds a statement. The open page updates itself, without a reload."""
    open_view(page, server.url, "Overview")
    before = int(metric(page, "Statements").replace(",", ""))
    csv_path = tmp_path / "cron.csv"
    csv_path.write_bytes(make_csv([good_row(quote="Synthetic e2e statement from a cron job.")]))
    result = cli(server, "ingest", str(csv_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 statement inserted" in result.stdout
    expect(page.get_by_test_id("stMetric").filter(has_text="Statements")).to_contain_text(
        f"{before + 1:,}", timeout=(3 * REFRESH + 10) * 1000
    )
    expect(page.get_by_text("1 statement arrived", exact=False)).to_be_visible()
    no_errors(page)
