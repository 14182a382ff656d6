"""stance_links refreshed in place equals stance_links rebuilt whole, after every kind of write.

Each write (a batch, an undo, a review, a topic merge and its reversal) is followed by the
in-place refresh (in each stale (capital, topic) group, only its rows from the first change to
the row after the last are redone, the later run numbers moved); the table must then hold exactly
the rows a whole rebuild (db.rebuild_stance_links: "derived/clear_stance_links", then "derived/insert_capital_links" for each of "derived/link_capitals") gives. Seed data plus synthetic rows.
The in-place refresh asks db.links_state ("derived/links_signature" against
"derived/statements_signature"); when only statements arrived it chains
"derived/appended_link_cuts", after undos and reviews "derived/known_link_cuts"
(tests/unit/test_refresh_after_writes.py), otherwise "derived/stale_link_groups",
"derived/stale_link_rows" and "derived/changed_link_cuts"; then "derived/stale_link_tails",
"derived/stale_tail_rows", "derived/delete_stale_links", "derived/insert_stale_links",
"derived/shift_stale_runs" and "derived/drop_stale_link_groups".
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.refresh import SHARES, shares_lifted
from stancewatch import batches, db, ingest, review, sql, topic_edits

HEADER = "date,capital,speaker,topic,stance,quote,source_url\n"


def _links(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute("SELECT * FROM stance_links ORDER BY id").fetchall()  # test-only read


def _rebuilt(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """What a whole rebuild gives, computed in a transaction that is rolled back."""
    cur = con.cursor()
    try:
        cur.begin()
        db.rebuild(cur, "stance_links")
        rows = _links(cur)
        cur.rollback()
        return rows
    finally:
        cur.close()


def _in_place(con: duckdb.DuckDBPyConnection) -> bool:
    """The in-place refresh and its version, as ensure_stance_links runs them."""
    cur = con.cursor()
    try:
        cur.begin()
        done = db._update_links_in_place(cur)
        if not done:  # declined: ensure_stance_links would rebuild whole
            cur.rollback()
            return False
        current = f"{db.data_version(cur)}|{db.LINKS_SHAPE}"
        sql.execute(cur, "derived/set_links_version", {"version": current})
        cur.commit()
        return True
    finally:
        cur.close()


@pytest.fixture
def store(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = db.open_db(tmp_path / "links.duckdb")  # the 207 real statements
    db.ensure_stance_links(con)
    yield con
    con.close()


def _batch(con: duckdb.DuckDBPyConnection, *rows: str) -> int:
    report = ingest.ingest_bytes(con, (HEADER + "".join(rows)).encode(), file_name="t.csv", by="t")
    assert report.batch_id is not None, report.summary()
    return report.batch_id


def _check(con: duckdb.DuckDBPyConnection, *, in_place: bool = True) -> None:
    assert _in_place(con) is in_place
    assert _links(con) == _rebuilt(con)


def test_every_kind_of_write_is_refreshed_in_place_exactly(
    store: duckdb.DuckDBPyConnection,
) -> None:
    # A batch: one existing group (Moscow on a seed topic) and one new topic.
    title = store.execute(
        "SELECT t.title FROM statements s JOIN topics t ON t.id = s.topic_id "
        "WHERE s.capital = 'Moscow' ORDER BY s.id LIMIT 1"
    ).fetchone()[0]  # test-only read
    first = _batch(
        store,
        f'2025-01-02,Moscow,Synthetic speaker,"{title}",deny,Synthetic quote one,https://x.invalid/1\n',
        "2025-01-03,Paris,Synthetic speaker,Synthetic topic (test),confirm,Synthetic two,https://x.invalid/2\n",
        "2025-01-04,Paris,Synthetic speaker,Synthetic topic (test),deny,Synthetic three,https://x.invalid/3\n",
    )
    _check(store)
    # A review: one stored stance changed by a person.
    sid, stance = store.execute(
        "SELECT id, stance FROM statements WHERE capital = 'Kyiv' ORDER BY id LIMIT 1"
    ).fetchone()  # test-only read
    review.set_stance(store, sid, "deny" if stance != "deny" else "confirm", by="t", seen=stance)
    _check(store)
    # A topic merge and its reversal: statements move between groups and back.
    ids = dict(
        store.execute("SELECT title, id FROM topics").fetchall()  # test-only read
    )
    edit = topic_edits.merge(store, ids["Synthetic topic (test)"], ids[title], by="t")
    _check(store)
    topic_edits.reverse(store, edit, by="t")
    _check(store)
    # An undo: the batch's groups shrink, the new topic's group disappears.
    batches.undo_batch(store, first, by="t")
    _check(store)
    # Nothing changed: nothing stale, still in place (and nothing to do).
    _check(store)


# The rebuild as one query over every capital, as it was before it went a range of capitals at a
# time (43e2057): an oracle for db.rebuild_stance_links, test-only.
ONE_PASS = """
SELECT *, CAST(sum((previous_stance IS NULL OR previous_stance <> stance)::INTEGER)
              OVER (PARTITION BY capital, topic_id ORDER BY stated_on, id) AS BIGINT) AS run_no
