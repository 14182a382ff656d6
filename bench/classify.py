"""Stance suggestions per second: 100,000 quotes (the seed's quotes, repeated) through classify().

Prints figures, never passes or fails. Usage: .venv/bin/python bench/classify.py [N]
The quotes are the real seed's, cycled to N (default 100,000) with each row's language, topic and
capital, as an upload of unlabelled rows would give them.
"""

from __future__ import annotations

import itertools
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stancewatch.classify import classify
from stancewatch.classify_evaluate import read_rows
from stancewatch.config import SEED_CSV


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rows = read_rows(SEED_CSV.read_bytes())
    work = list(itertools.islice(itertools.cycle(rows), n))
    classify("warm-up: load the cue files", "en")
    started = time.perf_counter()
    answered = 0
    for row in work:
        s = classify(row["quote"], row["quote_language"], row["topic"], row["capital"])
        answered += s.stance is not None
    elapsed = time.perf_counter() - started
    chars = sum(len(r["quote"]) for r in work) / n
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"{n:,} quotes (mean {chars:.0f} characters) in {elapsed:.1f} s, one process")
    print(f"{n / elapsed:,.0f} quotes/second; {answered / n:.1%} answered")


if __name__ == "__main__":
    main()
