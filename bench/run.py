"""The performance suite of issue 7: ingest, queries, views, peers and memory at N rows, in one run.

    .venv/bin/python bench/run.py --rows 100000 --json bench/out/bench-100000.json
    make bench ROWS=1000000

Prints figures, never pass/fail: the machine is shared and noisy, so each figure comes with a
ratio to a baseline measured in the same run, and the issue's target next to it (met or missed).
The N-row CSV and store are made once by bench/generate.py and cached under bench/out/
(<label>.csv, <label>.duckdb, <label>.sqlite; label 100k, 1m, 10m, or the row count).
`--skip ingest,views,memory` leaves sections out (the unit test runs the pure parts at 2,000 rows).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import generate, peers  # noqa: E402
from bench.timing import Steps, machine, median_time  # noqa: E402
from stancewatch import db, sql  # noqa: E402
from stancewatch.capacity import (  # noqa: E402
    available_memory,
    parse_size,
    too_large,
    too_many_rows,
)
from stancewatch.ingest import ingest_bytes  # noqa: E402
from stancewatch.params import Filters  # noqa: E402

OUT = ROOT / "bench" / "out"
SECTIONS = ("ingest", "queries", "peers", "memory", "views")
# The targets (at 1M rows; views under 2 s at 10M).
VIEW_RATIO_TARGET = 1.5
SQLITE_TARGET = 20.0
PANDAS_TARGET = 5.0
INGEST_TARGET = 0.5
MEMORY_TARGET_MIB = 1536
SCALE_TARGET = 12.0
# Choices for the non-filter parameters, as the views use them.
CHOICES: dict[str, Any] = {
    "grain": "month",
    "sort": "stated_on",
    "descending": True,
    "limit": 50,
    "offset": 0,
    "by_changes": True,
    "list_limit": 500,  # the sidebar's lists (components/filters.py: LIST_CHOICES)
    "find": "claim 01",  # a search in the sidebar's Find topics, as typed
    "chosen": [],
}
VIEW_LIMITS = {
    "analytics/stance_changes": 1000,
    "analytics/topic_activity": 6,
    "analytics/topic_options": 500,
    "analytics/speaker_options": 500,
}
# Queries the Topics view runs for one topic: their narrow filter also names a mid-tail topic.
ONE_TOPIC = {
    "analytics/topic_timeline",
    "analytics/latest_stance",
    "analytics/divergence",
    "analytics/time_to_confirm",
}
MID_TAIL_RANK = 500  # of about 20,000 topics by statement count
# The sidebar's Text filter as a reader types it: the synthetic speakers 12 and 120-129, about
# one statement in twelve (queries without a $text parameter are not timed with it).
TEXT_SEARCH = "speaker 12"


def label(rows: int) -> str:
    if rows % 1_000_000 == 0:
        return f"{rows // 1_000_000}m"
    if rows % 1_000 == 0:
        return f"{rows // 1_000}k"
    return str(rows)


def view_time_target(rows: int) -> float:
    return 0.5 if rows <= 1_000_000 else 2.0


# ---------------------------------------------------------------- data


def prepare(rows: int, out: Path, *, need_csv: bool) -> dict[str, Path]:
    """The N-row CSV and store, generated once and cached (a store is reused only if complete)."""
    name = label(rows)
    csv, store = out / f"{name}.csv", out / f"{name}.duckdb"
    missing_csv = need_csv and not csv.exists()
    if missing_csv or not store.exists():
        start = time.perf_counter()
        statements, topics = generate.generate(rows)
        if missing_csv:
            generate.to_csv(statements, topics, csv.with_suffix(".csv.tmp"))
            csv.with_suffix(".csv.tmp").replace(csv)
        if not store.exists():
            generate.to_duckdb(statements, topics, store.with_suffix(".duckdb.tmp"))
            store.with_suffix(".duckdb.tmp").replace(store)
        del statements, topics
        print(f"generated {rows:,} rows into {out} in {time.perf_counter() - start:.1f} s")
    return {"csv": csv, "store": store, "sqlite": out / f"{name}.sqlite"}


# ---------------------------------------------------------------- ingest


def register_floor_rows(cur: duckdb.DuckDBPyConnection, path: Path) -> None:
    """The file read once, as text, into Arrow, with the ids drawn for its rows as ingest draws a
    batch's (one draw, given to the insert), registered as `floor_rows` for the floors' queries."""
    rows = sql.arrow(cur, "bench/floor_rows", {"path": str(path)})
    drawn = sql.arrow(cur, "ingest/draw_statement_ids", {"rows": rows.num_rows}).column("id")
    cur.register("floor_rows", rows.append_column("id", drawn))


FLOOR_KEYS = ("all", "design", "none")


def floor_table(con: duckdb.DuckDBPyConnection, keys: str) -> None:
    """The table a floor stores into, made in a new store: its statements ("all"), or
    statements_no_keys with no key ("none") or with only the design's unique key ("design")."""
    if keys not in FLOOR_KEYS:
        raise ValueError(f"keys must be one of {FLOOR_KEYS}, not {keys!r}")
    if keys != "all":
        sql.execute(con, "bench/statements_no_keys")
    if keys == "design":
        sql.execute(con, "bench/design_key_index")