FROM (
    SELECT id, capital, topic_id, stated_on, stance, speaker,
           lag(id) OVER w AS previous_id, lag(stance) OVER w AS previous_stance,
           lag(stated_on) OVER w AS previous_on, lead(stated_on) OVER w AS next_on
    FROM statements WHERE stance IS NOT NULL
    WINDOW w AS (PARTITION BY capital, topic_id ORDER BY stated_on, id)
)
ORDER BY capital, topic_id, stated_on, id
"""


@pytest.mark.parametrize("parts", [1, 2, 3, 4, 9])
def test_a_rebuild_by_ranges_of_capitals_equals_one_pass(
    store: duckdb.DuckDBPyConnection, parts: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same rows, columns and types, stored in the same order, however the capitals are
    split: with capitals beyond the three (one with no statements, names on either side of
    theirs in byte order), pending rows, and the real seed."""
    store.execute(
        "INSERT INTO capitals (name) VALUES ('Aaa synthetic'), ('Zzz synthetic'), "
        "('Mmm synthetic, no statements'), ('Kyiv synthetic')"
    )  # test-only: the set of capitals is data
    _batch(
        store,
        "2025-01-02,Aaa synthetic,S1,Synthetic topic 1,confirm,Synthetic q1,https://e.org/1\n",
        "2025-01-03,Aaa synthetic,S1,Synthetic topic 1,deny,Synthetic q2,https://e.org/2\n",
        "2025-01-03,Zzz synthetic,S2,Synthetic topic 1,deny,Synthetic q3,https://e.org/3\n",
        "2025-01-04,Kyiv synthetic,S3,Synthetic topic 2,no_comment,Synthetic q4,https://e.org/4\n",
    )
    pending = (
        HEADER + "2025-01-05,Kyiv,S3,Synthetic topic 2,,Synthetic weather q5,https://e.org/5\n"
    )
    report = ingest.ingest_bytes(
        store, pending.encode(), file_name="p.csv", by="t", pending_review=True
    )
    assert report.rows_pending == 1, report.summary()
    monkeypatch.setattr(db, "LINK_REBUILD_PARTS", parts)
    cur = store.cursor()
    cur.begin()
    try:
        expected = cur.execute(ONE_PASS).fetchall()
        expected_columns = [(d[0], str(d[1])) for d in cur.description]
        db.rebuild(cur, "stance_links")
        stored = cur.execute("SELECT * FROM stance_links").fetchall()  # as stored: no ORDER BY
        columns = [(d[0], str(d[1])) for d in cur.description]
    finally:
        cur.rollback()
        cur.close()
    assert {r[1] for r in stored} >= {"Aaa synthetic", "Zzz synthetic", "Kyiv synthetic", "Paris"}
    assert stored == expected
    assert columns == expected_columns  # names and types


