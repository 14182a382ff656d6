"""Refresh: stance_links kept up to date in place or rebuilt whole, after writes of growing size.

    .venv/bin/python bench/refresh.py --rows 1000000 --json bench/out/refresh-1m.json

Why: after a write, db._update_links_in_place redoes only what changed, unless a share of the
table says a rebuild would be quicker (db.IN_PLACE_SHARE for undos, db.REDO_SHARE for the rows a
redo rewrites, db.APPEND_SHARE for statements that all come after their histories). This prints,
for each kind of write and size, the time in place (shares lifted), the time of a rebuild, and
what the shares chose and paid, so that the shares can be checked against the crossovers on any
machine. Every write runs in a transaction rolled back after it; each in-place result is compared
with a rebuild of the same state (row count and a hash of every row), so no figure rests on a
wrong answer. Prints figures, never pass/fail.

The refresh reads the write uncommitted here, where the dashboard reads it committed (the next
read after the write refreshes). At 1M the two agree for stance_links (docs/benchmarks.md, "When
a refresh rebuilds"); stance_daily's adjustment does not (250,000 undone: 182 ms uncommitted, 24-28
ms committed), so it is not timed here.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import peers, run  # noqa: E402
from bench.timing import machine  # noqa: E402
from stancewatch import db, sql  # noqa: E402

SHARES = ("IN_PLACE_SHARE", "REDO_SHARE", "APPEND_SHARE")
# Writes, as named queries run in order, and the shares of the store's rows they are timed at
# (around each kind's crossover at 1M, docs/benchmarks.md "When a refresh rebuilds").
WRITES: dict[str, tuple[str, ...]] = {
    "undo": peers.WRITES["remove"],  # archived, then deleted, as an undo does
    "backdate": ("bench/backdate_sample_statements",),
    "append": peers.WRITES["append"],
}
SIZES: dict[str, tuple[float, ...]] = {
    "undo": (0.01, 0.1, 0.2, 0.25, 0.4),
    "backdate": (0.0005, 0.002, 0.005, 0.012, 0.02),
    "append": (0.01, 0.25, 0.4, 0.9),
}


@contextmanager
def shares_lifted() -> Iterator[None]:
    """db's refresh shares lifted, restored after: every refresh is tried in place (here to time
    it; in the refresh tests because their histories are short, and most writes would pass a
    share)."""
    saved = {name: getattr(db, name) for name in SHARES}
    for name in SHARES:
        setattr(db, name, 1e9)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(db, name, value)


@contextmanager
def _tail_rows(seen: list[int]) -> Iterator[None]:
    """Records derived/stale_tail_rows, the rows a redo would rewrite, when the refresh asks."""
    scalar = sql.scalar

    def recorded(cur: duckdb.DuckDBPyConnection, name: str, params: Any = None) -> Any:
        value = scalar(cur, name, params)
        if name == "derived/stale_tail_rows":
            seen.append(int(value))
        return value

    sql.scalar = recorded
    try:
        yield
    finally:
        sql.scalar = scalar


def _checksum(con: duckdb.DuckDBPyConnection) -> tuple:
    return tuple(sql.rows(con, "backup/table_checksum", {"table_name": "stance_links"})[0])


def _after(con: duckdb.DuckDBPyConnection, kind: str, n: int, how: str) -> dict[str, Any]:
    """One write of `n` statements, then stance_links brought up to date `how` ("in_place",
    shares lifted; "rebuild"; "chosen", as ensure_stance_links does it), timed; rolled back."""
    tails: list[int] = []
    con.begin()
    try:
        for query in WRITES[kind]:
            sql.execute(con, query, {"n": n})
        start = time.perf_counter()
        if how == "rebuild":
            db.rebuild(con, "stance_links")
            done = False
        elif how == "in_place":
            with shares_lifted(), _tail_rows(tails):
                done = db._update_links_in_place(con)
            if not done:
                raise RuntimeError(f"{kind} of {n}: the in-place refresh declined, shares lifted")
        else:
            done = db._update_links_in_place(con)
            if not done:
                db.rebuild(con, "stance_links")
        seconds = time.perf_counter() - start
        if how == "in_place":  # the same rows as a rebuild of this state, or no figure
            refreshed = _checksum(con)
            db.rebuild(con, "stance_links")
            if refreshed != _checksum(con):
                raise RuntimeError(f"{kind} of {n}: in place differs from a rebuild")
        return {"s": seconds, "in_place": done, "tail_rows": tails[-1] if tails else None}
    finally:
        con.rollback()


def measure(con: duckdb.DuckDBPyConnection, repeats: int) -> list[dict[str, Any]]:
    db.ensure_stance_links(con)
    linked = _checksum(con)[0]
    results = []
    for kind, shares in SIZES.items():
        for share in shares:
            n = max(1, round(share * linked))
            runs: dict[str, list[dict[str, Any]]] = {"in_place": [], "rebuild": [], "chosen": []}
            for _ in range(repeats):
                for how in runs:  # alternated, so that drift on a shared host hits all three
                    runs[how].append(_after(con, kind, n, how))
            median = {how: statistics.median(r["s"] for r in rs) for how, rs in runs.items()}
            tail = runs["in_place"][-1]["tail_rows"]
            chose_in_place = runs["chosen"][-1]["in_place"]
            results.append(
                {
                    "write": kind,
                    "statements": n,
                    "share": n / linked,
                    "tail_rows": tail,
                    "tail_share": None if tail is None else tail / linked,
                    "in_place_s": median["in_place"],
                    "rebuild_s": median["rebuild"],
                    "chosen_s": median["chosen"],
                    "chose": "in place" if chose_in_place else "rebuild",
                    "quicker": "in place" if median["in_place"] < median["rebuild"] else "rebuild",
                    "runs_s": {how: [r["s"] for r in rs] for how, rs in runs.items()},
                }
            )
            print(_line(results[-1]), flush=True)
    return results


def _line(r: dict[str, Any]) -> str:
    tail = "" if r["tail_share"] is None else f", {r['tail_share']:.0%} of rows redone"
    return (
        f"{r['write']:8s} {r['statements']:>10,} ({r['share']:.2%}{tail}): "
        f"in place {r['in_place_s']:.3f} s, rebuild {r['rebuild_s']:.3f} s; "
        f"chose {r['chose']} ({r['chosen_s']:.3f} s), quicker: {r['quicker']}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--json", type=Path, help="write every figure here as JSON")
    parser.add_argument("--out", type=Path, default=run.OUT, help="cache of generated data")
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args(argv)
    store = run.prepare(args.rows, args.out, need_csv=False)["store"]
    print(f"stance_links refresh at {args.rows:,} rows ({store}); shares: "
          + ", ".join(f"{name} {getattr(db, name)}" for name in SHARES))  # fmt: skip
    con = db.open_db(store, seed=False)
    try:
        results = measure(con, args.repeats)
    finally:
        con.close()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        shares = {name: getattr(db, name) for name in SHARES}
        out = {"rows": args.rows, "machine": machine(), "shares": shares, "results": results}
        args.json.write_text(json.dumps(out, indent=1, default=str))
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
