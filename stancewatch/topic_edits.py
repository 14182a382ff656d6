"""Rename a topic or merge two into one, reversibly: one claim keeps one title.

Both move statements from one topic row to another and record exactly which ones, so a reversal
moves those back. A rename moves them to a new row with the new title (DuckDB refuses to update
`topics.title` while statements point at the row). While an edit is in force, uploads that use the
old title land in the topic it now lives in (ingest/topic_ids follows the edits).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from stancewatch import normalise, sql
from stancewatch.transaction import transaction

MAX_TITLE = 300


def topics(
    con: duckdb.DuckDBPyConnection, *, find: str | None = None, limit: int | None = None
) -> pd.DataFrame:
    """Topics that hold statements now, by title: those whose title contains `find` (ignoring
    case and accents), at most `limit`; `matching` says how many matched in all."""
    cur = con.cursor()
    try:
        return sql.df(cur, "curation/topic_choices", {"find": find, "limit": limit})
    finally:
        cur.close()


def edits(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every rename and merge, newest first."""
    cur = con.cursor()
    try:
        return sql.df(cur, "curation/topic_edits")
    finally:
        cur.close()


def _title(cur: duckdb.DuckDBPyConnection, topic_id: int) -> tuple[str, int]:
    rows = sql.df(cur, "curation/topics")
    row = rows[rows["topic_id"] == topic_id]
    if row.empty:
        raise ValueError(f"There is no topic {topic_id}.")
    return str(row["title"].iloc[0]), int(row["statements"].iloc[0])


def _move(
    cur: duckdb.DuckDBPyConnection, kind: str, source: int, target: int, by: str, reason: str | None
) -> int:
    from_title, held = _title(cur, source)
    into_title, _ = _title(cur, target)
    if not held:
        raise ValueError(f"“{from_title}” holds no statements; there is nothing to move.")
    moved = sql.rows(cur, "curation/move_topic", {"from_topic_id": source, "into_topic_id": target})
    edit_id = int(
        sql.scalar(
            cur,
            "curation/insert_topic_edit",
            {
                "kind": kind,
                "from_topic_id": source,
                "from_title": from_title,
                "into_topic_id": target,
                "into_title": into_title,
                "statement_ids": [int(r[0]) for r in moved],
                "by": by,
                "reason": reason,
            },
        )
    )
    sql.scalar(
        cur,
        "curation/log_action",
        {"by": by, "action": f"{kind}_topic", "batch_id": None, "edit_id": edit_id,
         "detail": f"{from_title} -> {into_title} ({len(moved)} statements)"},
    )  # fmt: skip
    return edit_id


def rename(
    con: duckdb.DuckDBPyConnection,
    topic_id: int,
    new_title: str,
    *,
    by: str,
    reason: str | None = None,
) -> int:
    """Give a topic a new title (its statements move to a row with that title); the edit's id."""
    title = " ".join(str(new_title).split())
    if not title or len(title) > MAX_TITLE:
        raise ValueError(f"A title has 1 to {MAX_TITLE} characters.")
    with transaction(con) as cur:
        current, _ = _title(cur, topic_id)
        if title == current:
            raise ValueError("That is already the topic's title.")
        rows = sql.df(cur, "curation/topics")
        same = rows[rows["title"].map(normalise.fold) == normalise.fold(title)]
        live = same[(same["statements"] > 0) & (same["topic_id"] != topic_id)]
        if not live.empty:
            raise ValueError(
                f"A topic titled “{live['title'].iloc[0]}” already exists: merge into it instead."
            )
        exact = rows[rows["title"] == title]
        if exact.empty:
            target = int(sql.scalar(cur, "curation/insert_topic", {"title": title}))
        else:
            target = int(exact["topic_id"].iloc[0])
        return _move(cur, "rename", topic_id, target, by, (reason or "").strip() or None)


def merge(
    con: duckdb.DuckDBPyConnection,
    from_topic_id: int,
    into_topic_id: int,
    *,
    by: str,
    reason: str | None = None,
) -> int:
    """Move every statement of one topic into another; the edit's id."""
    if from_topic_id == into_topic_id:
        raise ValueError("Pick two different topics to merge.")
    with transaction(con) as cur:
        return _move(cur, "merge", from_topic_id, into_topic_id, by, (reason or "").strip() or None)


def reverse(con: duckdb.DuckDBPyConnection, edit_id: int, *, by: str) -> int:
    """Move the statements of a rename or merge back; returns how many moved back.

    A later edit that moved them on must be reversed first (newest first), so nothing is lost.
    """
    with transaction(con) as cur:
        all_edits = sql.df(cur, "curation/topic_edits")
        row = all_edits[all_edits["edit_id"] == edit_id]
        if row.empty:
            raise ValueError(f"There is no topic edit {edit_id}.")
        edit = row.iloc[0]
        if not pd.isna(edit["reversed_at"]):
            raise ValueError(f"Edit {edit_id} was already reversed.")
        later = all_edits[
            (all_edits["edit_id"] > edit_id)
            & all_edits["reversed_at"].isna()
            & (all_edits["from_topic_id"] == edit["into_topic_id"])
        ]
        if not later.empty:
            raise ValueError(
                f"Edit {int(later['edit_id'].iloc[-1])} moved these statements on since; "
                "reverse it first."
            )
        moved = sql.rows(
            cur,
            "curation/move_back",
            {"statement_ids": [int(i) for i in edit["statement_ids"]],
             "from_topic_id": int(edit["from_topic_id"]),
             "into_topic_id": int(edit["into_topic_id"])},
        )  # fmt: skip
        sql.rows(cur, "curation/reverse_topic_edit", {"edit_id": edit_id, "by": by})
        sql.scalar(
            cur,
            "curation/log_action",
            {"by": by, "action": "reverse_topic_edit", "batch_id": None, "edit_id": edit_id,
             "detail": f"{len(moved)} statements back to {edit['from_title']}"},
        )  # fmt: skip
        return len(moved)
