"""The real server (`streamlit run app.py`) on a free loopback port, driven in Debian's Chromium.

Chromium comes from apt (`apt-get install chromium`); Playwright never downloads a browser here.
Without /usr/bin/chromium this tier is skipped with one line, unless REQUIRE_E2E=1 (CI), which
turns the missing browser into a failure.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("STANCEWATCH_CHROMIUM", "/usr/bin/chromium"))
REFRESH = 2  # seconds between the live checks of the e2e server
SHOTS = Path(os.environ.get("STANCEWATCH_SCREENSHOTS", ROOT / "test-output" / "screenshots"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    e2e = [item for item in items if "tests/e2e/" in item.nodeid]
    if CHROMIUM.exists() or not e2e:
        return
    if os.environ.get("REQUIRE_E2E") == "1":
        raise pytest.UsageError(
            f"REQUIRE_E2E=1 but {CHROMIUM} is missing: apt-get install chromium"
        )
    marker = pytest.mark.skip(
        reason=f"e2e tier skipped: no {CHROMIUM}; run `apt-get install chromium` (or make test as "
        "root), or set REQUIRE_E2E=1 to make this a failure"
    )
    for item in e2e:
        item.add_marker(marker)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(
    work: Path, env: dict[str, str]
) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    """`streamlit run app.py` on a free loopback port with extra environment; stopped after."""
    port = free_port()
    log = work / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port),
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"streamlit did not start:\n{log.read_text()}")
        time.sleep(0.2)
    try:
        yield url, proc, log
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


class Server:
    def __init__(self, url: str, db_path: Path, proc: subprocess.Popen[bytes], log: Path) -> None:
        self.url, self.db_path, self.proc, self.log = url, db_path, proc, log


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Its own database file: DuckDB allows one process per file."""
    work = tmp_path_factory.mktemp("e2e")
    db_path = work / "e2e.duckdb"
    env = {"STANCEWATCH_DB": str(db_path), "STANCEWATCH_REFRESH_SECONDS": str(REFRESH)}
    with running_server(work, env) as (url, proc, log):
        yield Server(url, db_path, proc, log)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors
    yield pg
    ctx.close()
