"""Small shared helpers for bench/run.py: median wall-clock timing and the machine's description."""

from __future__ import annotations

import os
import platform
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def median_time(
    fn: Callable[[], Any], repeats: int, warmup: int = 1
) -> tuple[float, list[float], Any]:
    """(median seconds, every timed run, the last result) of `fn` after `warmup` untimed runs."""
    result = None
    for _ in range(warmup):
        result = fn()
    times = []
    for _ in range(max(repeats, 1)):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, result


class Steps:
    """Seconds spent in each step an ingest reports through its progress callback, summed over
    the batches of one run. A step lasts until the next is announced, or until `stop()`; counts
    in a step's words ("Checking 1,000,000 rows") are left out, so batches share one name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._step: str | None = None
        self._since = 0.0

    def __call__(self, step: str, _fraction: float) -> None:
        now = time.perf_counter()
        self._close(now)
        self._step, self._since = re.sub(r"[\d,]+ ", "", step), now

    def stop(self) -> None:
        self._close(time.perf_counter())
        self._step = None

    def _close(self, now: float) -> None:
        if self._step is not None:
            self.seconds[self._step] = self.seconds.get(self._step, 0.0) + now - self._since


def machine() -> dict[str, Any]:
    """nproc, CPU model, RAM, OS and Python: printed above every table."""
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = None
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = int(line.split()[1]) * 1024
    import duckdb
    import pandas
    import streamlit

    return {
        "nproc": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(ram / 2**30, 1) if ram else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "pandas": pandas.__version__,
        "streamlit": streamlit.__version__,
        "git": _git(),
        "code_sha256": code_fingerprint(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def _git() -> str:
    """The commit measured, and whether the working tree had uncommitted changes."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root, capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip
    except OSError:
        return "unknown"
    return f"{head}{' + uncommitted changes' if dirty else ''}"


def code_fingerprint() -> str:
    """A hash of the code being measured (app, views, components, core, queries), so two runs
    compared for scaling can tell whether the code changed between them."""
    import hashlib

    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    files = [root / "app.py"]
    for folder in ("views", "components", "stancewatch", "queries"):
        files += sorted((root / folder).rglob("*.py")) + sorted((root / folder).rglob("*.sql"))
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]
