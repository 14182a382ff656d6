"""The derived tables brought up to date where they stand equal a rebuild after any mix of
writes: arrivals, undos (archived, then deleted), reviews (a revision, then the stance), and
writes the product never makes, which they must notice. stance_daily (db._update_daily_in_place)
then declines and is rebuilt; stance_links (db._update_links_in_place) finds the product's
writes from the archive and the revisions (db._known_link_changes), the others by comparing
every row of the histories they touch."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bench.refresh import shares_lifted
from stancewatch import db, sql
from tests.unit.test_links_refresh import ROW, _add, _links, bare  # noqa: F401 (bare: a fixture)
from tests.unit.test_links_refresh import _write as _plain_write

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
HISTORY = st.lists(ROW, max_size=20)


def rounds_of(write: st.SearchStrategy, per_round: int = 5) -> st.SearchStrategy:
    """One to three rounds of writes, each followed by the refresh under test."""
    return st.lists(st.lists(write, min_size=1, max_size=per_round), min_size=1, max_size=3)


def _write(cur: duckdb.DuckDBPyConnection, ids: dict, kind: str, *args) -> None:
    """One write; adds and deletes as the links tests make them (test_links_refresh._write),
    the product's undos and reviews and the foreign writes here. `ids` also keeps the archive's
    clock (one transaction holds the whole example, so archived_at is set here, each undo
    later)."""
    if kind in ("add", "delete"):
        _plain_write(cur, ids, kind, *args)
        return
    live = ids["live"]
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
    elif kind == "restance":  # test-only write
        cur.execute("UPDATE statements SET stance = ? WHERE id = ?", [args[1], sid])
    else:  # undo, misarchive: archived, then deleted
        ids["clock"] += 1
        cur.execute(  # test-only write: what curation/archive_batch does, for one statement
            "INSERT INTO statements_archive (id, stated_on, capital, topic_id, stance, batch_id,"
            " archived_at) SELECT id, stated_on, capital, topic_id, CASE WHEN $lie THEN"
            " CASE WHEN stance = 'deny' THEN 'confirm' ELSE 'deny' END ELSE stance END,"
            " batch_id, TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_seconds($clock)"
            " FROM statements WHERE id = $id",
            {"lie": kind == "misarchive", "clock": ids["clock"], "id": sid},
        )
        _plain_write(cur, ids, "delete", *args)


def _daily(cur: duckdb.DuckDBPyConnection) -> list[tuple]:
    return sorted(cur.execute("SELECT * FROM stance_daily").fetchall())  # test-only read


def _rounds_written(
    cur: duckdb.DuckDBPyConnection, ids: dict, rounds: list[list[tuple]]
) -> Iterator[list[tuple]]:
    """Each round's writes, yielded once they are written (the refresh under test follows)."""
    for writes in rounds:
        for kind, *args in writes:
            _write(cur, ids, kind, *args)
        yield writes


@contextmanager
def _example(
    bare: duckdb.DuckDBPyConnection,  # noqa: F811
    history: list[tuple],
) -> Iterator[tuple[duckdb.DuckDBPyConnection, dict]]:
    """One example's history written in a transaction rolled back after it, the refresh shares
    lifted: the cursor and the ids _write follows."""
    cur = bare.cursor()
    cur.begin()
    try:
        with shares_lifted():
            ids: dict = {"live": [], "last": 0, "clock": 0}
            for row in history:
                _write(cur, ids, "add", row)
            yield cur, ids
    finally:
        cur.rollback()
        cur.close()


