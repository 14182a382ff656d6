"""The README's benchmark tables, in Markdown, from `bench/run.py --json` files.

Written from the JSON rather than by hand, so a figure in the README is the figure a run printed.
Files of the same size fill each other's missing sections (at 10M the ingest runs apart). Ratios
are cut toward the miss, never rounded past a target: a speed-up of 4.98x shows as 4.9x, a view
ratio of 1.503x as 1.51x; a section a run skipped is an empty cell.

    .venv/bin/python bench/tables.py bench/out/s10-100k.json bench/out/s10-1m.json \
        bench/out/s10-10m.json bench/out/s10-10m-ingest.json
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

Run = dict[str, Any]
# (label, key of the ratios in the JSON's peers section, ours' time for it)
PEERS = (
    ("as served (its derived table)", "ours", "duckdb"),
    ("from scratch (the statements alone)", "scratch", "duckdb_scratch"),
    ("first read after a write (a rebuild + as served)", "first_read", "duckdb_first_read"),
    ("first read after 50 statements undone (in place + as served)", "small_write",
     "duckdb_small_write"),
    ("first read after 50 new statements (in place + as served)", "small_append",
     "duckdb_small_append"),
    ("change log (`analytics/stance_changes`: every change with its quotes)", "named",
     "duckdb_named"),
)  # fmt: skip
Row = tuple[str, str, str, Callable[[Run], str]]  # label, target, section it needs, cell


def merge(runs: list[Run]) -> dict[int, Run]:
    """Runs by size; a later file's sections fill what an earlier one of its size skipped."""
    sizes: dict[int, Run] = {}
    for run in runs:
        into = sizes.setdefault(run["rows"], {})
        for key, value in run.items():
            if into.get(key) in (None, [], {}):
                into[key] = value
    return dict(sorted(sizes.items()))


def size_label(rows: int) -> str:
    for unit, name in ((1_000_000, "M"), (1_000, "k")):
        if rows >= unit and rows % unit == 0:
            return f"{rows // unit}{name}"
    return f"{rows:,}"


def down(value: float, digits: int = 1) -> str:
    """A higher-is-better ratio, cut (not rounded) to `digits`: never shown as met when missed."""
    return f"{math.floor(value * 10**digits + 1e-9) / 10**digits:.{digits}f}x"  # 1e-9: float noise


def up(value: float, digits: int = 2) -> str:
    """A lower-is-better ratio, raised to `digits`."""
    return f"{math.ceil(value * 10**digits - 1e-9) / 10**digits:.{digits}f}x"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 1 else f"{seconds:,.2f} s"


def _peer(task: str, key: str, time: str) -> Callable[[Run], str]:
    def make(run: Run) -> str:
        p = run["peers"][task]
        return (
            f"{down(p[f'sqlite_over_{key}'])}, {down(p[f'pandas_over_{key}'])} "
            f"({_ms(p[time]['median_s'])})"
        )

    return make


def _span(values: list[float], fmt: Callable[[float], str]) -> str:
    return f"{fmt(min(values))}–{fmt(max(values))}"


def _times(run: Run) -> str:
    times = [v["median_s"] for v in run["views"]]
    met = sum(t < run["targets"]["view_seconds"] for t in times)
    shown = _span(times, lambda s: f"{s * 1000:,.0f}")
    return f"{shown} ms ({met} of {len(times)} met)"


def _ratios(run: Run) -> str:
    ratios = [v["ratio"] for v in run["views"]]
    met = sum(r <= run["targets"]["view_ratio"] for r in ratios)
    return f"{_span(ratios, up)} ({met} of {len(ratios)} met)"


def _ingest(run: Run) -> str:
    ing = run["ingest"]
    parts = f"; {ing['batches']} batches" if ing.get("batches", 1) > 1 else ""
    return f"{ing['ingest_rows_per_s']:,.0f} rows/s ({down(ing['ratio'], 3)}{parts})"


def _memory(run: Run) -> str:
    return f"{max(v['server_peak_mib'] for v in run['memory']['views']):,.0f} MiB"


