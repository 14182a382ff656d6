"""The README's benchmark tables, in Markdown, from `bench/run.py --json` files.

Written from the JSON rather than by hand, so a figure in the README is the figure a run printed.
Files of the same size fill each other's missing sections (at 10M the ingest runs apart).

    .venv/bin/python bench/tables.py bench/out/bench-100000.json bench/out/bench-1000000.json \
        bench/out/bench-10000000.json bench/out/s10-10m-ingest.json
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

Run = dict[str, Any]
PEERS = (
    ("as served (its derived table)", "ours"),
    ("from scratch (the statements alone)", "scratch"),
    ("first read after a write (a rebuild + as served)", "first_read"),
    ("first read after 50 statements undone (in place + as served)", "small_write"),
    ("first read after 50 new statements (in place + as served)", "small_append"),
)
PEER_TIMES = {  # ours' time for each ratio above
    "ours": "duckdb",
    "scratch": "duckdb_scratch",
    "first_read": "duckdb_first_read",
    "small_write": "duckdb_small_write",
    "small_append": "duckdb_small_append",
}


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


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 1 else f"{seconds:,.2f} s"


def _cell(run: Run, make: Callable[[Run], str]) -> str:
    try:
        return make(run)
    except (KeyError, TypeError, ValueError):
        return ""  # a section this run skipped


def _peer(task: str, key: str) -> Callable[[Run], str]:
    def make(run: Run) -> str:
        p = run["peers"][task]
        return (
            f"{p[f'sqlite_over_{key}']:.1f}x, {p[f'pandas_over_{key}']:.1f}x "
            f"({_ms(p[PEER_TIMES[key]]['median_s'])})"
        )

    return make


def _span(run: Run, field: str, fmt: Callable[[float], str]) -> str:
    values = [v[field] for v in run["views"] if field in v]
    return f"{fmt(min(values))}–{fmt(max(values))}" if values else ""


def _times(run: Run) -> str:
    met = sum(v["median_s"] < run["targets"]["view_seconds"] for v in run["views"])
    shown = f"{_span(run, 'median_s', lambda s: f'{s * 1000:,.0f}')} ms"
    return f"{shown} ({met} of {len(run['views'])} met)"


def _ratios(run: Run) -> str:
    met = sum(v["ratio"] <= run["targets"]["view_ratio"] for v in run["views"] if "ratio" in v)
    return f"{_span(run, 'ratio', lambda r: f'{r:.2f}x')} ({met} of {len(run['views'])} met)"


def _ingest(run: Run) -> str:
    ing = run["ingest"]
    parts = f"; {ing['batches']} batches" if ing.get("batches", 1) > 1 else ""
    return f"{ing['ingest_rows_per_s']:,.0f} rows/s ({ing['ratio']:.3f}x{parts})"


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
    out = [f"views {min(views):.1f}–{max(views):.1f}x"] if views else []
    if run.get("ingest") and smaller.get("ingest"):
        out.append(f"ingest {run['ingest']['ingest_s'] / smaller['ingest']['ingest_s']:.1f}x")
    return "; ".join(out)


def summary(sizes: dict[int, Run]) -> str:
    """One row per target of the issue (and the floors that bound the ingest), one column a size."""
    rows: list[tuple[str, str, Callable[[Run], str]]] = [
        ("validated ingest, rows/s (x read_csv)", ">= 0.5x", _ingest),
        ("floor: the rows into `statements` with its keys and checks, nothing validated",
         "", lambda r: f"{r['ingest']['floor_ratio']:.3f}x"),
        ("floor: the rows as stored (ids, topic ids, fingerprints), no key, index or check",
         "", lambda r: f"{r['ingest']['no_keys_ratio']:.3f}x"),
        ("read + hash + store into a table with no schema", "",
         lambda r: f"{r['ingest']['unconstrained_ratio']:.3f}x"),
        ("dashboard views, median server-side run", "< 0.5 s at 1M, < 2 s at 10M",
         _times),
        ("view run / sum of its queries", "<= 1.5x", _ratios),
    ]  # fmt: skip
    for task, name in (("share", "stance share"), ("changes", "stance changes")):
        for label, key in PEERS:
            rows.append((f"{name} {label}", "SQLite/ours >= 20x, pandas/ours >= 5x",
                         _peer(task, key)))  # fmt: skip
    rows.append(("server peak RSS over every view", "< 1.5 GB at 10M", _memory))
    head = ["figure", "target", *(size_label(n) for n in sizes)]
    body = [[label, target, *(_cell(run, make) for run in sizes.values())]
            for label, target, make in rows]  # fmt: skip
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
            cells.append(f"{_ms(v['median_s'])}, {v['ratio']:.2f}x" if v and "ratio" in v else "")
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
