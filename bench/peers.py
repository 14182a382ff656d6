"""Peers: the same stance share and stance change computations in SQLite and in pandas.

The rows come from the N-row store (named query bench/peer_rows), so all three engines see the
same data. SQLite gets a file under bench/out/ (built once, cached) with the covering indexes a
competent Datasette user would add (queries/bench/sqlite_indexes.sql); pandas gets a frame of the
columns the computations need, as `DuckDB .df()` gives it. Loading is not timed: only the
computations are, and each must give the same answer as ours (`check_equal`).

DuckDB is measured three ways, side by side: as served (the dashboard's named query, reading the
derived table kept with the data: stance_daily for the share, stance_links for the changes), from
scratch (the same answer from the statements alone), and the rebuild of that derived table, which
the first read after every write pays (stancewatch/db.py: ensure_stance_daily, ensure_stance_links).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from stancewatch import db, sql
from stancewatch.params import Filters

SQLITE_BATCH = 200_000
PANDAS_COLUMNS = ["id", "stated_on", "capital", "topic_id", "stance"]


def build_sqlite(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Copy the store's statements into a new SQLite file, then index and ANALYZE it."""
    tmp = path.with_suffix(".sqlite.tmp")
    tmp.unlink(missing_ok=True)
    lite = sqlite3.connect(tmp)
    try:
        lite.executescript(sql.load("bench/sqlite_schema").text)
        reader = sql.relation(con, "bench/peer_rows").to_arrow_reader(SQLITE_BATCH)
        insert = "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?)"
        for batch in reader:
            cols = batch.to_pydict()
            cols["stated_on"] = [d.isoformat() for d in cols["stated_on"]]
            lite.executemany(insert, zip(*cols.values(), strict=True))
        lite.commit()
        lite.executescript(sql.load("bench/sqlite_indexes").text)
        lite.commit()
    finally:
        lite.close()
    tmp.replace(path)


def sqlite_share(lite: sqlite3.Connection) -> pd.DataFrame:
    cur = lite.execute(sql.load("bench/sqlite_stance_share").text)
    return pd.DataFrame(cur.fetchall(), columns=[c[0] for c in cur.description])


def sqlite_changes(lite: sqlite3.Connection) -> pd.DataFrame:
    cur = lite.execute(sql.load("bench/sqlite_change_counts").text)
    return pd.DataFrame(cur.fetchall(), columns=[c[0] for c in cur.description])


def pandas_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return sql.relation(con, "bench/peer_rows").df()[PANDAS_COLUMNS]


def pandas_share(frame: pd.DataFrame) -> pd.DataFrame:
    """Per month, capital and stance: count and share of the capital's statements that month."""
    period = frame["stated_on"].to_numpy().astype("datetime64[M]")
    counts = (
        frame.assign(period=period)
        .groupby(["period", "capital", "stance"], sort=True)
        .size()
        .rename("statements")
        .reset_index()
    )
    counts["capital_statements"] = counts.groupby(["period", "capital"])["statements"].transform(
        "sum"
    )
    counts["share"] = counts["statements"] / counts["capital_statements"]
    return counts


def pandas_changes(frame: pd.DataFrame) -> pd.DataFrame:
    """Per capital: statements whose stance differs from the previous on the topic (date, id)."""
    ordered = frame.sort_values(["capital", "topic_id", "stated_on", "id"])
    previous = ordered.groupby(["capital", "topic_id"], sort=False)["stance"].shift()
    changed = previous.notna() & (ordered["stance"] != previous)
    out = changed.groupby(ordered["capital"]).sum().rename("changes").reset_index()
    return out[out["changes"] > 0].reset_index(drop=True)