def test_a_large_change_inside_histories_is_rebuilt_whole(
    store: duckdb.DuckDBPyConnection,
) -> None:
    """Statements dated before every stored one, on the stored topics: each lands at the start of
    its history, and they are more than IN_PLACE_SHARE of the store's links."""
    topics = sql.df(store, "curation/topics")
    topics = topics.loc[topics["statements"] > 0, "title"].head(20).tolist()
    rows = [
        f'1990-01-{day:02d},{capital},Synthetic speaker,"{topic}",deny,'
        f"Synthetic words {day} {capital} {i},https://x.invalid/{day}/{i}\n"
        for i, topic in enumerate(topics)
        for capital in ("Paris", "Moscow", "Kyiv")
        for day in (1, 2)
    ]
    linked = store.execute("SELECT count(*) FROM stance_links").fetchall()[0][0]  # test-only
    assert len(rows) > db.IN_PLACE_SHARE * linked
    _batch(store, *rows)
    assert _in_place(store) is False
    db.ensure_stance_links(store)
    assert _links(store) == _rebuilt(store)


def test_a_large_batch_after_every_history_is_appended_in_place(
    store: duckdb.DuckDBPyConnection,
) -> None:
    """New topics (84 statements, 40% of the seed's links): appended, however many, up to
    APPEND_SHARE; past it, rebuilt whole."""
    rows = [
        f"2024-02-{day:02d},Paris,Synthetic speaker,Synthetic topic {day} (test),confirm,"
        f"Synthetic words {day},https://x.invalid/{day}\n"
        for day in range(1, 29)
    ]
    for n in range(3):  # more statements than IN_PLACE_SHARE of the store's links
        _batch(store, *[r.replace("Synthetic words", f"Synthetic words {n}") for r in rows])
    _check(store)
    linked = store.execute("SELECT count(*) FROM stance_links").fetchall()[0][0]  # test-only
    n = 3
    while (n - 3) * len(rows) <= db.APPEND_SHARE * linked:  # past APPEND_SHARE of the links
        _batch(store, *[r.replace("Synthetic words", f"Synthetic words {n}") for r in rows])
        n += 1
    assert _in_place(store) is False
    db.ensure_stance_links(store)
    assert _links(store) == _rebuilt(store)


def test_ensure_stance_links_refreshes_after_a_batch(store: duckdb.DuckDBPyConnection) -> None:
    _batch(
        store,
        "2025-03-01,Kyiv,Synthetic speaker,Synthetic topic (test),confirm,Synthetic a,https://x.invalid/a\n",
        "2025-03-02,Kyiv,Synthetic speaker,Synthetic topic (test),no_comment,Synthetic b,https://x.invalid/b\n",
    )
    db.ensure_stance_links(store)
    assert _links(store) == _rebuilt(store)
    assert sql.scalar(store, "derived/links_version").startswith(db.data_version(store))


def test_a_backup_with_stance_links_of_an_older_shape_restores_and_rebuilds_it(
    tmp_path: Path,
) -> None:
    """A derived cache whose columns differ from this code's is left out of a restore (its
    version key names the old shape), and the first read rebuilds it from the statements."""
    import json

    import pyarrow.parquet as pq

    from stancewatch import backup

    con = db.open_db(tmp_path / "live.duckdb")
    db.ensure_stance_links(con)
    want = _links(con)
    out = tmp_path / "backup"
    backup.backup(con, out)
    con.close()
    older = pq.read_table(out / "stance_links.parquet").drop_columns(["run_no"])
    pq.write_table(older, out / "stance_links.parquet")  # as a links-v2 store wrote it
    manifest = json.loads((out / "manifest.json").read_text())
    for table in manifest["tables"]:
        if table["name"] == "stance_links":
            table["sha256"] = backup._sha256(out / "stance_links.parquet")
    (out / "manifest.json").write_text(json.dumps(manifest))
    backup.restore(out, tmp_path / "restored.duckdb")
    restored = db.open_db(tmp_path / "restored.duckdb", seed=False)
    try:
        settings = dict(restored.execute("SELECT key, value FROM settings").fetchall())
        settings_version = settings["stance_links_version"]
        restored.execute(  # test-only: say the backup's cache was of the older shape
            "UPDATE settings SET value = $v WHERE key = 'stance_links_version'",
            {"v": settings_version.replace(db.LINKS_SHAPE, "links-v2")},
        )
        assert _links(restored) == []  # left empty by the restore
        db.ensure_stance_links(restored)
        assert _links(restored) == want
    finally:
        restored.close()