def _floor(inputs: list[Path], path: Path, rows: int, *, keys: str = "all") -> float:
    """The file(s) straight into an empty store's statements (constraints only, no checks), one
    transaction per file as ours has one batch per file. `keys`: "all", the store's statements
    with every key and check; "none", the same rows (ids, topic ids, fingerprints) into a table
    with none of them; "design", that table with only the unique key DESIGN.md requires."""
    con = db.open_db(path, seed=False)
    try:
        floor_table(con, keys)
        seconds, stored = 0.0, 0
        for part in inputs:
            start = time.perf_counter()
            cur = con.cursor()
            cur.begin()
            batch_id = sql.scalar(
                cur,
                "ingest/insert_batch",
                {"file_name": part.name, "file_sha256": "-", "started_at": dt.datetime.now(dt.UTC),
                 "by": "bench/run.py floor", "rows_read": 0, "rows_inserted": 0,
                 "rows_duplicate": 0, "rows_rejected": 0},
            )  # fmt: skip
            register_floor_rows(cur, part)
            sql.execute(cur, "bench/floor_topics")
            if keys == "all":
                sql.execute(cur, "bench/floor_statements", {"batch_id": batch_id})
            else:
                written = sql.scalar(cur, "bench/floor_no_keys", {"batch_id": batch_id})
            cur.commit()
            seconds += time.perf_counter() - start
            cur.unregister("floor_rows")
            stored += (
                sql.scalar(cur, "ingest/batch_row_count", {"batch_id": batch_id})
                if keys == "all"
                else written
            )
            cur.close()
        if stored != rows:  # a floor that stored less would flatter nothing but mislead
            raise RuntimeError(f"floor stored {stored} rows of {rows}")
        return seconds
    finally:
        con.close()
        path.unlink()


def split_csv(csv: Path, parts: int, work: Path) -> list[Path]:
    """The CSV as `parts` files of whole lines, each with the header: what the ingest's memory
    guard tells a user to do with a file too large to check as one batch (records of the
    synthetic CSV are one line each)."""
    total = csv.stat().st_size
    paths = [work / f"{csv.stem}.part{k + 1}.csv" for k in range(parts)]
    with csv.open("rb") as src:
        header = src.readline()
        for k, path in enumerate(paths):
            limit = total * (k + 1) // parts
            with path.open("wb") as out:
                out.write(header)
                while src.tell() < limit or k == parts - 1:
                    line = src.readline()
                    if not line:
                        break
                    out.write(line)
    return paths


def _into_new_file(path: Path, query: str, csv: Path) -> float:
    """Seconds a named query takes to read `csv` into a new DuckDB file (removed after)."""
    con = duckdb.connect(str(path))
    try:
        start = time.perf_counter()
        sql.execute(con, query, {"path": str(csv)})
        return time.perf_counter() - start
    finally:
        con.close()
        path.unlink()