def _scaling(run: Run, smaller: Run | None) -> str:
    """Each view's time and the ingest's over the same at a tenth of the rows (the runs shown)."""
    if smaller is None:
        return ""
    before = {v["view"]: v["median_s"] for v in smaller.get("views") or []}
    views = [
        v["median_s"] / before[v["view"]] for v in run.get("views") or [] if v["view"] in before
    ]
    out = [f"views {_span(views, lambda r: up(r, 1))}"] if views else []
    if run.get("ingest") and smaller.get("ingest"):
        out.append(f"ingest {up(run['ingest']['ingest_s'] / smaller['ingest']['ingest_s'], 1)}")
    return "; ".join(out)


def summary(sizes: dict[int, Run]) -> str:
    """One row per target of the issue (and the floors that bound the ingest), one column a size."""
    rows: list[Row] = [
        ("validated ingest, rows/s (x read_csv)", ">= 0.5x", "ingest", _ingest),
        ("floor: the rows into `statements` with its keys and checks, nothing validated", "",
         "ingest", lambda r: down(r["ingest"]["floor_ratio"], 3)),
        ("floor: the same rows with only the key DESIGN.md requires (fingerprint UNIQUE)", "",
         "ingest", lambda r: down(r["ingest"]["design_key_ratio"], 3)),
        ("floor: the rows as stored (ids, topic ids, fingerprints), no key, index or check", "",
         "ingest", lambda r: down(r["ingest"]["no_keys_ratio"], 3)),
        ("read + hash + store into a table with no schema", "", "ingest",
         lambda r: down(r["ingest"]["unconstrained_ratio"], 3)),
        ("dashboard views, median server-side run", "< 0.5 s at 1M, < 2 s at 10M", "views",
         _times),
        ("view run / sum of its queries", "<= 1.5x", "views", _ratios),
    ]  # fmt: skip
    for task, name in (("share", "stance share"), ("changes", "stance changes")):
        for label, key, time in PEERS:
            if key != "named" or task == "changes":
                rows.append((f"{name} {label}", "SQLite/ours >= 20x, pandas/ours >= 5x", "peers",
                             _peer(task, key, time)))  # fmt: skip
    rows.append(("server peak RSS over every view", "< 1.5 GB at 10M", "memory", _memory))
    head = ["figure", "target", *(size_label(n) for n in sizes)]
    body = [[label, target, *(make(run) if run.get(section) else "" for run in sizes.values())]
            for label, target, section, make in rows]  # fmt: skip
    scaled = [
        _scaling(run, sizes.get(n // 10) if n % 10 == 0 else None) for n, run in sizes.items()
    ]
    body.append(["time over a tenth of the rows", "<= 12x", *scaled])
    return _markdown(head, body)


def views(sizes: dict[int, Run]) -> str:
    """Each view: its median server-side run and that run over the sum of its queries."""
    names = [v["view"] for run in sizes.values() for v in run.get("views") or []]
    body = []
    for name in dict.fromkeys(names):
        cells = []
        for run in sizes.values():
            v = next((v for v in run.get("views") or [] if v["view"] == name), None)
            cells.append(f"{_ms(v['median_s'])}, {up(v['ratio'])}" if v else "")
        body.append([f"`{name}`", *cells])
    return _markdown(["view: run, run/queries", *(size_label(n) for n in sizes)], body)


def steps(sizes: dict[int, Run]) -> str:
    """The ingest's steps, each against read_csv's time for the whole file."""
    with_steps = {n: r for n, r in sizes.items() if (r.get("ingest") or {}).get("steps")}
    names = [s["step"] for r in with_steps.values() for s in r["ingest"]["steps"]]
    body = []
    for name in dict.fromkeys(names):
        cells = []
        for run in with_steps.values():
            s = next((s for s in run["ingest"]["steps"] if s["step"] == name), None)
            cells.append(f"{_ms(s['s'])} ({s['x_read_csv']:.2f}x)" if s else "")
        body.append([name, *cells])
    return _markdown(["step", *(size_label(n) for n in with_steps)], body)


def _markdown(head: list[str], body: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=Path, nargs="+", help="bench/run.py --json files")
    args = parser.parse_args(argv)
    sizes = merge([json.loads(p.read_text(encoding="utf-8")) for p in args.runs])
    for title, table in (("Targets", summary), ("Views", views), ("Ingest steps", steps)):
        print(f"### {title}\n\n{table(sizes)}\n")


if __name__ == "__main__":
    main()
