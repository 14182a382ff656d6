"""A person decides a statement's stance: accept the classifier's suggestion or change it.

Every decision is a row in `stance_revisions` (old, new, when, who, why); accepting a suggestion is
recorded too (old = new), so the history says a person looked. The update only applies if the
statement still holds the stance the reviewer saw, so two reviewers never silently overwrite each
other.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from stancewatch import sql
from stancewatch.config import STANCES
from stancewatch.transaction import Conflict, transaction

QUEUE_PAGE = 50


def queue(con: duckdb.DuckDBPyConnection, limit: int = QUEUE_PAGE) -> pd.DataFrame:
    """Statements whose stance is still the classifier's, undecided and least sure first."""
    cur = con.cursor()
    try:
        return sql.df(cur, "curation/review_queue", {"limit": limit})
    finally:
        cur.close()


def history(con: duckdb.DuckDBPyConnection, statement_id: int) -> pd.DataFrame:
    """Every revision of one statement's stance, oldest first."""
    cur = con.cursor()
    try:
        return sql.df(cur, "curation/statement_history", {"statement_id": statement_id})
    finally:
        cur.close()


def set_stance(
    con: duckdb.DuckDBPyConnection,
    statement_id: int,
    new_stance: str,
    *,
    by: str,
    seen: str | None,
    reason: str | None = None,
) -> int:
    """Set the stance a person chose; `seen` is the stance they were shown. Returns the revision id.

    Raises Conflict when the statement changed (or left) since it was shown, ValueError on a bad
    stance.
    """
    if new_stance not in STANCES:
        raise ValueError(f"stance must be one of {', '.join(STANCES)}; got {new_stance!r}")
    reason = (reason or "").strip() or None
    with transaction(con) as cur:
        changed = sql.rows(
            cur,
            "curation/set_stance",
            {"statement_id": statement_id, "old_stance": seen, "new_stance": new_stance},
        )
        if not changed:
            raise Conflict(
                f"Statement {statement_id} was changed or removed since you saw it; "
                "nothing was written. Look again."
            )
        return int(
            sql.scalar(
                cur,
                "curation/insert_revision",
                {
                    "statement_id": statement_id,
                    "old_stance": seen,
                    "new_stance": new_stance,
                    "by": by,
                    "reason": reason,
                },
            )
        )