def _parts_needed(csv: Path, rows: int, duckdb_limit: int | None) -> int:
    """1, or as many files as the ingest's guards would ask this file to be split into (free
    memory for the checks, DuckDB's memory limit for the commit)."""
    size, parts = csv.stat().st_size, 1
    while too_large(size // parts, available_memory()) or too_many_rows(
        -(-rows // parts), duckdb_limit
    ):
        parts += 1
    return parts


def bench_ingest(csv: Path, rows: int, repeats: int, work: Path) -> dict:
    """Ours, DuckDB's bare read_csv, and the floor: the rows stored with no checks at all.

    A file too large to check as one batch here is ingested as the parts the memory guard asks
    for, one batch each, into the same store (the second part is checked against the first's
    rows), and the report says so."""
    with duckdb.connect(config={"memory_limit": db.memory_limit()}) as probe:
        limit = parse_size(str(sql.scalar(probe, "ingest/memory_limit")))
    parts = _parts_needed(csv, rows, limit)
    inputs = split_csv(csv, parts, work) if parts > 1 else [csv]
    ours, bare, floor, design_key, no_keys, unconstrained, steps = [], [], [], [], [], [], []
    inserted = None
    for i in range(repeats):
        con = db.open_db(work / f"ingest{i}.duckdb", seed=False)
        seconds, inserted = 0.0, 0
        steps.append(Steps())
        for path in inputs:
            data = path.read_bytes()
            start = time.perf_counter()
            report = ingest_bytes(
                con, data, file_name=path.name, by="bench/run.py", progress=steps[-1]
            )
            steps[-1].stop()  # before the clock stops: the steps never sum to more than ours
            seconds += time.perf_counter() - start
            del data
            if report.file_error:
                raise RuntimeError(report.summary())
            inserted += report.rows_inserted
        ours.append(seconds)
        con.close()
        (work / f"ingest{i}.duckdb").unlink()
        bare.append(_into_new_file(work / f"bare{i}.duckdb", "bench/read_csv_baseline", csv))
        floor.append(_floor(inputs, work / f"floor{i}.duckdb", rows))
        design_key.append(_floor(inputs, work / f"design_key{i}.duckdb", rows, keys="design"))
        no_keys.append(_floor(inputs, work / f"no_keys{i}.duckdb", rows, keys="none"))
        unconstrained.append(
            _into_new_file(work / f"unconstrained{i}.duckdb", "bench/floor_unconstrained", csv)
        )
    o, b, f = statistics.median(ours), statistics.median(bare), statistics.median(floor)
    u, k = statistics.median(unconstrained), statistics.median(no_keys)
    d = statistics.median(design_key)
    for path in inputs:
        if path != csv:
            path.unlink()
    return {
        "rows": rows,
        "rows_inserted": inserted,
        "batches": parts,
        "csv_mb": round(csv.stat().st_size / 1e6, 1),
        "ingest_s": o,
        "ingest_rows_per_s": rows / o,
        "read_csv_s": b,
        "read_csv_rows_per_s": rows / b,
        "ratio": b / o,  # speed of ours as a fraction of read_csv's
        "floor_s": f,
        "floor_ratio": b / f,  # the best any checked ingest into this schema could reach
        # The same rows with only the key DESIGN.md requires (fingerprint UNIQUE): the best any
        # ingest into the designed data model could reach, whatever else it dropped.
        "design_key_s": d,
        "design_key_ratio": b / d,
        # The rows as the data model keeps them (ids, topic ids, fingerprints), none of the
        # store's keys or checks: the best any ingest into this data model could reach.
        "no_keys_s": k,
        "no_keys_ratio": b / k,
        "unconstrained_s": u,
        "unconstrained_ratio": b / u,  # read, hash, store: the best of any content-deduped ingest
        # Where ours spends its time, step by step in its median run, against read_csv's time.
        "steps": [
            {"step": name, "s": s, "x_read_csv": s / b}
            for name, s in steps[
                sorted(range(len(ours)), key=ours.__getitem__)[len(ours) // 2]
            ].seconds.items()
        ],
        "runs": {
            "ingest_s": ours,
            "read_csv_s": bare,
            "floor_s": floor,
            "design_key_s": design_key,
            "no_keys_s": no_keys,
            "unconstrained_s": unconstrained,
        },
    }


# ---------------------------------------------------------------- queries


def bench_names() -> list[str]:
    return [n for n in sql.all_names() if n.startswith(("analytics/", "stats/"))]


def params_for(name: str, filters: Filters) -> dict[str, Any] | None:
    declared = sql.load(name).params
    if not declared:
        return None
    common = filters.params()
    params: dict[str, Any] = {}
    for key in declared:
        if key in common:
            params[key] = common[key]
        elif key == "limit" and name in VIEW_LIMITS:
            params[key] = VIEW_LIMITS[name]
        elif key in CHOICES:
            params[key] = CHOICES[key]
        else:
            raise KeyError(f"bench/run.py has no value for ${key} of {name}: add it to CHOICES")
    return params


def narrow_filters(con: duckdb.DuckDBPyConnection) -> tuple[Filters, Filters]:
    """(narrow: Paris over the data's last year, one-topic: a mid-tail topic alone)."""
    options = sql.df(
        con, "analytics/filter_options", params_for("analytics/filter_options", Filters())
    )
    last_on = options.iloc[0]["last_on"].date()
    start_on = last_on - dt.timedelta(days=365)
    topics = sql.rows(con, "bench/topic_at_rank", {"rank": MID_TAIL_RANK})
    if not topics:  # a store with fewer topics: its busiest
        topics = sql.rows(con, "bench/topic_at_rank", {"rank": 1}) or [(None,)]
    # One topic alone, as the Topics view asks for it: with Paris and one year as well, a
    # mid-tail topic usually has no statements left to measure.
    return Filters(capitals=["Paris"], start_on=start_on), Filters(topics=[topics[0][0]])


def bench_queries(con: duckdb.DuckDBPyConnection, repeats: int) -> dict:
    floor_s, floor_runs, floor_row = median_time(
        lambda: sql.rows(con, "bench/floor"), repeats=repeats
    )
    narrow, one_topic = narrow_filters(con)
    # The first text search folds every statement's words once (statement_words); timed apart in
    # a transaction rolled back, then made current so that the text variants time the search.
    con.begin()
    start = time.perf_counter()
    sql.execute(con, "derived/rebuild_statement_words")
    words_s = time.perf_counter() - start
    con.rollback()
    db.ensure_statement_words(con)
    # Then the first query with a text finds its hits (text_hits), timed apart the same way; the
    # text variants time the queries after it, which look the hits up.
    con.begin()
    start = time.perf_counter()
    sql.execute(con, "derived/insert_text_hits", {"search": TEXT_SEARCH, "upto": 0})
    hits_s = time.perf_counter() - start
    con.rollback()
    db.ensure_text_hits(con, TEXT_SEARCH)
    results = []
    for name in bench_names():
        row: dict[str, Any] = {"query": name}
        for variant, filters in (
            ("default", Filters()),
            ("narrow", one_topic if name in ONE_TOPIC else narrow),
            ("text", Filters(text=TEXT_SEARCH)),
        ):
            if variant == "text" and "text" not in sql.load(name).params:
                continue
            params = params_for(name, filters)
            median, runs, frame = median_time(
                lambda n=name, p=params: sql.df(con, n, p), repeats=repeats
            )
            row[variant] = {
                "median_s": median,
                "runs_s": runs,
                "rows": len(frame),
                "ratio_to_floor": median / floor_s,
            }
        results.append(row)
    return {
        "floor": {
            "query": "bench/floor",
            "median_s": floor_s,
            "runs_s": floor_runs,
            "result": list(floor_row[0]),
        },
        "narrow_filter": {
            "capitals": narrow.capitals,
            "start_on": narrow.start_on.isoformat(),
            "one-topic queries": {"queries": sorted(ONE_TOPIC), "topics": one_topic.topics},
            "text": TEXT_SEARCH,
        },
        "statement_words_build_s": words_s,
        "text_hits_build_s": hits_s,
        "queries": results,
    }


# ---------------------------------------------------------------- peers


# Per task: DuckDB as served (the dashboard's query on its derived table), from scratch, and the
# rebuild of that derived table (paid by the first read after each write), then the peers.
PEER_TABLES = {"share": "stance_daily", "changes": "stance_links"}


def bench_peers(con: duckdb.DuckDBPyConnection, sqlite_path: Path, repeats: int) -> dict:
    import sqlite3

    if not sqlite_path.exists():
        start = time.perf_counter()
        peers.build_sqlite(con, sqlite_path)
        print(f"built {sqlite_path} in {time.perf_counter() - start:.1f} s")
    frame = peers.pandas_frame(con)
    lite = sqlite3.connect(sqlite_path)
    try:
        timed = {
            "share": {
                "duckdb": lambda: peers.duckdb_share(con),
                "duckdb_scratch": lambda: peers.duckdb_share_from_scratch(con),
                "duckdb_rebuild": lambda: peers.rebuild(con, PEER_TABLES["share"]),
                "sqlite": lambda: peers.sqlite_share(lite),
                "pandas": lambda: peers.pandas_share(frame),
            },
            "changes": {
                "duckdb": lambda: peers.duckdb_transitions(con),
                "duckdb_scratch": lambda: peers.duckdb_changes(con),
                "duckdb_rebuild": lambda: peers.rebuild(con, PEER_TABLES["changes"]),
                "duckdb_named": lambda: peers.duckdb_change_rows(con),
                "sqlite": lambda: peers.sqlite_changes(lite),
                "pandas": lambda: peers.pandas_changes(frame),
            },
        }
        results: dict[str, Any] = {}
        answers: dict[str, dict[str, Any]] = {"share": {}, "changes": {}}
        for task, engines in timed.items():
            results[task] = {"derived_table": PEER_TABLES[task]}
            for engine, fn in engines.items():
                median, runs, answer = median_time(fn, repeats=repeats)
                results[task][engine] = {"median_s": median, "runs_s": runs}
                if engine == "duckdb_rebuild":
                    continue
                # Counted per capital outside the timing: the matrix and the change log as served.
                if task == "changes" and engine == "duckdb":
                    answer = peers.changes_of_transitions(answer)
                if engine == "duckdb_named":
                    answer = answer.groupby("capital").size().rename("changes").reset_index()
                answers[task][engine] = answer
        # After a small write, the derived table brought up to date where it stands (or rebuilt
        # when its update declines), then read as served.
        small = {"share": peers.daily_after_small_write, "changes": peers.refresh_after_small_write}
        for task, after in small.items():
            r = results[task]
            for write, key, total in (("remove", "duckdb_refresh", "duckdb_small_write"),
                                      ("append", "duckdb_refresh_append", "duckdb_small_append")):  # fmt: skip
                timed_ = [after(con, write=write) for _ in range(repeats)]
                r[key] = {
                    "median_s": statistics.median(s for s, _ in timed_),
                    "runs_s": [s for s, _ in timed_],
                    "statements": peers.SMALL_WRITE,
                    "in_place": all(done for _, done in timed_),
                }
                r[total] = {"median_s": r[key]["median_s"] + r["duckdb"]["median_s"]}
        for task in ("share", "changes"):
            r = results[task]
            # The first read after a write rebuilds the derived table, then queries it.
            r["duckdb_first_read"] = {
                "median_s": r["duckdb_rebuild"]["median_s"] + r["duckdb"]["median_s"]
            }
            for ours, suffix in (("duckdb", "ours"), ("duckdb_scratch", "scratch"),
                                 ("duckdb_first_read", "first_read"), ("duckdb_named", "named"),
                                 ("duckdb_small_write", "small_write"),
                                 ("duckdb_small_append", "small_append")):  # fmt: skip
                if ours in r:
                    for engine in ("sqlite", "pandas"):
                        r[f"{engine}_over_{suffix}"] = r[engine]["median_s"] / r[ours]["median_s"]
        results["check"] = peers.check_equal(answers["share"], answers["changes"])
    finally:
        lite.close()
    return results


# ---------------------------------------------------------------- report


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def _met(ok: bool) -> str:
    return "met" if ok else "MISSED"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True))  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def report(res: dict) -> str:
    rows, out = res["rows"], []
    m = res["machine"]
    out.append(f"Stancewatch benchmark at {rows:,} rows ({res['started_at']})")
    out.append(
        f"machine: {m['nproc']} cores ({m['cpu']}), {m['ram_gib']} GiB RAM, {m['os']}; "
        f"Python {m['python']}, DuckDB {m['duckdb']}, pandas {m['pandas']}, "
        f"Streamlit {m['streamlit']}; load average at start {m['load_average']}"
    )
    out.append(f"command: {res['command']}  (code: {m.get('git')}, sha256 {m.get('code_sha256')})")
    if ing := res.get("ingest"):
        out.append(f"\n== ingest (median of {len(ing['runs']['ingest_s'])})")
        out.append(_table(
            ["path", "time", "rows/s", "ratio to read_csv", "target >= 0.5x"],
            [["validated ingest_bytes", _ms(ing["ingest_s"]), f"{ing['ingest_rows_per_s']:,.0f}",
              f"{ing['ratio']:.3f}x", _met(ing["ratio"] >= INGEST_TARGET)],
             ["duckdb read_csv", _ms(ing["read_csv_s"]), f"{ing['read_csv_rows_per_s']:,.0f}",
              "1x", ""]]
            + ([["floor: rows stored, no checks", _ms(ing["floor_s"]),
                 f"{ing['rows'] / ing['floor_s']:,.0f}", f"{ing['floor_ratio']:.3f}x", ""]]
               if "floor_s" in ing else [])
            + ([["rows as stored, only the design's key", _ms(ing["design_key_s"]),
                 f"{ing['rows'] / ing['design_key_s']:,.0f}", f"{ing['design_key_ratio']:.3f}x",
                 ""]]
               if "design_key_s" in ing else [])
            + ([["rows as stored, no keys or checks", _ms(ing["no_keys_s"]),
                 f"{ing['rows'] / ing['no_keys_s']:,.0f}", f"{ing['no_keys_ratio']:.3f}x", ""]]
               if "no_keys_s" in ing else [])
            + ([["read + hash + store, no schema", _ms(ing["unconstrained_s"]),
                 f"{ing['rows'] / ing['unconstrained_s']:,.0f}",
                 f"{ing['unconstrained_ratio']:.3f}x", ""]]
               if "unconstrained_s" in ing else []),
        ))  # fmt: skip
        out.append(
            f"({ing['csv_mb']} MB CSV, {ing['rows_inserted']:,} rows inserted"
            + (
                f", as {ing['batches']} batches: the memory guard's split)"
                if ing.get("batches", 1) > 1
                else ")"
            )
        )
        if "floor_s" in ing:
            out.append(
                "floor = the same file, read once, INSERTed with ids drawn in one go into an empty "
                "store's statements table (its keys, unique fingerprint index and checks) with no "
                "parsing rules, validation or "
                f"folding; ours takes {ing['ingest_s'] / ing['floor_s']:.1f}x the floor"
            )
        if "design_key_s" in ing:
            out.append(
                "only the design's key = the same rows into a table with one unique index, on the "
                "fingerprint's key, the one key DESIGN.md requires of statements: no primary key, "
                "foreign key or check. Above 0.5x it no longer bounds the target"
            )
        if "no_keys_s" in ing:
            out.append(
                "rows as stored = the same rows as the floor's (their drawn ids, the "
                "topic's id, the fingerprint and its key) into a table with none of statements' "
                "keys, indexes, foreign keys or checks: the least any ingest into this data model "
                "pays before it checks anything"
            )
        if "unconstrained_s" in ing:
            out.append(
                "read + hash + store = the file read, a duplicate key hashed from each row's "
                "fields, and the rows stored in a table with no key, index or check: no "
                "validation, normalisation or duplicate search at all"
            )
        if ing.get("steps"):
            out.append(_table(
                ["step of ours", "time", "share of ours", "x read_csv's time"],
                [[s["step"], _ms(s["s"]), f"{s['s'] / ing['ingest_s']:.0%}",
                  f"{s['x_read_csv']:.2f}x"] for s in ing["steps"]],
            ))  # fmt: skip
            out.append(
                f"at the target, the whole ingest would take {1 / INGEST_TARGET:.0f}x read_csv's "
                f"time ({_ms(ing['read_csv_s'] / INGEST_TARGET)})"
            )
    if q := res.get("queries"):
        fl = q["floor"]
        out.append(
            f"\n== queries (median of {len(fl['runs_s'])}; floor bench/floor = "
            f"{_ms(fl['median_s'])}, count(*) and count(distinct topic_id) = {fl['result']})"
        )
        out.append(f"narrow filter: {q['narrow_filter']}")
        out.append(_table(
            ["query", "default", "x floor", "rows", "narrow", "x floor", "rows", "text", "x floor",
             "rows"],
            [[r["query"]] + [
                cell for variant in ("default", "narrow", "text")
                for cell in ([_ms(r[variant]["median_s"]),
                              f"{r[variant]['ratio_to_floor']:.1f}", str(r[variant]["rows"])]
                             if variant in r else ["-", "", ""])]
             for r in q["queries"]],
        ))  # fmt: skip
        if "statement_words_build_s" in q:
            out.append(
                f"text = the Text filter {q['narrow_filter'].get('text')!r}; the first text "
                "search folds every statement's words once (statement_words): "
                f"{_ms(q['statement_words_build_s'])}, later writes only what arrived"
            )
        if "text_hits_build_s" in q:
            out.append(
                "the first query with a text finds its hits in those words (text_hits): "
                f"{_ms(q['text_hits_build_s'])}; the text column times the queries after it"
            )
        out.append("(no per-query target in the issue; they add up to the views' budget below)")
    if p := res.get("peers"):
        out.append(f"\n== peers (same data; median of {len(p['share']['duckdb']['runs_s'])})")
        body = []
        rows_of = {
            "share": [
                ("stance share as served: analytics/stance_share (month)", "duckdb", "ours"),
                ("  from scratch: bench/stance_share_from_scratch", "duckdb_scratch", "scratch"),
                ("  first read after a write: rebuild + as served", "duckdb_first_read",
                 "first_read"),
                (f"  first read after {peers.SMALL_WRITE} statements undone: taken away + as "
                 "served", "duckdb_small_write", "small_write"),
                (f"  first read after {peers.SMALL_WRITE} new statements: top-up + as served",
                 "duckdb_small_append", "small_append"),
            ],
            "changes": [
                ("stance changes as served: analytics/transitions", "duckdb", "ours"),
                ("  from scratch: bench/change_counts", "duckdb_scratch", "scratch"),
                ("  first read after a write: rebuild + as served", "duckdb_first_read",
                 "first_read"),
                (f"  first read after {peers.SMALL_WRITE} statements undone: in-place refresh + as "
                 "served", "duckdb_small_write", "small_write"),
                (f"  first read after {peers.SMALL_WRITE} new statements: in-place refresh + as "
                 "served", "duckdb_small_append", "small_append"),
                ("  change log: analytics/stance_changes (all rows, quotes)", "duckdb_named",
                 "named"),
            ],
        }  # fmt: skip
        for task, rows_ in rows_of.items():
            t = p[task]
            for label_, ours, suffix in rows_:
                if ours not in t:
                    continue
                sq, pd_ = t[f"sqlite_over_{suffix}"], t[f"pandas_over_{suffix}"]
                body.append([
                    label_, _ms(t[ours]["median_s"]), _ms(t["sqlite"]["median_s"]), f"{sq:.1f}x",
                    _met(sq >= SQLITE_TARGET), _ms(t["pandas"]["median_s"]), f"{pd_:.1f}x",
                    _met(pd_ >= PANDAS_TARGET),
                ])  # fmt: skip
            body.append([f"  rebuild {t['derived_table']} whole (on first read after a write)",
                         _ms(t["duckdb_rebuild"]["median_s"]), "", "", "", "", "", ""])  # fmt: skip
            for key, what in (("duckdb_refresh", "{n} statements undone from anywhere in "
                                "their histories"), ("duckdb_refresh_append", "{n} new statements "
                                "after the latest date")):  # fmt: skip
                if r := t.get(key):
                    how = "in place" if r["in_place"] else "whole: too many rows to redo"
                    body.append([f"  refresh {t['derived_table']}: "
                                 f"{what.format(n=r['statements'])} ({how})",
                                 _ms(r["median_s"]), "", "", "", "", "", ""])  # fmt: skip
        out.append(_table(
            ["computation", "duckdb", "sqlite", "sqlite/ours", ">= 20x", "pandas", "pandas/ours",
             ">= 5x"], body))  # fmt: skip
        c = p["check"]
        agree = (
            "all three agree, every DuckDB variant too"
            if c["equal"]
            else "DISAGREE: " + "; ".join(c["problems"])
        )
        out.append(
            f"results: {agree} ({c['share_rows']:,} share rows; changes {c['changes_per_capital']})"
        )
        out.append(
            "(as served reads the derived table kept with the data; from scratch reads only the "
            "statements; the rebuild is paid once per write)"
        )
    if mem := res.get("memory"):
        out.append("\n== memory: streamlit run + headless Chromium, each view in turn")
        if "error" in mem:
            out.append(f"not measured: {mem['error']}")
        else:
            idle = mem["idle"]
            out.append(f"server after start: {idle['server_rss_mib']:,.0f} MiB")
            out.append(_table(
                ["view", "browser render", "server peak so far", "server RSS now",
                 "tree peak sum", "target < 1.5 GB", "error"],
                [[v["view"], _ms(v["browser_s"]), f"{v['server_peak_mib']:,.0f} MiB",
                  f"{v['server_rss_mib']:,.0f} MiB", f"{v['tree_peak_mib']:,.0f} MiB",
                  _met(v["server_peak_mib"] < MEMORY_TARGET_MIB), v["error"] or ""]
                 for v in mem["views"]],
            ))  # fmt: skip
    if views := res.get("views"):
        limit = view_time_target(rows)
        out.append(
            f"\n== views: AppTest full server-side run, cache cleared (median of "
            f"{res['repeats']['views']}; the script's run, AppTest's call around it beside it)"
        )
        body = []
        for v in views:
            if "error" in v:
                body.append([v["view"], "error", "", "", "", "", "", "", v["error"][:80]])
                continue
            body.append([
                v["view"], _ms(v["median_s"]), _ms(v.get("apptest_median_s")),
                _met(v["median_s"] < limit), str(v["queries"]),
                _ms(v["queries_in_view_s"]), _ms(v["bare_sum_s"]),
                f"{v['ratio']:.2f}x" if v["ratio"] else "-",
                _met(v["ratio"] is not None and v["ratio"] <= VIEW_RATIO_TARGET),
            ])  # fmt: skip
        out.append(_table(
            ["view", "median", "AppTest call", f"< {limit:g} s", "queries", "queries in run",
             "bare sum", "run/bare", "<= 1.5x"], body))  # fmt: skip
        out.append("slowest queries per view (bare):")
        for v in views:
            if "calls" in v:
                top = sorted(v["calls"], key=lambda c: -c["bare_s"])[:3]
                out.append(f"  {v['view']}: " + ", ".join(
                    f"{c['query']} {_ms(c['bare_s'])}" for c in top))  # fmt: skip
    if scale := res.get("scaling"):
        out.append(f"\n== scaling from {scale['from_rows']:,} rows (target <= 12x for 10x rows)")
        if not scale["same_code"]:
            out.append(
                f"WARNING: that run measured other code ({scale['from_code']}, now "
                f"{res['machine'].get('code_sha256')}): rerun both sizes to compare like with like"
            )
        out.append(_table(
            ["figure", "before", "now", "factor", "<= 12x"],
            [[k, _ms(a), _ms(b), f"{b / a:.1f}x", _met(b / a <= SCALE_TARGET)]
             for k, (a, b) in scale["figures"].items() if a and b],
        ))  # fmt: skip
    return "\n".join(out)


