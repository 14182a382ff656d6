"""Trends downloads in Chromium: every format saved as a person would, checked against the query."""

from __future__ import annotations

import io
import json
import zipfile
from xml.etree import ElementTree

import pandas as pd
from playwright.sync_api import expect

from tests.e2e.test_dashboard import cli, no_errors, open_view

URL = "/trends?capital=Moscow&capital=Paris&from=2025-01-01&grain=Week"
STEM = "stance-share_moscow-paris_2025-01-01_end_week"


def expected_rows(server) -> pd.DataFrame:
    """stance_share for the same filters on the same data, through the project's query API."""
    out = cli(
        server, "query", "stance_share", "--format", "json", "--param", "capitals=Moscow,Paris",
        "--param", "start_on=2025-01-01", "--param", "grain=week",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return pd.DataFrame(json.loads(out.stdout))


def save(page, menu, label: str, tmp_path):
    with page.expect_download(timeout=60_000) as info:
        menu.get_by_role("button", name=label).click()
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path


def test_every_trends_download_is_what_the_screen_shows(server, page, tmp_path) -> None:
    open_view(page, server.url + URL, "Trends")
    page.get_by_test_id("stPopover").first.get_by_role("button").first.click()
    menu = page.get_by_test_id("stPopoverBody")
    expect(menu.get_by_role("button", name="PNG image")).to_be_visible()

    png = save(page, menu, "PNG image", tmp_path)
    assert png.name == f"{STEM}.png" and png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    svg = save(page, menu, "SVG image", tmp_path)
    assert svg.name == f"{STEM}.svg"
    ElementTree.fromstring(svg.read_bytes())
    assert "Stance share by week" in svg.read_text(encoding="utf-8")
    html = save(page, menu, "Interactive HTML", tmp_path)
    assert html.name == f"{STEM}.html" and "<title>Stance share by week</title>" in html.read_text()

    expected = expected_rows(server)
    csv_path = save(page, menu, "Data (CSV)", tmp_path)
    assert csv_path.name == f"{STEM}.csv" and csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    got = pd.read_csv(csv_path, encoding="utf-8-sig")
    assert got.period.tolist() == expected.period.tolist()
    assert got.capital.tolist() == expected.capital.tolist()
    assert got.stance.tolist() == expected.stance.tolist()
    assert got.statements.tolist() == expected.statements.tolist()
    assert got.share.round(9).tolist() == expected.share.round(9).tolist()
    parquet = pd.read_parquet(save(page, menu, "Data (Parquet)", tmp_path))
    assert parquet.statements.tolist() == expected.statements.tolist()
    no_errors(page)


def test_the_view_zip_holds_every_chart_and_a_readme(server, page, tmp_path) -> None:
    open_view(page, server.url + URL, "Trends")
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name="Download this view").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name.startswith("trends_moscow-paris_2025-01-01_end_week") and path.suffix == ".zip"
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zf:
        names = set(zf.namelist())
        readme = zf.read("README.txt").decode("utf-8")
    for chart in ("stance-share", "silence-rate"):
        for ext in ("png", "svg", "html", "csv", "parquet"):
            assert f"{chart}_moscow-paris_2025-01-01_end_week.{ext}" in names
    assert "capitals:  Moscow, Paris" in readme and "dates:     2025-01-01" in readme
    no_errors(page)