@settings(max_examples=150, deadline=None)
@given(HISTORY, rounds_of(WRITE))
# Found by this test: a stance changed outside the log, then reviewed back and undone with an
# archive row that lies. The log takes "deny" away twice and adds "confirm" once; an XOR of row
# hashes (as the check first was) cannot tell, a sum can.
@example(
    history=[("Paris", 1, 0, "confirm", "A")],
    rounds=[
        [("add", ("Paris", 1, 0, "confirm", "A"))],
        [("add", ("Paris", 1, 0, "confirm", "A")), ("restance", 1, "deny"),
         ("review", 1, "confirm"), ("misarchive", 1)],
    ],
)  # fmt: skip
def test_the_daily_update_equals_a_rebuild_after_any_write(
    bare: duckdb.DuckDBPyConnection,  # noqa: F811
    history: list[tuple],
    rounds: list[list[tuple]],
) -> None:
    """Every round of writes is followed by the update; it is taken whenever the writes are
    ones the product makes, and the table then equals a rebuild either way."""
    with _example(bare, history) as (cur, ids):
        sql.execute(cur, "derived/rebuild_stance_daily")
        db._record_daily_built(cur)
        for writes in _rounds_written(cur, ids, rounds):
            taken = db._update_daily_in_place(cur)
            if {kind for kind, *_ in writes} <= EXPLAINED:
                assert taken
            if not taken:
                sql.execute(cur, "derived/rebuild_stance_daily")
                db._record_daily_built(cur)
            updated = _daily(cur)
            sql.execute(cur, "derived/rebuild_stance_daily")
            assert updated == _daily(cur)


# For stance_links an archive row that lies about the stance still names the statement undone.
EXPLAINED_FOR_LINKS = EXPLAINED | {"misarchive"}


def _assert_equals_a_rebuild(cur: duckdb.DuckDBPyConnection) -> None:
    """stance_links as refreshed equals a rebuild; the refreshed table is kept for the next
    round (a table refreshed in place is refreshed again)."""
    refreshed = _links(cur)
    cur.execute("CREATE OR REPLACE TEMP TABLE kept AS FROM stance_links")  # test-only
    db.rebuild(cur, "stance_links")
    assert refreshed == _links(cur)
    cur.execute("CREATE OR REPLACE TABLE stance_links AS FROM kept")  # the refreshed one


@settings(max_examples=150, deadline=None)
@given(HISTORY, rounds_of(WRITE))
def test_the_links_refresh_equals_a_rebuild_and_knows_the_products_writes(
    bare: duckdb.DuckDBPyConnection,  # noqa: F811
    history: list[tuple],
    rounds: list[list[tuple]],
) -> None:
    """After undos, reviews and arrivals the changed rows are known without comparing the
    histories (derived/known_link_cuts), unless only arrivals came (appended); the refresh then
    equals a rebuild. Names "derived/links_marks", "derived/set_links_marks",
    "derived/link_changes_signature" and "derived/known_link_cuts"."""
    with _example(bare, history) as (cur, ids):
        db.rebuild(cur, "stance_links")
        db._record_links_marks(cur)
        for writes in _rounds_written(cur, ids, rounds):
            state = db.links_state(cur)
            if {kind for kind, *_ in writes} <= EXPLAINED_FOR_LINKS and state.linked:
                assert state.appended or db._known_link_changes(cur, state) is not None
            if not db._update_links_in_place(cur):
                assert state.linked == 0  # nothing to keep: a first history is built whole
                db.rebuild(cur, "stance_links")
                db._record_links_marks(cur)
            _assert_equals_a_rebuild(cur)


def test_a_statement_reviewed_or_undone_inside_a_history_is_found_from_the_log(
    bare: duckdb.DuckDBPyConnection,  # noqa: F811
) -> None:
    """A statement that awaited review (so stance_links left it out) gets a stance in the middle
    of its history, another is undone there: both are found from the revisions and the archive,
    and the refresh redoes only their neighbourhoods."""
    cur = bare.cursor()
    cur.begin()
    try:
        ids: dict = {"live": [], "last": 0, "clock": 0}
        for day in range(20):  # id 6 awaits review
            _write(cur, ids, "add", ("Paris", 1, day, None if day == 5 else "confirm", "A"))
        db.rebuild(cur, "stance_links")
        db._record_links_marks(cur)
        for write in (("review", 5, "deny"), ("undo", 11)):  # ids 6 and 12
            _write(cur, ids, *write)
            state = db.links_state(cur)
            assert not state.appended
            known = db._known_link_changes(cur, state)
            assert known is not None and known[1] == 1
            sql.execute(cur, "derived/known_link_cuts", known[0])
            cut = cur.execute("SELECT cut_id, last_id FROM stale_link_cuts").fetchall()
            assert cut == ([(6, 6)] if write[0] == "review" else [(12, 12)])  # test-only read
            sql.execute(cur, "derived/drop_stale_link_groups")
            assert db._update_links_in_place(cur)
            refreshed = _links(cur)
            db.rebuild(cur, "stance_links")
            assert refreshed == _links(cur)
    finally:
        cur.rollback()
        cur.close()


