"""Hostile statement text in Chromium: on every view, no script runs and links open only http(s);
with an editor password set, no write button works without it.

Its own server on a free port with its own database file (DuckDB allows one process per file),
loaded with the seed plus synthetic statements carrying `<img src=x onerror=...>`, `<script>`,
`javascript:` and Markdown links in every text column. Each payload would set `window.__xss`;
the test checks it stays unset after each view has drawn.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from stancewatch import db, editor_access
from stancewatch.ingest import ingest_bytes
from tests.conftest import make_csv
from tests.e2e.conftest import running_server
from tests.e2e.test_dashboard import no_errors, open_view

PASSWORD = "e2e editor password"
FLAG = "window.__xss"
PAYLOADS = [
    '<img src=x onerror="window.__xss=1">',
    "<script>window.__xss=2</script>",
    "[click me](javascript:window.__xss=3)",
    '<a href="javascript:window.__xss=4">link</a>',
    "<svg onload=window.__xss=5></svg>",
    '"><iframe src="javascript:window.__xss=6"></iframe>',
]
TOPIC = f"Synthetic XSS topic {PAYLOADS[0]} {PAYLOADS[1]}"
VIEWS = {"": "Overview", "trends": "Trends", "changes": "Stance changes", "topics": "Topics",
         "statements": "Statements", "upload": "Upload statements", "batches": "Batches",
         "review": "Review stance suggestions", "topic_editor": "Edit topics"}  # fmt: skip


def hostile_csv() -> bytes:
    header = ["date", "capital", "topic", "stance", "speaker", "speaker_role", "quote",
              "source_url", "source_name", "notes"]  # fmt: skip
    rows = []
    for i, p in enumerate(PAYLOADS):
        rows.append([f"2026-01-{10 + i:02d}", "Moscow", TOPIC, ("confirm", "deny")[i % 2],
                     f"Speaker {p}", f"Role {p}", f"Quote {p} end.", f"https://example.org/{i}?{quote(p)}",
                     f"Outlet {p}", p])  # fmt: skip
    # No stance: the classifier suggests one and the Review view shows the quote with its cues.
    rows.append(["2026-01-20", "Paris", TOPIC, "", f"Reviewer {PAYLOADS[0]}", "",
                 f"We deny this. {PAYLOADS[1]} {PAYLOADS[0]}", "", "", ""])  # fmt: skip
    return make_csv(rows, header=header)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("e2e-hostile")
    db_path = work / "hostile.duckdb"
    con = db.open_db(db_path, seed=True)
    report = ingest_bytes(con, hostile_csv(), file_name=f"{PAYLOADS[0]}.csv", by=PAYLOADS[1],
                          pending_review=True)  # fmt: skip
    assert report.written, report.summary()
    con.close()
    env = {"STANCEWATCH_DB": str(db_path), editor_access.ENV_VAR: PASSWORD}
    with running_server(work, env) as (url, _, _):
        yield url


def assert_safe(page) -> None:
    assert page.evaluate(FLAG) is None, f"a payload ran on {page.url}"
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    bad = [h for h in hrefs if not h.startswith(("http://", "https://"))]
    assert bad == [], bad
    for frame in page.frames:  # an injected iframe would be a frame of its own
        assert frame.url.startswith(("http://", "https://", "about:blank")), frame.url
    no_errors(page)


def test_hostile_text_runs_no_script_on_any_view(hostile_server: str, page) -> None:
    focus = "?focus=" + quote(TOPIC) + "&topic=" + quote(TOPIC)
    for path, title in VIEWS.items():
        suffix = focus if path in ("", "topics", "changes", "statements") else ""
        open_view(page, f"{hostile_server}/{path}{suffix}", title)
        page.wait_for_timeout(500)  # plotly and st.html have drawn
        assert_safe(page)
        if path == "topics":  # shown as text, escaped, not dropped
            expect(
                page.get_by_text("Quote <script>window.__xss=2</script> end.", exact=False)
            ).to_be_visible()
        if path == "review":
            expect(page.get_by_text(PAYLOADS[1], exact=False).first).to_be_visible()
    # Hovering the charts shows hover labels built from the same text.
    open_view(page, f"{hostile_server}/topics{focus}", "Topics")
    chart = page.get_by_test_id("stPlotlyChart").first
    box = chart.bounding_box()
    for dx in range(20, int(box["width"]) - 20, 40):
        page.mouse.move(box["x"] + dx, box["y"] + box["height"] / 2)
    assert_safe(page)


def test_no_write_button_works_without_the_password(hostile_server: str, page, tmp_path) -> None:
    open_view(page, f"{hostile_server}/batches", "Batches")
    page.get_by_text("Take the", exact=False).click()
    expect(page.get_by_role("button", name="Undo batch")).to_be_disabled()
    page.get_by_label("Editor password").fill("wrong")
    page.get_by_role("button", name="Unlock editing").click()
    expect(page.get_by_text("Wrong password", exact=False)).to_be_visible()
    expect(page.get_by_role("button", name="Undo batch")).to_be_disabled()
    open_view(page, f"{hostile_server}/review", "Review stance suggestions")
    expect(page.get_by_role("button", name="Accept suggestion").first).to_be_disabled()
    csv_path = tmp_path / "new.csv"
    csv_path.write_bytes(
        make_csv([["2025-03-01", "Kyiv", "Synthetic", "deny", "S", "Synthetic e2e.", ""]])
    )
    open_view(page, f"{hostile_server}/upload", "Upload statements")
    page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(str(csv_path))
    expect(page.get_by_role("button", name="Commit 1 statement")).to_be_disabled()
    assert_safe(page)