def _flat_times(res: dict) -> dict[str, float]:
    """The timed figures by name, to compare one run with a run at a tenth of the rows."""
    flat: dict[str, float] = {}
    if ing := res.get("ingest"):
        flat["ingest"] = ing["ingest_s"]
    for r in (res.get("queries") or {}).get("queries", []):
        flat[f"{r['query']} (default)"] = r["default"]["median_s"]
    for v in res.get("views") or []:
        if "median_s" in v:
            flat[v["view"]] = v["median_s"]
    for task in ("share", "changes"):
        if task in (res.get("peers") or {}):
            flat[f"peers {task} (ours)"] = res["peers"][task]["duckdb"]["median_s"]
    return flat


def scaling(res: dict, out: Path) -> dict | None:
    smaller = out / f"bench-{res['rows'] // 10}.json"
    if res["rows"] % 10 or not smaller.exists():
        return None
    old = json.loads(smaller.read_text())
    before, now = _flat_times(old), _flat_times(res)
    same = old["machine"].get("code_sha256") == res["machine"].get("code_sha256")
    return {
        "from_rows": res["rows"] // 10,
        "same_code": same,
        "from_code": old["machine"].get("code_sha256"),
        "figures": {k: (before.get(k), now[k]) for k in now if k in before},
    }