def duckdb_share(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """As served: the dashboard's analytics/stance_share, default filters (reads stance_daily)."""
    return sql.df(con, "analytics/stance_share", {**Filters().params(), "grain": "month"})


def duckdb_share_from_scratch(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The same share table counted from every statement (no derived table)."""
    return sql.df(con, "bench/stance_share_from_scratch", {**Filters().params(), "grain": "month"})


def duckdb_changes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """From scratch: one window over the statements (bench/change_counts)."""
    return sql.df(con, "bench/change_counts")


def duckdb_transitions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """As served: the Stance changes view's transition matrix per capital (reads stance_links)."""
    return sql.df(con, "analytics/transitions", Filters().params())


def changes_of_transitions(frame: pd.DataFrame) -> pd.DataFrame:
    """Per capital, the transitions that change the stance: the matrix's off-diagonal sum."""
    changed = frame[frame["is_change"]]
    out = changed.groupby("capital")["transitions"].sum().rename("changes").reset_index()
    return out[out["changes"] > 0].reset_index(drop=True)


def rebuild(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Rebuild one derived table from the statements in a committed transaction, as
    ensure_stance_daily / ensure_stance_links do on the first read after a write."""
    con.begin()
    try:
        db.rebuild(con, table)
        con.commit()
    except BaseException:
        con.rollback()
        raise


SMALL_WRITE = 50  # statements touched by the "small write" whose in-place refresh is timed


def refresh_after_small_write(
    con: duckdb.DuckDBPyConnection, statements: int = SMALL_WRITE, write: str = "remove"
) -> tuple[float, bool]:
    """Seconds stance_links takes to catch up after a write touching `statements` rows spread
    over the store, as ensure_stance_links does it (in place, or whole when the stale groups hold
    too many rows), and whether it was in place. `write`: "remove" takes statements out from
    anywhere in their topics' histories (every later row of those is redone); "append" adds new
    ones after the latest date (the day's arrivals: only the ends are redone). The write itself
    is not timed; all of it runs in a transaction that is rolled back, so the store is left as it
    was."""
    db.ensure_stance_links(con)  # up to date, and the undos and reviews it has seen recorded
    return _timed_after(con, WRITES[write], statements, db._update_links_in_place,
                        "stance_links")  # fmt: skip


# The small writes, as named queries run in order: "remove" is an undo's (archived, then deleted).
WRITES = {
    "remove": ("bench/archive_sample_statements", "bench/remove_sample_statements"),
    "append": ("bench/append_sample_statements",),
}


def _timed_after(
    con: duckdb.DuckDBPyConnection,
    writes: Sequence[str],
    statements: int,
    in_place: Callable[[duckdb.DuckDBPyConnection], bool],
    table: str,
) -> tuple[float, bool]:
    """In a transaction rolled back after: the write (not timed), then the derived table's
    catch-up (in place, or the rebuild when that declines), timed."""
    con.begin()
    try:
        for write in writes:
            sql.execute(con, write, {"n": statements})
        start = time.perf_counter()
        done = in_place(con)
        if not done:
            db.rebuild(con, table)
        return time.perf_counter() - start, done
    finally:
        con.rollback()


def daily_after_small_write(
    con: duckdb.DuckDBPyConnection, statements: int = SMALL_WRITE, write: str = "append"
) -> tuple[float, bool]:
    """Seconds stance_daily takes to catch up after a write of `statements` rows (WRITES:
    "append", new ones dated after the latest, are added; "remove", an undo's, are taken away),
    as ensure_stance_daily does it (where it stands, or rebuilt whole when it declines), and
    whether it was in place. In a transaction that is rolled back; the write is not timed."""
    db.ensure_stance_daily(con)  # counted, and what it counts recorded (an older store: now)
    return _timed_after(con, WRITES[write], statements, db._update_daily_in_place,
                        "stance_daily")  # fmt: skip


def duckdb_change_rows(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every stance change as the named analytics/stance_changes gives it (limit NULL = all)."""
    return sql.df(con, "analytics/stance_changes", {**Filters().params(), "limit": None})


def _share_key(frame: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "period": pd.to_datetime(frame["period"]).dt.strftime("%Y-%m-%d").astype(object),
            "capital": frame["capital"].astype(object),
            "stance": frame["stance"].astype(object),
            "statements": frame["statements"].astype("int64"),
            "capital_statements": frame["capital_statements"].astype("int64"),
            "share": frame["share"].astype("float64"),
        }
    )
    return out.sort_values(["period", "capital", "stance"], ignore_index=True)


def _change_key(frame: pd.DataFrame) -> dict[str, int]:
    return {str(c): int(n) for c, n in zip(frame["capital"], frame["changes"], strict=True)}


def check_equal(
    shares: dict[str, pd.DataFrame], changes: dict[str, pd.DataFrame]
) -> dict[str, object]:
    """Whether every engine gives the same share table and change counts; differences in words."""
    problems: list[str] = []
    keyed = {engine: _share_key(frame) for engine, frame in shares.items()}
    ours_name, ours = next(iter(keyed.items()))
    for engine, frame in keyed.items():
        if engine == ours_name:
            continue
        if len(frame) != len(ours):
            problems.append(f"share: {engine} has {len(frame)} rows, {ours_name} {len(ours)}")
            continue
        exact = ["period", "capital", "stance", "statements", "capital_statements"]
        if not frame[exact].equals(ours[exact]):
            problems.append(f"share: {engine} counts differ from {ours_name}")
        if not np.allclose(frame["share"].to_numpy(), ours["share"].to_numpy(), rtol=1e-9):
            problems.append(f"share: {engine} shares differ from {ours_name}")
    counted = {engine: _change_key(frame) for engine, frame in changes.items()}
    first_name, first = next(iter(counted.items()))
    for engine, found in counted.items():
        if found != first:
            problems.append(f"changes: {engine} {found} != {first_name} {first}")
    return {
        "equal": not problems,
        "problems": problems,
        "share_rows": len(ours),
        "changes_per_capital": first,
    }
