"""One cursor, one transaction: committed when the block ends, rolled back when anything escapes.

Curation writes (undo, review, topic edits) each change several tables; they must land whole or not
at all, like an ingest batch. Each call gets its own cursor, so concurrent dashboard sessions never
share one (DuckDB 2 refuses concurrent calls on a connection).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

import duckdb


class Conflict(RuntimeError):
    """Someone else changed the same rows first; nothing of this action was written."""


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    cur = con.cursor()
    try:
        cur.begin()
        try:
            yield cur
            cur.commit()
        except duckdb.TransactionException as exc:
            _rollback(cur)
            raise Conflict(
                "Someone else changed the same data at the same moment; nothing was written. "
                "Look again and retry."
            ) from exc
        except BaseException:
            _rollback(cur)
            raise
    finally:
        cur.close()


def _rollback(cur: duckdb.DuckDBPyConnection) -> None:
    # A failed COMMIT has already ended the transaction; a second error would hide the first.
    with suppress(duckdb.Error):
        cur.rollback()
