"""stance_daily brought up to date where it stands (db._update_daily_in_place) equals a rebuild
after any mix of writes: arrivals, undos (archived, then deleted), reviews (a revision, then the
stance), and writes the product never makes, which it must notice and decline (then rebuilt)."""

from __future__ import annotations

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from stancewatch import db, sql
from tests.unit.test_links_refresh import ROW, _add, bare  # noqa: F401 (bare: a fixture)

WRITE = st.one_of(
    st.tuples(st.just("add"), ROW),
    st.tuples(st.just("undo"), st.integers(0, 99)),
    st.tuples(st.just("review"), st.integers(0, 99), st.sampled_from(["confirm", "deny"])),
    # Writes no undo or review explains: a delete leaving no archive row, an archive row with
    # another stance than the one counted, a stance changed with no revision.
    st.tuples(st.just("delete"), st.integers(0, 99)),
    st.tuples(st.just("misarchive"), st.integers(0, 99)),
    st.tuples(st.just("restance"), st.integers(0, 99), st.sampled_from(["confirm", "deny"])),
)
EXPLAINED = {"add", "undo", "review"}


def _write(cur: duckdb.DuckDBPyConnection, ids: dict, kind: str, *args) -> None:
    """One write; `ids` follows the live ids, the last one issued and the archive's clock (one
    transaction holds the whole example, so archived_at is set here, each undo later)."""
    live = ids["live"]
    if kind == "add":
        ids["last"] += 1
        live.append(ids["last"])
        _add(cur, ids["last"], args[0])
        return
    if not live:
        return
    sid = live[args[0] % len(live)]
    if kind == "review":
        old = cur.execute("SELECT stance FROM statements WHERE id = ?", [sid]).fetchone()[0]
        if old == args[1]:
            return
        sql.execute(cur, "curation/insert_revision", {"statement_id": sid, "old_stance": old,
                    "new_stance": args[1], "by": "t", "reason": None})  # fmt: skip
        sql.execute(cur, "curation/set_stance",
                    {"statement_id": sid, "old_stance": old, "new_stance": args[1]})  # fmt: skip
        return
    if kind == "restance":  # test-only write
        cur.execute("UPDATE statements SET stance = ? WHERE id = ?", [args[1], sid])
        return
    live.remove(sid)
    if kind in ("undo", "misarchive"):
        ids["clock"] += 1
        cur.execute(  # test-only write: what curation/archive_batch does, for one statement
            "INSERT INTO statements_archive (id, stated_on, capital, topic_id, stance, batch_id,"
            " archived_at) SELECT id, stated_on, capital, topic_id, CASE WHEN $lie THEN"
            " CASE WHEN stance = 'deny' THEN 'confirm' ELSE 'deny' END ELSE stance END,"
            " batch_id, TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_seconds($clock)"
            " FROM statements WHERE id = $id",
            {"lie": kind == "misarchive", "clock": ids["clock"], "id": sid},
        )
    cur.execute("DELETE FROM statements WHERE id = ?", [sid])  # test-only write


def _daily(cur: duckdb.DuckDBPyConnection) -> list[tuple]:
    return sorted(cur.execute("SELECT * FROM stance_daily").fetchall())  # test-only read


@settings(max_examples=150, deadline=None)
@given(
    st.lists(ROW, max_size=20),
    st.lists(st.lists(WRITE, min_size=1, max_size=5), min_size=1, max_size=3),
)
def test_the_daily_update_equals_a_rebuild_after_any_write(
    bare: duckdb.DuckDBPyConnection,  # noqa: F811
    history: list[tuple],
    rounds: list[list[tuple]],
) -> None:
    """Every round of writes is followed by the update; it is taken whenever the writes are
    ones the product makes, and the table then equals a rebuild either way. IN_PLACE_SHARE is
    lifted: in histories this short most writes would pass it."""
    saved, db.IN_PLACE_SHARE = db.IN_PLACE_SHARE, 1e9  # no pytest monkeypatch per example
    cur = bare.cursor()
    cur.begin()
    try:
        ids: dict = {"live": [], "last": 0, "clock": 0}
        for row in history:
            _write(cur, ids, "add", row)
        sql.execute(cur, "derived/rebuild_stance_daily")
        db._record_daily_built(cur)
        for writes in rounds:
            for kind, *args in writes:
                _write(cur, ids, kind, *args)
            taken = db._update_daily_in_place(cur)
            if {kind for kind, *_ in writes} <= EXPLAINED:
                assert taken
            if not taken:
                sql.execute(cur, "derived/rebuild_stance_daily")
                db._record_daily_built(cur)
            updated = _daily(cur)
            sql.execute(cur, "derived/rebuild_stance_daily")
            assert updated == _daily(cur)
    finally:
        db.IN_PLACE_SHARE = saved
        cur.rollback()
        cur.close()