@pytest.mark.parametrize(
    ("history", "undone", "stretches"),
    [
        # confirm x10, deny x10: ids 3 and 15 undone are far apart, two stretches; the first
        # moves no run, so the rows after it keep theirs.
        (["confirm"] * 10 + ["deny"] * 10, (3, 15), [(2, 4), (14, 16)]),
        # one unchanged row between two changes (id 4): the second's redo row is the first's
        # stop row, so they redo one stretch...
        (["confirm"] * 10 + ["deny"] * 10, (3, 5), [(2, 6)]),
        # ...two unchanged rows (4, 5): two stretches, the first's stop row the second's start
        (["confirm"] * 10 + ["deny"] * 10, (3, 6), [(2, 4), (5, 7)]),
        # c d c c ... : undoing id 2 joins runs 1 and 3 (every later run number falls by 2); id 12
        # is undone apart, and its stretch starts from a run number the first one moved.
        (
            ["confirm", "deny"] + ["confirm"] * 8 + ["deny", "confirm"] * 5,
            (2, 12),
            [(1, 3), (11, 13)],
        ),
        # neighbours: ids 8 and 9 share their tails, one stretch
        (["confirm"] * 5 + ["deny"] * 10, (8, 9), [(7, 10)]),
        # the first and the last statement: each stretch runs to an end of the history
        (["deny"] * 12, (1, 12), [(None, 2), (11, None)]),
    ],
)
def test_an_undo_redoes_each_change_apart_when_changes_are_far_apart(
    bare: duckdb.DuckDBPyConnection,  # noqa: F811
    history: list[str],
    undone: tuple[int, ...],
    stretches: list[tuple[int | None, int | None]],
) -> None:
    """Changes logged far apart in one history are redone in stretches, each from the row before
    it to the row after it (derived/merge_stale_link_tails); the rows between keep their links
    and their run numbers move by what the stretches before them moved. Equal to a rebuild."""
    with _undone(bare, history, undone, padding=40) as (cur, known):
        assert known[1] == len(undone)
        assert _stretches(cur, "derived/known_link_cuts", known[0]) == stretches
        _assert_refresh_equals_rebuild(cur)


def test_undos_and_a_review_in_three_stretches_each_move_later_runs(
    bare: duckdb.DuckDBPyConnection,  # noqa: F811
) -> None:
    """confirm, deny, confirm, ...: every row is a run of its own. Undoing id 3, reviewing id 9 to
    deny and undoing id 15 each join three runs into one: three stretches, each moving the run
    numbers after it by -2 more than the one before (the rows after the last by -6). A review's
    statement is a place twice (as stored and as it is now): one stretch."""
    history = ["confirm", "deny"] * 10
    writes = [("undo", 3), ("review", 9, "deny"), ("undo", 15)]
    with _undone(bare, history, writes, padding=60) as (cur, known):
        assert _stretches(cur, "derived/known_link_cuts", known[0]) == [(2, 4), (8, 10), (14, 16)]
        sql.execute(cur, "derived/drop_stale_link_groups")
        before = dict(cur.execute("SELECT id, run_no FROM stance_links").fetchall())  # test-only
        _assert_refresh_equals_rebuild(cur)
        after = dict(cur.execute("SELECT id, run_no FROM stance_links").fetchall())  # test-only
        assert [after[i] - before[i] for i in (2, 5, 11, 17, 20)] == [0, -2, -4, -6, -6]


