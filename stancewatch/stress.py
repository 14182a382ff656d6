"""Opt-in stress runs that print figures: crash safety and concurrent writers.

    python -m stancewatch.stress crash --kills 20 --rows 100000
    python -m stancewatch.stress writers --writers 8 --rows 5000 --readers 4

`crash` ingests a large batch in a child process (`python -m stancewatch ingest`, the real CLI)
and SIGKILLs it at a random moment, `--kills` times, each time with a new batch. After each kill
the database must open, pass the integrity check (integrity/problems: every statement in a
committed batch, every batch's counts matching its rows) and hold the batch wholly or not at all;
every batch that was present before stays present. The kill moment is uniform over the time one
uninterrupted ingest of the same size takes (measured first), every other one within its last
quarter, so kills land in start-up, parsing and validation, and in the insert and the commit.

`writers` runs N writer threads, each committing its own batch through `ingest_bytes` (on one
shared connection, a cursor each, as the dashboard does), while reader threads run every
read-only named query over and over. Every row must land exactly once, and no reader may see
part of a batch (statements beyond the seed always a whole number of batches, the integrity check
clean in every snapshot) or get an error.

Both exit 1 on any violation and 0 otherwise; `make test` runs short versions
(tests/unit/test_stress.py). Statements here are synthetic and say so.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from stancewatch import db, integrity, sql
from stancewatch.config import ROOT
from stancewatch.ingest import ingest_bytes
from stancewatch.query_cli import DEFAULTS

HEADER = ["date", "capital", "topic", "stance", "speaker", "quote", "source_url"]
CAPITALS = ("Paris", "Moscow", "Kyiv")
STANCES = ("confirm", "deny", "no_comment")


def synthetic_batch(tag: str, rows: int, topics: int = 50) -> bytes:
    """A valid CSV of `rows` distinct synthetic statements, all marked with `tag`."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADER)
    for i in range(rows):
        writer.writerow([
            f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", CAPITALS[i % 3],
            f"Synthetic stress topic {i % topics}", STANCES[(i // 3) % 3],
            f"Synthetic speaker {i % 7}", f"Synthetic stress statement {tag} number {i}.",
            f"https://example.org/stress/{tag}/{i}",
        ])  # fmt: skip
    return buf.getvalue().encode("utf-8")


def _batch_rows(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Live statements per batch file name."""
    frame = sql.df(con, "curation/batches")
    return dict(zip(frame["file_name"], frame["statements_live"].astype(int), strict=True))


# ---- crash ----------------------------------------------------------------------------------


@dataclass
class CrashFigures:
    kills: int = 0
    present: int = 0
    absent: int = 0
    finished_before_kill: int = 0
    rows_per_batch: int = 0
    ingest_seconds: float = 0.0
    violations: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"batch size: {self.rows_per_batch:,} rows; one uninterrupted ingest "
            f"(process start to exit): {self.ingest_seconds:.2f} s",
            f"SIGKILLs: {self.kills}; afterwards the batch was wholly present {self.present} "
            f"times, wholly absent {self.absent} times (runs that finished before their kill "
            f"moment, not counted: {self.finished_before_kill}); the database opened and passed "
            "the integrity check after every run",
            f"violations: {len(self.violations)}",
            *[f"  {v}" for v in self.violations],
        ]


def _ingest_command(db_path: Path, csv_path: Path) -> list[str]:
    return [sys.executable, "-m", "stancewatch", "--db", str(db_path), "ingest", str(csv_path),
            "--by", "stress"]  # fmt: skip


def crash(kills: int, rows: int, work: Path, seed: int = 0, log=print) -> CrashFigures:
    """SIGKILL the ingest process `kills` times; check the store after each."""
    rng = random.Random(seed)
    figures = CrashFigures(rows_per_batch=rows)
    db_path = work / "crash.duckdb"
    db.open_db(db_path, seed=True).close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(tag: str, kill_after: float | None) -> bool:
        """True when the process was killed before it finished."""
        csv_path = work / f"{tag}.csv"
        csv_path.write_bytes(synthetic_batch(tag, rows))
        proc = subprocess.Popen(_ingest_command(db_path, csv_path), cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
        if kill_after is None:
            _, err = proc.communicate(timeout=600)
            if proc.returncode != 0:
                raise RuntimeError(f"the uninterrupted ingest failed: {err.decode()[-2000:]}")
            return False
        try:
            proc.wait(timeout=kill_after)
            return False
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        finally:
            if proc.stderr:
                proc.stderr.close()

    started = time.monotonic()
    run("calibration", None)
    figures.ingest_seconds = time.monotonic() - started
    expected_present = {"calibration.csv"}
    n = 0
    while figures.kills < kills and n < kills * 3:  # a run that finished first is no kill
        tag = f"kill{n:03d}"
        # Every other kill lands in the last quarter, where the insert and the commit happen.
        low = 0.75 * figures.ingest_seconds if n % 2 else 0.0
        moment = rng.uniform(low, figures.ingest_seconds)
        killed = run(tag, moment)
        n += 1
        figures.kills += killed
        figures.finished_before_kill += not killed
        con = db.open_db(db_path, seed=False)
        try:
            problems = integrity.problems(con)
            live = _batch_rows(con)
        finally:
            con.close()
        figures.violations += [f"run {n}: {p}" for p in problems]
        here = live.get(f"{tag}.csv")
        if here == rows:
            expected_present.add(f"{tag}.csv")
        elif here is not None:
            figures.violations.append(f"run {n}: batch {tag} holds {here} of {rows} rows")
        if killed:
            figures.present += here == rows
            figures.absent += here is None
        lost = [b for b in expected_present if live.get(b) != rows]
        figures.violations += [f"run {n}: earlier batch {b} lost rows" for b in lost]
        log(f"run {n}: {'killed' if killed else 'finished before the kill'} at {moment:.2f} s, "
            f"batch {'absent' if here is None else 'present'}, "
            f"integrity {'ok' if not problems else 'FAILED'}")  # fmt: skip
    return figures


# ---- writers and readers --------------------------------------------------------------------


def reader_queries() -> list[str]:
    """Every named query that only reads (SELECT/WITH), bench/ aside, with nothing to register."""
    names = []
    for name in sql.all_names():
        if name.startswith("bench/") or name in (
            "backup/advance_sequence",  # draws from a sequence
            "ingest/draw_statement_ids",  # likewise
            "ingest/existing_fingerprints",  # reads a frame the ingest registers
            "ingest/fingerprints",  # likewise
            "ingest/read_records",  # reads an uploaded file
            "derived/stale_link_rows",  # reads the refresh's own temp table
            "derived/stale_tail_rows",  # likewise
            "derived/link_ends_before_cuts",  # likewise
        ):
            continue
        body = [line for line in sql.load(name).text.splitlines()
                if line.strip() and not line.startswith("--")]  # fmt: skip
        if body and body[0].split()[0].upper() in ("SELECT", "WITH"):
            names.append(name)
    return names


def default_params(name: str) -> dict[str, Any]:
    """Values that make any read query run: "all" for the filters, the first row for ids."""
    special = {"table_name": "statements", "by_changes": False}
    out: dict[str, Any] = {}
    for key, sql_type in sql.load(name).params.items():
        if key in special:
            out[key] = special[key]
        elif key in DEFAULTS:
            out[key] = DEFAULTS[key]
        elif sql_type.endswith("[]"):
            out[key] = []
        elif sql_type in ("INTEGER", "BIGINT"):
            out[key] = 1
        else:
            out[key] = None
    return out


@dataclass
class WriterFigures:
    writers: int = 0
    rows_per_writer: int = 0
    readers: int = 0
    reads: int = 0
    queries: int = 0
    seconds: float = 0.0
    rows_expected: int = 0
    rows_found: int = 0
    duplicates: int = 0
    violations: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"{self.writers} writers x {self.rows_per_writer:,} rows in {self.seconds:.2f} s; "
            f"{self.readers} readers ran {self.reads:,} named-query calls over {self.queries} "
            "read queries",
            f"rows expected {self.rows_expected:,}, found {self.rows_found:,}, "
            f"duplicated {self.duplicates}",
            f"violations: {len(self.violations)}",
            *[f"  {v}" for v in self.violations[:20]],
        ]


def writers(n_writers: int, rows: int, n_readers: int, work: Path) -> WriterFigures:
    """N writers commit distinct batches at once while readers run every read query."""
    con = db.open_db(work / "writers.duckdb", seed=True)
    base = int(sql.rows(con, "live/data_version")[0][1])
    figures = WriterFigures(n_writers, rows, n_readers, rows_expected=n_writers * rows)
    names = reader_queries()
    figures.queries = len(names)
    payloads = {w: synthetic_batch(f"writer{w}", rows) for w in range(n_writers)}
    barrier = threading.Barrier(n_writers + n_readers)
    done = threading.Event()
    lock = threading.Lock()

    def violation(text: str) -> None:
        with lock:
            figures.violations.append(text)

    def write(w: int) -> None:
        barrier.wait()
        try:
            report = ingest_bytes(con, payloads[w], file_name=f"writer{w}.csv", by=f"w{w}")
            if report.rows_inserted != rows:
                violation(f"writer {w}: {report.rows_inserted} of {rows} rows inserted")
        except Exception as exc:  # noqa: BLE001 - every failure is a finding
            violation(f"writer {w}: {type(exc).__name__}: {exc}")

    def read(r: int) -> None:
        barrier.wait()
        cur = con.cursor()
        i = 0
        try:
            while not done.is_set() or i < len(names):
                name = names[(i + r) % len(names)]
                i += 1
                try:
                    sql.df(cur, name, default_params(name))
                    count = int(sql.rows(cur, "live/data_version")[0][1]) - base
                    if count % rows:
                        violation(f"reader {r}: saw {count} new statements, part of a batch")
                    if problems := integrity.problems(cur):
                        violation(f"reader {r}: integrity {problems}")
                except Exception as exc:  # noqa: BLE001 - every failure is a finding
                    violation(f"reader {r} on {name}: {type(exc).__name__}: {exc}")
                with lock:
                    figures.reads += 1
        finally:
            cur.close()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(n_writers)]
    readers_ = [threading.Thread(target=read, args=(r,)) for r in range(n_readers)]
    started = time.monotonic()
    for t in threads + readers_:
        t.start()
    for t in threads:
        t.join()
    figures.seconds = time.monotonic() - started
    done.set()
    for t in readers_:
        t.join()
    live = _batch_rows(con)
    figures.rows_found = sum(live.get(f"writer{w}.csv", 0) for w in range(n_writers))
    quotes = sql.df(con, "export/statements")["quote"]
    figures.duplicates = int(quotes.duplicated().sum())
    if figures.rows_found != figures.rows_expected or figures.duplicates:
        figures.violations.append("rows lost or duplicated")
    figures.violations += integrity.problems(con)
    con.close()
    return figures


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m stancewatch.stress", description=__doc__.splitlines()[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("crash", help="SIGKILL the ingest process at random moments")
    p.add_argument("--kills", type=int, default=20)
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=0)
    p = sub.add_parser("writers", help="concurrent writers and readers on one store")
    p.add_argument("--writers", type=int, default=8)
    p.add_argument("--rows", type=int, default=5_000)
    p.add_argument("--readers", type=int, default=4)
    for p in sub.choices.values():
        p.add_argument("--work", type=Path, default=None, help="folder for the database (temp)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="stancewatch-stress-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if args.command == "crash":
            figures: CrashFigures | WriterFigures = crash(args.kills, args.rows, work, args.seed)
        else:
            figures = writers(args.writers, args.rows, args.readers, work)
    print("\n".join(figures.lines()))
    return 1 if figures.violations else 0


if __name__ == "__main__":
    sys.exit(main())