def run(
    rows: int,
    *,
    out: Path = OUT,
    skip: tuple[str, ...] = (),
    repeats: int | None = None,
    command: str = "",
) -> dict:
    """Every section not skipped; the result is what --json writes."""
    big = rows >= 1_000_000
    reps = {
        "ingest": 1 if big else 3,
        "queries": repeats or (3 if rows >= 5_000_000 else 5),
        "peers": repeats or (1 if rows >= 5_000_000 else 3),
        "views": repeats or (3 if big else 5),
    }
    res: dict[str, Any] = {
        "rows": rows,
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "command": command,
        "repeats": reps,
        "targets": {
            "view_ratio": VIEW_RATIO_TARGET,
            "view_seconds": view_time_target(rows),
            "sqlite_over_ours": SQLITE_TARGET,
            "pandas_over_ours": PANDAS_TARGET,
            "ingest_ratio": INGEST_TARGET,
            "memory_mib": MEMORY_TARGET_MIB,
            "scale_10x": SCALE_TARGET,
        },
    }
    files = prepare(rows, out, need_csv="ingest" not in skip)
    res["files"] = {k: str(v) for k, v in files.items()}
    if "ingest" not in skip:
        with tempfile.TemporaryDirectory(dir=out) as tmp:
            res["ingest"] = bench_ingest(files["csv"], rows, reps["ingest"], Path(tmp))
        print("ingest done", flush=True)
    if "queries" not in skip or "peers" not in skip:
        con = db.open_db(files["store"], seed=False)
        try:
            if "queries" not in skip:
                res["queries"] = bench_queries(con, reps["queries"])
                print("queries done", flush=True)
            if "peers" not in skip:
                res["peers"] = bench_peers(con, files["sqlite"], reps["peers"])
                print("peers done", flush=True)
        finally:
            con.close()
    if "memory" not in skip:
        from bench import memory, views

        res["memory"] = memory.measure(
            files["store"], views.view_paths(), log=out / f"server-{label(rows)}.log"
        )
        print("memory done", flush=True)
    if "views" not in skip:
        from bench import views

        res["views"] = views.measure(files["store"], repeats=reps["views"])
        print("views done", flush=True)
    if scale := scaling(res, out):
        res["scaling"] = scale
    return res


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--json", type=Path, help="write every figure here as JSON")
    parser.add_argument("--out", type=Path, default=OUT, help="cache of generated data")
    parser.add_argument("--skip", default="", help=f"comma-separated sections of {SECTIONS}")
    parser.add_argument("--repeats", type=int, help="runs per median (default by size)")
    args = parser.parse_args(argv)
    skip = tuple(s.strip() for s in args.skip.split(",") if s.strip())
    if unknown := set(skip) - set(SECTIONS):
        parser.error(f"unknown sections {sorted(unknown)}; known: {', '.join(SECTIONS)}")
    command = " ".join([".venv/bin/python bench/run.py", *(argv or sys.argv[1:])])
    res = run(args.rows, out=args.out, skip=skip, repeats=args.repeats, command=command)
    print()
    print(report(res))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=1, default=str))
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