def test_a_history_with_many_changes_is_redone_in_one_stretch(
    bare: duckdb.DuckDBPyConnection,  # noqa: F811
) -> None:
    """More changes in a history than db.PLACES_PER_HISTORY: one cut from the first to the last
    (each change's neighbours are not looked up apart), still equal to a rebuild."""
    history = [["confirm", "deny"][day // 3 % 2] for day in range(40)]
    undone = range(2, 2 + 3 * (db.PLACES_PER_HISTORY + 1), 3)
    with _undone(bare, history, undone, padding=80) as (cur, known):
        sql.execute(cur, "derived/known_link_cuts", known[0])
        assert cur.execute("SELECT DISTINCT seg FROM stale_link_cuts").fetchall() == [(0,)]
        _assert_refresh_equals_rebuild(cur)


def test_back_dated_arrivals_far_apart_are_redone_in_stretches(
    bare: duckdb.DuckDBPyConnection,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """New statements inside a history (not after its last row, so not appended) are redone in
    stretches too: each from the row before it to the row after it. Equal to a rebuild."""
    with _undone(bare, ["confirm"] * 10 + ["deny"] * 10, (), padding=40) as (cur, _):
        _add(cur, 61, ("Paris", 1, 3, "deny", "A"))  # day 3, after id 4 (same day, later id)
        _add(cur, 62, ("Paris", 1, 15, "confirm", "A"))  # day 15, after id 16
        state = db.links_state(cur)
        assert state.appended
        params = {"upto": state.upto, "places_per_history": db.PLACES_PER_HISTORY}
        assert _stretches(cur, "derived/appended_link_cuts", params) == [(4, 5), (16, 17)]
        ran: list[tuple] = []
        execute = sql.execute
        monkeypatch.setattr(
            sql, "execute", lambda c, name, p=None: ran.append((name, p)) or execute(c, name, p)
        )
        _assert_refresh_equals_rebuild(cur)
        assert ("derived/appended_link_cuts", params) in ran  # the refresh's own cuts, per place
        assert ("derived/merge_stale_link_tails", None) in ran


@contextmanager
def _undone(
    bare: duckdb.DuckDBPyConnection,  # noqa: F811
    history: list[str],
    undone: Iterable[int | tuple],
    padding: int,
) -> Iterator[tuple[duckdb.DuckDBPyConnection, tuple]]:
    """Paris's stances on topic 1, one a day (ids from 1), and `padding` more statements in
    another history (so the rows redone stay a small share of the table); stance_links built and
    its marks recorded; then the `undone` ids undone (or reviewed: ("review", id, stance)). Yields the cursor and what
    db._known_link_changes finds; all rolled back after."""
    cur = bare.cursor()
    cur.begin()
    try:
        ids: dict = {"live": [], "last": 0, "clock": 0}
        for day, stance in enumerate(history):
            _write(cur, ids, "add", ("Paris", 1, day, stance, "A"))
        for day in range(padding):
            _write(cur, ids, "add", ("Kyiv", 2, day, "confirm", "B"))
        db.rebuild(cur, "stance_links")
        db._record_links_marks(cur)
        for write in undone:  # an id to undo, or (kind, id, *args)
            kind, sid, *args = write if isinstance(write, tuple) else ("undo", write)
            _write(cur, ids, kind, ids["live"].index(sid), *args)
        known = db._known_link_changes(cur, db.links_state(cur))
        assert known is not None
        yield cur, known
    finally:
        cur.rollback()
        cur.close()


def _stretches(cur: duckdb.DuckDBPyConnection, cuts: str, params: dict) -> list[tuple]:
    """The (redo_id, stop_id) of each stretch the refresh would redo, in order."""
    sql.execute(cur, cuts, params)
    sql.execute(cur, "derived/stale_link_tails")
    sql.execute(cur, "derived/merge_stale_link_tails")
    return cur.execute(  # test-only read
        "SELECT redo_id, stop_id FROM stale_link_tails ORDER BY seg"
    ).fetchall()


def _chain_removed(cur: duckdb.DuckDBPyConnection, params: dict) -> None:
    """db._remove_links's first two steps: the removed rows, then their runs (stale_link_tails)."""
    sql.execute(cur, "derived/removed_links", {k: params[k] for k in db._MARK_PARAMS})
    sql.execute(cur, "derived/removed_link_chains")


def _assert_refresh_equals_rebuild(cur: duckdb.DuckDBPyConnection) -> None:
    sql.execute(cur, "derived/drop_stale_link_groups")
    assert db._update_links_in_place(cur)
    refreshed = _links(cur)
    db.rebuild(cur, "stance_links")
    assert refreshed == _links(cur)


def test_an_undo_that_commits_after_a_later_one_is_caught_by_the_hashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """archived_at is its transaction's start. An undo that started first but commits after a
    refresh that saw a later undo lies behind the recorded mark, so the log misses it: the
    hashes disagree, stance_daily is rebuilt and stance_links compared row by row, both right."""
    con = db.open_db(tmp_path / "race.duckdb", seed=False)
    try:
        con.execute(  # test-only setup
            "INSERT INTO topics (id, title) VALUES (1, 't1');"
            "INSERT INTO batches VALUES (1, 'synthetic', '', now(), now(), 't', 0, 0, 0, 0, 'committed')"
        )
        for sid in range(1, 11):
            _add(con, sid, ("Paris", 1, sid, "confirm" if sid % 4 else "deny", "A"))
        db.ensure_stance_daily(con)
        db.ensure_stance_links(con)

        def undo(cur: duckdb.DuckDBPyConnection, sid: int) -> None:
            cur.execute(  # test-only write: curation/archive_batch for one statement
                "INSERT INTO statements_archive (id, stated_on, capital, topic_id, stance, batch_id)"
                " SELECT id, stated_on, capital, topic_id, stance, batch_id FROM statements"
                " WHERE id = ?",
                [sid],
            )
            cur.execute("DELETE FROM statements WHERE id = ?", [sid])  # test-only write

        first, second = con.cursor(), con.cursor()
        first.begin()
        undo(first, 3)
        time.sleep(0.01)  # the second undo's transaction starts later
        second.begin()
        undo(second, 7)
        second.commit()
        db.ensure_stance_daily(con)  # sees the second undo only; records its mark
        db.ensure_stance_links(con)
        first.commit()
        took: list[bool] = []
        update = db._update_daily_in_place
        monkeypatch.setattr(
            db, "_update_daily_in_place", lambda cur: took.append(update(cur)) or took[-1]
        )
        assert db._known_link_changes(con, db.links_state(con)) is None
        db.ensure_stance_daily(con)
        db.ensure_stance_links(con)
        assert took == [False]  # declined: rebuilt
        daily, links = _daily(con), _links(con)
        con.begin()
        sql.execute(con, "derived/rebuild_stance_daily")
        db.rebuild(con, "stance_links")
        assert (daily, links) == (_daily(con), _links(con))
        con.rollback()
    finally:
        con.close()


UNDO = st.tuples(st.just("undo"), st.integers(0, 99))


@settings(max_examples=300, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=25), rounds_of(UNDO, per_round=6))
def test_undos_alone_relink_the_histories_and_equal_a_rebuild(
    bare: duckdb.DuckDBPyConnection,  # noqa: F811
    history: list[tuple],
    rounds: list[list[tuple]],
) -> None:
    """Undos alone take their rows out and join each history across them (db._remove_links:
    derived/removed_links, derived/removed_link_chains, derived/delete_removed_links,
    derived/relink_removed_links), with no statement read: runs of neighbours, a history's
    first and last rows, a whole history, ties on one day, rows awaiting review. Each round
    takes that path (when it undid a linked row) and equals a rebuild."""
    taken: list[dict] = []
    real = db._remove_links
    db._remove_links = lambda cur, params: taken.append(params) or real(cur, params)
    try:
        with _example(bare, history) as (cur, ids):
            db.rebuild(cur, "stance_links")
            db._record_links_marks(cur)
            for _ in _rounds_written(cur, ids, rounds):
                before, state = len(taken), db.links_state(cur)
                assert db._update_links_in_place(cur)
                # Unless no linked row was undone (only rows awaiting review, or none left):
                # then the table still matches and nothing arrived (appended).
                assert len(taken) == before + 1 or state.appended or state.linked == 0
                _assert_equals_a_rebuild(cur)
    finally:
        db._remove_links = real


@pytest.mark.parametrize(
    ("history", "undone", "runs"),
    [
        # two neighbours removed inside a run: its last row keeps its number
        ("CDDDCD", [2, 3], [1, 2, 3, 4]),
        # a whole run removed: the runs either side merge
        ("CDDCCC", [2, 3], [1, 1, 1, 1]),
        # the same stance either side: runs merge, later rows move by -2
        ("CCDCCDC", [3], [1, 1, 1, 1, 2, 3]),
        # the first row and the last row of the history
        ("DCCDC", [1, 5], [1, 1, 2]),
        # two runs of removed rows in one history; the row between them is the stop of the
        # first and the kept row before the second
        ("CDCDCDC", [2, 4, 6], [1, 1, 1, 1]),
    ],
)
def test_an_undo_relinks_the_rows_either_side(
    bare: duckdb.DuckDBPyConnection,  # noqa: F811
    history: str,
    undone: list[int],
    runs: list[int],
) -> None:
    stances = {"C": "confirm", "D": "deny"}
    with _undone(bare, [stances[c] for c in history], undone, padding=30) as (cur, known):
        assert known[2]  # undos alone
        sql.execute(cur, "derived/drop_stale_link_groups")
        assert db._update_links_in_place(cur)
        kept = cur.execute(  # test-only read
            "SELECT run_no FROM stance_links WHERE capital = 'Paris' ORDER BY stated_on, id"
        ).fetchall()
        assert [r[0] for r in kept] == runs
        _assert_refresh_equals_rebuild(cur)


def test_the_removal_steps_by_name(bare: duckdb.DuckDBPyConnection) -> None:  # noqa: F811
    """C C D C C D C (ids 1-7), 3, 4 and 6 undone: two runs of removed rows. The first is kept
    between 2 and 5, and 5 takes run 1 (was 3); the second between 5 and 7, and 7 takes run 3
    from 5 as stored, which the shift then moves by the first run's -2."""
    with _undone(bare, ["confirm", "confirm", "deny", "confirm", "confirm", "deny", "confirm"],
                 [3, 4, 6], padding=30) as (cur, (params, _, removed_only)):  # fmt: skip
        assert removed_only
        _chain_removed(cur, params)
        ends = cur.execute(  # test-only read
            "SELECT keep_id, keep_stance, stop_id, stop_run, new_run FROM stale_link_tails"
            " ORDER BY seg"
        ).fetchall()
        assert ends == [(2, "confirm", 5, 3, 1), (5, "confirm", 7, 5, 3)]
        sql.execute(cur, "derived/delete_removed_links")
        sql.execute(cur, "derived/relink_removed_links")
        sql.execute(cur, "derived/shift_removed_runs")
        rows = cur.execute(  # test-only read
            "SELECT id, previous_id, next_on - DATE '2025-01-01', run_no FROM stance_links"
            " WHERE capital = 'Paris' ORDER BY id"
        ).fetchall()
        assert rows == [(1, None, 1, 1), (2, 1, 4, 1), (5, 2, 6, 1), (7, 5, None, 1)]
        refreshed = _links(cur)
        sql.execute(cur, "derived/drop_stale_link_groups")
        db.rebuild(cur, "stance_links")
        assert refreshed == _links(cur)


def test_a_long_run_undone_is_one_run(bare: duckdb.DuckDBPyConnection) -> None:  # noqa: F811
    """300 neighbours undone in a history of 400 (a backfill taken back): one run, kept between
    rows 50 and 351; each removed row is read once (db._remove_links)."""
    history = ["confirm" if (i // 3) % 2 else "deny" for i in range(400)]
    with _undone(bare, history, range(51, 351), padding=1000) as (cur, (params, moved, only)):
        assert only and moved == 300
        _chain_removed(cur, params)
        ends = cur.execute("SELECT keep_id, stop_id FROM stale_link_tails").fetchall()  # test-only
        assert ends == [(50, 351)]
        _assert_refresh_equals_rebuild(cur)


def test_many_runs_undone_in_one_history_move_each_later_row_once(
    bare: duckdb.DuckDBPyConnection,  # noqa: F811
) -> None:
    """40 denials undone in a history where the stance changes every day: 40 runs of removed rows,
    so 40 stretches in one history (derived/shift_removed_runs: each row moves by the stretches
    before it, found by place, not once per stretch). Each undone denial joins the two confirm
    runs around it, so each stop row's run number falls by two, and every later row by two for
    each stretch before it: 2 to 80. The refresh must equal a rebuild."""
    history = ["deny" if i % 2 else "confirm" for i in range(200)]
    with _undone(bare, history, range(2, 160, 4), padding=2000) as (cur, (params, moved, only)):
        assert only and moved == 40
        _chain_removed(cur, params)
        stops = cur.execute(  # test-only read
            "SELECT count(DISTINCT stop_id), min(new_run - stop_run), max(new_run - stop_run)"
            " FROM stale_link_tails WHERE capital = 'Paris'"
        ).fetchall()
        assert stops == [(40, -2, -2)]
        sql.execute(cur, "derived/drop_stale_link_groups")
        _assert_refresh_equals_rebuild(cur)
