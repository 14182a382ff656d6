"""Upload in Chromium as a person does it: pick a CSV, read the preview, commit, see the dashboards
follow; a broken file shows its errors and changes nothing."""

from __future__ import annotations

import time
import uuid

from playwright.sync_api import expect

from tests.conftest import good_row, make_csv
from tests.e2e.conftest import REFRESH, SHOTS
from tests.e2e.test_dashboard import metric, no_errors, open_view


def statements_on_overview(page) -> int:
    return int(metric(page, "Statements").replace(",", ""))


def choose_file(page, path) -> None:
    page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(str(path))


def test_upload_commit_shows_on_every_open_page(server, page, browser, tmp_path) -> None:
    watcher = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    open_view(watcher, server.url, "Overview")
    before = statements_on_overview(watcher)
    tag = uuid.uuid4().hex[:8]
    csv_path = tmp_path / "new-statements.csv"
    csv_path.write_bytes(make_csv([good_row(quote=f"Synthetic e2e upload {tag} one."),
                                   good_row(capital="Kyiv", quote=f"Synthetic e2e upload {tag} two.")]))  # fmt: skip

    open_view(page, server.url + "/upload", "Upload statements")
    choose_file(page, csv_path)
    expect(page.get_by_role("heading", name="Preview")).to_be_visible()
    expect(page.get_by_test_id("stMetric").filter(has_text="New")).to_contain_text("2")
    expect(page.get_by_test_id("stMetric").filter(has_text="Rejected")).to_contain_text("0")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "upload-preview.png"), full_page=True)
    started = time.monotonic()
    page.get_by_role("button", name="Commit 2 statements").click()
    expect(page.get_by_text("2 statements inserted", exact=False)).to_be_visible()
    print(f"commit -> summary shown: {time.monotonic() - started:.2f} s")
    page.get_by_test_id("stSidebarNav").get_by_text("Overview", exact=True).click()
    expect(page.get_by_test_id("stMetric").filter(has_text="Statements")).to_contain_text(
        f"{before + 2:,}"
    )
    started = time.monotonic()
    expect(watcher.get_by_test_id("stMetric").filter(has_text="Statements")).to_contain_text(
        f"{before + 2:,}", timeout=(3 * REFRESH + 10) * 1000
    )
    print(f"open page caught up after {time.monotonic() - started:.2f} s (refresh {REFRESH} s)")
    no_errors(page)
    watcher.context.close()


def test_a_broken_csv_shows_its_errors_and_writes_nothing(server, page, tmp_path) -> None:
    open_view(page, server.url, "Overview")
    before = statements_on_overview(page)
    csv_path = tmp_path / "broken.csv"
    csv_path.write_bytes(make_csv([good_row(quote="Synthetic fine row."),
                                   good_row(date="31/02/2025", quote="Synthetic bad date."),
                                   good_row(capital="Atlantis", quote="Synthetic bad capital.")]))  # fmt: skip
    page.get_by_test_id("stSidebarNav").get_by_text("Upload", exact=True).click()
    choose_file(page, csv_path)
    expect(page.get_by_role("heading", name="Rejected rows (2)")).to_be_visible()
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_be_visible()
    expect(page.get_by_role("button", name="Commit 1 statement")).to_be_disabled()
    expect(page.get_by_text("Some rows are invalid", exact=False)).to_be_visible()
    page.screenshot(path=str(SHOTS / "upload-rejected.png"), full_page=True)
    page.get_by_test_id("stSidebarNav").get_by_text("Overview", exact=True).click()
    expect(page.get_by_test_id("stMetric").filter(has_text="Statements")).to_contain_text(
        f"{before:,}"
    )
    assert statements_on_overview(page) == before
    no_errors(page)
