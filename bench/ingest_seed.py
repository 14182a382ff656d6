"""Ingest throughput on the real seed, against DuckDB's bare read_csv of the same file.

Prints figures, never pass/fail: the machine is shared and noisy, so only the ratio measured in the
same run means much. Usage: .venv/bin/python bench/ingest_seed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stancewatch import db
from stancewatch.config import SEED_CSV
from stancewatch.ingest import ingest_bytes


def _time_ingest(work: Path, data: bytes, i: int) -> float:
    con = db.open_db(work / f"ingest{i}.duckdb", seed=False)
    start = time.perf_counter()
    report = ingest_bytes(con, data, file_name=SEED_CSV.name, by="bench")
    elapsed = time.perf_counter() - start
    assert report.rows_inserted == 207, report.summary()
    con.close()
    return elapsed


def _time_read_csv(work: Path, i: int) -> float:
    con = duckdb.connect(str(work / f"bare{i}.duckdb"))
    start = time.perf_counter()
    # Baseline only: DuckDB's own reader with no validation (the path is ours, not user input).
    con.sql("CREATE TABLE t AS SELECT * FROM read_csv($p)", params={"p": str(SEED_CSV)})
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    data = SEED_CSV.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours = [_time_ingest(work, data, i) for i in range(args.repeat)]
        bare = [_time_read_csv(work, i) for i in range(args.repeat)]
    o, b = statistics.median(ours), statistics.median(bare)
    print(f"rows: 207 (real seed), repeats: {args.repeat}")
    print(f"validated ingest: median {o * 1000:.1f} ms ({207 / o:,.0f} rows/s)")
    print(f"duckdb read_csv:  median {b * 1000:.1f} ms ({207 / b:,.0f} rows/s)")
    print(f"ratio ingest / read_csv: {o / b:.1f}x")


if __name__ == "__main__":
    main()
