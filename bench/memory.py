"""Memory: peak resident memory of `streamlit run app.py` on the N-row store, opened in Chromium.

The server runs as a subprocess on a free loopback port; a headless Chromium (Debian's, through
Playwright, never `playwright install`) opens each view in turn and waits until the script has
finished and the page settled. After each view the harness reads VmHWM (peak RSS) and VmRSS from
/proc/<pid>/status of the server and of every process below it. VmHWM only grows, so the figure
after a view is the peak over that view and the ones before it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from stancewatch.config import ROOT

CHROMIUM = Path(os.environ.get("STANCEWATCH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


def _status_kib(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def _tree(root: int) -> list[int]:
    """root and every descendant, from /proc/*/stat parent ids."""
    parent: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parent[int(entry.name)] = ppid
    found, frontier = [root], [root]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parent.items() if pp == p]
        found += kids
        frontier += kids
    return found


def rss(pid: int) -> dict[str, float]:
    """MiB: the server's own peak and current RSS, and the sums over it and its children."""
    pids = _tree(pid)
    return {
        "server_peak_mib": _status_kib(pid, "VmHWM") / 1024,
        "server_rss_mib": _status_kib(pid, "VmRSS") / 1024,
        "tree_peak_mib": sum(_status_kib(p, "VmHWM") for p in pids) / 1024,
        "processes": len(pids),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_rendered(page: object, timeout_ms: float) -> None:
    """The script has run (Streamlit marks the app div notRunning) and the network settled."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout_ms)
    page.wait_for_timeout(300)  # let the run start before asking whether it ended
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout_ms
    )
    page.wait_for_load_state("networkidle", timeout=timeout_ms)


def measure(store: Path, views: list[str], *, log: Path, timeout: float = 600) -> dict:
    """Start the server, open each view in Chromium, read memory after each; stop the server."""
    if not CHROMIUM.exists():
        return {"error": f"no {CHROMIUM} (apt-get install chromium)"}
    from playwright.sync_api import sync_playwright

    port = _free_port()
    env = {**os.environ, "STANCEWATCH_DB": str(store), "STANCEWATCH_NO_SEED": "1"}
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port),
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    result: dict = {"views": []}
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                return {"error": f"streamlit did not start, see {log}"}
            time.sleep(0.2)
        result["idle"] = rss(proc.pid)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for view in views:
                stem = Path(view).stem
                path = "" if stem == "overview" else stem
                start = time.perf_counter()
                error = None
                try:
                    page.goto(f"{url}/{path}", timeout=timeout * 1000)
                    _wait_rendered(page, timeout * 1000)
                    if page.get_by_test_id("stException").count():
                        error = "exception shown on the page"
                except Exception as exc:  # noqa: BLE001 - a view that never renders is a figure
                    error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
                seconds = time.perf_counter() - start
                result["views"].append(
                    {"view": view, "browser_s": seconds, "error": error, **rss(proc.pid)}
                )
            browser.close()
        result["peak_mib"] = max(v["server_peak_mib"] for v in result["views"])
        result["tree_peak_mib"] = max(v["tree_peak_mib"] for v in result["views"])
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return result