# ---- any history, any write: the tail refresh against a whole rebuild -----------------------

ROW = st.tuples(
    st.sampled_from(["Paris", "Kyiv"]),
    st.integers(1, 3),  # topic id
    st.integers(0, 12),  # day: few days, so many ties broken by arrival
    st.sampled_from(["confirm", "deny", "no_comment", None]),  # None: awaiting review
    st.sampled_from(["A", "B", None]),
)
WRITE = st.one_of(
    st.tuples(st.just("add"), ROW),
    st.tuples(st.just("delete"), st.integers(0, 99)),
    st.tuples(st.just("stance"), st.integers(0, 99), st.sampled_from(["confirm", "deny", None])),
    st.tuples(st.just("date"), st.integers(0, 99), st.integers(0, 12)),
    st.tuples(st.just("topic"), st.integers(0, 99), st.integers(1, 3)),
    st.tuples(st.just("speaker"), st.integers(0, 99), st.sampled_from(["A", "C"])),
    st.tuples(st.just("capital"), st.integers(0, 99), st.sampled_from(["Paris", "Kyiv"])),
)


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    """An empty store with three topics and one batch for the synthetic rows to point at."""
    con = db.open_db(tmp_path_factory.mktemp("tails") / "tails.duckdb", seed=False)
    con.execute(  # test-only setup
        "INSERT INTO topics (id, title) VALUES (1, 't1'), (2, 't2'), (3, 't3');"
        "INSERT INTO batches VALUES (1, 'synthetic', '', now(), now(), 't', 0, 0, 0, 0, 'committed')"
    )
    yield con
    con.close()


def _add(cur: duckdb.DuckDBPyConnection, sid: int, row: tuple) -> None:
    capital, topic, day, stance, speaker = row
    cur.execute(  # test-only write: a synthetic statement with the given arrival id
        "INSERT INTO statements (id, stated_on, capital, speaker, topic_id, stance, stance_origin,"
        " fingerprint, fingerprint_key, batch_id) VALUES ($id, DATE '2025-01-01' + $day, $c, $sp,"
        " $t, $st, 'source', $fp, unhex(md5($fp)), 1)",
        {"id": sid, "day": day, "c": capital, "sp": speaker, "t": topic, "st": stance,
         "fp": f"synthetic {sid}"},
    )  # fmt: skip


def _write(cur: duckdb.DuckDBPyConnection, ids: dict, kind: str, *args) -> None:
    """One write to the synthetic history. `ids` follows it: "live" ids, and the "last" issued
    (a new id is an arrival: larger than any before it, deleted ones included)."""
    live = ids["live"]
    if kind == "add":
        ids["last"] += 1
        live.append(ids["last"])
        _add(cur, ids["last"], args[0])
        return
    if not live:
        return
    sid = live[args[0] % len(live)]
    if kind == "delete":  # test-only writes from here on
        cur.execute("DELETE FROM statements WHERE id = $id", {"id": sid})
        live.remove(sid)
    elif kind == "date":
        cur.execute(
            "UPDATE statements SET stated_on = DATE '2025-01-01' + $v WHERE id = $id",
            {"v": args[1], "id": sid},
        )
    else:
        cur.execute(UPDATES[kind], {"v": args[1], "id": sid})


UPDATES = {  # test-only writes, one statement per column, values bound
    "stance": "UPDATE statements SET stance = $v WHERE id = $id",
    "topic": "UPDATE statements SET topic_id = $v WHERE id = $id",
    "speaker": "UPDATE statements SET speaker = $v WHERE id = $id",
    "capital": "UPDATE statements SET capital = $v WHERE id = $id",
}


