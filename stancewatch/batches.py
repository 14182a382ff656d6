"""Batches as the curator sees them: the list, and undo.

Undo takes a batch's statements out of the dashboard, keeps them in `statements_archive`, marks the
batch `reverted` and logs who did it, all in one transaction. Undoing twice is harmless: the second
time finds the batch already reverted and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

from stancewatch import sql
from stancewatch.transaction import Conflict, transaction


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    status: str  # 'undone' | 'already_reverted' | 'not_found'
    statements: int  # statements taken out of the dashboard (0 unless undone)

    @property
    def message(self) -> str:
        if self.status == "undone":
            return (
                f"Batch {self.batch_id} undone: {self.statements} statements left the dashboard "
                "and are kept in the archive."
            )
        if self.status == "already_reverted":
            return f"Batch {self.batch_id} was already undone; nothing changed."
        return f"There is no batch {self.batch_id}."


def list_batches(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every batch, newest first (curation/batches)."""
    cur = con.cursor()
    try:
        return sql.df(cur, "curation/batches")
    finally:
        cur.close()


def list_batches_arrow(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """The same as an Arrow table, which the Batches page shows as it is: a DataFrame of its few
    rows and 13 columns cost 1.6 ms to make from DuckDB's result and 0.7 ms more to turn back
    into Arrow for the browser."""
    cur = con.cursor()
    try:
        return sql.arrow(cur, "curation/batches")
    finally:
        cur.close()


def undo_batch(con: duckdb.DuckDBPyConnection, batch_id: int, *, by: str) -> UndoResult:
    """Archive and remove a batch's statements and mark it reverted, in one transaction."""
    try:
        return _undo(con, batch_id, by)
    except Conflict:  # someone undid it at the same moment: look again (it is reverted now)
        return _undo(con, batch_id, by)


def _undo(con: duckdb.DuckDBPyConnection, batch_id: int, by: str) -> UndoResult:
    with transaction(con) as cur:
        status = sql.scalar(cur, "curation/batch_status", {"batch_id": batch_id})
        if status != "committed":
            return UndoResult(batch_id, "not_found" if status is None else "already_reverted", 0)
        sql.execute(cur, "curation/revert_batch", {"batch_id": batch_id})
        sql.execute(cur, "curation/archive_batch", {"batch_id": batch_id})
        removed = sql.rows(cur, "curation/delete_batch_statements", {"batch_id": batch_id})
        archived = sql.scalar(cur, "curation/archived_count", {"batch_id": batch_id})
        if archived < len(removed):
            raise RuntimeError(f"batch {batch_id}: {len(removed)} removed, {archived} archived")
        sql.scalar(
            cur,
            "curation/log_action",
            {"by": by, "action": "undo_batch", "batch_id": batch_id, "edit_id": None,
             "detail": f"{len(removed)} statements archived"},
        )  # fmt: skip
    return UndoResult(batch_id, "undone", len(removed))
