"""Is the store sound? Used after a crash (stress.py), after a restore, and by tests.

Sound means: the database opens, every statement belongs to a committed batch, every committed
batch holds exactly the rows it says it inserted (a reverted one has them all in the archive), and
no statement points at a missing topic. Each problem is a row of `integrity/problems`.
"""

from __future__ import annotations

import duckdb

from stancewatch import sql


def problems(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every integrity problem in words; an empty list means the store is sound."""
    cur = con.cursor()
    try:
        rows = sql.rows(cur, "integrity/problems")
    finally:
        cur.close()
    return [
        f"{problem} (batch {batch_id}: expected {expected}, found {found})"
        if batch_id is not None
        else f"{problem} ({found})"
        for problem, batch_id, expected, found in rows
    ]


# Caches rebuilt from statements when the data version moves (db.ensure_stance_links,
# db.ensure_stance_daily, ensure_statement_words, ensure_text_hits): a read may refresh them, so
# "the data is unchanged" leaves them out.
DERIVED = (
    "settings",
    "stance_links",
    "stance_daily",
    "statement_words",
    "text_searches",
    "text_hits",
)


def snapshot(
    con: duckdb.DuckDBPyConnection, *, data_only: bool = False
) -> dict[str, tuple[int, str]]:
    """(row count, checksum) of every table (`data_only`: not the derived caches): equal
    snapshots = equal contents."""
    cur = con.cursor()
    try:
        names = [name for name, _ in sql.rows(cur, "backup/tables")]
        if data_only:
            names = [name for name in names if name not in DERIVED]
        return {
            name: tuple(sql.rows(cur, "backup/table_checksum", {"table_name": name})[0])
            for name in names
        }
    finally:
        cur.close()
