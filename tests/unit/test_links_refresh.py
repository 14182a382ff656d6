"""stance_links refreshed in place equals stance_links rebuilt whole, after every kind of write.

Each write (a batch, an undo, a review, a topic merge and its reversal) is followed by the
in-place refresh (only the stale (capital, topic) groups redone); the table must then hold exactly
the rows a whole rebuild ("derived/rebuild_stance_links") gives. Seed data plus synthetic rows.
The in-place refresh chains "derived/stale_link_groups", "derived/stale_link_rows",
"derived/delete_stale_links", "derived/insert_stale_links" and "derived/drop_stale_link_groups".
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from stancewatch import batches, db, ingest, review, sql, topic_edits

HEADER = "date,capital,speaker,topic,stance,quote,source_url\n"


def _links(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute("SELECT * FROM stance_links ORDER BY id").fetchall()  # test-only read


def _rebuilt(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """What a whole rebuild gives, computed in a transaction that is rolled back."""
    cur = con.cursor()
    try:
        cur.begin()
        sql.execute(cur, "derived/rebuild_stance_links")
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


def test_a_large_change_is_rebuilt_whole(store: duckdb.DuckDBPyConnection) -> None:
    rows = [
        f"2024-02-{day:02d},Paris,Synthetic speaker,Synthetic topic {day} (test),confirm,"
        f"Synthetic words {day},https://x.invalid/{day}\n"
        for day in range(1, 29)
    ]
    for n in range(3):  # more statements than IN_PLACE_SHARE of the store's links
        _batch(store, *[r.replace("Synthetic words", f"Synthetic words {n}") for r in rows])
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