@settings(max_examples=150, deadline=None)
@given(
    st.lists(ROW, max_size=25),
    st.lists(st.lists(WRITE, min_size=1, max_size=6), min_size=1, max_size=2),
)
def test_the_tail_refresh_equals_a_rebuild_after_any_write(
    bare: duckdb.DuckDBPyConnection, history: list[tuple], rounds: list[list[tuple]]
) -> None:
    """Adds before, between (same day: arrival decides) and after the rows of a history, and
    deletions, stance changes, new dates, topic, speaker and capital changes of any of its rows;
    a second round of writes refreshes a table that was itself refreshed in place. In a history
    this short most writes would pass a share and be rebuilt whole: the shares are lifted."""
    with shares_lifted():
        cur = bare.cursor()
        cur.begin()
        try:
            ids: dict = {"live": [], "last": 0}
            for row in history:
                _write(cur, ids, "add", row)
            db.rebuild(cur, "stance_links")
            for writes in rounds:
                for kind, *args in writes:
                    _write(cur, ids, kind, *args)
                linked = cur.execute("SELECT count(*) FROM stance_links").fetchone()[0]  # test-only
                state = db.links_state(cur)
                appended, upto = state.appended, state.upto
                if appended:  # its premise, checked directly
                    built = set(
                        cur.execute(  # test-only read
                            "SELECT id, capital, topic_id, stated_on, stance, speaker FROM stance_links"
                        ).fetchall()
                    )
                    assert upto == max(row[0] for row in built)
                    now = cur.execute(  # test-only read
                        "SELECT id, capital, topic_id, stated_on, stance, speaker FROM statements"
                        " WHERE stance IS NOT NULL AND id <= $upto",
                        {"upto": upto},
                    ).fetchall()
                    assert set(now) == built
                _assert_tail_count(cur, appended, upto)
                if not db._update_links_in_place(cur):
                    assert linked == 0  # nothing to keep: a first history is built whole
                    db.rebuild(cur, "stance_links")
                refreshed = _links(cur)
                cur.execute("CREATE OR REPLACE TEMP TABLE kept AS FROM stance_links")  # test-only
                db.rebuild(cur, "stance_links")
                assert refreshed == _links(cur)
                cur.execute(
                    "CREATE OR REPLACE TABLE stance_links AS FROM kept"
                )  # the refreshed one
        finally:
            cur.rollback()
            cur.close()


def _assert_tail_count(cur: duckdb.DuckDBPyConnection, appended: bool, upto: int) -> None:
    """stale_link_tails counts each group's tail in the pass that finds its redo row: the sum is
    the number of rows the refresh's delete takes (counted here by that delete's own predicate)."""
    if appended:
        sql.execute(cur, "derived/appended_link_cuts", {"upto": upto, "places_per_history": 0})
    else:
        sql.execute(cur, "derived/stale_link_groups")
        sql.execute(cur, "derived/changed_link_cuts")
    sql.execute(cur, "derived/stale_link_tails")
    deleted = cur.execute(  # test-only read: the rows delete_stale_links removes
        "SELECT count(*) FROM stance_links AS l JOIN stale_link_tails AS t"
        " ON t.capital = l.capital AND t.topic_id = l.topic_id"
        " WHERE (t.redo_id IS NULL OR l.stated_on > t.redo_on"
        " OR (l.stated_on = t.redo_on AND l.id >= t.redo_id))"
        " AND (t.stop_id IS NULL OR l.stated_on < t.stop_on"
        " OR (l.stated_on = t.stop_on AND l.id <= t.stop_id))"
    ).fetchone()[0]
    assert sql.scalar(cur, "derived/stale_tail_rows") == deleted
    sql.execute(cur, "derived/drop_stale_link_groups")


def _assert_refreshed_in_place(cur: duckdb.DuckDBPyConnection) -> None:
    """Refreshed in place, and then equal to a whole rebuild (which replaces it)."""
    assert db._update_links_in_place(cur)
    refreshed = _links(cur)
    db.rebuild(cur, "stance_links")
    assert refreshed == _links(cur)


