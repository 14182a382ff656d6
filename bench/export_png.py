"""Time to make a chart's PNG: the first (starts kaleido's Chrome) and warm ones, on the seed.

Prints figures only. Usage: .venv/bin/python bench/export_png.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from components import charts
from stancewatch import db, figure_export, sql
from stancewatch.figure_export import ChartExport
from stancewatch.params import Filters


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        con = db.open_db(Path(tmp) / "bench.duckdb")
        data = sql.df(con, "analytics/stance_share", {**Filters().params(), "grain": "month"})
        con.close()
    export = ChartExport(
        "stance-share", "Stance share by month", charts.stance_share_chart(data), data,
        Filters(), int(data.statements.sum()), grain="month",
    )  # fmt: skip
    start = time.perf_counter()
    figure_export.image_bytes(export, "png")
    first = time.perf_counter() - start
    warm = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        figure_export.image_bytes(export, "png", scale=2)
        warm.append(time.perf_counter() - start)
    start = time.perf_counter()
    figure_export.html_bytes(export)
    html = time.perf_counter() - start
    print(f"chrome: {figure_export.chrome_path()}")
    print(f"PNG first (starts kaleido's browser): {first:.2f} s")
    print(f"PNG warm, scale 2, median of {args.repeat}: {statistics.median(warm):.3f} s")
    print(f"ratio first / warm: {first / statistics.median(warm):.1f}x")
    print(f"HTML (plotly.js embedded): {html:.3f} s")


if __name__ == "__main__":
    main()
