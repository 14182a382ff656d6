"""The store: migrations, the seed loaded once, and the constraints of DESIGN.md."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from stancewatch import config, db, sql
from stancewatch.params import Filters


def test_migrations_run_once_and_record_versions(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "m.duckdb")
    applied = db.migrate(con)
    assert applied == [v for v, _ in db.migrations()]
    assert db.migrate(con) == []
    assert sql.scalar(con, "schema/current_version") == max(applied)
    con.close()


def test_seed_loads_once_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    con = db.open_db(path)
    assert con.execute("SELECT count(*) FROM statements").fetchall() == [(207,)]
    con.close()
    con = db.open_db(path)  # a restart
    assert con.execute("SELECT count(*), count(DISTINCT batch_id) FROM statements").fetchall() == [
        (207, 1)
    ]
    assert con.execute("SELECT count(*) FROM batches").fetchall() == [(1,)]
    con.close()


def test_seed_is_not_reloaded_after_its_rows_are_gone(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    con = db.open_db(path)
    con.execute("DELETE FROM statements")
    con.close()
    con = db.open_db(path)
    assert con.execute("SELECT count(*) FROM statements").fetchall() == [(0,)]
    con.close()


def test_db_path_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STANCEWATCH_DB", str(tmp_path / "env.duckdb"))
    assert config.db_path() == tmp_path / "env.duckdb"
    assert config.db_path(tmp_path / "x.duckdb") == tmp_path / "x.duckdb"
    monkeypatch.delenv("STANCEWATCH_DB")
    assert config.db_path() == config.DEFAULT_DB


def _insert(con: duckdb.DuckDBPyConnection, **over: object) -> None:
    row = {"capital": "Paris", "stance": "confirm", "fingerprint": "fp-1", "source_url": None}
    row.update(over)
    row["fingerprint"] = hashlib.sha256(str(row["fingerprint"]).encode()).hexdigest()
    con.execute(
        "INSERT INTO statements (stated_on, capital, topic_id, stance, stance_origin, fingerprint,"
        " fingerprint_key, batch_id, source_url) VALUES ('2025-01-01', $capital, 1, $stance,"
        " 'source', $fingerprint, fingerprint_key($fingerprint), 1, $source_url)",
        row,
    )


@pytest.fixture
def with_parents(store: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    store.execute("INSERT INTO topics (title) VALUES ('Synthetic topic')")
    store.execute(
        'INSERT INTO batches (file_name, file_sha256, started_at, "by", rows_read, rows_inserted,'
        " rows_duplicate, rows_rejected, status) VALUES ('t.csv', 'x', now(), 'test', 1, 1, 0, 0,"
        " 'committed')"
    )
    return store


def test_constraints_check_stance_capital_fingerprint_and_url(
    with_parents: duckdb.DuckDBPyConnection,
) -> None:
    _insert(with_parents)
    with pytest.raises(duckdb.ConstraintException):
        _insert(with_parents, fingerprint="fp-2", stance="maybe")
    with pytest.raises(duckdb.ConstraintException):
        _insert(with_parents, fingerprint="fp-3", capital="Atlantis")
    with pytest.raises(duckdb.ConstraintException):
        _insert(with_parents, fingerprint="fp-1")
    with pytest.raises(duckdb.ConstraintException):
        _insert(with_parents, fingerprint="fp-4", source_url="javascript:alert(1)")
    assert with_parents.execute("SELECT count(*) FROM statements").fetchall() == [(1,)]


def test_capitals_are_data(store: duckdb.DuckDBPyConnection) -> None:
    rows = dict(sql.rows(store, "ingest/capitals"))
    assert set(rows) == {"Paris", "Moscow", "Kyiv"}
    assert "Kremlin" in rows["Moscow"] and "Kiev" in rows["Kyiv"] and "Elysee" in rows["Paris"]


def test_second_process_gets_a_clear_lock_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "locked.duckdb"
    con = db.open_db(path, seed=False)
    code = (
        "import sys; from pathlib import Path; from stancewatch import db\n"
        "try:\n    db.connect(Path(sys.argv[1]))\nexcept db.DatabaseLocked as e:\n"
        "    print(e.pid); print(e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=config.ROOT,
        timeout=60,
    ).stdout.splitlines()
    con.close()
    import os

    assert out[0] == str(os.getpid())
    assert "held by process" in out[1] and f"kill {os.getpid()}" in out[1]


def test_stance_links_follow_the_data_version(store: duckdb.DuckDBPyConnection) -> None:
    """The derived table is rebuilt whenever any write moved the data version, and only then."""
    from stancewatch.ingest import ingest_bytes
    from tests.conftest import good_row, make_csv

    assert sql.scalar(store, "derived/links_version") == ""
    ingest_bytes(store, make_csv([good_row(stance="deny")]), file_name="a.csv", by="test")
    db.ensure_stance_links(store)
    version = sql.scalar(store, "derived/links_version")
    assert version == f"{db.data_version(store)}|{db.LINKS_SHAPE}"
    ingest_bytes(
        store, make_csv([good_row(date="2025-03-02", quote="later")]), file_name="b.csv", by="test"
    )
    assert sql.scalar(store, "derived/links_version") == version  # stale until read
    rows = sql.df(store, "analytics/transitions", {**Filters().params()})  # requires: stance_links
    assert rows[["previous_stance", "stance"]].values.tolist() == [["deny", "confirm"]]
    rebuilt = sql.scalar(store, "derived/links_version")
    assert rebuilt == f"{db.data_version(store)}|{db.LINKS_SHAPE}" and rebuilt != version
    # A write that keeps the count and the ids (a topic merge) still moves the version: it logs
    # an action, and the history is then read under its new topic.
    from stancewatch import topic_edits

    store.execute("INSERT INTO topics (title) VALUES ('Synthetic other topic')")
    ids = dict(store.execute("SELECT title, id FROM topics").fetchall())
    merged = db.data_version(store)
    topic_edits.merge(store, ids["Synthetic test topic"], ids["Synthetic other topic"], by="t")
    assert db.data_version(store) != merged
    changes = sql.df(store, "analytics/stance_changes", {**Filters().params(), "limit": None})
    assert changes["topic"].tolist() == ["Synthetic other topic"]
    assert (
        sql.scalar(store, "derived/links_version") == f"{db.data_version(store)}|{db.LINKS_SHAPE}"
    )
    db.rebuild(store, "stance_links")
    sql.execute(store, "derived/set_links_version", {"version": "manual"})
    assert sql.scalar(store, "derived/links_version") == "manual"


def test_migrations_are_numbered_in_order() -> None:
    assert db.migrations() == [
        (1, "schema/001_init"),
        (2, "schema/002_pending_review"),
        (3, "schema/003_curation"),
        (4, "schema/004_fingerprint_key"),
    ]


def test_migration_4_keeps_every_statement_and_keys_it(tmp_path: Path) -> None:
    """A store at schema 3 (text-indexed fingerprints) moves to the 16-byte key: the same rows
    and ids, each keyed by its fingerprint's first half, duplicates still refused, and the
    parents' foreign-key bookkeeping intact (a topic with no statements can still be deleted)."""
    con = duckdb.connect(str(tmp_path / "v3.duckdb"))
    sql.execute(con, "schema/version_table")
    for version, name in db.migrations()[:3]:
        sql.execute(con, name)
        sql.execute(con, "schema/record_version", {"version": version, "name": name})
    con.execute("INSERT INTO topics (title) VALUES ('Synthetic topic'), ('Synthetic spare')")
    con.execute(
        'INSERT INTO batches (file_name, file_sha256, started_at, "by", rows_read, rows_inserted,'
        " rows_duplicate, rows_rejected, status) VALUES ('t.csv', 'x', now(), 'test', 2, 2, 0, 0,"
        " 'committed')"
    )
    prints = [hashlib.sha256(label.encode()).hexdigest() for label in ("a", "b")]
    for fingerprint in prints:
        con.execute(
            "INSERT INTO statements (stated_on, capital, topic_id, stance, stance_origin,"
            " fingerprint, batch_id) VALUES ('2025-01-01', 'Paris', 1, 'deny', 'source', $f, 1)",
            {"f": fingerprint},
        )
    before = con.execute("SELECT * FROM statements ORDER BY id").fetchall()
    assert db.migrate(con) == [4]
    after = con.execute("SELECT * FROM statements ORDER BY id").fetchall()
    assert [row[:-1] for row in after] == before
    assert [row[-1] for row in after] == [bytes.fromhex(f[:32]) for f in prints]
    with pytest.raises(duckdb.ConstraintException):
        _insert(con, fingerprint="a")  # the same key as the first row
    con.execute("DELETE FROM topics WHERE title = 'Synthetic spare'")
    assert con.execute("SELECT count(*) FROM topics").fetchall() == [(1,)]
    con.close()


def test_stance_links_of_an_older_shape_are_rebuilt(store: duckdb.DuckDBPyConnection) -> None:
    """A stored table without the columns this code reads is rebuilt though the data did not move."""
    from stancewatch.ingest import ingest_bytes
    from tests.conftest import good_row, make_csv

    ingest_bytes(store, make_csv([good_row(speaker="Speaker X")]), file_name="a.csv", by="test")
    store.execute("CREATE OR REPLACE TABLE stance_links AS SELECT id, capital FROM statements")
    sql.execute(store, "derived/set_links_version", {"version": db.data_version(store)})
    got = sql.df(store, "analytics/kpis", Filters(speakers=["Speaker X"]).params())
    assert int(got.statements.iloc[0]) == 1