def test_a_statement_at_the_end_of_a_long_history_redoes_only_the_tail(
    bare: duckdb.DuckDBPyConnection,
) -> None:
    """The point of the tails: one new statement after 200 keeps the first 198 rows' links."""
    cur = bare.cursor()
    cur.begin()
    try:
        for sid in range(1, 201):
            _add(cur, sid, ("Paris", 1, sid // 20, ["confirm", "deny"][sid // 50 % 2], "A"))
        db.rebuild(cur, "stance_links")
        _add(cur, 201, ("Paris", 1, 12, "no_comment", "A"))
        # An arrival only: 1 new statement above the 200 linked.
        state = db.links_state(cur)
        assert (state.appended, state.upto, state.arrived, state.linked) == (True, 200, 1, 200)
        upto = {"upto": 200, "places_per_history": 0}
        for cuts, params in (("derived/appended_link_cuts", upto),
                             ("derived/changed_link_cuts", None)):  # fmt: skip
            sql.execute(cur, "derived/stale_link_groups")
            sql.execute(cur, cuts, params)  # both find the same cut
            sql.execute(cur, "derived/stale_link_tails")
            tails = cur.execute(
                "SELECT redo_id, start_id, start_run FROM stale_link_tails"
            ).fetchall()
            assert tails == [(200, 199, 4)], cuts  # redo from the last old row; restart before it
            sql.execute(cur, "derived/drop_stale_link_groups")
        _assert_refreshed_in_place(cur)
    finally:
        cur.rollback()
        cur.close()


@pytest.mark.parametrize(
    ("write", "appended", "appends"),
    [
        (("add", ("Paris", 1, 12, "deny", "A")), True, True),  # after the latest: appended
        (("add", ("Paris", 1, 10, "deny", "A")), True, True),  # the last day: arrival decides
        (("add", ("Paris", 1, 0, "deny", "A")), True, False),  # back-dated: a cut at the start
        (("add", ("Paris", 1, 5, "deny", "A")), True, False),  # a same-day tie inside
        (("add", ("Kyiv", 3, 2, "deny", None)), True, True),  # a new group
        (("add", ("Paris", 1, 3, None, "A")), True, True),  # awaiting review: nothing to link
        (("stance", 40, "deny"), True, True),  # a pending statement after the last: now linked
        (("delete", 3), False, None),
        (("stance", 3, "no_comment"), False, None),
        (("stance", 3, None), False, None),  # back to review: leaves the links
        (("stance", 1, "deny"), False, None),  # a pending statement from before: joins them
        (("date", 3, 11), False, None),
        (("topic", 3, 2), False, None),
        (("speaker", 3, "C"), False, None),
        (("capital", 3, "Kyiv"), False, None),
        (("speakers", 4, 5), False, None),  # two rows of one speaker changed alike must not cancel
    ],
)
def test_only_arrivals_take_the_appended_path(
    bare: duckdb.DuckDBPyConnection,
    write: tuple,
    appended: bool,
    appends: bool | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """db.links_state says whether stance_links still holds exactly the statements
    up to its highest id; only then are the cuts taken from the new statements alone, and when
    they all come after their histories' last rows they are appended (db._append_links, with
    "derived/appended_link_ends", "derived/link_ends_before_cuts", "derived/extend_link_ends",
    "derived/append_stance_links"), nothing deleted. Either way the refresh equals a rebuild (in
    place whatever its size: the shares are lifted). `appends`: None when it is not asked."""
    for name in SHARES:
        monkeypatch.setattr(db, name, 1e9)
    asked: list[bool] = []
    append = db._append_links
    monkeypatch.setattr(db, "_append_links", lambda c, u: asked.append(append(c, u)) or asked[-1])
    cur = bare.cursor()
    cur.begin()
    try:
        for sid in range(1, 41):  # ids 1 and 40 await review; 40 arrives after the last linked
            stance = None if sid in (1, 40) else ["confirm", "deny"][sid // 7 % 2]
            _add(cur, sid, ("Paris", 1, sid // 4, stance, "A" if sid % 3 else "B"))
        db.rebuild(cur, "stance_links")
        assert db.links_state(cur).appended  # nothing changed yet
        kind, *args = write
        if kind == "add":
            _add(cur, 41, args[0])
        elif kind == "speakers":
            cur.execute(  # test-only write: two linked rows of one speaker both change
                "UPDATE statements SET speaker = 'C' WHERE id IN ($a, $b)",
                {"a": args[0], "b": args[1]},
            )
        else:
            _write(cur, {"live": list(range(0, 41)), "last": 40}, kind, *args)
        assert db.links_state(cur).appended is appended
        _assert_refreshed_in_place(cur)
        assert asked == ([] if appends is None else [appends])
    finally:
        cur.rollback()
        cur.close()


def test_a_change_early_in_a_long_history_redoes_its_rows_and_moves_later_run_numbers(
    bare: duckdb.DuckDBPyConnection,
) -> None:
    """A review early in a history of 100 redoes three rows (the one before, itself, the one
    after: "stop") and moves every later row's run number ("derived/shift_stale_runs"); changes
    far apart redo every row between them, past IN_PLACE_SHARE: rebuilt whole (in order)."""
    cur = bare.cursor()
    cur.begin()
    try:
        for sid in range(1, 101):
            _add(cur, sid, ("Kyiv", 2, sid // 10, "confirm", "A"))
        db.rebuild(cur, "stance_links")
        cur.execute("UPDATE statements SET stance = 'deny' WHERE id = 2")  # test-only review
        sql.execute(cur, "derived/stale_link_groups")
        sql.execute(cur, "derived/changed_link_cuts")
        sql.execute(cur, "derived/stale_link_tails")
        tails = cur.execute(  # test-only read
            "SELECT redo_id, stop_id, stop_run, tail_rows FROM stale_link_tails"
        ).fetchall()
        assert tails == [(1, 3, 1, 3)]
        sql.execute(cur, "derived/drop_stale_link_groups")
        _assert_refreshed_in_place(cur)  # one run became three: ids 3 to 100 are in the third
        runs = "SELECT run_no FROM stance_links WHERE id IN (3, 100) ORDER BY id"  # test-only
        assert cur.execute(runs).fetchall() == [(3,), (3,)]
        cur.execute("UPDATE statements SET stance = 'confirm' WHERE id = 2")  # test-only: back
        _assert_refreshed_in_place(cur)  # the run numbers move back
        assert cur.execute(runs).fetchall() == [(1,), (1,)]
        cur.execute("UPDATE statements SET stance = 'deny' WHERE id IN (2, 99)")  # test-only
        assert db._update_links_in_place(cur) is False
    finally:
        cur.rollback()
        cur.close()


@pytest.mark.parametrize(("padding", "in_place"), [(140, True), (60, False)])
def test_a_redo_is_judged_on_the_rows_it_rewrites(
    bare: duckdb.DuckDBPyConnection, padding: int, in_place: bool
) -> None:
    """Two reviews far apart in a history of 100 redo the rows between them (about 100): with 140
    statements in another history that is 41% of the links, under REDO_SHARE (in place, though
    past IN_PLACE_SHARE); with 60 it is 62%, past it (rebuilt whole)."""
    cur = bare.cursor()
    cur.begin()
    try:
        for sid in range(1, 101):
            _add(cur, sid, ("Kyiv", 2, sid // 10, "confirm", "A"))
        for sid in range(101, 101 + padding):
            _add(cur, sid, ("Paris", 3, sid, "confirm", "B"))
        db.rebuild(cur, "stance_links")
        linked = 100 + padding
        cur.execute("UPDATE statements SET stance = 'deny' WHERE id IN (2, 99)")  # test-only
        sql.execute(cur, "derived/stale_link_groups")
        sql.execute(cur, "derived/changed_link_cuts")
        sql.execute(cur, "derived/stale_link_tails")
        rewritten = sql.scalar(cur, "derived/stale_tail_rows")
        assert db.IN_PLACE_SHARE * linked < rewritten
        assert (rewritten <= db.REDO_SHARE * linked) is in_place
        sql.execute(cur, "derived/drop_stale_link_groups")
        if in_place:
            _assert_refreshed_in_place(cur)
        else:
            assert db._update_links_in_place(cur) is False
    finally:
        cur.rollback()
        cur.close()
